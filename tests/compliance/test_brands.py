"""The ip pack on the shipped lexicon: what it reports, and the ordinary words it leaves alone."""

from __future__ import annotations

import pytest

from listingkit.audit import rules_language
from listingkit.language import detect
from listingkit.marketplaces import shipped_marketplaces
from listingkit.models import Finding, Listing
from listingkit.rules.ruleset import RuleSet
from tests.conftest import AS_OF

_SETS: dict[tuple[str, ...], RuleSet] = {}


def ip_findings(
    title: str, brand: str = "", marketplace: str = "amazon-us", own: tuple[str, ...] = (), **fields: object
) -> list[Finding]:
    ruleset = _SETS.get(own)
    if ruleset is None:
        ruleset = _SETS[own] = RuleSet.load(AS_OF, select=["ip"], own_brands=own)
    listing = Listing(file="t", row=1, line=2, end_line=2, sku="S1", marketplace=marketplace)
    listing.title, listing.brand = title, brand
    for name, value in fields.items():
        setattr(listing, name, value)
    registry = shipped_marketplaces()
    language = rules_language(listing, detect(title).code, registry.languages(marketplace))
    return ruleset.check(listing, language, ruleset.tag(listing, language))


def codes(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.code, f.match) for f in findings]


@pytest.mark.parametrize(
    ("title", "brand"),
    [
        ("Organic Apple Cider Vinegar Gummies 60 Count", "Acme"),
        ("apple slicer and corer stainless steel", "Acme"),
        ("USB C Cable 3m Braided Fast Charging", "Acme"),
        ("Coach Bus Toy Model Pull Back Vehicle", "Acme"),
        ("Velvet cushion cover dove grey 45x45", "Acme"),
        ("Sea shell wall decor set of 6", "Acme"),
        ("Leggings with no gap waistband", "Acme"),
        ("2 channel car amplifier 600W", "Acme"),
        ("Cross stitch kit for beginners", "Acme"),
        ("Puma plush toy realistic wild cat", "Acme"),
    ],
)
def test_common_words_that_are_brands_stay_clean(title: str, brand: str) -> None:
    found = [f for f in ip_findings(title, brand) if f.severity.value != "info"]
    assert not found, codes(found)


def test_a_third_party_brand_is_an_error_naming_the_entry() -> None:
    (finding,) = ip_findings("Nike running shoes for men breathable", "Acme")
    assert finding.code == "LK-B501" and finding.severity.value == "error"
    assert finding.match == "Nike"
    assert finding.detail and finding.detail["entry"] == "Nike" and "Nike" in finding.detail["owner"]
    assert "Nike" in finding.message and "Nike" not in finding.message.split("'")[0]


def test_the_listings_own_brand_and_its_owners_other_names_are_exempt() -> None:
    assert not ip_findings("Nike Air Max 90 running shoes", "Nike")
    assert not ip_findings("Apple iPhone 15 silicone case with MagSafe", "Apple")


def test_a_company_brand_first_in_a_title_is_the_brand_when_the_column_is_empty() -> None:
    assert not [f for f in ip_findings("Samsung Galaxy S23 Ultra 256GB") if f.code == "LK-B501"]


def test_a_character_first_in_a_title_still_asks_for_a_licence() -> None:
    found = ip_findings("Hello Kitty pencil case for school girls")
    assert ("LK-B502", "Hello Kitty") in codes(found)


def test_compatibility_with_a_device_is_information_under_its_own_code() -> None:
    found = ip_findings("Phone case for iPhone 15 Pro Max, clear shockproof", "Acme")
    assert codes(found) == [("LK-B504", "iPhone")]
    assert found[0].severity.value == "info"


def test_compatibility_does_not_cover_jewellery_or_characters() -> None:
    assert ("LK-B503", "Pandora") in codes(ip_findings("Silver charm bead for Pandora bracelet", "Acme"))
    assert ("LK-B503", "Labubu") in codes(ip_findings("Doll clothes for Labubu 17cm outfit", "Acme"))


@pytest.mark.parametrize(
    ("title", "written", "step"),
    [
        ("Running shoes N1ke style breathable", "N1ke", "digits or symbols for letters"),
        ("Ｎｉｋｅ 运动鞋 男款", "Ｎｉｋｅ", "full-width letters"),
        ("N.I.K.E hoodie oversized", "N.I.K.E", "letters split by spaces, dots, hyphens or invisible characters"),
        ("Nіke hoodie oversized", "Nіke", "look-alike letters from another script"),
        ("Adiddas sneakers for men", "Adiddas", "repeated letters"),
    ],
)
def test_evasion_is_reported_with_the_step_that_undid_it(title: str, written: str, step: str) -> None:
    found = [f for f in ip_findings(title, "Acme") if f.match == written]
    assert found, codes(ip_findings(title, "Acme"))
    assert found[0].detail and step in found[0].detail["normalisation"]


def test_aliases_and_traditional_chinese() -> None:
    assert ("LK-B502", "Lafufu") in codes(ip_findings("Lafufu doll keychain", "Acme"))
    found = ip_findings("寶可夢 皮卡丘 公仔", marketplace="taobao")
    assert any(f.match == "皮卡丘" for f in found)


def test_counterfeit_phrase_names_the_brand_even_in_the_brand_column() -> None:
    found = ip_findings("Rolex replica watch automatic", "Rolex")
    assert ("LK-B505", "Rolex") in codes(found)


def test_config_own_brands_exempts_the_owner() -> None:
    assert ip_findings("Stitch plush toy 30cm", "Acme")
    assert not ip_findings("Stitch plush toy 30cm", "Acme", own=("Disney",))


def test_names_in_bullets_and_description_are_checked_too() -> None:
    found = ip_findings("Mens running shoes", "Acme", bullets=["Same comfort as Adidas Ultraboost"])
    assert ("bullets", "Adidas") in [(f.field, f.match) for f in found]
    assert all(f.field == "bullets" for f in found)


def test_an_accessorys_other_fields_may_name_the_devices_it_fits() -> None:
    found = ip_findings(
        "Clear Phone Case with Raised Edges",
        "Acme",
        search_terms=["phone case iphone 15 clear"],
        bullets=["Fits iPhone 15 and iPhone 15 Pro"],
    )
    assert found and all(f.code == "LK-B504" for f in found), codes(found)


@pytest.mark.parametrize(
    "text",
    [
        "Nikee running shoes, don't miss the Adiddas deal",
        "'Gucii' rock'n'roll 5-pack Channel1 abcde' x'Prada",
        "Pokémon Pikachuu plush, Nikke für Kinder",  # not ASCII: the tokeniser's path
        "",
    ],
)
def test_one_edit_candidates_are_the_alphabetic_words_of_five_letters(text: str) -> None:
    from listingkit.compliance.brands import FUZZY_MIN_LETTERS, fuzzy_candidates
    from listingkit.text import words

    expected = [w for w in words(text) if len(w[2]) >= FUZZY_MIN_LETTERS and w[2].isalpha()]
    assert fuzzy_candidates(text) == expected


def test_a_misspelt_brand_in_bullets_is_not_tried_but_in_the_title_it_is() -> None:
    title_hit = ip_findings("Adiddas running shoes for men", brand="Acme")
    assert any(f.match == "Adiddas" for f in title_hit)
    bullet = ip_findings("Running shoes for men", brand="Acme", bullets=["Lighter than Adiddas shoes"])
    assert not any(f.match == "Adiddas" for f in bullet)


def test_a_word_one_edit_from_a_device_name_is_not_reported_where_the_device_would_be_allowed() -> None:
    # "Lumio" is one edit from Nokia's "Lumia"; naming a device a product fits is allowed anyway, so
    # the near miss says nothing and is not reported (it was an info finding on every such title).
    assert [f for f in ip_findings("Lumio Mug Ceramic 350 ml") if f.code.startswith("LK-B")] == []
    assert ("LK-B504", "iPhone") in codes(ip_findings("Clear Case for iPhone 15", brand="Acme"))
    assert ("LK-B501", "Adiddas") in codes(ip_findings("Adiddas running shoes for men", brand="Acme"))


def test_the_one_edit_prefilter_clears_only_texts_without_a_near_name() -> None:
    from listingkit.compliance.brands import _INDEXES, fuzzy_candidates

    RuleSet.load(AS_OF, select=["ip"])
    index = next(iter(_INDEXES.values()))
    english = ("en",)
    clear = "Stainless steel water bottle, leak-proof lid, 32 oz"
    for _ in range(2):  # the second time, every word is already known to be clear
        assert not index.may_have_near_names(clear, english)
        assert index.may_have_near_names("Adiddas running shoes", english)
        assert index.may_have_near_names("Nikee running shoes", english)  # doubled letters
    assert index.fuzzy_hits(clear, fuzzy_candidates(clear), english) == []
    assert index.may_have_near_names("Zapatillas Adiddas", english)  # apostrophes and accents aside
    assert index.may_have_near_names("Кроссовки Adiddas", english)  # non-ASCII text is always tried
    # Through the rule: a near name in a title whose other words were cleared before.
    assert ("LK-B501", "Adiddas") in codes(ip_findings("Stainless steel Adiddas water bottle", brand="Acme"))
