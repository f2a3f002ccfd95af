"""The most frequent findings per category across real catalogs, for checking them by hand.

    python bench/top_findings.py DATA_DIR [--top 30] [--categories ip,prohibited,claims,adlaw]

Audits every catalog file under DATA_DIR that listingkit reads (CSV, JSON, JSONL) with the
compliance packs, then prints, per category, the most frequent (code, matched text) pairs with a
count and one example title. False positives show up here first: fix the rules, not the examples.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

# Files that are word lists, labels or dictionaries rather than catalogs.
SKIP_DIRS = {"brand_lists", "ip_characters", "zh_prohibited_words", "keyword_research"}
SKIP_FILES = {"meli_item_description_MLA.json"}  # descriptions only, no listing


def catalog_files(data: Path) -> list[Path]:
    out = []
    for path in sorted(data.rglob("*")):
        if path.suffix not in (".csv", ".json", ".jsonl") or path.parent.name in SKIP_DIRS or path.name in SKIP_FILES:
            continue
        out.append(path)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--categories", default="ip,prohibited,claims,adlaw")
    args = parser.parse_args()
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    examples: dict[tuple[str, str], str] = {}
    for path in catalog_files(args.data):
        command = [sys.executable, "-m", "listingkit", "audit", str(path), "--format", "json"]
        command += ["--select", args.categories, "--fail-on", "never", "--no-progress"]
        if path.parent.name.startswith("zh_"):
            command += ["--marketplace", "taobao"]  # Chinese titles without a marketplace column
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not result.stdout.strip():
            print(f"{path.name}: exit {result.returncode}: {result.stderr.strip()[:200]}", file=sys.stderr)
            continue
        for listing in json.loads(result.stdout)["listings"]:
            for finding in listing["findings"]:
                key = (finding["code"], (finding.get("match") or "").casefold())
                counts[finding["category"]][key] += 1
                examples.setdefault(key, f"{path.name}:{listing['row']} {finding.get('field')}")
    for category in args.categories.split(","):
        print(f"\n## {category}")
        for (code, match), n in counts[category].most_common(args.top):
            print(f"{n:5}  {code}  {match!r:30}  e.g. {examples[(code, match)]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
