"""Title templates: the title's own words in the template's order, nothing invented, nothing lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from listingkit.errors import ListingkitError
from listingkit.fix.template import check_template, rewrite
from tests.helpers import run_cli

TEMPLATE = "{brand} {core} {attributes} {scene}"


def words(text: str) -> list[str]:
    return sorted(w.casefold() for w in re.findall(r"\w+", text))


@pytest.mark.parametrize(
    ("title", "language", "brand", "starts"),
    [
        ("Shockproof Clear TPU Cover for iPhone 15 Lumio Phone Case", "en", "Lumio", "Lumio "),
        ("Phone Case for iPhone 15, Shockproof Clear TPU", "en", "Lumio", "Lumio Phone Case Shockproof"),
        ("冬季加厚珊瑚绒毛毯沙发午睡盖毯", "zh", "暖居", "暖居"),
    ],
)
def test_rewrite_keeps_the_titles_words(ruleset, title: str, language: str, brand: str, starts: str) -> None:  # type: ignore[no-untyped-def]
    tagging = ruleset.formula.tag(title, language, brand, None)
    new = rewrite(title, tagging, TEMPLATE, brand)
    assert new is not None and new.startswith(starts)
    if language == "en":
        assert set(words(new)) <= set(words(title)) | set(words(brand))
        assert {w for w in words(title) if w not in ("with", "and")} <= set(words(new))
    else:
        assert sorted(new.replace(brand, "", 1)) == sorted(title)  # every character kept, none added


@pytest.mark.parametrize("bad", ["{brand} {attributes}", "{core} {colour}"])
def test_a_bad_template_is_a_usage_error(bad: str) -> None:
    with pytest.raises(ListingkitError):
        check_template(bad)


def test_fix_applies_the_template_of_the_listings_marketplace(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "sku,marketplace,brand,title\n"
        "A1,amazon-us,Lumio,Shockproof Clear TPU Phone Case for iPhone 15\n"
        "A2,ebay-us,Lumio,Shockproof Clear TPU Phone Case for iPhone 15\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    run = run_cli(capsys, "fix", str(source), "-o", str(out), "--no-annotate", "--as-of", "2026-11-21",
                  "--title-template", f"amazon-*={TEMPLATE}")  # fmt: skip
    assert run.code in (0, 1), run.err
    lines = out.read_text("utf-8").splitlines()
    assert lines[1].startswith("A1,amazon-us,Lumio,Lumio Phone Case Shockproof Clear TPU")
    assert lines[2] == "A2,ebay-us,Lumio,Shockproof Clear TPU Phone Case for iPhone 15"
    assert run_cli(capsys, "fix", str(source), "--diff", "--title-template", "{brand}").code == 2
