"""Core-word accuracy on real titles: hand labels (en, es, pt, ru) and the labelled Chinese sets.

The labels in labels/*.csv reference titles of the real public data by file and row; the titles
themselves are read from that data at test time and are never copied into the project.
"""

from __future__ import annotations

import csv
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from listingkit.formula.engine import FormulaEngine
from tests.conftest import ROOT, shared_data

LABELS = Path(__file__).parent / "labels"
# The bar each measure must clear. The goal is 0.85 for the hand labels and real-title coverage,
# and 0.90 hit / 0.80 precision / no brand as core on the Chinese sets; where the lexicons do not
# reach it yet (Portuguese food titles), the bar is the level reached so far, so that it can only
# go up.
BAR = {
    # pt-shopify: a second Portuguese set (Shopify store titles), labelled after the first one had
    # been used to grow the lexicon, so it is the held-out Portuguese measure.
    "labels": {"en": 0.85, "es": 0.85, "pt": 0.85, "pt-shopify": 0.85, "ru": 0.85},
    "coverage": {"en": 0.85, "es": 0.85, "pt": 0.85, "ru": 0.85},
    "taobao": {"hit": 0.90, "precision": 0.80, "brand_as_core": 0},
    "jd": {"hit": 0.90, "precision": 0.80, "brand_as_core": 0},
}
TITLE_COLUMNS = ("Product Name", "product_name", "name", "title", "Title")


@lru_cache(maxsize=1)
def engine() -> FormulaEngine:
    return FormulaEngine()


@lru_cache(maxsize=16)
def rows(source: str) -> list[dict[str, str]]:
    with shared_data(*source.split("/")).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def title_of(row: dict[str, str]) -> str:
    return next(row[c] for c in TITLE_COLUMNS if c in row)


def labelled(name: str) -> list[tuple[str, list[str]]]:
    with (LABELS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        out = []
        for item in csv.DictReader(handle):
            title = title_of(rows(item["source"])[int(item["row"]) - 1])
            out.append((title, [c.casefold() for c in item["core"].split("|") if c != "-"]))
        return out


def core_is_right(found: str | None, accepted: list[str]) -> bool:
    """The core found is right when it is one of the labels or a label contains it or it a label."""
    if found is None:
        return not accepted
    found = found.casefold()
    return any(found == a or found in a or a in found for a in accepted)


def label_misses(name: str) -> tuple[int, list[tuple[str, str | None, list[str]]]]:
    """How many hand-labelled titles a set has, and those whose core word is wrong."""
    items = labelled(name)
    language = name.split("-")[0]
    misses = []
    for title, accepted in items:
        tagging = engine().tag(title, language)
        found = tagging.core.text if tagging and tagging.core else None
        if not core_is_right(found, accepted):
            misses.append((title[:60], found, accepted))
    return len(items), misses


@pytest.mark.parametrize("name", ["en", "es", "pt", "pt-shopify", "ru"])
def test_hand_labelled_core_words(name: str) -> None:
    total, misses = label_misses(name)
    assert total == 50
    share = (total - len(misses)) / total
    assert share >= BAR["labels"][name], f"{name}: core right in {share:.0%}; misses: {misses[:10]}"


REAL_LISTINGS = {
    "en": [
        ("amazon-us-2020/amazon_com_2020_sample.csv", None),
        ("flipkart_in/flipkart_titles_brands_20k.csv", None),
        ("walmart_us/walmart_products_ttu.csv", None),
        ("walmart_us/walmart_laptops_etl.csv", None),
        ("ebay_browse_api_en/ebay_item_summaries_iphone.csv", None),
    ],
    "es": [("mercadolibre_api_es_pt/meli_search_results.csv", "not MLB")],
    "pt": [("mercadolibre_api_es_pt/meli_search_results.csv", "MLB")],
    "ru": [("wildberries_ru/wildberries_titles.csv", None)],
}


def real_titles(source: str, site: str | None) -> list[str]:
    titles = []
    for row in rows(source):
        if site == "MLB" and row.get("site_id") != "MLB":
            continue
        if site == "not MLB" and row.get("site_id") == "MLB":
            continue
        title = title_of(row)
        if title and title != "title":  # the Wildberries file repeats its header in the data
            titles.append(title)
    return titles


def coverage(language: str) -> tuple[int, int]:
    """Real titles of a language that get a core word, and all of them."""
    found = total = 0
    for source, site in REAL_LISTINGS[language]:
        for title in real_titles(source, site):
            tagging = engine().tag(title, language)
            total += 1
            found += tagging is not None and tagging.core is not None
    return found, total


@pytest.mark.parametrize("language", sorted(REAL_LISTINGS))
def test_most_real_titles_get_a_core_word(language: str) -> None:
    found, total = coverage(language)
    assert found / total >= BAR["coverage"][language], f"{language}: {found}/{total} real titles have a core word"


def test_chinese_labelled_sets_meet_the_bar() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import formula_accuracy as accuracy

    data = shared_data()
    taobao = accuracy.measure(
        accuracy.taobao(data / "zh_ecommerce_ner_taobao" / "titles_with_brand_product_entities.csv"), engine()
    )
    jd = accuracy.measure(accuracy.jd(data / "zh_jd_gaiic2022_titles" / "jd_titles_300_with_entities.csv"), engine())
    for name, score in (("taobao", taobao), ("jd", jd)):
        bar = BAR[name]
        assert score.hit_rate >= bar["hit"], f"{name}: core overlaps a labelled product in {score.hit_rate:.1%}"
        assert score.precision >= bar["precision"], f"{name}: {score.precision:.1%} of core spans overlap a product"
        assert score.brand_as_core <= bar["brand_as_core"], f"{name}: {score.brand_as_core} brands tagged core"
