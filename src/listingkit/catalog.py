"""From files to listings: open each file, recognise its format, map every record.

Every record is accounted for: it becomes a listing, joins another listing's group, or is
reported as an `input` issue. Nothing here knows about rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listingkit.errors import InputError
from listingkit.formats import choose, format_named
from listingkit.formats.base import CatalogFormat, ColumnMap, MappingError, RawListing, html_as_text
from listingkit.i18n import _
from listingkit.io.sources import SUPPORTED_SUFFIXES, open_source
from listingkit.io.table import Record
from listingkit.marketplaces import GENERIC, Marketplaces
from listingkit.models import Listing, Locator


@dataclass(slots=True)
class InputIssue:
    """An input problem found while reading, turned into a finding by the auditor."""

    code: str
    params: dict[str, Any]
    row: int | None = None
    line: int | None = None
    end_line: int | None = None
    column: str | None = None
    field: str | None = None
    sheet_row: int | None = None


@dataclass(slots=True)
class FileSummary:
    file: str
    format: str | None = None
    format_title: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_line: int | None = None
    header_sheet_row: int | None = None
    records: int = 0
    listings: int = 0
    grouped_records: int = 0
    input_records: int = 0
    unused_columns: list[str] = field(default_factory=list)
    error: str | None = None
    # Records that became no listing (empty records), reported as catalog-level findings.
    issues: list[InputIssue] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "encoding": self.encoding,
            "sheet": self.sheet,
            "records": self.records,
            "listings": self.listings,
            "grouped_records": self.grouped_records,
            "input_records": self.input_records,
            "unused_columns": self.unused_columns,
        }


@dataclass(slots=True)
class FileReading:
    """An opened catalog file: its records, recognised format and column map."""

    path: Path
    records: Iterator[Record]
    fmt: CatalogFormat
    cmap: ColumnMap
    file_marketplace: str | None
    sheet: str | None = None

    @property
    def has_key_column(self) -> bool:
        return "sku" in self.cmap.single or "key" in self.cmap.single

    def sku_column(self) -> str | None:
        return _column(self.cmap, "sku")


@dataclass(slots=True)
class ReadOptions:
    marketplace: str | None = None  # --marketplace
    config_marketplace: str | None = None
    per_file_marketplace: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    column_map: dict[str, str] = field(default_factory=dict)
    input_format: str | None = None
    sheet: str | None = None


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; folders become their supported files, sorted, recursively."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                raise InputError(
                    _("{path}: folder holds no catalog files ({value})").format(
                        path=path, value=", ".join(SUPPORTED_SUFFIXES)
                    )
                )
            out.extend(found)
        else:
            out.append(path)
    return out


class CatalogReader:
    def __init__(self, options: ReadOptions, marketplaces: Marketplaces) -> None:
        self.options = options
        self.marketplaces = marketplaces

    def open(self, path: Path, summary: FileSummary) -> FileReading:
        """Open a file and recognise its format and header row. Raises InputError when it is unusable."""
        forced = format_named(self.options.input_format) if self.options.input_format else None
        source = open_source(path, self.options.encoding, self.options.sheet, lambda src: choose(src, forced)[2])
        fmt, header_index, _score = choose(source, forced)
        table = source.table(header_index)
        summary.encoding = table.encoding
        summary.delimiter = table.delimiter
        summary.header_line = table.header_line
        summary.header_sheet_row = table.header_sheet_row
        summary.sheet = table.sheet
        summary.format, summary.format_title = fmt.name, fmt.title
        try:
            cmap = fmt.column_map(table.header, self.options.column_map)
        except MappingError as exc:
            raise InputError(_("{path}: {exc}").format(path=path, exc=exc)) from None
        if "title" not in cmap.single:
            seen = ", ".join(h for h in table.header if h) or "none"
            raise InputError(
                _(
                    "{path}: {header_place}: no title column (columns seen: {seen}); name it with --map title=COLUMN"
                ).format(path=path, header_place=table.header_place, seen=seen)
            )
        summary.unused_columns = cmap.unused_columns()
        if fmt.name == "generic" and forced is None and summary.unused_columns:
            summary.issues.append(
                InputIssue(
                    "LK-I008",
                    {"columns": ", ".join(summary.unused_columns)},
                    None,
                    table.header_line,
                    table.header_line,
                    sheet_row=table.header_sheet_row,
                )
            )
        return FileReading(path, table.records, fmt, cmap, self._file_marketplace(path), table.sheet)

    def read(self, path: Path, summary: FileSummary) -> Iterator[tuple[Listing, list[InputIssue]]]:
        """Listings of one file. Raises InputError before the first listing when the file is unusable."""
        reading = self.open(path, summary)
        return self.listings(reading, summary)

    def _file_marketplace(self, path: Path) -> str | None:
        for key, value in self.options.per_file_marketplace.items():
            if Path(key) == path or Path(key).name == path.name:
                return value
        return None

    def listings(self, reading: FileReading, summary: FileSummary) -> Iterator[tuple[Listing, list[InputIssue]]]:
        for raw in reading.fmt.listings(reading.records, reading.cmap, reading.path):
            if isinstance(raw, Record):
                self.empty_record(raw, summary)
                continue
            records = max(1, len(raw.group))
            summary.records += records
            summary.listings += 1
            summary.grouped_records += records - 1
            yield self.to_listing(reading, raw)

    @staticmethod
    def empty_record(record: Record, summary: FileSummary) -> None:
        summary.records += 1
        summary.input_records += 1
        summary.issues.append(
            InputIssue("LK-I007", {}, record.row, record.line, record.end_line, sheet_row=record.sheet_row)
        )

    def to_listing(self, reading: FileReading, raw: RawListing) -> tuple[Listing, list[InputIssue]]:
        path, cmap = reading.path, reading.cmap
        values = raw.values
        issues = []
        for code, params, index in raw.issues:
            where = raw.group[index] if raw.group else None
            if where is None:
                issues.append(InputIssue(code, params, raw.row, raw.line, raw.end_line, sheet_row=raw.sheet_row))
            else:
                issues.append(
                    InputIssue(code, params, where.row, where.line, where.end_line, sheet_row=where.sheet_row)
                )
        marketplace, issue = self._marketplace(values.get("marketplace", ""), reading.file_marketplace)
        if issue:
            issues.append(
                InputIssue(
                    issue[0], issue[1], raw.row, raw.line, raw.end_line, _column(cmap, "marketplace"), "marketplace"
                )
            )
        sku = (values.get("sku") or "").strip() or (values.get("key") or "").strip() or None
        listing = Listing(
            file=str(path),
            row=raw.row,
            line=raw.line,
            end_line=raw.end_line,
            sku=sku,
            marketplace=marketplace,
            title=values.get("title", ""),
            description=html_as_text(values.get("description", ""))
            if "description" in reading.fmt.html_fields
            else values.get("description", ""),
            brand=values.get("brand", "").strip(),
            category_raw=values.get("category", ""),
            price=values.get("price", ""),
            seo_title=values.get("seo_title", ""),
            seo_description=values.get("seo_description", ""),
            language_column=(values.get("language") or "").strip() or None,
            variants=raw.variants,
            raw_cells=raw.cells,
            sheet=reading.sheet,
            sheet_row=raw.sheet_row,
        )
        items: dict[str, list[tuple[int, int, int]]] = {}
        for fld, found in raw.lists.items():
            if found:
                setattr(listing, fld, [f[0] for f in found])
                items[fld] = [(f[1], f[2], f[3]) for f in found]
        for fld, cols in cmap.lists.items():
            if not items.get(fld) and cols:
                items[fld] = [(cols[0], 0, 0)]  # an empty list field still names its column
        group = [(r.row, r.line, r.end_line, r.sheet_row) for r in raw.group] or [
            (raw.row, raw.line, raw.end_line, raw.sheet_row)
        ]
        listing.locator = Locator(
            cmap.header, cmap.single, items, group, {name: col for name, (_, col) in raw.attributes.items()}
        )
        listing.attributes = {name: value for name, (value, _) in raw.attributes.items()}
        if not listing.title.strip():
            issues.append(InputIssue("LK-I006", {}, raw.row, raw.line, raw.end_line, _column(cmap, "title"), "title"))
        if sku is None and reading.has_key_column:
            issues.append(InputIssue("LK-I002", {}, raw.row, raw.line, raw.end_line, _column(cmap, "sku"), "sku"))
        return listing, issues

    def _marketplace(self, cell: str, file_marketplace: str | None) -> tuple[str, tuple[str, dict[str, Any]] | None]:
        """--marketplace FILE=ID, then --marketplace ID, then the column, then config, then generic."""
        if file_marketplace:
            return file_marketplace, None
        if self.options.marketplace:
            return self.options.marketplace, None
        if cell.strip():
            resolved = self.marketplaces.resolve(cell)
            if resolved:
                return resolved, None
            return GENERIC, ("LK-I005", {})
        return self.options.config_marketplace or GENERIC, None


def _column(cmap: ColumnMap, fld: str) -> str | None:
    index = cmap.single.get(fld)
    if index is None and fld == "sku":
        index = cmap.single.get("key")
    return cmap.header[index] if index is not None else None
