from __future__ import annotations

from pathlib import Path

import pytest

from listingkit.catalog import CatalogReader, FileSummary, InputIssue, ReadOptions
from listingkit.errors import InputError
from listingkit.marketplaces import shipped_marketplaces
from listingkit.models import Listing


def read(path: Path, **options: object) -> tuple[list[tuple[Listing, list[InputIssue]]], FileSummary]:
    summary = FileSummary(file=str(path))
    reader = CatalogReader(ReadOptions(**options), shipped_marketplaces())  # type: ignore[arg-type]
    return list(reader.read(path, summary)), summary


def write(tmp_path: Path, text: str, name: str = "c.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_amazon_flat_file_columns_map_to_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "item_sku,item_name,brand_name,bullet_point2,bullet_point1,main_image_url,other_image_url1,"
        "generic_keywords,product_description,attr:Material\n"
        "S1,Mug,Acme,second,first,https://x/a.jpg,https://x/b.jpg,coffee cup,A mug.,Ceramic\n",
    )
    [(listing, issues)], summary = read(path)
    assert (listing.sku, listing.title, listing.brand) == ("S1", "Mug", "Acme")
    assert listing.bullets == ["first", "second"]
    assert listing.images == ["https://x/a.jpg", "https://x/b.jpg"]
    assert listing.search_terms == ["coffee cup"]
    assert listing.description == "A mug."
    assert listing.attributes == {"Material": "Ceramic"}
    cell = listing.cell("bullets", 0)
    assert cell is not None and cell.column == "bullet_point1"
    assert not issues
    assert summary.unused_columns == []


def test_chinese_headers_map_to_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "货号,商品标题,品牌,类目,平台,五点描述,主图,关键词\n"
        'CN-1,加厚珊瑚绒毛毯,暖居,家纺,天猫,"柔软亲肤\n多尺寸可选",https://x/1.jpg,毛毯 冬季\n',
        encoding="gb18030",
    )
    [(listing, issues)], summary = read(path)
    assert summary.encoding == "gb18030"
    assert (listing.sku, listing.title, listing.brand, listing.category_raw) == (
        "CN-1",
        "加厚珊瑚绒毛毯",
        "暖居",
        "家纺",
    )
    assert listing.marketplace == "tmall"
    assert listing.bullets == ["柔软亲肤", "多尺寸可选"]
    assert listing.images == ["https://x/1.jpg"]
    assert not issues


def test_map_option_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "Artikel,Produktname,Beschreibung\nA1,Kaffeebecher,Ein Becher\n")
    with pytest.raises(InputError, match=r"no title column .*Artikel, Produktname, Beschreibung"):
        read(path)
    [(listing, _)], _ = read(path, column_map={"title": "Produktname", "sku": "Artikel"})
    assert (listing.sku, listing.title) == ("A1", "Kaffeebecher")


def test_map_option_errors_name_the_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "sku,title\nA,Mug\n")
    with pytest.raises(InputError, match="no such column"):
        read(path, column_map={"title": "Nope"})
    with pytest.raises(InputError, match="unknown field 'titel'"):
        read(path, column_map={"titel": "title"})


def test_bad_rows_become_issues_and_nothing_is_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sku,title,description,marketplace\n"
        "A,Mug,ok,amazon-us\n"
        "A,Cup,dup,amazon-us\n"
        ",Plate,no sku,amazon-us\n"
        "B,Bowl\n"
        "C,,empty title,amazon-us\n"
        "D,Spoon,unknown market,mars-bazaar\n",
    )
    got, summary = read(path)
    codes = {listing.row: sorted(i.code for i in issues) for listing, issues in got}
    assert codes == {1: [], 2: [], 3: ["LK-I002"], 4: ["LK-I004"], 5: ["LK-I006"], 6: ["LK-I005"]}
    assert summary.records == summary.listings == 6
    assert got[5][0].marketplace == "generic"


def test_marketplace_precedence(tmp_path: Path) -> None:
    path = write(tmp_path, "sku,title,site\nA,Mug,ebay\nB,Cup,\n")
    got, _ = read(path)
    assert [listing.marketplace for listing, _ in got] == ["ebay-us", "generic"]
    got, _ = read(path, config_marketplace="etsy")
    assert [listing.marketplace for listing, _ in got] == ["ebay-us", "etsy"]
    got, _ = read(path, marketplace="walmart")
    assert [listing.marketplace for listing, _ in got] == ["walmart", "walmart"]
    got, _ = read(path, marketplace="walmart", per_file_marketplace={str(path): "temu"})
    assert [listing.marketplace for listing, _ in got] == ["temu", "temu"]


def test_list_items_keep_offsets_into_their_cell(tmp_path: Path) -> None:
    path = write(tmp_path, "Uniq Id,Product Name,About Product,Image\nu1,Mug,First point | Second point,a.jpg|b.jpg\n")
    [(listing, _)], summary = read(path)
    assert summary.format == "amazon-dataset"
    assert listing.sku == "u1"
    assert listing.bullets == ["First point", "Second point"]
    cell = listing.cell("bullets", 1)
    assert cell is not None
    assert "First point | Second point"[cell.offset : cell.offset + 12] == "Second point"


def test_empty_records_are_counted_not_listed(tmp_path: Path) -> None:
    path = write(tmp_path, "sku,title\nA,Mug\n,\nB,Cup\n,\n")
    got, summary = read(path)
    assert [listing.sku for listing, _ in got] == ["A", "B"]
    assert (summary.records, summary.listings, summary.input_records) == (4, 2, 2)
    assert [(i.code, i.row, i.line) for i in summary.issues] == [("LK-I007", 2, 3), ("LK-I007", 4, 5)]
