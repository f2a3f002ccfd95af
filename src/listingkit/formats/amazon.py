"""Amazon Seller Central files: inventory flat files (and Category Listing Reports) and the All Listings Report.

A flat file opens with a metadata row (`TemplateType=...`) and a row of localised labels; the
attribute names (item_sku, item_name ...) are on the third row. The header is found by its
signature wherever it is among the first rows, so the two rows above it are skipped as metadata.
Each row is its own listing: parent and child ASINs each have a detail page and a title.
"""

from __future__ import annotations

from typing import ClassVar

from listingkit.formats.base import ALIASES, CatalogFormat, _n

FLAT_FILE = set(_n("item_sku", "item_name"))
FLAT_FILE_ALT = set(_n("item_sku", "feed_product_type"))
LISTINGS_REPORT = set(_n("item-name", "seller-sku", "asin1"))


class AmazonFlatFileFormat(CatalogFormat):
    name = "amazon-flat-file"
    title = "Amazon inventory flat file / Category Listing Report"
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        **ALIASES,
        "sku": _n("item_sku", "contribution_sku"),
        "key": _n("external_product_id", "asin"),
        "title": _n("item_name"),
        "description": _n("product_description"),
        "brand": _n("brand_name", "brand"),
        "category": _n("item_type", "item_type_keyword", "feed_product_type", "recommended_browse_nodes"),
        "price": _n("standard_price", "list_price"),
        "search_terms": _n("generic_keywords"),
        "images": _n("main_image_url"),
        "marketplace": (),
        "language": _n("language_value", "language_value1"),
    }
    attribute_aliases: ClassVar[dict[str, str]] = {
        "color_name": "color",
        "size_name": "size",
        "material_type": "material",
        "department_name": "department",
        "model": "model",
        "part_number": "part_number",
        "item_package_quantity": "package_quantity",
        "external_product_id_type": "external_product_id_type",
    }

    def signature_score(self, header: list[str]) -> int:
        names = self.header_names(header)
        return 15 if names >= FLAT_FILE or names >= FLAT_FILE_ALT else 0


class AmazonListingsReportFormat(CatalogFormat):
    name = "amazon-listings-report"
    title = "Amazon All Listings Report (tab-delimited)"
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        **ALIASES,
        "sku": _n("seller-sku"),
        "key": _n("asin1", "listing-id", "product-id"),
        "title": _n("item-name"),
        "description": _n("item-description"),
        "images": _n("image-url"),
        "price": _n("price"),
        "category": _n("zshop-category1", "zshop-browse-path"),
        "marketplace": (),
    }
    attribute_aliases: ClassVar[dict[str, str]] = {"item-condition": "condition", "item-note": "condition_note"}

    def signature_score(self, header: list[str]) -> int:
        return 15 if self.header_names(header) >= LISTINGS_REPORT else 0
