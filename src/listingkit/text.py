"""Text helpers shared by the rule kinds: normalisation with span mapping, scripts, units of length."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

# A Latin-script word character is \w minus the scripts written without spaces: Python's \b
# treats Han as word characters, which would hide "Nike" in "Nike耐克".
_NO_SPACE_SCRIPTS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
WORD_RE = regex.compile(
    rf"(?V1)[[\p{{L}}\p{{M}}\p{{N}}]--[{_NO_SPACE_SCRIPTS}]]+(?:['’][[\p{{L}}\p{{N}}]--[{_NO_SPACE_SCRIPTS}]]+)*"
)
CJK_RE = regex.compile(rf"[{_NO_SPACE_SCRIPTS}]")


def is_latin_word_char(ch: str) -> bool:
    # "_" joins words in file names, not in titles: "Mouse_Spiderman" is two words.
    if ch < "\x80":
        return ch.isalnum()
    if ch.isalnum():
        return not CJK_RE.match(ch)
    return unicodedata.category(ch).startswith("M")


def has_cjk(text: str) -> bool:
    return not text.isascii() and CJK_RE.search(text) is not None


@lru_cache(maxsize=65536)
def _normalise_char(ch: str) -> str:
    # Curly quotes fold to straight ones so "Nike’s" matches like "Nike's".
    if ch in "’‘`´":
        return "'"
    if ch in "“”":
        return '"'
    return unicodedata.normalize("NFKC", ch).casefold()


@dataclass(slots=True, frozen=True)
class Normalised:
    """Case-folded NFKC text plus the raw offset of each normalised character."""

    text: str
    offsets: tuple[int, ...] | None  # None: identity mapping (plain ASCII)
    raw_length: int

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        raw_start = self.offsets[start] if start < len(self.offsets) else self.raw_length
        if end <= 0:
            return raw_start, raw_start
        # Each normalised character comes from exactly one raw character.
        last = self.offsets[end - 1]
        return raw_start, last + 1


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})


def normalise(raw: str) -> Normalised:
    if raw.isascii():  # lower() is casefold() for ASCII; the backtick is its only quote to fold
        return Normalised(_ascii_folded(raw), None, len(raw))
    # Fast path: when neither NFKC nor case folding changes the length, characters map one to one.
    whole = unicodedata.normalize("NFKC", raw.translate(_QUOTES))
    if len(whole) == len(raw):
        folded = whole.casefold()
        if len(folded) == len(raw):
            return Normalised(folded, None, len(raw))
    pieces: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(raw):
        norm = _normalise_char(ch)
        pieces.append(norm)
        offsets.extend([i] * len(norm))
    return Normalised("".join(pieces), tuple(offsets), len(raw))


def normalised_text(raw: str) -> str:
    """normalise(raw).text, without the offsets: for the terms of word lists, by the ten thousand."""
    if raw.isascii():
        return _ascii_folded(raw)
    return normalise(raw).text


def _ascii_folded(raw: str) -> str:
    lowered = raw.lower()
    return lowered.replace("`", "'") if "`" in lowered else lowered


def has_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to a Latin word character on either side."""
    if start > 0 and is_latin_word_char(text[start]) and is_latin_word_char(text[start - 1]):
        return False
    return not (end < len(text) and is_latin_word_char(text[end - 1]) and is_latin_word_char(text[end]))


class WordEdges:
    """Where Latin-script words start and end in a text, found in one pass, so that checking that
    a match is a whole word costs two set lookups (has_word_boundaries, for many matches)."""

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str) -> None:
        pattern = _ASCII_EDGE_RE if text.isascii() else _EDGE_RE
        spans = [m.span() for m in pattern.finditer(text)]
        self._starts = {s for s, _ in spans}
        self._ends = {e for _, e in spans}
        self._text = text

    def whole(self, start: int, end: int) -> bool:
        text = self._text
        left = start in self._starts or not is_latin_word_char(text[start])
        return left and (end in self._ends or not is_latin_word_char(text[end - 1]))


_ASCII_EDGE_RE = re.compile(r"[A-Za-z0-9]+")
_EDGE_RE = regex.compile(rf"(?V1)[[\p{{L}}\p{{M}}\p{{N}}]--[{_NO_SPACE_SCRIPTS}]]+")


def is_latin_term(term: str) -> bool:
    return not has_cjk(term)


def length_in(text: str, unit: str) -> int:
    """Length in a marketplace's unit: characters (code points), UTF-8 bytes, or CJK double bytes."""
    if unit == "characters":
        return len(text)
    if unit == "bytes":
        return len(text.encode("utf-8"))
    if unit == "cjk_bytes":
        if text.isascii():
            return len(text)
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    if unit == "words":
        return len(word_starts(text))
    raise ValueError(f"unknown length unit {unit!r}")


# A word for counting: a run of letters or digits, or one Han, kana or Hangul character.
_IDEOGRAPHIC = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
_COUNTED_WORD_RE = regex.compile(rf"[{_IDEOGRAPHIC}]|[[\p{{L}}\p{{M}}\p{{N}}]--[{_IDEOGRAPHIC}]]+", regex.V1)


def word_starts(text: str) -> list[int]:
    """Where each counted word starts (the unit `words` of length rules)."""
    return [m.start() for m in _COUNTED_WORD_RE.finditer(text)]


_HTML_TAG_RE = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)


def visible_text(text: str) -> str:
    """What a shopper reads of an HTML cell: tags, comments, scripts and styles removed, entities decoded."""
    if "<" not in text and "&" not in text:
        return text
    return " ".join(html.unescape(_HTML_TAG_RE.sub(" ", text)).split())


_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")


def words(text: str) -> list[tuple[int, int, str]]:
    """Latin-script words with their spans; Han and kana runs are not words here."""
    pattern = _ASCII_WORD_RE if text.isascii() else WORD_RE
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def fold_plural(word: str) -> str:
    """A light English plural fold ("cases" -> "case", "batteries" -> "battery") for repetition counts."""
    w = word.casefold()
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def tidy_spacing(text: str) -> str:
    """What removing words leaves behind, cleaned: doubled spaces, a space before a comma, repeated
    or dangling separators."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:!?，。；：！？])", r"\1", text)
    text = re.sub(r"([,;，；])(?:\s*[,;，；])+", r"\1", text)
    return text.strip(" ,;-–|/，；")
