"""Scraped Amazon product datasets (PromptCloud style): 'About Product' holds the bullets joined by ' | '."""

from __future__ import annotations

from typing import ClassVar

from listingkit.formats.base import ALIASES, CatalogFormat, _n, normalise_header

SIGNATURE = set(_n("uniq id", "product name", "about product"))


class AmazonDatasetFormat(CatalogFormat):
    name = "amazon-dataset"
    title = "Amazon product dataset (scraped: Product Name, About Product, Image)"
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {
        **ALIASES,
        "key": _n("uniq id", "asin"),
        "bullets": _n("about product"),
        "description": _n("product description"),
        "brand": _n("brand name"),
        "images": _n("image"),
        "price": _n("selling price", "list price"),
    }

    def signature_score(self, header: list[str]) -> int:
        names = {normalise_header(h) for h in header}
        return 10 if names >= SIGNATURE else 0
