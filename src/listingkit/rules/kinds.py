"""The generic rule kinds. Each compiles one validated rule into a checker; packs supply the data."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from string import Formatter
from typing import Any

import ahocorasick_rs
import regex

from listingkit import segment
from listingkit.errors import PackError
from listingkit.formula.tagger import Span, Tagging
from listingkit.glossary import Glossary
from listingkit.i18n import _
from listingkit.models import Edit, Finding, Fix, Listing
from listingkit.rules.loader import LoadedRule, read_word_file
from listingkit.rules.schema import (
    CapitalizationRule,
    ExistenceRule,
    FixSpec,
    FormulaRule,
    LengthRule,
    PatternPart,
    PatternRule,
    RepetitionRule,
    RequiredRule,
)
from listingkit.text import (
    Normalised,
    fold_plural,
    has_cjk,
    length_in,
    normalise,
    tidy_spacing,
    visible_text,
    word_starts,
    words,
)

# A user pattern that takes longer than this on one cell is reported, not waited for.
PATTERN_TIMEOUT_SECONDS = 0.5

UNIT_NAMES = {
    "characters": "characters",
    "bytes": "UTF-8 bytes",
    "cjk_bytes": "bytes (a Chinese character counts 2)",
    "words": "words",
}


@dataclass(slots=True)
class TermHit:
    start: int  # normalised-text offsets
    end: int
    exception: bool
    term: str


@dataclass(slots=True)
class FieldText:
    field: str
    index: int | None
    raw: str
    _norm: Normalised | None = None
    _words: list[tuple[int, int, str]] | None = None
    _bounds: frozenset[int] | None = None

    @property
    def norm(self) -> Normalised:
        if self._norm is None:
            self._norm = normalise(self.raw)
        return self._norm

    @property
    def word_boundaries(self) -> frozenset[int]:
        """Word boundaries of the normalised text, Han segmented by jieba with rule terms kept whole."""
        if self._bounds is None:
            self._bounds = segment.word_boundaries(self.norm.text)
        return self._bounds

    @property
    def words(self) -> list[tuple[int, int, str]]:
        """Latin-script words with spans, tokenised once for every rule that needs them."""
        if self._words is None:
            self._words = words(self.raw)
        return self._words


@dataclass(slots=True)
class Context:
    listing: Listing
    marketplace: str
    marketplace_name: str
    language: str
    tagging: Tagging | None = None
    engine: Any = None  # the run's FormulaEngine, for lexicon suggestions
    texts: dict[str, list[FieldText]] = field(default_factory=dict)
    # checker id -> (field, index) -> hits found by the shared automaton
    term_hits: dict[int, dict[tuple[str, int | None], list[TermHit]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    # Work shared by several rules of one listing (the brand uses every brand rule reports).
    shared: dict[Any, Any] = field(default_factory=dict)
    # Brands the seller owns or holds a licence for (config own_brands and licensed).
    own_brands: tuple[str, ...] = ()
    # The run's detail services (element finder, local images, duplicate index).
    detail: Any = None

    def field_texts(self, name: str) -> list[FieldText]:
        cached = self.texts.get(name)
        if cached is None:
            cached = [FieldText(name, i, t) for i, t in self.listing.text_items(name) if t]
            self.texts[name] = cached
        return cached


class _SafeFormat(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, params: dict[str, Any]) -> str:
    return Formatter().vformat(template, (), _SafeFormat(params))


def finding_from_rule(
    loaded: LoadedRule,
    params: dict[str, Any],
    field_name: str | None,
    column: str | None,
    row: int | None,
    line: int | None,
    end_line: int | None,
    marketplace: str,
    lang: str,
    sheet_row: int | None = None,
) -> Finding:
    """A finding of a rule checked in code (the reader, keyword coverage) rather than by a checker."""
    rule = loaded.rule
    values = {"marketplace": marketplace, **params}
    localized = rule.message.zh if lang == "zh" and rule.message.zh else rule.message.en
    return Finding(
        code=rule.code,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        message=format_message(rule.message.en, values),
        message_localized=format_message(localized, values),
        field=field_name,
        column=column,
        link=rule.link,
        rule_date=rule.effective_from.isoformat() if rule.effective_from else None,
        row=row,
        line=line,
        end_line=end_line,
        sheet_row=sheet_row,
    )


class Checker:
    """One compiled rule. Subclasses yield findings for a listing."""

    lang = "en"
    # Glosses of matched words in the reader's language, for rules whose matches are word lists.
    glossary: Glossary | None = None
    glossed = False

    def __init__(self, loaded: LoadedRule, checker_id: int) -> None:
        self.loaded = loaded
        self.rule = loaded.rule
        self.id = checker_id
        # Whose term hits this checker reads: its own, or those of the first checker of its group.
        self.term_source = checker_id

    def term_group(self) -> Hashable | None:
        """Checkers returning the same group have the same terms, found once for all of them."""
        return None

    # Terms this rule contributes to the shared automaton: (term, is_exception).
    def terms(self) -> list[tuple[str, bool]]:
        return []

    @property
    def has_terms(self) -> bool:
        return bool(self.terms())

    def size(self) -> str:
        """How much data the rule matches, for `rules explain`; empty when it matches no word list."""
        count = len([t for t, exception in self.terms() if not exception])
        return f"{count} terms" if count else ""

    def check(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        ctx: Context,
        field_name: str | None,
        index: int | None,
        start: int | None = None,
        end: int | None = None,
        raw: str | None = None,
        params: dict[str, Any] | None = None,
        fix: Fix | None = None,
        detail: dict[str, Any] | None = None,
    ) -> Finding:
        rule = self.rule
        values = {"marketplace": ctx.marketplace_name, **(params or {})}
        listing = ctx.listing
        cell = listing.cell(field_name, index) if field_name else None
        match = raw[start:end] if raw is not None and start is not None and end is not None else None
        if cell is not None and cell.offset and start is not None and end is not None and index is not None:
            start, end = start + cell.offset, end + cell.offset
        message = format_message(rule.message.en, values)
        localized = message
        if self.lang == "zh" and rule.message.zh:
            localized = format_message(rule.message.zh, values)
        if self.glossed and self.glossary is not None and match:
            gloss = self.glossary.gloss(match, ctx.language)
            if gloss:
                localized = self.glossary.frame(match, gloss, localized)
        return Finding(
            code=rule.code,
            name=rule.name,
            category=rule.category,
            severity=rule.severity,
            message=message,
            message_localized=localized,
            field=field_name,
            index=index,
            column=cell.column if cell else None,
            start=start,
            end=end,
            match=match,
            link=rule.link,
            rule_date=rule.effective_from.isoformat() if rule.effective_from else None,
            fix=fix,
            row=cell.row if cell else listing.row,
            line=cell.line if cell else listing.line,
            end_line=cell.end_line if cell else listing.end_line,
            sheet_row=cell.sheet_row if cell else listing.sheet_row,
            detail=detail,
        )

    def make_fix(self, spec: FixSpec | None, text: FieldText, spans: list[tuple[int, int]]) -> Fix | None:
        if spec is None or not spans:
            return None
        edits = []
        for start, end in spans:
            original = text.raw[start:end]
            if spec.action == "remove":
                start, end = _widen_to_spacing(text.raw, start, end)
                replacement = ""
            elif spec.action == "replace":
                replacement = spec.replacement
            elif spec.action == "lowercase":
                replacement = original.lower()
            else:
                replacement = original[:1].upper() + original[1:].lower()
            edits.append(Edit(text.field, text.index, start, end, replacement))
        title = (
            spec.title
            or {
                "remove": "Remove it",
                "replace": f"Replace it with '{spec.replacement}'",
                "lowercase": "Write it in lower case",
                "titlecase": "Capitalise only the first letter",
                "shorten": "Shorten to the limit at word boundaries",
            }[spec.action]
        )
        return Fix(title=title, applicability=spec.applicability, edits=edits)


def _widen_to_spacing(raw: str, start: int, end: int) -> tuple[int, int]:
    """Removing a word also removes one run of spaces next to it, so no double space is left."""
    if not raw[start:end].strip():
        return start, end  # the match is itself spacing: remove exactly it
    after = end
    while after < len(raw) and raw[after] == " ":
        after += 1
    if after > end and (start == 0 or raw[start - 1] == " "):
        return start, after
    before = start
    while before > 0 and raw[before - 1] == " ":
        before -= 1
    return before, end


def brand_spans(text: FieldText, brand: str) -> list[tuple[int, int]]:
    """Normalised spans where the listing's own (non-empty) brand is written in this text."""
    if not brand.strip():
        return []
    needle = normalise(brand.strip()).text
    hay = text.norm.text
    spans = []
    at = hay.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = hay.find(needle, at + 1)
    return spans


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


class LengthChecker(Checker):
    rule: LengthRule

    def check(self, ctx: Context) -> Iterable[Finding]:
        rule = self.rule
        out: list[Finding] = []
        for field_name in rule.fields:
            texts = ctx.field_texts(field_name)
            if not texts and rule.min is None:
                continue
            # Joined items have no single cell to point into, unless there is only one.
            spans = True
            if rule.scope == "joined" and len(texts) > 1:
                texts = [FieldText(field_name, None, " ".join(t.raw for t in texts))]
                spans = False
            for text in texts:
                raw = text.raw
                measured = visible_text(raw) if rule.visible_text else raw
                measured = measured.replace(" ", "") if rule.ignore_spaces else measured
                size = len(measured) if rule.unit == "characters" else length_in(measured, rule.unit)
                too_long = rule.max is not None and size > rule.max
                if not too_long and (rule.min is None or size >= rule.min):
                    continue
                params = {"length": size, "max": rule.max, "min": rule.min, "unit": UNIT_NAMES[rule.unit]}
                if too_long and spans and not rule.visible_text:
                    start = _overflow_start(raw, rule.max or 0, rule.unit, rule.ignore_spaces)
                    fix = self._shorten(ctx, text, rule.max or 0) if rule.fix is not None else None
                    out.append(self.finding(ctx, field_name, text.index, start, len(raw), raw, params, fix))
                else:
                    out.append(self.finding(ctx, field_name, None if not spans else text.index, params=params))
        return out

    def _shorten(self, ctx: Context, text: FieldText, limit: int) -> Fix | None:
        """Drop the least valuable words until the text fits: filler first, then scene, context and
        the last attributes; never the brand, the core word, a compatibility target or a model."""
        spec = self.rule.fix
        assert spec is not None
        tagging = ctx.tagging if text.field == "title" and text.index is None else None
        # With no brand cell, a capitalised first word is taken as the brand (as the ip rules do).
        words = _ranked_words(text.raw, tagging, keep_first=not ctx.listing.brand.strip())
        removed: list[tuple[int, int]] = []
        for start, end in words:
            removed.append((start, end))
            if length_in(_without(text.raw, removed), self.rule.unit) <= limit:
                edits = [Edit(text.field, text.index, s, e, "") for s, e in sorted(removed)]
                return Fix(spec.title or "Shorten to the limit", spec.applicability, edits)
        return None


# Lower is dropped first when a title is shortened; None is never dropped.
_DROP_ORDER = {"filler": 0, "unknown": 0, "scene": 1, "context": 2, "attribute": 3}
_KEEP = {"brand", "core", "scene:compatibility", "attribute:model"}


def _ranked_words(raw: str, tagging: Tagging | None, keep_first: bool = False) -> list[tuple[int, int]]:
    """The words a shortened text may lose, in the order it loses them (later words first)."""
    if tagging is not None and tagging.spans and tagging.spans[-1].end <= len(raw):
        first = tagging.spans[0]
        ranked = [
            (_DROP_ORDER[s.role.split(":", 1)[0]], -s.start, (s.start, s.end))
            for s in tagging.spans
            if s.role not in _KEEP
            and s.role.split(":", 1)[0] in _DROP_ORDER
            and not (keep_first and s is first and s.text[:1].isupper())
        ]
        return [span for _, _, span in sorted(ranked)]
    spans = [m.span() for m in re.finditer(r"\S+", raw)]
    return list(reversed(spans[1:]))  # without tagging: from the end, keeping the first word


def _without(raw: str, spans: list[tuple[int, int]]) -> str:
    out = raw
    for start, end in sorted(spans, reverse=True):
        out = out[:start] + out[end:]
    return tidy_spacing(out)


def _overflow_start(raw: str, limit: int, unit: str, ignore_spaces: bool) -> int:
    """The first character that no longer fits the limit."""
    if unit == "characters" and not ignore_spaces:
        return min(limit, len(raw))
    if unit == "words":
        starts = word_starts(raw)
        return starts[limit] if limit < len(starts) else len(raw)
    used = 0
    for i, ch in enumerate(raw):
        if ignore_spaces and ch == " ":
            continue
        used += length_in(ch, unit)
        if used > limit:
            return i
    return len(raw)


class ExistenceChecker(Checker):
    rule: ExistenceRule
    glossed = True

    def __init__(self, loaded: LoadedRule, checker_id: int) -> None:
        super().__init__(loaded, checker_id)
        terms = list(self.rule.terms)
        for name in self.rule.terms_files:
            terms.extend(read_word_file(name, loaded.keyword_dirs))
        self._terms = terms
        if self.rule.segmented:
            segment.keep_whole(normalise(t).text for t in terms if has_cjk(t))

    def terms(self) -> list[tuple[str, bool]]:
        return [(t, False) for t in self._terms] + [(e, True) for e in self.rule.exceptions]

    def check(self, ctx: Context) -> Iterable[Finding]:
        by_field = ctx.term_hits.get(self.term_source)
        if not by_field:
            return
        for field_name in self.rule.fields:
            for text in ctx.field_texts(field_name):
                hits = by_field.get((field_name, text.index))
                if hits:
                    yield from self._check_text(ctx, text, hits)

    def _check_text(self, ctx: Context, text: FieldText, hits: list[TermHit]) -> Iterable[Finding]:
        allowed = [(h.start, h.end) for h in hits if h.exception]
        if self.rule.exempt_own_brand:
            allowed += brand_spans(text, ctx.listing.brand)
        terms = [h for h in hits if not h.exception and not _inside((h.start, h.end), allowed)]
        if self.rule.segmented:
            terms = [h for h in terms if self._whole_word(text, h)]
        # Keep the longest of nested hits: "best seller" rather than also "best".
        terms.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[TermHit] = []
        for hit in terms:
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        for hit in kept:
            start, end = text.norm.raw_span(hit.start, hit.end)
            fix = self.make_fix(self.rule.fix, text, [(start, end)])
            detail = {"term": hit.term}
            yield self.finding(ctx, text.field, text.index, start, end, text.raw, fix=fix, detail=detail)

    def _whole_word(self, text: FieldText, hit: TermHit) -> bool:
        if not has_cjk(hit.term):
            return True
        bounds = text.word_boundaries
        return hit.start in bounds and hit.end in bounds


class PatternChecker(Checker):
    rule: PatternRule

    def __init__(self, loaded: LoadedRule, checker_id: int) -> None:
        super().__init__(loaded, checker_id)
        flags = regex.V1 | (regex.IGNORECASE if self.rule.ignore_case else 0)
        parts = self.rule.pattern if isinstance(self.rule.pattern, list) else [self.rule.pattern]
        self.parts: list[tuple[Any, re.Pattern[str] | None, bool]] = []
        terms: list[str] = []
        self._term_part: list[int] = []
        for index, part in enumerate(parts):
            spec = part if isinstance(part, PatternPart) else PatternPart(pattern=part)
            try:
                compiled = regex.compile(spec.pattern, flags)
                prefilter = re.compile(spec.prefilter) if spec.prefilter else None
            except (regex.error, re.error) as exc:
                raise PackError(
                    _("{name}: rule {code}: bad pattern: {exc}").format(
                        name=loaded.source.name, code=self.rule.code, exc=exc
                    )
                ) from None
            for term in spec.prefilter_terms:
                terms.append(normalise(term).text)
                self._term_part.append(index)
            self.parts.append((compiled, prefilter, bool(spec.prefilter_terms)))
        # One automaton finds every part's literal terms in a single pass over the text.
        self._terms = ahocorasick_rs.AhoCorasick(terms) if terms else None
        self.has_prefilter = bool(terms) or any(prefilter is not None for _, prefilter, _ in self.parts)

    def _matches(self, text: FieldText) -> list[tuple[int, int]]:
        raw = text.raw
        lowered = text.norm.text if self.has_prefilter else raw
        present: set[int] = set()
        if self._terms is not None:
            present = {self._term_part[i] for i, _, _ in self._terms.find_matches_as_indexes(lowered, overlapping=True)}
        spans: list[tuple[int, int]] = []
        for index, (compiled, prefilter, needs_term) in enumerate(self.parts):
            if needs_term and index not in present:
                continue
            # Prefilters run on the lower-cased text: case-insensitive stdlib matching is ~8x slower.
            if prefilter is not None and prefilter.search(lowered) is None:
                continue
            if compiled.search(raw, timeout=PATTERN_TIMEOUT_SECONDS) is None:
                continue
            spans.extend(m.span() for m in compiled.finditer(raw, timeout=PATTERN_TIMEOUT_SECONDS))
        if len(self.parts) > 1:
            spans = _merge_spans(spans)
        return spans

    def check(self, ctx: Context) -> Iterable[Finding]:
        rule = self.rule
        out: list[Finding] = []
        for field_name in rule.fields:
            for text in ctx.field_texts(field_name):
                try:
                    found = self._matches(text)
                except TimeoutError:
                    out.append(self.finding(ctx, field_name, text.index, detail={"timeout": True}))
                    continue
                if rule.mode == "must_match":
                    if not found:
                        out.append(self.finding(ctx, field_name, text.index))
                    continue
                allowed = brand_spans(text, ctx.listing.brand) if rule.allow_inside_brand and found else []
                for start, end in found:
                    if end == start:
                        continue
                    if allowed and _inside(_norm_span(text.norm, start, end), allowed):
                        continue
                    fix = self.make_fix(rule.fix, text, [(start, end)])
                    out.append(self.finding(ctx, field_name, text.index, start, end, text.raw, fix=fix))
        return out


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Matches of several alternatives, overlapping ones joined, in text order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _norm_span(norm: Normalised, start: int, end: int) -> tuple[int, int]:
    if norm.offsets is None:
        return start, end
    offsets = norm.offsets
    first = next((i for i, o in enumerate(offsets) if o >= start), len(offsets))
    last = next((i for i, o in enumerate(offsets) if o >= end), len(offsets))
    return first, last


class RepetitionChecker(Checker):
    rule: RepetitionRule

    def __init__(self, loaded: LoadedRule, checker_id: int) -> None:
        super().__init__(loaded, checker_id)
        rule = self.rule
        shared = {w.casefold() for w in rule.exempt.get("*", [])}
        self._exempt = {lang: frozenset(shared | {w.casefold() for w in ws}) for lang, ws in rule.exempt.items()}
        self._shared = frozenset(shared)
        self._keys: dict[tuple[str, str], str | None] = {}

    def _key(self, word: str, language: str) -> str | None:
        """The counting key of a word (case and plural folded), or None when the word is exempt."""
        cached = self._keys.get((word, language), "")
        if cached != "":
            return cached
        folded = word.casefold()
        key: str | None
        if folded in self._exempt.get(language, self._shared) or (
            self.rule.ignore_numbers and not word.isalpha() and _has_digit(word)
        ):
            key = None
        else:
            key = fold_plural(folded) if self.rule.fold_plurals else folded
        if len(self._keys) < 200_000:
            self._keys[(word, language)] = key
        return key

    def check(self, ctx: Context) -> Iterable[Finding]:
        rule = self.rule
        out: list[Finding] = []
        for field_name in rule.fields:
            for text in ctx.field_texts(field_name):
                found = text.words
                keys = [self._key(w, ctx.language) for _, _, w in found]
                counts = Counter(k for k in keys if k is not None)
                for key, count in counts.items():
                    if count <= rule.max:
                        continue
                    places = [found[i] for i, k in enumerate(keys) if k == key]
                    extra = places[rule.max :]
                    fix = self.make_fix(rule.fix, text, [(s, e) for s, e, _ in extra])
                    params = {"count": count, "max": rule.max}
                    first = extra[0]
                    out.append(self.finding(ctx, field_name, text.index, first[0], first[1], text.raw, params, fix))
        return out


class CapitalizationChecker(Checker):
    rule: CapitalizationRule

    def __init__(self, loaded: LoadedRule, checker_id: int) -> None:
        super().__init__(loaded, checker_id)
        allow = list(self.rule.allow)
        for name in self.rule.allow_files:
            allow.extend(read_word_file(name, loaded.keyword_dirs))
        self.allow = {a.casefold() for a in allow}
        self._minor = {lang: frozenset(w.casefold() for w in ws) for lang, ws in self.rule.minor_words.items()}

    def check(self, ctx: Context) -> Iterable[Finding]:
        for field_name in self.rule.fields:
            for text in ctx.field_texts(field_name):
                yield from getattr(self, "_" + self.rule.check)(ctx, text)

    def _brand_words(self, ctx: Context) -> set[str]:
        brand = ctx.listing.brand
        return {w.casefold() for _, _, w in words(brand)} if brand else set()

    def _all_caps_title(self, ctx: Context, text: FieldText) -> Iterable[Finding]:
        # str.isupper: every cased character is upper case and there is at least one.
        if text.raw.isupper() and sum(c.isalpha() for c in text.raw) >= 12:
            yield self.finding(ctx, text.field, text.index, 0, len(text.raw), text.raw)

    def _all_caps_words(self, ctx: Context, text: FieldText) -> Iterable[Finding]:
        if text.raw.isupper():
            return  # a title written all in capitals is the other check's finding
        found = text.words
        caps = [i for i, (_, _, word) in enumerate(found) if word.isupper()]
        if not caps:
            return
        brand = self._brand_words(ctx)
        leading = _leading_caps_run(found) if not brand and text.field == "title" else 0
        for i in caps:
            if i < leading:
                continue
            start, end, word = found[i]
            if len(word) < self.rule.min_letters or _has_digit(word):
                continue
            if sum(c.isalpha() for c in word) < self.rule.min_letters:
                continue
            if word.casefold() in self.allow or word.casefold() in brand:
                continue
            fix = self.make_fix(self.rule.fix, text, [(start, end)])
            yield self.finding(ctx, text.field, text.index, start, end, text.raw, fix=fix)

    def _title_case(self, ctx: Context, text: FieldText) -> Iterable[Finding]:
        minor = self._minor.get(ctx.language, frozenset())
        brand: set[str] | None = None
        for position, (start, end, word) in enumerate(text.words):
            if not word[0].islower():
                continue
            if not word.islower() or _has_digit(word):
                continue  # iPhone, eBay, x2: names and models keep their own form
            if brand is None:
                brand = self._brand_words(ctx)
            folded = word.casefold()
            if (position > 0 and folded in minor) or folded in self.allow or folded in brand:
                continue
            if start > 0 and text.raw[start - 1] in "-/'.":
                continue  # "T-shirt", "and/or" and similar compounds
            fix = self.make_fix(self.rule.fix, text, [(start, end)])
            yield self.finding(ctx, text.field, text.index, start, end, text.raw, fix=fix)


_DIGIT = regex.compile(r"\d")


def _has_digit(word: str) -> bool:
    return _DIGIT.search(word) is not None


def _leading_caps_run(found: list[tuple[int, int, str]], limit: int = 3) -> int:
    """With no brand cell, capitals that open a title are most likely the brand ("LEGO", "DIAMOND SELECT TOYS")."""
    run = 0
    for _start, _end, word in found[:limit]:
        if not word.isupper():
            break
        run += 1
    return run if run < len(found) else 0


def has_column(listing: Listing, field_name: str) -> bool:
    """Whether the listing's file has a column for the field (attributes: any attribute column)."""
    if field_name == "attributes":
        return bool(listing.attributes)
    if listing.locator is None:  # built in code (rule examples, the API): every field is there
        return True
    return listing.cell(field_name, None) is not None


class RequiredChecker(Checker):
    rule: RequiredRule

    def check(self, ctx: Context) -> Iterable[Finding]:
        rule = self.rule
        for field_name in rule.fields:
            if rule.skip_without_column and not has_column(ctx.listing, field_name):
                continue
            items = [t for t in ctx.field_texts(field_name) if t.raw.strip()]
            params = {"count": len(items), "min": rule.min_count, "max": rule.max_count}
            if len(items) < rule.min_count:
                yield self.finding(ctx, field_name, None, params=params)
            elif rule.max_count is not None and len(items) > rule.max_count:
                extra = items[rule.max_count]
                yield self.finding(ctx, field_name, extra.index, 0, len(extra.raw), extra.raw, params)


class FormulaChecker(Checker):
    """One formula check on the title's tagging (computed once per listing by the rule set)."""

    rule: FormulaRule

    def check(self, ctx: Context) -> Iterable[Finding]:
        tagging = ctx.tagging
        if tagging is None:
            return ()
        check: Callable[[Context, Tagging], Iterable[Finding]] = getattr(self, "_" + self.rule.check)
        return check(ctx, tagging)

    def _found(self, ctx: Context, span: Span | None, **params: Any) -> Finding:
        title = ctx.listing.title
        detail = {"check": self.rule.check}
        if span is None:
            return self.finding(ctx, "title", None, params=params, detail=detail)
        return self.finding(ctx, "title", None, span.start, span.end, title, params, detail=detail)

    def _candidates(self, tagging: Tagging, kinds: list[tuple[str, str | None]], engine: Any) -> str:
        lexicon = engine.lexicon(tagging.language) if engine is not None else None
        if lexicon is None:
            return ""
        words: list[str] = []
        for role, kind in kinds:
            for word in lexicon.candidates(role, kind, tagging.category, self.rule.suggest):
                if word not in words and len(words) < self.rule.suggest:
                    words.append(word)
        return ", ".join(words)

    def _core(self, ctx: Context, tagging: Tagging) -> Iterable[Finding]:
        if tagging.core is None:
            yield self._found(ctx, None, candidates=self._candidates(tagging, [("core", None)], ctx.engine))

    def _core_position(self, ctx: Context, tagging: Tagging) -> Iterable[Finding]:
        core = tagging.core
        if core is None:
            return
        brand_end = max((s.end for s in tagging.spans if s.role == "brand" and s.end <= core.start), default=0)
        limit = self.rule.max_core_start_cjk if tagging.language in ("zh", "ja") else self.rule.max_core_start
        if core.start - brand_end > limit:
            yield self._found(ctx, core, limit=limit)

    def _attribute(self, ctx: Context, tagging: Tagging) -> Iterable[Finding]:
        if tagging.core is not None and not tagging.roles("attribute"):
            kinds: list[tuple[str, str | None]] = [("attribute", "material"), ("attribute", "feature")]
            yield self._found(ctx, None, candidates=self._candidates(tagging, kinds, ctx.engine))

    def _scene(self, ctx: Context, tagging: Tagging) -> Iterable[Finding]:
        if tagging.core is not None and not tagging.roles("scene"):
            kinds: list[tuple[str, str | None]] = [("scene", "use"), ("scene", "audience"), ("scene", "place")]
            yield self._found(ctx, None, candidates=self._candidates(tagging, kinds, ctx.engine))

    def _stuffing(self, ctx: Context, tagging: Tagging) -> Iterable[Finding]:
        core = tagging.core
        if core is None:
            return
        own = core.categories
        unrelated: dict[str, Span] = {}
        for span in tagging.spans:
            if span.role == "context" and span.categories and not (span.categories & own):
                unrelated.setdefault(span.text.casefold(), span)
        if len(unrelated) > self.rule.max_unrelated:
            yield self._found(ctx, next(iter(unrelated.values())), count=len(unrelated))

    def _filler(self, ctx: Context, tagging: Tagging) -> Iterable[Finding]:
        words = [s for s in tagging.spans if s.role != "brand" and s.kind != "number"]
        if len(words) < 4:
            return
        # Capitalised words and model codes the lexicon does not know are names, not filler.
        empty = [s for s in words if s.role == "filler" or (s.role == "unknown" and not _looks_like_a_name(s.text))]
        share = len(empty) / len(words)
        if share > self.rule.max_share:
            yield self._found(ctx, None, share=f"{share:.0%}", limit=f"{self.rule.max_share:.0%}")

    def _order(self, ctx: Context, tagging: Tagging) -> Iterable[Finding]:
        """A scene phrase in a part of the title before the product's part ("Gift for Her - Mug").

        Inside the product's own phrase a scene word is a modifier ("Men's Running Shoes",
        "户外露营灯"): head-final languages put it there, so it is not reported.
        """
        core = tagging.core
        if core is None:
            return
        title = ctx.listing.title
        core_part = _part(title, core.start)
        for span in tagging.roles("scene"):
            if span.role != "scene:compatibility" and span.end <= core.start and _part(title, span.start) < core_part:
                yield self._found(ctx, span)
                return


_PART_BREAK = regex.compile(r"[,;|:()\[\]【】（）《》，。、]|\s[-–—/]\s")


def _part(title: str, position: int) -> int:
    """Which comma-, dash- or bracket-separated part of the title a position falls in."""
    return len(_PART_BREAK.findall(title, 0, position))


def _looks_like_a_name(word: str) -> bool:
    return word[:1].isupper() or any(c.isdigit() for c in word)


class BuiltinChecker(Checker):
    """Input checks run while reading; the engine only carries their text."""

    def check(self, ctx: Context) -> Iterable[Finding]:
        return ()


CHECKERS: dict[str, type[Checker]] = {
    "length": LengthChecker,
    "existence": ExistenceChecker,
    "pattern": PatternChecker,
    "repetition": RepetitionChecker,
    "capitalization": CapitalizationChecker,
    "required": RequiredChecker,
    "formula": FormulaChecker,
    "builtin": BuiltinChecker,
}
