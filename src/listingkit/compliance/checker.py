"""The `brand` rule kind: reports each brand, character or franchise use in the situation a rule names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import regex

from listingkit.compliance.brands import (
    MAX_GAP_WORDS,
    BrandIndex,
    Hit,
    brand_index,
    exact_steps,
    fuzzy_candidates,
    gap_is_short,
)
from listingkit.compliance.iplexicon import IpEntry
from listingkit.compliance.skeleton import fold_name
from listingkit.formula.tagger import Tagging
from listingkit.models import Finding
from listingkit.rules.kinds import Checker, Context, FieldText, TermHit, brand_spans
from listingkit.rules.loader import LoadedRule
from listingkit.rules.schema import BrandRule
from listingkit.text import has_cjk

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
        rule = self.rule
        self.index: BrandIndex = brand_index(
            loaded.keyword_dirs,
            rule.lexicon,
            tuple(rule.counterfeit_terms_files),
            tuple(rule.comparison_terms_files),
            tuple(rule.merchandise_terms_files),
            tuple(rule.ingredient_terms),
        )

    def terms(self) -> list[tuple[str, bool]]:
        return [(t, False) for t in self.index.terms()]

    def term_group(self) -> Hashable | None:
        return ("brand", id(self.index))

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
            uses = BrandUses(self.index, ctx, self.term_source, self.rule).judge()
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
            fix = self.make_fix(self.rule.fix, use.text, [(hit.start, hit.end)])
            yield self.finding(
                ctx, use.text.field, use.text.index, hit.start, hit.end, use.text.raw, params, fix, detail
            )


class BrandUses:
    """Every brand use in one listing, judged once for all brand rules."""

    def __init__(self, index: BrandIndex, ctx: Context, checker_id: int, rule: BrandRule) -> None:
        self.index = index
        self.ctx = ctx
        self.checker_id = checker_id
        self.rule = rule
        self._classes: frozenset[str] | None = None
        self._present: set[str] = set()
        # Per field text: comparison phrases ("inspired by") and merchandise words ("doll").
        self._comparison: dict[tuple[str, int | None], list[TermHit]] = {}
        self._merchandise: dict[tuple[str, int | None], list[TermHit]] = {}
        self._ingredient: dict[tuple[str, int | None], list[TermHit]] = {}

    def judge(self) -> list[Use]:
        found: list[Found] = []
        for field_name in self.rule.fields:
            for text in self.ctx.field_texts(field_name):
                found.append((text, *self._hits(text)))
        if not any(hits for _, hits, _, _ in found):
            return []  # most listings name no brand: nothing to judge
        own, why = self._own_owners(found)
        names = [h for _, hits, _, _ in found for h in hits]
        self._present = {h.entry.owner for h in names if not h.entry.common_word}
        self._present |= {h.entry.franchise for h in names if h.entry.franchise and not h.entry.common_word}
        self._present |= {h.entry.name for h in names if h.entry.kind == "franchise" and not h.entry.common_word}
        # Two different names of one owner ("Elsa", "Olaf") vouch for each other.
        by_owner: dict[str, set[str]] = {}
        for h in names:
            by_owner.setdefault(h.entry.owner, set()).add(h.entry.name)
        self._present |= {owner for owner, entries in by_owner.items() if len(entries) > 1}
        uses = []
        for text, hits, compat, counterfeit in found:
            for hit in hits:
                use = self._judge(text, hit, compat, counterfeit, own, why)
                # A word one edit from a device name where naming the device would be allowed
                # anyway says nothing: it is the seller's own word ("Lumio" is not "Lumia").
                if use is not None and not (hit.fuzzy and use.situation == "compatibility-allowed"):
                    uses.append(use)
        return uses

    # --- finding names ----------------------------------------------------------------------------

    def _hits(self, text: FieldText) -> tuple[list[Hit], list[TermHit], list[TermHit]]:
        term_hits = self.ctx.term_hits.get(self.checker_id, {}).get((text.field, text.index), [])
        hits: list[Hit] = []
        for th in term_hits:
            for entry, alias in self.index.exact.get(th.term, ()):
                start, end = text.norm.raw_span(th.start, th.end)
                written = text.raw[start:end]
                steps = [] if written.isascii() else exact_steps(written, alias)
                hits.append(Hit(entry, alias, start, end, steps))
        hits.extend(self.index.evasion_hits(text.raw))
        if text.field in self.rule.fuzzy_fields:
            languages = tuple(dict.fromkeys(("en", self.ctx.language if self.ctx.language != "und" else "en")))
            if self.index.may_have_near_names(text.raw, languages):
                words = fuzzy_candidates(text.raw, lambda: text.words)
                if hits:
                    taken = [(h.start, h.end) for h in hits]
                    words = [w for w in words if not any(w[0] < e and s < w[1] for s, e in taken)]
                hits.extend(self.index.fuzzy_hits(text.raw, words, languages))
        hits = [h for h in hits if self._whole_han_word(text, h)]
        if not hits:  # the phrases below only judge names of the same text
            return hits, [], []
        compat: list[TermHit] = []
        counterfeit: list[TermHit] = []
        where = (text.field, text.index)
        for th in self.index.phrase_hits(text.norm.text):
            if th.term in self.index.compatibility:
                compat.append(th)
            if th.term in self.index.counterfeit:
                counterfeit.append(th)
            if th.term in self.index.comparison:
                self._comparison.setdefault(where, []).append(th)
            if th.term in self.index.ingredient:
                self._ingredient.setdefault(where, []).append(th)
            if th.term in self.index.merchandise:
                self._merchandise.setdefault(where, []).append(th)
        return _longest(hits), compat, counterfeit

    @staticmethod
    def _whole_han_word(text: FieldText, hit: Hit) -> bool:
        """A Chinese name must start a word: 毒液 (Venom) is not a name inside 消毒液, while 芭比 starts
        芭比娃娃 (a Barbie doll)."""
        written = text.raw[hit.start : hit.end]
        if not has_cjk(written) or hit.steps:
            return True
        inside = has_cjk(text.raw[hit.start - 1 : hit.start]) or has_cjk(text.raw[hit.end : hit.end + 1])
        if not inside:
            return True
        bounds = text.word_boundaries
        start, _ = _norm_offsets(text, hit.start, hit.end)
        return start in bounds

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
            lead = _lead(text.raw)
            for hit in hits:
                if hit.entry.kind != "brand" or hit.steps:
                    continue
                if hit.start == lead or _names_the_maker(text.raw, hit):
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
    ) -> Use | None:
        entry = hit.entry
        written = text.raw[hit.start : hit.end]
        if not self._plausible(text, hit, written):
            return None
        # A copy of a brand is reported even when the brand column names it.
        where = (text.field, text.index)
        phrase = (
            self._near(text, hit, counterfeit, before=True)
            or self._near(text, hit, counterfeit, before=False)
            or self._near(text, hit, self._comparison.get(where, []), before=True)
            or self._near(text, hit, self._comparison.get(where, []), before=False)
        )
        if phrase:
            return Use("counterfeit", text, hit, f"named next to the counterfeit phrase '{phrase}'", phrase)
        if entry.owner in own or self._inside_own_brand(text, hit):
            return None
        compat_phrase = self._near(text, hit, compat, before=True)
        # A common-word device name counts as named by a compatibility phrase only right after it:
        # "for Mini Cooper", not "for iPad Mini"; "para pulsera Pandora" still names Pandora.
        named = compat_phrase
        if compat_phrase and entry.compatible:
            named = self._near(text, hit, compat, before=True, words=0)
        if entry.common_word and not self._evidence(text, hit, written, named):
            return None
        if entry.compatible and entry.kind == "brand":
            # A device named anywhere after a compatibility phrase, or in the title of a product
            # that is something else (a case, a cable, a lens protector), says what it fits.
            # A compatibility phrase anywhere in the field makes it an accessory's text ("... 适用苹果").
            anywhere = next(iter(compat), None)
            if anywhere is not None:
                phrase_start, phrase_end = text.norm.raw_span(anywhere.start, anywhere.end)
                phrase_text = text.raw[phrase_start:phrase_end]
                allowance = f"after '{phrase_text}': naming what a product fits"
                return Use("compatibility-allowed", text, hit, allowance, phrase_text)
            part = self._near(text, hit, self._ingredient.get(where, []), before=True)
            if part:
                allowance = f"after '{part}': naming a part or platform the product is built with"
                return Use("compatibility-allowed", text, hit, allowance, part)
            if self._names_another_product(text, hit, entry):
                return Use("compatibility-allowed", text, hit, "names the device the product is made for")
        if compat_phrase:
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

    def _inside_own_brand(self, text: FieldText, hit: Hit) -> bool:
        """A name inside the listing's own brand as written ("Aroma Comfort", "Comfort Couch")."""
        spans = [text.norm.raw_span(s, e) for s, e in brand_spans(text, self.ctx.listing.brand)]
        return any(s <= hit.start and hit.end <= e for s, e in spans)

    def _plausible(self, text: FieldText, hit: Hit, written: str) -> bool:
        """Short all-letter names need capitals, and no number may come right before them (5 HP)."""
        name = fold_name(hit.alias)
        if hit.steps:
            return True
        if len(name) <= 3 and name.isascii() and not has_cjk(text.raw):
            if not written.isupper():
                return False
            before = text.raw[: hit.start].rstrip()
            if before and before[-1].isdigit():
                return False
        return True

    def _evidence(self, text: FieldText, hit: Hit, written: str, compat_phrase: str | None) -> bool:
        """A common-word name counts only when written as a name and something in the listing backs it."""
        entry = hit.entry
        lowercase = written[:1].isalpha() and written[:1].islower() and written.isascii()
        if lowercase and not has_cjk(text.raw):
            return False
        if compat_phrase:
            return True
        if entry.owner in self._present or (entry.franchise and entry.franchise in self._present):
            return True
        merchandise = self._merchandise.get((text.field, text.index), [])
        if MERCHANDISE_CLASSES & set(entry.classes):
            after = self._near(text, hit, merchandise, before=False, words=1)
            if after or self._near(text, hit, merchandise, before=True, words=1):
                return True
        if text.field != "title" or self._is_lexicon_word(hit):
            return False
        return bool(self._listing_classes() & set(entry.classes))

    def _is_lexicon_word(self, hit: Hit) -> bool:
        """Whether the title's formula tagging reads the name as an ordinary word (a "USB Cable")."""
        tagging = self._tagging()
        if tagging is None:
            return False
        for span in tagging.spans:
            if span.start < hit.end and hit.start < span.end and span.role not in ("unknown", "brand"):
                return True
        return False

    def _names_another_product(self, text: FieldText, hit: Hit, entry: IpEntry) -> bool:
        """The title's product is an accessory, or of another trade than the device brand named in it:
        the device is what it fits. "Samsung earbuds" by another brand is neither."""
        classes = self._listing_classes()
        if not classes:
            return False
        if text.field != "title":
            # Bullets, search terms and tags of an accessory name the devices it fits.
            return "accessories" in classes
        if "accessories" not in classes and classes & set(entry.classes):
            return False
        tagging = self._tagging()
        core = tagging.core if tagging else None
        return core is not None and not (core.start < hit.end and hit.start < core.end)

    def _listing_classes(self) -> frozenset[str]:
        if self._classes is None:
            tagging = self._tagging()
            category = tagging.category if tagging else None
            self._classes = self.index.lexicon.category_classes.get(category or "", frozenset())
        return self._classes

    def _tagging(self) -> Tagging | None:
        ctx = self.ctx
        if ctx.tagging is None and ctx.engine is not None and "tagging" not in ctx.shared:
            listing = ctx.listing
            # A title no model could place is read with the broadest lexicon of its script.
            language = ctx.language if ctx.language != "und" else ("zh" if has_cjk(listing.title) else "en")
            category = ctx.engine.category_id(listing.category_raw, language)
            ctx.shared["tagging"] = ctx.engine.tag(listing.title, language, listing.brand, category)
        tagging: Tagging | None = ctx.tagging or ctx.shared.get("tagging")
        return tagging

    def _near(
        self, text: FieldText, hit: Hit, phrases: list[TermHit], before: bool, words: int = MAX_GAP_WORDS
    ) -> str | None:
        for th in phrases:
            start, end = text.norm.raw_span(th.start, th.end)
            if before and end <= hit.start and gap_is_short(text.raw[end : hit.start], words):
                return text.raw[start:end]
            if not before and start >= hit.end and gap_is_short(text.raw[hit.end : start], words):
                return text.raw[start:end]
        return None


# The classes of goods sold as character merchandise: a "doll" or "printed" next to their names counts.
MERCHANDISE_CLASSES = frozenset({"toys", "party", "stationery", "baby"})

# Words a seller puts before the brand in a title (包邮 Nike ..., 【正品】Nike ...).
_LEADING_NOISE = regex.compile(r"(?:\s|[【\[(（][^】\])）]{0,12}[】\])）]|包邮|正品|原装|现货|新款|官方|专柜|全新)*")
_MAKER = regex.compile(r"(?i)\bby\s+$")


def _lead(raw: str) -> int:
    match = _LEADING_NOISE.match(raw)
    return match.end() if match else 0


def _names_the_maker(raw: str, hit: Hit) -> bool:
    """'... Spray by LYSOL', 'LYSOL Brand ...': the title says who makes the product."""
    before = raw[max(0, hit.start - 4) : hit.start]
    after = raw[hit.end : hit.end + 6]
    return bool(_MAKER.search(before)) or after.casefold().startswith((" brand", " 品牌"))


def _norm_offsets(text: FieldText, start: int, end: int) -> tuple[int, int]:
    """Raw offsets of a span to offsets in the normalised text (identical unless NFKC changed lengths)."""
    offsets = text.norm.offsets
    if offsets is None:
        return start, end
    first = offsets.index(start) if start in offsets else start
    last = len(offsets) - offsets[::-1].index(end - 1) if end - 1 in offsets else end
    return first, last


def _longest(hits: list[Hit]) -> list[Hit]:
    """One name per place: the longest; for one span named by several entries, the strongest."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.entry.common_word, h.fuzzy, h.entry.kind != "brand"))
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept
