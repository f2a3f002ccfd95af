"""What a detail page states: material, colour, dimensions, package contents, warranty, certifications ...

The elements and the words that state them are data (`keywords/detail/*.yaml`, and a `detail/`
folder in the user's lexicon folders). An element counts as stated when an attribute column
named for it has a value, or when one of its cue phrases, its patterns or (for material and
colour) a word of the title lexicons appears in the fields a rule names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from listingkit.errors import PackError
from listingkit.formula.engine import FormulaEngine
from listingkit.i18n import _
from listingkit.models import Listing
from listingkit.resources import keywords_dir
from listingkit.rules.loader import read_yaml
from listingkit.rules.terms import WordMatcher
from listingkit.text import Normalised, normalise

# Elements whose values are title-lexicon words of these attribute types ("cotton" states a material).
LEXICON_TYPES = {"material": ("material",), "color": ("color",)}
# Cue languages searched besides the listing's own: English is the lingua franca of detail pages.
ALWAYS = ("any", "en")
ELEMENT_KEYS = {"label", "attribute_keys", "terms", "patterns", "patterns_need_digits", "lexicon_types"}
_DIGIT = re.compile(r"\d")  # any decimal digit, full-width ones too, like the patterns' own


@dataclass(frozen=True, slots=True)
class Element:
    id: str
    label: dict[str, str]
    attribute_keys: frozenset[str]
    terms: dict[str, tuple[str, ...]]
    patterns: tuple[re.Pattern[str], ...]
    lexicon_types: tuple[str, ...] = ()
    patterns_need_digits: bool = False

    def label_in(self, lang: str) -> str:
        return self.label.get(lang) or self.label.get("en") or self.id


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an element is stated: a field (and item), a span of the raw text, or an attribute column."""

    element: str
    field: str
    index: int | None
    start: int | None
    end: int | None
    text: str


def attribute_key(name: str) -> str:
    """Attribute and column names compared without case, underscores or repeated spaces."""
    return " ".join(name.casefold().replace("_", " ").replace("-", " ").split())


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(_("{where}: expected a list of strings").format(where=where))
    return [v for v in value if v.strip()]


def _element(element_id: str, raw: Any, source: Path) -> Element:
    where = f"{source.name}: element {element_id}"
    if not isinstance(raw, dict):
        raise PackError(_("{where}: expected a mapping").format(where=where))
    unknown = set(raw) - ELEMENT_KEYS
    if unknown:
        raise PackError(_("{where}: unknown key '{value}'").format(where=where, value=sorted(unknown)[0]))
    label = raw.get("label") or {"en": element_id.replace("_", " ")}
    if isinstance(label, str):
        label = {"en": label}
    terms_raw = raw.get("terms") or {}
    if not isinstance(terms_raw, dict):
        raise PackError(_("{where}: terms: expected a mapping of language to phrases").format(where=where))
    patterns = []
    for text in _strings(raw.get("patterns"), f"{where}: patterns"):
        try:
            patterns.append(re.compile(text, re.IGNORECASE))
        except re.error as exc:
            raise PackError(_("{where}: pattern {text!r}: {exc}").format(where=where, text=text, exc=exc)) from None
    return Element(
        id=element_id,
        label={str(k): str(v) for k, v in label.items()},
        attribute_keys=frozenset(attribute_key(k) for k in _strings(raw.get("attribute_keys"), f"{where}: keys")),
        terms={str(lang): tuple(_strings(words, f"{where}: terms: {lang}")) for lang, words in terms_raw.items()},
        patterns=tuple(patterns),
        lexicon_types=tuple(_strings(raw.get("lexicon_types"), where)) or LEXICON_TYPES.get(element_id, ()),
        patterns_need_digits=_flag(raw.get("patterns_need_digits"), f"{where}: patterns_need_digits"),
    )


def _flag(value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise PackError(_("{where}: expected true or false").format(where=where))
    return value


def _merge(old: Element, new: Element) -> Element:
    """A user's file adds cues, keys and patterns to a shipped element of the same id."""
    terms = {lang: tuple(dict.fromkeys([*old.terms.get(lang, ()), *words])) for lang, words in new.terms.items()}
    return Element(
        id=old.id,
        label={**old.label, **new.label},
        attribute_keys=old.attribute_keys | new.attribute_keys,
        terms={**old.terms, **terms},
        patterns=old.patterns + new.patterns,
        lexicon_types=tuple(dict.fromkeys(old.lexicon_types + new.lexicon_types)),
        # A user's patterns may match without a digit unless the user says otherwise.
        patterns_need_digits=new.patterns_need_digits if new.patterns else old.patterns_need_digits,
    )


def element_files(extra_dirs: tuple[Path, ...] = ()) -> list[Path]:
    """The shipped element files, then the user's (whose entries extend the shipped ones)."""
    roots = [keywords_dir() / "detail", *(d / "detail" for d in extra_dirs)]
    return [p for root in roots if root.is_dir() for p in sorted(root.glob("*.yaml"))]


@cache
def load_elements(extra_dirs: tuple[Path, ...] = ()) -> dict[str, Element]:
    elements: dict[str, Element] = {}
    for path in element_files(extra_dirs):
        data = read_yaml(path) or {}
        if not isinstance(data, dict) or not isinstance(data.get("elements", {}), dict):
            raise PackError(_("{name}: expected a mapping with an 'elements' mapping").format(name=path.name))
        for element_id, raw in (data.get("elements") or {}).items():
            element = _element(str(element_id), raw, path)
            elements[element.id] = _merge(elements[element.id], element) if element.id in elements else element
    return elements


def _case_sensitive(term: str) -> bool:
    """Short marks written in capitals (CE, FCC, UL) count only in capitals: French 'ce' is not CE."""
    letters = [c for c in term if c.isalpha()]
    return 0 < len(letters) <= 4 and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True)
class _Cue:
    element: str
    term: str
    case_sensitive: bool


@dataclass(slots=True)
class _Matcher:
    """One automaton over every cue of a language (plus the language-neutral ones)."""

    automaton: WordMatcher
    cues: list[list[_Cue]]


@dataclass(slots=True)
class ElementFinder:
    """Finds the elements a listing states, once per listing, for every element rule that asks."""

    engine: FormulaEngine
    extra_dirs: tuple[Path, ...] = ()
    _matchers: dict[str, _Matcher | None] = field(default_factory=dict)

    @property
    def elements(self) -> dict[str, Element]:
        return load_elements(self.extra_dirs)

    def _lexicon_words(self, language: str, types: tuple[str, ...]) -> list[str]:
        lexicon = self.engine.lexicon(language) if language not in ("any", "und") else None
        if lexicon is None:
            return []
        typed = lexicon.typed_by_category
        # A word the common lexicon files under another attribute type is ambiguous on a page:
        # "warm" is a skin tone among colours but a feature in "warm days".
        other = {
            word
            for (role, kind, category), found in typed.items()
            if role == "attribute" and kind not in types and not category
            for word in found
        }
        return [
            word
            for (role, kind, _category), found in typed.items()
            if role == "attribute" and kind in types
            for word in found
            if word not in other
        ]

    def _matcher(self, language: str) -> _Matcher | None:
        if language in self._matchers:
            return self._matchers[language]
        languages = [language, *ALWAYS] if language != "und" else None
        slots: dict[str, int] = {}
        patterns: list[str] = []
        cues: list[list[_Cue]] = []
        for element in self.elements.values():
            words: list[str] = []
            for lang, terms in element.terms.items():
                if languages is None or lang in languages:
                    words.extend(terms)
            for lang in languages or [language, "en"]:
                words.extend(self._lexicon_words(lang, element.lexicon_types))
            for term in dict.fromkeys(words):
                norm = normalise(term.strip()).text
                if not norm:
                    continue
                slot = slots.get(norm)
                if slot is None:
                    slot = slots[norm] = len(patterns)
                    patterns.append(norm)
                    cues.append([])
                cues[slot].append(_Cue(element.id, term.strip(), _case_sensitive(term.strip())))
        matcher = _Matcher(WordMatcher(patterns), cues) if patterns else None
        self._matchers[language] = matcher
        return matcher

    def find_in_text(self, text: str, language: str, field_name: str = "", index: int | None = None) -> list[Evidence]:
        """Every statement of every element in one text, with raw spans."""
        out = self.cues_in_text(text, language, field_name, index)
        for element in self.elements.values():
            out.extend(self.patterns_in_text(element, text, field_name, index))
        return out

    def cues_in_text(
        self,
        text: str,
        language: str,
        field_name: str = "",
        index: int | None = None,
        norm: Normalised | None = None,
    ) -> list[Evidence]:
        """Statements found by cue phrases and lexicon words: one automaton pass for every element.
        `norm` is the text already normalised by the caller (the rule engine keeps one per field)."""
        return [
            Evidence(cue.element, field_name, index, start, end, text[start:end])
            for cue, start, end in self._cue_matches(text, language, norm)
        ]

    def _cue_elements(self, text: str, language: str, norm: Normalised | None) -> set[str]:
        """The elements whose cues occur in a text, without building the evidence."""
        found: set[str] = set()
        for cue, _start, _end in self._cue_matches(text, language, norm, skip=found):
            found.add(cue.element)
        return found

    def _cue_matches(
        self, text: str, language: str, norm: Normalised | None, skip: set[str] | None = None
    ) -> Iterator[tuple[_Cue, int, int]]:
        """Each cue in a text with its raw span, in one automaton pass; cues of elements in `skip`
        are passed over."""
        matcher = self._matcher(language) if text.strip() else None
        if matcher is None:
            return
        norm = norm or normalise(text)
        for slot, start, end in matcher.automaton.find(norm.text):
            for cue in matcher.cues[slot]:
                if skip and cue.element in skip:
                    continue
                raw_start, raw_end = norm.raw_span(start, end)
                if cue.case_sensitive and text[raw_start:raw_end] != cue.term:
                    continue
                yield cue, raw_start, raw_end

    def patterns_in_text(
        self, element: Element, text: str, field_name: str = "", index: int | None = None, first: bool = False
    ) -> list[Evidence]:
        """Statements found by an element's patterns (measures with units); `first` stops at the first."""
        out: list[Evidence] = []
        if element.patterns_need_digits and not _DIGIT.search(text):
            return out
        for pattern in element.patterns:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    out.append(Evidence(element.id, field_name, index, m.start(), m.end(), m.group()))
                    if first:
                        return out
        return out

    def find(self, listing: Listing, language: str, fields: Iterable[str]) -> dict[str, list[Evidence]]:
        """Evidence per element in the named fields; attribute columns count by their name too."""
        found: dict[str, list[Evidence]] = defaultdict(list)
        for field_name, index, text in self._texts(listing, fields):
            for evidence in self.find_in_text(text, language, field_name, index):
                found[evidence.element].append(evidence)
        for evidence in self._named_attributes(listing, fields):
            found[evidence.element].append(evidence)
        return found

    def _texts(self, listing: Listing, fields: Iterable[str]) -> Iterable[tuple[str, int | None, str]]:
        for field_name in fields:
            if field_name == "attributes":
                for value in listing.attributes.values():
                    if value.strip():
                        yield "attributes", None, value
                continue
            for index, text in listing.text_items(field_name):
                yield field_name, index, text

    def _named_attributes(self, listing: Listing, fields: Iterable[str]) -> list[Evidence]:
        if "attributes" not in fields:
            return []
        out = []
        for name, value in listing.attributes.items():
            if not value.strip():
                continue
            key = attribute_key(name)
            for element in self.elements.values():
                if key in element.attribute_keys:
                    out.append(Evidence(element.id, "attributes", None, None, None, f"{name}: {value}"))
        return out

    def states(
        self,
        listing: Listing,
        language: str,
        texts: Sequence[tuple[str, int | None, str, Normalised | None]],
        element_id: str,
        memo: dict[Any, Any],
    ) -> bool:
        """Whether the listing states one element in these (field, index, raw, normalised) texts.

        Cue phrases of every element are found in one pass and kept in `memo` (one per listing and
        set of fields); an element's patterns run only when its cues found nothing.
        """
        fields = tuple(dict.fromkeys(t[0] for t in texts))
        cues = memo.get(("cues", fields))
        if cues is None:
            cues = set()
            for _field, _index, raw, norm in texts:
                cues |= self._cue_elements(raw, language, norm)
            cues |= {e.element for e in self._named_attributes(listing, ("attributes",))}
            memo[("cues", fields)] = cues
        if element_id in cues:
            return True
        key = ("pattern", fields, element_id)
        if key not in memo:
            element = self.elements[element_id]
            memo[key] = element.patterns != () and any(
                self.patterns_in_text(element, t, f, i, first=True) for f, i, t, _ in texts
            )
        return bool(memo[key])
