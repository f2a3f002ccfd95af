"""Error lines in the seller's language: one line, exit code 2, the file, row and column named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import Run, run_cli

EXAMPLE = str(ROOT / "examples" / "products.csv")
HAN = re.compile(r"[\u4e00-\u9fff]")


def fails(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    run = run_cli(capsys, *args)
    assert run.code == 2, run
    assert len(run.err.strip().splitlines()) == 1, run.err
    return run


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("audit", "no-such-file.csv"), "no-such-file.csv：找不到文件"),
        (("audit", EXAMPLE, "--fail-on", "sometimes"), "--fail-on sometimes：应为 error、warning、info 或 never"),
        (("audit", EXAMPLE, "--map", "title=Nope"), "--map title=Nope：没有这一列"),
        (("audit", EXAMPLE, "-m", "amazon-mars"), "未知平台 'amazon-mars'"),
        (("fix", EXAMPLE), "fix 需要 --output FILE、--in-place 或 --diff 之一"),
    ],
)
def test_usage_errors_in_chinese(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: str) -> None:
    run = fails(capsys, *args, "--lang", "zh")
    assert run.err.startswith("listingkit：错误：") or "错误" in run.err
    assert expected in run.err


def test_a_broken_rule_pack_names_the_file_in_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("pack: mine\ntitle: Mine\nrules: [\n", encoding="utf-8")
    run = fails(capsys, "audit", EXAMPLE, "--rules", str(tmp_path), "--lang", "zh")
    assert "mine.yaml" in run.err and "YAML 无效" in run.err


def test_a_bad_keyword_export_names_row_and_column_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    research = tmp_path / "research.csv"
    research.write_text("keyword,volume\nphone case,1200\nwallet case,lots\n", encoding="utf-8")
    run = fails(capsys, "audit", EXAMPLE, "-k", str(research), "--lang", "zh")
    assert "research.csv：第 2 行，'volume' 列：'lots' 不是数字" in run.err


def test_a_chinese_locale_without_lang_gives_chinese_errors(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    run = fails(capsys, "audit", EXAMPLE, "--sort", "price")
    assert "--sort price：应为 file 或 score" in run.err


def test_english_error_text_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    run = fails(capsys, "audit", EXAMPLE, "--fail-on", "sometimes", "--lang", "en")
    assert run.err.strip() == "listingkit: error: --fail-on sometimes: expected error, warning, info or never"
    run = fails(capsys, "audit", "no-such-file.csv", "--lang", "en")
    assert "no-such-file.csv: file not found" in run.err and not HAN.search(run.err)
