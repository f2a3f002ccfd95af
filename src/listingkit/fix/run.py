"""`listingkit fix`: audit, fix each listing until stable, map the changes back to cells, write."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from listingkit.audit import Auditor, ListingResult, Summary
from listingkit.catalog import FileSummary
from listingkit.errors import InputError
from listingkit.fix.engine import AppliedFix, FixedListing, FixOptions, fix_listing, words_of
from listingkit.fix.jsonwriter import JsonEdits, render_json
from listingkit.fix.template import rewrite
from listingkit.fix.workbook import WRITABLE_SUFFIXES, write_workbook
from listingkit.fix.writer import ANNOTATION_PREFIX, Edits, neutralise, read_text, render, write_atomic
from listingkit.formats import format_named
from listingkit.i18n import _
from listingkit.models import Finding, Listing, Severity

ANNOTATION_COLUMNS = [
    f"{ANNOTATION_PREFIX}score",
    f"{ANNOTATION_PREFIX}findings",
    f"{ANNOTATION_PREFIX}suggested_title",
    f"{ANNOTATION_PREFIX}changes",
]
# Spreadsheets and JSON are read but not yet written back; a clear error says so.
WRITABLE_FORMATS_NOTE = "listingkit fix writes CSV, TSV, tab-delimited text, .xlsx, .xlsm, JSON and JSON Lines files"
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class RunOptions:
    fix: FixOptions
    annotate: str = "columns"  # columns | sidecar | none
    annotate_only: bool = False
    write: bool = True  # false for --diff


@dataclass(slots=True)
class FileFix:
    path: Path
    summary: FileSummary
    listings: list[FixedListing] = field(default_factory=list)
    output: Path | None = None
    sidecar: Path | None = None
    unmapped: list[str] = field(default_factory=list)
    changed_lines: set[int] = field(default_factory=set)  # first lines of the records whose cells changed

    @property
    def changed(self) -> list[FixedListing]:
        return [f for f in self.listings if f.changed]


def _remaining_text(findings: list[Finding]) -> str:
    return " | ".join(f"{f.code} {f.name}: {f.message}" for f in findings)


def _changes_text(fixed: FixedListing) -> str:
    return "; ".join(f"{a.code} {a.field}: {a.title}" for a in fixed.applied)


class Fixer:
    def __init__(self, auditor: Auditor, options: RunOptions) -> None:
        self.auditor = auditor
        self.options = options
        self._key: Callable[[Listing], int | None] = _first_line

    def _audit(self, listing: Listing) -> tuple[list[Finding], int | None]:
        result = self.auditor.audit_listing(listing, [])
        return result.findings, result.score

    def fix_result(self, result: ListingResult, read_only: frozenset[str]) -> FixedListing:
        if self.options.annotate_only:
            return FixedListing(result.listing, {}, findings=result.findings, score_before=result.score,
                                score_after=result.score)  # fmt: skip
        before = result.listing.title
        findings, score = result.findings, result.score
        rewritten = self._apply_template(result)
        if rewritten:
            findings, score = self._audit(result.listing)
        fixed = fix_listing(result.listing, findings, score, self._audit, self.options.fix, read_only)
        if rewritten:
            fixed.score_before = result.score
            fixed.original[("title", None)] = before
            fixed.changed[("title", None)] = result.listing.title
            fixed.applied.insert(0, AppliedFix("template", "Reorder to the title template", "title", None, before,
                                               rewritten))  # fmt: skip
        return fixed

    def _apply_template(self, result: ListingResult) -> str:
        """The title rewritten in the marketplace's template order, set on the listing; '' when unchanged."""
        options = self.options.fix
        listing = result.listing
        template = options.template_for(listing.marketplace)
        if template is None or "title" not in options.fields or not listing.title.strip():
            return ""
        ruleset = self.auditor.ruleset
        language = result.language
        if language == "und":
            expected = ruleset.marketplaces.languages(listing.marketplace)
            language = expected[0] if expected else "en"
        category = ruleset.formula.category_id(listing.category_raw, language)
        tagging = ruleset.formula.tag(listing.title, language, listing.brand, category)
        new = rewrite(listing.title, tagging, template, listing.brand) if tagging is not None else None
        if not new or new == listing.title:
            return ""
        if options.no_new_words and not _words(new) <= words_of(listing):
            return ""
        listing.title = new
        return new

    def suggested_title(self, fixed: FixedListing) -> str:
        """The title with the unsafe fixes too, when they were not applied: shown, not written."""
        if self.options.fix.unsafe or not any(
            f.fix is not None and f.fix.applicability.value == "unsafe" and f.field == "title" for f in fixed.findings
        ):
            return ""
        copy = _copy(fixed.listing)
        options = FixOptions(unsafe=True, fields=frozenset({"title"}), no_new_words=self.options.fix.no_new_words)
        trial = fix_listing(copy, fixed.findings, fixed.score_after, self._audit, options)
        return copy.title if trial.changed else ""

    def run_file(self, path: Path, output: Path | None, in_place: bool) -> FileFix:
        audit_summary = Summary()
        results = list(self.auditor.run([path], audit_summary))
        summary = audit_summary.files[-1]
        if summary.error:
            raise InputError(summary.error)
        workbook = summary.sheet is not None
        json_file = not workbook and summary.delimiter is None and path.suffix.lower() in JSON_SUFFIXES
        if workbook and path.suffix.lower() not in WRITABLE_SUFFIXES:
            raise InputError(
                _("{path}: {WRITABLE_FORMATS_NOTE}; save this workbook as .xlsx first").format(
                    path=path, WRITABLE_FORMATS_NOTE=WRITABLE_FORMATS_NOTE
                )
            )
        if summary.delimiter is None and not workbook and not json_file:
            raise InputError(
                _("{path}: {WRITABLE_FORMATS_NOTE}; this file is read as {format_title}").format(
                    path=path, WRITABLE_FORMATS_NOTE=WRITABLE_FORMATS_NOTE, format_title=summary.format_title
                )
            )
        # Where a listing's first record is: a physical line, a sheet row, or (JSON) its number.
        self._key = _row_key if json_file else _first_line
        # Fields a format converts from HTML (Shopify's Body) are not the cell's text: never fixed.
        fmt_read_only = frozenset(format_named(summary.format or "generic").html_fields)
        done = FileFix(path, summary)
        edits = Edits(annotation_columns=list(ANNOTATION_COLUMNS) if self.options.annotate == "columns" else [])
        sidecar_rows: list[list[str | None]] = []
        for result in results:
            fixed = self.fix_result(result, fmt_read_only)
            done.listings.append(fixed)
            self._map_cells(fixed, edits, done)
            values = self._annotation_values(fixed)
            first_line = self._key(fixed.listing)
            if first_line is not None and edits.annotation_columns:
                edits.annotations[first_line] = values
            sidecar_rows.append([str(fixed.listing.row), fixed.listing.sku or "", *values])
        done.changed_lines = set(edits.cells)
        if self.options.write:
            target = path if in_place else output
            assert target is not None
            if json_file:
                _write_json(path, target, summary.encoding or "utf-8", results, edits, in_place)
            elif workbook:
                assert summary.sheet is not None
                write_workbook(path, target, summary.sheet, summary.header_sheet_row or 1, edits, backup=in_place)
            else:
                assert summary.delimiter is not None
                encoding = summary.encoding or "utf-8"
                text = render(read_text(path, encoding), summary.delimiter, summary.header_line or 1, edits)
                write_atomic(target, text, encoding, backup=in_place)
            done.output = target
            if self.options.annotate == "sidecar":
                done.sidecar = _write_sidecar(target, sidecar_rows)
        return done

    def _annotation_values(self, fixed: FixedListing) -> list[str | None]:
        score = "" if fixed.score_after is None else str(fixed.score_after)
        changes = _changes_text(fixed) or None  # nothing new: keep the log of an earlier run
        return [score, _remaining_text(fixed.findings), self.suggested_title(fixed), changes]

    def _map_cells(self, fixed: FixedListing, edits: Edits, done: FileFix) -> None:
        """Each changed item goes back into its cell; several items of one cell are applied from the end."""
        listing = fixed.listing
        locator = listing.locator
        if locator is None:
            return
        per_cell: dict[tuple[int, int], list[tuple[int, str, str]]] = {}
        for (name, index), after in fixed.changed.items():
            before = fixed.original[(name, index)]
            place = _place(listing, name, index, self._key)
            if place is None:
                done.unmapped.append(f"row {listing.row}: {name} has no single cell to write")
                continue
            line, column, offset = place
            per_cell.setdefault((line, column), []).append((offset, before, after))
        for (line, column), changes in per_cell.items():
            raw = listing.raw_cells[column] if column < len(listing.raw_cells) else ""
            value = raw
            for offset, before, after in sorted(changes, reverse=True):
                if value == before:
                    value = after
                elif value[offset : offset + len(before)] == before:
                    value = value[:offset] + after + value[offset + len(before) :]
                else:
                    done.unmapped.append(f"row {listing.row}: the cell of {column} does not hold the text fixed")
                    break
            else:
                edits.set_cell(line, column, value)


def _place(
    listing: Listing, name: str, index: int | None, record_key: Callable[[Listing], int | None]
) -> tuple[int, int, int] | None:
    """(record's first line, column, offset in the cell) of a field item on the listing's first record."""
    locator = listing.locator
    if locator is None:
        return None
    if index is not None and name in locator.items:
        places = locator.items[name]
        if not 0 <= index < len(places):
            return None
        column, offset, record = places[index]
    elif name in locator.single:
        column, offset, record = locator.single[name], 0, 0
    else:
        return None
    if record != 0:
        return None  # only the first record's raw cells are kept
    key = record_key(listing)
    return (key, column, offset) if key is not None else None


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


def _row_key(listing: Listing) -> int | None:
    return listing.row


def _write_json(
    source: Path, target: Path, encoding: str, results: list[ListingResult], edits: Edits, backup: bool
) -> None:
    """Changed values and annotations written into the listing objects (numbered by their row)."""
    header = next((r.listing.locator.header for r in results if r.listing.locator is not None), [])
    out = JsonEdits()
    for row, cells in edits.cells.items():
        out.values[row] = {header[column]: value for column, value in cells.items()}
    for row, values in edits.annotations.items():
        out.annotations[row] = dict(zip(edits.annotation_columns, values, strict=True))
    text = read_text(source, encoding)
    lines = source.suffix.lower() in (".jsonl", ".ndjson") or _is_lines(text)
    try:
        written = render_json(text, lines, out, edits.annotation_columns)
    except InputError as exc:
        raise InputError(_("{source}: {exc}").format(source=source, exc=exc)) from None
    write_atomic(target, written, encoding, backup=backup)


def _is_lines(text: str) -> bool:
    """A .json file holding one object per line (the reader recognises these by content)."""
    import json

    first = text.lstrip("\ufeff").lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict) and first.strip() != text.strip()
    except ValueError:
        return False


def _first_line(listing: Listing) -> int | None:
    """Where the listing's first record is: its first physical line, or its sheet row in a workbook."""
    locator = listing.locator
    if locator is not None and locator.records:
        _, line, _, sheet_row = locator.records[0]
        return line if line is not None else sheet_row
    return listing.line if listing.line is not None else listing.sheet_row


def _copy(listing: Listing) -> Listing:
    from copy import copy

    clone = copy(listing)
    for name in ("bullets", "images", "search_terms", "tags"):
        setattr(clone, name, list(getattr(listing, name)))
    return clone


def _write_sidecar(target: Path, rows: list[list[str | None]]) -> Path:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["row", "sku", *ANNOTATION_COLUMNS])
    for row in rows:
        writer.writerow([neutralise(cell or "") for cell in row])
    sidecar = target.with_name(target.stem + ".annotations.csv")
    write_atomic(sidecar, out.getvalue(), "utf-8")
    return sidecar


def remaining_worst(files: list[FileFix]) -> Severity | None:
    worst: Severity | None = None
    for f in files:
        for fixed in f.listings:
            for finding in fixed.findings:
                if worst is None or finding.severity.rank > worst.rank:
                    worst = finding.severity
    return worst


def fixed_per_rule(files: list[FileFix]) -> Counter[str]:
    out: Counter[str] = Counter()
    for f in files:
        for fixed in f.listings:
            out.update(fixed.fixed_codes)
    return out
