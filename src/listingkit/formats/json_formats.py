"""Listing objects of platform APIs and web-data dumps, read from JSON or JSON Lines.

The JSON reader flattens objects to dotted columns ("price.amount", "pictures.secure_url") and
joins lists into one cell, a line per item (tags: ", "); see listingkit.io.jsonfile. These
formats name those columns. Each is recognised by keys only its own objects carry together.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import ClassVar

from listingkit.formats.base import (
    ALIASES,
    CatalogFormat,
    ColumnMap,
    RawListing,
    _n,
    cell_at,
    column_index,
    normalise_header,
)
from listingkit.io.table import Record

CATEGORY_SEPARATOR = " > "


class EtsyApiFormat(CatalogFormat):
    """Recognised by listing_id, title, who_made and when_made together (Etsy API v2 and v3 listings)."""

    name = "etsy-api"
    title = "Etsy API listings (JSON, v2/v3)"
    signature = frozenset(_n("listing_id", "title", "who_made", "when_made"))
    # Etsy API v2 escapes titles and descriptions (&#39;, &quot;); the reader decodes descriptions.
    html_fields = frozenset({"description"})
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        **ALIASES,
        "key": _n("listing_id"),
        "sku": _n("sku", "skus"),
        "title": _n("title"),
        "description": _n("description"),
        "tags": _n("tags"),
        # v2: "15.99"; v3: {"amount": 1599, "divisor": 100} (divided in map_record).
        "price": _n("price", "price.amount"),
        "category": _n("taxonomy_path", "category_path"),
        # v3 and v2 with includes=Images hold every image; otherwise v2's MainImage holds the first.
        "images": _n("images.url_fullxfull", "mainimage.url_fullxfull", "images.url_570xN", "mainimage.url_570xN"),
        "language": _n("language"),
        "brand": (),
        "marketplace": (),
    }
    attribute_aliases: ClassVar[dict[str, str]] = {
        "materials": "materials",
        "currency_code": "currency",
        "price.currency_code": "currency",
        "who_made": "who_made",
        "when_made": "when_made",
    }

    def signature_score(self, header: list[str]) -> int:
        # Above etsy-csv (15), whose columns an API object also has.
        return 20 if self.header_names(header) >= self.signature else 0

    def map_record(self, record: Record, cmap: ColumnMap, width: int) -> RawListing:
        raw = super().map_record(record, cmap, width)
        values = raw.values
        # Taxonomy paths are lists, one level a line: shown as one path.
        if "category" in values:
            values["category"] = CATEGORY_SEPARATOR.join(_lines(values["category"]))
        price_col = cmap.single.get("price")
        divisor_col = column_index(cmap, "price.divisor")
        if price_col is not None and divisor_col is not None and normalise_header(cmap.header[price_col]) != "price":
            values["price"] = _divide(values.get("price", ""), cell_at(record, divisor_col))
        # v2 lists the SKUs of every variation: one line each, shown as one value.
        if "\n" in values.get("sku", ""):
            values["sku"] = ", ".join(_lines(values["sku"]))
        if "materials" in raw.attributes:
            text, col = raw.attributes["materials"]
            raw.attributes["materials"] = (", ".join(_lines(text)), col)
        return raw


# Mercado Libre site ids -> marketplace ids of rules/marketplaces.yaml.
MELI_SITES = {
    "MLA": "mercadolibre-ar",
    "MLB": "mercadolibre-br",
    "MLM": "mercadolibre-mx",
    "MCO": "mercadolibre-co",
    "MLC": "mercadolibre-cl",
    "MLU": "mercadolibre-uy",
    "MPE": "mercadolibre-pe",
}


class MercadoLibreItemFormat(CatalogFormat):
    """Recognised by id, site_id, title and category_id together (Mercado Libre /items objects)."""

    name = "mercadolibre-api"
    title = "Mercado Libre API items (JSON)"
    signature = frozenset(_n("id", "site_id", "title", "category_id"))
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        **ALIASES,
        "key": _n("id"),
        "sku": _n("seller_custom_field", "seller_sku"),
        "title": _n("title"),
        # Items carry no description; a merged /items/{id}/description response does.
        "description": _n("description", "plain_text", "description.plain_text", "descriptions.plain_text"),
        "price": _n("price"),
        "category": _n("category_id"),
        "images": _n("pictures.secure_url", "pictures.url", "secure_thumbnail", "thumbnail"),
        "marketplace": _n("site_id"),
        "brand": _n("brand"),
        # Item tags are system flags (good_quality_picture, cart_eligible), not search tags.
        "tags": (),
        "language": (),
    }
    attribute_aliases: ClassVar[dict[str, str]] = {
        "condition": "condition",
        "warranty": "warranty",
        "currency_id": "currency",
    }

    def signature_score(self, header: list[str]) -> int:
        return 10 if self.header_names(header) >= self.signature else 0

    def map_record(self, record: Record, cmap: ColumnMap, width: int) -> RawListing:
        raw = super().map_record(record, cmap, width)
        values = raw.values
        site = values.get("marketplace", "").strip()
        if site.upper() in MELI_SITES:
            values["marketplace"] = MELI_SITES[site.upper()]
        # attributes[] is flattened to aligned lines: the n-th name goes with the n-th value.
        ids_col = column_index(cmap, "attributes.id")
        names_col = column_index(cmap, "attributes.name")
        values_col = column_index(cmap, "attributes.value_name")
        if values_col is None:
            return raw
        names = cell_at(record, names_col).split("\n")
        ids = cell_at(record, ids_col).split("\n")
        for index, value in enumerate(cell_at(record, values_col).split("\n")):
            name = (names[index] if index < len(names) else "").strip()
            attribute_id = (ids[index] if index < len(ids) else "").strip()
            value = value.strip()
            if not value or not (name or attribute_id):
                continue
            raw.attributes.setdefault(name or attribute_id, (value, values_col))
            if attribute_id == "BRAND" and not values.get("brand", "").strip():
                values["brand"] = value
            if attribute_id == "SELLER_SKU" and not values.get("sku", "").strip():
                values["sku"] = value
        return raw


class WdcOfferFormat(CatalogFormat):
    """Recognised by id, input_title and input_description together (WDC product-offer JSON Lines)."""

    name = "wdc-offers"
    title = "Web Data Commons product offers (JSON Lines)"
    signature = frozenset(_n("id", "input_title", "input_description"))
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        **ALIASES,
        "key": _n("id"),
        "title": _n("input_title"),
        "description": _n("input_description"),
        "category": _n("category"),
        "sku": (),
        "marketplace": (),
    }

    def signature_score(self, header: list[str]) -> int:
        return 10 if self.header_names(header) >= self.signature else 0


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n") if part.strip()]


def _divide(amount: str, divisor: str) -> str:
    """Etsy v3 money: amount 1599 with divisor 100 is 15.99; left as it is when not numbers."""
    try:
        value = Decimal(amount.strip()) / Decimal(divisor.strip())
    except (InvalidOperation, ZeroDivisionError):
        return amount
    return f"{value:f}"
