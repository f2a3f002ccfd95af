"""Undo the spellings sellers use to slip a brand past a filter, keeping the way back to the raw text.

"N1ke", "Nіke" (Cyrillic і), "N.I.K.E", "N i k e", "Ｎｉｋｅ", "Nikee", "寶可夢" all become the
skeleton of the name they hide. Each skeleton character remembers the raw characters it came from
and which steps changed it, so a finding can quote the raw text and say what was undone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

# Steps, as bit flags; their names are what findings report.
WIDTH = 1
DIACRITIC = 2
CONFUSABLE = 4
LEET = 8
SPLIT = 16
REPEAT = 32
TRADITIONAL = 64
STEP_NAMES = {
    WIDTH: "full-width letters",
    DIACRITIC: "diacritics",
    CONFUSABLE: "look-alike letters from another script",
    LEET: "digits or symbols for letters",
    SPLIT: "letters split by spaces, dots, hyphens or invisible characters",
    REPEAT: "repeated letters",
    TRADITIONAL: "traditional Chinese characters",
}

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\u00ad\ufeff")
# Characters that join or split words the same way a space does ("Spider-Man", "Dr. Martens").
SPACE_LIKE = frozenset(" -_.·•*‐‑–—\t\n\r\u00a0\u3000/")
LEET_MAP = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
APOSTROPHES = frozenset("'’‘`´")

# A region worth the slow path: a word mixing letters with leet digits or symbols, a word mixing
# scripts, letters split one by one, or an invisible character.
# The same for plain ASCII text, with the standard library's faster engine.
# Each alternative starts on its rare character (a digit, a symbol, a separator) so the scan of
# a long description stays cheap.
# Split in two, because one alternation is tried at every position of a long description: the
# leet and symbol spellings need a digit, @ or $ in the text (checked first, in C), the spelled-out
# letters ("N i k e") are looked for everywhere.
# Each alternative starts on the digit or symbol itself (the look-behinds come after it), so the
# engine skips in C to the next candidate character instead of trying every position:
# a digit run between letters (N1ke), a leet digit ending a word (Gucc1), @ or $ opening one (@pple).
SUSPICIOUS_ASCII_SYMBOLS = re.compile(
    r"[0-9@$](?:(?<=[A-Za-z][0-9@$])[0-9@$]*(?=[A-Za-z])"
    r"|(?<=[A-Za-z]{3}[013457])\b"
    r"|(?<=[@$])(?<![A-Za-z0-9][@$])(?=[A-Za-z]{2}))"
)
# It starts on the separator, so the engine skips ahead to the next one in C, and only then looks
# back for the single letter before it.
SUSPICIOUS_ASCII_SPELLED = re.compile(
    r"[ .\-_*](?<=(?<![A-Za-z0-9])[A-Za-z][ .\-_*])[A-Za-z][ .\-_*][A-Za-z](?![A-Za-z0-9])"
)
# Each ASCII character's class, for cheap tests before the patterns run: a letter is "a", a
# separator " ", a digit "0", @ or $ "$", anything else "#". Three single letters split by
# separators read "a a a" after a character that is neither a letter nor a digit, or at the start:
# the spelled-letters pattern can only match where that shape is (a looser test would still be
# exact as a filter: the pattern itself decides what passes). The digit and symbol pattern needs a
# "0" or a "$". Bytes, because bytes.translate is a plain table lookup in C, several times faster
# than str's.
_LETTER_CLASSES = bytes(
    ord("a")
    if chr(c).isascii() and chr(c).isalpha()
    else ord(" ")
    if chr(c) in " .-_*"
    else ord("0")
    if chr(c) in "0123456789"
    else ord("$")
    if chr(c) in "@$"
    else ord("#")
    for c in range(256)
)


def _ascii_shape(text: str) -> bytes:
    return text.encode("ascii").translate(_LETTER_CLASSES)


def _spells_letters(shape: bytes) -> bool:
    return b" a a a" in shape or b"#a a a" in shape or b"$a a a" in shape or shape.startswith(b"a a a")


def _has_symbol(shape: bytes) -> bool:
    """A digit, @ or $."""
    return b"0" in shape or b"$" in shape


def _may_spell_letters(text: str) -> bool:
    """For ASCII text only."""
    return _spells_letters(_ascii_shape(text))


SUSPICIOUS = regex.compile(
    r"(?V1)[\p{L}][\p{L}0-9@$]*[0-9@$][\p{L}]"  # N1ke, H3llo, Pok3mon
    r"|[\p{L}]{3,}[013457]\b"  # Gucc1
    r"|(?<![\p{L}0-9])[@$][\p{L}]{2,}"  # @pple, $upreme
    r"|[a-zA-Z][\p{Cyrillic}\p{Greek}]|[\p{Cyrillic}\p{Greek}][a-zA-Z]"  # Nіke, Аpple
    r"|(?<![\p{L}0-9])[\p{L}](?:[ .\-_*·][\p{L}]){2,}(?![\p{L}0-9])"  # N i k e, N.I.K.E
    r"|\p{Han}[*·•.\-_~]\p{Han}"  # 天*梭
    r"|[\u200b\u200c\u200d\u2060\u00ad\ufeff]"
    r"|[\uff21-\uff3a\uff41-\uff5a]"  # full-width Latin
)


# Around a suspicious spelling, this many characters either side hold any name it belongs to
# ("H3llo K1tty", "Lafufu N1ke Air").
WINDOW = 24


def suspicious_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of text around suspicious spellings, widened to whole words and merged."""
    spans: Iterable[tuple[int, int]]
    if not text.isascii():
        spans = (m.span() for m in SUSPICIOUS.finditer(text))
    else:
        shape = _ascii_shape(text)
        spans = [m.span() for m in SUSPICIOUS_ASCII_SPELLED.finditer(text)] if _spells_letters(shape) else []
        if _has_symbol(shape):
            spans = sorted([*spans, *(m.span() for m in SUSPICIOUS_ASCII_SYMBOLS.finditer(text))])
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        left = max(0, start - WINDOW)
        right = min(len(text), end + WINDOW)
        while left > 0 and not text[left - 1].isspace():
            left -= 1
        while right < len(text) and not text[right].isspace():
            right += 1
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(right, windows[-1][1]))
        else:
            windows.append((left, right))
    return windows


@dataclass(slots=True)
class Skeleton:
    text: str
    starts: list[int]  # raw offset where each skeleton character begins
    ends: list[int]  # raw offset where it ends
    flags: list[int]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]

    def steps(self, start: int, end: int) -> int:
        mask = 0
        for f in self.flags[start:end]:
            mask |= f
        return mask


def step_names(mask: int) -> list[str]:
    return [name for bit, name in STEP_NAMES.items() if mask & bit]


@lru_cache(maxsize=4096)
def _fold(ch: str) -> tuple[str, int]:
    """One character with width, case and diacritics folded, and the steps that changed it."""
    flags = 0
    nfkc = unicodedata.normalize("NFKC", ch)
    if nfkc != ch and ("\uff01" <= ch <= "\uff5e" or ch == "\u3000"):
        flags |= WIDTH
    bare = "".join(c for c in unicodedata.normalize("NFD", nfkc) if not unicodedata.combining(c))
    if bare != nfkc and bare.isascii():
        flags |= DIACRITIC
    else:
        bare = nfkc
    return bare.casefold(), flags


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """The skeleton of a lexicon name: the same folding, spaces kept single, no evasion steps.
    Cached: a catalog's brand cells repeat from row to row."""
    if name.isascii():  # the same result without the per-character pass, for most of the lexicon
        folded = name.translate(_ASCII_NAME_FOLD).lower()
        return _ASCII_RUN.sub(r"\1", folded).strip(" ")
    return skeleton(name, undo_evasion=False).text


# For ASCII names: apostrophes go, characters that split words become a space, and a run of one
# letter or of spaces becomes one (as _squeeze does; digits stay).
_ASCII_NAME_FOLD = str.maketrans(
    {**{ch: None for ch in APOSTROPHES if ch.isascii()}, **{ch: " " for ch in SPACE_LIKE if ch.isascii()}}
)
_ASCII_RUN = re.compile(r"([a-z ])\1+")


def skeleton(raw: str, undo_evasion: bool = True) -> Skeleton:
    chars: list[tuple[str, int, int, int]] = []  # (char, raw start, raw end, flags)
    pending = 0
    for i, ch in enumerate(raw):
        if ch in ZERO_WIDTH:
            pending |= SPLIT
            continue
        if ch in APOSTROPHES:
            continue
        if ch in SPACE_LIKE:
            if undo_evasion and not ch.isspace() and _between_han(raw, i):
                pending |= SPLIT  # 天*梭: a symbol inside a Chinese name
                continue
            chars.append((" ", i, i + 1, 0))
            continue
        folded, flags = _fold(ch)
        for out in folded:
            chars.append((out, i, i + 1, flags | pending))
        pending = 0
    if undo_evasion:
        chars = _undo_word_evasion(chars)
        chars = _join_split_letters(chars)
        chars = _traditional_to_simplified(chars)
    chars = _squeeze(chars)
    return Skeleton("".join(c[0] for c in chars), [c[1] for c in chars], [c[2] for c in chars], [c[3] for c in chars])


def _between_han(raw: str, i: int) -> bool:
    return 0 < i < len(raw) - 1 and _is_han(raw[i - 1]) and _is_han(raw[i + 1])


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _words(chars: list[tuple[str, int, int, int]]) -> list[tuple[int, int]]:
    out = []
    start = None
    for i, c in enumerate([*chars, (" ", 0, 0, 0)]):
        if c[0] != " " and start is None:
            start = i
        elif c[0] == " " and start is not None:
            out.append((start, i))
            start = None
    return out


def _undo_word_evasion(chars: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    for start, end in _words(chars):
        word = [c[0] for c in chars[start:end]]
        letters = [ch for ch in word if ch.isalpha()]
        if len(letters) < 2:
            continue
        latin = any("a" <= ch <= "z" for ch in letters)
        other = [ch for ch in letters if not ("a" <= ch <= "z")]
        if latin and other:
            table = _confusable_table()
            for k in range(start, end):
                mapped = table.get(chars[k][0])
                if mapped:
                    ch, s, e, f = chars[k]
                    chars[k] = (mapped, s, e, f | CONFUSABLE)
        for k in range(start, end):
            ch = chars[k][0]
            if ch not in LEET_MAP:
                continue
            before = chars[k - 1][0].isalpha() if k > start else False
            after = chars[k + 1][0].isalpha() if k + 1 < end else False
            trailing = k == end - 1 and k - start >= 3 and all(c[0].isalpha() for c in chars[start:k])
            leading_symbol = k == start and ch in "@$" and after
            if (before and after) or trailing or leading_symbol:
                _, s, e, f = chars[k]
                chars[k] = (LEET_MAP[ch], s, e, f | LEET)
    return chars


def _join_split_letters(chars: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    words = _words(chars)
    drop: set[int] = set()
    run: list[tuple[int, int]] = []
    for word in [*words, (-1, -1)]:
        single = word[1] - word[0] == 1 and chars[word[0]][0].isalpha()
        adjacent = run and word[0] == run[-1][1] + 1
        if single and (not run or adjacent):
            run.append(word)
            continue
        if len(run) >= 3:
            drop.update(w[1] for w in run[:-1])  # the space after each letter but the last
        run = [word] if single else []
    if not drop:
        return chars
    out = []
    for k, c in enumerate(chars):
        if k in drop:
            continue
        if k - 1 in drop:
            c = (c[0], c[1], c[2], c[3] | SPLIT)
        out.append(c)
    return out


def _traditional_to_simplified(chars: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    han = [k for k, c in enumerate(chars) if "\u4e00" <= c[0] <= "\u9fff"]
    if not han:
        return chars
    converter = _converter()
    source = "".join(chars[k][0] for k in han)
    converted = converter.convert(source)
    if len(converted) != len(source):
        return chars
    for k, new in zip(han, converted, strict=True):
        if new != chars[k][0]:
            _, s, e, f = chars[k]
            chars[k] = (new, s, e, f | TRADITIONAL)
    return chars


def _squeeze(chars: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    """Runs of one letter or of spaces become one; digits stay ("100")."""
    out: list[tuple[str, int, int, int]] = []
    for c in chars:
        if out and c[0] == out[-1][0] and (c[0] == " " or c[0].isalpha()) and not ("\u4e00" <= c[0] <= "\u9fff"):
            prev = out[-1]
            out[-1] = (prev[0], prev[1], c[2], prev[3] | c[3] | REPEAT)
            continue
        out.append(c)
    while out and out[0][0] == " ":
        out.pop(0)
    while out and out[-1][0] == " ":
        out.pop()
    return out


_CONVERTER: Any = None
_CONFUSABLES: dict[str, str] | None = None


def _converter() -> Any:
    global _CONVERTER
    if _CONVERTER is None:
        import opencc

        _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER


def _confusable_table() -> dict[str, str]:
    """Letters of other scripts that look like a lowercase Latin letter (Unicode's confusables data)."""
    global _CONFUSABLES
    if _CONFUSABLES is None:
        from confusable_homoglyphs import confusables  # type: ignore[import-untyped]

        table: dict[str, str] = {}
        data: dict[str, Any] = confusables.confusables_data
        for ch, entries in data.items():
            # Text is case-folded before the table applies, so only lowercase letters matter.
            if len(ch) != 1 or ch.isascii() or not ch.isalpha() or ch != ch.casefold():
                continue
            for entry in entries:
                target = entry["c"]
                if len(target) == 1 and target.isascii() and target.isalpha():
                    table[ch] = target.casefold()
                    break
        _CONFUSABLES = table
    return _CONFUSABLES
