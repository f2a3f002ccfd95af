"""Long-tail keyword gap: which research phrases a listing covers, where, and which to add.

Phrases are indexed once by the stems of their words; a listing looks up only the phrases that
contain its core word (and, for the category, the phrases whose own core word is in the same
category), so matching never compares every phrase with every listing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import ahocorasick_rs

from listingkit import segment
from listingkit.formula.engine import FormulaEngine
from listingkit.formula.lexicon import stem_for
from listingkit.formula.tagger import Tagging
from listingkit.keywords.importers import KeywordPhrase
from listingkit.models import Listing
from listingkit.text import WordEdges, has_cjk, length_in, normalise, words

# How much a phrase counts towards coverage where it is found (title counts most).
PLACEMENT_WEIGHT = {
    "title_exact": 1.0,
    "title_words": 0.8,
    "search_terms": 0.6,
    "bullets": 0.5,
    "description": 0.3,
}
MISSING_SHOWN = 20
SUGGESTED_AT_MOST = 5
# Phrases relevant through the category alone (no shared core word): only the most searched.
CATEGORY_PHRASES = 30
# A listing is measured against at most this many phrases with its core word, the most searched
# first: a research file often holds thousands for one product.
MAX_RELEVANT = 200


@dataclass(frozen=True, slots=True)
class Budget:
    """Room a marketplace gives: the title's length limit and the search terms' byte limit."""

    title_max: int | None = None
    title_unit: str = "characters"
    search_terms_max: int | None = None
    search_terms_unit: str = "bytes"


@dataclass(slots=True)
class IndexedPhrase:
    phrase: KeywordPhrase
    norm: str
    stems: tuple[str, ...]
    core_stem: str | None
    category: str | None
    blocked: tuple[str, str] | None = None  # why it is never suggested, and the word: a brand, a banned term


@dataclass(slots=True)
class Gap:
    score: int | None
    covered: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    suggested: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"score": self.score, "covered": self.covered, "missing": self.missing, "suggested": self.suggested}


class KeywordIndex:
    def __init__(
        self,
        phrases: list[KeywordPhrase],
        engine: FormulaEngine,
        language: str,
        blocked_terms: dict[str, str] | None = None,
    ) -> None:
        self.language = language
        self.engine = engine
        lexicon = engine.lexicon(language)
        self.synonyms: dict[str, str] = dict(lexicon.synonyms) if lexicon else {}
        # Chinese phrases are read with the Chinese lexicon, loaded only when there are some.
        zh = engine.lexicon("zh") if language != "zh" and any(has_cjk(p.phrase) for p in phrases) else None
        if zh:
            self.synonyms.update(zh.synonyms)
        self.items: list[IndexedPhrase] = []
        self.by_stem: dict[str, list[int]] = defaultdict(list)
        self.by_category: dict[str, list[int]] = defaultdict(list)
        self._category_top: dict[str, list[int]] = {}
        blocked = _Blocklist(blocked_terms or {})
        for phrase in phrases:
            item = self._index(phrase, blocked)
            position = len(self.items)
            self.items.append(item)
            for stem in set(item.stems):
                self.by_stem[stem].append(position)
            if item.category:
                self.by_category[item.category].append(position)
        for postings in self.by_stem.values():
            postings.sort(key=lambda i: -self.items[i].phrase.volume)

    def _index(self, phrase: KeywordPhrase, blocked: _Blocklist) -> IndexedPhrase:
        language = "zh" if has_cjk(phrase.phrase) else self.language
        stems = tuple(stem_tokens(phrase.phrase, language, self.synonyms))
        tagging = self.engine.tag(phrase.phrase, language)
        core = tagging.core if tagging else None
        core_stems = stem_tokens(core.text, language, self.synonyms) if core else []
        core_stem = core_stems[-1] if core_stems else None
        norm = normalise(phrase.phrase).text
        return IndexedPhrase(phrase, norm, stems, core_stem, tagging.category if tagging else None, blocked.why(norm))

    def _top_of_category(self, category: str) -> list[int]:
        """The category's most searched phrases, sorted once per category."""
        top = self._category_top.get(category)
        if top is None:
            ranked = sorted(self.by_category.get(category, ()), key=lambda i: -self.items[i].phrase.volume)
            top = self._category_top[category] = ranked[:CATEGORY_PHRASES]
        return top

    def relevant(self, core_stems: list[str], category: str | None) -> list[IndexedPhrase]:
        """Phrases with all the listing's core word stems, then the category's most searched ones."""
        chosen: dict[int, None] = {}
        if core_stems:
            head, others = core_stems[-1], set(core_stems[:-1])
            # The phrase must be about the same product: its own head word is the listing's
            # ("tattoo cover up" is not about a "cover"). Postings are sorted by volume.
            for i in self.by_stem.get(head, ()):
                item = self.items[i]
                if item.core_stem == head and others <= set(item.stems):
                    chosen[i] = None
                    if len(chosen) >= MAX_RELEVANT:
                        break
        if category:
            extra = self._top_of_category(category)
            chosen.update(dict.fromkeys(i for i in extra if i not in chosen))
        return [self.items[i] for i in chosen]


class _Blocklist:
    """Brand names the seller does not own and prohibited terms, found as whole words."""

    def __init__(self, terms: dict[str, str]) -> None:
        self.terms = list(terms)
        self.reasons = list(terms.values())
        self.automaton = ahocorasick_rs.AhoCorasick(self.terms) if self.terms else None

    def why(self, norm: str) -> tuple[str, str] | None:
        if self.automaton is None:
            return None
        edges = WordEdges(norm)
        for index, start, end in self.automaton.find_matches_as_indexes(norm, overlapping=True):
            if has_cjk(self.terms[index]) or edges.whole(start, end):
                return self.reasons[index], norm[start:end]
        return None


def stem_tokens(text: str, language: str, synonyms: dict[str, str] | None = None) -> list[str]:
    """Word stems of a text: Snowball stems for spaced scripts, jieba words for Chinese; a synonym
    becomes the first word of its group in the lexicon ("couch" is read as "sofa")."""
    if has_cjk(text):
        out = [w for w in (t.strip().casefold() for t in segment.cut(text)) if w and not w.isspace()]
    else:
        stem = stem_for(language)
        out = [stem(w.casefold()) for _, _, w in words(text)]
    if synonyms:
        out = [synonyms.get(s, s) for s in out]
    return out


def analyse(listing: Listing, tagging: Tagging | None, language: str, index: KeywordIndex, budget: Budget) -> Gap:
    synonyms = index.synonyms
    core_stems = stem_tokens(tagging.core.text, language, synonyms) if tagging and tagging.core else []
    phrases = index.relevant(core_stems, tagging.category if tagging else None)
    if not phrases:
        return Gap(score=None)
    fields = _FieldStems(listing, language, synonyms)
    gap = Gap(score=None)
    missing: list[IndexedPhrase] = []
    total = weighted = 0.0
    for item in phrases:
        where = fields.where(item)
        volume = item.phrase.volume
        total += volume
        if where is None:
            missing.append(item)
            continue
        weighted += volume * PLACEMENT_WEIGHT[where]
        gap.covered.append({"phrase": item.phrase.phrase, "volume": _volume(volume), "where": where})
    gap.score = round(100 * weighted / total) if total else None
    missing.sort(key=lambda i: -i.phrase.volume)
    gap.missing = [{"phrase": i.phrase.phrase, "volume": _volume(i.phrase.volume)} for i in missing[:MISSING_SHOWN]]
    # A phrase naming the listing's own brand may be suggested; other brands and banned terms never.
    own = normalise(listing.brand).text if listing.brand.strip() else ""
    # Only phrases with the listing's own core word: a phrase relevant through the category alone
    # names another product ("paper towels" for a window film), which would be stuffing.
    core = set(core_stems)
    allowed = [
        i for i in missing if (i.blocked is None or (own and i.blocked[1] in own)) and core and core <= set(i.stems)
    ]
    gap.suggested = _suggest(listing, allowed, fields, budget)
    gap.covered.sort(key=lambda c: -float(c["volume"]))
    return gap


def _volume(value: float) -> int:
    return round(value)


class _FieldStems:
    def __init__(self, listing: Listing, language: str, synonyms: dict[str, str]) -> None:
        self.language = language
        self.synonyms = synonyms
        self.title_norm = normalise(listing.title).text
        self.title_edges = WordEdges(self.title_norm)
        self.title = set(stem_tokens(listing.title, language, synonyms))
        self.bullets = set(stem_tokens(" ".join(listing.bullets), language, synonyms))
        self.description = set(stem_tokens(listing.description, language, synonyms))
        self.search_terms = set(stem_tokens(" ".join(listing.search_terms), language, synonyms))

    def where(self, item: IndexedPhrase) -> str | None:
        stems = set(item.stems)
        at = self.title_norm.find(item.norm)
        if at >= 0 and (has_cjk(item.norm) or self.title_edges.whole(at, at + len(item.norm))):
            return "title_exact"
        # Marketplaces index a listing's fields together: a phrase is covered by a field when its
        # words are there or in the fields that weigh more (title, then search terms, bullets).
        have: set[str] = set()
        for name, words_there in (
            ("title_words", self.title),
            ("search_terms", self.search_terms),
            ("bullets", self.bullets),
            ("description", self.description),
        ):
            have |= words_there
            if stems and stems <= have:
                return name
        return None


def _suggest(
    listing: Listing, missing: list[IndexedPhrase], fields: _FieldStems, budget: Budget
) -> list[dict[str, Any]]:
    """The most searched missing phrases that fit: the title first, then the search terms."""
    title_used = length_in(listing.title, budget.title_unit)
    terms_text = " ".join(listing.search_terms)
    terms_used = length_in(terms_text, budget.search_terms_unit)
    have_title = set(fields.title)
    have_terms = set(fields.search_terms) | have_title
    out: list[dict[str, Any]] = []
    for item in missing:
        if len(out) >= SUGGESTED_AT_MOST:
            break
        originals = _words_with_stems(item.phrase.phrase, fields.language, fields.synonyms)
        title_words = [w for w, s in originals if s not in have_title]
        cost = _added_length(title_words, budget.title_unit)
        if title_words and (budget.title_max is None or title_used + cost <= budget.title_max):
            title_used += cost
            have_title |= {s for _, s in originals}
            have_terms |= {s for _, s in originals}
            out.append(_suggestion(item, "title", title_words))
            continue
        terms_words = [w for w, s in originals if s not in have_terms]
        cost = _added_length(terms_words, budget.search_terms_unit)
        if terms_words and (budget.search_terms_max is None or terms_used + cost <= budget.search_terms_max):
            terms_used += cost
            have_terms |= {s for _, s in originals}
            out.append(_suggestion(item, "search_terms", terms_words))
    return out


def _words_with_stems(phrase: str, language: str, synonyms: dict[str, str]) -> list[tuple[str, str]]:
    if has_cjk(phrase):
        pairs = [(w, w.casefold()) for w in segment.cut(phrase) if w.strip()]
    else:
        stem = stem_for(language)
        pairs = [(w, stem(w.casefold())) for _, _, w in words(phrase)]
    return [(w, synonyms.get(s, s)) for w, s in pairs]


def _added_length(added: list[str], unit: str) -> int:
    if not added:
        return 0
    joined = " ".join(added)
    separator = "" if has_cjk(joined) else " "
    return length_in(separator + joined, unit)


def _suggestion(item: IndexedPhrase, placement: str, added: list[str]) -> dict[str, Any]:
    return {
        "phrase": item.phrase.phrase,
        "volume": _volume(item.phrase.volume),
        "placement": placement,
        "added_words": added,
    }
