"""Cost of each rule per row, to see where an audit spends its time.

    python bench/rule_costs.py --rows 20000

Generates the benchmark catalog (bench/audit_bench.py), reads it once, then times language
identification, formula tagging, the shared term automaton and every active rule separately on
one core (models and lexicons loaded beforehand), and prints microseconds per row, most
expensive first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_bench import generate

from listingkit import language as langid
from listingkit.catalog import CatalogReader, FileSummary, ReadOptions
from listingkit.rules.ruleset import RuleSet


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--marketplace", default="amazon-us")
    args = parser.parse_args()
    ruleset = RuleSet.load(dt.date(2026, 11, 21))
    reader = CatalogReader(ReadOptions(marketplace=args.marketplace), ruleset.marketplaces)
    expected = tuple(ruleset.marketplaces.languages(args.marketplace))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalog.csv"
        generate(path, args.rows)
        start = time.perf_counter()
        listings = [listing for listing, _ in reader.read(path, FileSummary(file=str(path)))]
        read_s = time.perf_counter() - start
    active = ruleset.active(args.marketplace)
    # Models, lexicons and jieba load once per run: load them before timing.
    langid.warm_up(expected)
    for language in ("en", "zh", *expected):
        ruleset.formula.tag("warm up 加厚毛毯", language)
    cost: Counter[str] = Counter()
    for listing in listings:
        start = time.perf_counter()
        language = langid.detect(listing.title, expected).code
        cost["language identification"] += time.perf_counter() - start
        language = language if language != "und" else (expected[0] if expected else "und")
        start = time.perf_counter()
        tagging = ruleset.tag(listing, language)
        cost["formula tagging"] += time.perf_counter() - start
        ctx = ruleset.context(listing, language, tagging)
        start = time.perf_counter()
        ruleset._find_terms(ctx, active)
        cost["term automaton"] += time.perf_counter() - start
        for checker in active.checkers:
            start = time.perf_counter()
            list(checker.check(ctx))
            cost[f"{checker.rule.code} {checker.rule.name}"] += time.perf_counter() - start
    rows = len(listings)
    print(f"{rows:,} rows; read and map {read_s / rows * 1e6:.1f} us/row")
    for name, seconds in cost.most_common():
        print(f"{name:45} {seconds / rows * 1e6:8.1f} us/row")
    return 0


if __name__ == "__main__":
    sys.exit(main())
