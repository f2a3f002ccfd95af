"""Benchmark: keyword gap of N research phrases against the benchmark catalog.

    python bench/keyword_bench.py                      # 10 000 phrases, 100 000 listings
    python bench/keyword_bench.py --phrases 2000 --rows 20000

Generates the benchmark catalog (bench/audit_bench.py) and a research file of phrases built from
its product and attribute words, then audits the catalog twice with the formula rules only
(whose tagging the keyword gap reuses): without and with the research. It prints both times and
the cost per listing of the keyword work. Phrases are indexed by word stem once; each listing
looks up its core word's phrases, so the cost does not grow with phrases x listings.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from audit_bench import ATTRIBUTES, PRODUCTS, generate

from listingkit.audit import Auditor, Summary
from listingkit.catalog import ReadOptions
from listingkit.keywords.importers import read_keywords
from listingkit.keywords.research import KeywordResearch
from listingkit.rules.ruleset import RuleSet

SCENES = ["for women", "for men", "for kids", "outdoor", "gift", "travel", "office", "kitchen", "camping", "home"]


def write_phrases(path: Path, count: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    seen: set[str] = set()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["keyword", "volume"])
        while len(seen) < count:
            words = [rng.choice(ATTRIBUTES).lower()] * rng.randint(0, 1) + [rng.choice(PRODUCTS).lower()]
            words += [rng.choice(SCENES)] * rng.randint(0, 1)
            phrase = " ".join(words)
            if phrase in seen:  # the word lists give a few thousand phrases; number the rest
                phrase += f" {rng.randint(1, 999_999)}"
            if phrase not in seen:
                seen.add(phrase)
                writer.writerow([phrase, rng.randint(100, 200_000)])


def audit(path: Path, research: KeywordResearch | None, ruleset: RuleSet, jobs: int) -> float:
    start = time.perf_counter()
    auditor = Auditor(ruleset, ReadOptions(marketplace="amazon-us"), research)
    for _ in auditor.records([path], Summary(), jobs):
        pass
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--phrases", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    ruleset = RuleSet.load(dt.date(2026, 11, 21), select=["formula"])
    with tempfile.TemporaryDirectory() as tmp:
        catalog, research_file = Path(tmp) / "catalog.csv", Path(tmp) / "research.csv"
        generate(catalog, args.rows)
        write_phrases(research_file, args.phrases)
        start = time.perf_counter()
        research = KeywordResearch(read_keywords([research_file]), ruleset)
        research.index("en")
        index_s = time.perf_counter() - start
        without = audit(catalog, None, ruleset, args.jobs)
        with_research = audit(catalog, research, ruleset, args.jobs)
    extra = (with_research - without) / args.rows * 1e6
    print(f"{args.phrases:,} phrases indexed in {index_s:.1f} s; {args.rows:,} listings, {args.jobs} process(es)")
    print(f"audit without research: {without:7.1f} s")
    print(f"audit with research:    {with_research:7.1f} s   (+{extra:.0f} us a listing for the keyword gap)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
