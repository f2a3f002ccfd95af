"""Listings that copy each other: the same main image and the same or nearly the same title.

AliExpress counts these as search cheating ("duplicate listing"). Listings are bucketed by
marketplace and main image, so titles are only compared inside a bucket, never every pair of
the catalog.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from listingkit.detail.images import duplicate_key
from listingkit.models import Listing

# Buckets larger than this (a placeholder image on thousands of listings) compare exact titles only.
MAX_FUZZY_BUCKET = 2000
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Copy:
    file: str
    row: int
    sku: str | None

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "sku": self.sku}


def title_key(title: str) -> str:
    return " ".join(_NON_WORD.sub(" ", title.casefold()).split())


@dataclass(slots=True)
class DuplicateIndex:
    min_similarity: float = 90.0
    _buckets: dict[tuple[str, str], list[tuple[Copy, str]]] = field(default_factory=lambda: defaultdict(list))
    _copies: dict[tuple[str, int], list[Copy]] = field(default_factory=dict)

    def add(self, listing: Listing) -> None:
        if not listing.images or not listing.title.strip():
            return
        bucket = (listing.marketplace, duplicate_key(listing.images[0]))
        self._buckets[bucket].append((Copy(listing.file, listing.row, listing.sku), title_key(listing.title)))

    def add_all(self, listings: Iterable[Listing]) -> None:
        for listing in listings:
            self.add(listing)

    def build(self) -> DuplicateIndex:
        for entries in self._buckets.values():
            if len(entries) > 1:
                for group in self._groups(entries):
                    for copy in group:
                        self._copies[(copy.file, copy.row)] = [c for c in group if c != copy]
        self._buckets.clear()
        return self

    def _groups(self, entries: list[tuple[Copy, str]]) -> list[list[Copy]]:
        titles = [t for _, t in entries]
        parent = list(range(len(entries)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        if len(entries) <= MAX_FUZZY_BUCKET:
            for i, title in enumerate(titles[:-1]):
                rest = titles[i + 1 :]
                for _, _, j in process.extract(
                    title, rest, scorer=fuzz.token_sort_ratio, score_cutoff=self.min_similarity, limit=None
                ):
                    parent[root(i + 1 + j)] = root(i)
        else:
            first: dict[str, int] = {}
            for i, title in enumerate(titles):
                parent[i] = first.setdefault(title, i)
        groups: dict[int, list[Copy]] = defaultdict(list)
        for i, (copy, _) in enumerate(entries):
            groups[root(i)].append(copy)
        return [g for g in groups.values() if len(g) > 1]

    def copies_of(self, listing: Listing) -> list[Copy]:
        return self._copies.get((listing.file, listing.row), [])
