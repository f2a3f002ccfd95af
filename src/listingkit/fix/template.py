"""Rewriting a title in a template's order: "{brand} {core} {attributes} {scene}".

The words are the title's own, grouped by their formula roles; a group the template does not
name keeps its words at the end. Only short lower-case filler words (with, and, of), which
joined phrases the new order separates, are left out. The brand cell fills {brand} when the
title does not name the brand (a word of the listing's own fields, so --no-new-words holds).
"""

from __future__ import annotations

import re

from listingkit.errors import ListingkitError
from listingkit.formula.tagger import Span, Tagging
from listingkit.i18n import _
from listingkit.text import has_cjk, tidy_spacing

PLACEHOLDERS = ("brand", "core", "attributes", "scene", "context", "rest")
_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")


def check_template(template: str) -> str:
    names = _PLACEHOLDER.findall(template)
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown or "core" not in names:
        what = f"unknown placeholder {{{unknown[0]}}}" if unknown else "it needs {core}"
        raise ListingkitError(
            _("--title-template {template!r}: {what} (placeholders: {value})").format(
                template=template, what=what, value=", ".join(PLACEHOLDERS)
            )
        )
    return template


def _group(span: Span, core: Span | None, brand: str) -> str:
    if span is core:
        return "core"
    role = span.role.split(":", 1)[0]
    if role == "brand" or (brand and span.text.casefold() == brand.casefold()):
        return "brand"
    if role == "filler" and span.text.islower() and len(span.text) <= 4:
        return "drop"  # with, and, the, of: they joined words the new order separates
    if role in ("attribute", "scene", "context"):
        return {"attribute": "attributes"}.get(role, role)
    return "rest"


def _join(words: list[str]) -> str:
    out = ""
    for word in words:
        if out and not (has_cjk(out[-1]) and has_cjk(word[:1])):
            out += " "
        out += word
    return out


def rewrite(title: str, tagging: Tagging, template: str, brand: str = "") -> str | None:
    """The title in the template's order, or None when the tagging has no core word."""
    if tagging.core is None or not tagging.spans:
        return None
    groups: dict[str, list[str]] = {name: [] for name in (*PLACEHOLDERS, "drop")}
    for span in tagging.spans:
        groups[_group(span, tagging.core, brand.strip())].append(title[span.start : span.end])
    if not groups["brand"] and brand.strip() and brand.strip().casefold() not in title.casefold():
        groups["brand"].append(brand.strip())
    named = set(_PLACEHOLDER.findall(template))
    # Words of groups the template does not name go to {rest}, or to the end without one.
    leftover = [w for name in PLACEHOLDERS if name not in named and name != "rest" for w in groups[name]]
    if "rest" in named:
        groups["rest"] = [*groups["rest"], *leftover]
        leftover = []
    else:
        leftover = [*leftover, *groups["rest"]]
    text = _PLACEHOLDER.sub(lambda m: _join(groups[m.group(1)]), template)
    if leftover:
        text = f"{text} {_join(leftover)}"
    text = tidy_spacing(text)
    if has_cjk(title):
        # Chinese titles carry no spaces between Han words: keep only those around Latin words.
        text = re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", text)
    return text
