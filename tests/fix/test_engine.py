"""Fixing one listing: applicability, fields, shortening, passes, and the --no-new-words guard."""

from __future__ import annotations

from listingkit.audit import Auditor
from listingkit.catalog import ReadOptions
from listingkit.fix.engine import FixOptions, fix_listing
from listingkit.models import Applicability, Category, Edit, Finding, Fix, Listing, Severity
from listingkit.text import length_in


def listing(title: str, marketplace: str = "amazon-us", brand: str = "") -> Listing:
    return Listing(file="t.csv", row=1, line=2, end_line=2, sku="A1", marketplace=marketplace, title=title, brand=brand)


def fixed(ruleset, item: Listing, **options: object):  # type: ignore[no-untyped-def]
    auditor = Auditor(ruleset, ReadOptions())

    def audit(target: Listing) -> tuple[list[Finding], int | None]:
        result = auditor.audit_listing(target, [])
        return result.findings, result.score

    findings, score = audit(item)
    return fix_listing(item, findings, score, audit, FixOptions(**options))  # type: ignore[arg-type]


LONG = (
    "Lumio Phone Case for iPhone 15, Shockproof Clear TPU Cover with Raised Edges, Slim Fit, Anti-Yellowing, "
    "Wireless Charging Compatible, Drop Protection, Gift for Women Men Teens, Best Case for Daily Use and Outdoor "
    "Travel, Durable and Lightweight Protective Bumper Shell for Everyday Carry"
)


def test_shortening_is_unsafe_and_keeps_brand_core_and_compatibility(ruleset) -> None:  # type: ignore[no-untyped-def]
    assert len(LONG) > 200
    safe = fixed(ruleset, listing(LONG))
    assert "LK-T101" not in safe.fixed_codes
    result = fixed(ruleset, listing(LONG), unsafe=True)
    title = result.listing.title
    assert len(title) <= 200 and "LK-T101" in result.fixed_codes
    assert title.startswith("Lumio Phone Case for iPhone 15")
    assert "LK-T101" not in {f.code for f in result.findings}


def test_shortening_a_chinese_title_counts_double_bytes(ruleset) -> None:  # type: ignore[no-untyped-def]
    title = "暖居珊瑚绒毛毯冬季加厚沙发午睡盖毯单人双人床上用品办公室空调毯四季通用法兰绒毯子卧室客厅宿舍学生"
    result = fixed(ruleset, listing(title, "taobao", brand="暖居"), unsafe=True)
    assert length_in(result.listing.title, "cjk_bytes") <= 60
    assert "毛毯" in result.listing.title or "盖毯" in result.listing.title


def test_a_third_party_brand_is_removed_only_with_unsafe_fixes(ruleset) -> None:  # type: ignore[no-untyped-def]
    title = "Nike Running Shoes for Men, Breathable Mesh"
    assert fixed(ruleset, listing(title, brand="Acme")).listing.title == title
    result = fixed(ruleset, listing(title, brand="Acme"), unsafe=True)
    assert result.listing.title == "Running Shoes for Men, Breathable Mesh"
    compatible = "Acme Case for iPhone 15, Clear"
    assert fixed(ruleset, listing(compatible, brand="Acme"), unsafe=True).listing.title == compatible


def test_safe_fixes_clean_spacing_promotions_and_absolute_terms(ruleset) -> None:  # type: ignore[no-untyped-def]
    result = fixed(ruleset, listing("Lumio Phone Case  for iPhone 15 , Clear - FREE SHIPPING"))
    assert result.listing.title == "Lumio Phone Case for iPhone 15, Clear"
    chinese = fixed(ruleset, listing("暖居 最好的 纯棉毛毯", "taobao", brand="暖居"))
    assert "最" not in chinese.listing.title and "纯棉毛毯" in chinese.listing.title


def test_only_the_allowed_fields_change(ruleset) -> None:  # type: ignore[no-untyped-def]
    item = listing("Lumio Phone Case for iPhone 15")
    item.bullets = ["BEST SELLER!!! Clear case"]
    assert fixed(ruleset, item).listing.bullets == ["BEST SELLER!!! Clear case"]


def test_no_new_words_blocks_a_fix_that_invents_words(ruleset) -> None:  # type: ignore[no-untyped-def]
    item = listing("Phone Case")
    edit = Edit("title", None, 0, 5, "Premium Phone")
    finding = Finding("LK-X001", "test", Category.TITLE, Severity.WARNING, "m",
                      field="title", fix=Fix("Rewrite", Applicability.SAFE, [edit]))  # fmt: skip

    def audit(target: Listing) -> tuple[list[Finding], int | None]:
        return [], 100

    blocked = fix_listing(item, [finding], 90, audit, FixOptions(no_new_words=True))
    assert item.title == "Phone Case" and blocked.blocked
    allowed = fix_listing(listing("Phone Case"), [finding], 90, audit, FixOptions())
    assert allowed.listing.title == "Premium Phone Case"


def test_long_tail_words_are_added_only_as_unsafe_fixes(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.helpers import run_cli

    catalog = tmp_path / "c.csv"
    catalog.write_text("sku,brand,title\nA1,Lumio,Lumio Phone Case for Samsung Galaxy S24\n", encoding="utf-8")
    research = tmp_path / "kw.csv"
    research.write_text("keyword,volume\nshockproof phone case clear,90000\n", encoding="utf-8")
    base = (
        "fix",
        str(catalog),
        "--diff",
        "-f",
        "json",
        "-m",
        "amazon-us",
        "-k",
        str(research),
        "--as-of",
        "2026-11-21",
    )

    def applied(*extra: str) -> list[str]:
        document = json.loads(run_cli(capsys, *base, *extra).out)
        return [a["code"] for item in document["listings"] for a in item["applied"]]

    assert "LK-K801" not in applied()
    assert "LK-K801" in applied("--unsafe-fixes")
    assert "LK-K801" not in applied("--unsafe-fixes", "--no-new-words")
