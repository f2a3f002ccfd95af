"""Duplicate listings: the same main image and (nearly) the same title, found through an index."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from listingkit.cli import app
from listingkit.detail.duplicates import DuplicateIndex, title_key
from listingkit.models import Listing
from tests.conftest import AS_OF

CATALOG = """sku,marketplace,title,main_image_url,description
A1,aliexpress,"Women Summer Dress Floral Print Beach Dress",https://img.example.com/d1.jpg,Cotton dress.
A2,aliexpress,"Women Summer Dress, Floral Print Beach Dress!",http://img.example.com/d1.jpg?v=2,Cotton dress.
A3,aliexpress,"Floral Print Beach Dress Women Summer Dress",https://img.example.com/d1.jpg,Cotton dress.
A4,aliexpress,"Women Summer Dress Floral Print Beach Dress",https://img.example.com/d2.jpg,Cotton dress.
A5,aliexpress,"Men Linen Shirt Short Sleeve Casual",https://img.example.com/d1.jpg,Linen shirt.
A6,amazon-us,"Women Summer Dress Floral Print Beach Dress",https://img.example.com/d1.jpg,Cotton dress.
"""


def listing(row: int, title: str, image: str, marketplace: str = "aliexpress") -> Listing:
    return Listing(file="c.csv", row=row, line=row + 1, end_line=row + 1, sku=f"S{row}", marketplace=marketplace,
                   title=title, images=[image] if image else [])  # fmt: skip


def test_the_index_groups_copies_by_marketplace_and_main_image() -> None:
    index = DuplicateIndex(min_similarity=90)
    items = [
        listing(1, "Bluetooth Earbuds Wireless Headphones", "https://x.com/a.jpg"),
        listing(2, "Wireless Headphones Bluetooth Earbuds", "https://x.com/a.jpg?width=800"),
        listing(3, "Bluetooth Earbuds Wireless Headphones", "https://x.com/b.jpg"),  # another picture
        listing(4, "Bluetooth Earbuds Wireless Headphones", "https://x.com/a.jpg", "ebay-us"),  # another market
        listing(5, "Phone Stand Aluminium Desk Holder", "https://x.com/a.jpg"),  # another product
        listing(6, "Bluetooth Earbuds Wireless Headphones", ""),  # no image: never a copy
    ]
    index.add_all(items)
    index.build()
    assert [c.row for c in index.copies_of(items[0])] == [2]
    assert [c.row for c in index.copies_of(items[1])] == [1]
    for item in items[2:]:
        assert index.copies_of(item) == []


def test_a_crowded_image_compares_exact_titles_only(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("listingkit.detail.duplicates.MAX_FUZZY_BUCKET", 3)
    index = DuplicateIndex()
    items = [listing(i, f"Placeholder product number {i}", "https://x.com/none.png") for i in range(1, 6)]
    items.append(listing(9, "Placeholder product number 1", "https://x.com/none.png"))
    index.add_all(items)
    index.build()
    assert [c.row for c in index.copies_of(items[0])] == [9]
    assert index.copies_of(items[1]) == []


def test_title_key_ignores_case_and_punctuation() -> None:
    assert title_key("Women Summer Dress, Floral!") == title_key("women summer dress floral")


def test_audit_names_the_other_copies_on_each(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_text(CATALOG, encoding="utf-8")
    done = CliRunner().invoke(
        app, ["audit", str(path), "--select", "LK-D601", "--format", "json", "--as-of", AS_OF.isoformat()]
    )
    document = json.loads(done.stdout)
    found = {item["sku"]: [f for f in item["findings"] if f["code"] == "LK-D601"] for item in document["listings"]}
    assert {sku for sku, hits in found.items() if hits} == {"A1", "A2", "A3"}
    first = found["A1"][0]
    assert [d["sku"] for d in first["detail"]["duplicates"]] == ["A2", "A3"]
    assert "rows 2, 3" not in first["message"] and "row 2, row 3" in first["message"]
    assert first["field"] == "title" and first["match"] == "Women Summer Dress Floral Print Beach Dress"
    assert done.exit_code == 0
