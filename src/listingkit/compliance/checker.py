"""The `brand` rule kind: reports each brand, character or franchise use in the situation a rule names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from listingkit.compliance.brands import BrandIndex, Hit, brand_index, exact_steps, gap_is_short
from listingkit.compliance.iplexicon import IpEntry
from listingkit.compliance.skeleton import fold_name
from listingkit.models import Finding
from listingkit.rules.kinds import Checker, Context, FieldText, TermHit
from listingkit.rules.loader import LoadedRule
from listingkit.rules.schema import BrandRule

# A field's text with the names, compatibility phrases and counterfeit phrases found in it.
Found = tuple[FieldText, list[Hit], list[TermHit], list[TermHit]]


@dataclass(slots=True)
class Use:
    situation: str
    text: FieldText
    hit: Hit
    allowance: str
    phrase: str | None = None  # the compatibility or counterfeit phrase next to the name


class BrandChecker(Checker):
    rule: BrandRule

    def __init__(self, loaded: LoadedRule, checker_id: int) -> None:
        super().__init__(loaded, checker_id)
        self.index: BrandIndex = brand_index(
            loaded.keyword_dirs, self.rule.lexicon, tuple(self.rule.counterfeit_terms_files)
        )

    def terms(self) -> list[tuple[str, bool]]:
        return [(t, False) for t in self.index.terms()]

    @property
    def has_terms(self) -> bool:
        return True

    def size(self) -> str:
        lexicon = self.index.lexicon
        kinds = Counter(e.kind for e in lexicon.entries)
        names = sum(len(e.names()) for e in lexicon.entries)
        return (
            f"{len(lexicon.entries)} lexicon entries ({kinds['brand']} brands, {kinds['character']} characters, "
            f"{kinds['franchise']} franchises; {names} names with aliases) from {len(lexicon.files)} files, "
            f"{len(self.index.counterfeit)} counterfeit phrases, {len(self.index.compatibility)} compatibility phrases"
        )

    def check(self, ctx: Context) -> Iterable[Finding]:
        key = ("brand-uses", id(self.index), tuple(self.rule.fields))
        uses: list[Use] | None = ctx.shared.get(key)
        if uses is None:
            uses = BrandUses(self.index, ctx, self.id, self.rule).judge()
            ctx.shared[key] = uses
        for use in uses:
            if use.situation != self.rule.situation:
                continue
            hit, entry = use.hit, use.hit.entry
            detail = {
                "entry": entry.name,
                "kind": entry.kind,
                "owner": entry.owner,
                "alias": hit.alias,
                "normalisation": hit.steps,
                "allowance": use.allowance,
            }
            if use.phrase:
                detail["phrase"] = use.phrase
            params = {"entry": entry.name, "owner": entry.owner}
            yield self.finding(
                ctx, use.text.field, use.text.index, hit.start, hit.end, use.text.raw, params=params, detail=detail
            )


class BrandUses:
    """Every brand use in one listing, judged once for all brand rules."""

    def __init__(self, index: BrandIndex, ctx: Context, checker_id: int, rule: BrandRule) -> None:
        self.index = index
        self.ctx = ctx
        self.checker_id = checker_id
        self.rule = rule
        self._classes: frozenset[str] | None = None

    def judge(self) -> list[Use]:
        found: list[Found] = []
        for field_name in self.rule.fields:
            for text in self.ctx.field_texts(field_name):
                found.append((text, *self._hits(text)))
        own, why = self._own_owners(found)
        present = {h.entry.owner for _, hits, _, _ in found for h in hits if not h.entry.common_word}
        uses = []
        for text, hits, compat, counterfeit in found:
            for hit in hits:
                use = self._judge(text, hit, compat, counterfeit, own, why, present)
                if use is not None:
                    uses.append(use)
        return uses

    # --- finding names ----------------------------------------------------------------------------

    def _hits(self, text: FieldText) -> tuple[list[Hit], list[TermHit], list[TermHit]]:
        term_hits = self.ctx.term_hits.get(self.checker_id, {}).get((text.field, text.index), [])
        hits: list[Hit] = []
        compat: list[TermHit] = []
        counterfeit: list[TermHit] = []
        for th in term_hits:
            if th.term in self.index.compatibility:
                compat.append(th)
            if th.term in self.index.counterfeit:
                counterfeit.append(th)
            for entry, alias in self.index.exact.get(th.term, ()):
                start, end = text.norm.raw_span(th.start, th.end)
                written = text.raw[start:end]
                steps = [] if written.isascii() else exact_steps(written, alias)
                hits.append(Hit(entry, alias, start, end, steps))
        hits.extend(self.index.evasion_hits(text.raw))
        if text.field in self.rule.fuzzy_fields:
            taken = [(h.start, h.end) for h in hits]
            words = [w for w in text.words if not any(w[0] < e and s < w[1] for s, e in taken)]
            languages = tuple(dict.fromkeys(("en", self.ctx.language if self.ctx.language != "und" else "en")))
            hits.extend(self.index.fuzzy_hits(text.raw, words, languages))
        return _longest(hits), compat, counterfeit

    # --- the listing's own brand --------------------------------------------------------------------

    def _own_owners(self, found: list[Found]) -> tuple[set[str], str]:
        listing = self.ctx.listing
        names = [n for n in [listing.brand, *self.ctx.own_brands] if n and n.strip()]
        owners = self.index.lexicon.owners_of(names)
        if listing.brand.strip():
            return owners, f"not the listing's own brand ('{listing.brand.strip()}')"
        for text, hits, _, _ in found:
            if text.field != "title":
                continue
            lead = len(text.raw) - len(text.raw.lstrip())
            for hit in hits:
                if hit.start == lead and hit.entry.kind == "brand" and not hit.steps:
                    owners.add(hit.entry.owner)
        return owners, "the brand column is empty and the title does not start with this brand"

    # --- judging one use ----------------------------------------------------------------------------

    def _judge(
        self,
        text: FieldText,
        hit: Hit,
        compat: list[TermHit],
        counterfeit: list[TermHit],
        own: set[str],
        why_not_own: str,
        present: set[str],
    ) -> Use | None:
        entry = hit.entry
        written = text.raw[hit.start : hit.end]
        if not self._plausible(text, hit, written):
            return None
        # A copy of a brand is reported even when the brand column names it.
        phrase = self._near(text, hit, counterfeit, before=True) or self._near(text, hit, counterfeit, before=False)
        if phrase:
            return Use("counterfeit", text, hit, f"named next to the counterfeit phrase '{phrase}'", phrase)
        if entry.owner in own:
            return None
        compat_phrase = self._near(text, hit, compat, before=True)
        if entry.common_word and not self._evidence(entry, written, compat_phrase, present):
            return None
        if compat_phrase:
            if entry.compatible and entry.kind == "brand":
                allowance = f"after '{compat_phrase}': naming what a product fits"
                return Use("compatibility-allowed", text, hit, allowance, compat_phrase)
            return Use(
                "compatibility-infringing",
                text,
                hit,
                f"after '{compat_phrase}', but {entry.name} is not a device or part brand that products fit",
                compat_phrase,
            )
        if entry.kind == "brand":
            return Use("third-party", text, hit, why_not_own)
        return Use("character", text, hit, "a character or franchise needs a licence even when named first")

    def _plausible(self, text: FieldText, hit: Hit, written: str) -> bool:
        """Short all-letter names need capitals, and no number may come right before them (5 HP)."""
        name = fold_name(hit.alias)
        if hit.steps:
            return True
        if len(name) <= 3 and name.isascii():
            if not written.isupper():
                return False
            before = text.raw[: hit.start].rstrip()
            if before and before[-1].isdigit():
                return False
        return True

    def _evidence(self, entry: IpEntry, written: str, compat_phrase: str | None, present: set[str]) -> bool:
        """A common-word name counts only when written as a name and the listing is in its trade."""
        if written[:1].isalpha() and written[:1].islower() and written.isascii():
            return False
        if compat_phrase:
            return True
        if entry.owner in present:  # the owner's unambiguous names are in the listing too (Apple iPhone)
            return True
        return bool(self._listing_classes() & set(entry.classes))

    def _listing_classes(self) -> frozenset[str]:
        if self._classes is None:
            category = self._category()
            self._classes = self.index.lexicon.category_classes.get(category or "", frozenset())
        return self._classes

    def _category(self) -> str | None:
        ctx = self.ctx
        if ctx.tagging is not None:
            return ctx.tagging.category
        if ctx.engine is None:
            return None
        listing = ctx.listing
        category = ctx.engine.category_id(listing.category_raw, ctx.language)
        tagging = ctx.engine.tag(listing.title, ctx.language, listing.brand, category)
        return tagging.category if tagging else category  # type: ignore[no-any-return]

    def _near(self, text: FieldText, hit: Hit, phrases: list[TermHit], before: bool) -> str | None:
        for th in phrases:
            start, end = text.norm.raw_span(th.start, th.end)
            if before and end <= hit.start and gap_is_short(text.raw[end : hit.start]):
                return text.raw[start:end]
            if not before and start >= hit.end and gap_is_short(text.raw[hit.end : start]):
                return text.raw[start:end]
        return None


def _longest(hits: list[Hit]) -> list[Hit]:
    """One name per place: the longest; for one span named by several entries, the strongest."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.entry.common_word, h.fuzzy, h.entry.kind != "brand"))
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept
