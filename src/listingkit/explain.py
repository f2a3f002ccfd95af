"""`rules list`, `rules explain` and `marketplaces`: the rule packs shown to people and programs."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from listingkit.errors import ListingkitError
from listingkit.i18n import _
from listingkit.marketplaces import GENERIC
from listingkit.rules.loader import LoadedRule
from listingkit.rules.ruleset import RuleSet, _applies, _in_effect
from listingkit.rules.schema import LengthRule, RequiredRule


def _scope(loaded: LoadedRule) -> str:
    text = ", ".join(loaded.marketplaces)
    if loaded.rule.except_marketplaces:
        text += " except " + ", ".join(loaded.rule.except_marketplaces)
    return text


def rule_record(loaded: LoadedRule) -> dict[str, Any]:
    rule = loaded.rule
    return {
        "code": rule.code,
        "name": rule.name,
        "kind": rule.kind,  # type: ignore[attr-defined]
        "category": rule.category.value,
        "severity": rule.severity.value,
        "pack": loaded.pack,
        "marketplaces": list(loaded.marketplaces),
        "except_marketplaces": rule.except_marketplaces,
        "fields": list(rule.fields),
        "official": rule.official,
        "effective_from": rule.effective_from.isoformat() if rule.effective_from else None,
        "effective_to": rule.effective_to.isoformat() if rule.effective_to else None,
        "link": rule.link,
        "message": rule.message.en,
    }


def list_rules(ruleset: RuleSet, marketplace: str | None, fmt: str, console: Console) -> None:
    rules = ruleset.rules_for(marketplace) if marketplace else ruleset.rules
    if fmt == "json":
        console.print_json(json.dumps([rule_record(r) for r in rules], ensure_ascii=False))
        return
    title = f"Rules for {marketplace} on {ruleset.as_of}" if marketplace else "All rules"
    table = Table(title=title, header_style="bold")
    for name in ("code", "name", "category", "severity", "pack", "marketplaces"):
        table.add_column(name)
    for r in sorted(rules, key=lambda r: (r.rule.code, r.pack)):
        table.add_row(r.rule.code, r.rule.name, r.rule.category.value, r.rule.severity.value, r.pack, _scope(r))
    console.print(table)
    console.print(f"{len(rules)} rules. `listingkit rules explain CODE` shows one in full.")


def explain_rule(ruleset: RuleSet, code: str, lang: str, console: Console) -> None:
    wanted = code.strip()
    variants = [r for r in ruleset.all_rules if r.rule.code == wanted.upper() or r.rule.name == wanted.lower()]
    if not variants:
        raise ListingkitError(
            _("no rule with code or name '{code}'; `listingkit rules list` shows them all").format(code=code)
        )
    first = variants[0].rule
    console.print(Text(f"{first.code} {first.name}", style="bold"))
    console.print(f"kind: {first.kind}   category: {first.category.value}")  # type: ignore[attr-defined]
    for loaded in variants:
        rule = loaded.rule
        console.print()
        console.print(Text(f"pack {loaded.pack} — {_scope(loaded)}", style="bold cyan"))
        console.print(f"severity: {rule.severity.value}" + ("" if rule.official else " (third-party source)"))
        details = _numbers(loaded)
        if details:
            console.print(details)
        if rule.effective_from or rule.effective_to:
            console.print(
                f"in effect: from {rule.effective_from or 'always'}"
                + (f" to {rule.effective_to}" if rule.effective_to else "")
            )
        description = rule.description.zh if lang == "zh" and rule.description.zh else rule.description.en
        message = rule.message.zh if lang == "zh" and rule.message.zh else rule.message.en
        console.print(Text(description.strip()))
        console.print(Text("message: ", style="dim") + Text(message))
        if rule.link:
            console.print(Text("source: ", style="dim") + Text(rule.link))
        size = _pack_size(ruleset, loaded)
        if size:
            console.print(Text("size: ", style="dim") + Text(size))
        for verdict, examples in (("passes", rule.examples.pass_), ("fails", rule.examples.fail)):
            for example in examples:
                shown = example if isinstance(example, str) else json.dumps(example, ensure_ascii=False)
                style = "green" if verdict == "passes" else "red"
                console.print(Text(f"  {verdict}: ", style=style) + Text(shown))


def _numbers(loaded: LoadedRule) -> str:
    rule = loaded.rule
    if isinstance(rule, LengthRule):
        bounds = []
        if rule.min is not None:
            bounds.append(f"min {rule.min}")
        if rule.max is not None:
            bounds.append(f"max {rule.max}")
        return f"limit: {' '.join(bounds)} {rule.unit} ({rule.scope})"
    if isinstance(rule, RequiredRule):
        out = f"count: at least {rule.min_count}"
        return out + (f", at most {rule.max_count}" if rule.max_count is not None else "")
    return ""


def _pack_size(ruleset: RuleSet, loaded: LoadedRule) -> str:
    for checker in ruleset.checkers:
        if checker.loaded is loaded:
            return checker.size()
    return ""


def list_marketplaces(ruleset: RuleSet, fmt: str, console: Console) -> None:
    registry = ruleset.marketplaces
    numbers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for mid in registry.profiles:
        for loaded in ruleset.all_rules:
            rule = loaded.rule
            if not isinstance(rule, LengthRule | RequiredRule):
                continue
            if not _applies(loaded, mid) or not _in_effect(loaded, ruleset.as_of):
                continue
            if mid != GENERIC and "*" in loaded.marketplaces:
                continue  # shared topic rules are not a marketplace's own numbers
            numbers[mid].append(
                {
                    "code": rule.code,
                    "name": rule.name,
                    "limit": _numbers(loaded),
                    "official": rule.official,
                    "source": rule.link,
                }
            )
    if fmt == "json":
        records = [
            {"id": p.id, "name": p.name, "aliases": p.aliases, "languages": p.languages, "numbers": numbers[p.id]}
            for p in registry.profiles.values()
        ]
        console.print_json(json.dumps(records, ensure_ascii=False))
        return
    table = Table(title="Marketplaces", header_style="bold", show_lines=True)
    for name in ("id", "aliases", "languages", "numbers and their sources"):
        table.add_column(name, overflow="fold")
    for profile in registry.profiles.values():
        lines = [
            f"{n['code']} {n['limit']}" + ("" if n["official"] else " [third-party]") + f"\n  {n['source']}"
            for n in numbers[profile.id]
        ]
        table.add_row(
            profile.id,
            ", ".join(profile.aliases),
            ", ".join(profile.languages),
            "\n".join(lines) or "no published numbers (shared rules only)",
        )
    console.print(table)


def list_formats(fmt: str, console: Console) -> None:
    from listingkit.formats import FORMATS
    from listingkit.io.sources import SUPPORTED_SUFFIXES

    records: list[dict[str, Any]] = [
        {
            "name": f.name,
            "title": f.title,
            "groups_records": f.groups_records,
            # Aliases normalise alike ("search terms", "search_terms"): list each once.
            "columns": {field: list(dict.fromkeys(names)) for field, names in f.aliases.items() if names},
            "attributes": dict(f.attribute_aliases),
        }
        for f in FORMATS
    ]
    if fmt == "json":
        console.print_json(json.dumps({"formats": records, "file_types": list(SUPPORTED_SUFFIXES)}, ensure_ascii=False))
        return
    table = Table(title="Catalog formats", header_style="bold", show_lines=True)
    for name in ("name", "format", "columns read (field: headers)"):
        table.add_column(name, overflow="fold")
    for record in records:
        columns: str = "\n".join(f"{field}: {', '.join(names)}" for field, names in record["columns"].items())
        if record["attributes"]:
            columns += "\nattributes: " + ", ".join(record["attributes"])
        title = str(record["title"]) + (" (records grouped into products)" if record["groups_records"] else "")
        table.add_row(str(record["name"]), title, columns)
    console.print(table)
    console.print(
        f"File types: {', '.join(SUPPORTED_SUFFIXES)}. The format is detected from the header; "
        "--input-format NAME forces one."
    )


def explain_one_title(
    ruleset: RuleSet, title: str, marketplace: str, brand: str, category: str, fmt: str, console: Console
) -> None:
    from listingkit.audit import Auditor
    from listingkit.catalog import ReadOptions
    from listingkit.models import Listing
    from listingkit.report.terminal import TerminalReport

    listing = Listing(file="<title>", row=1, line=None, end_line=None, sku=None, marketplace=marketplace)
    listing.title, listing.brand, listing.category_raw = title, brand, category
    record = Auditor(ruleset, ReadOptions()).audit_listing(listing, []).as_dict()
    if fmt == "json":
        console.print_json(json.dumps(record, ensure_ascii=False))
        return
    TerminalReport(console, show_clean=True).listing(record)
    formula = record["formula"]
    if formula is None:
        console.print(Text(f"No formula lexicon for language '{record['language']}'.", style="dim"))
        return
    table = Table(header_style="bold")
    table.add_column("word")
    table.add_column("role")
    for span in formula["structure"]:
        table.add_row(span["text"], span["role"])
    console.print(table)
    console.print(f"language {record['language']}, category {record['category'] or 'unknown'}")
