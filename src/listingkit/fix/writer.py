"""Writing a fixed CSV or TSV file that differs from its input only where listingkit wrote.

The input's text is split into its physical lines and records (csv.reader decides the records,
as it did when the file was read). A record nobody changed is copied as it was, byte for byte;
in a changed record only the changed cells are written again, quoted only where needed, and
every other cell keeps its original text and quoting. Encoding, byte-order mark, delimiter and
line endings are the input's. The output goes to a temporary file in the target's folder and is
renamed over the target, so a reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from listingkit.errors import InputError
from listingkit.i18n import _
from listingkit.output import atomic_output

ANNOTATION_PREFIX = "listingkit_"
# What a spreadsheet would run as a formula when it opens a cell that starts with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(slots=True)
class Edits:
    """What to write into one delimited file: cells by (record's first line, column), annotations."""

    cells: dict[int, dict[int, str]] = field(default_factory=dict)
    # record's first line -> annotation values (in the order of `annotation_columns`); None keeps the
    # value a previous run wrote (a change log survives a run that changes nothing)
    annotations: dict[int, list[str | None]] = field(default_factory=dict)
    annotation_columns: list[str] = field(default_factory=list)

    def set_cell(self, line: int, column: int, value: str) -> None:
        self.cells.setdefault(line, {})[column] = value


def neutralise(value: str) -> str:
    """A cell listingkit writes never starts a spreadsheet formula (CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def physical_lines(text: str) -> list[str]:
    """Lines as Python's universal-newline reading counts them, each with its own ending."""
    return _LINE.findall(text)


def split_cells(body: str, delimiter: str, quote: str = '"') -> list[str]:
    """A record's cells exactly as written: quotes, doubled quotes and spaces kept."""
    cells: list[str] = []
    start = 0
    quoted = False
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == quote:
            quoted = not quoted
        elif ch == delimiter and not quoted:
            cells.append(body[start:i])
            start = i + 1
        i += 1
    cells.append(body[start:])
    return cells


def quote_cell(value: str, delimiter: str) -> str:
    """One cell written as csv.writer writes it with minimal quoting."""
    if value == "":
        return ""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow([value])
    return out.getvalue()[:-1]


def _records(text: str, delimiter: str) -> Iterator[tuple[int, int]]:
    """(first line, last line) of every record, as the reader counted them."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    for cells in reader:
        end = int(reader.line_num)
        if cells:
            yield start, end
        start = end + 1


def _ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\r", "\n")):
        return line[-1]
    return ""


def render(text: str, delimiter: str, header_line: int, edits: Edits) -> str:
    """The fixed file's text."""
    lines = physical_lines(text)
    out: list[str] = []
    annotating = bool(edits.annotation_columns)
    header_cells: list[str] = []
    places: list[int] = []  # column of each annotation
    position = 1
    for start, end in _records(text, delimiter):
        out.extend(lines[position - 1 : start - 1])  # blank lines between records
        raw = "".join(lines[start - 1 : end])
        ending = _ending(raw)
        body = raw[: len(raw) - len(ending)]
        position = end + 1
        if start < header_line or (start > header_line and not annotating and start not in edits.cells):
            out.append(raw)
            continue
        cells = split_cells(body, delimiter)
        if start == header_line:
            if annotating:
                header_cells, places = _annotation_places(cells, edits.annotation_columns, delimiter)
                cells = header_cells
            out.append(delimiter.join(cells) + ending)
            continue
        for column, value in edits.cells.get(start, {}).items():
            while len(cells) <= column:
                cells.append("")
            cells[column] = quote_cell(neutralise(value), delimiter)
        if annotating:
            width = len(header_cells)
            cells.extend([""] * (width - len(cells)))
            values: list[str | None] = list(edits.annotations.get(start, [""] * len(places)))
            for place, written in zip(places, values, strict=True):
                if written is not None:
                    cells[place] = quote_cell(neutralise(written), delimiter) if written else ""
        out.append(delimiter.join(cells) + ending)
    out.extend(lines[position - 1 :])
    return "".join(out)


def _annotation_places(header: list[str], names: list[str], delimiter: str) -> tuple[list[str], list[int]]:
    """The header with the annotation columns, reusing those a previous run added."""
    cells = list(header)
    plain = [c.strip().strip('"') for c in cells]
    places = []
    for name in names:
        if name in plain:
            places.append(plain.index(name))
        else:
            cells.append(quote_cell(name, delimiter))
            plain.append(name)
            places.append(len(cells) - 1)
    return cells, places


def read_text(path: Path, encoding: str) -> str:
    try:
        with path.open(encoding=encoding, newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            _("{path}: cannot read it again to write the fixes: {exc}").format(path=path, exc=exc)
        ) from None


def write_atomic(target: Path, text: str, encoding: str, backup: bool = False) -> None:
    """Write through a temporary file beside the target renamed over it; keep the target's mode,
    and with `backup` a copy of the old file as TARGET.bak."""
    mode = target.stat().st_mode if target.exists() else None
    if backup and mode is not None:
        shutil.copy2(target, target.with_name(target.name + ".bak"))
    with atomic_output(target, encoding) as out:
        out.write(text)
    if mode is not None:
        os.chmod(target, mode)
