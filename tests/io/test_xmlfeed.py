from __future__ import annotations

from pathlib import Path

import pytest

from listingkit.errors import InputError
from listingkit.io.xmlfeed import open_xml_feed

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0" xmlns:c="http://base.google.com/cns/1.0">
  <channel>
    <title>Example shop</title>
    <link>https://shop.example</link>
    <item>
      <title>Mug</title>
      <g:title>Red ceramic mug 350 ml</g:title>
      <g:id>MUG-1</g:id>
      <g:description><![CDATA[A <b>red</b> mug & saucer.]]></g:description>
      <g:link>https://shop.example/mug-1</g:link>
      <g:image_link>https://shop.example/1.jpg</g:image_link>
      <g:additional_image_link>https://shop.example/2.jpg</g:additional_image_link>
      <g:additional_image_link>https://shop.example/3.jpg</g:additional_image_link>
      <g:price>12.00 USD</g:price>
      <g:shipping>
        <g:country>US</g:country>
        <g:price>4.95 USD</g:price>
      </g:shipping>
      <c:season>winter</c:season>
    </item>
    <item>
      <g:id>MUG-2</g:id>
      <title>Blue mug</title>
      <g:price>13.00 USD</g:price>
    </item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="ISO-8859-1"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:g="http://base.google.com/ns/1.0">
  <title>Example shop</title>
  <link rel="self" href="https://shop.example/feed.xml"/>
  <entry>
    <id>tag:shop.example,2024:1</id>
    <g:id>TEA-1</g:id>
    <title>Th\xe9 vert bio</title>
    <link href="https://shop.example/tea-1"/>
    <link rel="enclosure" href="https://shop.example/tea-1.jpg"/>
    <summary>Loose green tea.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Loose <b>green</b> tea.</p></div></content>
    <g:image_link>https://shop.example/tea.jpg</g:image_link>
  </entry>
</feed>
"""


def write(tmp_path: Path, text: str, name: str = "feed.xml", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read(path: Path) -> tuple[list[str], list[dict[str, str]], list[tuple[int | None, int | None]]]:
    table = open_xml_feed(path).table(0)
    records = list(table.records)
    return (
        table.header,
        [dict(zip(table.header, r.cells, strict=True)) for r in records],
        [(r.line, r.end_line) for r in records],
    )


def test_merchant_rss_items_become_rows_without_the_g_prefix(tmp_path: Path) -> None:
    header, rows, places = read(write(tmp_path, RSS))
    assert header == [
        "title",
        "id",
        "description",
        "link",
        "image_link",
        "additional_image_link",
        "price",
        "shipping.country",
        "shipping.price",
        "c:season",
    ]
    first = rows[0]
    # g:title is the Merchant attribute; the plain RSS <title> beside it is left out.
    assert first["title"] == "Red ceramic mug 350 ml"
    assert first["id"] == "MUG-1"
    assert first["description"] == "A <b>red</b> mug & saucer."
    assert first["additional_image_link"] == "https://shop.example/2.jpg\nhttps://shop.example/3.jpg"
    assert (first["shipping.country"], first["shipping.price"]) == ("US", "4.95 USD")
    assert rows[1]["title"] == "Blue mug" and rows[1]["image_link"] == ""
    assert places == [(6, 21), (22, 26)]


def test_atom_entries_with_link_href(tmp_path: Path) -> None:
    path = write(tmp_path, ATOM, "atom.xml", "latin-1")
    source = open_xml_feed(path)
    assert source.encoding == "iso-8859-1"
    header, rows, _ = read(path)
    assert header == ["id", "title", "link", "link_enclosure", "summary", "content", "image_link"]
    entry = rows[0]
    assert entry["id"] == "TEA-1"  # g:id, not the Atom entry id
    assert entry["title"] == "Thé vert bio"
    assert entry["link"] == "https://shop.example/tea-1"
    assert entry["link_enclosure"] == "https://shop.example/tea-1.jpg"
    assert entry["content"] == "Loose green tea."


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss><channel><item><title>&lol3;</title></item></channel></rss>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&secret;</title></item></channel></rss>
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BILLION_LAUGHS, r"feed\.xml: line 3: entity declarations are not allowed in a product feed \(entity 'lol'\)"),
        (EXTERNAL, r"feed\.xml: line 2: entity declarations are not allowed"),
        (
            "<rss><channel><item><title>x</item></channel></rss>",
            r"feed\.xml: line 1 column 31: malformed XML: mismatched tag",
        ),
        (
            "<rss><channel><item><title>&nbsp;</title></item></channel></rss>",
            r"line 1 column 28: malformed XML: undefined entity",
        ),
        ("<rss><channel><item>", r"line 1 column 21: malformed XML: no element found"),
        ("<products><product/></products>", r"line 1: not an RSS or Atom product feed \(root element <products>\)"),
        (
            "<rss><channel><title>Empty</title></channel></rss>",
            r"feed\.xml: the feed holds no <item> or <entry> elements",
        ),
    ],
)
def test_unsafe_or_malformed_xml_is_one_input_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        open_xml_feed(write(tmp_path, text))
    assert "\n" not in str(caught.value)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        open_xml_feed(tmp_path / "none.xml")
    with pytest.raises(InputError, match="file is empty"):
        open_xml_feed(write(tmp_path, ""))


def test_large_feed_is_read_in_chunks(tmp_path: Path) -> None:
    items = "".join(
        f"<item><g:id>S{i}</g:id><g:title>Mug number {i} {'x' * 200}</g:title></item>\n" for i in range(6000)
    )
    text = f'<rss xmlns:g="http://base.google.com/ns/1.0"><channel>\n{items}</channel></rss>'
    assert len(text) > 1 << 20
    header, rows, places = read(write(tmp_path, text))
    assert header == ["id", "title"]
    assert len(rows) == 6000 and rows[-1]["id"] == "S5999"
    assert places[-1] == (6001, 6001)


def test_deeply_nested_elements_are_read_as_text(tmp_path: Path) -> None:
    deep = "<g:x>a" * 50_000 + "deep" + "</g:x>" * 50_000
    text = f'<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>1</g:id>{deep}</item></channel></rss>'
    header, rows, _ = read(write(tmp_path, text))
    # Three levels become columns (the reader's depth cap); the rest is kept as JSON text.
    assert header == ["id", "x.x.x"]
    assert rows[0]["x.x.x"].endswith('"a' + "a" * (50_000 - 16) + 'deep"}}}}}}}}}}}}}')
