"""Where a finding sits in its file as an editor shows it: line and column of the matched text.

Findings carry the record's physical lines and the span inside the cell's value. For CSV and TSV
files the record is read again and the cell's value offsets are mapped through its quoting
(surrounding quotes, doubled quotes) to line and column numbers (1-based, in code points).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listingkit.fix.writer import physical_lines, split_cells


@dataclass(frozen=True, slots=True)
class Region:
    start_line: int
    end_line: int
    start_column: int | None = None
    end_column: int | None = None


@dataclass(slots=True)
class _Delimited:
    lines: list[str]
    delimiter: str
    header: list[str]


@dataclass(slots=True)
class Locator:
    """Reads each delimited file at most once, only when a finding asks for a column."""

    summary: Any  # the audit's Summary: its files say how each was read (filled as files are opened)
    _cache: dict[str, _Delimited | None] = field(default_factory=dict)

    def region(self, file: str, finding: dict[str, Any]) -> Region:
        line = finding.get("line")
        if line is None:
            row = finding.get("sheet_row") or finding.get("row") or 1
            return Region(int(row), int(row))
        end_line = finding.get("end_line") or line
        base = Region(int(line), int(end_line))
        if finding.get("start") is None or finding.get("column") is None:
            return base
        try:
            return self._columns(file, finding, base) or base
        except (ValueError, IndexError, OSError, csv.Error):
            return base

    def _file(self, file: str) -> _Delimited | None:
        if file in self._cache:
            return self._cache[file]
        info = next((f for f in self.summary.files if f.file == file), None)
        loaded = None
        if info is not None and info.delimiter and info.encoding:
            with Path(file).open(encoding=info.encoding, newline="") as handle:
                text = handle.read()
            lines = physical_lines(text)
            header_line = int(info.header_line or 1)
            reader = csv.reader(io.StringIO("".join(lines[header_line - 1 :]), newline=""), delimiter=info.delimiter)
            header = [c.strip() for c in next(reader)]
            loaded = _Delimited(lines, info.delimiter, header)
        self._cache[file] = loaded
        return loaded

    def _columns(self, file: str, finding: dict[str, Any], base: Region) -> Region | None:
        data = self._file(file)
        if data is None or finding["column"] not in data.header:
            return None
        record = "".join(data.lines[base.start_line - 1 : base.end_line]).rstrip("\r\n")
        cells = split_cells(record, data.delimiter)
        index = data.header.index(finding["column"])
        if index >= len(cells):
            return None
        cell_start = sum(len(c) + 1 for c in cells[:index])
        offsets = _value_offsets(cells[index])
        start, end = int(finding["start"]), int(finding["end"])
        if end > len(offsets) - 1:
            return None
        first = cell_start + offsets[start]
        last = cell_start + offsets[end - 1] + 1 if end > start else first
        start_line, start_column = _line_column(record, first)
        end_line, end_column = _line_column(record, last)
        return Region(base.start_line + start_line, base.start_line + end_line, start_column, end_column)


def _value_offsets(raw: str) -> list[int]:
    """For each character of the cell's value, its offset in the raw cell; one more for the end."""
    stripped = raw.lstrip(" ")
    lead = len(raw) - len(stripped)
    if not stripped.startswith('"'):
        return list(range(len(raw) + 1))
    out = []
    i = lead + 1
    while i < len(raw):
        if raw[i] == '"':
            if i + 1 < len(raw) and raw[i + 1] == '"':
                out.append(i)
                i += 2
                continue
            break
        out.append(i)
        i += 1
    out.append(i)
    return out


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """(lines after the first, 1-based column) of an offset in a record that may span lines."""
    before = text[:offset]
    lines = before.count("\n") + before.count("\r") - before.count("\r\n")
    last_break = max(before.rfind("\n"), before.rfind("\r"))
    return lines, offset - last_break
