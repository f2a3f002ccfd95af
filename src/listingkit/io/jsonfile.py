"""Read JSON listing exports (API responses, dataset dumps) as rows of cells.

Shapes: an array of listing objects; an object wrapping such an array under a key like
"results", "items", "listings", "data" or "products" (an object with a string "title" or "name"
is a listing, never a wrapper); a single listing object; JSON Lines (one object per line, blank
lines skipped), by suffix (.jsonl, .ndjson) or by content in a .json file.

Each object becomes one row of flattened cells:

- nested objects become dotted columns ("price.amount"), at most MAX_DEPTH names deep; a deeper
  value stays one cell of compact JSON text;
- a nested object whose keys are data rather than field names (a key with a space, dot or
  slash anywhere in the file, or more than MAX_KEYS distinct keys across the file, such as
  per-attribute score blobs) stays one cell of compact JSON, so it cannot add a column per value;
- a list of objects becomes one column per key ("pictures.secure_url"), each cell holding one line
  per object, an empty line where that object lacks the key, so the lines of "attributes.name"
  and "attributes.value_name" stay aligned;
- a list of scalars becomes one cell: items joined with a line break, so the bullets and images
  splitters split them, except lists under a "tags" or "tag" key, joined with ", " because the
  tags splitter splits on commas. A line break inside an item becomes a space, so one item stays
  one line. Lists inside the objects of a list stay compact JSON;
- null is an empty cell, true/false are "true"/"false", 12.0 is "12".

The header (the only row of `Source.head`, so no data row is ever taken for a header) is the
union of the columns in order of first appearance. JSON Lines are read twice (once to learn the
columns, once to stream the rows), never held in memory whole; a JSON document is loaded whole.
`Record.line` and `end_line` are the physical line of a JSON Lines object, None for the objects
of a JSON document.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from listingkit.errors import InputError
from listingkit.i18n import _
from listingkit.io.table import Record, Source, check_file, choose_encoding

MAX_DEPTH = 3
MAX_KEYS = 64
LIST_SEPARATOR = "\n"
TAG_SEPARATOR = ", "
LINES_SUFFIXES = (".jsonl", ".ndjson")
# Keys under which API responses and dumps wrap their array of listings, compared casefolded.
WRAPPER_KEYS = ("results", "items", "listings", "data", "products", "offers", "entries", "records", "rows")
# A response wrapping one listing: {"product": {...}}.
SINGLE_WRAPPER_KEYS = ("result", "item", "listing", "product", "offer", "entry", "record")
_TAG_KEYS = ("tags", "tag")
# A field name, not a piece of data used as a key: no spaces, dots, slashes; not starting with a digit.
_PLAIN_KEY = re.compile(r"^[@$]?[^\W\d][\w:\-]*$")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")

KeyPath = tuple[str, ...]


def open_json(path: Path, encoding: str | None) -> Source:
    """A JSON or JSON Lines file as a Source whose head is the flattened header."""
    check_file(path)
    chosen = choose_encoding(path, encoding)
    if path.suffix.lower() in LINES_SUFFIXES:
        return _lines_source(path, chosen)
    text = _read_text(path, chosen)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _first_line_is_object(text):
            return _lines_source(path, chosen)
        raise InputError(
            _("{path}: line {lineno} column {colno}: invalid JSON: {msg}").format(
                path=path, lineno=exc.lineno, colno=exc.colno, msg=exc.msg
            )
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(_("{path}: invalid JSON: {value}").format(path=path, value=_unreadable(exc))) from None
    objects = _listing_objects(path, document)
    flattener = Flattener()
    for obj in objects:
        flattener.learn(obj)
    header = flattener.finish()
    records = (Record(flattener.cells(obj), 0, None, None) for obj in objects)
    return Source(path, chosen, None, [Record(header, 0, None, None)], records)


class Flattener:
    """Turns listing objects into rows of one shared header: `learn` every object, `finish`, then `cells`."""

    def __init__(self) -> None:
        self._leaves: dict[KeyPath, None] = {}
        self._children: dict[KeyPath, set[str]] = {}
        self._opaque: set[KeyPath] = set()
        self._filled: set[KeyPath] = set()  # leaves that hold a value somewhere, not only null or empty
        self._collapsed: set[KeyPath] = set()
        self.header: list[str] = []
        self._index: dict[str, int] = {}

    def learn(self, obj: dict[str, Any]) -> None:
        self._learn_object(obj, (), False)

    def finish(self) -> list[str]:
        """The header: every column in order of first appearance, data-keyed objects collapsed."""
        self._collapsed = {p for p, keys in self._children.items() if p in self._opaque or len(keys) > MAX_KEYS}
        columns: dict[str, None] = {}
        for leaf in self._leaves:
            if leaf in self._children and leaf not in self._filled:
                continue  # null where other records hold an object: its columns already cover it
            column = next((leaf[:i] for i in range(1, len(leaf)) if leaf[:i] in self._collapsed), leaf)
            columns.setdefault(".".join(column), None)
        self.header = list(columns)
        self._index = {name: i for i, name in enumerate(self.header)}
        return self.header

    def cells(self, obj: dict[str, Any]) -> list[str]:
        """One cell per header column, so every row has the header's width."""
        cells = [""] * len(self.header)
        for name, value in self.flatten(obj).items():
            index = self._index.get(name)
            if index is not None:  # only empty values lack a column (see finish)
                cells[index] = value
        return cells

    def flatten(self, obj: dict[str, Any]) -> dict[str, str]:
        out: dict[str, str] = {}
        self._emit_object(obj, (), False, out)
        return out

    def _learn_object(self, obj: dict[str, Any], prefix: KeyPath, in_list: bool) -> None:
        for key, value in obj.items():
            if prefix:
                self._children.setdefault(prefix, set()).add(key)
                if not _PLAIN_KEY.match(key):
                    self._opaque.add(prefix)
            path = (*prefix, key)
            kind = _kind(value, len(path), in_list)
            if kind == "object":
                self._learn_object(value, path, in_list)
            elif kind == "rows":
                for item in value:
                    self._learn_object(item, path, True)
            else:
                self._leaves.setdefault(path, None)
                if value is not None and value != "" and value != [] and value != {}:
                    self._filled.add(path)

    def _emit_object(self, obj: dict[str, Any], prefix: KeyPath, in_list: bool, out: dict[str, str]) -> None:
        for key, value in obj.items():
            path = (*prefix, key)
            kind = "leaf" if path in self._collapsed else _kind(value, len(path), in_list)
            if kind == "object":
                self._emit_object(value, path, in_list, out)
            elif kind == "rows":
                self._emit_rows(value, path, out)
            else:
                out[".".join(path)] = _leaf_text(value, path, in_list)

    def _emit_rows(self, items: list[dict[str, Any]], path: KeyPath, out: dict[str, str]) -> None:
        per_item: list[dict[str, str]] = []
        for item in items:
            flat: dict[str, str] = {}
            self._emit_object(item, path, True, flat)
            per_item.append(flat)
        for column in dict.fromkeys(name for flat in per_item for name in flat):
            out[column] = LIST_SEPARATOR.join(flat.get(column, "") for flat in per_item)


def _kind(value: Any, depth: int, in_list: bool) -> str:
    """'object' to flatten into dotted columns, 'rows' for a list of objects, else 'leaf' (one cell)."""
    if depth >= MAX_DEPTH or not value:
        return "leaf"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list) and not in_list and all(isinstance(v, dict) for v in value):
        return "rows"
    return "leaf"


def _leaf_text(value: Any, path: KeyPath, in_list: bool) -> str:
    if isinstance(value, list):
        if not value:
            return ""
        if in_list:
            return _compact(value)
        separator = TAG_SEPARATOR if path[-1].casefold() in _TAG_KEYS else LIST_SEPARATOR
        return separator.join(_one_line(_scalar_text(v)) for v in value)
    text = _scalar_text(value)
    return _one_line(text) if in_list else text


def _scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dict | list):
        return _compact(value) if value else ""
    return str(value)


def _compact(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except RecursionError:
        # Loaded near the parser's depth limit, it cannot be written back from deeper in the stack.
        return "(nested too deeply to show)"


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text)


def _read_text(path: Path, encoding: str) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            _("{path}: line {line}: bytes not valid {encoding}; pass --encoding").format(
                path=path, line=line, encoding=encoding
            )
        ) from None
    return text.removeprefix("\ufeff")


def _first_line_is_object(text: str) -> bool:
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _unreadable(exc: Exception) -> str:
    """Why valid-looking JSON could not be loaded: the parser's limits, not a syntax error."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return "a number has too many digits"


def _listing_objects(path: Path, document: Any) -> list[dict[str, Any]]:
    """The listing objects of a parsed document, whichever of the supported shapes it has."""
    where = "the top-level array"
    found: Any = document
    if isinstance(document, dict):
        wrapped = _unwrap(document)
        if wrapped is None:
            return [document]
        where, found = wrapped
        if isinstance(found, dict):
            return [found]
    if not isinstance(found, list):
        raise InputError(
            _("{path}: expected an array or object of listings, found {value}").format(
                path=path, value=_kind_name(found)
            )
        )
    if not found:
        raise InputError(_("{path}: {where} holds no listing objects").format(path=path, where=where))
    for number, item in enumerate(found, 1):
        if not isinstance(item, dict):
            raise InputError(
                _("{path}: {where}: item {number} is {value}, not a listing object").format(
                    path=path, where=where, number=number, value=_kind_name(item)
                )
            )
    return found


def _unwrap(document: dict[str, Any], depth: int = 0) -> tuple[str, Any] | None:
    """(where, value) when the object wraps the listings rather than being one; None when it is one."""
    # A listing may itself hold a list of objects ("items" of a bundle): a titled object is a listing.
    if any(isinstance(document.get(k), str) for k in ("title", "name")):
        return None
    for key, value in document.items():
        folded = key.casefold()
        if folded in WRAPPER_KEYS and isinstance(value, list) and all(isinstance(v, dict) for v in value):
            return f"key '{key}'", value
        if folded in WRAPPER_KEYS and isinstance(value, dict) and depth < 1:
            inner = _unwrap(value, depth + 1)
            if inner is not None:
                return f"key '{key}' > {inner[0]}", inner[1]
    if len(document) == 1:
        key, value = next(iter(document.items()))
        if key.casefold() in SINGLE_WRAPPER_KEYS and isinstance(value, dict):
            return f"key '{key}'", value
    return None


def _kind_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _lines_source(path: Path, encoding: str) -> Source:
    flattener = Flattener()
    count = 0
    for _number, obj in _line_objects(path, encoding):
        flattener.learn(obj)
        count += 1
    if not count:
        raise InputError(_("{path}: holds no listing objects (JSON Lines, every line blank)").format(path=path))
    header = flattener.finish()
    records = (Record(flattener.cells(obj), 0, number, number) for number, obj in _line_objects(path, encoding))
    return Source(path, encoding, None, [Record(header, 0, None, None)], records)


def _line_objects(path: Path, encoding: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(physical line, object) for every non-blank line; the file stays open only while iterated."""
    codec = _line_codec(encoding)
    if codec is not None:
        # Lines split as bytes and decoded one by one, so a bad byte is reported on its own line.
        with path.open("rb") as binary:
            for number, raw in enumerate(binary, 1):
                try:
                    line = raw.decode(codec)
                except UnicodeDecodeError:
                    raise InputError(
                        _("{path}: line {number}: bytes not valid {encoding}; pass --encoding").format(
                            path=path, number=number, encoding=encoding
                        )
                    ) from None
                yield from _parse_line(path, number, line)
        return
    # UTF-16 and UTF-32 cannot be split on the newline byte; their decode errors name no line.
    with path.open(encoding=encoding, newline="", errors="strict") as text:
        try:
            for number, line in enumerate(text, 1):
                yield from _parse_line(path, number, line)
        except UnicodeDecodeError as exc:
            raise InputError(
                _("{path}: bytes not valid {encoding} ({reason}); pass --encoding").format(
                    path=path, encoding=encoding, reason=exc.reason
                )
            ) from None


def _line_codec(encoding: str) -> str | None:
    """The codec to decode byte lines with, when a newline is the single byte 0x0A in this encoding."""
    name = codecs.lookup(encoding).name
    if name == "utf-8-sig":
        return "utf-8"  # the BOM is stripped from the first line
    return encoding if "\n".encode(encoding) == b"\n" else None


def _parse_line(path: Path, number: int, line: str) -> Iterator[tuple[int, dict[str, Any]]]:
    text = (line.removeprefix("\ufeff") if number == 1 else line).rstrip("\r\n")
    if not text.strip():
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            _("{path}: line {number} column {colno}: invalid JSON: {msg}").format(
                path=path, number=number, colno=exc.colno, msg=exc.msg
            )
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(
            _("{path}: line {number}: invalid JSON: {value}").format(path=path, number=number, value=_unreadable(exc))
        ) from None
    if not isinstance(value, dict):
        raise InputError(
            _("{path}: line {number}: {value}, not a listing object").format(
                path=path, number=number, value=_kind_name(value)
            )
        )
    yield number, value
