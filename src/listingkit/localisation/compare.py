"""--compare-locales: the same SKU in every locale says the same thing.

Listings are grouped by SKU across files and marketplaces. Within a group, the model numbers,
the numbers with units (sizes, capacities, weights) and pack counts of each title, and the
brand, are compared with what most locales say (the first locale breaks a tie); a locale that
differs gets LK-L110 on its listing. A SKU that some locales list and others do not gets LK-L111.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from listingkit.models import Finding, Listing

_MODEL = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])")
_UNIT_WORDS = {
    "cm": "cm", "mm": "mm", "m": "m", "km": "km", "kg": "kg", "g": "g", "mg": "mg", "l": "l", "ml": "ml", "cl": "cl",
    "w": "w", "v": "v", "mah": "mah", "gb": "gb", "tb": "tb", "hz": "hz", "oz": "oz", "lb": "lb", "lbs": "lb",
    "inch": "in", "inches": "in", "in": "in", '"': "in", "zoll": "in", "pouces": "in", "pouce": "in",
    "pulgadas": "in", "pulgada": "in", "polegadas": "in", "pollici": "in", "дюйм": "in", "дюймов": "in",
    "pack": "pack", "pcs": "pack", "pieces": "pack", "stück": "pack", "stk": "pack", "pièces": "pack",
    "unidades": "pack", "piezas": "pack", "pezzi": "pack", "шт": "pack",
}  # fmt: skip
_MEASURE = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*("
    + "|".join(sorted(map(re.escape, _UNIT_WORDS), key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
_PACK_BEFORE = re.compile(r"(?:pack of|lot de|lote de|set of|confezione da|набор из|x)\s*(\d+)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Facts:
    file: str
    row: int
    line: int | None
    sku: str
    locale: str
    brand: str
    models: frozenset[str]
    measures: frozenset[str]


def _number(text: str) -> str:
    value = float(text.replace(",", "."))
    return f"{value:g}"


def facts_of(listing: Listing) -> Facts | None:
    if not listing.sku:
        return None
    title = listing.title
    measures = {f"{_number(n)} {_UNIT_WORDS[u.casefold()]}" for n, u in _MEASURE.findall(title)}
    measures |= {f"{int(n)} pack" for n in _PACK_BEFORE.findall(title)}
    spans = [m.span() for m in _MEASURE.finditer(title)]
    models = {
        m.group().upper()
        for m in _MODEL.finditer(title)
        if not any(s <= m.start() < e for s, e in spans) and not re.fullmatch(r"\d+[A-Za-z]{1,3}", m.group())
    }
    brand = (listing.brand or title.split(" ", 1)[0]).strip().casefold()
    locale = listing.marketplace if listing.marketplace != "generic" else listing.file
    return Facts(listing.file, listing.row, listing.line, listing.sku, locale, brand, frozenset(models),
                 frozenset(measures))  # fmt: skip


@dataclass(slots=True)
class Comparison:
    facts: list[Facts] = field(default_factory=list)

    def add(self, listing: Listing) -> None:
        found = facts_of(listing)
        if found is not None:
            self.facts.append(found)

    def locales(self) -> list[str]:
        return list(dict.fromkeys(f.locale for f in self.facts))

    def inconsistencies(self) -> list[tuple[Facts, str, str]]:
        """(listing, what differs, the differing text) for each locale that disagrees with the others."""
        out = []
        for group in self._groups().values():
            if len({f.locale for f in group}) < 2:
                continue
            for kind, values in (("brand", [frozenset({f.brand}) for f in group]),
                                 ("model number", [f.models for f in group]),
                                 ("number with unit or pack count", [f.measures for f in group])):  # fmt: skip
                reference = Counter(values).most_common()
                top = reference[0][1]
                usual = next(v for v in values if Counter(values)[v] == top)
                for item, value in zip(group, values, strict=True):
                    if value != usual:
                        extra = sorted(value - usual)
                        missing = sorted(usual - value)
                        said = ", ".join([*(f"'{x}'" for x in extra), *(f"no '{x}'" for x in missing)])
                        out.append((item, kind, said))
        return out

    def missing(self) -> list[tuple[str, str, list[str]]]:
        """(sku, locale lacking it, locales that have it)."""
        everywhere = self.locales()
        out: list[tuple[str, str, list[str]]] = []
        for sku, group in self._groups().items():
            have = list(dict.fromkeys(f.locale for f in group))
            out.extend((sku, locale, have) for locale in everywhere if locale not in have)
        return out

    def _groups(self) -> dict[str, list[Facts]]:
        groups: dict[str, list[Facts]] = {}
        for item in self.facts:
            groups.setdefault(item.sku, []).append(item)
        return groups


def attach(records: list[dict[str, Any]], comparison: Comparison, make: Any) -> list[Finding]:
    """Add LK-L110 findings to their listings' records; return the LK-L111 catalog findings.

    `make(code, params, facts_or_none)` builds a Finding."""
    by_place = {(r["file"], r["row"]): r for r in records}
    added = []
    for item, kind, said in comparison.inconsistencies():
        finding = make("LK-L110", {"what": kind, "differs": said}, item)
        if finding is None:
            continue
        record = by_place.get((item.file, item.row))
        if record is not None:
            record["findings"].append(finding.as_dict())
            added.append(finding)
    catalog = []
    for sku, locale, have in comparison.missing():
        finding = make("LK-L111", {"locale": locale, "present": ", ".join(have)}, None)
        if finding is not None:
            finding.match = sku
            finding.detail = {"sku": sku, "locale": locale, "present": have}
            catalog.append(finding)
    return [*added, *catalog]
