"""Read product feeds in XML: Google Merchant Center RSS 2.0 (<rss><channel><item>) and Atom (<feed><entry>).

Each <item> or <entry> is one row. Column names are the element names without the Merchant
namespace prefix ("g:image_link" is "image_link"); Atom and plain RSS elements keep their own
names; elements of other namespaces keep the document's prefix ("c:custom"). When an item has
both a g: element and a plain one of the same name (RSS <title> and <g:title>, Atom <id> and
<g:id>), the g: one is the Merchant attribute and the plain one is left out. Repeated elements
(additional_image_link) are joined with a line break; nested elements (g:shipping) become dotted
columns ("shipping.price"), both through the JSON reader's flattening. An Atom <link href> is
"link" (other rel values are "link_<rel>"); XHTML content is read as its text, and so are
elements nested more than MAX_NESTING levels inside an item.

Parsed with defusedxml: entity declarations and external references are refused, so a
billion-laughs or external-entity payload ends with an InputError instead of being expanded.
The file is streamed twice (once for the columns, once for the rows), never held whole.
`Record.line` and `end_line` are the lines of the item's start and end tags.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ErrorString

from defusedxml import DefusedXmlException  # type: ignore[import-untyped,unused-ignore]
from defusedxml.ElementTree import DefusedXMLParser  # type: ignore[import-untyped,unused-ignore]

from listingkit.errors import InputError
from listingkit.i18n import _
from listingkit.io.jsonfile import Flattener
from listingkit.io.table import Record, Source, check_file

MERCHANT_NS = "http://base.google.com/ns/1.0"
ATOM_NS = "http://www.w3.org/2005/Atom"
RSS1_NS = "http://purl.org/rss/1.0/"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# Namespaces whose element names are used bare.
BARE_NAMESPACES = frozenset({"", MERCHANT_NS, ATOM_NS, RSS1_NS})
FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
ITEM_ELEMENTS = frozenset({"item", "entry"})
CHUNK_BYTES = 1 << 20
MAX_NESTING = 16  # element levels inside an item kept as fields


def open_xml_feed(path: Path) -> Source:
    """An RSS or Atom product feed as a Source whose head is the header of its item elements."""
    check_file(path)
    flattener = Flattener()
    count = 0
    reader = _FeedReader(path)
    for item in reader.items():
        flattener.learn(item.fields)
        count += 1
    if not count:
        raise InputError(_("{path}: the feed holds no <item> or <entry> elements").format(path=path))
    header = flattener.finish()
    records = (Record(flattener.cells(item.fields), 0, item.line, item.end_line) for item in _FeedReader(path).items())
    # The parser decodes by the XML declaration (UTF-8 without one); report what it used.
    return Source(path, reader.encoding or "utf-8", None, [Record(header, 0, None, None)], records)


@dataclass(slots=True)
class _Item:
    fields: dict[str, Any]
    line: int
    end_line: int


@dataclass(slots=True)
class _Node:
    name: str
    merchant: bool
    text_only: bool
    attrib: dict[str, str]
    text: list[str] = field(default_factory=list)
    children: list[tuple[str, bool, Any]] = field(default_factory=list)

    def value(self) -> Any:
        """Text for a leaf (or an Atom link's href); for an element with child elements, their fields."""
        if self.children:
            return _fields(self.children)
        text = "".join(self.text).strip()
        if not text and "href" in self.attrib:
            return self.attrib["href"]
        return text


def _fields(children: list[tuple[str, bool, Any]]) -> dict[str, Any]:
    """Child values by name: repeated names become lists, and a g: element hides a plain one of its name."""
    merchant_names = {name for name, merchant, _ in children if merchant}
    out: dict[str, Any] = {}
    for name, merchant, value in children:
        if name in merchant_names and not merchant:
            continue
        if name not in out:
            out[name] = value
        elif isinstance(out[name], list):
            out[name].append(value)
        else:
            out[name] = [out[name], value]
    return out


class _FeedReader:
    """A parser target that collects finished items while the file is fed to the parser in chunks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.encoding: str | None = None
        self._parser: Any = None
        self._root: str | None = None
        self._stack: list[_Node] = []
        self._skipped = 0  # open elements below MAX_NESTING, not kept
        self._item_line = 0
        self._ready: list[_Item] = []
        self._prefixes: dict[str, str] = {}

    def items(self) -> Iterator[_Item]:
        self._parser = DefusedXMLParser(target=self)
        self._parser.parser.XmlDeclHandler = self._declaration
        with self.path.open("rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                self._guarded(self._parser.feed, chunk)
                yield from self._drain()
            self._guarded(self._parser.close)
            yield from self._drain()

    def _drain(self) -> Iterator[_Item]:
        ready, self._ready = self._ready, []
        yield from ready

    def _guarded(self, step: Any, *args: Any) -> None:
        """Run a parser step, turning every parse and security error into one InputError line."""
        try:
            step(*args)
        except ParseError as exc:
            line, column = exc.position
            raise InputError(
                _("{path}: line {line} column {value}: malformed XML: {value2}").format(
                    path=self.path, line=line, value=column + 1, value2=ErrorString(exc.code)
                )
            ) from None
        except DefusedXmlException as exc:
            line = self._parser.parser.CurrentLineNumber
            what = {
                "EntitiesForbidden": "entity declarations are not allowed",
                "DTDForbidden": "document type declarations are not allowed",
                "ExternalReferenceForbidden": "external references are not allowed",
            }.get(type(exc).__name__, "unsafe XML construct")
            name = getattr(exc, "name", None)
            named = f" (entity '{name}')" if name and type(exc).__name__ == "EntitiesForbidden" else ""
            raise InputError(
                _("{path}: line {line}: {what} in a product feed{named}").format(
                    path=self.path, line=line, what=what, named=named
                )
            ) from None

    def _declaration(self, version: str, encoding: str | None, standalone: int) -> None:
        if encoding:
            self.encoding = encoding.lower()

    def _line(self) -> int:
        return int(self._parser.parser.CurrentLineNumber)

    # Parser target interface (called by the parser).

    def start_ns(self, prefix: str, uri: str) -> None:
        self._prefixes.setdefault(uri, prefix)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        uri, _brace, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
        if self._root is None:
            self._root = local
            if local not in FEED_ROOTS:
                raise InputError(
                    _("{path}: line {value}: not an RSS or Atom product feed (root element <{local}>)").format(
                        path=self.path, value=self._line(), local=local
                    )
                )
            return
        if not self._stack and local not in ITEM_ELEMENTS:
            return  # channel or feed metadata, not a product
        if not self._stack:
            self._item_line = self._line()
        if len(self._stack) > MAX_NESTING:
            self._skipped += 1  # absurdly deep: its text joins the innermost kept element
            return
        # XHTML markup counts as text of the element around it (Atom <content type="xhtml">).
        text_only = uri == XHTML_NS
        self._stack.append(_Node(self._name(uri, local, attrib), uri == MERCHANT_NS, text_only, attrib))

    def data(self, text: str) -> None:
        if self._stack:
            self._stack[-1].text.append(text)

    def end(self, tag: str) -> None:
        if self._skipped:
            self._skipped -= 1
            return
        if not self._stack:
            return
        node = self._stack.pop()
        if self._stack:
            parent = self._stack[-1]
            if node.text_only:
                parent.text.extend(node.text)
            else:
                parent.children.append((node.name, node.merchant, node.value()))
            return
        fields = _fields(node.children)
        self._ready.append(_Item(fields, self._item_line, self._line()))

    def close(self) -> None:
        return None

    def _name(self, uri: str, local: str, attrib: dict[str, str]) -> str:
        if local == "link" and uri in (ATOM_NS, "") and "href" in attrib:
            rel = attrib.get("rel", "alternate")
            return "link" if rel == "alternate" else f"link_{rel}"
        if uri in BARE_NAMESPACES:
            return local
        prefix = self._prefixes.get(uri, "")
        return f"{prefix}:{local}" if prefix else local
