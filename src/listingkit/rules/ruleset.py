"""A compiled set of rules: one automaton for every term of every pack, checkers per marketplace."""

from __future__ import annotations

import datetime as dt
import fnmatch
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from listingkit import segment
from listingkit.compliance.checker import BrandChecker
from listingkit.detail.checkers import DETAIL_CHECKERS, DetailServices, ElementChecker
from listingkit.detail.elements import ElementFinder
from listingkit.errors import ConfigError, PackError
from listingkit.formula.engine import FormulaEngine
from listingkit.formula.tagger import Tagging
from listingkit.glossary import Glossary
from listingkit.i18n import _
from listingkit.localisation.checker import LocaleChecker
from listingkit.marketplaces import GENERIC, Marketplaces, shipped_marketplaces
from listingkit.models import Finding, Listing, Severity, assign_fingerprints
from listingkit.resources import keywords_dir
from listingkit.rules.kinds import CHECKERS, Checker, Context
from listingkit.rules.loader import LoadedRule, load_rules
from listingkit.rules.terms import TermAutomata
from listingkit.text import has_cjk


def selector_matches(loaded: LoadedRule, selector: str) -> bool:
    """--select/--ignore accept a code, a code prefix, a rule name, a category or a pack name."""
    rule = loaded.rule
    s = selector.strip()
    return (
        rule.code.startswith(s.upper())
        or rule.name == s.lower()
        or rule.category.value == s.lower()
        or loaded.pack == s.lower()
    )


@dataclass(slots=True)
class _Active:
    checkers: list[Checker]
    term_fields: set[str] = field(default_factory=set)
    ids: frozenset[int] = frozenset()  # the term sources of the active checkers
    formula: bool = False  # the title is tagged (formula rules, or element rules limited to categories)
    formula_rules: bool = False


def widen(rules: list[LoadedRule], selectors: list[str]) -> list[LoadedRule]:
    """Rules chosen by config `apply_everywhere` (China's Advertising Law on an Amazon catalog) run on
    every marketplace. A code with variants per marketplace already covers them all and is left alone."""
    if not selectors:
        return rules
    variants = Counter(r.rule.code for r in rules)
    out = []
    for loaded in rules:
        if variants[loaded.rule.code] == 1 and any(selector_matches(loaded, s) for s in selectors):
            rule = loaded.rule.model_copy(update={"marketplaces": ["*"], "except_marketplaces": []})
            loaded = replace(loaded, rule=rule, pack_marketplaces=("*",))
        out.append(loaded)
    return out


def _applies(loaded: LoadedRule, marketplace: str) -> bool:
    rule = loaded.rule
    if any(fnmatch.fnmatchcase(marketplace, p) for p in rule.except_marketplaces):
        return False
    patterns = loaded.marketplaces
    if marketplace == GENERIC:
        return "*" in patterns or GENERIC in patterns
    return any(fnmatch.fnmatchcase(marketplace, p) for p in patterns)


def _overlap(a: LoadedRule, b: LoadedRule) -> bool:
    """Whether two variants can be in effect on the same day."""
    a_from, a_to = a.rule.effective_from or dt.date.min, a.rule.effective_to or dt.date.max
    b_from, b_to = b.rule.effective_from or dt.date.min, b.rule.effective_to or dt.date.max
    return a_from < b_to and b_from < a_to


def _in_effect(loaded: LoadedRule, as_of: dt.date) -> bool:
    rule = loaded.rule
    if rule.effective_from and as_of < rule.effective_from:
        return False
    return not (rule.effective_to and as_of >= rule.effective_to)


class RuleSet:
    def __init__(
        self,
        rules: list[LoadedRule],
        as_of: dt.date,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        severity_overrides: dict[str, Severity] | None = None,
        marketplaces: Marketplaces | None = None,
        lang: str = "en",
        lexicon_dirs: tuple[Path, ...] = (),
        own_brands: Iterable[str] = (),
        everywhere: Iterable[str] = (),
    ) -> None:
        self.as_of = as_of
        self.own_brands = tuple(own_brands)
        rules = widen(rules, list(everywhere))
        self.lang = lang
        self.formula = FormulaEngine(lexicon_dirs)
        self.marketplaces = marketplaces or shipped_marketplaces()
        self.all_rules = rules
        select, ignore = list(select), list(ignore)
        chosen = [
            r
            for r in rules
            if (not select or any(selector_matches(r, s) for s in select))
            and not any(selector_matches(r, s) for s in ignore)
        ]
        self.rules = chosen
        self.severity_overrides = severity_overrides or {}
        kinds: dict[str, type[Checker]] = {
            **CHECKERS,
            **DETAIL_CHECKERS,
            "brand": BrandChecker,
            "locale": LocaleChecker,
        }
        self.checkers: list[Checker] = [kinds[r.rule.kind](r, i) for i, r in enumerate(chosen)]  # type: ignore[attr-defined]
        glossary = Glossary.load(lang, [keywords_dir(), *lexicon_dirs])
        for checker in self.checkers:
            checker.lang = lang
            checker.glossary = glossary
        self.detail = DetailServices(ElementFinder(self.formula, lexicon_dirs))
        # Locale rules judge the language of every text field, not only the title's.
        self.locale_fields = any(r.rule.category.value == "locale" for r in chosen)
        self._check_elements_exist()
        self._build_automaton()
        self._active: dict[str, _Active] = {}
        self._check_one_variant_per_marketplace()

    @classmethod
    def load(
        cls,
        as_of: dt.date,
        rule_dirs: list[Path] | None = None,
        lexicon_dirs: list[Path] | None = None,
        **kwargs: Any,
    ) -> RuleSet:
        return cls(load_rules(rule_dirs, lexicon_dirs), as_of, lexicon_dirs=tuple(lexicon_dirs or ()), **kwargs)

    def _check_elements_exist(self) -> None:
        known = self.detail.elements.elements
        for checker in self.checkers:
            if isinstance(checker, ElementChecker) and checker.rule.element not in known:
                raise PackError(
                    _("{name}: rule {code}: unknown element '{element}' (elements: {value})").format(
                        name=checker.loaded.source.name,
                        code=checker.rule.code,
                        element=checker.rule.element,
                        value=", ".join(sorted(known)),
                    )
                )

    def needs_duplicates(self) -> bool:
        """Whether a duplicate-listing rule is chosen: the audit then indexes the catalog first."""
        return any(c.rule.kind == "duplicate" for c in self.checkers)  # type: ignore[attr-defined]

    def _check_one_variant_per_marketplace(self) -> None:
        """Two variants of one code on one marketplace would report everything twice."""
        for marketplace in [GENERIC, *self.marketplaces.profiles]:
            owner: dict[str, LoadedRule] = {}
            for loaded in self.rules:
                if not _applies(loaded, marketplace):
                    continue
                other = owner.setdefault(loaded.rule.code, loaded)
                if other is not loaded and _overlap(other, loaded):
                    raise PackError(
                        _(
                            "{name}: rule {code}: applies to {marketplace} like its variant in {name2}; "
                            "narrow one with marketplaces or except_marketplaces"
                        ).format(
                            name=loaded.source.name,
                            code=loaded.rule.code,
                            marketplace=marketplace,
                            name2=other.source.name,
                        )
                    )

    def _build_automaton(self) -> None:
        automata = TermAutomata()
        for checker in self.checkers:
            checker.term_source = automata.source_for(checker.id, checker.term_group())
            if checker.term_source == checker.id:
                automata.add(checker.id, checker.terms())
        automata.compile()
        self._automata = automata if automata.size else None
        self.term_count = automata.size

    def active(self, marketplace: str) -> _Active:
        cached = self._active.get(marketplace)
        if cached is None:
            checkers = [
                c
                for c in self.checkers
                if c.rule.kind != "builtin"  # type: ignore[attr-defined]
                and _applies(c.loaded, marketplace)
                and _in_effect(c.loaded, self.as_of)
            ]
            term_fields: set[str] = {f for c in checkers if c.has_terms for f in c.rule.fields}
            # Element rules limited to categories need the title's category, hence its tagging.
            formula = any(
                c.rule.kind == "formula" or (isinstance(c, ElementChecker) and c.rule.categories is not None)  # type: ignore[attr-defined]
                for c in checkers
            )
            formula_rules = any(c.rule.kind == "formula" for c in checkers)  # type: ignore[attr-defined]
            sources = frozenset(c.term_source for c in checkers)
            cached = _Active(checkers, term_fields, sources, formula, formula_rules)
            self._active[marketplace] = cached
        return cached

    def rules_for(self, marketplace: str) -> list[LoadedRule]:
        return [c.loaded for c in self.active(marketplace).checkers]

    def warm_up_segmenters(self, marketplace: str) -> None:
        """Load the Chinese segmenters the active rules use: the tagger's for formula rules, and the
        one that keeps Chinese terms whole for rules with such terms (brand names, ad-law words)."""
        active = self.active(marketplace)
        terms = any(has_cjk(term) for c in active.checkers if c.has_terms for term, _ in c.terms())
        segment.warm_up(tagger=active.formula, terms=terms)

    def tag(self, listing: Listing, language: str) -> Tagging | None:
        """The title's formula tagging, when formula rules run for the listing's marketplace."""
        if not self.active(listing.marketplace).formula:
            return None
        category = self.formula.category_id(listing.category_raw, language)
        return self.formula.tag(listing.title, language, listing.brand, category)

    def context(self, listing: Listing, language: str, tagging: Tagging | None = None) -> Context:
        """What every checker of one listing shares: its texts, term hits and the run's services."""
        marketplace = listing.marketplace
        profile = self.marketplaces.profiles.get(marketplace)
        ctx = Context(listing, marketplace, profile.name if profile else marketplace, language, tagging, self.formula)
        ctx.own_brands = self.own_brands
        ctx.detail = self.detail
        return ctx

    def check(
        self, listing: Listing, language: str, tagging: Tagging | None = None, languages: dict[str, Any] | None = None
    ) -> list[Finding]:
        return self.check_batch([(listing, language, tagging, languages)])[0]

    def check_batch(
        self, batch: Sequence[tuple[Listing, str, Tagging | None, dict[str, Any] | None]]
    ) -> list[list[Finding]]:
        """Each listing's findings. Each rule runs over the whole batch before the next one (its
        tables stay in the processor's cache), and over each listing in the same order as alone."""
        contexts: list[tuple[_Active, Context]] = []
        for listing, language, tagging, languages in batch:
            ctx = self.context(listing, language, tagging)
            # What locale rules compare: each field's identified language and the market's languages.
            ctx.shared["languages"] = languages or {}
            ctx.shared["expected_languages"] = self.marketplaces.languages(listing.marketplace)
            contexts.append((self.active(listing.marketplace), ctx))
        if self._automata is not None:
            for active, ctx in contexts:
                if active.term_fields:
                    self._find_terms(ctx, active)
        findings: list[list[Finding]] = [[] for _ in contexts]
        # Listings of one marketplace share their active rules; a catalog usually has one.
        by_active: dict[int, list[int]] = {}
        for number, (active, _ctx) in enumerate(contexts):
            by_active.setdefault(id(active), []).append(number)
        for numbers in by_active.values():
            for checker in contexts[numbers[0]][0].checkers:
                for number in numbers:
                    findings[number].extend(checker.check(contexts[number][1]))
        if self.severity_overrides:
            for f in itertools.chain.from_iterable(findings):
                f.severity = self.severity_overrides.get(f.code, f.severity)
        return findings

    def _find_terms(self, ctx: Context, active: _Active) -> None:
        assert self._automata is not None
        for field_name in active.term_fields:
            for text in ctx.field_texts(field_name):
                key = (field_name, text.index)
                for source, hit in self._automata.find(text.norm.text, active.ids):
                    ctx.term_hits[source][key].append(hit)


def finalise(findings: list[Finding], listing: Listing) -> list[Finding]:
    """Sort findings by position and give each its fingerprint."""
    findings.sort(key=lambda f: (-f.severity.rank, f.field or "", f.index or 0, f.start or 0, f.code))
    assign_fingerprints(findings, listing.marketplace, listing.identity_key())
    return findings


def parse_severity_overrides(raw: dict[str, str]) -> dict[str, Severity]:
    out = {}
    for code, level in raw.items():
        try:
            out[code.upper()] = Severity(level)
        except ValueError:
            raise ConfigError(
                _("severity for {code}: '{level}' is not one of error, warning, info").format(code=code, level=level)
            ) from None
    return out
