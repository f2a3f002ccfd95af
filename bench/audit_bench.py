"""Benchmark: audit a generated catalog and compare with just reading it with the csv module.

    python bench/audit_bench.py                 # 100 000 rows, amazon-us, every shipped rule
    python bench/audit_bench.py --rows 20000 --select title
    python bench/audit_bench.py --select ip --select prohibited --select claims --select adlaw --against title

Prints rows per second for reading and auditing and the ratio audit / read (the target is 5 or
less). The catalog is generated with a fixed seed, realistic field sizes (five bullets, a
description of about 1 KB, images, search terms) and planted problems, so runs are comparable.
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

from listingkit.audit import Auditor, Summary
from listingkit.catalog import ReadOptions
from listingkit.rules.ruleset import RuleSet

BRANDS = ["Lumio", "Hydrako", "Pawlux", "Nordwind", "Kasa Verde", "ZenPro", "Aurelia", "Brightlane"]
PRODUCTS = [
    "Phone Case",
    "Water Bottle",
    "Dog Bed",
    "Yoga Mat",
    "Desk Lamp",
    "Backpack",
    "Throw Blanket",
    "Wireless Earbuds",
    "Kitchen Knife Set",
    "Car Phone Holder",
    "Baby Bottle",
    "Garden Hose",
]
ATTRIBUTES = [
    "Stainless Steel",
    "Waterproof",
    "Leak-Proof",
    "Memory Foam",
    "Non-Slip",
    "Rechargeable",
    "Foldable",
    "BPA Free",
    "Large",
    "32 oz",
    "Black",
    "Pack of 2",
    "Ultra Slim",
    "Heavy Duty",
]
SCENES = [
    "for Gym",
    "for Travel",
    "for Camping",
    "for Office",
    "for Kids",
    "for iPhone 15",
    "Gift for Women",
    "for Outdoor Use",
    "for Large Dogs",
    "for Home Kitchen",
]
PROBLEMS = ["!!", " - FREE SHIPPING", " Best Seller", " 😀", " AMAZING", " $19.99"]
FILLER = (
    "Designed for everyday use, this product combines durable materials with a thoughtful design. "
    "It is easy to clean, easy to carry and built to last through years of daily use. "
)
CHINESE = ["加厚珊瑚绒毛毯冬季沙发午睡盖毯", "手机壳适用于苹果15防摔透明软壳", "不锈钢保温杯大容量户外运动水杯"]


def make_title(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return rng.choice(CHINESE) + rng.choice(["包邮", "2026新款", ""])
    parts = [rng.choice(BRANDS), rng.choice(PRODUCTS)]
    parts += rng.sample(ATTRIBUTES, rng.randint(1, 4))
    parts += [rng.choice(SCENES)]
    title = " ".join(parts)
    if rng.random() < 0.3:
        title += rng.choice(PROBLEMS)
    if rng.random() < 0.05:
        title += ", " + ", ".join(rng.sample(ATTRIBUTES, 6)) * 2
    return title


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    header = [
        "sku",
        "title",
        *[f"bullet_point{i}" for i in range(1, 6)],
        "product_description",
        "main_image_url",
        "other_image_url1",
        "other_image_url2",
        "generic_keywords",
        "brand_name",
        "price",
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(rows):
            bullets = [f"{rng.choice(ATTRIBUTES)}: {FILLER[: rng.randint(80, 200)]}" for _ in range(5)]
            description = FILLER * rng.randint(4, 8)
            images = [f"https://img.example.com/{i}-{k}.jpg" for k in range(3)]
            keywords = " ".join(rng.sample([w.lower() for w in ATTRIBUTES + PRODUCTS], 8))
            writer.writerow(
                [
                    f"SKU-{i:07d}",
                    make_title(rng),
                    *bullets,
                    description,
                    *images,
                    keywords,
                    rng.choice(BRANDS),
                    f"{rng.uniform(5, 80):.2f}",
                ]
            )


def time_read(path: Path) -> float:
    start = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        for _ in csv.reader(handle):
            pass
    return time.perf_counter() - start


def time_audit(path: Path, marketplace: str, select: list[str], jobs: int) -> tuple[float, Summary]:
    """Load the rules, read, map and audit every row into its JSON record, as `audit --format jsonl` does."""
    start = time.perf_counter()
    ruleset = RuleSet.load(dt.date(2026, 11, 21), select=select)
    auditor = Auditor(ruleset, ReadOptions(marketplace=marketplace))
    summary = Summary()
    for _ in auditor.records([path], summary, jobs):
        pass
    return time.perf_counter() - start, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--marketplace", default="amazon-us")
    parser.add_argument("--select", action="append", default=[], help="rule selector, as in `audit --select`")
    parser.add_argument("--file", type=Path, help="audit this file instead of a generated one")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (1: audit in this process)")
    parser.add_argument(
        "--against",
        action="append",
        default=[],
        help="also audit the same file with this selector (the core benchmark is `--against title`) and "
        "compare the two audit times; the same reading time divides both, so its noise cancels out. Both "
        "selections are timed twice, in the order A B B A, because a second audit in one process runs slower",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / "catalog.csv"
        if args.file is None:
            generate(path, args.rows)
        size_mb = path.stat().st_size / 1e6
        read_s = min(time_read(path) for _ in range(2))
        audit_s, summary = time_audit(path, args.marketplace, args.select, args.jobs)
        against_s = None
        if args.against:
            against_s = time_audit(path, args.marketplace, args.against, args.jobs)[0]
            against_s = (against_s + time_audit(path, args.marketplace, args.against, args.jobs)[0]) / 2
            audit_s = (audit_s + time_audit(path, args.marketplace, args.select, args.jobs)[0]) / 2
    rows = summary.listings
    print(f"catalog: {rows:,} rows, {size_mb:.0f} MB, marketplace {args.marketplace}, {args.jobs} process(es)")
    print(f"read (csv.reader):  {read_s:6.2f} s  {rows / read_s:10,.0f} rows/s")
    mean = " (mean of two)" if against_s is not None else ""
    print(f"audit (listingkit): {audit_s:6.2f} s  {rows / audit_s:10,.0f} rows/s  {summary.findings:,} findings{mean}")
    print(f"ratio audit/read:   {audit_s / read_s:6.2f}")
    if against_s is not None:
        selected = " ".join(f"--select {s}" for s in args.against)
        print(f"with {selected}: {against_s:6.2f} s (mean of two)  ratio audit/read {against_s / read_s:6.2f}")
        print(f"audit time / that:  {audit_s / against_s:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
