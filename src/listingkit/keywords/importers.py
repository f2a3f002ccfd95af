"""Read keyword-research exports (Brand Analytics, Helium 10, Jungle Scout, Keyword Planner, SellerSprite, plain).

Each format is recognised by its header; rows above the header (report titles, date ranges) are skipped.
Phrases found in several files are merged so every phrase appears once with its best volume.

Brand Analytics gives only a search frequency rank. Its volume is estimated with a Zipf-like curve,
``volume = C / rank ** 0.9`` with ``C = 2,000,000`` so that rank 1 is about two million monthly searches
(approximate public figures for Amazon US top terms); such phrases are marked ``estimated``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from listingkit.errors import InputError, ListingkitError
from listingkit.formats.base import normalise_header
from listingkit.i18n import _
from listingkit.io.sources import open_source
from listingkit.io.table import Record, Source, open_delimited

ZIPF_TOP = 2_000_000.0  # monthly searches of the rank-1 term
ZIPF_EXPONENT = 0.9
FIELDS = ("phrase", "volume", "rank")
_Parser = Callable[[str], float | None]


@dataclass(frozen=True, slots=True)
class KeywordPhrase:
    phrase: str
    volume: float
    estimated: bool
    sources: tuple[str, ...]
    rank: int | None = None


@dataclass(frozen=True, slots=True)
class KeywordFormat:
    name: str
    title: str
    real_sample: bool
    columns: str


@dataclass(frozen=True, slots=True)
class _Layout:
    """A format's header aliases per field, preferred first."""

    format: KeywordFormat
    phrase: tuple[str, ...]
    volume: tuple[str, ...] = ()
    rank: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where a file's fields are: column indexes and their header names for messages."""

    phrase: int
    volume: int | None
    rank: int | None
    labels: tuple[str, ...]


def _layout(
    name: str, title: str, phrase: tuple[str, ...], volume: tuple[str, ...], rank: tuple[str, ...] = ()
) -> _Layout:
    columns = " + ".join(" / ".join(aliases) for aliases in (phrase, volume or rank) if aliases)
    if volume and rank:
        columns += f" (rank: {' / '.join(rank)})"
    fmt = KeywordFormat(name, title, name == "brand-analytics", columns)
    return _Layout(fmt, _normalised(phrase), _normalised(volume), _normalised(rank))


def _normalised(aliases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalise_header(a) for a in aliases)


_LAYOUTS = [
    _layout(
        "brand-analytics",
        "Amazon Brand Analytics search terms (rank only; volume estimated as 2,000,000 / rank^0.9)",
        ("Search Term",),
        (),
        ("Search Frequency Rank",),
    ),
    _layout("helium10", "Helium 10 Cerebro / Magnet keyword export", ("Keyword Phrase",), ("Search Volume",)),
    _layout(
        "jungle-scout",
        "Jungle Scout keyword export",
        ("Keyword",),
        ("Exact Search Volume", "Broad Search Volume"),
    ),
    _layout(
        "google-keyword-planner",
        "Google Ads Keyword Planner (ranges such as 1K – 10K read as the geometric mean)",
        ("Keyword",),
        ("Avg. monthly searches",),
    ),
    _layout("sellersprite", "SellerSprite and Chinese keyword tools", ("关键词",), ("搜索量", "月搜索量", "搜索人气")),
    # Last: its generic names would otherwise claim the specific formats' files.
    _layout(
        "plain",
        "Plain keyword,volume table, or two columns without a header",
        ("keyword", "phrase", "search term"),
        ("volume", "searches", "search volume"),
        ("rank",),
    ),
]
KEYWORD_FORMATS: list[KeywordFormat] = [layout.format for layout in _LAYOUTS]


def read_keywords(
    paths: list[Path],
    fmt: str | None = None,
    column_map: dict[str, str] | None = None,
    encoding: str | None = None,
) -> list[KeywordPhrase]:
    """Every phrase of every file, duplicates merged (case-insensitive, whitespace-collapsed; the highest
    volume wins, sources are joined), sorted by volume descending."""
    layouts = _layouts_for(fmt)
    _check_map(column_map)
    merged: dict[str, KeywordPhrase] = {}
    for path in paths:
        for item in _read_file(path, layouts, column_map, encoding):
            key = item.phrase.casefold()
            merged[key] = _merge(merged[key], item) if key in merged else item
    return sorted(merged.values(), key=lambda p: -p.volume)


def estimate_volume(rank: int) -> float:
    """Monthly searches of the term at a search frequency rank (Zipf-like, rank 1 ≈ 2,000,000)."""
    return ZIPF_TOP / math.pow(rank, ZIPF_EXPONENT)


def _merge(kept: KeywordPhrase, new: KeywordPhrase) -> KeywordPhrase:
    winner = new if new.volume > kept.volume else kept
    sources = kept.sources + tuple(s for s in new.sources if s not in kept.sources)
    return replace(winner, sources=sources)


def _layouts_for(fmt: str | None) -> list[_Layout]:
    if fmt is None:
        return _LAYOUTS
    for layout in _LAYOUTS:
        if layout.format.name == fmt:
            return [layout]
    known = ", ".join(f.name for f in KEYWORD_FORMATS)
    raise ListingkitError(_("unknown keyword format '{fmt}' (known: {known})").format(fmt=fmt, known=known))


def _check_map(column_map: dict[str, str] | None) -> None:
    for field in column_map or {}:
        if field not in FIELDS:
            raise ListingkitError(
                _("--keywords-map {field}: unknown field (known: {value})").format(field=field, value=", ".join(FIELDS))
            )


# --- finding the columns -------------------------------------------------------------------------


def _read_file(
    path: Path, layouts: list[_Layout], column_map: dict[str, str] | None, encoding: str | None
) -> list[KeywordPhrase]:
    source = open_source(path, encoding, None, lambda src: int(_find_header(src, layouts, column_map) is not None))
    found = _find_header(source, layouts, column_map)
    if found is None:
        source, found = _retry_delimiters(path, source, layouts, column_map, encoding)
    try:
        return list(_read_source(path, source, found, layouts, column_map))
    finally:
        _close(source)


def _read_source(
    path: Path,
    source: Source,
    found: tuple[int, _Columns] | None,
    layouts: list[_Layout],
    column_map: dict[str, str] | None,
) -> Iterator[KeywordPhrase]:
    if found is not None:
        index, columns = found
        rows = ((r.row, r.cells) for r in source.table(index).records)
        return _phrases(path, rows, columns)
    if _headerless(source, layouts, column_map):
        rows = ((row, r.cells) for row, r in enumerate(_all_records(source), 1))
        return _phrases(path, rows, _Columns(0, 1, None, ("column 1", "column 2")))
    raise _no_columns(path, source, layouts)


def _retry_delimiters(
    path: Path, source: Source, layouts: list[_Layout], column_map: dict[str, str] | None, encoding: str | None
) -> tuple[Source, tuple[int, _Columns] | None]:
    """A title row above the header can mislead delimiter sniffing (Keyword Planner's tab-separated export)."""
    if source.delimiter is None:
        return source, None
    for sep in ("\t", ",", ";"):
        if sep == source.delimiter:
            continue
        try:
            other = open_delimited(path, encoding or source.encoding, sep)
        except InputError:  # quoting that only breaks under another delimiter: not this one
            continue
        found = _find_header(other, layouts, column_map)
        if found is not None:
            _close(source)
            return other, found
        _close(other)
    return source, None


def _close(source: Source) -> None:
    close = getattr(source.rest, "close", None)  # the record generator closes the file when closed
    if close is not None:
        close()


def _find_header(
    source: Source, layouts: list[_Layout], column_map: dict[str, str] | None
) -> tuple[int, _Columns] | None:
    """The first held-back row that names a phrase column and a volume or rank column."""
    for index in source.candidates():
        columns = _match(source.head[index].cells, layouts, column_map)
        if columns is not None:
            return index, columns
    return None


def _match(cells: list[str], layouts: list[_Layout], column_map: dict[str, str] | None) -> _Columns | None:
    header = [normalise_header(c) for c in cells]
    labels = tuple(c.strip() for c in cells)
    mapped = {field: normalise_header(name) for field, name in (column_map or {}).items()}
    best: _Columns | None = None
    best_hits = -1
    for layout in layouts:
        found = {field: _first(header, getattr(layout, field)) for field in FIELDS}
        hits = sum(i is not None for i in found.values())
        for field, name in mapped.items():
            found[field] = header.index(name) if name in header else None
        phrase, volume, rank = found["phrase"], found["volume"], found["rank"]
        if phrase is not None and (volume is not None or rank is not None) and hits > best_hits:
            best, best_hits = _Columns(phrase, volume, rank, labels), hits
    return best


def _first(header: list[str], aliases: tuple[str, ...]) -> int | None:
    for alias in aliases:
        if alias in header:
            return header.index(alias)
    return None


def _all_records(source: Source) -> Iterator[Record]:
    yield from source.head
    yield from source.rest


def _headerless(source: Source, layouts: list[_Layout], column_map: dict[str, str] | None) -> bool:
    """Two columns, phrase then a number, from the first row on."""
    if column_map or (len(layouts) == 1 and layouts[0].format.name != "plain"):
        return False
    candidates = source.candidates()
    if not candidates:
        return False
    cells = [c.strip() for c in source.head[candidates[0]].cells]
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) != 2 or not cells[0]:
        return False
    try:
        return parse_volume(cells[1]) is not None
    except ValueError:
        return False


def _no_columns(path: Path, source: Source, layouts: list[_Layout]) -> InputError:
    rows = [source.head[i].cells for i in source.candidates()]
    widest = max(rows, key=lambda cells: sum(bool(c.strip()) for c in cells), default=[])
    seen = ", ".join(c.strip() for c in widest if c.strip()) or "none"
    what = _(" as {name}").format(name=layouts[0].format.name) if len(layouts) == 1 else ""
    return InputError(
        _(
            "{path}: no keyword columns recognised{what}: a phrase column and a volume or rank column are needed "
            "(columns seen: {seen}); name them with --keywords-map phrase=COLUMN volume=COLUMN"
        ).format(path=path, what=what, seen=seen)
    )


# --- reading the rows ----------------------------------------------------------------------------


def _phrases(path: Path, rows: Iterator[tuple[int, list[str]]], columns: _Columns) -> Iterator[KeywordPhrase]:
    for row, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        phrase = " ".join(_cell(cells, columns.phrase).split())
        if not phrase:
            raise InputError(
                _("{path}: row {row}, column {value!r}: no phrase").format(
                    path=path, row=row, value=_label(columns, columns.phrase)
                )
            )
        yield _phrase(path, row, cells, columns, phrase)


def _phrase(path: Path, row: int, cells: list[str], columns: _Columns, phrase: str) -> KeywordPhrase:
    volume = _number(path, row, cells, columns, columns.volume, parse_volume, _("a number"))
    rank_value = _number(path, row, cells, columns, columns.rank, _parse_rank, _("a rank"))
    rank = int(rank_value) if rank_value is not None else None
    if volume is None and rank is not None:
        return KeywordPhrase(phrase, estimate_volume(rank), True, (path.name,), rank)
    # A dash for "too few searches to report" is kept as zero: the phrase still counts for coverage.
    return KeywordPhrase(phrase, volume or 0.0, False, (path.name,), rank)


def _number(
    path: Path, row: int, cells: list[str], columns: _Columns, index: int | None, parse: _Parser, what: str
) -> float | None:
    if index is None:
        return None
    text = _cell(cells, index)
    try:
        return parse(text)
    except ValueError:
        raise InputError(
            _("{path}: row {row}, column {value!r}: {value2!r} is not {what}").format(
                path=path, row=row, value=_label(columns, index), value2=text.strip(), what=what
            )
        ) from None


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _label(columns: _Columns, index: int) -> str:
    return columns.labels[index] if index < len(columns.labels) else f"column {index + 1}"


# --- numbers -------------------------------------------------------------------------------------

_MISSING = {"", "-", "--", "—", "–", "n/a", "na", "null"}
_SCALE = {"": 1.0, "k": 1e3, "m": 1e6, "万": 1e4, "w": 1e4, "亿": 1e8}
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*([km万w亿]?)\+?", re.IGNORECASE)
# Thousands separators: "1,234", "1 234" (also no-break and thin spaces).
_GROUPING = re.compile(r"(?<=\d)[,\s\u00a0\u2009\u202f](?=\d{3}(?!\d))")
_RANGE = re.compile(r"(.+?)\s*(?:–|—|-|~|to)\s*(.+)", re.IGNORECASE)


def parse_volume(text: str) -> float | None:
    """A search volume: '1,234', '12.5k', '1.2万', '1K – 10K' (geometric mean); None when the cell is a dash.

    Raises ValueError when the text is not a volume.
    """
    cleaned = _GROUPING.sub("", text.strip())
    if cleaned.casefold() in _MISSING:
        return None
    amount = _amount(cleaned)
    if amount is not None:
        return amount
    bounds = _RANGE.fullmatch(cleaned)
    if bounds:
        low, high = _amount(bounds[1]), _amount(bounds[2])
        if low is not None and high is not None:
            return math.sqrt(low * high)
    raise ValueError(text)


def _amount(text: str) -> float | None:
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a decimal comma: "1,5万"
    found = _AMOUNT.fullmatch(text.strip())
    return float(found[1]) * _SCALE[found[2].casefold()] if found else None


def _parse_rank(text: str) -> float | None:
    value = parse_volume(text)
    if value is not None and (value < 1 or not value.is_integer()):
        raise ValueError(text)
    return value
