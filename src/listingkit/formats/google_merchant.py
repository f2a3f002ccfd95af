"""Google Merchant Center product feeds: TSV/CSV files and RSS 2.0/Atom XML (read by listingkit.io.xmlfeed).

The attribute names are those of Google's product data specification; the XML reader drops the
g: prefix, so both kinds of file reach this format with the same columns. Meta and other
catalogs that reuse the specification's names are read by it too.
"""

from __future__ import annotations

from typing import ClassVar

from listingkit.formats.base import ALIASES, CatalogFormat, ColumnMap, RawListing, _n
from listingkit.io.table import Record

SIGNATURE = frozenset(_n("id", "title", "link", "image_link"))
# At least one of these beside the signature: a feed, not any table with id, title and links.
FEED_DETAILS = frozenset(
    _n("availability", "price", "condition", "brand", "gtin", "mpn", "google_product_category", "product_type")
)


class GoogleMerchantFormat(CatalogFormat):
    """Recognised by id, title, link and image_link with a feed attribute (price, availability, gtin ...)."""

    name = "google-merchant"
    title = "Google Merchant Center feed (TSV/CSV, RSS/Atom XML)"
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        **ALIASES,
        "key": _n("id"),
        "title": _n("title"),
        # Atom feeds may carry the description as <summary>.
        "description": _n("description", "summary"),
        "brand": _n("brand"),
        "price": _n("price", "sale_price"),
        "category": _n("google_product_category", "product_type"),
        "images": _n("image_link"),
        "bullets": _n("product_highlight", "product_highlights"),
        # "channel" (online/local) is a Merchant attribute, not a marketplace.
        "marketplace": (),
    }
    attribute_aliases: ClassVar[dict[str, str]] = {
        "gtin": "gtin",
        "mpn": "mpn",
        "condition": "condition",
        "availability": "availability",
        "color": "color",
        "size": "size",
        "material": "material",
        "gender": "gender",
        "age_group": "age_group",
    }

    def signature_score(self, header: list[str]) -> int:
        names = self.header_names(header)
        return 10 if names >= SIGNATURE and names & FEED_DETAILS else 0

    def column_map(self, header: list[str], overrides: dict[str, str] | None) -> ColumnMap:
        cmap = super().column_map(header, overrides)
        # additional_image_link holds several URLs (comma-separated in TSV, a line each from XML).
        if "images" not in (overrides or {}):
            used = cmap.used()
            extra = [i for i, h in enumerate(_names(header)) if h in _ADDITIONAL_IMAGES and i not in used]
            if extra:
                cmap.lists.setdefault("images", []).extend(extra)
                cmap.multi_item.update(extra)
        product_type = _find(header, "product_type")
        if product_type is not None and cmap.single.get("category") != product_type:
            cmap.attributes.setdefault("product_type", product_type)
        return cmap

    def map_record(self, record: Record, cmap: ColumnMap, width: int) -> RawListing:
        raw = super().map_record(record, cmap, width)
        # google_product_category is optional per item: the seller's product_type stands in for it.
        if not raw.values.get("category", "").strip() and "product_type" in raw.attributes:
            raw.values["category"] = raw.attributes["product_type"][0]
        return raw


_ADDITIONAL_IMAGES = frozenset(_n("additional_image_link", "additional_image_links"))


def _names(header: list[str]) -> list[str]:
    return list(_n(*header))


def _find(header: list[str], name: str) -> int | None:
    names = _names(header)
    target = _n(name)[0]
    return names.index(target) if target in names else None
