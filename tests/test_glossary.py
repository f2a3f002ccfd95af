"""Glosses of a listing's risky words in the reader's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from listingkit.errors import PackError
from listingkit.glossary import Glossary
from listingkit.resources import keywords_dir
from tests.helpers import run_cli

SAMPLE = """
skip:
  en: [a, the, of, for, and]
terms:
  en:
    antibacterial: 抗菌
    cure: 治愈
    arthritis: 关节炎
    kill: 杀灭
    germ: 细菌
    non-toxic: 无毒
    "1:1": 1:1复刻
  es:
    antibacteriano: 抗菌
"""


def write(folder: Path, reader: str, text: str) -> Path:
    (folder / "glossary").mkdir(parents=True, exist_ok=True)
    (folder / "glossary" / f"{reader}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def chinese(tmp_path: Path) -> Glossary:
    glossary = Glossary.load("zh", [write(tmp_path, "zh", SAMPLE)])
    assert glossary is not None
    return glossary


def test_a_whole_phrase_is_glossed_ignoring_case_width_and_hyphens(chinese: Glossary) -> None:
    assert chinese.gloss("Antibacterial", "en") == "抗菌"
    assert chinese.gloss("NON TOXIC", "en") == "无毒"
    assert chinese.gloss("ｎｏｎ-ｔｏｘｉｃ", "en") == "无毒"
    assert chinese.gloss("1:1", "en") == "1:1复刻"


def test_a_phrase_is_glossed_word_by_word_through_stems(chinese: Glossary) -> None:
    assert chinese.gloss("Cures Arthritis", "en") == "治愈关节炎"
    assert chinese.gloss("kills 99.9% of germs", "en") == "杀灭99.9%细菌"  # numbers are kept as written
    assert chinese.gloss("kills germs quickly", "en") is None  # "quickly" has no gloss: no half gloss
    assert chinese.gloss("kills the germs", "en") == "杀灭细菌"


def test_no_gloss_for_an_unknown_word_or_another_language(chinese: Glossary) -> None:
    assert chinese.gloss("cures baldness", "en") is None
    assert chinese.gloss("antibacteriano", "es") == "抗菌"
    assert chinese.gloss("cure", "fr") is None  # French has no section: English stems are not tried
    assert chinese.gloss("cure", "und") == "治愈"  # an unknown language tries every section
    assert chinese.gloss("杀菌", "zh") is None  # the reader's own language needs no gloss


def test_the_gloss_is_framed_after_the_quoted_word(chinese: Glossary) -> None:
    assert chinese.frame("Antibacterial", "抗菌", "含有抗菌宣称。") == "“Antibacterial”（抗菌）：含有抗菌宣称。"
    english = Glossary("en")
    assert english.frame("杀菌", "kills germs", "Pesticide claim.") == '"杀菌" (kills germs): Pesticide claim.'


def test_a_user_folder_extends_and_overrides_the_shipped_words(tmp_path: Path) -> None:
    shipped = write(tmp_path / "shipped", "zh", SAMPLE)
    user = write(tmp_path / "user", "zh", "terms:\n  en:\n    cure: 治疗\n    baldness: 脱发\n")
    glossary = Glossary.load("zh", [shipped, user])
    assert glossary is not None
    assert glossary.gloss("cures baldness", "en") == "治疗脱发"


def test_no_file_means_no_glossary_and_a_bad_file_is_a_pack_error(tmp_path: Path) -> None:
    assert Glossary.load("zh", [tmp_path]) is None
    bad = write(tmp_path / "bad", "zh", "terms:\n  en: [cure]\n")
    with pytest.raises(PackError, match=r"terms\.en: expected a mapping"):
        Glossary.load("zh", [bad])
    with pytest.raises(PackError, match="keys skip and terms"):
        Glossary.load("zh", [write(tmp_path / "other", "zh", "words: {}\n")])


def test_the_shipped_glossaries_load() -> None:
    for reader in ("zh", "en"):
        glossary = Glossary.load(reader, [keywords_dir()])
        assert glossary is not None and sum(map(len, glossary.phrases.values())) > 100


def findings_of(capsys: pytest.CaptureFixture[str], tmp_path: Path, title: str, *args: str) -> list[dict[str, Any]]:
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(f"sku,title\nA1,{title}\n", encoding="utf-8")
    document = run_cli(capsys, "audit", str(catalog), "--as-of", "2026-11-21", "-f", "json", *args).json()
    return [f for listing in document["listings"] for f in listing["findings"]]


def test_a_chinese_report_glosses_the_risky_english_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    title = "Antibacterial Bamboo Cutting Board 1:1 Replica Kitchen Chopping Board"
    found = {f["match"]: f for f in findings_of(capsys, tmp_path, title, "-m", "amazon-us", "--lang", "zh")}
    antibacterial = found["Antibacterial"]
    assert antibacterial["message_localized"].startswith("“Antibacterial”（抗菌")
    assert antibacterial["message"].startswith("Antimicrobial, disinfection or pest claim")  # the template only
    assert found["1:1 Replica"]["message_localized"].startswith("“1:1 Replica”（1:1高仿）：")


def test_an_english_report_glosses_chinese_terms(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    found = findings_of(capsys, tmp_path, "国家级品质 保温杯 大容量", "-m", "tmall", "--lang", "en")
    adlaw = next(f for f in found if f["code"] == "LK-A701")
    assert adlaw["message_localized"].startswith('"国家级" (') and adlaw["message"] in adlaw["message_localized"]


def test_no_gloss_when_the_listing_is_in_the_reader_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    found = findings_of(capsys, tmp_path, "Antibacterial Bamboo Cutting Board", "-m", "amazon-us", "--lang", "en")
    claim = next(f for f in found if f["match"] == "Antibacterial")
    assert claim["message_localized"] == claim["message"]


def test_an_elided_french_article_is_left_out(tmp_path: Path) -> None:
    text = "skip:\n  fr: [l, d, la, le]\nterms:\n  fr:\n    soulage: 缓解\n    arthrose: 骨关节炎\n"
    glossary = Glossary.load("zh", [write(tmp_path, "zh", text)])
    assert glossary is not None
    assert glossary.gloss("soulage l'arthrose", "fr") == "缓解骨关节炎"
    assert glossary.gloss("soulage l’arthrose", "fr") == "缓解骨关节炎"


def test_the_shipped_glossary_covers_the_medical_claims_of_six_languages() -> None:
    glossary = Glossary.load("zh", [keywords_dir()])
    assert glossary is not None
    for language, claim in [
        ("en", "cures arthritis"),
        ("es", "cura la artritis"),
        ("pt", "trata a artrite"),
        ("fr", "soulage l'arthrose"),
        ("de", "heilt Arthrose"),
        ("ru", "лечит артрит"),
    ]:
        assert glossary.gloss(claim, language) in ("治愈关节炎", "治疗关节炎", "缓解骨关节炎", "治愈骨关节炎"), claim


def test_a_known_name_of_several_words_is_taken_whole_inside_a_phrase(tmp_path: Path) -> None:
    text = "skip:\n  es: [el, de]\nterms:\n  es:\n    alivia: 缓解\n    dolor: 疼痛\n    cabeza: 头\n    dolor de cabeza: 头痛\n"
    glossary = Glossary.load("zh", [write(tmp_path, "zh", text)])
    assert glossary is not None
    assert glossary.gloss("alivia el dolor de cabeza", "es") == "缓解头痛"  # not 缓解疼痛头
    assert glossary.gloss("alivia el dolor", "es") == "缓解疼痛"
