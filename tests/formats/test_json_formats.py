from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from listingkit import formats
from listingkit.catalog import CatalogReader, FileSummary, InputIssue, ReadOptions
from listingkit.formats.base import CatalogFormat, RawListing
from listingkit.formats.etsy import EtsyCsvFormat
from listingkit.formats.json_formats import EtsyApiFormat, MercadoLibreItemFormat, WdcOfferFormat
from listingkit.io.jsonfile import open_json
from listingkit.marketplaces import shipped_marketplaces
from listingkit.models import Listing
from tests.conftest import shared_data

ETSY_V2: dict[str, Any] = {
    "listing_id": 708099714,
    "state": "active",
    "title": "Linen apron with pockets",
    "description": "Made to order.\n\nIt&#39;s washable.",
    "price": "15.99",
    "currency_code": "USD",
    "quantity": 1,
    "sku": [],
    "tags": ["apron", "linen apron", "kitchen gift"],
    "materials": ["linen", "cotton thread"],
    "taxonomy_path": ["Home & Living", "Kitchen & Dining", "Aprons"],
    "who_made": "i_did",
    "when_made": "made_to_order",
    "language": "en-US",
    "MainImage": {
        "listing_image_id": 1,
        "url_570xN": "https://i.etsystatic.com/a_570.jpg",
        "url_fullxfull": "https://i.etsystatic.com/a.jpg",
    },
}

ETSY_V3: dict[str, Any] = {
    "listing_id": 1234,
    "shop_id": 99,
    "title": "Wool socks",
    "description": "Warm.",
    "price": {"amount": 1250, "divisor": 100, "currency_code": "EUR"},
    "skus": ["SOCK-M", "SOCK-L"],
    "tags": ["socks"],
    "materials": [],
    "who_made": "i_did",
    "when_made": "2020_2024",
    "taxonomy_id": 1,
    "images": [
        {"url_fullxfull": "https://i.etsystatic.com/1.jpg"},
        {"url_fullxfull": "https://i.etsystatic.com/2.jpg"},
    ],
}

MELI_ITEM: dict[str, Any] = {
    "id": "MLB123",
    "site_id": "MLB",
    "title": "Caneca de cerâmica 350 ml",
    "category_id": "MLB1234",
    "price": 49.9,
    "currency_id": "BRL",
    "condition": "new",
    "pictures": [
        {"id": "p1", "url": "http://x.example/1.jpg", "secure_url": "https://x.example/1.jpg"},
        {"id": "p2", "url": "http://x.example/2.jpg", "secure_url": "https://x.example/2.jpg"},
    ],
    "attributes": [
        {"id": "BRAND", "name": "Marca", "value_name": "Acme"},
        {"id": "COLOR", "name": "Cor", "value_name": "Vermelho"},
        {"id": "SELLER_SKU", "name": "SKU", "value_name": "CAN-350"},
        {"id": "MODEL", "name": "Modelo", "value_name": None},
    ],
    "tags": ["good_quality_picture", "immediate_payment"],
    "warranty": "Garantia do vendedor: 90 dias",
}

WDC_LINES = [
    {
        "id": 7,
        "cluster_id": 1.0,
        "category": "Jewelry",
        "input_title": "Gold band 18k",
        "input_description": "A ring.",
        "target_scores": {"Metal Type": {"18k": 1}},
        "url": "www.shop.example",
    },
    {
        "id": 8,
        "cluster_id": 2.0,
        "category": "Jewelry",
        "input_title": "Silver band",
        "input_description": "",
        "target_scores": {},
        "url": "www.shop.example",
    },
]


def write_json(tmp_path: Path, data: Any, name: str = "listings.json") -> Path:
    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_text("".join(json.dumps(d) + "\n" for d in data), encoding="utf-8")
    else:
        path.write_text(json.dumps(data), encoding="utf-8")
    return path


def mapped(fmt: CatalogFormat, path: Path) -> tuple[list[str], list[RawListing]]:
    """The header and mapped records of a file read by the format directly."""
    table = open_json(path, None).table(0)
    cmap = fmt.column_map(table.header, None)
    raws = [r for r in fmt.listings(table.records, cmap, path) if isinstance(r, RawListing)]
    return table.header, raws


def read(
    path: Path, fmt: CatalogFormat, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[tuple[Listing, list[InputIssue]]], FileSummary]:
    """The whole reader with the format forced by name, as --input-format does."""
    monkeypatch.setitem(formats.BY_NAME, fmt.name, fmt)
    summary = FileSummary(file=str(path))
    reader = CatalogReader(ReadOptions(input_format=fmt.name), shipped_marketplaces())
    return list(reader.read(path, summary)), summary


def score(fmt: CatalogFormat, path: Path) -> int:
    return fmt.signature_score(open_json(path, None).head[0].cells)


def test_etsy_v2_listing_fields(tmp_path: Path) -> None:
    fmt = EtsyApiFormat()
    header, [raw] = mapped(fmt, write_json(tmp_path, {"count": 1, "results": [ETSY_V2]}))
    cmap = fmt.column_map(header, None)
    assert header[cmap.single["key"]] == "listing_id"
    assert raw.values["key"] == "708099714"
    assert raw.values["title"] == "Linen apron with pockets"
    assert raw.values["description"].startswith("Made to order.")
    assert raw.values["price"] == "15.99"
    assert raw.values["sku"] == ""
    assert raw.values["category"] == "Home & Living > Kitchen & Dining > Aprons"
    assert raw.values["language"] == "en-US"
    assert [item for item, *_ in raw.lists["tags"]] == ["apron", "linen apron", "kitchen gift"]
    assert [item for item, *_ in raw.lists["images"]] == ["https://i.etsystatic.com/a.jpg"]
    assert {name: value for name, (value, _) in raw.attributes.items()} == {
        "materials": "linen, cotton thread",
        "currency": "USD",
        "who_made": "i_did",
        "when_made": "made_to_order",
    }


def test_etsy_v3_price_skus_and_images(tmp_path: Path) -> None:
    _, [raw] = mapped(EtsyApiFormat(), write_json(tmp_path, [ETSY_V3]))
    assert raw.values["price"] == "12.5"
    assert raw.values["sku"] == "SOCK-M, SOCK-L"
    assert [item for item, *_ in raw.lists["images"]] == [
        "https://i.etsystatic.com/1.jpg",
        "https://i.etsystatic.com/2.jpg",
    ]
    assert raw.attributes["currency"][0] == "EUR"
    assert "materials" not in raw.attributes


def test_etsy_api_beats_the_csv_export_only_on_api_objects(tmp_path: Path) -> None:
    api = write_json(tmp_path, [ETSY_V2])
    assert score(EtsyApiFormat(), api) > score(EtsyCsvFormat(), api) > 0
    assert score(EtsyApiFormat(), write_json(tmp_path, [ETSY_V3], "v3.json")) > 0
    csv_header = ["TITLE", "DESCRIPTION", "PRICE", "CURRENCY_CODE", "QUANTITY", "TAGS", "MATERIALS", "IMAGE1", "SKU"]
    assert EtsyApiFormat().signature_score(csv_header) == 0


def test_etsy_api_through_the_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [(listing, issues)], summary = read(write_json(tmp_path, [ETSY_V2]), EtsyApiFormat(), monkeypatch)
    assert summary.format == "etsy-api"
    assert listing.sku == "708099714"  # no SKU: the listing id is the key
    assert listing.tags == ["apron", "linen apron", "kitchen gift"]
    assert "It'" in listing.description and "&#39;" not in listing.description  # entities read as text
    assert listing.attributes["materials"] == "linen, cotton thread"
    assert not issues


def test_mercadolibre_item_fields(tmp_path: Path) -> None:
    fmt = MercadoLibreItemFormat()
    _, [raw] = mapped(fmt, write_json(tmp_path, MELI_ITEM))
    assert raw.values["key"] == "MLB123"
    assert raw.values["title"] == "Caneca de cerâmica 350 ml"
    assert raw.values["price"] == "49.9"
    assert raw.values["category"] == "MLB1234"
    assert raw.values["marketplace"] == "mercadolibre-br"
    assert raw.values["brand"] == "Acme"
    assert raw.values["sku"] == "CAN-350"
    assert [item for item, *_ in raw.lists["images"]] == ["https://x.example/1.jpg", "https://x.example/2.jpg"]
    assert "tags" not in raw.lists  # system flags, not search tags
    attributes = {name: value for name, (value, _) in raw.attributes.items()}
    assert attributes == {
        "currency": "BRL",
        "condition": "new",
        "warranty": "Garantia do vendedor: 90 dias",
        "Marca": "Acme",
        "Cor": "Vermelho",
        "SKU": "CAN-350",
    }


def test_mercadolibre_unknown_site_is_left_for_the_reader_to_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = {**MELI_ITEM, "site_id": "MLV"}
    got, _ = read(write_json(tmp_path, [item, MELI_ITEM]), MercadoLibreItemFormat(), monkeypatch)
    assert [listing.marketplace for listing, _ in got] == ["generic", "mercadolibre-br"]
    assert [[i.code for i in issues] for _, issues in got] == [["LK-I005"], []]


def test_wdc_offer_fields(tmp_path: Path) -> None:
    fmt = WdcOfferFormat()
    path = write_json(tmp_path, WDC_LINES, "offers.jsonl")
    _, raws = mapped(fmt, path)
    assert [(r.values["key"], r.values["title"], r.values["description"], r.values["category"]) for r in raws] == [
        ("7", "Gold band 18k", "A ring.", "Jewelry"),
        ("8", "Silver band", "", "Jewelry"),
    ]
    assert [r.line for r in raws] == [1, 2]
    assert raws[0].attributes == {}


@pytest.mark.parametrize(
    ("data", "name", "claimed_by"),
    [
        ([ETSY_V2], "etsy.json", "etsy-api"),
        (MELI_ITEM, "meli.json", "mercadolibre-api"),
        (WDC_LINES, "wdc.jsonl", "wdc-offers"),
        ([{"id": 1, "title": "Mug", "price": "3", "tags": ["a"]}], "plain.json", None),
    ],
)
def test_each_format_claims_only_its_own_objects(tmp_path: Path, data: Any, name: str, claimed_by: str | None) -> None:
    path = write_json(tmp_path, data, name)
    scores = {fmt.name: score(fmt, path) for fmt in (EtsyApiFormat(), MercadoLibreItemFormat(), WdcOfferFormat())}
    assert {name for name, value in scores.items() if value} == ({claimed_by} if claimed_by else set())
    if claimed_by:
        assert scores[claimed_by] > score(CatalogFormat(), path)


def test_real_etsy_api_listings(monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared_data("etsy_api_listings", "etsy.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    got, summary = read(path, EtsyApiFormat(), monkeypatch)
    assert len(got) == summary.listings == 25
    for (listing, _), item in zip(got, data, strict=True):
        assert listing.sku == (", ".join(item["sku"]) or str(item["listing_id"]))
        assert bool(listing.title) == bool(item.get("title"))
        assert bool(listing.description) == bool(item.get("description"))
        assert len(listing.tags) == len(item.get("tags", []))
        assert bool(listing.images) == bool(item.get("MainImage"))
    assert sum(1 for listing, _ in got if listing.title) == 24


def test_real_wdc_offers(monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared_data("wdc_pave_offers_en", "wdc_pave_test.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    got, summary = read(path, WdcOfferFormat(), monkeypatch)
    assert len(got) == summary.listings == 354
    for (listing, _), offer in zip(got, lines, strict=True):
        assert listing.sku == str(offer["id"])
        assert listing.title == offer["input_title"]
        assert listing.description == (offer["input_description"] or "")
        assert listing.category_raw == offer["category"]


def test_real_mercadolibre_item(monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared_data("mercadolibre_api_es_pt", "meli_item_detail_MLA.json")
    item = json.loads(path.read_text(encoding="utf-8"))
    [(listing, _)], _ = read(path, MercadoLibreItemFormat(), monkeypatch)
    assert listing.title == item["title"]
    assert listing.marketplace == "mercadolibre-ar"
    assert listing.brand == "Noblex"
    assert listing.sku == "NDT4000TW"
    assert listing.images == [p["secure_url"] for p in item["pictures"]]
    assert listing.attributes["Marca"] == "Noblex"
    assert len([a for a in item["attributes"] if a["value_name"]]) + 3 == len(listing.attributes)
