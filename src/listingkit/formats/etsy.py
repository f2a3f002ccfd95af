"""Etsy's listing CSV export (Shop Manager > Settings > Options > Download data)."""

from __future__ import annotations

from typing import ClassVar

from listingkit.formats.base import ALIASES, CatalogFormat, _n

SIGNATURE = set(_n("title", "description", "price", "currency_code", "quantity", "tags", "materials"))


class EtsyCsvFormat(CatalogFormat):
    name = "etsy-csv"
    title = "Etsy listings CSV export"
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {**ALIASES, "sku": _n("sku"), "tags": _n("tags")}
    attribute_aliases: ClassVar[dict[str, str]] = {"materials": "materials", "currency_code": "currency"}

    def signature_score(self, header: list[str]) -> int:
        return 15 if self.header_names(header) >= SIGNATURE else 0
