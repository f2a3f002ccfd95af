"""Catalog formats: each one recognises its header and maps its columns onto a listing."""

from __future__ import annotations

from listingkit.errors import ListingkitError
from listingkit.formats.amazon import AmazonFlatFileFormat, AmazonListingsReportFormat
from listingkit.formats.amazon_dataset import AmazonDatasetFormat
from listingkit.formats.base import CatalogFormat
from listingkit.formats.chinese_erp import ChineseErpFormat
from listingkit.formats.etsy import EtsyCsvFormat
from listingkit.formats.google_merchant import GoogleMerchantFormat
from listingkit.formats.json_formats import EtsyApiFormat, MercadoLibreItemFormat, WdcOfferFormat
from listingkit.formats.shopify import ShopifyFormat
from listingkit.formats.woocommerce import WooCommerceFormat
from listingkit.i18n import _
from listingkit.io.table import Source

# The generic format comes last: it is the fallback when no other format claims a header.
FORMATS: list[CatalogFormat] = [
    ShopifyFormat(),
    WooCommerceFormat(),
    AmazonFlatFileFormat(),
    AmazonListingsReportFormat(),
    AmazonDatasetFormat(),
    EtsyCsvFormat(),
    EtsyApiFormat(),
    MercadoLibreItemFormat(),
    WdcOfferFormat(),
    GoogleMerchantFormat(),
    ChineseErpFormat(),
    CatalogFormat(),
]
BY_NAME = {f.name: f for f in FORMATS}


def choose(source: Source, forced: CatalogFormat | None = None) -> tuple[CatalogFormat, int, int]:
    """The format and header row that fit a file best, and how well (0: nothing looks like a header).

    Rows above the header are metadata (an Amazon flat file's TemplateType row and labels).
    """
    candidates = source.candidates()
    if not candidates:
        return forced or FORMATS[-1], 0, 0
    best: tuple[CatalogFormat, int, int] = (forced or FORMATS[-1], candidates[0], 0)
    for index in candidates:
        header = source.head[index].cells
        for fmt in [forced] if forced else FORMATS:
            score = fmt.signature_score(header)
            if score > best[2]:
                best = (fmt, index, score)
    return best


def format_named(name: str) -> CatalogFormat:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ListingkitError(
            _("--input-format: unknown format '{name}' (known: {value})").format(name=name, value=", ".join(BY_NAME))
        ) from None
