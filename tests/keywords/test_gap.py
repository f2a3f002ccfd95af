"""Keyword coverage and suggestions: on written listings, and on the real Brand Analytics export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from listingkit.keywords.importers import KeywordPhrase
from listingkit.keywords.research import KeywordResearch
from listingkit.models import Listing
from listingkit.rules.ruleset import RuleSet
from tests.conftest import AS_OF, shared_data
from tests.helpers import run_cli, validate_document

BRAND_ANALYTICS = ("keyword_research", "amazon_brand_analytics_top_search_terms_week15_2026.csv")
AMAZON_2020 = ("amazon-us-2020", "amazon_com_2020_sample.csv")


def phrase(text: str, volume: float) -> KeywordPhrase:
    return KeywordPhrase(phrase=text, volume=volume, estimated=False, sources=("research.csv",))


@pytest.fixture(scope="module")
def research() -> KeywordResearch:
    phrases = [
        phrase("phone case", 90000),
        phrase("clear phone case", 40000),
        phrase("phone case magsafe", 30000),
        phrase("shockproof phone case", 20000),
        phrase("phone case for women", 15000),
        phrase("nike phone case", 12000),
        phrase("replica phone case", 9000),
        phrase("dog bed", 80000),
    ]
    return KeywordResearch(phrases, RuleSet.load(AS_OF))


def listing(title: str, **fields: object) -> Listing:
    item = Listing(file="t.csv", row=1, line=2, end_line=2, sku="S1", marketplace="amazon-us")
    item.title = title
    for name, value in fields.items():
        setattr(item, name, value)
    return item


def test_coverage_says_where_each_relevant_phrase_is(research: KeywordResearch) -> None:
    item = listing("Clear Phone Case, Slim TPU Cover", search_terms=["shockproof"], bullets=["Works with MagSafe"])
    gap = research.gap(item, None, "en")
    where = {c["phrase"]: c["where"] for c in gap.covered}
    assert where["phone case"] == "title_exact"
    assert where["clear phone case"] == "title_exact"
    assert where["shockproof phone case"] == "search_terms"
    assert where["phone case magsafe"] == "bullets"
    assert "dog bed" not in where and "dog bed" not in [m["phrase"] for m in gap.missing]
    assert gap.score is not None and 0 < gap.score < 100


def test_suggestions_never_name_another_brand_or_a_prohibited_term(research: KeywordResearch) -> None:
    gap = research.gap(listing("Phone Case"), None, "en")
    suggested = [s["phrase"] for s in gap.suggested]
    assert "phone case for women" in suggested
    assert "nike phone case" not in suggested and "replica phone case" not in suggested
    # They are still reported as missing: the seller sees them, but is never told to add them.
    assert "nike phone case" in [m["phrase"] for m in gap.missing]


def test_suggestions_add_only_missing_words_and_fit_the_title(research: KeywordResearch) -> None:
    title = "Phone Case " + "x" * 185  # 196 characters: room for one short word on Amazon (200)
    gap = research.gap(listing(title), None, "en")
    for suggestion in gap.suggested:
        if suggestion["placement"] == "title":
            added = " " + " ".join(suggestion["added_words"])
            assert len(title) + len(added) <= 200
        assert "phone" not in [w.casefold() for w in suggestion["added_words"]]
    assert any(s["placement"] == "search_terms" for s in gap.suggested)


def test_the_listings_own_brand_may_be_suggested(research: KeywordResearch) -> None:
    gap = research.gap(listing("Phone Case", brand="Nike"), None, "en")
    assert "nike phone case" in [s["phrase"] for s in gap.suggested]


def test_real_brand_analytics_export_against_real_amazon_listings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    export, catalog = shared_data(*BRAND_ANALYTICS), shared_data(*AMAZON_2020)
    out = tmp_path / "report.json"
    result = run_cli(
        capsys,
        "audit",
        str(catalog),
        "--marketplace",
        "amazon-us",
        "--keywords",
        str(export),
        "--format",
        "json",
        "--output",
        str(out),
        "--fail-on",
        "never",
        "--as-of",
        AS_OF.isoformat(),
        "--no-progress",
    )
    assert result.code == 0, result.out
    document = json.loads(out.read_text(encoding="utf-8"))
    validate_document(document)
    with catalog.open(encoding="utf-8", newline="") as handle:
        search_terms = {i: r.get("Search Terms", "") or "" for i, r in enumerate(csv.DictReader(handle), start=1)}
    with_keywords = [item for item in document["listings"] if item["keywords"]]
    assert with_keywords, "no listing shares a core word with the export"
    for item in with_keywords:
        block = item["keywords"]
        assert set(block) == {"score", "covered", "missing", "suggested"}
        assert len(block["missing"]) <= 20
        for covered in block["covered"]:
            assert covered["where"] in {"title_exact", "title_words", "bullets", "description", "search_terms"}
        for suggestion in block["suggested"]:
            assert suggestion["placement"] in {"title", "search_terms"}
            if suggestion["placement"] == "title":
                assert len(item["title"]) + len(" " + " ".join(suggestion["added_words"])) <= 200
            else:
                terms = search_terms.get(item["row"], "")
                added = " " + " ".join(suggestion["added_words"])
                assert len((terms + added).encode("utf-8")) < 250
            words = {w.casefold() for w in suggestion["added_words"]}
            assert not words & {"pokemon", "amazon", "nike", "stanley", "needoh"}, suggestion
        codes = {f["code"] for f in item["findings"] if f["category"] == "keywords"}
        assert codes <= {"LK-K801", "LK-K802", "LK-K803"}


def test_keywords_gap_command_writes_a_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    catalog = tmp_path / "products.csv"
    catalog.write_text("sku,title,search_terms\nS1,Clear Phone Case Slim,\n", encoding="utf-8")
    research_file = tmp_path / "research.csv"
    research_file.write_text("keyword,volume\nphone case,90000\nshockproof phone case,20000\n", encoding="utf-8")
    out = tmp_path / "gap.csv"
    result = run_cli(
        capsys, "keywords", "gap", str(catalog), "-k", str(research_file), "-m", "amazon-us", "-o", str(out)
    )
    assert result.code == 0, result.out
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("file,row,sku,title,phrase,volume,status,where,added_words")
    assert any("shockproof phone case" in line and "suggested" in line for line in lines)
    assert "phone case" in result.out


def test_keywords_formats_lists_every_importer(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "keywords", "formats", "--format", "json")
    assert result.code == 0
    names = {f["name"] for f in json.loads(result.out)}
    assert {"brand-analytics", "helium10", "jungle-scout", "google-keyword-planner", "sellersprite", "plain"} <= names


def test_keyword_options_without_a_research_file_are_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    catalog = tmp_path / "products.csv"
    catalog.write_text("sku,title\nS1,Phone Case\n", encoding="utf-8")
    result = run_cli(capsys, "audit", str(catalog), "--keywords-format", "plain")
    assert result.code == 2


def test_competitor_titles_give_candidates_without_a_research_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    catalog = tmp_path / "products.csv"
    catalog.write_text("sku,title\nS1,Dog Bed Washable\n", encoding="utf-8")
    competitors = tmp_path / "competitors.csv"
    competitors.write_text(
        "sku,title\n"
        "C1,Orthopedic Dog Bed for Large Dogs\n"
        "C2,Calming Orthopedic Dog Bed with Removable Cover\n"
        "C3,Orthopedic Dog Bed Memory Foam\n"
        "C4,Stainless Steel Dog Bowl\n",
        encoding="utf-8",
    )
    out = tmp_path / "gap.csv"
    result = run_cli(capsys, "keywords", "gap", str(catalog), "--competitors", str(competitors), "-o", str(out))
    assert result.code == 0, result.err
    rows = out.read_text(encoding="utf-8").splitlines()
    suggested = [r for r in rows if ",suggested," in r]
    assert any("orthopedic dog bed" in r for r in suggested), rows
    assert not any("dog bowl" in r for r in rows)  # another product: not relevant to a dog bed


def test_mined_phrases_are_valued_by_titles_and_skip_joining_words() -> None:
    from listingkit.keywords.mining import mine_phrases

    phrases = {p.phrase: p.volume for p in mine_phrases(["Dog Bed for Cats", "Dog Bed for Dogs", "Cat Tree"])}
    assert phrases["dog bed"] == 2
    assert "bed for" not in phrases and "cat tree" not in phrases


def test_synonyms_of_the_lexicon_match_a_phrase_to_the_listing() -> None:
    research = KeywordResearch([phrase("leather couch", 5000), phrase("velvet sofa", 4000)], RuleSet.load(AS_OF))
    gap = research.gap(listing("Velvet Sofa 3 Seater Grey"), None, "en")
    where = {c["phrase"]: c["where"] for c in gap.covered}
    assert where["velvet sofa"] == "title_exact"
    assert "leather couch" in [m["phrase"] for m in gap.missing]  # a couch is a sofa: relevant
