"""Precision and recall of the compliance packs on the hand-labelled titles in labels.csv.

A labelled term is found when a finding of its category covers it (case-insensitive text overlap
of the spans). Every other finding of the four categories is a false positive, except info
findings (LK-B504, a device named after "for"), which are allowed uses: a label `ip-compat`
expects exactly that, and an `ip` finding on such a term counts as a false positive.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from listingkit.audit import rules_language
from listingkit.language import detect
from listingkit.marketplaces import shipped_marketplaces
from listingkit.models import Finding, Listing, Severity
from listingkit.rules.ruleset import RuleSet
from tests.conftest import shared_data

LABELS = Path(__file__).parent / "labels.csv"
CATEGORIES = ("ip", "prohibited", "claims", "adlaw")
# The title column and brand column of each source (README.md, "Sources").
COLUMNS = {
    "amazon-us-2020/amazon_com_2020_sample.csv": ("Product Name", "Brand Name"),
    "ebay_browse_api_en/ebay_item_summaries_iphone.csv": ("title", None),
    "flipkart_in/flipkart_titles_brands_20k.csv": ("product_name", "brand"),
    "walmart_us/walmart_products_ttu.csv": ("name", "brand"),
    "walmart_us/walmart_laptops_etl.csv": ("name", None),
    "mercadolibre_api_es_pt/meli_search_results.csv": ("title", "brand_attr"),
    "wildberries_ru/wildberries_titles.csv": ("title", "brand"),
    "shopify_export_ptbr/products_export_1.csv": ("Title", "Vendor"),
    "zh_ecommerce_ner_taobao/titles_with_brand_product_entities.csv": ("title", None),
    "zh_jd_gaiic2022_titles/jd_titles_300_with_entities.csv": ("title", None),
    "zh_taobao_search/taobao_search_zhimahu_2018.csv": ("raw_title", None),
    "etsy_api_listings/etsy.json": ("title", None),
    "wdc_pave_offers_en/wdc_pave_test.jsonl": ("input_title", None),
}


@dataclass
class Row:
    id: str
    marketplace: str
    title: str
    brand: str
    expected: list[tuple[str, str]]


@dataclass
class Tally:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def precision(self, category: str) -> float:
        found = self.tp[category] + self.fp[category]
        return self.tp[category] / found if found else 1.0

    def recall(self, category: str) -> float:
        wanted = self.tp[category] + self.fn[category]
        return self.tp[category] / wanted if wanted else 1.0


@cache
def _records(source: str) -> list[dict[str, Any]]:
    path = shared_data(*source.split("/"))
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data.get("results", data) if isinstance(data, dict) else data
        return [dict(i) for i in items]
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _cell(record: dict[str, Any], column: str | None) -> str:
    value = record.get(column) if column else None
    return value if isinstance(value, str) else ""


def load_rows() -> list[Row]:
    rows = []
    with LABELS.open(encoding="utf-8", newline="") as handle:
        for item in csv.DictReader(handle):
            if item["source"] == "written":
                title, brand = item["text"], item["brand"]
            else:
                record = _records(item["source"])[int(item["row"]) - 1]
                title_column, brand_column = COLUMNS[item["source"]]
                title, brand = _cell(record, title_column), _cell(record, brand_column)
            expected = []
            for part in filter(None, (p.strip() for p in item["expected"].split(";"))):
                category, _, term = part.partition(":")
                expected.append((category.strip(), term.strip()))
            rows.append(Row(item["id"], item["marketplace"] or "generic", title, brand, expected))
    return rows


def _covers(finding: Finding, title: str, term: str) -> bool:
    if finding.start is None or finding.end is None:
        return False
    lowered = title.casefold()
    at = lowered.find(term.casefold())
    while at >= 0:
        if finding.start < at + len(term) and at < finding.end:
            return True
        at = lowered.find(term.casefold(), at + 1)
    return False


def findings_for(ruleset: RuleSet, row: Row) -> list[Finding]:
    registry = shipped_marketplaces()
    marketplace = registry.resolve(row.marketplace)
    listing = Listing(file="labels", row=1, line=2, end_line=2, sku=row.id, marketplace=marketplace or "generic")
    listing.title = row.title
    listing.brand = row.brand
    detected = detect(row.title).code
    language = rules_language(listing, detected, registry.languages(listing.marketplace))
    tagging = ruleset.tag(listing, language)
    return [
        f for f in ruleset.check(listing, language, tagging) if f.category.value in CATEGORIES and f.field == "title"
    ]


def measure(as_of: dt.date) -> tuple[Tally, list[tuple[Row, list[Finding]]]]:
    ruleset = RuleSet.load(as_of, select=list(CATEGORIES))
    tally = Tally()
    details = []
    for row in load_rows():
        findings = findings_for(ruleset, row)
        details.append((row, findings))
        used: set[int] = set()
        for category, term in row.expected:
            if category == "ip-compat":
                for i, f in enumerate(findings):
                    if f.category.value == "ip" and _covers(f, row.title, term):
                        used.add(i)
                        if f.severity is not Severity.INFO:
                            tally.fp["ip"] += 1
                            tally.errors.append(f"{row.id} fp ip {f.match!r} (an allowed compatibility use)")
                continue
            hit = [i for i, f in enumerate(findings) if f.category.value == category and _covers(f, row.title, term)]
            if hit:
                tally.tp[category] += 1
                used.update(hit)
            else:
                tally.fn[category] += 1
                tally.errors.append(f"{row.id} fn {category} {term!r}: {row.title}")
        for i, f in enumerate(findings):
            if i in used or f.severity is Severity.INFO:
                continue
            tally.fp[f.category.value] += 1
            tally.errors.append(f"{row.id} fp {f.category.value} {f.code} {f.match!r}: {row.title}")
    return tally, details
