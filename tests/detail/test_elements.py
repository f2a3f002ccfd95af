"""The element finder on real offers and on hand-written pages in English and Chinese."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from listingkit.detail.elements import ElementFinder, load_elements
from listingkit.formula.engine import FormulaEngine
from tests.conftest import shared_data

ROOT = Path(__file__).resolve().parents[2]
FINDER = ElementFinder(FormulaEngine())


def elements_in(text: str, language: str) -> set[str]:
    return {e.element for e in FINDER.find_in_text(text, language)}


def test_wdc_offers_stated_materials_colours_and_sizes_are_found() -> None:
    """On real web-shop offers with gold values, at least 80 % of each kind is found where stated."""
    path = shared_data("wdc_pave_offers_en", "wdc_pave_test.jsonl")
    sys.path.insert(0, str(ROOT / "bench"))
    from detail_elements import measure

    results = measure(path)
    assert set(results) == {"colour", "material", "size"}
    for name, (found, total) in results.items():
        assert total >= 100, name
        assert found / total >= 0.80, f"{name}: {found}/{total}"


@pytest.mark.parametrize(
    ("text", "language", "element"),
    [
        ("Material: 100% cotton, breathable and soft.", "en", "material"),
        ("面料：纯棉，透气舒适。", "zh", "material"),
        ("Available in navy blue and olive green.", "en", "color"),
        ("颜色：黑色", "zh", "color"),
        ("Dimensions: 30 x 20 x 10 cm", "en", "dimensions"),
        ("尺寸：30*20*10厘米", "zh", "dimensions"),
        ('Folding table, 30"W x 60" L', "en", "dimensions"),
        ("Insulated bottle, 1L", "en", "dimensions"),
        ("Net weight 500g", "en", "weight"),
        ("净重：1.5kg", "zh", "weight"),
        ("Package includes: 1 x charger, 1 x USB-C cable", "en", "package_contents"),
        ("包装清单：耳机x2，充电仓x1", "zh", "package_contents"),
        ("How to use: apply two drops to clean skin.", "en", "instructions"),
        ("使用方法：洁面后取适量涂抹于面部。", "zh", "instructions"),
        ("Machine wash cold, tumble dry low.", "en", "care"),
        ("Warning: choking hazard, small parts. Not for children under 3 years.", "en", "safety"),
        ("2-year warranty on parts and labour.", "en", "warranty"),
        ("全国联保，保修一年。", "zh", "warranty"),
        ("售后服务：支持七天无理由退换货。", "zh", "returns"),
        ("CE, FCC and RoHS certified.", "en", "certification_electronics"),
        ("Tested to ASTM F963 and EN 71.", "en", "certification_toys"),
    ],
)
def test_statements_are_found(text: str, language: str, element: str) -> None:
    assert element in elements_in(text, language)


@pytest.mark.parametrize(
    ("text", "language", "element"),
    [
        ("Ce produit est léger et pratique.", "fr", "certification_electronics"),
        ("Case for iPhone 15 with 2 in 1 stand", "en", "dimensions"),
        ("USB 3.0 x2 ports, 5G ready", "en", "dimensions"),
        ("Released in 2024 with a new design", "en", "dimensions"),
        ("3M adhesive strips included", "en", "dimensions"),
        ("This is a great gift for her.", "en", "material"),
        ("保养品套装，适合干性肌肤", "zh", "care"),
    ],
)
def test_look_alikes_are_not_statements(text: str, language: str, element: str) -> None:
    assert element not in elements_in(text, language)


def test_every_element_has_english_and_chinese_labels() -> None:
    for element in load_elements().values():
        assert element.label.get("en") and element.label.get("zh"), element.id


def test_a_user_file_extends_a_shipped_element(tmp_path: Path) -> None:
    folder = tmp_path / "detail"
    folder.mkdir()
    (folder / "mine.yaml").write_text("elements:\n  warranty:\n    terms:\n      en: [lifetime promise]\n", "utf-8")
    finder = ElementFinder(FormulaEngine(), (tmp_path,))
    assert {e.element for e in finder.find_in_text("Backed by our lifetime promise.", "en")} == {"warranty"}
    assert "warranty" in {e.element for e in finder.find_in_text("2-year warranty", "en")}
