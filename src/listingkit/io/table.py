"""Read a delimited text file into records that remember their data row and physical lines.

Knows nothing of listings or rules: it turns bytes into rows of cells.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from listingkit.errors import InputError

SAMPLE_BYTES = 1 << 20
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer names the narrowest Chinese code page it saw; GB18030 is the superset Excel writes.
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "ascii": "utf-8", "shift_jis": "cp932"}

_PREFERRED = ("cp1252", "gb18030", "gbk", "gb2312", "cp932", "shift_jis", "big5")

csv.field_size_limit(1 << 30)


@dataclass(slots=True)
class Record:
    cells: list[str]
    row: int  # 1-based data record, after the header
    line: int  # first physical line, header = line 1
    end_line: int


@dataclass(slots=True)
class Table:
    path: Path
    encoding: str
    delimiter: str
    header: list[str]
    header_line: int
    records: Iterator[Record]


def detect_encoding(path: Path) -> str:
    """BOM first; then UTF-8 if the sample decodes; then charset-normalizer's best guess."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) < SAMPLE_BYTES)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(sample))
    if not matches:
        raise InputError(f"{path}: cannot detect the text encoding; pass --encoding (for example gb18030)")
    # Equally clean readings are common between sibling code pages (cp1250/cp1252 on French text):
    # prefer the one catalog exports are most often written in.
    least_chaos = min(m.chaos for m in matches)
    clean = [m.encoding.lower() for m in matches if m.chaos == least_chaos]
    for preferred in _PREFERRED:
        if preferred in clean:
            return _WIDEN.get(preferred, preferred)
    return _WIDEN.get(clean[0], clean[0])


def sniff_delimiter(sample: str, path: Path) -> str:
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    first_line = sample.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
    except csv.Error:
        counts = {d: first_line.count(d) for d in ",\t;|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


class _Lines:
    """Physical lines consumed so far: csv.reader counts them itself (quoted newlines included)."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    @property
    def lines(self) -> int:
        return int(self._reader.line_num)


def open_table(path: Path, encoding: str | None = None, delimiter: str | None = None) -> Table:
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    if path.stat().st_size == 0:
        raise InputError(f"{path}: file is empty")
    chosen = encoding or detect_encoding(path)
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise InputError(f"{path}: unknown encoding '{chosen}'") from None
    handle = path.open(encoding=chosen, newline="", errors="strict")
    try:
        sample = handle.read(64 * 1024)
    except UnicodeDecodeError as exc:
        handle.close()
        raise InputError(f"{path}: bytes at offset {exc.start} are not valid {chosen}; pass --encoding") from None
    handle.seek(0)
    sep = delimiter or sniff_delimiter(sample, path)
    reader = csv.reader(handle, delimiter=sep)
    counter = _Lines(reader)
    header: list[str] | None = None
    header_line = 0
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                header = [c.strip() for c in cells]
                header_line = counter.lines
                break
    except UnicodeDecodeError:
        handle.close()
        raise InputError(f"{path}: line {counter.lines + 1}: bytes not valid {chosen}; pass --encoding") from None
    except csv.Error as exc:
        handle.close()
        raise InputError(f"{path}: line {counter.lines}: {exc}") from None
    if header is None:
        handle.close()
        raise InputError(f"{path}: file has no header row")
    return Table(path, chosen, sep, header, header_line, _records(path, handle, reader, counter, chosen))


def _records(
    path: Path, handle: io.TextIOBase, reader: Iterator[list[str]], counter: _Lines, encoding: str
) -> Iterator[Record]:
    row = 0
    try:
        start = counter.lines + 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise InputError(
                    f"{path}: row {row + 1}, line {counter.lines + 1}: bytes not valid {encoding}; pass --encoding"
                ) from None
            except csv.Error as exc:
                raise InputError(f"{path}: row {row + 1}, line {start}: {exc}") from None
            end = counter.lines
            if cells:
                row += 1
                yield Record(cells, row, start, end)
            start = end + 1
    finally:
        handle.close()
