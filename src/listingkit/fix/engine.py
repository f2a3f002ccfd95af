"""Applying fixes to a listing: choose by applicability and field, apply non-overlapping edits,
audit again, repeat until nothing more applies (with a cap), the way ruff fixes source files."""

from __future__ import annotations

import fnmatch
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from listingkit.models import LIST_FIELDS, Applicability, Category, Edit, Finding, Listing
from listingkit.rules.ruleset import finalise
from listingkit.text import tidy_spacing

# Fields whose cell is the field's text as written, so an edit maps back to the cell.
# Descriptions read from HTML (Shopify) are converted text and never fixed.
DEFAULT_FIELDS = frozenset({"title", "seo_title"})
FIXABLE_FIELDS = frozenset({"title", "seo_title", "seo_description", "bullets", "search_terms", "tags", "description"})
MAX_PASSES = 5
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class FixOptions:
    unsafe: bool = False
    fields: frozenset[str] = DEFAULT_FIELDS
    no_new_words: bool = False
    max_passes: int = MAX_PASSES
    # (marketplace pattern, template) pairs; the first that matches a listing's marketplace is used.
    templates: tuple[tuple[str, str], ...] = ()

    def template_for(self, marketplace: str) -> str | None:
        return next((t for pattern, t in self.templates if fnmatch.fnmatchcase(marketplace, pattern)), None)

    def allows(self, applicability: Applicability) -> bool:
        if applicability is Applicability.SAFE:
            return True
        return applicability is Applicability.UNSAFE and self.unsafe


@dataclass(slots=True)
class AppliedFix:
    code: str
    title: str
    field: str
    index: int | None
    before: str
    after: str


@dataclass(slots=True)
class FixedListing:
    """A listing after fixing: the new text of each changed item, what was applied, what remains."""

    listing: Listing
    original: dict[tuple[str, int | None], str]
    changed: dict[tuple[str, int | None], str] = field(default_factory=dict)
    applied: list[AppliedFix] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # after fixing
    score_before: int | None = None
    score_after: int | None = None
    passes: int = 0
    blocked: list[str] = field(default_factory=list)  # why a change was not kept

    @property
    def fixed_codes(self) -> Counter[str]:
        return Counter(a.code for a in self.applied)


def field_value(listing: Listing, name: str, index: int | None) -> str:
    if name in LIST_FIELDS:
        items: list[str] = getattr(listing, name)
        return items[index] if index is not None and 0 <= index < len(items) else ""
    return str(getattr(listing, name, "") or "")


def set_field_value(listing: Listing, name: str, index: int | None, value: str) -> None:
    if name in LIST_FIELDS:
        items: list[str] = getattr(listing, name)
        if index is not None and 0 <= index < len(items):
            items[index] = value
        return
    setattr(listing, name, value)


def applicable(findings: list[Finding], options: FixOptions, read_only: frozenset[str]) -> list[Finding]:
    """Findings whose fix may be applied: allowed applicability, every edit in an allowed field."""
    out = []
    for f in findings:
        fix = f.fix
        if fix is None or not fix.edits or not options.allows(fix.applicability):
            continue
        if all(e.field in options.fields and e.field not in read_only for e in fix.edits):
            out.append(f)
    return out


def _apply_edits(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return tidy_spacing(text)


def words_of(listing: Listing) -> set[str]:
    """Every word of every field of the listing, case-folded: --no-new-words allows only these."""
    out: set[str] = set()
    for name in ("title", "description", "brand", "seo_title", "seo_description", *LIST_FIELDS):
        for _, text in listing.text_items(name):
            out.update(w.casefold() for w in _TOKEN.findall(text))
    for key, value in listing.attributes.items():
        out.update(w.casefold() for w in _TOKEN.findall(f"{key} {value}"))
    return out


def fix_listing(
    listing: Listing,
    findings: list[Finding],
    score: int | None,
    audit: Callable[[Listing], tuple[list[Finding], int | None]],
    options: FixOptions,
    read_only: frozenset[str] = frozenset(),
) -> FixedListing:
    """Fix one listing in passes: apply every non-overlapping allowed fix, audit again, repeat."""
    known_words = words_of(listing) if options.no_new_words else set()
    result = FixedListing(listing, {}, score_before=score, score_after=score, findings=findings)
    # Findings about the record itself (a duplicate SKU found across the file) survive re-auditing.
    carried = [f for f in findings if f.category is Category.INPUT]
    for _ in range(options.max_passes):
        chosen = applicable(result.findings, options, read_only)
        if not chosen:
            break
        if not _apply_pass(result, chosen, known_words, options):
            break
        result.passes += 1
        found, result.score_after = audit(listing)
        result.findings = finalise([*carried, *(f for f in found if f.category is not Category.INPUT)], listing)
    return result


def _apply_pass(result: FixedListing, chosen: list[Finding], known: set[str], options: FixOptions) -> bool:
    """Apply the chosen fixes whose edits do not overlap one already taken; True when anything changed."""
    listing = result.listing
    taken: dict[tuple[str, int | None], list[Edit]] = {}
    owners: dict[tuple[str, int | None], list[Finding]] = {}
    for finding in sorted(chosen, key=lambda f: -f.severity.rank):
        assert finding.fix is not None
        edits = finding.fix.edits
        if any(_overlaps(e, taken.get((e.field, e.index), [])) for e in edits):
            continue  # left for the next pass, judged on the text the others leave
        for e in edits:
            taken.setdefault((e.field, e.index), []).append(e)
            found = owners.setdefault((e.field, e.index), [])
            if finding not in found:
                found.append(finding)
    changed = False
    for key, edits in taken.items():
        name, index = key
        before = field_value(listing, name, index)
        after = _apply_edits(before, edits)
        if after == before:
            continue
        if options.no_new_words and _new_words(after, known):
            result.blocked.append(f"{name}: a fix would add words the listing does not have")
            continue
        result.original.setdefault(key, before)
        set_field_value(listing, name, index, after)
        result.changed[key] = after
        for finding in owners[key]:
            assert finding.fix is not None
            result.applied.append(AppliedFix(finding.code, finding.fix.title, name, index, before, after))
        changed = True
    return changed


def _overlaps(edit: Edit, others: list[Edit]) -> bool:
    return any((edit.start < o.end and o.start < edit.end) or edit.start == o.start for o in others)


def _new_words(text: str, known: set[str]) -> bool:
    return any(w.casefold() not in known for w in _TOKEN.findall(text))
