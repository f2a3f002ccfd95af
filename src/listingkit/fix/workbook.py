"""Writing a fixed .xlsx or .xlsm workbook: the same workbook with only listingkit's cells changed.

openpyxl loads the whole workbook (every sheet, style, formula and, for .xlsm, the macros) and
saves it again; only the cells listingkit writes change. Charts and pictures inside the workbook
are not kept by openpyxl, so a workbook holding them is refused rather than silently stripped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import openpyxl

from listingkit.errors import InputError
from listingkit.fix.writer import Edits, neutralise
from listingkit.i18n import _

WRITABLE_SUFFIXES = (".xlsx", ".xlsm")


def write_workbook(source: Path, target: Path, sheet: str, header_row: int, edits: Edits, backup: bool) -> None:
    macros = source.suffix.lower() == ".xlsm"
    try:
        book = openpyxl.load_workbook(source, keep_vba=macros, rich_text=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputError(
            _("{source}: cannot open the workbook to write the fixes: {exc}").format(source=source, exc=exc)
        ) from None
    if any(getattr(ws, "_charts", None) or getattr(ws, "_images", None) for ws in book.worksheets):
        raise InputError(
            _("{source}: the workbook holds charts or pictures, which would be lost; export the sheet as CSV").format(
                source=source
            )
        )
    ws = book[sheet]
    for row, cells in edits.cells.items():
        for column, value in cells.items():
            ws.cell(row=row, column=column + 1).value = neutralise(value)
    if edits.annotation_columns:
        places = _annotation_places(ws, header_row, edits.annotation_columns)
        for row, values in edits.annotations.items():
            for place, written in zip(places, values, strict=True):
                if written is not None:
                    ws.cell(row=row, column=place).value = neutralise(written) if written else None
    folder = target.parent if str(target.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=folder)
    os.close(descriptor)
    try:
        book.save(temporary)
        if backup and target.exists():
            shutil.copy2(target, target.with_name(target.name + ".bak"))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _annotation_places(ws: object, header_row: int, names: list[str]) -> list[int]:
    """1-based columns of the annotation headers, reusing those a previous run added."""
    sheet = ws  # an openpyxl worksheet
    header = {
        str(cell.value).strip(): cell.column
        for cell in sheet[header_row]  # type: ignore[index]
        if cell.value is not None
    }
    last = max(header.values(), default=0)
    places = []
    for name in names:
        if name not in header:
            last += 1
            sheet.cell(row=header_row, column=last).value = name  # type: ignore[attr-defined]
            header[name] = last
        places.append(header[name])
    return places
