"""Long-tail candidates without a research file: phrases that competitors' titles share.

Every run of 2 to 4 words in a title is a candidate, unless it starts or ends with a joining
word ("for", "with", "de") or a bare number; a candidate's value is the number of titles that use
it, and only candidates used by at least two titles are kept. The gap engine then keeps, for each
listing, the candidates about its own core word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from listingkit.keywords.importers import KeywordPhrase
from listingkit.text import words

MIN_TITLES = 2
NGRAM_SIZES = (2, 3, 4)
JOINING_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "with",
        "in",
        "on",
        "to",
        "by",
        "from",
        "or",
        "&",
        "de",
        "da",
        "do",
        "del",
        "la",
        "el",
        "los",
        "las",
        "les",
        "le",
        "et",
        "y",
        "e",
        "com",
        "para",
        "pour",
        "avec",
        "mit",
        "und",
        "für",
        "für",
        "der",
        "die",
        "das",
        "с",
        "и",
        "для",
        "на",
        "в",
    ]
)


def mine_phrases(titles: Iterable[str], source: str = "competitor titles") -> list[KeywordPhrase]:
    """Phrases shared by at least two titles, valued by how many titles use them."""
    counts: Counter[str] = Counter()
    for title in titles:
        tokens = [w.casefold() for _, _, w in words(title)]
        counts.update(set(_ngrams(tokens)))
    return [
        KeywordPhrase(phrase=text, volume=float(n), estimated=True, sources=(source,))
        for text, n in counts.most_common()
        if n >= MIN_TITLES
    ]


def _ngrams(tokens: list[str]) -> Iterable[str]:
    for size in NGRAM_SIZES:
        for start in range(len(tokens) - size + 1):
            gram = tokens[start : start + size]
            if _edge_ok(gram[0]) and _edge_ok(gram[-1]):
                yield " ".join(gram)


def _edge_ok(word: str) -> bool:
    return word not in JOINING_WORDS and not word.isdigit() and len(word) > 1
