"""Read a delimited text file into records that remember their data row and physical lines.

Knows nothing of listings or rules: it turns bytes into rows of cells.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from listingkit.errors import InputError
from listingkit.i18n import _

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


# Rows held back to find the header below metadata rows (Amazon flat files have two).
HEAD_ROWS = 8


@dataclass(slots=True)
class Record:
    cells: list[str]
    row: int  # 1-based data record, after the header (0 while the header is not yet chosen)
    line: int | None  # first physical line, header = line 1; None in spreadsheets and JSON arrays
    end_line: int | None
    sheet_row: int | None = None  # the row number a spreadsheet shows


@dataclass(slots=True)
class Table:
    path: Path
    encoding: str | None
    delimiter: str | None
    header: list[str]
    header_line: int | None
    records: Iterator[Record]
    sheet: str | None = None
    header_sheet_row: int | None = None

    @property
    def header_place(self) -> str:
        if self.header_line is not None:
            return f"line {self.header_line}"
        if self.sheet is not None:
            return f"sheet {self.sheet!r} row {self.header_sheet_row}"
        return "header"


@dataclass(slots=True)
class Source:
    """A file's rows before its header is chosen: the first rows held back, the rest streamed."""

    path: Path
    encoding: str | None
    delimiter: str | None
    head: list[Record]
    rest: Iterator[Record]
    sheet: str | None = None

    def candidates(self) -> list[int]:
        """Indexes of the held-back rows that could be a header (rows with some content)."""
        return [i for i, r in enumerate(self.head) if any(c.strip() for c in r.cells)]

    def table(self, header_index: int) -> Table:
        """The table whose header is head[header_index]; rows above it are metadata, not data."""
        header_record = self.head[header_index]
        header = [c.strip() for c in header_record.cells]
        return Table(
            self.path,
            self.encoding,
            self.delimiter,
            header,
            header_record.line,
            _numbered(itertools.chain(self.head[header_index + 1 :], self.rest)),
            self.sheet,
            header_record.sheet_row,
        )


def _numbered(records: Iterator[Record]) -> Iterator[Record]:
    for row, record in enumerate(records, 1):
        record.row = row
        yield record


def take_head(records: Iterator[Record]) -> list[Record]:
    """Rows up to the HEAD_ROWS-th one with content."""
    head: list[Record] = []
    filled = 0
    for record in records:
        head.append(record)
        if any(c.strip() for c in record.cells):
            filled += 1
            if filled >= HEAD_ROWS:
                break
    return head


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
        raise InputError(
            _("{path}: cannot detect the text encoding; pass --encoding (for example gb18030)").format(path=path)
        )
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


def choose_encoding(path: Path, encoding: str | None) -> str:
    """The encoding given by the user, checked, or the one detected."""
    chosen = encoding or detect_encoding(path)
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise InputError(_("{path}: unknown encoding '{chosen}'").format(path=path, chosen=chosen)) from None
    return chosen


def open_delimited(path: Path, encoding: str | None = None, delimiter: str | None = None) -> Source:
    check_file(path)
    chosen = choose_encoding(path, encoding)
    handle = path.open(encoding=chosen, newline="", errors="strict")
    try:
        sample = handle.read(64 * 1024)
    except UnicodeDecodeError as exc:
        handle.close()
        raise InputError(
            _("{path}: bytes at offset {start} are not valid {chosen}; pass --encoding").format(
                path=path, start=exc.start, chosen=chosen
            )
        ) from None
    handle.seek(0)
    sep = delimiter or sniff_delimiter(sample, path)
    # strict: an unterminated quote is an error naming its line, not a cell that swallows the file.
    reader = csv.reader(handle, delimiter=sep, strict=True)
    records = _records(path, handle, reader, chosen)
    head = take_head(records)
    if not any(any(c.strip() for c in r.cells) for r in head):
        handle.close()
        raise InputError(_("{path}: file has no header row").format(path=path))
    return Source(path, chosen, sep, head, records)


def check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(_("{path}: file not found").format(path=path))
    if path.is_dir():
        raise InputError(_("{path}: is a folder, not a file").format(path=path))
    if path.stat().st_size == 0:
        raise InputError(_("{path}: file is empty").format(path=path))


def open_table(path: Path, encoding: str | None = None, delimiter: str | None = None) -> Table:
    """A delimited file whose header is its first row with content."""
    source = open_delimited(path, encoding, delimiter)
    return source.table(source.candidates()[0])


def _records(path: Path, handle: io.TextIOBase, reader: Any, encoding: str) -> Iterator[Record]:
    """Every non-blank record with its physical lines; csv.reader counts lines itself."""
    try:
        start = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                line = _undecodable_line(path, encoding) or reader.line_num + 1
                # The rows between the last one read and the bad line are valid: they are reported too.
                yield from _records_between(path, encoding, reader.dialect.delimiter, start, line)
                raise InputError(
                    _("{path}: line {value}: bytes not valid {encoding}; pass --encoding").format(
                        path=path, value=line, encoding=encoding
                    )
                ) from None
            except csv.Error as exc:
                raise InputError(_("{path}: line {start}: {exc}").format(path=path, start=start, exc=exc)) from None
            end = int(reader.line_num)
            if cells:
                yield Record(cells, 0, start, end)
            start = end + 1
    finally:
        handle.close()


def _records_between(path: Path, encoding: str, delimiter: str, first: int, stop: int) -> Iterator[Record]:
    """The records on physical lines first .. stop - 1, which the text reader's read-ahead left unread
    when it met bad bytes on line stop. A record that the bad line cuts is not one of them."""
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        lines = list(itertools.islice(handle, first - 1, stop - 1))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    start = first
    try:
        for cells in reader:
            end = first - 1 + reader.line_num
            if cells:
                yield Record(cells, 0, start, end)
            start = end + 1
    except csv.Error:
        return


def _undecodable_line(path: Path, encoding: str) -> int | None:
    """The physical line of the first bytes not valid in the encoding. The text reader decodes a
    block ahead, so where it stopped can be hundreds of lines before them."""
    make = codecs.getincrementaldecoder(encoding)
    decoder = make()
    line = 1
    try:
        with path.open("rb") as binary:
            for chunk in binary:  # split at the byte 0x0A: whole lines, or pieces of UTF-16 ones
                state = decoder.getstate()
                try:
                    line += _line_breaks(decoder.decode(chunk))
                except UnicodeDecodeError as exc:
                    # The line breaks decoded before the error in this piece (and the byte order read).
                    before = make()
                    before.setstate((b"", state[1]))
                    return line + _line_breaks(before.decode(exc.object[: exc.start]))
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _line_breaks(text: str) -> int:
    """Line ends as the csv reader counts physical lines: LF, CR LF and a lone CR (old Mac exports).
    Pieces of the file split after an LF never part a CR LF."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")
