"""Every real listing file is recognised with no flags and yields its known number of listings."""

from __future__ import annotations

import pytest

from listingkit.audit import Auditor, Summary
from listingkit.catalog import ReadOptions
from tests.conftest import shared_data

# (path under the shared data folder, format, listings, records)
CATALOGS = [
    ("shopify_template/shopify_product_template_2021.csv", "shopify", 3, 5),
    ("shopify_template/shopify_product_template_2024.csv", "shopify", 3, 17),
    ("shopify_export_fr/products_export.csv", "shopify", 40, 159),
    ("shopify_export_ptbr/products_export_1.csv", "shopify", 213, 1381),
    ("shopify_export_sv/products_export_1.csv", "shopify", 14, 48),
    ("woocommerce_sample/sample_products.csv", "woocommerce", 15, 24),
    ("amazon-us-2020/amazon_com_2020_sample.csv", "amazon-dataset", 1000, 1000),
    ("flipkart_in/flipkart_1050_full_columns.csv", "generic", 1050, 1050),
    ("flipkart_in/flipkart_48rows_original_image_urls.csv", "generic", 48, 48),
    ("flipkart_in/flipkart_titles_brands_20k.csv", "generic", 20000, 20000),
    ("walmart_us/walmart_laptops_etl.csv", "generic", 133, 133),
    ("walmart_us/walmart_products_ttu.csv", "generic", 100, 100),
    ("ebay_browse_api_en/ebay_item_summaries_iphone.csv", "generic", 200, 200),
    ("mercadolibre_api_es_pt/meli_search_results.csv", "mercadolibre-api", 154, 154),
    ("mercadolibre_api_es_pt/meli_item_detail_MLA.json", "mercadolibre-api", 1, 1),
    ("etsy_api_listings/etsy.json", "etsy-api", 25, 25),
    ("wdc_pave_offers_en/wdc_pave_test.jsonl", "wdc-offers", 354, 354),
    ("wildberries_ru/wildberries_titles.csv", "generic", 303, 303),
    ("zh_ecommerce_ner_taobao/titles_with_brand_product_entities.csv", "generic", 4489, 4489),
    ("zh_jd_gaiic2022_titles/jd_titles_300_with_entities.csv", "generic", 300, 300),
    ("zh_taobao_search/taobao_search_zhimahu_2018.csv", "generic", 36, 36),
]


@pytest.mark.parametrize(("relative", "fmt", "listings", "records"), CATALOGS, ids=[c[0] for c in CATALOGS])
def test_real_catalog_is_read_whole(ruleset, relative: str, fmt: str, listings: int, records: int) -> None:  # type: ignore[no-untyped-def]
    path = shared_data(*relative.split("/"))
    summary = Summary()
    results = list(Auditor(ruleset, ReadOptions()).run([path], summary))
    file = summary.files[0]
    assert file.error is None
    assert file.format == fmt
    assert (file.listings, file.records) == (listings, records)
    assert len(results) == listings
    # Every record is accounted for: a listing, part of another listing, or an input finding.
    assert file.listings + file.grouped_records + file.input_records == file.records
    # A listing without a title (Etsy's API keeps removed listings) is reported, never dropped.
    for r in results:
        assert r.listing.title.strip() or "LK-I006" in {f.code for f in r.findings}
    # Every listing gets a score, the detail page included.
    assert all(r.score is not None and 0 <= r.score <= 100 for r in results)
    assert all(r.score_breakdown["detail"] is not None for r in results)


def test_shopify_products_keep_every_variant_and_image(ruleset) -> None:  # type: ignore[no-untyped-def]
    path = shared_data("shopify_template", "shopify_product_template_2024.csv")
    results = list(Auditor(ruleset, ReadOptions()).run([path], Summary()))
    shirt = results[0].listing
    assert shirt.title == "Example T-Shirt"
    assert shirt.brand == "Acme"
    assert shirt.sku == "SRT_COT_111"
    assert [v["sku"] for v in shirt.variants][:3] == ["SRT_COT_111", "SRT_COT_122", "SRT_COT_133"]
    assert len(shirt.images) == len(set(shirt.images)) >= 3
    last = len(shirt.images) - 1
    cell = shirt.cell("images", last)
    assert cell is not None and cell.column in ("Image Src", "Variant Image") and cell.row > 1
    assert shirt.seo_title == "Example T-Shirt | Test Store"
    assert "<p>" not in shirt.description and len(shirt.description) == len(shirt.raw["Body (HTML)"])


def test_woocommerce_variations_join_their_parent(ruleset) -> None:  # type: ignore[no-untyped-def]
    path = shared_data("woocommerce_sample", "sample_products.csv")
    results = {r.listing.sku: r.listing for r in Auditor(ruleset, ReadOptions()).run([path], Summary())}
    hoodie = results["cc-hoodie"]
    assert [v["sku"] for v in hoodie.variants] == [
        "cc-hoodie-red",
        "cc-hoodie-green",
        "cc-hoodie-blue",
        "cc-hoodie-red-logo",
        "cc-hoodie-blue-logo",
        "cc-hoodie-green-logo",
    ]
    assert hoodie.attributes == {"Color": "Blue, Green, Red", "Logo": "Yes, No"}
    assert "cc-hoodie-red" not in results
    assert len(hoodie.images) == 4
