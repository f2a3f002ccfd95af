"""Tag every token of a title with its formula role: brand, core, attribute, scene, context, filler, unknown.

Spaced scripts are tokenised into words and numbers-with-units; runs of Chinese or Japanese are
matched against the lexicon (longest entries first) and what remains is segmented with jieba,
which is imported only when a title has Han characters that the lexicon leaves over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ahocorasick_rs
import regex

from listingkit.formula.lexicon import Entry, Lexicon, stem_for
from listingkit.text import normalise

# A number with its unit or dimensions is one attribute token: 41", 150g, 32*11*25cm, 3m, 2.5 L, 1/2 in.
NUMBER = regex.compile(
    r"""(?xi)
    \d+(?:[.,/]\d+)?(?:\s?[x×*]\s?\d+(?:[.,]\d+)?){0,3}
    (?:\s?(?:"|”|''|′|inch(?:es)?|in\b|cm|mm|m\b|km|ml|l\b|ltr|litre|liter|g\b|kg|mg|oz|fl\.?\s?oz|lbs?|
        pcs?\b|pieces?|pack|packs|pk|count|ct\b|set\b|sets\b|pairs?|w\b|kw|v\b|mah|wh|hz|ghz|gb|tb|mb|mp|k\b|
        ft|feet|yd|gal|qt|sq\s?ft|[个件只片寸英寸米厘米毫米克千克斤毫升升码支双套包瓶盒袋张卷台条根组]+))?
    """
)
_NO_SPACE = r"\p{Han}\p{Hiragana}\p{Katakana}"
_WORD = r"[[\p{L}\p{M}\p{N}]--[" + _NO_SPACE + r"\p{Hangul}]]+(?:['’\-][\p{L}\p{N}]+)*"
_SEPARATOR = r"[,;|/()\[\]【】（）《》<>+&:：、，。！!?？~·•\-–—]"
TOKEN = regex.compile(
    r"(?V1)(?P<number>" + NUMBER.pattern + r")"
    r"|(?P<han>[" + _NO_SPACE + r"]+)"
    r"|(?P<word>" + _WORD + r")"
    r"|(?P<sep>" + _SEPARATOR + r")",
    regex.VERBOSE | regex.IGNORECASE,
)
# Model codes: letters and digits mixed ("A2141", "XR-500", "iPhone15").
MODEL = regex.compile(r"(?=[\p{L}\p{N}\-]*\p{L})(?=[\p{L}\p{N}\-]*\d)[\p{L}\p{N}\-]+")
ROLE_ORDER = {"compat": 0, "core": 1, "attribute": 2, "scene": 3, "filler": 4}


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str
    role: str  # brand, core, context, attribute:<type>, scene:<type>, filler, unknown
    kind: str  # word, han, number, sep
    entry: Entry | None = None
    # Every category the lexicon files this word under (a backpack is luggage and outdoor gear).
    categories: frozenset[str] = frozenset()

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "role": self.role}


@dataclass(slots=True)
class Tagging:
    language: str
    spans: list[Span]  # every token, separators excluded
    core: Span | None
    category: str | None
    category_from_column: bool = False

    def roles(self, prefix: str) -> list[Span]:
        return [s for s in self.spans if s.role == prefix or s.role.startswith(prefix + ":")]


class Tagger:
    """Tags titles in one language with one lexicon; build once per run and reuse."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.stem = stem_for(lexicon.language)
        words = sorted(lexicon.han)
        self._han = (
            ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if words else None
        )
        self._han_words = words

    def tag(self, title: str, brand: str = "", category: str | None = None) -> Tagging:
        tokens = self._tokens(title)
        self._apply_lexicon(tokens, title)
        self._apply_brand(tokens, title, brand)
        self._apply_compatibility(tokens)
        core = self._choose_core(tokens)
        spans = [t for t in tokens if t.kind != "sep"]
        inferred = sorted(core.categories)[0] if core and core.categories else None
        return Tagging(self.lexicon.language, spans, core, category or inferred, category is not None)

    # --- tokens -----------------------------------------------------------------------------

    def _tokens(self, title: str) -> list[Span]:
        out: list[Span] = []
        for m in TOKEN.finditer(title):
            kind = m.lastgroup or "word"
            if kind == "han":
                out.extend(self._han_tokens(m.group(), m.start()))
            elif kind == "number":
                text = m.group().rstrip()
                out.append(Span(m.start(), m.start() + len(text), text, _number_role(text), "number"))
            else:
                out.append(Span(m.start(), m.end(), m.group(), "unknown", kind))
        return out

    def _han_tokens(self, run: str, offset: int) -> list[Span]:
        """Lexicon words found in a Han run (longest first); the rest segmented by jieba."""
        out: list[Span] = []
        pos = 0
        matches = self._han.find_matches_as_indexes(run) if self._han is not None else []
        for index, start, end in [*matches, (-1, len(run), len(run))]:
            if start > pos:
                out.extend(_segment(run[pos:start], offset + pos))
            if index >= 0:
                word = self._han_words[index]
                entries = self.lexicon.han[word]
                out.append(Span(offset + start, offset + end, word, "unknown", "han", _best(entries), _cats(entries)))
            pos = end
        return out

    # --- roles ------------------------------------------------------------------------------

    def _apply_lexicon(self, tokens: list[Span], title: str) -> None:
        lexicon = self.lexicon
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.kind == "han":
                if token.entry is not None:
                    token.role = _role(token.entry)
                i += 1
                continue
            if token.kind != "word":
                i += 1
                continue
            matched = False
            for n in range(min(lexicon.max_words, len(tokens) - i), 0, -1):
                window = tokens[i : i + n]
                if any(t.kind != "word" for t in window):
                    continue
                key = tuple(self.stem(normalise(t.text).text) for t in window)
                entries = lexicon.phrases.get(key)
                if entries:
                    entry = _best(entries)
                    start, end = window[0].start, window[-1].end
                    merged = Span(start, end, title[start:end], _role(entry), "word", entry, _cats(entries))
                    tokens[i : i + n] = [merged]
                    matched = True
                    break
            if not matched and MODEL.fullmatch(token.text):
                token.role = "attribute:model"
            i += 1

    def _apply_brand(self, tokens: list[Span], title: str, brand: str) -> None:
        if not brand.strip():
            return
        needle = normalise(brand.strip()).text
        hay = normalise(title)
        at = hay.text.find(needle)
        while at >= 0:
            start, end = hay.raw_span(at, at + len(needle))
            for token in tokens:
                if token.start >= start and token.end <= end and token.kind != "sep":
                    token.role = "brand"
            at = hay.text.find(needle, at + 1)

    def _apply_compatibility(self, tokens: list[Span]) -> None:
        """Names after 'for' / 'compatible with' / 适用于 are what the product fits, not what it is."""
        for i, token in enumerate(tokens):
            if token.role != "scene:compatibility" or token.entry is None or token.entry.role != "compat":
                continue
            # The target runs over names, models and numbers the lexicon does not know ("iPhone 15 Pro
            # Max", "苹果15") and stops at a separator or at a word with a role of its own.
            target = []
            for nxt in tokens[i + 1 :]:
                if nxt.kind == "sep" or nxt.role not in ("unknown", "attribute:model", "attribute:spec"):
                    break
                target.append(nxt)
            for t in target:
                t.role = "scene:compatibility"
            # Without a target it is a plain preposition: "for large dogs" names an audience, not a device.
            token.role = "scene:compatibility" if target else "filler"

    def _choose_core(self, tokens: list[Span]) -> Span | None:
        """The head product: the last word of the first run of adjacent product words.

        Titles put modifiers before the head in Chinese and English alike ("台式机电脑主板套装",
        "stainless steel water bottle"); later product words are context.
        """
        products = [i for i, t in enumerate(tokens) if t.role == "core"]
        if not products:
            return None
        run_end = products[0]
        while run_end + 1 < len(tokens) and tokens[run_end + 1].role == "core":
            run_end += 1
        for i in products:
            tokens[i].role = "context"
        head = tokens[run_end]
        head.role = "core"
        return head


_QUANTITY_UNIT = regex.compile(
    r"(?i)(?:pcs?|pieces?|packs?|pk|count|ct|sets?|pairs?|[个件只片支双套包瓶盒袋张卷条根组])$"
)
_SIZE_UNIT = regex.compile(
    r"(?i)(?:[x×*]|\d\s?(?:\"|”|''|′|inch(?:es)?|in|cm|mm|m|km|ft|feet|yd|[寸码米]|英寸|厘米|毫米)$)"
)


def _number_role(text: str) -> str:
    """A pack count is a quantity, a measure of length a size, anything else a specification."""
    if _QUANTITY_UNIT.search(text):
        return "attribute:quantity"
    if _SIZE_UNIT.search(text):
        return "attribute:size"
    return "attribute:spec"


def _cats(entries: list[Entry]) -> frozenset[str]:
    return frozenset(e.category for e in entries if e.category and e.role == "core")


def _best(entries: list[Entry]) -> Entry:
    return min(entries, key=lambda e: ROLE_ORDER.get(e.role, 9))


def _role(entry: Entry) -> str:
    if entry.role == "compat":
        return "scene:compatibility"
    if entry.role in ("attribute", "scene"):
        return f"{entry.role}:{entry.kind}"
    return entry.role


_JIEBA: Any = None


def _segment(text: str, offset: int) -> list[Span]:
    """Han characters the lexicon does not know, cut into words by jieba (loaded on first use)."""
    global _JIEBA
    if _JIEBA is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _JIEBA = jieba
    out = []
    pos = 0
    for word in _JIEBA.cut(text, HMM=False):
        out.append(Span(offset + pos, offset + pos + len(word), word, "unknown", "han"))
        pos += len(word)
    return out
