"""Evasion spellings fold to the name they hide, and say which step undid them."""

from __future__ import annotations

import pytest

from listingkit.compliance.skeleton import fold_name, skeleton, step_names


@pytest.mark.parametrize(
    ("written", "folded", "step"),
    [
        ("N1ke", "nike", "digits or symbols for letters"),
        ("Pok3mon", "pokemon", "digits or symbols for letters"),
        ("Gucc1", "guci", "digits or symbols for letters"),
        ("@pple", "aple", "digits or symbols for letters"),
        ("$upreme", "supreme", "digits or symbols for letters"),
        ("Nіke", "nike", "look-alike letters from another script"),  # Cyrillic і
        ("N.I.K.E", "nike", "letters split by spaces, dots, hyphens or invisible characters"),
        ("N i k e", "nike", "letters split by spaces, dots, hyphens or invisible characters"),
        ("N\u200bike", "nike", "letters split by spaces, dots, hyphens or invisible characters"),
        ("Ｎｉｋｅ", "nike", "full-width letters"),
        ("Pokémon", "pokemon", "diacritics"),
        ("Nikee", "nike", "repeated letters"),
        ("寶可夢", "宝可梦", "traditional Chinese characters"),
    ],
)
def test_evasion_is_undone_and_named(written: str, folded: str, step: str) -> None:
    result = skeleton(written)
    assert result.text == folded
    assert step in step_names(result.steps(0, len(result.text)))
    assert result.raw_span(0, len(result.text)) == (0, len(written))


@pytest.mark.parametrize(
    "ordinary",
    ["iphone15 case", "3m cable", "t5810 workstation", "100 pcs", "Гуччи сумка"],
)
def test_ordinary_text_keeps_its_letters_and_digits(ordinary: str) -> None:
    result = skeleton(ordinary)
    assert not step_names(result.steps(0, len(result.text))) or result.text.startswith("гучи")
    assert any(ch.isdigit() for ch in result.text) == any(ch.isdigit() for ch in ordinary)


def test_pure_cyrillic_words_are_not_read_as_latin() -> None:
    # Only a word mixing scripts is an evasion; a Russian word stays Russian.
    assert skeleton("сосо").text == "сосо"


def test_names_fold_like_text() -> None:
    assert fold_name("Spider-Man") == skeleton("Spider Man").text == "spider man"
    assert fold_name("Levi's") == "levis"
