"""Writing fixed JSON and JSON Lines files: only the changed string values are replaced.

The text is scanned once into the span of every value, so a fixed title is written over its
own JSON string token and every other byte (key order, spacing, escapes, numbers) stays as it
was. Annotations become `listingkit_*` keys of each listing object, replaced on a re-run.
Only columns that are a path of object keys to a string (`title`, `product.title`) are written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from listingkit.errors import InputError
from listingkit.i18n import _
from listingkit.io.jsonfile import SINGLE_WRAPPER_KEYS, WRAPPER_KEYS

_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"


@dataclass(slots=True)
class Node:
    start: int
    end: int
    keys: dict[str, Node] | None = None  # an object's members
    items: list[Node] | None = None  # an array's elements
    value: Any = None  # a scalar's value


@dataclass(slots=True)
class JsonEdits:
    # listing number (1-based, in file order) -> column name -> new text
    values: dict[int, dict[str, str]] = field(default_factory=dict)
    annotations: dict[int, dict[str, str | None]] = field(default_factory=dict)


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def parse(text: str, pos: int = 0) -> tuple[Node, int]:
    """The value starting at `pos` with the spans of everything inside it."""
    pos = _skip(text, pos)
    if pos >= len(text):
        raise ValueError("unexpected end of JSON")
    char = text[pos]
    if char == "{":
        node = Node(pos, pos, keys={})
        pos = _skip(text, pos + 1)
        while text[pos] != "}":
            key, pos = _DECODER.raw_decode(text, pos)
            pos = _skip(text, pos)
            pos += 1  # ':'
            value, pos = parse(text, pos)
            assert node.keys is not None
            node.keys[str(key)] = value
            pos = _skip(text, pos)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        node.end = pos + 1
        return node, pos + 1
    if char == "[":
        node = Node(pos, pos, items=[])
        pos = _skip(text, pos + 1)
        while text[pos] != "]":
            item, pos = parse(text, pos)
            assert node.items is not None
            node.items.append(item)
            pos = _skip(text, pos)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        node.end = pos + 1
        return node, pos + 1
    value, end = _DECODER.raw_decode(text, pos)
    return Node(pos, end, value=value), end


def _titled(node: Node) -> bool:
    keys = node.keys or {}
    return any(isinstance(keys[k].value, str) for k in ("title", "name") if k in keys)


def _unwrap(node: Node, depth: int = 0) -> Node | None:
    """The node of the listings a wrapper object holds, as the reader finds them."""
    if _titled(node):
        return None
    keys = node.keys or {}
    for key, value in keys.items():
        folded = key.casefold()
        if folded in WRAPPER_KEYS and value.items is not None and all(v.keys is not None for v in value.items):
            return value
        if folded in WRAPPER_KEYS and value.keys is not None and depth < 1:
            inner = _unwrap(value, depth + 1)
            if inner is not None:
                return inner
    if len(keys) == 1:
        key, value = next(iter(keys.items()))
        if key.casefold() in SINGLE_WRAPPER_KEYS and value.keys is not None:
            return value
    return None


def listing_nodes(text: str, lines: bool) -> list[Node]:
    """The listing objects in file order: one per non-blank line, or those of the document."""
    if lines:
        out, offset = [], 0
        for line in text.splitlines(keepends=True):
            body = line.lstrip("\ufeff")
            if body.strip():
                node, _ = parse(text, offset + (len(line) - len(body)))
                out.append(node)
            offset += len(line)
        return out
    root, _ = parse(text, 1 if text.startswith("\ufeff") else 0)
    found: Node | None = root
    if root.keys is not None:
        found = _unwrap(root)
        if found is None:
            return [root]
        if found.keys is not None:
            return [found]
    return list(found.items or []) if found is not None else []


def _token(original: str, value: str) -> str:
    """A string token in the original's style: escaped ASCII when the original escaped non-ASCII."""
    escaped = "\\u" in original and original.isascii()
    return json.dumps(value, ensure_ascii=escaped)


def render_json(text: str, lines: bool, edits: JsonEdits, columns: list[str]) -> str:
    try:
        nodes = listing_nodes(text, lines)
    except (ValueError, IndexError) as exc:
        raise InputError(_("cannot read the JSON again to write the fixes: {exc}").format(exc=exc)) from None
    replacements: list[tuple[int, int, str]] = []
    for number, node in enumerate(nodes, 1):
        for column, value in edits.values.get(number, {}).items():
            target = _at(node, column)
            if target is None or not isinstance(target.value, str):
                raise InputError(
                    _("listing {number}: {column} is not a string value of the object; it cannot be written").format(
                        number=number, column=column
                    )
                )
            replacements.append((target.start, target.end, _token(text[target.start : target.end], value)))
        notes = edits.annotations.get(number)
        if notes and node.keys is not None:
            replacements.extend(_annotate(text, node, notes, columns))
    for start, end, new in sorted(replacements, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _at(node: Node, column: str) -> Node | None:
    for key in column.split("."):
        if node.keys is None or key not in node.keys:
            return None
        node = node.keys[key]
    return node


def _annotate(text: str, node: Node, notes: dict[str, str | None], columns: list[str]) -> list[tuple[int, int, str]]:
    """Replace the annotation keys a previous run wrote, or add them before the closing brace."""
    assert node.keys is not None
    out, added = [], []
    for name in columns:
        value = notes.get(name)
        if value is None:
            continue
        existing = node.keys.get(name)
        if existing is not None:
            out.append((existing.start, existing.end, json.dumps(value, ensure_ascii=False)))
        else:
            added.append(f"{json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}")
    if added:
        close = node.end - 1
        joiner = ", " if node.keys else ""
        out.append((close, close, joiner + ", ".join(added)))
    return out
