"""Benchmark: fixing a generated catalog against auditing it, in one process each.

    python bench/fix_bench.py --rows 20000

Prints the time of `audit` and of `fix` (audit, fixes, re-audit of changed listings, writing the
annotated file) on the same catalog; the target is a fix costing at most twice the audit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from audit_bench import generate

from listingkit.audit import Auditor, Summary
from listingkit.catalog import ReadOptions
from listingkit.fix.engine import FixOptions
from listingkit.fix.run import Fixer, RunOptions
from listingkit.rules.ruleset import RuleSet


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--marketplace", default="amazon-us")
    args = parser.parse_args()
    ruleset = RuleSet.load(dt.date(2026, 11, 21))
    options = ReadOptions(marketplace=args.marketplace)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalog.csv"
        generate(path, args.rows)
        list(Auditor(ruleset, options).records([path], Summary(), 1))  # load models and lexicons once
        start = time.perf_counter()
        findings = sum(len(r["findings"]) for r in Auditor(ruleset, options).records([path], Summary(), 1))
        audit_s = time.perf_counter() - start
        start = time.perf_counter()
        fixer = Fixer(Auditor(ruleset, options), RunOptions(FixOptions()))
        done = fixer.run_file(path, Path(tmp) / "fixed.csv", in_place=False)
        fix_s = time.perf_counter() - start
    print(f"catalog: {args.rows:,} rows, marketplace {args.marketplace}, one process")
    print(f"audit:  {audit_s:7.2f} s  {findings:,} findings")
    print(f"fix:    {fix_s:7.2f} s  {len(done.changed):,} listings changed")
    print(f"ratio fix/audit: {fix_s / audit_s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
