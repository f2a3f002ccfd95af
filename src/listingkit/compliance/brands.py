"""Finding brand, character and franchise names in listing text, and judging each use.

Three passes, cheapest first:
1. exact names, through the ruleset's shared automaton (normalised text, whole words);
2. evasion spellings, only in text with a suspicious region (skeleton.SUSPICIOUS);
3. one edit away from a name of five letters or more, only for words that are rare in the
   language (so "channel" is never read as Chanel) and only in short fields.
Each hit is then judged: the listing's own brand, after a compatibility phrase, next to a
counterfeit phrase, a common word without evidence, or a plain third-party use.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick_rs
import regex
from rapidfuzz.distance import Levenshtein

from listingkit import segment
from listingkit.compliance import skeleton as sk
from listingkit.compliance.iplexicon import IpEntry, IpLexicon, load_ip_lexicon
from listingkit.rules.kinds import TermHit
from listingkit.rules.loader import read_word_file, read_yaml
from listingkit.rules.terms import WordMatcher, masked
from listingkit.text import has_cjk, has_word_boundaries, normalise, normalised_text, words

FUZZY_MIN_LETTERS = 5
# A word at least this common (Zipf scale) in English or the listing's language is a word, not a
# misspelt brand.
FUZZY_MAX_ZIPF = 1.5
# Between a compatibility or counterfeit phrase and the name: at most this many words.
MAX_GAP_WORDS = 2
MAX_GAP_HAN = 6
# Words kept as known to be near no name, per language, before the set starts again.
CLEAR_WORDS_LIMIT = 500_000
GAP_BREAKERS = frozenset(",;|()[]{}【】（）《》<>、，。；！!?？/\\:：")


@dataclass(slots=True)
class Hit:
    entry: IpEntry
    alias: str
    start: int  # raw offsets in the field text
    end: int
    steps: list[str] = field(default_factory=list)
    fuzzy: bool = False


_CAMEL_PARTS = regex.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|\d+")


def variants(name: str) -> set[str]:
    """The normalised spellings of a name that count as exact: as written, spaced, joined, bare."""
    base = normalised_text(name)
    spaced = " ".join(base.replace("-", " ").replace("_", " ").replace(".", " ").split())
    out = {base, spaced}
    # CamelCase names are also written as two words ("GoPro", "Go Pro"; "FlexBreeze").
    parts = _CAMEL_PARTS.findall(name)
    if len(parts) > 1 and all(len(p) >= 2 for p in parts) and "".join(parts) == name.replace(" ", ""):
        out.add(" ".join(p.casefold() for p in parts))
    if " " in spaced and len(spaced.replace(" ", "")) >= 6:
        out.add(spaced.replace(" ", ""))
    if not base.isascii():
        bare = {"".join(c for c in unicodedata.normalize("NFD", v) if not unicodedata.combining(c)) for v in out}
        out |= {b for b in bare if b}
    if has_cjk(base):
        out.add(_traditional(base))
    return {v for v in out if len(v) >= 2}


@lru_cache(maxsize=1)
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def _traditional(text: str) -> str:
    return str(_s2t().convert(text))


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class BrandIndex:
    """Every lookup structure built from the lexicon, once per run."""

    def __init__(
        self,
        lexicon: IpLexicon,
        compatibility: list[str],
        counterfeit: list[str],
        comparison: Sequence[str] = (),
        merchandise: Sequence[str] = (),
        ingredient: Sequence[str] = (),
    ) -> None:
        self.lexicon = lexicon
        self.exact: dict[str, list[tuple[IpEntry, str]]] = defaultdict(list)
        skeletons: dict[str, list[tuple[IpEntry, str]]] = defaultdict(list)
        self.fuzzy: dict[str, set[str]] = defaultdict(set)  # deletion -> skeleton names
        for entry in lexicon.entries:
            for alias in entry.names():
                for form in variants(alias):
                    self.exact[form].append((entry, alias))
                folded = sk.fold_name(alias)
                for form in {folded, folded.replace(" ", "")} if len(folded.replace(" ", "")) >= 6 else {folded}:
                    if len(form) >= 2:
                        skeletons[form].append((entry, alias))
                if not entry.common_word and folded.isalpha() and folded.isascii() and len(folded) >= FUZZY_MIN_LETTERS:
                    for d in _deletes(folded) | {folded}:
                        self.fuzzy[d].add(folded)
        self.skeletons = dict(skeletons)
        # Chinese names stay whole when a text is segmented to check that a hit is a whole word.
        segment.keep_whole(form for form in self.exact if has_cjk(form))
        forms = sorted(self.skeletons)
        self._skeleton_automaton = ahocorasick_rs.AhoCorasick(forms) if forms else None
        self._skeleton_forms = forms
        self.compatibility = {normalise(p).text for p in compatibility}
        self.counterfeit = {normalise(p).text for p in counterfeit}
        self.comparison = {normalise(p).text for p in comparison}
        self.merchandise = {normalise(p).text for p in merchandise}
        self.ingredient = {normalise(p).text for p in ingredient}
        self._phrase_terms: list[str] = []
        self._phrase_matcher: WordMatcher | None = None
        # Per listing language: ASCII words known to be near no name. A catalog repeats its
        # words, so most texts are cleared by one set difference in C.
        self._clear_words: dict[tuple[str, ...], set[str]] = {}

    def terms(self) -> list[str]:
        """The names, matched in every text by the shared automaton."""
        return sorted(self.exact)

    def phrases(self) -> list[str]:
        """Compatibility, counterfeit, comparison, merchandise and ingredient phrases."""
        return sorted(self.compatibility | self.counterfeit | self.comparison | self.merchandise | self.ingredient)

    def phrase_hits(self, norm: str) -> list[TermHit]:
        """The phrases in one normalised text. They only judge the names of the same text, so they
        are looked for only where a name was found: "for" and "with" are in nearly every text."""
        if self._phrase_matcher is None:
            self._phrase_terms = self.phrases()
            self._phrase_matcher = WordMatcher(self._phrase_terms)
        terms = self._phrase_terms
        return [TermHit(start, end, False, terms[slot]) for slot, start, end in self._phrase_matcher.find(norm)]

    # --- evasion ------------------------------------------------------------------------------

    def evasion_hits(self, raw: str) -> list[Hit]:
        if self._skeleton_automaton is None:
            return []
        out: list[Hit] = []
        for left, right in sk.suspicious_windows(raw):
            out.extend(self._evasion_hits_in(raw, left, right))
        return out

    def _evasion_hits_in(self, raw: str, left: int, right: int) -> list[Hit]:
        """Names hidden in raw[left:right], a few words around a suspicious spelling."""
        assert self._skeleton_automaton is not None
        skel = sk.skeleton(raw[left:right])
        out = []
        matches = self._skeleton_automaton.find_matches_as_indexes(skel.text, overlapping=True)
        for index, start, end in matches:
            form = self._skeleton_forms[index]
            if not has_cjk(form) and not has_word_boundaries(skel.text, start, end):
                continue
            mask = skel.steps(start, end)
            if not mask & ~sk.REPEAT:
                continue  # nothing but doubled letters: the exact pass or the fuzzy pass decides
            raw_start, raw_end = skel.raw_span(start, end)
            raw_start, raw_end = raw_start + left, raw_end + left
            for entry, alias in self.skeletons[form]:
                steps = self._real_steps(mask, raw[raw_start:raw_end], alias)
                out.append(Hit(entry, alias, raw_start, raw_end, steps))
        return out

    @staticmethod
    def _real_steps(mask: int, written: str, alias: str) -> list[str]:
        # Doubled letters are undone on both sides; they are an evasion only when the name has fewer.
        if mask & sk.REPEAT and _letter_runs(written) <= _letter_runs(alias):
            mask &= ~sk.REPEAT
        return sk.step_names(mask)

    # --- one edit -------------------------------------------------------------------------------

    def fuzzy_hits(self, raw: str, words: list[tuple[int, int, str]], languages: tuple[str, ...]) -> list[Hit]:
        out: list[Hit] = []
        for start, end, word in words:
            if len(word) < FUZZY_MIN_LETTERS or not word.isalpha():
                continue
            for entry, alias, steps in self._near_names(word, languages):
                out.append(Hit(entry, alias, start, end, list(steps), fuzzy=steps[0] != sk.STEP_NAMES[sk.REPEAT]))
        return out

    def may_have_near_names(self, raw: str, languages: tuple[str, ...]) -> bool:
        """False when no word of this text can be a one-edit or doubled-letter spelling of a name,
        so the one-edit pass has nothing to find. The text's alphanumeric runs include every word
        that pass tries (an alphabetic run of five letters or more), so a text whose runs are all
        known to be clear is clear."""
        if not raw.isascii():
            return True
        clear = self._clear_words.setdefault(languages, set())
        if len(clear) > CLEAR_WORDS_LIMIT:
            clear.clear()
        for word in set(masked(raw).split()) - clear:
            if len(word) >= FUZZY_MIN_LETTERS and word.isalpha() and self._near_names(word, languages):
                return True
            clear.add(word)
        return False

    @lru_cache(maxsize=131072)  # noqa: B019 - one index per run; a catalog repeats its words
    def _near_names(self, word: str, languages: tuple[str, ...]) -> tuple[tuple[IpEntry, str, tuple[str, ...]], ...]:
        """Names a word spells with extra doubled letters, or one edit away from; () for most words."""
        folded = sk.fold_name(word)
        if folded in self.skeletons:
            entries = self.skeletons[folded]
            if not _letter_runs(word) > _letter_runs(entries[0][1]) or _is_common_word(word.casefold(), languages):
                return ()  # an exact spelling (the exact pass had it), or a word ("channel")
            steps = (sk.STEP_NAMES[sk.REPEAT],)
            return tuple((e, a, steps) for e, a in entries if not e.common_word)
        names: set[str] = set()
        for d in _deletes(folded) | {folded}:
            names |= self.fuzzy.get(d, set())
        names = {n for n in names if Levenshtein.distance(n, folded) == 1}
        if not names or _is_common_word(word.casefold(), languages):
            return ()
        one_edit = ("one edit from the name",)
        return tuple((entry, alias, one_edit) for name in sorted(names) for entry, alias in self.skeletons[name])


# An alphabetic ASCII word of FUZZY_MIN_LETTERS or more, as text.words would cut it (apostrophes
# join letters into one word, which is then not alphabetic): the only words the one-edit pass tries.
_ASCII_FUZZY_CANDIDATE = re.compile(
    rf"(?<![A-Za-z0-9])(?<![A-Za-z0-9]')[A-Za-z]{{{FUZZY_MIN_LETTERS},}}(?![A-Za-z0-9])(?!'[A-Za-z0-9])"
)


def fuzzy_candidates(
    raw: str, tokens: Callable[[], list[tuple[int, int, str]]] | None = None
) -> list[tuple[int, int, str]]:
    """The words of a text that the one-edit pass tries: alphabetic, five letters or more.
    `tokens` gives the text's words when the caller already has them (other rules tokenise too)."""
    if raw.isascii():
        return [(m.start(), m.end(), m.group()) for m in _ASCII_FUZZY_CANDIDATE.finditer(raw)]
    found = tokens() if tokens is not None else words(raw)
    return [w for w in found if len(w[2]) >= FUZZY_MIN_LETTERS and w[2].isalpha()]


def exact_steps(written: str, alias: str) -> list[str]:
    """What normalisation an exact match needed beyond case: width, diacritics, traditional characters."""
    seen, named = sk.skeleton(written), sk.skeleton(alias)
    mask = seen.steps(0, len(seen.text)) & ~named.steps(0, len(named.text))
    return sk.step_names(mask & ~sk.REPEAT)


def _letter_runs(text: str) -> int:
    """How many letters are doubled in text ("Nikee" has one, "Gucci" one, "Nike" none)."""
    folded = text.casefold()
    return sum(1 for a, b in itertools.pairwise(folded) if a == b and a.isalpha())


@lru_cache(maxsize=65536)
def _is_common_word(word: str, languages: tuple[str, ...]) -> bool:
    from wordfreq import zipf_frequency

    known = _wordfreq_languages()
    return any(zipf_frequency(word, lang) >= FUZZY_MAX_ZIPF for lang in languages if lang in known)


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


# --- shared per run --------------------------------------------------------------------------

_INDEXES: dict[tuple[Any, ...], BrandIndex] = {}


def brand_index(
    keyword_dirs: tuple[Path, ...],
    folder: str,
    counterfeit_files: tuple[str, ...],
    comparison_files: tuple[str, ...] = (),
    merchandise_files: tuple[str, ...] = (),
    ingredient: tuple[str, ...] = (),
) -> BrandIndex:
    key = (keyword_dirs, folder, counterfeit_files, comparison_files, merchandise_files, ingredient)
    index = _INDEXES.get(key)
    if index is None:
        lexicon = load_ip_lexicon(keyword_dirs, folder)
        counterfeit = [t for name in counterfeit_files for t in read_word_file(name, keyword_dirs)]
        merchandise = [t for name in merchandise_files for t in read_word_file(name, keyword_dirs)]
        comparison = [t for name in comparison_files for t in read_word_file(name, keyword_dirs)]
        index = BrandIndex(
            lexicon, compatibility_phrases(keyword_dirs), counterfeit, comparison, merchandise, ingredient
        )
        _INDEXES[key] = index
    return index


def compatibility_phrases(keyword_dirs: tuple[Path, ...]) -> list[str]:
    """The compatibility phrases of every language's formula lexicon ("for", "适用于", "para")."""
    phrases: set[str] = set()
    for directory in keyword_dirs:
        for path in sorted((directory / "formula").glob("*/common.yaml")):
            data = read_yaml(path) or {}
            phrases.update(str(p) for p in data.get("compatibility") or [])
    return sorted(phrases)


def gap_is_short(between: str, words: int = MAX_GAP_WORDS) -> bool:
    """True when a phrase and a name are close enough to belong together ("for Apple iPhone")."""
    if any(ch in GAP_BREAKERS for ch in between):
        return False
    han = sum(1 for ch in between if has_cjk(ch))
    latin_words = len([w for w in between.split() if not has_cjk(w)])
    return han <= MAX_GAP_HAN * words // MAX_GAP_WORDS and latin_words <= words
