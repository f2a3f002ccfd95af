"""How a catalog format maps its columns onto a Listing.

A format is a small declarative object: how to recognise its header, which columns feed which
field, how list cells split. Grouping formats (one product over several records) override
`listings`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from listingkit.i18n import _
from listingkit.io.table import Record

LIST_FIELDS = {"bullets", "images", "search_terms", "tags"}
SINGLE_FIELDS = {
    "sku",
    "key",
    "title",
    "description",
    "brand",
    "category",
    "marketplace",
    "language",
    "price",
    "seo_title",
    "seo_description",
}
MAPPABLE = SINGLE_FIELDS | LIST_FIELDS


def normalise_header(name: str) -> str:
    """'Product_Name ', 'product-name' and 'PRODUCT NAME' are one header."""
    cleaned = re.sub(r"[\s_\-]+", " ", name.strip().lstrip("\ufeff")).casefold()
    return cleaned.strip()


def _n(*names: str) -> tuple[str, ...]:
    return tuple(normalise_header(n) for n in names)


# Header aliases for single-value fields, in English and Chinese; first match wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "sku": _n(
        "sku",
        "seller-sku",
        "seller sku",
        "item_sku",
        "variant sku",
        "sku code",
        "sku编码",
        "商品编码",
        "货号",
        "商家编码",
        "商品货号",
    ),
    # The format's own key when there is no SKU: dataset ids, ASINs, listing ids.
    "key": _n(
        "uniq id",
        "unique id",
        "asin",
        "asin1",
        "listing-id",
        "listing id",
        "item id",
        "itemid",
        "product id",
        "product_id",
        "id",
        "商品id",
        "商品ID",
    ),
    "title": _n(
        "title",
        "name",
        "product name",
        "product_name",
        "product title",
        "item_name",
        "item-name",
        "item name",
        "item title",
        "subject",
        "标题",
        "商品标题",
        "商品名称",
        "产品标题",
        "产品名称",
    ),
    "description": _n(
        "description",
        "product_description",
        "product description",
        "item-description",
        "long description",
        "body (html)",
        "body html",
        "描述",
        "详情",
        "商品描述",
        "商品详情",
        "产品描述",
        "详情描述",
    ),
    "brand": _n("brand", "brand_name", "brand name", "品牌", "品牌名称"),
    "category": _n(
        "category", "categories", "product category", "product type", "item_type", "类目", "分类", "商品类目"
    ),
    "marketplace": _n("marketplace", "platform", "site", "channel", "平台", "站点"),
    "language": _n("language", "lang", "locale", "语言"),
    "price": _n("price", "standard_price", "selling price", "sale price", "价格", "售价"),
    "search_terms": _n(
        "search terms", "search_terms", "generic_keywords", "generic keywords", "keywords", "关键词", "搜索词"
    ),
    "tags": _n("tags", "tag", "标签"),
    "seo_title": _n("seo title", "seo_title", "meta title"),
    "seo_description": _n("seo description", "seo_description", "meta description"),
    # Single-column list fields: split on the separators below.
    "bullets": _n("bullet points", "bullets", "key features", "features", "highlights", "五点描述", "卖点"),
    "images": _n(
        "images",
        "image",
        "image src",
        "image url",
        "image urls",
        "image_link",
        "main_image_url",
        "main image url",
        "picture urls",
        "主图",
        "图片",
        "商品主图",
    ),
}

# Numbered list columns: bullet_point1..5, other_image_url1..8, 副图1 ...
NUMBERED: dict[str, re.Pattern[str]] = {
    "bullets": re.compile(r"^(?:bullet ?point|bullet|key product features?|feature|五点描述|卖点) ?(\d+)$"),
    "images": re.compile(r"^(?:other image url|additional image link|image|image url|副图|图片|picture) ?(\d+)$"),
    "search_terms": re.compile(r"^(?:generic keywords|search terms|关键词) ?(\d+)$"),
}

SPLITTERS: dict[str, re.Pattern[str]] = {
    "bullets": re.compile(r"\s*\|\s*|\r?\n+"),
    "images": re.compile(r"\s*[|;\n]\s*|\s*,\s*(?=https?://)|\s+(?=https?://)"),
    "tags": re.compile(r"\s*[,;，、]\s*"),
    "search_terms": re.compile(r"\r?\n+"),
}


@dataclass(slots=True)
class ColumnMap:
    single: dict[str, int] = field(default_factory=dict)
    lists: dict[str, list[int]] = field(default_factory=dict)
    attributes: dict[str, int] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    # Columns whose cell holds several items (About Product, Tags); numbered columns hold one each.
    multi_item: set[int] = field(default_factory=set)
    # Attribute key -> the column holding that attribute's real name on each record ("Attribute 1 name").
    attribute_names: dict[str, int] = field(default_factory=dict)

    def used(self) -> set[int]:
        out = set(self.single.values()) | set(self.attributes.values()) | set(self.attribute_names.values())
        for cols in self.lists.values():
            out.update(cols)
        return out

    def unused_columns(self) -> list[str]:
        used = self.used()
        # listingkit's own columns (annotations, the ignore column) are not catalog fields.
        return [
            h
            for i, h in enumerate(self.header)
            if i not in used and h and not h.strip().casefold().startswith("listingkit_")
        ]


class MappingError(ValueError):
    pass


def build_column_map(
    header: list[str],
    aliases: dict[str, tuple[str, ...]],
    overrides: dict[str, str] | None = None,
    attribute_aliases: dict[str, str] | None = None,
) -> ColumnMap:
    normal = [normalise_header(h) for h in header]
    attribute_aliases = {normalise_header(k): v for k, v in (attribute_aliases or {}).items()}
    cmap = ColumnMap(header=list(header))
    for fld, column in (overrides or {}).items():
        if fld not in MAPPABLE:
            raise MappingError(
                _("--map: unknown field '{fld}' (fields: {value})").format(fld=fld, value=", ".join(sorted(MAPPABLE)))
            )
        target = normalise_header(column)
        if target not in normal:
            raise MappingError(
                _("--map {fld}={column}: no such column (columns: {value})").format(
                    fld=fld, column=column, value=", ".join(header)
                )
            )
        index = normal.index(target)
        if fld in LIST_FIELDS:
            cmap.lists[fld] = [index]
            cmap.multi_item.add(index)
        else:
            cmap.single[fld] = index
    taken = set(cmap.used())
    for i, name in enumerate(normal):
        if name.startswith("attr:") and i not in taken:
            cmap.attributes[header[i].split(":", 1)[1].strip()] = i
            taken.add(i)
        elif attribute_aliases and name in attribute_aliases and i not in taken:
            cmap.attributes[attribute_aliases[name]] = i
            taken.add(i)
    for fld, names in aliases.items():
        if fld in cmap.single or fld in cmap.lists:
            continue
        for alias in names:
            if alias in normal and normal.index(alias) not in taken:
                index = normal.index(alias)
                if fld in LIST_FIELDS:
                    cmap.lists.setdefault(fld, []).append(index)
                    cmap.multi_item.add(index)
                else:
                    cmap.single[fld] = index
                taken.add(index)
                break
    for fld, pattern in NUMBERED.items():
        if fld in (overrides or {}):
            continue
        numbered = sorted(
            (int(m.group(1)), i) for i, name in enumerate(normal) if i not in taken and (m := pattern.match(name))
        )
        if numbered:
            cmap.lists.setdefault(fld, []).extend(i for _, i in numbered)
            taken.update(i for _, i in numbered)
    return cmap


@dataclass(slots=True)
class RawListing:
    """What a format hands on: field values with the cells they came from, before rules run."""

    row: int
    line: int | None
    end_line: int | None
    values: dict[str, str]
    # field -> (item, column index, offset in cell, index of the record in `group` it comes from)
    lists: dict[str, list[tuple[str, int, int, int]]]
    attributes: dict[str, tuple[str, int]]
    cells: list[str]
    sheet_row: int | None = None
    variants: list[dict[str, Any]] = field(default_factory=list)
    # input issues: code, params, index of the record in `group` they are about
    issues: list[tuple[str, dict[str, Any], int]] = field(default_factory=list)
    # Every record of a grouped product, first one first; empty for one-record listings.
    group: list[Record] = field(default_factory=list)


def split_cell(value: str, fld: str) -> list[tuple[str, int]]:
    """Items of a list cell with their offsets in the raw cell, so spans map back to it."""
    splitter = SPLITTERS.get(fld)
    if splitter is None:
        stripped = value.strip()
        return [(stripped, value.find(stripped))] if stripped else []
    items = []
    pos = 0
    for m in [*splitter.finditer(value), None]:
        end = m.start() if m else len(value)
        piece = value[pos:end]
        stripped = piece.strip()
        if stripped:
            items.append((stripped, pos + piece.find(stripped)))
        if m:
            pos = m.end()
    return items


class CatalogFormat:
    """A generic delimited catalog; subclasses declare other aliases or group records."""

    name = "generic"
    title = "Generic CSV/TSV (header aliases)"
    # Formats that group several records into one product are read in order, in one process.
    groups_records = False
    aliases: ClassVar[dict[str, tuple[str, ...]]] = ALIASES
    # Columns that become listing attributes under a name: normalised header -> attribute name.
    attribute_aliases: ClassVar[dict[str, str]] = {}
    # Fields holding HTML, checked as text with the markup blanked out (offsets stay those of the cell).
    html_fields: ClassVar[frozenset[str]] = frozenset()

    def signature_score(self, header: list[str]) -> int:
        """How sure this format is that the header is its own; 0 means not this format.

        The generic format claims any row with a title-like column, so a header below metadata
        rows is found, and a file without one still gets the clear "no title column" error.
        """
        names = {normalise_header(h) for h in header}
        return 1 if names & set(self.aliases["title"]) else 0

    def column_map(self, header: list[str], overrides: dict[str, str] | None) -> ColumnMap:
        return build_column_map(header, self.aliases, overrides, self.attribute_aliases)

    def header_names(self, header: list[str]) -> set[str]:
        return {normalise_header(h) for h in header}

    def listings(self, records: Iterator[Record], cmap: ColumnMap, path: Path) -> Iterator[RawListing | Record]:
        """Mapped listings; a record with no content at all is handed back as it is, to be reported."""
        width = len(cmap.header)
        for record in records:
            if not any(record.cells):
                yield record
                continue
            yield self.map_record(record, cmap, width)

    def map_record(self, record: Record, cmap: ColumnMap, width: int) -> RawListing:
        cells = record.cells
        issues: list[tuple[str, dict[str, Any], int]] = []
        # Spreadsheets and JSON leave trailing cells out; only delimited text has a cell count to check.
        if record.line is not None and len(cells) != width:
            issues.append(("LK-I004", {"cells": len(cells), "expected": width}, 0))
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        values = {fld: cells[i] for fld, i in cmap.single.items()}
        lists: dict[str, list[tuple[str, int, int, int]]] = {}
        for fld, cols in cmap.lists.items():
            items: list[tuple[str, int, int, int]] = []
            for col in cols:
                value = cells[col]
                if col in cmap.multi_item:
                    items.extend((item, col, offset, 0) for item, offset in split_cell(value, fld))
                elif value:
                    stripped = value.strip()
                    if stripped:
                        items.append((stripped, col, value.find(stripped) if stripped is not value else 0, 0))
            lists[fld] = items
        attributes = {}
        for name, i in cmap.attributes.items():
            if cells[i].strip():
                name_col = cmap.attribute_names.get(name)
                label = cells[name_col].strip() if name_col is not None else ""
                attributes[label or name] = (cells[i], i)
        return RawListing(
            record.row,
            record.line,
            record.end_line,
            values,
            lists,
            attributes,
            record.cells,
            record.sheet_row,
            issues=issues,
        )


_TAG = re.compile(r"<[^<>]*>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def html_as_text(value: str) -> str:
    """HTML with tags blanked to spaces and entities decoded in place, padded to their length.

    The text keeps the cell's offsets, so a finding's span still points into the original HTML.
    """
    if "<" not in value and "&" not in value:
        return value
    text = _TAG.sub(lambda m: " " * len(m.group()), value)

    def entity(m: re.Match[str]) -> str:
        decoded = html.unescape(m.group())
        if len(decoded) != 1:
            return m.group()
        return decoded + " " * (len(m.group()) - 1)

    return _ENTITY.sub(entity, text)


def column_index(cmap: ColumnMap, name: str) -> int | None:
    """The index of a column by its header name, compared as headers are (case, spaces, _ and -)."""
    target = normalise_header(name)
    for i, header in enumerate(cmap.header):
        if normalise_header(header) == target:
            return i
    return None


def cell_at(record: Record, col: int | None) -> str:
    """A record's cell, or "" where the column is missing or the record is short."""
    if col is None or col >= len(record.cells):
        return ""
    return record.cells[col]
