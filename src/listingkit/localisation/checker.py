"""The `locale` rule kind: a field's language, untranslated fragments, mojibake, units, sizes, currency."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import ftfy
import regex
from ftfy import badness
from wordfreq import zipf_frequency

from listingkit.language import Detected
from listingkit.models import Applicability, Edit, Finding, Fix
from listingkit.resources import keywords_dir
from listingkit.rules.kinds import Checker, Context
from listingkit.rules.schema import LocaleRule

LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German", "it": "Italian",
    "nl": "Dutch", "sv": "Swedish", "pl": "Polish", "tr": "Turkish", "ru": "Russian", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "ar": "Arabic", "th": "Thai", "he": "Hebrew", "el": "Greek", "id": "Indonesian",
    "vi": "Vietnamese", "ms": "Malay", "ro": "Romanian", "cs": "Czech", "da": "Danish", "hi": "Hindi",
}  # fmt: skip
CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})
_CJK_RUN = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}][\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\s，、]*"
)
# Pinyin written with its tone marks (macron and caron vowels), which no market's language uses.
_TONED = "āǎēěīǐōǒūǔǖǘǚǜ"
_PINYIN = regex.compile(
    rf"(?<![\p{{L}}])[\p{{Latin}}]*[{_TONED}][\p{{Latin}}]*(?:\s+[\p{{Latin}}]*[{_TONED}áéíóúàèìòù][\p{{Latin}}]*)*"
)
_LATIN_WORD = regex.compile(r"(?<![\p{L}\p{N}])[\p{Latin}][\p{Latin}'’]*(?![\p{L}\p{N}])")
_IMPERIAL = regex.compile(
    r"(?<![\p{L}\p{N}.,])\d+(?:[.,]\d+)?(?:\s*-\s*\d+(?:[.,]\d+)?)?\s*"
    r"(?:inch(?:es)?\b|in\.|\"|”|″|ft\b|feet\b|foot\b|lbs?\b|pounds?\b|oz\b|ounces?\b|fl\.?\s?oz\b|gal(?:lons?)?\b|°\s?F\b)",
    regex.IGNORECASE,
)
_METRIC = regex.compile(
    r"(?<![\p{L}\p{N}])\d+(?:[.,]\d+)?\s*(?:mm|cm|m|km|g|kg|ml|l|cl|°\s?C)(?![\p{L}])", regex.IGNORECASE
)
_US_SIZE = regex.compile(r"(?<![\p{L}\p{N}])US\s?(?:size\s?)?\d{1,2}(?:[.,]5)?(?![\p{N}])", regex.IGNORECASE)
_EU_SIZE = regex.compile(
    r"(?<![\p{L}\p{N}])(?:EU|EUR|FR|IT|DE)\s?(?:size\s?)?\d{2}(?:[.,]5)?(?![\p{N}])", regex.IGNORECASE
)
_CURRENCY_SYMBOLS = "$€£¥₹₽₩฿"
_CURRENCY_CODES = ("USD", "EUR", "GBP", "RMB", "CNY", "JPY", "BRL", "MXN", "RUB", "INR")
_CURRENCY = regex.compile(rf"R\$|US\$|C\$|A\$|[{_CURRENCY_SYMBOLS}]|\b(?:{'|'.join(_CURRENCY_CODES)})\b")
# Every match holds one of these: a text with none of them is not scanned.
_CURRENCY_MARKERS = (*_CURRENCY_SYMBOLS, *_CURRENCY_CODES)
# An English word counts as untranslated where it is common in English and clearly more common in
# English than in the listing's language (Zipf scale: 4 is one in ten thousand words, 3 one in a
# hundred thousand); web text gives every language some English, so the gap decides.
ENGLISH_ZIPF = 3.5
ENGLISH_LEAD = 1.0


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    """Acronyms written in any case (Led, Usb, Hd) are shared by every language."""
    path = keywords_dir() / "en" / "acronyms.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("# "))


@lru_cache(maxsize=65536)
def _english_only(word: str, language: str) -> bool:
    folded = word.casefold()
    if folded in _acronyms():
        return False
    english = zipf_frequency(folded, "en")
    return english >= ENGLISH_ZIPF and english - zipf_frequency(folded, language) >= ENGLISH_LEAD


def _english_product_word(engine: Any, word: str) -> bool:
    """Whether the English title lexicon tags the whole word as a product (core) word."""
    tagging = engine.tag(word, "en", "", None)
    core = tagging.core if tagging is not None else None
    return core is not None and core.start == 0 and core.end == len(word.strip())


class LocaleChecker(Checker):
    rule: LocaleRule

    def check(self, ctx: Context) -> Iterable[Finding]:
        check = self.rule.check
        if check == "language":
            yield from self._language(ctx)
            return
        for field_name in self.rule.fields:
            for text in ctx.field_texts(field_name):
                yield from getattr(self, f"_{check}")(ctx, text)

    def _expected(self, ctx: Context) -> list[str]:
        expected: list[str] = ctx.shared.get("expected_languages") or []
        return expected

    def _language(self, ctx: Context) -> Iterable[Finding]:
        expected = self._expected(ctx)
        languages: dict[str, Detected] = ctx.shared.get("languages") or {}
        if not expected:
            return
        for field_name in self.rule.fields:
            found = languages.get(field_name)
            if found is None or found.code in ("und", *expected) or found.confidence < self.rule.min_confidence:
                continue
            params = {
                "language": LANGUAGE_NAMES.get(found.code, found.code),
                "expected": " or ".join(LANGUAGE_NAMES.get(c, c) for c in expected),
                "confidence": f"{found.confidence:.0%}",
            }
            detail = {"language": found.code, "confidence": round(found.confidence, 2), "expected": expected}
            yield self.finding(ctx, field_name, None, params=params, detail=detail)

    def _script(self, ctx: Context, text: object) -> Iterable[Finding]:
        expected = self._expected(ctx)
        if not expected or CJK_LANGUAGES & set(expected):
            return
        raw = text.raw  # type: ignore[attr-defined]
        if raw.isascii():  # neither Chinese nor toned pinyin: the usual case, decided in C
            return
        for m in _CJK_RUN.finditer(raw):
            end = m.start() + len(m.group().rstrip(" ，、"))
            yield self.finding(ctx, text.field, text.index, m.start(), end, raw)  # type: ignore[attr-defined]
        for m in _PINYIN.finditer(raw):
            yield self.finding(ctx, text.field, text.index, m.start(), m.end(), raw)  # type: ignore[attr-defined]

    def _english(self, ctx: Context, text: object) -> Iterable[Finding]:
        language = ctx.language
        if language in ("en", "und") or language not in LANGUAGE_NAMES or language in CJK_LANGUAGES:
            return
        # Only a title surely in another language has English left in it; a guess between English
        # and a neighbour ("Medieval Princess Costume") is not a translation miss.
        title = (ctx.shared.get("languages") or {}).get("title")
        # Where English is expected too, a mixed title is only judged when the model is sure.
        least = self.rule.min_confidence if "en" not in self._expected(ctx) else max(self.rule.min_confidence, 0.8)
        if title is not None and (title.code != language or title.confidence < least):
            return
        raw: str = text.raw  # type: ignore[attr-defined]
        brand = ctx.listing.brand.casefold()
        run: list[tuple[int, int]] = []
        out = []
        for m in _LATIN_WORD.finditer(raw):
            word = m.group()
            english = (
                len(word) >= 3 and not word.isupper() and word.casefold() not in brand and _english_only(word, language)
            )
            gap = raw[run[-1][1] : m.start()] if run else ""
            if english and (not run or gap.strip() == ""):
                run.append(m.span())
                continue
            if len(run) >= self.rule.min_words:
                out.append((run[0][0], run[-1][1]))
            run = [m.span()] if english else []
        if len(run) >= self.rule.min_words:
            out.append((run[0][0], run[-1][1]))
        for start, end in out:
            params = {"language": LANGUAGE_NAMES.get(language, language)}
            yield self.finding(ctx, text.field, text.index, start, end, raw, params)  # type: ignore[attr-defined]

    def _mojibake(self, ctx: Context, text: object) -> Iterable[Finding]:
        raw: str = text.raw  # type: ignore[attr-defined]
        if raw.isascii() or not badness.is_bad(raw):
            return
        repaired = ftfy.fix_text(raw)
        if repaired == raw:
            return
        field_name, index = text.field, text.index  # type: ignore[attr-defined]
        fix = Fix("Repair the text's encoding", Applicability.SAFE, [Edit(field_name, index, 0, len(raw), repaired)])
        yield self.finding(ctx, field_name, index, 0, len(raw), raw, {"repaired": repaired[:80]}, fix)

    def _units(self, ctx: Context, text: object) -> Iterable[Finding]:
        raw: str = text.raw  # type: ignore[attr-defined]
        imperial = list(_IMPERIAL.finditer(raw))
        if not imperial or _METRIC.search(raw):
            return
        first = imperial[0]
        yield self.finding(ctx, text.field, text.index, first.start(), first.end(), raw)  # type: ignore[attr-defined]

    def _sizes(self, ctx: Context, text: object) -> Iterable[Finding]:
        raw: str = text.raw  # type: ignore[attr-defined]
        us = _US_SIZE.search(raw)
        if us is None or _EU_SIZE.search(raw):
            return
        yield self.finding(ctx, text.field, text.index, us.start(), us.end(), raw)  # type: ignore[attr-defined]

    def _local_word(self, ctx: Context, text: object) -> Iterable[Finding]:
        """An English product word where the title's language has its own: suggest the local ones.

        Lexicons of other languages list some English loanwords as product words ("case" in
        Spanish), so the test is whether the title's product word is an English one and none of
        the language's own words for that category is in the title."""
        language, engine, listing = ctx.language, ctx.engine, ctx.listing
        raw: str = text.raw  # type: ignore[attr-defined]
        lexicon = engine.lexicon(language) if engine is not None and language not in ("en", "und") else None
        if lexicon is None:
            return
        local = ctx.tagging if ctx.tagging is not None else engine.tag(raw, language, listing.brand, None)
        core = local.core if local is not None and local.core is not None else None
        if core is None:
            english = engine.tag(raw, "en", listing.brand, None)
            core = english.core if english is not None else None
        if core is None or not _english_product_word(engine, core.text):
            return
        category = core.entry.category if core.entry is not None else None
        native = [
            w for w in lexicon.candidates("core", None, category, limit=8) if not _english_product_word(engine, w)
        ]
        folded = raw.casefold()
        if not native or any(w in folded for w in native):
            return
        params = {"language": LANGUAGE_NAMES.get(language, language), "local": ", ".join(native[:3])}
        yield self.finding(ctx, text.field, text.index, core.start, core.end, raw, params,  # type: ignore[attr-defined]
                           detail={"suggested": native[:3]})  # fmt: skip

    def _currency(self, ctx: Context, text: object) -> Iterable[Finding]:
        raw: str = text.raw  # type: ignore[attr-defined]
        if not any(marker in raw for marker in _CURRENCY_MARKERS):
            return
        allowed = set(self.rule.currencies)
        for m in _CURRENCY.finditer(raw):
            if m.group() not in allowed:
                params = {"currency": m.group(), "allowed": ", ".join(self.rule.currencies)}
                yield self.finding(ctx, text.field, text.index, m.start(), m.end(), raw, params)  # type: ignore[attr-defined]
                return
