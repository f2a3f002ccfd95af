from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest

from listingkit.errors import InputError
from listingkit.io.jsonfile import MAX_KEYS, open_json
from tests.conftest import shared_data


def write(tmp_path: Path, content: str | bytes, name: str = "listings.json") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read(path: Path, encoding: str | None = None) -> tuple[list[str], list[dict[str, str]], list[int | None]]:
    """Header, rows as {column: cell} and each row's line."""
    source = open_json(path, encoding)
    table = source.table(0)
    records = list(table.records)
    for record in records:
        assert len(record.cells) == len(table.header)
    rows = [dict(zip(table.header, r.cells, strict=True)) for r in records]
    assert [r.row for r in records] == list(range(1, len(records) + 1))
    return table.header, rows, [r.line for r in records]


LISTINGS: list[dict[str, Any]] = [
    {"id": 1, "title": "Red mug", "price": {"amount": 1599, "currency": "USD"}},
    {"id": 2, "title": "Blue mug", "brand": "Acme", "price": None},
]


def test_array_of_objects(tmp_path: Path) -> None:
    header, rows, lines = read(write(tmp_path, json.dumps(LISTINGS)))
    assert header == ["id", "title", "price.amount", "price.currency", "brand"]
    assert rows[0] == {"id": "1", "title": "Red mug", "price.amount": "1599", "price.currency": "USD", "brand": ""}
    assert rows[1]["brand"] == "Acme" and rows[1]["price.amount"] == ""
    assert lines == [None, None]


@pytest.mark.parametrize("key", ["results", "items", "listings", "data", "products"])
def test_array_wrapped_in_a_response_object(tmp_path: Path, key: str) -> None:
    document = {"count": 2, key: LISTINGS, "pagination": {"next_page": None}}
    header, rows, _ = read(write(tmp_path, json.dumps(document)))
    assert header[:2] == ["id", "title"]
    assert [r["title"] for r in rows] == ["Red mug", "Blue mug"]


def test_nested_wrapper_and_single_wrapped_object(tmp_path: Path) -> None:
    _, rows, _ = read(write(tmp_path, json.dumps({"data": {"products": LISTINGS}})))
    assert len(rows) == 2
    _, rows, _ = read(write(tmp_path, json.dumps({"product": LISTINGS[0]})))
    assert [r["title"] for r in rows] == ["Red mug"]


def test_single_listing_object_is_one_listing(tmp_path: Path) -> None:
    # A titled object holding a list of objects is a listing, not a wrapper.
    listing = {"title": "Gift set", "items": [{"name": "Mug"}, {"name": "Spoon"}]}
    header, rows, _ = read(write(tmp_path, json.dumps(listing)))
    assert header == ["title", "items.name"]
    assert rows == [{"title": "Gift set", "items.name": "Mug\nSpoon"}]


def test_json_lines_with_blank_line_keep_physical_lines(tmp_path: Path) -> None:
    text = '{"id": 1, "title": "Red mug"}\n\n{"id": 2, "title": "Blue mug", "color": "blue"}\n'
    for name in ("offers.jsonl", "offers.ndjson", "offers.json"):
        header, rows, lines = read(write(tmp_path, text, name))
        assert header == ["id", "title", "color"]
        assert [r["title"] for r in rows] == ["Red mug", "Blue mug"]
        assert lines == [1, 3]


def test_crlf_json_lines(tmp_path: Path) -> None:
    _, rows, lines = read(write(tmp_path, '{"title": "A"}\r\n{"title": "B"}\r\n', "o.jsonl"))
    assert [r["title"] for r in rows] == ["A", "B"] and lines == [1, 2]


@pytest.mark.parametrize("name", ["bom.json", "bom.jsonl"])
def test_utf8_bom(tmp_path: Path, name: str) -> None:
    body = json.dumps(LISTINGS[0], ensure_ascii=False).replace("Red mug", "Tasse à café 咖啡杯")
    path = write(tmp_path, codecs.BOM_UTF8 + body.encode("utf-8"), name)
    source = open_json(path, None)
    assert source.encoding == "utf-8-sig"
    _, rows, _ = read(path)
    assert rows[0]["title"] == "Tasse à café 咖啡杯"
    # An explicit utf-8 still reads the file: the BOM is not part of the first key.
    header, _, _ = read(path, "utf-8")
    assert header[0] == "id"


def test_utf16_json(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF16_LE + json.dumps(LISTINGS).encode("utf-16-le"))
    _, rows, _ = read(path)
    assert rows[1]["title"] == "Blue mug"


def test_lists_are_joined_a_line_per_item_and_tags_with_commas(tmp_path: Path) -> None:
    listing = {
        "title": "Mug",
        "bullets": ["Holds 350 ml", "Dishwasher\nsafe"],
        "tags": ["mug", "coffee cup"],
        "pictures": [
            {"id": "a", "secure_url": "https://x.example/a.jpg"},
            {"id": "b", "secure_url": "https://x.example/b.jpg", "size": "500x500"},
        ],
        "attributes": [
            {"name": "Color", "value_name": "Red", "values": [{"id": 1}]},
            {"name": "Material", "value_name": None},
        ],
        "empty": [],
        "flags": [True, False, 2.0, 2.5, None],
    }
    _, rows, _ = read(write(tmp_path, json.dumps([listing])))
    row = rows[0]
    assert row["bullets"] == "Holds 350 ml\nDishwasher safe"
    assert row["tags"] == "mug, coffee cup"
    assert row["pictures.secure_url"] == "https://x.example/a.jpg\nhttps://x.example/b.jpg"
    # A key missing from one object leaves its line empty, so lines stay aligned across columns.
    assert row["pictures.size"] == "\n500x500"
    assert row["attributes.name"] == "Color\nMaterial"
    assert row["attributes.value_name"] == "Red\n"
    assert row["attributes.values"] == '[{"id":1}]\n'
    assert row["empty"] == ""
    assert row["flags"] == "true\nfalse\n2\n2.5\n"


def test_depth_is_capped_and_deeper_values_stay_json(tmp_path: Path) -> None:
    listing = {"title": "Mug", "a": {"b": {"c": {"d": 1}, "e": "x"}}}
    header, rows, _ = read(write(tmp_path, json.dumps([listing])))
    assert header == ["title", "a.b.c", "a.b.e"]
    assert rows[0]["a.b.c"] == '{"d":1}'


def test_objects_keyed_by_data_stay_one_json_cell(tmp_path: Path) -> None:
    scores = [
        {"title": "A", "target_scores": {"Part Number": {"X-1": 1}, "Brand": {"HP": 1}}},
        {"title": "B", "target_scores": {"Brand": {"Dell": 1}}},
    ]
    header, rows, _ = read(write(tmp_path, "\n".join(json.dumps(s) for s in scores), "s.jsonl"))
    assert header == ["title", "target_scores"]
    assert rows[1]["target_scores"] == '{"Brand":{"Dell":1}}'
    many = [{"title": "C", "specs": {f"k{i}": i for i in range(MAX_KEYS + 1)}}]
    header, rows, _ = read(write(tmp_path, json.dumps(many)))
    assert header == ["title", "specs"]
    assert rows[0]["specs"].startswith('{"k0":0,')


def test_null_where_others_hold_an_object_adds_no_column(tmp_path: Path) -> None:
    items = [{"title": "A", "dims": None}, {"title": "B", "dims": {"w": 1, "h": 2}}]
    header, rows, _ = read(write(tmp_path, json.dumps(items)))
    assert header == ["title", "dims.w", "dims.h"]
    assert rows[0] == {"title": "A", "dims.w": "", "dims.h": ""}


def test_empty_object_is_an_empty_record(tmp_path: Path) -> None:
    _, rows, _ = read(write(tmp_path, json.dumps([{"title": "A"}, {}])))
    assert rows[1] == {"title": ""}


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            '[{"title": "A"},\n {"title": "B",}]',
            "bad.json",
            r"bad\.json: line 2 column 16: invalid JSON: Expecting property name",
        ),
        (
            '{"title": "A"}\n{"title": "B"\n',
            "bad.jsonl",
            r"bad\.jsonl: line 2 column 14: invalid JSON: Expecting ',' delimiter",
        ),
        ('{"title": "A"}\n{"title": "B"} x\n', "bad.json", r"bad\.json: line 2 column 16: invalid JSON: Extra data"),
        ('{"title": "A"} {"title": "B"}', "two.json", r"line 1 column 16: invalid JSON: Extra data"),
        ("[]", "empty.json", "the top-level array holds no listing objects"),
        ('{"results": []}', "empty.json", "key 'results' holds no listing objects"),
        ('[{"title": "A"}, "B"]', "mixed.json", "the top-level array: item 2 is a string, not a listing object"),
        ('{"title": "A"}\n[1]\n', "mixed.jsonl", r"line 2: an array, not a listing object"),
        ("42", "n.json", "expected an array or object of listings, found a number"),
        ("\n\n", "blank.jsonl", "every line blank"),
        ("[" * 100_000 + "]" * 100_000, "deep.json", r"deep\.json: invalid JSON: nested too deeply"),
        ('{"title": "A"}\n' + "[" * 100_000 + "]" * 100_000, "deep.jsonl", "line 2: invalid JSON: nested too deeply"),
        ('[{"n": ' + "1" * 5000 + "}]", "big.json", "invalid JSON: a number has too many digits"),
    ],
)
def test_invalid_json_is_one_line_naming_file_and_place(tmp_path: Path, content: str, name: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        open_json(write(tmp_path, content, name), None)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / name))


def test_bad_bytes_name_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, b'{"title": "A"}\n{"title": "caf\xe9"}\n', "latin.jsonl")
    with pytest.raises(InputError, match=r"latin\.jsonl: line 2: bytes not valid utf-8"):
        open_json(path, "utf-8")
    _, rows, _ = read(path, "cp1252")
    assert rows[1]["title"] == "café"
    with pytest.raises(InputError, match=r"line 2: bytes not valid utf-8"):
        open_json(write(tmp_path, b'[{"title": "A"},\n{"title": "caf\xe9"}]'), "utf-8")
    with pytest.raises(InputError, match="unknown encoding 'nope'"):
        open_json(path, "nope")


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        open_json(tmp_path / "none.json", None)
    with pytest.raises(InputError, match="file is empty"):
        open_json(write(tmp_path, ""), None)


def test_real_etsy_api_listings() -> None:
    header, rows, _ = read(shared_data("etsy_api_listings", "etsy.json"))
    assert len(rows) == 25
    assert {"listing_id", "title", "tags", "MainImage.url_fullxfull"} <= set(header)
    assert sum(1 for r in rows if r["title"]) == 24  # one listing was removed and has only an error message


def test_real_wdc_offers_jsonl() -> None:
    header, rows, lines = read(shared_data("wdc_pave_offers_en", "wdc_pave_test.jsonl"))
    assert len(rows) == 354 and lines[:2] == [1, 2]
    # The per-attribute gold scores stay one JSON cell instead of a column per attribute value.
    assert header == ["id", "cluster_id", "category", "input_title", "input_description", "target_scores", "url"]
    assert all(json.loads(r["target_scores"]) for r in rows)
