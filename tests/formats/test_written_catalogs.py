"""Small files of every supported layout and encoding, written here, mapped field by field."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from listingkit.catalog import CatalogReader, FileSummary, InputIssue, ReadOptions
from listingkit.errors import InputError
from listingkit.marketplaces import shipped_marketplaces
from listingkit.models import Listing
from tests.helpers import run_cli

FLAT_HEADER_ROWS = [
    [
        "TemplateType=fptcustom",
        "Version=2021.1014",
        "TemplateSignature=SE9CQklFUw==",
        "settings=contentLanguageTag=en_US",
    ],
    [
        "Product Type",
        "Seller SKU",
        "Brand Name",
        "Product Name",
        "Key Product Features",
        "Key Product Features",
        "Main Image URL",
        "Search Terms",
        "Product Description",
        "Colour",
    ],
    [
        "feed_product_type",
        "item_sku",
        "brand_name",
        "item_name",
        "bullet_point1",
        "bullet_point2",
        "main_image_url",
        "generic_keywords",
        "product_description",
        "color_name",
    ],
]
FLAT_ROWS = [
    [
        "toy",
        "TOY-1",
        "Lumio",
        "Lumio Wooden Train Set, 50 Pieces",
        "Solid beech",
        "Fits major brands",
        "https://img.example.com/t1.jpg",
        "wooden railway kids",
        "A wooden train set.",
        "Natural",
    ],
    [
        "toy",
        "TOY-2",
        "Lumio",
        "Lumio Stacking Rings!",
        "Safe paint",
        "",
        "https://img.example.com/t2.jpg",
        "",
        "",
        "Red",
    ],
]


def read(path: Path, **options: object) -> tuple[list[tuple[Listing, list[InputIssue]]], FileSummary]:
    summary = FileSummary(file=str(path))
    reader = CatalogReader(ReadOptions(**options), shipped_marketplaces())  # type: ignore[arg-type]
    return list(reader.read(path, summary)), summary


def delimited(rows: list[list[str]], delimiter: str = "\t") -> str:
    return "".join(delimiter.join(r) + "\r\n" for r in rows)


def check_flat_file(got: list[tuple[Listing, list[InputIssue]]]) -> None:
    (first, issues), (second, _) = got
    assert not issues
    assert (first.sku, first.brand, first.title) == ("TOY-1", "Lumio", "Lumio Wooden Train Set, 50 Pieces")
    assert first.bullets == ["Solid beech", "Fits major brands"]
    assert first.images == ["https://img.example.com/t1.jpg"]
    assert first.search_terms == ["wooden railway kids"]
    assert first.category_raw == "toy"
    assert first.attributes == {"color": "Natural"}
    assert second.bullets == ["Safe paint"]


def test_amazon_flat_file_tsv_skips_metadata_rows(tmp_path: Path) -> None:
    path = tmp_path / "flat.txt"
    path.write_text(delimited(FLAT_HEADER_ROWS + FLAT_ROWS), encoding="utf-8")
    got, summary = read(path)
    assert summary.format == "amazon-flat-file"
    check_flat_file(got)
    assert [(listing.row, listing.line) for listing, _ in got] == [(1, 4), (2, 5)]


def test_amazon_flat_file_xlsx_template_sheet(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Instructions"
    book.active.append(["Read the instructions before filling the Template sheet."])
    sheet = book.create_sheet("Template")
    for row in FLAT_HEADER_ROWS + FLAT_ROWS:
        sheet.append(row)
    book.create_sheet("Valid Values").append(["feed_product_type", "toy", "game"])
    path = tmp_path / "flat.xlsx"
    book.save(path)
    got, summary = read(path)
    assert (summary.format, summary.sheet, summary.encoding) == ("amazon-flat-file", "Template", None)
    check_flat_file(got)
    listing = got[0][0]
    assert (listing.row, listing.line, listing.sheet, listing.sheet_row) == (1, None, "Template", 4)
    cell = listing.cell("title", None)
    assert cell is not None and (cell.column, cell.sheet_row) == ("item_name", 4)


def test_spreadsheet_numbers_and_sheet_option(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    data = book.create_sheet("Products")
    data.append(["sku", "title", "price"])
    data.append([1001, "Ceramic Mug", 12.5])
    data.append([1002, "Tea Cup", 8.0])
    path = tmp_path / "book.xlsx"
    book.save(path)
    got, summary = read(path)
    assert summary.sheet == "Products"
    assert [(listing.sku, listing.price) for listing, _ in got] == [("1001", "12.5"), ("1002", "8")]
    with pytest.raises(InputError, match="no title column"):
        read(path, sheet="Notes")
    with pytest.raises(InputError, match="no sheet named 'Nope'"):
        read(path, sheet="Nope")


def test_all_listings_report_in_utf16_tsv(tmp_path: Path) -> None:
    rows = [
        ["item-name", "item-description", "listing-id", "seller-sku", "price", "quantity", "image-url", "asin1"],
        [
            "Nespresso Krups Essenza Mini, Red",
            "Compact espresso machine",
            "0929X",
            "KR-1",
            "120.49",
            "3",
            "https://img.example.com/k.jpg",
            "B06XKWPX4W",
        ],
    ]
    path = tmp_path / "All Listings Report.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + delimited(rows).encode("utf-16-le"))
    [(listing, _)], summary = read(path)
    assert (summary.format, summary.encoding) == ("amazon-listings-report", "utf-16")
    assert (listing.sku, listing.title, listing.description) == ("KR-1", rows[1][0], "Compact espresso machine")
    assert listing.images == ["https://img.example.com/k.jpg"]


def test_shift_jis_flat_file_for_amazon_japan(tmp_path: Path) -> None:
    rows = (
        FLAT_HEADER_ROWS[:1]
        + [FLAT_HEADER_ROWS[2]]
        + [
            [
                "toy",
                f"JP-{i}",
                "ルミオ",
                f"木製 汽車 セット {i} 両編成 子供 おもちゃ",
                "天然木",
                "",
                "",
                "",
                "",
                "ナチュラル",
            ]
            for i in range(20)
        ]
    )
    path = tmp_path / "jp.txt"
    path.write_bytes(delimited(rows).encode("cp932"))
    got, summary = read(path)
    assert summary.encoding in ("cp932", "shift_jis_2004", "shift_jisx0213")
    assert got[0][0].title == "木製 汽車 セット 0 両編成 子供 おもちゃ"
    assert len(got) == 20


def test_shopify_groups_records_and_locates_each(tmp_path: Path) -> None:
    path = tmp_path / "products_export.csv"
    path.write_text(
        "Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Name,Option1 Value,Variant SKU,Image Src,Image Position,"
        "SEO Title,SEO Description\n"
        'mug,Ceramic Mug,"<p>Holds <b>350&nbsp;ml</b></p>",Lumio,Mugs,"kitchen, coffee",Color,White,MUG-W,'
        "https://img.example.com/m1.jpg,1,Mug | Lumio,A mug\n"
        ",,,,,,,Black,MUG-B,https://img.example.com/m2.jpg,2,,\n"
        "mug,,,,,,,,,https://img.example.com/m3.jpg,3,,\n"
        "cup,Tea Cup,,Lumio,Cups,,Title,Default Title,CUP-1,,,,\n",
        encoding="utf-8",
    )
    got, summary = read(path)
    # The second record has no Handle: it starts a product of its own, and the image row after it
    # (Handle "mug" again) cannot rejoin the first product. Both are reported as listings without a title.
    assert [listing.title for listing, _ in got] == ["Ceramic Mug", "", "", "Tea Cup"]
    assert [[i.code for i in issues] for _, issues in got] == [[], ["LK-I006"], ["LK-I006"], []]
    assert summary.format == "shopify"
    mug = got[0][0]
    assert mug.sku == "MUG-W" and mug.brand == "Lumio" and mug.tags == ["kitchen", "coffee"]
    assert mug.description == "   Holds    350\xa0     ml        "
    assert mug.seo_title == "Mug | Lumio"
    assert summary.listings + summary.grouped_records + summary.input_records == summary.records == 4


def test_shopify_image_rows_carry_their_own_row_and_line(tmp_path: Path) -> None:
    path = tmp_path / "products_export.csv"
    path.write_text(
        "Handle,Title,Body (HTML),Vendor,Variant SKU,Image Src,Image Position\n"
        "mug,Ceramic Mug,,Lumio,MUG-W,https://img.example.com/m1.jpg,1\n"
        "mug,,,,MUG-B,https://img.example.com/m2.jpg,2\n"
        "mug,,,,,https://img.example.com/m3.jpg,3\n",
        encoding="utf-8",
    )
    [(mug, _)], summary = read(path)
    assert (summary.listings, summary.grouped_records, summary.records) == (1, 2, 3)
    assert mug.images == [f"https://img.example.com/m{i}.jpg" for i in (1, 2, 3)]
    assert [v["sku"] for v in mug.variants] == ["MUG-W", "MUG-B"]
    third = mug.cell("images", 2)
    assert third is not None and (third.row, third.line, third.column) == (3, 4, "Image Src")


def test_woocommerce_variation_before_its_parent_and_orphans(tmp_path: Path) -> None:
    path = tmp_path / "wc.csv"
    path.write_text(
        "ID,Type,SKU,Name,Short description,Description,Images,Categories,Tags,Parent,Regular price,"
        "Attribute 1 name,Attribute 1 value(s)\n"
        "12,variation,TEE-R,T-Shirt - Red,,,,,,id:10,20,Color,Red\n"
        "10,variable,TEE,T-Shirt,Soft cotton tee,<p>100% cotton</p>,"
        '"https://img.example.com/a.png, https://img.example.com/b.png",Clothing > Tshirts,cotton,,,Color,"Red, Blue"\n'
        "13,variation,TEE-B,T-Shirt - Blue,,,,,,TEE,20,Color,Blue\n"
        "14,variation,HAT-B,Hat - Blue,,,,,,id:99,15,Color,Blue\n",
        encoding="utf-8",
    )
    got, summary = read(path)
    assert summary.format == "woocommerce"
    assert [listing.sku for listing, _ in got] == ["TEE", "HAT-B"]
    tee, orphan = got[0][0], got[1]
    assert [v["sku"] for v in tee.variants] == ["TEE-R", "TEE-B"]
    assert tee.bullets == ["Soft cotton tee"] and tee.attributes == {"Color": "Red, Blue"}
    assert tee.images == ["https://img.example.com/a.png", "https://img.example.com/b.png"]
    assert [i.code for i in orphan[1]] == ["LK-I009"]
    assert (summary.records, summary.listings, summary.grouped_records) == (4, 2, 2)


def test_etsy_csv_export(tmp_path: Path) -> None:
    path = tmp_path / "EtsyListingsDownload.csv"
    path.write_text(
        "TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,TAGS,MATERIALS,IMAGE1,IMAGE2,VARIATION 1 TYPE,SKU\n"
        'Personalized Leather Keychain,Hand-stitched,18.00,USD,5,"gift for him,leather,keychain",'
        '"leather,brass",https://i.etsystatic.com/1.jpg,https://i.etsystatic.com/2.jpg,Color,KEY-1\n',
        encoding="utf-8",
    )
    [(listing, _)], summary = read(path)
    assert summary.format == "etsy-csv"
    assert listing.tags == ["gift for him", "leather", "keychain"]
    assert listing.images == ["https://i.etsystatic.com/1.jpg", "https://i.etsystatic.com/2.jpg"]
    assert listing.attributes == {"materials": "leather,brass", "currency": "USD"}
    assert listing.sku == "KEY-1"


def test_chinese_erp_sheet_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "商品导出.csv"
    rows = ["SKU编码,商品标题,商品描述,主图,副图1,副图2,品牌,类目,关键词"] + [
        f"CN-{i},加厚珊瑚绒毛毯冬季沙发午睡盖毯{i},柔软亲肤的珊瑚绒面料,https://img.example.com/{i}.jpg,"
        f"https://img.example.com/{i}b.jpg,,暖居,家纺,毛毯 冬季"
        for i in range(10)
    ]
    path.write_bytes("\n".join(rows).encode("gb18030"))
    got, summary = read(path)
    assert (summary.format, summary.encoding) == ("chinese-erp", "gb18030")
    listing = got[0][0]
    assert listing.images == ["https://img.example.com/0.jpg", "https://img.example.com/0b.jpg"]
    assert (listing.brand, listing.category_raw, listing.search_terms) == ("暖居", "家纺", ["毛毯 冬季"])


def test_unknown_layout_is_read_generically_with_a_warning(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("code,product name,colour,notes\nA1,Mug,red,fragile\n", encoding="utf-8")
    doc = run_cli(capsys, "audit", str(path), "-f", "json", "--as-of", "2026-11-21").json()
    assert doc["files"][0]["format"] == "generic"
    assert doc["files"][0]["unused_columns"] == ["code", "colour", "notes"]
    [warning] = [f for f in doc["findings"] if f["code"] == "LK-I008"]
    assert warning["severity"] == "warning" and "code, colour, notes" in warning["message"]


def test_input_format_option_forces_a_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Handle,Title,Variant SKU\nmug,Mug,M1\nmug,,M2\n", encoding="utf-8")
    doc = run_cli(capsys, "audit", str(path), "-f", "json", "--input-format", "generic", "--as-of", "2026-11-21").json()
    assert doc["files"][0]["format"] == "generic" and len(doc["listings"]) == 2
    doc = run_cli(capsys, "audit", str(path), "-f", "json", "--input-format", "shopify", "--as-of", "2026-11-21").json()
    assert doc["files"][0]["format"] == "shopify" and len(doc["listings"]) == 1
    run = run_cli(capsys, "audit", str(path), "--input-format", "magento")
    assert run.code == 2 and "unknown format 'magento'" in run.err


def test_formats_command_lists_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    run = run_cli(capsys, "formats", "-f", "json")
    names = {f["name"] for f in json.loads(run.out)["formats"]}
    assert {"shopify", "woocommerce", "amazon-flat-file", "amazon-listings-report", "etsy-csv", "generic"} <= names


def test_legacy_xls_workbook(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Products")
    for r, row in enumerate([["sku", "title", "price"], ["A1", "Ceramic Mug", 12.5], ["A2", "Tea Cup", 8]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = tmp_path / "legacy.xls"
    book.save(str(path))
    got, summary = read(path)
    assert summary.sheet == "Products"
    assert [(listing.sku, listing.title, listing.price, listing.sheet_row) for listing, _ in got] == [
        ("A1", "Ceramic Mug", "12.5", 2),
        ("A2", "Tea Cup", "8", 3),
    ]


def write_ods(path: Path, sheet: str, rows: list[list[str]]) -> None:
    """A minimal OpenDocument spreadsheet: a zip with its mimetype, manifest and content."""
    import zipfile
    from xml.sax.saxutils import escape

    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>' for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{cells}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)


def test_opendocument_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "catalog.ods"
    write_ods(path, "Katalog", [["SKU", "Titel", "Produktname"], ["D1", "x", "Kaffeebecher aus Keramik"]])
    got, summary = read(path, column_map={"title": "Produktname"})
    assert summary.sheet == "Katalog"
    assert [(listing.sku, listing.title, listing.sheet_row) for listing, _ in got] == [
        ("D1", "Kaffeebecher aus Keramik", 2)
    ]


def test_damaged_spreadsheet_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(InputError, match=r"broken\.xlsx: not a readable spreadsheet"):
        read(path)
