"""Keyword research in an audit: one phrase index per language, budgets per marketplace, findings."""

from __future__ import annotations

from typing import Any

from listingkit.compliance.brands import variants
from listingkit.compliance.checker import BrandChecker
from listingkit.formula.tagger import Tagging
from listingkit.keywords.gap import Budget, Gap, KeywordIndex, analyse
from listingkit.keywords.importers import KeywordPhrase
from listingkit.models import Applicability, Category, Edit, Finding, Fix, Listing
from listingkit.rules.kinds import ExistenceChecker, finding_from_rule
from listingkit.rules.loader import LoadedRule
from listingkit.rules.ruleset import RuleSet, _applies, _in_effect
from listingkit.rules.schema import LengthRule
from listingkit.text import has_cjk, normalise

# Below this coverage (0-100) a listing gets LK-K803.
LOW_COVERAGE = 50
BLOCKING_CATEGORIES = (Category.PROHIBITED, Category.CLAIMS, Category.ADLAW)


class KeywordResearch:
    def __init__(self, phrases: list[KeywordPhrase], ruleset: RuleSet) -> None:
        self.phrases = phrases
        self.ruleset = ruleset
        self._indexes: dict[str, KeywordIndex] = {}
        self._budgets: dict[str, Budget] = {}
        self._blocked = _blocked_terms(ruleset)
        self._rules = {r.rule.code: r for r in ruleset.rules if r.rule.category is Category.KEYWORDS}

    def index(self, language: str) -> KeywordIndex:
        language = language if language not in ("und", "") else "en"
        if language not in self._indexes:
            self._indexes[language] = KeywordIndex(self.phrases, self.ruleset.formula, language, self._blocked)
        return self._indexes[language]

    def gap(self, listing: Listing, tagging: Tagging | None, language: str) -> Gap:
        if language in ("und", ""):
            # A title no model could place is read with the broadest lexicon of its script.
            language = "zh" if has_cjk(listing.title) else "en"
        if tagging is None:
            category = self.ruleset.formula.category_id(listing.category_raw, language)
            tagging = self.ruleset.formula.tag(listing.title, language, listing.brand, category)
        return analyse(listing, tagging, language, self.index(language), self.budget(listing.marketplace))

    def budget(self, marketplace: str) -> Budget:
        if marketplace not in self._budgets:
            self._budgets[marketplace] = _budget(self.ruleset, marketplace)
        return self._budgets[marketplace]

    def findings(self, listing: Listing, gap: Gap) -> list[Finding]:
        out = []
        for suggestion in gap.suggested:
            code = "LK-K801" if suggestion["placement"] == "title" else "LK-K802"
            params = {
                "phrase": suggestion["phrase"],
                "volume": f"{suggestion['volume']:,}",
                "added": ", ".join(f"'{w}'" for w in suggestion["added_words"]),
            }
            finding = self._finding(code, listing, "title" if code == "LK-K801" else "search_terms", params)
            if finding is not None:
                finding.detail = dict(suggestion)
                finding.fix = _insertion(listing, code, suggestion["added_words"])
                out.append(finding)
        if gap.score is not None and gap.score < LOW_COVERAGE:
            finding = self._finding("LK-K803", listing, None, {"score": gap.score})
            if finding is not None:
                out.append(finding)
        return out

    def _finding(self, code: str, listing: Listing, field_name: str | None, params: dict[str, Any]) -> Finding | None:
        loaded = self._rules.get(code)
        if loaded is None or not _applies(loaded, listing.marketplace) or not _in_effect(loaded, self.ruleset.as_of):
            return None
        cell = listing.cell(field_name, None) if field_name else None
        return finding_from_rule(
            loaded,
            params,
            field_name,
            cell.column if cell else None,
            listing.row,
            listing.line,
            listing.end_line,
            listing.marketplace,
            self.ruleset.lang,
            listing.sheet_row,
        )


def _insertion(listing: Listing, code: str, words: list[str]) -> Fix | None:
    """The missing words added at the end of the title, or of the last search-term line (unsafe:
    the seller decides whether the phrase describes the product)."""
    if not words:
        return None
    addition = " ".join(words)
    if code == "LK-K801":
        end = len(listing.title)
        edit = Edit("title", None, end, end, (" " if listing.title.strip() else "") + addition)
    elif listing.search_terms:
        index = len(listing.search_terms) - 1
        end = len(listing.search_terms[index])
        edit = Edit("search_terms", index, end, end, (" " if end else "") + addition)
    else:
        return None
    return Fix(f"Add {addition}", Applicability.UNSAFE, [edit])


def _budget(ruleset: RuleSet, marketplace: str) -> Budget:
    """The title's length limit (LK-T101) and the search terms' limit (LK-D201) in force there."""
    title: LoadedRule | None = None
    terms: LoadedRule | None = None
    for loaded in ruleset.all_rules:
        if not _applies(loaded, marketplace) or not _in_effect(loaded, ruleset.as_of):
            continue
        if loaded.rule.code == "LK-T101":
            title = loaded
        elif loaded.rule.code == "LK-D201":
            terms = loaded
    budget = Budget()
    if title is not None and isinstance(title.rule, LengthRule):
        budget = Budget(title.rule.max, title.rule.unit, budget.search_terms_max, budget.search_terms_unit)
    if terms is not None and isinstance(terms.rule, LengthRule):
        limit = terms.rule.max - 1 if terms.rule.max is not None else None  # "under 250 bytes"
        budget = Budget(budget.title_max, budget.title_unit, limit, terms.rule.unit)
    return budget


def _blocked_terms(ruleset: RuleSet) -> dict[str, str]:
    """Names of brands, characters and franchises, and prohibited, claim and ad-law terms."""
    terms: dict[str, str] = {}
    for checker in ruleset.checkers:
        if isinstance(checker, BrandChecker):
            for entry in checker.index.lexicon.entries:
                if entry.common_word:
                    continue
                for name in entry.names():
                    for form in variants(name):
                        terms.setdefault(form, f"names the {entry.kind} {entry.name}")
        elif isinstance(checker, ExistenceChecker) and (
            checker.rule.category in BLOCKING_CATEGORIES or checker.rule.name == "other-marketplace-name"
        ):
            for term, exception in checker.terms():
                if not exception:
                    terms.setdefault(normalise(term).text, f"contains the {checker.rule.category.value} term")
    return terms
