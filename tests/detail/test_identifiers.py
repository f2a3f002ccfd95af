"""Product identifiers: GTIN check digits and prefixes, where a GTIN is read from, MPNs, identifier_exists."""

from __future__ import annotations

import pytest

from listingkit.detail.identifiers import declares_no_identifier, gtin_problem, gtin_values, has_mpn
from listingkit.models import Listing


def with_attributes(attributes: dict[str, str], marketplace: str = "google-shopping") -> Listing:
    return Listing(
        file="feed.tsv", row=1, line=2, end_line=2, sku="MUG-12", marketplace=marketplace,
        title="Ceramic Coffee Mug 12 oz", attributes=attributes,
    )  # fmt: skip


# --- gtin_problem ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "4006381333931",  # EAN-13
        "036000291452",  # UPC-A
        "96385074",  # EAN-8
        "10614141000415",  # GTIN-14 with an indicator digit
        "00012345600012",  # GTIN-14 holding a UPC-A
        "6901234567892",  # Chinese EAN-13 (prefix 690)
        "4901234567894",  # JAN
        "9780306406157",  # ISBN-13 (Bookland 978)
        "978-0-306-40615-7",  # hyphens are ignored
        "4006 3813 3393 1",  # so are spaces
        "012345678905",
    ],
)
def test_valid_gtins_have_no_problem(value: str) -> None:
    assert gtin_problem(value) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("4006381333932", "its check digit is wrong"),
        ("036000291453", "its check digit is wrong"),
        ("96385075", "its check digit is wrong"),
        ("03600029145", "it has 11 digits, not 8, 12, 13 or 14"),
        ("12345", "it has 5 digits, not 8, 12, 13 or 14"),
        ("400638133393100", "it has 15 digits, not 8, 12, 13 or 14"),
        ("40063813339A1", "it holds characters other than digits"),
        ("B0C1234567", "it holds characters other than digits"),
        ("4006381333931.0", "it holds characters other than digits"),  # a spreadsheet's number format
        ("4.00638E+12", "it holds characters other than digits"),
        ("", "it holds characters other than digits"),
    ],
)
def test_gtin_problems_in_words(value: str, problem: str) -> None:
    assert gtin_problem(value) == problem


RESTRICTED = "its prefix is for in-store or coupon codes, not for products"


@pytest.mark.parametrize(
    "value",
    [
        "2000000000008",  # EAN-13 prefix 20: restricted circulation (weighed goods)
        "2123456789010",  # 21
        "2900000123458",  # 29
        "0212345678909",  # 02
        "0412345678903",  # 04
        "0512345678900",  # 05: coupons
        "9812345678902",  # 98: coupons
        "9912345678909",  # 99: coupons
        "212345678909",  # UPC-A number system 2: random weight
        "412345678903",  # UPC-A number system 4: in-store
        "12123456789017",  # GTIN-14 around an in-store GTIN-13
    ],
)
def test_restricted_prefixes_are_not_product_gtins(value: str) -> None:
    assert gtin_problem(value) == RESTRICTED


@pytest.mark.parametrize("value", ["3000000000007", "0012345678905", "19290000000003"])
def test_prefixes_next_to_restricted_ones_are_fine(value: str) -> None:
    assert gtin_problem(value) is None


@pytest.mark.parametrize("value", ["0000000000000", "000000000000", "00000000000000"])
def test_an_all_zero_gtin_is_a_placeholder(value: str) -> None:
    assert gtin_problem(value) is not None


# --- gtin_values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ({"gtin": "4006381333931", "color": "white"}, [("gtin", "4006381333931")]),
        ({"GTIN": " 4006381333931 "}, [("GTIN", "4006381333931")]),
        ({"upc": "036000291452", "ean": "4006381333931"}, [("upc", "036000291452"), ("ean", "4006381333931")]),
        ({"条形码": "6901234567892"}, [("条形码", "6901234567892")]),
        ({"Código de barras": "7501031311309"}, [("Código de barras", "7501031311309")]),
        ({"external_product_id": "4006381333931"}, [("external_product_id", "4006381333931")]),
        (
            {"external_product_id": "4006381333931", "external_product_id_type": "EAN"},
            [("external_product_id", "4006381333931")],
        ),
        ({"external_product_id": "B0C1234567", "external_product_id_type": "ASIN"}, []),
        ({"External Product ID": "B0C1234567", "External Product ID Type": "asin"}, []),
        ({"external_product_id": "0306406152", "external_product_id_type": "ISBN10"}, []),
        ({"external_product_id": "GCID1234567890AB", "external_product_id_type": "GCID"}, []),
        ({"gtin": "", "upc": "  "}, []),
        ({"mpn": "HB-2201", "color": "white"}, []),
    ],
)
def test_gtin_values(attributes: dict[str, str], expected: list[tuple[str, str]]) -> None:
    assert gtin_values(with_attributes(attributes, "amazon-us")) == expected


def test_an_asin_in_amazons_inventory_loader_is_not_a_gtin() -> None:
    listing = with_attributes({"product-id": "B0C1234567", "product-id-type": "ASIN"}, "amazon-us")
    assert gtin_values(listing) == []


# --- has_mpn -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ({"mpn": "HB-2201"}, True),
        ({"MPN": "HB-2201"}, True),
        ({"Manufacturer Part Number": "DCD771C2"}, True),
        ({"part_number": "DCD771C2"}, True),
        ({"model_number": "WH-1000XM5"}, True),
        ({"型号": "XM-01"}, True),
        ({"货号": "A2023-88"}, True),
        ({"mpn": "   "}, False),
        ({"color": "black", "gtin": "4006381333931"}, False),
        ({}, False),
    ],
)
def test_has_mpn(attributes: dict[str, str], expected: bool) -> None:
    assert has_mpn(with_attributes(attributes)) is expected


# --- declares_no_identifier ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ({"identifier_exists": "no"}, True),
        ({"identifier_exists": "No"}, True),
        ({"identifier exists": "FALSE"}, True),
        ({"Identifier_Exists": "n"}, True),
        ({"identifier_exists": "0"}, True),
        ({"identifier_exists": " no "}, True),
        ({"identifier_exists": "yes"}, False),
        ({"identifier_exists": "true"}, False),
        ({"identifier_exists": ""}, False),
        ({"brand": "no"}, False),
        ({}, False),
    ],
)
def test_declares_no_identifier(attributes: dict[str, str], expected: bool) -> None:
    assert declares_no_identifier(with_attributes(attributes)) is expected
