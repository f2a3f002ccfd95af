"""The shared term matcher: Latin-script terms match whole words only, other terms anywhere."""

from __future__ import annotations

import pytest

from listingkit.rules.terms import TermAutomata, WordMatcher, masked
from listingkit.text import normalise


def found(terms: list[str], text: str) -> list[str]:
    norm = normalise(text).text
    return sorted(norm[start:end] for _, start, end in WordMatcher([normalise(t).text for t in terms]).find(norm))


def test_masking_keeps_offsets_and_blanks_everything_but_words() -> None:
    assert masked("N.I.K.E, 1:1!") == "N I K E  1 1 "
    assert masked("Nike耐克 t-shirt") == "Nike   t shirt"
    assert masked("Pokémon") == "Pokémon"
    assert len(masked("ｎｉｋｅ★")) == len("ｎｉｋｅ★")


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        (["com", "mater", "rab"], "It combines durable materials", []),  # never inside a word
        (["for", "designed for"], "Designed for camping, for kids", ["designed for", "for", "for"]),
        (["1:1"], "1:1 replica watch", ["1:1"]),
        (["1:1"], "pack of 1 1 items", []),  # a masked-away character must agree
        (["t-shirt"], "cotton t shirt", []),
        (["t-shirt"], "Cotton T-Shirt for men", ["t-shirt"]),
        (["nike"], "Nike耐克 running shoes", ["nike"]),  # Chinese next to a Latin word is a boundary
        (["nike"], "Nikes", []),
        (["!!"], "Great deal!! Buy now", ["!!"]),
        (["$"], "only $5", ["$"]),
        (["杀菌"], "高效杀菌消毒液", ["杀菌"]),  # Chinese terms match inside text
        (["t恤"], "纯棉t恤男", ["t恤"]),
        (["don"], "don't stop", ["don"]),
        (["pokemon"], "Pokémon cards", []),  # diacritics are the normaliser's business, not the matcher's
        (["free shipping", "free ship"], "FREE SHIPPING today", ["free shipping"]),
    ],
)
def test_word_matcher(terms: list[str], text: str, expected: list[str]) -> None:
    assert found(terms, text) == expected


def test_overlapping_terms_are_all_found() -> None:
    assert found(["best", "best seller", "seller"], "Best Seller") == ["best", "best seller", "seller"]


def test_a_group_of_checkers_shares_one_set_of_hits() -> None:
    automata = TermAutomata()
    first = automata.source_for(3, ("brand", 1))
    second = automata.source_for(4, ("brand", 1))
    alone = automata.source_for(5, None)
    assert (first, second, alone) == (3, 3, 5)
    automata.add(first, [("Apple", False)])
    automata.add(alone, [("apple", False), ("apple cider", True)])
    automata.compile()
    hits = automata.find(normalise("Apple cider vinegar").text, frozenset({3, 5}))
    assert sorted((source, hit.term, hit.exception) for source, hit in hits) == [
        (3, "Apple", False),
        (5, "apple", False),
        (5, "apple cider", True),
    ]
    assert [source for source, _ in automata.find("apple", frozenset({5}))] == [5]
