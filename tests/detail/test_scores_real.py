"""Listing scores on a real Shopify export: incomplete detail pages score lower than complete ones."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from listingkit.audit import Auditor, ListingResult, Summary
from listingkit.catalog import ReadOptions
from tests.conftest import shared_data

# Products of the Brazilian export that have an SEO title, images and a description.
COMPLETE = ["kit-campeao-brasil-3-camisas-premium", "lixeira-inteligente-touchless-edicao-limitada"]


def export() -> Path:
    return shared_data("shopify_export_ptbr", "products_export_1.csv")


def audit(ruleset, path: Path) -> dict[str, ListingResult]:  # type: ignore[no-untyped-def]
    return {r.listing.sku or "": r for r in Auditor(ruleset, ReadOptions()).run([path], Summary())}


def handle_of(results: dict[str, ListingResult], handle: str) -> ListingResult:
    return next(r for r in results.values() if r.listing.raw.get("Handle") == handle)


def without(path: Path, tmp_path: Path, handle: str, columns: tuple[str, ...]) -> Path:
    """A copy of the export where one product's cells in these columns are emptied on every record."""
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    for row in rows[1:]:
        if row and row[header.index("Handle")] == handle:
            for column in columns:
                row[header.index(column)] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    copy = tmp_path / "products_export_1.csv"
    copy.write_text(out.getvalue(), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def original(ruleset):  # type: ignore[no-untyped-def]
    return audit(ruleset, export())


def test_the_pinned_products_are_complete(original) -> None:  # type: ignore[no-untyped-def]
    for handle in COMPLETE:
        result = handle_of(original, handle)
        item = result.listing
        assert item.seo_title and item.images and item.description
        assert not {"LK-D101", "LK-D401", "LK-D801"} & {f.code for f in result.findings}


@pytest.mark.parametrize(
    ("columns", "code"),
    [
        (("SEO Title",), "LK-D801"),
        (("Image Src", "Variant Image"), "LK-D101"),
        (("Body (HTML)",), "LK-D401"),
    ],
)
@pytest.mark.parametrize("handle", COMPLETE)
def test_a_missing_element_lowers_the_score(  # type: ignore[no-untyped-def]
    ruleset, original, tmp_path: Path, handle: str, columns: tuple[str, ...], code: str
) -> None:
    before = handle_of(original, handle)
    after = handle_of(audit(ruleset, without(export(), tmp_path, handle, columns)), handle)
    assert code in {f.code for f in after.findings}
    assert after.score is not None and before.score is not None
    assert after.score < before.score
    assert after.score_breakdown["detail"] < before.score_breakdown["detail"]  # type: ignore[operator]


def test_products_without_an_seo_title_score_lower_on_average(original) -> None:  # type: ignore[no-untyped-def]
    def mean(results: list[ListingResult]) -> float:
        return sum(r.score or 0 for r in results) / len(results)

    with_seo = [r for r in original.values() if r.listing.seo_title.strip()]
    without_seo = [r for r in original.values() if not r.listing.seo_title.strip()]
    assert len(with_seo) >= 4 and len(without_seo) >= 200
    assert mean(without_seo) < mean(with_seo)
