"""Localisation findings in several languages, and --compare-locales on the same SKUs in en, de, fr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listingkit.audit import Auditor
from listingkit.catalog import ReadOptions
from listingkit.language import detect
from listingkit.models import Listing
from tests.helpers import run_cli, validate_document

PIN = ("--as-of", "2026-11-21")


def codes(ruleset, marketplace: str, title: str, **fields: object) -> list[str]:  # type: ignore[no-untyped-def]
    listing = Listing(file="t.csv", row=1, line=2, end_line=2, sku="A1", marketplace=marketplace, title=title)
    for name, value in fields.items():
        setattr(listing, name, value)
    result = Auditor(ruleset, ReadOptions()).audit_listing(listing, [])
    return [f.code for f in result.findings if f.category.value == "locale"]


@pytest.mark.parametrize(
    ("marketplace", "title", "fires"),
    [
        ("amazon-fr", "Wireless Bluetooth Headphones with Noise Cancelling and Long Battery Life", True),
        ("amazon-de", "Wireless Bluetooth Headphones with Noise Cancelling and Long Battery Life", False),  # de, en
        ("amazon-it", "Kabellose Bluetooth Kopfhörer mit Geräuschunterdrückung und langer Akkulaufzeit", True),
        ("mercadolibre-br", "Auriculares inalámbricos con cancelación de ruido y batería de larga duración", True),
        ("amazon-de", "Kabellose Bluetooth Kopfhörer mit Geräuschunterdrückung und langer Akkulaufzeit", False),
        ("amazon-fr", "Écouteurs sans fil Bluetooth avec réduction de bruit et longue autonomie", False),
        ("mercadolibre-mx", "Smart Tv Hitachi Led Full Hd 40 Pulgadas", False),  # borrowed words, Spanish market
        ("amazon-de", "Sony WH-1000XM5", False),  # a brand and a model say no language
    ],
)
def test_a_title_in_a_language_the_market_does_not_expect(ruleset, marketplace: str, title: str, fires: bool) -> None:  # type: ignore[no-untyped-def]
    assert ("LK-L101" in codes(ruleset, marketplace, title)) is fires


@pytest.mark.parametrize(
    ("marketplace", "title", "fires"),
    [
        ("amazon-us", "Clear Phone Case for iPhone 15 透明手机壳", True),
        ("amazon-de", "Handyhülle für iPhone 15 透明", True),
        ("mercadolibre-mx", "Funda para iPhone 15 スマホケース", True),
        ("taobao", "透明手机壳 适用iPhone15", False),
        ("amazon-jp", "iPhone 15 ケース 透明", False),
    ],
)
def test_untranslated_cjk_text(ruleset, marketplace: str, title: str, fires: bool) -> None:  # type: ignore[no-untyped-def]
    assert ("LK-L102" in codes(ruleset, marketplace, title)) is fires


@pytest.mark.parametrize(
    ("marketplace", "title", "fires"),
    [
        ("amazon-de", "Handyhülle für iPhone 15 with card holder und Standfunktion", True),
        ("amazon-fr", "Coque transparente pour iPhone 15 with raised edges et protection caméra", True),
        ("amazon-es", "Funda transparente para iPhone 15 with raised edges y protección de cámara", True),
        ("amazon-de", "Samsung Galaxy S24 Hülle transparent mit Kartenfach", False),
        ("amazon-es", "Smart TV Samsung de 50 pulgadas con resolución 4K", False),
    ],
)
def test_english_left_in_a_translated_title(ruleset, marketplace: str, title: str, fires: bool) -> None:  # type: ignore[no-untyped-def]
    assert ("LK-L103" in codes(ruleset, marketplace, title)) is fires


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Lumio Phone Case in {color}, size {{size}}", "LK-L104"),
        ("Handyhülle %s für iPhone 15", "LK-L104"),
        ("Coque [TRANSLATE] pour iPhone 15", "LK-L104"),
        ("Salt &amp; Pepper Grinder Set", "LK-L105"),
        ("Kaffeemaschine f??r 4 Tassen ???", "LK-L105"),
    ],
)
def test_translation_debris(ruleset, title: str, code: str) -> None:  # type: ignore[no-untyped-def]
    assert code in codes(ruleset, "amazon-de", title)


def mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252, as a wrong import does."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


@pytest.mark.parametrize(
    ("marketplace", "text"),
    [
        ("amazon-fr", "Café crème, tasse en céramique"),
        ("amazon-de", "Größe für Kühlschrank"),
        ("ozon", "Футболка оверсайз"),
    ],
)
def test_mojibake_is_found_and_repaired(ruleset, marketplace: str, text: str) -> None:  # type: ignore[no-untyped-def]
    broken = mojibake(text) if marketplace != "ozon" else text.encode("utf-8").decode("latin-1")
    listing = Listing(file="t.csv", row=1, line=2, end_line=2, sku="A1", marketplace=marketplace, title=broken)
    result = Auditor(ruleset, ReadOptions()).audit_listing(listing, [])
    found = [f for f in result.findings if f.code == "LK-L106"]
    assert found and found[0].fix is not None
    assert found[0].fix.edits[0].replacement == text
    clean = Listing(file="t.csv", row=1, line=2, end_line=2, sku="A1", marketplace=marketplace, title=text)
    assert "LK-L106" not in [f.code for f in Auditor(ruleset, ReadOptions()).audit_listing(clean, []).findings]


@pytest.mark.parametrize(
    ("marketplace", "title", "code", "fires"),
    [
        ("amazon-de", "Bettlaken 60 x 80 inch", "LK-L107", True),
        ("amazon-fr", "Poêle antiadhésive 12 inch", "LK-L107", True),
        ("mercadolibre-mx", "Sartén antiadherente 12 inch", "LK-L107", True),
        ("amazon-de", "Laptoptasche 15,6 Zoll, 40 x 30 cm", "LK-L107", False),
        ("amazon-us", "Frying Pan 12 inch", "LK-L107", False),
        ("amazon-de", "Damen Sneaker Weiß US 8", "LK-L108", True),
        ("amazon-fr", "Baskets femme blanches US 8", "LK-L108", True),
        ("amazon-it", "Sneakers donna bianche US 8 / EU 39", "LK-L108", False),
        ("amazon-us", "Geschenkset im Wert von 30 €", "LK-L109", True),
        ("amazon-de", "Gift set worth $30", "LK-L109", True),
        ("taobao", "礼品卡 $100", "LK-L109", True),
        ("amazon-de", "Geschenkgutschein 30 €", "LK-L109", False),
    ],
)
def test_units_sizes_and_currency(ruleset, marketplace: str, title: str, code: str, fires: bool) -> None:  # type: ignore[no-untyped-def]
    assert (code in codes(ruleset, marketplace, title)) is fires


def test_brand_and_model_alone_are_never_a_wrong_language(ruleset) -> None:  # type: ignore[no-untyped-def]
    for title in ("Sony WH-1000XM5", "ABUS Bordo 5700K/80", "Xiaomi Redmi Note 13 Pro 256GB", "Nike Air Max 90"):
        for marketplace in ("amazon-de", "amazon-fr", "mercadolibre-mx", "wildberries"):
            assert not {"LK-L101", "LK-L103"} & set(codes(ruleset, marketplace, title)), (title, marketplace)
    assert detect("Sony WH-1000XM5", ("de",)).code == "und"


# ---------------------------------------------------------------- --compare-locales

PRODUCTS = [
    ("Lumio", "XR-{n}0 Phone Case", "Handyhülle XR-{n}0", "Coque XR-{n}0"),
    ("Hydrako", "Water Bottle {n}00 ml", "Trinkflasche {n}00 ml", "Gourde {n}00 ml"),
]


def locale_files(tmp_path: Path) -> list[str]:
    """20 SKUs in en, de and fr with three deliberate differences."""
    rows: dict[str, list[str]] = {"en": [], "de": [], "fr": []}
    for n in range(1, 21):
        brand, en, de, fr = PRODUCTS[n % 2]
        sku = f"SKU-{n:02d}"
        size = f"{20 + n} x {10 + n} cm"
        rows["en"].append(f"{sku},{brand},{brand} {en.format(n=n)} {size}")
        rows["de"].append(f"{sku},{brand},{brand} {de.format(n=n)} {size}")
        rows["fr"].append(f"{sku},{brand},{brand} {fr.format(n=n)} {size}")
    rows["de"][1] = rows["de"][1].replace("XR-20", "XR-21")  # 1. a changed model number (SKU-02)
    rows["fr"][5] = rows["fr"][5].replace(" 26 x 16 cm", "")  # 2. a dropped unit (SKU-06)
    del rows["fr"][9]  # 3. a missing locale (SKU-10 has no French listing)
    paths = []
    for locale, marketplace in (("en", "amazon-uk"), ("de", "amazon-de"), ("fr", "amazon-fr")):
        path = tmp_path / f"{locale}.csv"
        path.write_text("sku,brand,title\n" + "\n".join(rows[locale]) + "\n", encoding="utf-8")
        paths.extend([str(path), "-m", f"{path}={marketplace}"])
    return paths


def test_compare_locales_reports_exactly_the_three_differences(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = locale_files(tmp_path)
    run = run_cli(capsys, "audit", *args, *PIN, "--compare-locales", "--select", "LK-L110,LK-L111", "-f", "json")
    document = json.loads(run.out)
    validate_document(document)
    inconsistent = sorted(
        (item["sku"], item["marketplace"], f["message"].split(":")[0])
        for item in document["listings"]
        for f in item["findings"]
        if f["code"] == "LK-L110"
    )
    assert [(sku, market) for sku, market, _ in inconsistent] == [("SKU-02", "amazon-de"), ("SKU-06", "amazon-fr")]
    assert "model number" in inconsistent[0][2] and "unit" in inconsistent[1][2]
    missing = [f for f in document["findings"] if f["code"] == "LK-L111"]
    assert [(f["detail"]["sku"], f["detail"]["locale"]) for f in missing] == [("SKU-10", "amazon-fr")]


@pytest.mark.parametrize(
    ("marketplace", "title", "fires"),
    [
        ("mercadolibre-mx", "Case transparente para iPhone 15 antigolpes", True),
        ("mercadolibre-mx", "Funda transparente para iPhone 15", False),
        ("mercadolibre-br", "Capinha transparente para iPhone 15", False),
        ("amazon-de", "Handyhülle transparent für iPhone 15", False),
    ],
)
def test_the_local_product_word_is_suggested(ruleset, marketplace: str, title: str, fires: bool) -> None:  # type: ignore[no-untyped-def]
    assert ("LK-L112" in codes(ruleset, marketplace, title)) is fires
