"""Rule kinds of the detail page: images, repeated text, stated elements, identifiers, duplicates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, utils

from listingkit.detail.duplicates import DuplicateIndex
from listingkit.detail.elements import ElementFinder
from listingkit.detail.identifiers import declares_no_identifier, gtin_problem, gtin_values, has_mpn
from listingkit.detail.images import LocalImages, duplicate_key, extension, inspect_image, is_local, reference_problem
from listingkit.models import Finding
from listingkit.rules.kinds import Checker, Context, FieldText, has_column
from listingkit.rules.schema import DuplicateRule, ElementRule, HtmlRule, IdentifierRule, ImageRule, SimilarityRule
from listingkit.text import word_starts

REFERENCE_PROBLEMS = {
    "malformed": "it is not a well-formed URL",
    "scheme": "it is not an http or https URL",
}


@dataclass(slots=True)
class DetailServices:
    """What detail rules share across a run: the element finder, local images, the duplicate index."""

    elements: ElementFinder
    images: LocalImages | None = None
    duplicates: DuplicateIndex | None = None

    def set_images_dir(self, folder: Path | None) -> None:
        self.images = LocalImages(folder) if folder is not None else None


def _services(ctx: Context) -> DetailServices:
    services = ctx.detail
    assert isinstance(services, DetailServices)
    return services


class ImageChecker(Checker):
    rule: ImageRule

    def check(self, ctx: Context) -> Iterable[Finding]:
        rule = self.rule
        images = [t for t in ctx.field_texts("images") if t.raw.strip()]
        if rule.check == "reference":
            for item in images:
                problem = reference_problem(item.raw.strip())
                if problem is not None:
                    params = {"problem": REFERENCE_PROBLEMS.get(problem, problem)}
                    yield self.finding(ctx, "images", item.index, 0, len(item.raw), item.raw, params)
        elif rule.check == "extension":
            allowed = {e.casefold().lstrip(".") for e in rule.extensions}
            for item in images:
                found = extension(item.raw.strip())
                if found is not None and found not in allowed:
                    params = {"extension": found, "allowed": ", ".join(rule.extensions)}
                    yield self.finding(ctx, "images", item.index, 0, len(item.raw), item.raw, params)
        elif rule.check == "duplicate":
            seen: dict[str, int] = {}
            for item in images:
                key = duplicate_key(item.raw.strip())
                first = seen.setdefault(key, item.index or 0)
                if first != item.index:
                    where = {"first": first + 1, "position": (item.index or 0) + 1}
                    yield self.finding(ctx, "images", item.index, 0, len(item.raw), item.raw, where)
        else:
            yield from self._local(
                ctx, [t for t in images if t.index == 0] if rule.check != "local_missing" else images
            )

    def _local(self, ctx: Context, images: list[FieldText]) -> Iterable[Finding]:
        """Checks of files in --images-dir; silent without it (listingkit never downloads images)."""
        local = _services(ctx).images
        rule = self.rule
        if local is None:
            return
        for item in images:
            ref, index, raw = item.raw.strip(), item.index, item.raw
            path = local.resolve(ref)
            if path is None:
                # A URL missing from the folder is simply not downloaded; a file reference must be there.
                if rule.check == "local_missing" and is_local(ref):
                    params = {"problem": f"no such file in the images folder ({local.why_unresolved(ref)})"}
                    yield self.finding(ctx, "images", index, 0, len(raw), raw, params)
                continue
            facts = inspect_image(path)
            if facts.error is not None:
                if rule.check == "local_missing":
                    params = {"problem": "the file cannot be opened as an image"}
                    yield self.finding(ctx, "images", index, 0, len(raw), raw, params)
                continue
            measured: dict[str, Any] = {
                "width": facts.width,
                "height": facts.height,
                "min_longest_side": rule.min_longest_side,
                "min_shortest_side": rule.min_shortest_side,
                "white": round(facts.white_border * 100),
                "min_white": round(rule.min_white * 100),
                "min_ratio": rule.min_ratio,
                "max_ratio": rule.max_ratio,
            }
            if self._fails(facts.width, facts.height, facts.white_border):
                yield self.finding(ctx, "images", index, 0, len(raw), raw, measured)

    def _fails(self, width: int, height: int, white: float) -> bool:
        rule = self.rule
        if rule.check == "main_size":
            longest, shortest = max(width, height), min(width, height)
            return (rule.min_longest_side is not None and longest < rule.min_longest_side) or (
                rule.min_shortest_side is not None and shortest < rule.min_shortest_side
            )
        if rule.check == "main_background":
            return white < rule.min_white
        if rule.check == "main_ratio" and height:
            ratio = width / height
            low, high = rule.min_ratio * (1 - rule.ratio_tolerance), rule.max_ratio * (1 + rule.ratio_tolerance)
            return not low <= ratio <= high
        return False


def _folded(text: str) -> str:
    """Lower case, punctuation gone: "Dishwasher safe (top rack)" is "top rack dishwasher safe" reordered."""
    return utils.default_process(text)


class SimilarityChecker(Checker):
    rule: SimilarityRule

    def check(self, ctx: Context) -> Iterable[Finding]:
        rule = self.rule
        for field_name in rule.fields:
            items = [t for t in ctx.field_texts(field_name) if len(t.raw.strip()) >= rule.min_length]
            if rule.compare_to == "self":
                kept: list[tuple[int, str]] = []
                for item in items:
                    text = _folded(item.raw)
                    # score_cutoff lets rapidfuzz give up early on texts that cannot reach it.
                    cutoff = rule.min_similarity
                    other = next(
                        (i for i, t in kept if fuzz.token_sort_ratio(text, t, score_cutoff=cutoff) >= cutoff), None
                    )
                    if other is not None:
                        params = {"other": other + 1, "position": (item.index or 0) + 1}
                        yield self.finding(ctx, field_name, item.index, 0, len(item.raw), item.raw, params)
                    else:
                        kept.append((item.index or 0, text))
                continue
            target = " ".join(t.raw for t in ctx.field_texts(rule.compare_to))
            if not target.strip():
                continue
            folded_target = _folded(target)
            for item in items:
                score = fuzz.token_sort_ratio(_folded(item.raw), folded_target, score_cutoff=rule.min_similarity)
                if score >= rule.min_similarity:
                    params = {"similarity": round(score), "position": (item.index or 0) + 1}
                    yield self.finding(ctx, field_name, item.index, 0, len(item.raw), item.raw, params)


class ElementChecker(Checker):
    rule: ElementRule

    def check(self, ctx: Context) -> Iterable[Finding]:
        rule = self.rule
        if rule.categories is not None:
            category = ctx.tagging.category if ctx.tagging is not None else None
            if category is None and ctx.engine is not None:
                category = ctx.engine.category_id(ctx.listing.category_raw, ctx.language)
            if category not in rule.categories:
                return
        # A file of titles alone (no bullets, description or attributes) has no detail page to judge.
        if not any(has_column(ctx.listing, f) for f in rule.fields if f != "title"):
            return
        texts = [
            (t.field, t.index, t.raw, t.norm)
            for f in rule.fields
            for t in ctx.field_texts(f)
            # An attribute is "name: value"; a blank column states nothing by its name alone.
            if f != "attributes" or t.raw.partition(":")[2].strip()
        ]
        if _services(ctx).elements.states(ctx.listing, ctx.language, texts, rule.element, ctx.shared):
            return
        element = _services(ctx).elements.elements[rule.element]
        params = {"element": element.label_in("en"), "element_zh": element.label_in("zh")}
        yield self.finding(ctx, None, None, params=params, detail={"element": rule.element})


class IdentifierChecker(Checker):
    rule: IdentifierRule

    def check(self, ctx: Context) -> Iterable[Finding]:
        rule = self.rule
        listing = ctx.listing
        if rule.check == "gtin_valid":
            for name, value in gtin_values(listing):
                problem = gtin_problem(value)
                if problem is not None:
                    yield self._on_attribute(ctx, name, value, {"problem": problem, "attribute": name})
        elif rule.check == "gtin_or_mpn":
            if not gtin_values(listing) and not has_mpn(listing) and not declares_no_identifier(listing):
                yield self.finding(ctx, "attributes", None)
        else:
            wanted = {a.casefold() for a in rule.attributes}
            if not any(k.casefold() in wanted and v.strip() for k, v in listing.attributes.items()):
                yield self.finding(ctx, "attributes", None, params={"attributes": ", ".join(rule.attributes)})

    def _on_attribute(self, ctx: Context, name: str, value: str, params: dict[str, object]) -> Finding:
        # The attribute's column is the cell; the finding quotes its value without a span.
        finding = self.finding(ctx, "attributes", None, params=params)
        finding.match = value
        locator = ctx.listing.locator
        cell = locator.attribute_cell(name) if locator is not None else None
        if cell is not None:
            finding.column = cell.column
        return finding


_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
# Ways a page hides text from shoppers while search engines may still read it.
_HIDDEN_STYLE = re.compile(
    r"\bstyle\s*=\s*[\"'][^\"']*?(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\s*(?:[;\"'])"
    r"|(?<![-\w])color\s*:\s*(?:#fff(?:fff)?|white|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))\s*[;\"'])"
    r"|<[a-z][^>]*\shidden(?:\s*=\s*[\"']?hidden[\"']?)?[\s>/]",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
# A comment with this many words is hidden copy; shorter ones are markup (Shopify's <!-- split -->).
MIN_HIDDEN_COMMENT_WORDS = 4


def _hidden(raw: str) -> re.Match[str] | None:
    for m in _COMMENT.finditer(raw):
        if len(word_starts(m.group(1))) >= MIN_HIDDEN_COMMENT_WORDS:
            return m
    return _HIDDEN_STYLE.search(raw)


def raw_cell(ctx: Context, field_name: str, index: int | None, fallback: str) -> str:
    """The cell as the file holds it: formats that turn HTML into text (Shopify) keep the HTML there."""
    listing = ctx.listing
    cell = listing.cell(field_name, index)
    if cell is None or cell.offset or index is not None:
        return fallback
    value = listing.raw.get(cell.column)
    return value if value is not None else fallback


class HtmlChecker(Checker):
    rule: HtmlRule

    def check(self, ctx: Context) -> Iterable[Finding]:
        rule = self.rule
        allowed = {t.casefold() for t in rule.allowed_tags}
        for field_name in rule.fields:
            for text in ctx.field_texts(field_name):
                raw = raw_cell(ctx, field_name, text.index, text.raw)
                if "<" not in raw:
                    continue
                if rule.check == "tags":
                    bad = [m for m in _TAG.finditer(raw) if m.group(2).casefold() not in allowed]
                    if bad:
                        names = list(dict.fromkeys(m.group(2).casefold() for m in bad))
                        first = bad[0]
                        params = {"count": len(bad)}
                        detail = {"tags": names}
                        yield self.finding(
                            ctx, field_name, text.index, first.start(), first.end(), raw, params, detail=detail
                        )
                else:
                    hidden = _hidden(raw)
                    if hidden is not None:
                        yield self.finding(ctx, field_name, text.index, hidden.start(), hidden.end(), raw)


class DuplicateChecker(Checker):
    rule: DuplicateRule

    def check(self, ctx: Context) -> Iterable[Finding]:
        index = _services(ctx).duplicates
        if index is None:
            return
        copies = index.copies_of(ctx.listing)
        if not copies:
            return
        title = ctx.listing.title
        same_file = all(c.file == ctx.listing.file for c in copies)
        where = ", ".join(f"row {c.row}" if same_file else f"{Path(c.file).name} row {c.row}" for c in copies[:10])
        if len(copies) > 10:
            where += f" and {len(copies) - 10} more"
        params = {"count": len(copies), "rows": where}
        detail = {"duplicates": [c.as_dict() for c in copies]}
        yield self.finding(ctx, "title", None, 0, len(title), title, params, detail=detail)


DETAIL_CHECKERS: dict[str, type[Checker]] = {
    "image": ImageChecker,
    "similarity": SimilarityChecker,
    "element": ElementChecker,
    "identifier": IdentifierChecker,
    "duplicate": DuplicateChecker,
    "html": HtmlChecker,
}
