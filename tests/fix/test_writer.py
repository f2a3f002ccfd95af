"""The fixed-file writer: untouched bytes stay, changed cells are quoted minimally, annotations replace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listingkit.fix.writer import Edits, neutralise, physical_lines, quote_cell, render, split_cells
from tests.helpers import run_cli

PIN = ("--as-of", "2026-11-21")


def test_physical_lines_keep_each_ending() -> None:
    assert physical_lines("a\r\nb\rc\nd") == ["a\r\n", "b\r", "c\n", "d"]


def test_split_cells_keeps_quotes_and_spaces() -> None:
    assert split_cells('A1, "x, y" ,"say ""hi""",', ",") == ["A1", ' "x, y" ', '"say ""hi"""', ""]


def test_quote_cell_quotes_only_where_needed() -> None:
    assert quote_cell("plain", ",") == "plain"
    assert quote_cell("a, b", ",") == '"a, b"'
    assert quote_cell('5" screen', ",") == '"5"" screen"'
    assert quote_cell("a, b", "\t") == "a, b"
    assert quote_cell("", ",") == ""


@pytest.mark.parametrize("value", ["=HYPERLINK(1)", "+1", "-5 off", "@sum", "\tx"])
def test_written_cells_never_start_a_formula(value: str) -> None:
    assert neutralise(value).startswith("'")
    assert neutralise("Phone Case") == "Phone Case"


def test_render_changes_one_cell_and_keeps_the_rest_verbatim() -> None:
    text = 'sku,title,note\r\nA1,"Mug!!",  "keep ""this"""\r\n\r\nA2,"Plain, title",x\r\n'
    edits = Edits()
    edits.set_cell(2, 1, "Mug")
    out = render(text, ",", 1, edits)
    assert out == 'sku,title,note\r\nA1,Mug,  "keep ""this"""\r\n\r\nA2,"Plain, title",x\r\n'


def test_render_annotates_first_records_and_replaces_on_a_rerun() -> None:
    text = "TemplateType=x\nsku\ttitle\nA1\tMug\nA2\tCup\n"
    edits = Edits(annotation_columns=["listingkit_score", "listingkit_changes"])
    edits.annotations[3] = ["80", "LK-T104 title: Remove"]
    once = render(text, "\t", 2, edits)
    assert (
        once
        == "TemplateType=x\nsku\ttitle\tlistingkit_score\tlistingkit_changes\nA1\tMug\t80\tLK-T104 title: Remove\nA2\tCup\t\t\n"
    )
    edits.annotations[3] = ["90", None]  # None keeps what the earlier run wrote
    twice = render(once, "\t", 2, edits)
    assert twice == once.replace("\t80\t", "\t90\t")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_fix_keeps_bom_crlf_and_untouched_rows(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    original = (
        "\ufeffsku,title,bullet_point1\r\n"
        'A1,"Lumio Phone Case for iPhone 15, Clear - FREE SHIPPING",Raised edges\r\n'
        'A2,"Lumio Clear Phone Case for iPhone 15",  "Slim, light"\r\n'
    ).encode("utf-8")
    source = write(tmp_path, "in.csv", original)
    out = tmp_path / "out.csv"
    run = run_cli(capsys, "fix", str(source), "-o", str(out), "-m", "amazon-us", "--no-annotate", *PIN)
    assert run.code in (0, 1), run.out
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[1] == 'A1,"Lumio Phone Case for iPhone 15, Clear",Raised edges'
    assert lines[2] == 'A2,"Lumio Clear Phone Case for iPhone 15",  "Slim, light"'
    assert source.read_bytes() == original  # the input is never changed


def test_in_place_keeps_a_backup(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    original = b"sku,title\nA1,Mug - FREE SHIPPING\n"
    source = write(tmp_path, "in.csv", original)
    run_cli(capsys, "fix", str(source), "--in-place", "-m", "amazon-us", "--no-annotate", *PIN)
    assert (tmp_path / "in.csv.bak").read_bytes() == original
    assert source.read_bytes() == b"sku,title\nA1,Mug\n"


def test_diff_writes_nothing_and_json_lists_the_edits(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = write(tmp_path, "in.csv", b"sku,title\nA1,Mug - FREE SHIPPING\n")
    run = run_cli(capsys, "fix", str(source), "--diff", "-m", "amazon-us", *PIN)
    assert "FREE SHIPPING" in run.out and list(tmp_path.iterdir()) == [source]
    run = run_cli(capsys, "fix", str(source), "--diff", "-m", "amazon-us", "--format", "json", *PIN)
    document = json.loads(run.out)
    change = document["listings"][0]["changes"][0]
    assert (change["field"], change["before"], change["after"]) == ("title", "Mug - FREE SHIPPING", "Mug")
    assert document["summary"]["fixed_by_rule"] == {"LK-T114": 1}


def test_sidecar_annotations(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = write(tmp_path, "in.csv", b"sku,title\nA1,=Mug - FREE SHIPPING\n")
    out = tmp_path / "out.csv"
    run_cli(capsys, "fix", str(source), "-o", str(out), "--annotate", "sidecar", "-m", "amazon-us", *PIN)
    assert out.read_text("utf-8").splitlines()[0] == "sku,title"
    sidecar = (tmp_path / "out.annotations.csv").read_text("utf-8").splitlines()
    assert sidecar[0] == "row,sku,listingkit_score,listingkit_findings,listingkit_suggested_title,listingkit_changes"
    assert out.read_text("utf-8").splitlines()[1] == "A1,'=Mug"  # a cell it writes cannot run as a formula


@pytest.mark.parametrize(
    "args",
    [
        ("fix", "{src}"),  # no -o, --in-place or --diff
        ("fix", "{src}", "-o", "{src}"),  # the input itself
        ("fix", "{src}", "-o", "{out}", "--only", "price"),
        ("fix", "{src}", "-o", "{out}", "--annotate", "margin"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...]) -> None:
    source = write(tmp_path, "in.csv", b"sku,title\nA1,Mug\n")
    run = run_cli(capsys, *(a.format(src=source, out=tmp_path / "o.csv") for a in args), *PIN)
    assert run.code == 2
    assert source.read_bytes() == b"sku,title\nA1,Mug\n"


def test_a_legacy_workbook_is_refused_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Products")
    for r, row in enumerate([["sku", "title"], ["A1", "Mug - FREE SHIPPING"]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    source = tmp_path / "in.xls"
    book.save(str(source))
    run = run_cli(capsys, "fix", str(source), "-o", str(tmp_path / "out.xls"), *PIN)
    assert run.code == 2
    assert "save this workbook as .xlsx" in run.err and "Traceback" not in run.err


def test_an_xlsx_workbook_is_written_back_with_its_other_sheets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Template"
    sheet.append(["TemplateType=fptcustom", "Version=2024"])
    sheet.append(["item_sku", "item_name", "standard_price"])
    sheet.append(["A1", "Lumio Phone Case - FREE SHIPPING", 12.5])
    sheet.append(["A2", "Lumio Clear Case for iPhone 15", 9])
    sheet["B2"].font = Font(bold=True)
    notes = book.create_sheet("Notes")
    notes["A1"] = "=SUM(1,2)"
    source = tmp_path / "flat.xlsx"
    book.save(source)
    out = tmp_path / "fixed.xlsx"
    run = run_cli(capsys, "fix", str(source), "-o", str(out), "-m", "amazon-us", *PIN)
    assert run.code in (0, 1), run.err
    fixed = openpyxl.load_workbook(out)
    sheet = fixed["Template"]
    assert sheet["B3"].value == "Lumio Phone Case"
    assert sheet["B4"].value == "Lumio Clear Case for iPhone 15" and sheet["C3"].value == 12.5
    assert sheet["A1"].value == "TemplateType=fptcustom" and sheet["B2"].font.bold
    header = [c.value for c in sheet[2]]
    assert header[3:7] == [
        "listingkit_score",
        "listingkit_findings",
        "listingkit_suggested_title",
        "listingkit_changes",
    ]
    assert "LK-T114" in sheet["G3"].value
    assert fixed["Notes"]["A1"].value == "=SUM(1,2)"  # other sheets and formulas are kept
    again = tmp_path / "again.xlsx"
    run_cli(capsys, "fix", str(out), "-o", str(again), "-m", "amazon-us", *PIN)
    second = openpyxl.load_workbook(again)["Template"]
    assert [[c.value for c in row] for row in second.iter_rows()] == [
        [c.value for c in row] for row in sheet.iter_rows()
    ]
