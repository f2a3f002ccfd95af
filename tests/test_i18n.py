"""Messages in the seller's language: Chinese or English, chosen by --lang, config or locale."""

from __future__ import annotations

import ast
import gettext
import inspect
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from listingkit.cli import message_language
from listingkit.i18n import LOCALE_DIR, mo_bytes, read_po
from listingkit.rules.loader import load_rules
from tests.conftest import ROOT
from tests.helpers import run_cli

EXAMPLE = str(ROOT / "examples" / "products.csv")
PIN = ("--as-of", "2026-11-21")


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_a_chinese_locale_gives_the_whole_report_in_chinese(capsys: pytest.CaptureFixture[str], no_locale) -> None:  # type: ignore[no-untyped-def]
    no_locale.setenv("LANG", "zh_CN.UTF-8")
    out = run_cli(capsys, "audit", EXAMPLE, *PIN).out
    for words in ("汇总", "严重程度", "最常触发的规则", "评分分布", "评分最低的商品", "最常缺失的详情要素", "个商品"):
        assert words in out
    assert "该商品只有 3 条卖点" in out  # a rule's own Chinese message
    for english in ("Summary", "Most frequent rules", "Weakest listings", "listings in"):
        assert english not in out


def test_lang_en_wins_over_the_locale(capsys: pytest.CaptureFixture[str], no_locale) -> None:  # type: ignore[no-untyped-def]
    no_locale.setenv("LANG", "zh_CN.UTF-8")
    out = run_cli(capsys, "audit", EXAMPLE, *PIN, "--lang", "en").out
    assert "Summary" in out and "汇总" not in out and "The listing has 3 bullet points" in out


def test_the_choice_of_language(no_locale) -> None:  # type: ignore[no-untyped-def]
    assert message_language(None, None) == "en"
    no_locale.setenv("LANG", "zh_TW.UTF-8")
    assert message_language(None, None) == "zh"
    no_locale.setenv("LC_ALL", "en_US.UTF-8")
    assert message_language(None, None) == "en"  # LC_ALL before LANG
    assert message_language(None, "zh") == "zh"  # config before the locale
    assert message_language("en", "zh") == "en"  # --lang before config


def test_errors_speak_the_locale(capsys: pytest.CaptureFixture[str], no_locale) -> None:  # type: ignore[no-untyped-def]
    no_locale.setenv("LANG", "zh_CN.UTF-8")
    run = run_cli(capsys, "audit", "no-such-file.csv", *PIN)
    assert run.code == 2 and "错误" in run.err


def test_json_is_the_same_in_both_languages_except_message_localized(capsys: pytest.CaptureFixture[str]) -> None:
    def document(lang: str) -> dict:  # type: ignore[type-arg]
        return json.loads(run_cli(capsys, "audit", EXAMPLE, *PIN, "--format", "json", "--lang", lang).out)

    english, chinese = document("en"), document("zh")
    localized = [f["message_localized"] for item in chinese["listings"] for f in item["findings"]]
    assert any(re.search(r"[\u4e00-\u9fff]", text) for text in localized)
    for doc in (english, chinese):
        for item in doc["listings"]:
            for finding in item["findings"]:
                finding.pop("message_localized")
        for finding in doc["findings"]:
            finding.pop("message_localized")
    assert english == chinese


def test_every_shipped_rule_speaks_english_and_chinese() -> None:
    missing = [
        f"{r.pack}:{r.rule.code}"
        for r in load_rules()
        if not (r.rule.message.en and r.rule.message.zh and r.rule.description.en and r.rule.description.zh)
    ]
    assert not missing, f"rules without an English and a Chinese message and description: {missing}"


def test_compiled_catalogues_match_their_sources() -> None:
    catalogues = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/listingkit.po"))
    assert catalogues
    for po in catalogues:
        entries = read_po(po)
        assert po.with_suffix(".mo").read_bytes() == mo_bytes(entries), f"run: python -m listingkit.i18n ({po})"
        translation = gettext.GNUTranslations(io.BytesIO(mo_bytes(entries)))
        assert translation.gettext("Summary") == entries["Summary"] != "Summary"
        assert all(text for key, text in entries.items() if key), "every message has a translation"


def program_messages() -> set[str]:
    """Every literal passed to _() in the source, and the docstrings that become command help."""
    used: set[str] = set()
    for path in (ROOT / "src" / "listingkit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
            literal = is_call and node.args and isinstance(node.args[0], ast.Constant)  # type: ignore[attr-defined]
            if literal and isinstance(node.args[0].value, str):  # type: ignore[attr-defined]
                used.add(node.args[0].value)  # type: ignore[attr-defined]
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id == "_command"
                for d in node.decorator_list
            ):
                used.add(inspect.cleandoc(ast.get_docstring(node, clean=False) or ""))
    return used


def test_every_program_message_has_a_chinese_translation() -> None:
    entries = read_po(LOCALE_DIR / "zh" / "LC_MESSAGES" / "listingkit.po")
    used = program_messages()
    assert len(used) > 100
    assert not sorted(used - set(entries))


def help_text(*args: str, lang: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env["LANG"] = lang
    run = subprocess.run(
        [sys.executable, "-m", "listingkit", *args, "--help"], capture_output=True, text=True, env=env, check=True
    )
    return run.stdout


def test_command_help_follows_the_locale() -> None:
    chinese = help_text("audit", lang="zh_CN.UTF-8")
    for words in ("用法：", "审核商品目录文件", "参数", "选项", "把报告写入此文件", "显示此帮助并退出", "[必填]"):
        assert words in chinese
    assert "Write the report to this file." not in chinese and "Options" not in chinese
    english = help_text("audit", lang="C.UTF-8")
    assert "Usage:" in english and "Write the report to this file." in english and "审核" not in english


def test_main_help_names_the_environment_variables_in_both_languages() -> None:
    english = " ".join(help_text(lang="C.UTF-8").split())
    assert "LISTINGKIT_CACHE_DIR is the folder" in english and "LISTINGKIT_DEBUG=1 shows the traceback" in english
    chinese = " ".join(help_text(lang="zh_CN.UTF-8").split())
    assert "环境变量：LISTINGKIT_CACHE_DIR" in chinese and "LISTINGKIT_DEBUG=1" in chinese


def test_lang_on_the_command_line_chooses_the_help_language() -> None:
    assert "解释一条规则" in help_text("rules", "explain", "--lang", "zh", lang="en_US.UTF-8")
    assert "Explain a rule" in help_text("rules", "explain", "--lang=en", lang="zh_CN.UTF-8")
    listing = help_text(lang="zh_CN.UTF-8")
    assert "命令" in listing and "修复商品目录文件" in listing and "关键词研究" in listing


def test_both_readmes_document_the_same_commands_and_options() -> None:
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    chinese_path = ROOT / "README.zh-CN.md"
    chinese = chinese_path.read_text(encoding="utf-8")
    assert "README.zh-CN.md" in english and "README.md" in chinese

    def options(text: str) -> set[str]:
        return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]+", text))

    def commands(text: str) -> set[str]:
        names = (
            r"audit|fix|rules list|rules explain|explain-title|formats|marketplaces|keywords gap|keywords formats|init"
        )
        return set(re.findall(rf"listingkit (?:{names})", text))

    assert options(english) == options(chinese)
    assert commands(english) == commands(chinese)
    assert Path(chinese_path).stat().st_size > 0.5 * (ROOT / "README.md").stat().st_size
