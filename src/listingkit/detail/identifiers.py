"""Product identifiers: GTINs (UPC, EAN, JAN, ISBN-13) with their GS1 check digit, and MPNs."""

from __future__ import annotations

from stdnum import ean

from listingkit.detail.elements import attribute_key
from listingkit.models import Listing

# Attribute names (compared by `attribute_key`) that hold a GTIN in the catalog formats and in
# sellers' own sheets; Amazon's external_product_id counts unless its type says ASIN.
GTIN_KEYS = frozenset(
    attribute_key(k)
    for k in (
        "gtin", "gtin8", "gtin12", "gtin13", "gtin14", "upc", "ean", "ean13", "jan", "isbn", "barcode",
        "external_product_id", "product_id", "条形码", "条码", "商品条码", "código de barras", "codigo de barras",
    )
)  # fmt: skip
MPN_KEYS = frozenset(
    attribute_key(k)
    for k in ("mpn", "part_number", "manufacturer part number", "model", "model_number", "型号", "货号")
)
NO_IDENTIFIER_KEYS = frozenset(attribute_key(k) for k in ("identifier_exists", "identifier exists"))
ID_TYPE_KEYS = frozenset({"external product id type", "product id type"})
NOT_GTIN_TYPES = frozenset({"asin", "isbn10", "gcid"})
# GS1 prefixes that never identify a trade item sold online: restricted circulation (02, 04, 20-29
# as GTIN-13) and coupons (05, 98, 99).
RESTRICTED_PREFIXES = ("02", "04", "05", "98", "99", *(f"2{d}" for d in range(10)))


def gtin_values(listing: Listing) -> list[tuple[str, str]]:
    """(attribute name, value) of every GTIN-like attribute with a value."""
    attributes = listing.attributes
    id_type = next((v for k, v in attributes.items() if attribute_key(k) in ID_TYPE_KEYS), "")
    out = []
    for name, value in attributes.items():
        key = attribute_key(name)
        if key not in GTIN_KEYS or not value.strip():
            continue
        if key in ("external product id", "product id") and id_type.strip().casefold() in NOT_GTIN_TYPES:
            continue
        out.append((name, value.strip()))
    return out


def gtin_problem(value: str) -> str | None:
    """Why a value is not a usable GTIN, in words for a message; None when it is one."""
    digits = value.replace(" ", "").replace("-", "")
    if not digits.isdigit():
        return "it holds characters other than digits"
    if len(digits) not in (8, 12, 13, 14):
        return f"it has {len(digits)} digits, not 8, 12, 13 or 14"
    if not digits.strip("0"):
        return "it is all zeros, a placeholder rather than a barcode"
    if not ean.is_valid(digits):
        return "its check digit is wrong"
    gtin13 = digits.zfill(14)[1:]
    if len(digits) > 8 and gtin13.startswith(RESTRICTED_PREFIXES) and not digits.startswith("0" * 6):
        return "its prefix is for in-store or coupon codes, not for products"
    return None


def has_mpn(listing: Listing) -> bool:
    return any(attribute_key(k) in MPN_KEYS and v.strip() for k, v in listing.attributes.items())


def declares_no_identifier(listing: Listing) -> bool:
    """Google's identifier_exists = no (custom or handmade goods)."""
    return any(
        attribute_key(k) in NO_IDENTIFIER_KEYS and v.strip().casefold() in ("no", "false", "n", "0")
        for k, v in listing.attributes.items()
    )
