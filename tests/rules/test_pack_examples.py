"""Every rule's `examples: {pass, fail}` run as tests, the way `listingkit rules explain` shows them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from listingkit.audit import rules_language
from listingkit.language import detect
from listingkit.marketplaces import shipped_marketplaces
from listingkit.models import Listing
from listingkit.rules.loader import LoadedRule, load_rules
from listingkit.rules.ruleset import RuleSet, _applies
from tests.conftest import AS_OF

RULES = load_rules()
LIST_FIELDS = ("bullets", "images", "search_terms", "tags")


def example_marketplace(loaded: LoadedRule, example: dict[str, Any]) -> str:
    if "marketplace" in example:
        return str(example["marketplace"])
    for mid in shipped_marketplaces().profiles:
        if _applies(loaded, mid):
            return mid
    raise AssertionError(f"rule {loaded.rule.code} applies to no marketplace")


def build_listing(example: str | dict[str, Any], marketplace: str) -> Listing:
    fields = {"title": example} if isinstance(example, str) else dict(example)
    fields.pop("marketplace", None)
    fields.pop("language", None)
    listing = Listing(file="example", row=1, line=2, end_line=2, sku="EXAMPLE", marketplace=marketplace)
    for name, value in fields.items():
        if name == "attributes":
            listing.attributes = dict(value)
        elif name == "category":
            listing.category_raw = value
        elif name in LIST_FIELDS:
            setattr(listing, name, [value] if isinstance(value, str) else list(value))
        else:
            setattr(listing, name, value)
    return listing


def cases() -> list[Any]:
    out = []
    for loaded in RULES:
        rule = loaded.rule
        for verdict, examples in (("pass", rule.examples.pass_), ("fail", rule.examples.fail)):
            for i, example in enumerate(examples):
                ident = f"{loaded.pack}:{rule.code}:{verdict}{i}"
                out.append(pytest.param(loaded, verdict, example, id=ident))
    return out


_SETS: dict[dt.date, RuleSet] = {}


def ruleset_on(day: dt.date) -> RuleSet:
    if day not in _SETS:
        _SETS[day] = RuleSet(RULES, day)
    return _SETS[day]


@pytest.mark.parametrize(("loaded", "verdict", "example"), cases())
def test_example(loaded: LoadedRule, verdict: str, example: str | dict[str, Any]) -> None:
    rule = loaded.rule
    info = example if isinstance(example, dict) else {}
    marketplace = example_marketplace(loaded, info)
    day = AS_OF
    if (rule.effective_to and day >= rule.effective_to) or (rule.effective_from and day < rule.effective_from):
        day = rule.effective_from or AS_OF
    ruleset = ruleset_on(day)
    listing = build_listing(example, marketplace)
    detected = str(info.get("language") or detect(listing.title).code)
    language = rules_language(listing, detected, shipped_marketplaces().languages(marketplace))
    tagging = ruleset.tag(listing, language)
    findings = [f for f in ruleset.check(listing, language, tagging) if f.code == rule.code]
    if verdict == "pass":
        assert not findings, f"{rule.code} fired on a pass example: {[(f.match, f.message) for f in findings]}"
    else:
        assert findings, f"{rule.code} did not fire on a fail example on {marketplace}"
        for f in findings:
            if f.start is not None and f.field:
                items = dict(listing.text_items(f.field))
                raw = items.get(f.index)
                assert raw is not None and raw[f.start : f.end] == f.match


def test_every_non_builtin_rule_has_examples() -> None:
    missing = [
        f"{r.pack}:{r.rule.code}"
        for r in RULES
        if r.rule.kind != "builtin"  # type: ignore[attr-defined]
        and not (r.rule.examples.pass_ and r.rule.examples.fail)
        and r.rule.marketplaces is None
    ]
    assert not missing, f"rules without pass and fail examples: {missing}"
