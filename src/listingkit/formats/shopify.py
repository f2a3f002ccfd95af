"""Shopify product CSV: one product over several records (variants and extra images) sharing a Handle."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from listingkit.formats.base import ALIASES, CatalogFormat, ColumnMap, RawListing, _n, cell_at, split_cell
from listingkit.io.table import Record

SIGNATURE = set(_n("handle", "title", "body (html)", "variant sku"))

# Product-level columns are filled on a product's first record only; these repeat on every record.
PER_RECORD_LISTS = {"images"}


class ShopifyFormat(CatalogFormat):
    name = "shopify"
    title = "Shopify product CSV"
    groups_records = True
    html_fields = frozenset({"description"})
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        **ALIASES,
        "sku": _n("variant sku"),
        "key": _n("handle"),
        "title": _n("title"),
        "description": _n("body (html)"),
        "brand": _n("vendor"),
        "category": _n("product category", "type", "google shopping / google product category"),
        "tags": _n("tags"),
        "price": _n("variant price"),
        "images": _n("image src", "variant image"),
        "seo_title": _n("seo title"),
        "seo_description": _n("seo description"),
        "language": (),
        "marketplace": (),
    }
    attribute_aliases: ClassVar[dict[str, str]] = {
        "option1 value": "option1",
        "option2 value": "option2",
        "option3 value": "option3",
        "variant barcode": "gtin",
        "image alt text": "image_alt_text",
    }

    def signature_score(self, header: list[str]) -> int:
        return 20 if self.header_names(header) >= SIGNATURE else 0

    def column_map(self, header: list[str], overrides: dict[str, str] | None) -> ColumnMap:
        cmap = super().column_map(header, overrides)
        # "Variant Image" is a second image column: keep it beside "Image Src".
        names = [h.strip().casefold() for h in header]
        extra = [i for i, n in enumerate(names) if n == "variant image" and i not in cmap.used()]
        cmap.lists.setdefault("images", []).extend(extra)
        # Metafield columns ("Material (product.metafields.shopify.material)") are attributes named by
        # their label: they are where a shop states material, colour and size.
        for i, header_name in enumerate(header):
            label, sep, rest = header_name.partition(" (product.metafields.")
            if sep and rest.endswith(")") and i not in cmap.used() and label.strip():
                cmap.attributes.setdefault(label.strip(), i)
        return cmap

    def listings(self, records: Iterator[Record], cmap: ColumnMap, path: Path) -> Iterator[RawListing | Record]:
        handle_col = cmap.single.get("key")
        group: list[Record] = []
        for record in records:
            if not any(record.cells):
                if group:
                    yield self._product(group, cmap)
                    group = []
                yield record
                continue
            handle = cell_at(record, handle_col)
            if group and handle != cell_at(group[0], handle_col):
                yield self._product(group, cmap)
                group = []
            group.append(record)
        if group:
            yield self._product(group, cmap)

    def _product(self, group: list[Record], cmap: ColumnMap) -> RawListing:
        width = len(cmap.header)
        raw = self.map_record(group[0], cmap, width)
        raw.group = group
        images: list[tuple[str, int, int, int]] = []
        seen: set[str] = set()
        for index, record in enumerate(group):
            if index:
                raw.issues.extend(
                    (code, params, index) for code, params, _ in self.map_record(record, cmap, width).issues
                )
            for col in cmap.lists.get("images", []):
                for item, offset in split_cell(cell_at(record, col), "images"):
                    if item not in seen:  # a variant image usually repeats one of the product's images
                        seen.add(item)
                        images.append((item, col, offset, index))
        raw.lists["images"] = images
        raw.variants = _variants(group, cmap)
        return raw


def _variants(group: list[Record], cmap: ColumnMap) -> list[dict[str, Any]]:
    """The records that are variants (a SKU or an option value), not image-only records."""
    sku_col = cmap.single.get("sku")
    option_col = cmap.attributes.get("option1")
    out = []
    for record in group:
        sku = cell_at(record, sku_col).strip()
        if sku or cell_at(record, option_col).strip():
            out.append({"sku": sku or None, "row": record.row})
    return out
