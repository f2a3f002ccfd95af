"""One pass over each text finds every rule's terms: the shared term automata.

Latin-script words must match whole words. Matching them in the text itself finds every term
inside longer words too ("com" in "combines", "mater" in "materials"), and each such hit costs
Python work to reject. So word terms are matched in a masked copy of the text, where every
character that is not part of a word is a space and the text is padded with one: a term
" com " can then only match the whole word. Terms with Chinese, Japanese or Korean characters,
or that start or end with a symbol ("!!", "$"), are matched in the text itself, as before.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import ahocorasick_rs
import regex

from listingkit.rules.kinds import TermHit
from listingkit.text import WordEdges, has_cjk, is_latin_word_char, normalised_text

# Every ASCII character that is not a letter or digit becomes a space; so does every other
# character that is not a letter, mark or digit, or that belongs to a script written without spaces.
# A bytes table: bytes.translate is a plain lookup in C, about three times faster than str's.
_ASCII_MASK = bytes(c if c < 128 and chr(c).isalnum() else ord(" ") for c in range(256))
_NOT_WORD = regex.compile(r"[^\p{L}\p{M}\p{N}]|[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def masked(text: str) -> str:
    """The text with every non-word character replaced by a space, offsets unchanged."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_MASK).decode("ascii")
    return str(_NOT_WORD.sub(" ", text))


def _matches_whole_words(term: str) -> bool:
    return not has_cjk(term) and is_latin_word_char(term[0]) and is_latin_word_char(term[-1])


class WordMatcher:
    """Aho-Corasick over normalised terms, in which Latin-script terms match whole words only."""

    def __init__(self, terms: Sequence[str]) -> None:
        self._terms = list(terms)
        self._word_ids = [i for i, t in enumerate(self._terms) if _matches_whole_words(t)]
        self._raw_ids = [i for i, t in enumerate(self._terms) if not _matches_whole_words(t)]
        kind = ahocorasick_rs.MatchKind.Standard
        words = [f" {masked(self._terms[i])} " for i in self._word_ids]
        self._words = ahocorasick_rs.AhoCorasick(words, matchkind=kind) if words else None
        # Terms with a character outside ASCII (most are Chinese) cannot occur in ASCII text, which
        # is then scanned with the small automaton of the others ("!!", "1:1", "$").
        self._raw_ascii_ids = [i for i in self._raw_ids if self._terms[i].isascii()]
        raw = [self._terms[i] for i in self._raw_ids]
        self._raw = ahocorasick_rs.AhoCorasick(raw, matchkind=kind) if raw else None
        raw_ascii = [self._terms[i] for i in self._raw_ascii_ids]
        self._raw_ascii = ahocorasick_rs.AhoCorasick(raw_ascii, matchkind=kind) if raw_ascii else None

    def find(self, norm: str) -> list[tuple[int, int, int]]:
        """(term number, start, end) of every term in this normalised text, overlapping ones too."""
        found: list[tuple[int, int, int]] = []
        if self._words is not None:
            terms, ids = self._terms, self._word_ids
            for slot, start, end in self._words.find_matches_as_indexes(f" {masked(norm)} ", overlapping=True):
                # The pattern's padding spaces sit one character before and after the term; the
                # characters masked away must agree too.
                term_no = ids[slot]
                if norm[start : end - 2] == terms[term_no]:
                    found.append((term_no, start, end - 2))
        raw, raw_ids = (self._raw_ascii, self._raw_ascii_ids) if norm.isascii() else (self._raw, self._raw_ids)
        if raw is not None:
            edges: WordEdges | None = None
            for slot, start, end in raw.find_matches_as_indexes(norm, overlapping=True):
                term_no = raw_ids[slot]
                if not has_cjk(self._terms[term_no]):
                    edges = edges or WordEdges(norm)
                    if not edges.whole(start, end):
                        continue
                found.append((term_no, start, end))
        return found


@dataclass(slots=True)
class _Owner:
    source: int  # the checker (or the first of a group sharing one term list) the hit is for
    exception: bool
    term: str  # as the rule wrote it


class TermAutomata:
    """Every rule's terms, compiled once per run; `find` gives one text's hits per checker."""

    def __init__(self) -> None:
        self._owners: list[list[_Owner]] = []
        self._index: dict[str, int] = {}
        self._groups: dict[Hashable, int] = {}
        self._matcher: WordMatcher | None = None

    def source_for(self, checker_id: int, group: Hashable | None) -> int:
        """Checkers with the same term list (a group) share one set of hits, found once."""
        if group is None:
            return checker_id
        return self._groups.setdefault(group, checker_id)

    def add(self, source: int, terms: Iterable[tuple[str, bool]]) -> None:
        for term, exception in terms:
            norm = normalised_text(term.strip())
            if not norm:
                continue
            slot = self._index.setdefault(norm, len(self._index))
            if slot == len(self._owners):
                self._owners.append([])
            self._owners[slot].append(_Owner(source, exception, term))

    def compile(self) -> None:
        if self._index:
            self._matcher = WordMatcher(list(self._index))

    @property
    def size(self) -> int:
        return len(self._index)

    def find(self, norm: str, wanted: frozenset[int]) -> list[tuple[int, TermHit]]:
        """(source, hit) for every term in this normalised text, for the wanted sources only."""
        found: list[tuple[int, TermHit]] = []
        if self._matcher is None:
            return found
        for slot, start, end in self._matcher.find(norm):
            for owner in self._owners[slot]:
                if owner.source in wanted:
                    found.append((owner.source, TermHit(start, end, owner.exception, owner.term)))
        return found
