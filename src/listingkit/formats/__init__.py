"""Catalog formats: each one recognises its header and maps its columns onto a listing."""

from __future__ import annotations

from listingkit.errors import ListingkitError
from listingkit.formats.amazon_dataset import AmazonDatasetFormat
from listingkit.formats.base import CatalogFormat

FORMATS: list[CatalogFormat] = [AmazonDatasetFormat(), CatalogFormat()]
BY_NAME = {f.name: f for f in FORMATS}


def detect_format(header: list[str]) -> CatalogFormat:
    """The format whose header signature fits best; generic when none claims it."""
    return max(FORMATS, key=lambda f: f.signature_score(header))


def format_named(name: str) -> CatalogFormat:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ListingkitError(f"--input-format: unknown format '{name}' (known: {', '.join(BY_NAME)})") from None
