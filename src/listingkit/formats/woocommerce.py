"""WooCommerce product CSV export: variations are grouped under their parent product."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
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

SIGNATURE = set(_n("id", "type", "sku", "name", "short description", "parent"))
_ATTRIBUTE = re.compile(r"^attribute (\d+) (name|value\(s\))$")


class WooCommerceFormat(CatalogFormat):
    name = "woocommerce"
    title = "WooCommerce product CSV"
    groups_records = True
    html_fields = frozenset({"description"})
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        **ALIASES,
        "key": _n("id"),
        "sku": _n("sku"),
        "title": _n("name"),
        "description": _n("description"),
        "bullets": _n("short description"),
        "images": _n("images"),
        "category": _n("categories"),
        "tags": _n("tags"),
        "price": _n("regular price", "sale price"),
        "brand": _n("brands", "brand"),
    }

    def signature_score(self, header: list[str]) -> int:
        return 20 if self.header_names(header) >= SIGNATURE else 0

    def listings(self, records: Iterator[Record], cmap: ColumnMap, path: Path) -> Iterator[RawListing | Record]:
        """Every product in file order, each followed by nothing: its variations join it wherever they are.

        Variations name their parent as "id:123" or by the parent's SKU in the Parent column, and
        often come after unrelated products, so the export is read whole (exports are small).
        """
        parent_col = column_index(cmap, "parent")
        type_col = column_index(cmap, "type")
        id_col, sku_col = cmap.single.get("key"), cmap.single.get("sku")
        order: list[Record] = []
        children: dict[int, list[Record]] = {}
        keys: dict[str, int] = {}
        pending: list[tuple[Record, str]] = []
        for record in records:
            order.append(record)
            if not any(record.cells):
                continue
            if cell_at(record, type_col).strip().casefold() == "variation" and cell_at(record, parent_col).strip():
                pending.append((record, cell_at(record, parent_col).strip()))
                continue
            for key in (f"id:{cell_at(record, id_col).strip()}", cell_at(record, sku_col).strip()):
                if key and key != "id:":
                    keys.setdefault(key, id(record))
        orphans: set[int] = set()
        for record, parent in pending:
            owner = keys.get(parent)
            if owner is None:
                orphans.add(id(record))  # its parent is not in the file: it stands alone
            else:
                children.setdefault(owner, []).append(record)
        grouped = {id(r) for rs in children.values() for r in rs}
        width = len(cmap.header)
        for record in order:
            if not any(record.cells):
                yield record
                continue
            if id(record) in grouped:
                continue
            group = [record, *children.get(id(record), [])]
            raw = self.map_record(record, cmap, width)
            if len(group) > 1:
                raw.group = group
                raw.variants = [{"sku": cell_at(r, sku_col).strip() or None, "row": r.row} for r in group[1:]]
                for index, child in enumerate(group[1:], 1):
                    raw.issues.extend((c, p, index) for c, p, _ in self.map_record(child, cmap, width).issues)
            if id(record) in orphans:
                raw.issues.append(("LK-I009", {}, 0))
            yield raw

    def column_map(self, header: list[str], overrides: dict[str, str] | None) -> ColumnMap:
        cmap = super().column_map(header, overrides)
        names = [normalise_header(h) for h in header]
        pairs: dict[str, dict[str, int]] = {}
        for i, name in enumerate(names):
            m = _ATTRIBUTE.match(name)
            if m:
                pairs.setdefault(m.group(1), {})[m.group(2)] = i
        # "Attribute 1 name" holds the real name ("Color") of the values in "Attribute 1 value(s)".
        for number, cols in sorted(pairs.items()):
            if "value(s)" in cols:
                cmap.attributes[f"attribute {number}"] = cols["value(s)"]
                if "name" in cols:
                    cmap.attribute_names[f"attribute {number}"] = cols["name"]
        return cmap
