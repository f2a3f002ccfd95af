"""Read .xlsx, .xlsm, .xls and .ods workbooks with python-calamine (Rust, bulk reads, no cell loop)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from listingkit.errors import InputError
from listingkit.i18n import _
from listingkit.io.table import Record, Source, check_file, take_head

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


def cell_text(value: Any) -> str:
    """A cell as the text a seller typed: 12.0 is '12', dates are ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _records(rows: list[list[Any]], first_row: int) -> Iterator[Record]:
    for offset, values in enumerate(rows):
        cells = [cell_text(v) for v in values]
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            yield Record(cells, 0, None, None, sheet_row=first_row + offset)


def open_spreadsheet(path: Path, sheet: str | None, score: Callable[[Source], int]) -> Source:
    """The named sheet, or the first sheet whose rows look like a catalog to `score`."""
    check_file(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every damaged-file case
        raise InputError(_("{path}: not a readable spreadsheet: {exc}").format(path=path, exc=exc)) from None
    names = list(workbook.sheet_names)
    if sheet is not None:
        if sheet not in names:
            raise InputError(
                _("{path}: no sheet named {sheet!r} (sheets: {value})").format(
                    path=path, sheet=sheet, value=", ".join(names)
                )
            )
        return _source(path, workbook, sheet)
    best: Source | None = None
    best_score = -1
    for name in names:
        candidate = _source(path, workbook, name)
        value = score(candidate)
        if value > best_score:
            best, best_score = candidate, value
    if best is None or not best.candidates():
        raise InputError(_("{path}: the workbook has no sheet with data").format(path=path))
    return best


def _source(path: Path, workbook: Any, name: str) -> Source:
    data = workbook.get_sheet_by_name(name)
    rows = data.to_python(skip_empty_area=False)
    records = _records(rows, 1)
    head = take_head(records)
    return Source(path, None, None, head, records, sheet=name)
