from __future__ import annotations

from pathlib import Path

import pytest

from listingkit import formats
from listingkit.catalog import CatalogReader, FileSummary, InputIssue, ReadOptions
from listingkit.formats.base import CatalogFormat, RawListing
from listingkit.formats.google_merchant import GoogleMerchantFormat
from listingkit.io.table import Source, open_delimited
from listingkit.io.xmlfeed import open_xml_feed
from listingkit.marketplaces import shipped_marketplaces
from listingkit.models import Listing

TSV = (
    "id\ttitle\tdescription\tlink\timage_link\tadditional_image_link\tbrand\tgtin\tmpn\tcondition\t"
    "availability\tprice\tgoogle_product_category\tproduct_type\n"
    "MUG-1\tRed ceramic mug 350 ml\tA red mug.\thttps://shop.example/mug-1\thttps://shop.example/1.jpg\t"
    "https://shop.example/2.jpg,https://shop.example/3.jpg\tAcme\t00012345678905\tAC-MUG-1\tnew\tin_stock\t"
    "12.00 USD\tHome & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs\tKitchen > Mugs\n"
    "MUG-2\tBlue mug\t\thttps://shop.example/mug-2\thttps://shop.example/4.jpg\t\t\t\t\tused\tout_of_stock\t"
    "9.00 USD\t\tKitchen > Mugs\n"
)

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
  <channel>
    <title>Example shop</title>
    <item>
      <g:id>TEA-1</g:id>
      <title>Green tea 100 g</title>
      <link>https://shop.example/tea-1</link>
      <description>Loose leaf.</description>
      <g:image_link>https://shop.example/tea.jpg</g:image_link>
      <g:additional_image_link>https://shop.example/tea-2.jpg</g:additional_image_link>
      <g:additional_image_link>https://shop.example/tea-3.jpg</g:additional_image_link>
      <g:brand>Leafy</g:brand>
      <g:condition>new</g:condition>
      <g:availability>in_stock</g:availability>
      <g:price>6.50 EUR</g:price>
      <g:product_type>Food &amp; Drink &gt; Tea</g:product_type>
      <g:product_highlight>Organic</g:product_highlight>
      <g:product_highlight>Harvested in spring</g:product_highlight>
    </item>
  </channel>
</rss>
"""


def write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def mapped(source: Source) -> list[RawListing]:
    fmt = GoogleMerchantFormat()
    table = source.table(0)
    assert fmt.signature_score(table.header) > CatalogFormat().signature_score(table.header)
    cmap = fmt.column_map(table.header, None)
    return [r for r in fmt.listings(table.records, cmap, source.path) if isinstance(r, RawListing)]


def items(raw: RawListing, fld: str) -> list[str]:
    return [item for item, *_ in raw.lists.get(fld, [])]


def attributes(raw: RawListing) -> dict[str, str]:
    return {name: value for name, (value, _) in raw.attributes.items()}


def test_tsv_feed_fields(tmp_path: Path) -> None:
    first, second = mapped(open_delimited(write(tmp_path, TSV, "feed.tsv")))
    assert first.values["key"] == "MUG-1"
    assert first.values["title"] == "Red ceramic mug 350 ml"
    assert first.values["description"] == "A red mug."
    assert first.values["brand"] == "Acme"
    assert first.values["price"] == "12.00 USD"
    assert first.values["category"] == "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs"
    # One additional_image_link cell holds several comma-separated URLs.
    assert items(first, "images") == [
        "https://shop.example/1.jpg",
        "https://shop.example/2.jpg",
        "https://shop.example/3.jpg",
    ]
    assert attributes(first) == {
        "gtin": "00012345678905",
        "mpn": "AC-MUG-1",
        "condition": "new",
        "availability": "in_stock",
        "product_type": "Kitchen > Mugs",
    }
    # Without a Google category the seller's product_type stands in.
    assert second.values["category"] == "Kitchen > Mugs"
    assert items(second, "images") == ["https://shop.example/4.jpg"]
    assert attributes(second) == {"condition": "used", "availability": "out_of_stock", "product_type": "Kitchen > Mugs"}


def test_csv_feed_with_product_type_only(tmp_path: Path) -> None:
    text = "id,title,link,image_link,price,product_type\nS1,Mug,https://s.example/1,https://s.example/1.jpg,3 USD,Kitchen\n"
    [raw] = mapped(open_delimited(write(tmp_path, text, "feed.csv")))
    assert raw.values["category"] == "Kitchen"
    assert "product_type" not in raw.attributes


def test_rss_feed_fields(tmp_path: Path) -> None:
    [raw] = mapped(open_xml_feed(write(tmp_path, RSS, "feed.xml")))
    assert (raw.values["key"], raw.values["title"], raw.values["description"]) == (
        "TEA-1",
        "Green tea 100 g",
        "Loose leaf.",
    )
    assert raw.values["brand"] == "Leafy"
    assert raw.values["price"] == "6.50 EUR"
    assert raw.values["category"] == "Food & Drink > Tea"
    assert items(raw, "images") == [
        "https://shop.example/tea.jpg",
        "https://shop.example/tea-2.jpg",
        "https://shop.example/tea-3.jpg",
    ]
    assert items(raw, "bullets") == ["Organic", "Harvested in spring"]
    assert attributes(raw) == {"condition": "new", "availability": "in_stock"}
    assert raw.line == 5


def test_signature_needs_the_feed_columns() -> None:
    fmt = GoogleMerchantFormat()
    assert fmt.signature_score(["id", "title", "link", "image_link", "availability"]) == 10
    assert fmt.signature_score(["ID", "Title", "Link", "Image Link", "Price"]) == 10
    assert fmt.signature_score(["id", "title", "link", "image_link"]) == 0
    assert fmt.signature_score(["id", "title", "price", "availability"]) == 0
    assert fmt.signature_score(["sku", "title", "description", "brand", "price"]) == 0


def test_feed_through_the_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fmt = GoogleMerchantFormat()
    monkeypatch.setitem(formats.BY_NAME, fmt.name, fmt)
    got: list[tuple[Listing, list[InputIssue]]] = []
    for path in (write(tmp_path, TSV, "feed.tsv"), write(tmp_path, RSS, "feed.xml")):
        summary = FileSummary(file=str(path))
        got.extend(CatalogReader(ReadOptions(input_format=fmt.name), shipped_marketplaces()).read(path, summary))
        assert summary.format == "google-merchant"
        assert "link" in summary.unused_columns
    assert [listing.sku for listing, _ in got] == ["MUG-1", "MUG-2", "TEA-1"]
    assert [listing.line for listing, _ in got] == [2, 3, 5]
    assert got[0][0].attributes["gtin"] == "00012345678905"
    assert got[2][0].images[-1] == "https://shop.example/tea-3.jpg"
    assert not any(issues for _, issues in got)
