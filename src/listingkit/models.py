"""The shapes every stage shares: a listing, a finding, a fix.

Plain slotted dataclasses rather than pydantic models: a catalog audit creates millions of
findings and listings, and these objects are built by trusted code. Untrusted input (rule
packs, configuration) is validated with pydantic at the edges instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Category(StrEnum):
    INPUT = "input"
    TITLE = "title"
    FORMULA = "formula"
    KEYWORDS = "keywords"
    DETAIL = "detail"
    PROHIBITED = "prohibited"
    IP = "ip"
    CLAIMS = "claims"
    ADLAW = "adlaw"
    LOCALE = "locale"


class Applicability(StrEnum):
    DISPLAY = "display"
    UNSAFE = "unsafe"
    SAFE = "safe"


# Fields a listing can have; list fields hold several items (bullet 3 has index 2).
TEXT_FIELDS = ("title", "description", "brand", "category", "sku", "price", "seo_title", "seo_description")
LIST_FIELDS = ("bullets", "images", "search_terms", "tags")


@dataclass(slots=True)
class Edit:
    field: str
    index: int | None
    start: int
    end: int
    replacement: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "replacement": self.replacement,
        }


@dataclass(slots=True)
class Fix:
    title: str
    applicability: Applicability
    edits: list[Edit]
    applied: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "applicability": self.applicability.value,
            "applied": self.applied,
            "edits": [e.as_dict() for e in self.edits],
        }


@dataclass(slots=True)
class Cell:
    """Where a listing field came from: the source column and the record it sits on."""

    column: str
    row: int
    line: int | None
    end_line: int | None
    sheet_row: int | None = None
    # Where a list item starts inside its cell, when several items share one cell.
    offset: int = 0


@dataclass(slots=True)
class Locator:
    """Finds the source cell of a field lazily: most listings never need one, so none is built up front."""

    header: list[str]
    single: dict[str, int]  # field -> column index, shared by every listing of a file
    # list field -> (column index, offset in cell, index of the record in `records`) per item
    items: dict[str, list[tuple[int, int, int]]]
    # (row, line, end_line, sheet_row) of each record of the listing, first record first
    records: list[tuple[int, int | None, int | None, int | None]]
    # attribute name -> column index
    attribute_columns: dict[str, int] = field(default_factory=dict)

    def attribute_cell(self, name: str) -> Cell | None:
        col_index = self.attribute_columns.get(name)
        if col_index is None:
            return None
        row, line, end_line, sheet_row = self.records[0]
        return Cell(self.header[col_index], row, line, end_line, sheet_row)

    def cell(self, field_name: str, index: int | None) -> Cell | None:
        if index is not None:
            places = self.items.get(field_name)
            if places and 0 <= index < len(places):
                col, offset, rec = places[index]
                row, line, end_line, sheet_row = self.records[rec]
                return Cell(self.header[col], row, line, end_line, sheet_row, offset=offset)
        col_index = self.single.get(field_name)
        if col_index is None:
            places = self.items.get(field_name)
            if not places:
                return None
            col_index = places[0][0]
        row, line, end_line, sheet_row = self.records[0]
        return Cell(self.header[col_index], row, line, end_line, sheet_row)


@dataclass(slots=True)
class Listing:
    file: str
    row: int
    line: int | None
    end_line: int | None
    sku: str | None
    marketplace: str
    title: str = ""
    description: str = ""
    brand: str = ""
    category_raw: str = ""
    price: str = ""
    seo_title: str = ""
    seo_description: str = ""
    bullets: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    search_terms: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    language_column: str | None = None
    sheet: str | None = None
    sheet_row: int | None = None
    variants: list[dict[str, Any]] = field(default_factory=list)
    locator: Locator | None = None
    # The record's cells exactly as read (the first record's, for a grouped product).
    raw_cells: list[str] = field(default_factory=list)

    def text_items(self, field_name: str) -> list[tuple[int | None, str]]:
        """The values of a field as (index, text) pairs; index is None for single fields."""
        if field_name in LIST_FIELDS:
            items: list[str] = getattr(self, field_name)
            return list(enumerate(items))
        if field_name == "attributes":
            return [(None, f"{k}: {v}") for k, v in self.attributes.items()]
        value = getattr(self, field_name, None)
        if value is None:
            return []
        return [(None, str(value))]

    @property
    def raw(self) -> dict[str, str]:
        """The untouched record by column name."""
        header = self.locator.header if self.locator is not None else []
        return dict(zip(header, self.raw_cells, strict=False))

    def cell(self, field_name: str, index: int | None) -> Cell | None:
        return self.locator.cell(field_name, index) if self.locator is not None else None

    def identity_key(self) -> str:
        """The stable key of a listing: its SKU, else a hash of the normalised title."""
        if self.sku:
            return self.sku
        normal = " ".join(self.title.casefold().split())
        return "title:" + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    field: str | None = None
    index: int | None = None
    column: str | None = None
    start: int | None = None
    end: int | None = None
    match: str | None = None
    link: str | None = None
    rule_date: str | None = None
    message_localized: str | None = None
    fix: Fix | None = None
    row: int | None = None
    line: int | None = None
    end_line: int | None = None
    sheet_row: int | None = None
    fingerprint: str = ""
    # Why a finding fired beyond its message (normalisation undone, allowance considered).
    detail: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "field": self.field,
            "index": self.index,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "match": self.match,
            "message": self.message,
            "message_localized": self.message_localized or self.message,
            "link": self.link,
            "rule_date": self.rule_date,
            "fingerprint": self.fingerprint,
            "fix": self.fix.as_dict() if self.fix else None,
            "row": self.row,
            "line": self.line,
            "end_line": self.end_line,
            "sheet_row": self.sheet_row,
        }
        if self.detail:
            out["detail"] = self.detail
        return out


def fingerprint(
    marketplace: str, key: str, code: str, field_name: str | None, index: int | None, match: str | None, occurrence: int
) -> str:
    """Stable across re-sorting: never uses the row or line."""
    normal_match = " ".join((match or "").casefold().split())
    parts = [
        marketplace,
        key,
        code,
        field_name or "",
        "" if index is None else str(index),
        normal_match,
        str(occurrence),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def assign_fingerprints(findings: list[Finding], marketplace: str, key: str) -> None:
    """Number identical (code, field, index, match) findings so each gets its own fingerprint."""
    seen: dict[tuple[str, str | None, int | None, str], int] = {}
    for f in findings:
        ident = (f.code, f.field, f.index, " ".join((f.match or "").casefold().split()))
        occurrence = seen.get(ident, 0)
        seen[ident] = occurrence + 1
        f.fingerprint = fingerprint(marketplace, key, f.code, f.field, f.index, f.match, occurrence)
