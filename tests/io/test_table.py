from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from listingkit.errors import InputError
from listingkit.io.table import open_table

CSV_TEXT = 'sku,title,description\nA1,Tasse à café 咖啡杯,"Line one\nLine two"\nA2,Thé vert,Plain\n'


def records(path: Path, **kw: object) -> tuple[str, list[tuple[list[str], int, int, int]]]:
    table = open_table(path, **kw)  # type: ignore[arg-type]
    return table.encoding, [(r.cells, r.row, r.line, r.end_line) for r in table.records]


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ],
)
def test_unicode_encodings_and_boms(tmp_path: Path, encoding: str, bom: bytes, expected: str) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(bom + CSV_TEXT.encode(encoding))
    found, rows = records(path)
    assert found == expected
    assert rows[0][0] == ["A1", "Tasse à café 咖啡杯", "Line one\nLine two"]


def test_gb18030_is_detected(tmp_path: Path) -> None:
    text = "商品编码,商品标题,描述\n" + "".join(
        f"SKU{i},加厚珊瑚绒毛毯冬季沙发午睡盖毯{i}号,柔软亲肤的珊瑚绒面料，适合冬季使用\n" for i in range(30)
    )
    path = tmp_path / "cn.csv"
    path.write_bytes(text.encode("gb18030"))
    found, rows = records(path)
    assert found == "gb18030"
    assert rows[0][0][1] == "加厚珊瑚绒毛毯冬季沙发午睡盖毯0号"


def test_windows_1252_is_detected(tmp_path: Path) -> None:
    text = "sku,title\n" + "".join(f"S{i},Café crème mug – size {i} “deluxe” édition\n" for i in range(20))
    path = tmp_path / "w.csv"
    path.write_bytes(text.encode("cp1252"))
    found, rows = records(path)
    assert rows[0][0][1] == "Café crème mug – size 0 “deluxe” édition"
    assert found == "cp1252"


def test_quoted_newlines_keep_row_and_physical_lines(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    _, rows = records(path)
    assert [(r[1], r[2], r[3]) for r in rows] == [(1, 2, 3), (2, 4, 4)]


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.csv"
    path.write_bytes(CSV_TEXT.replace("\n", "\r\n").encode())
    _, rows = records(path)
    assert [(r[1], r[2], r[3]) for r in rows] == [(1, 2, 3), (2, 4, 4)]
    assert rows[0][0][2] == "Line one\r\nLine two"


@pytest.mark.parametrize(("delimiter", "suffix"), [("\t", ".tsv"), ("\t", ".txt"), (";", ".csv"), ("|", ".csv")])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str, suffix: str) -> None:
    path = tmp_path / f"d{suffix}"
    path.write_text(f"sku{delimiter}title\nA{delimiter}Mug, white\nB{delimiter}Cup, blue\n", encoding="utf-8")
    table = open_table(path)
    assert table.delimiter == delimiter
    assert [r.cells for r in table.records] == [["A", "Mug, white"], ["B", "Cup, blue"]]


def test_header_after_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text("\n\nsku,title\nA,Mug\n", encoding="utf-8")
    table = open_table(path)
    assert table.header_line == 3
    assert [(r.row, r.line) for r in table.records] == [(1, 4)]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "file is empty"), (b"\n\n", "no header row")],
)
def test_unusable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        open_table(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        open_table(tmp_path / "absent.csv")


def test_wrong_forced_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cn.csv"
    path.write_bytes(("sku,title\n" + "A,加厚珊瑚绒毛毯冬季沙发午睡盖毯\n" * 3).encode("gb18030"))
    with pytest.raises(InputError, match="not valid utf-8"):
        list(open_table(path, encoding="utf-8").records)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_bytes_far_down_the_file_are_reported_on_their_own_line(tmp_path: Path, encoding: str) -> None:
    """The reader decodes blocks ahead of the rows; the error still names the line of the bad bytes,
    not where the block began (a quoted cell over two lines counts as two physical lines)."""
    path = tmp_path / "late.csv"
    rows = "sku,title\n" + '"A0","Mug\nwith a lid"\n' + "".join(f"A{i},Ceramic Mug {i}\n" for i in range(1, 3000))
    bad = b"\xff\xff" if encoding == "utf-8" else b"\x00\xd8B\x00\n\x00"  # a lone surrogate in UTF-16
    path.write_bytes(rows.encode(encoding) + bad + "B,Cup\n".encode("utf-16-le" if encoding == "utf-16" else encoding))
    line = rows.count("\n") + 1
    read = []
    with pytest.raises(InputError, match=rf"line {line}: bytes not valid {encoding}"):
        for record in open_table(path, encoding=encoding).records:
            read.append(record)
    # Every row before the bad line is read, though the reader had decoded ahead of them.
    assert [r.cells[0] for r in read[-2:]] == ["A2998", "A2999"]
    assert (read[0].cells, read[0].line, read[0].end_line) == (["A0", "Mug\nwith a lid"], 2, 3)
    assert read[-1].end_line == line - 1


def test_bad_bytes_in_a_file_with_lone_carriage_returns_name_their_line(tmp_path: Path) -> None:
    """Old Mac exports end lines with CR alone; the lines are counted as the csv reader counts them."""
    path = tmp_path / "mac.csv"
    rows = "sku,title\r" + "".join(f"A{i},Ceramic Mug {i}\r" for i in range(1, 3000))
    path.write_bytes(rows.encode("utf-8") + b"\xff\xff,Cup\r")
    read = []
    with pytest.raises(InputError, match=r"line 3001: bytes not valid utf-8"):
        for record in open_table(path, encoding="utf-8").records:
            read.append(record)
    assert (read[-1].cells, read[-1].line) == (["A2999", "Ceramic Mug 2999"], 3000)


def test_unknown_encoding_name(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("sku,title\nA,Mug\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        open_table(path, encoding="klingon-8")


def test_unterminated_quote_is_an_error_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('sku,title\nA1,Mug\nA2,"Cup, white\nA3,Plate\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 3: unexpected end of data"):
        list(open_table(path).records)
