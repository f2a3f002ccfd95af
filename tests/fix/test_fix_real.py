"""`listingkit fix` on every real delimited catalog: nothing lost, nothing invented, stable."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from listingkit.audit import Auditor, Summary
from listingkit.catalog import ReadOptions
from listingkit.fix.engine import DEFAULT_FIELDS, FixOptions, applicable
from listingkit.fix.run import Fixer, RunOptions
from listingkit.fix.writer import physical_lines
from tests.conftest import shared_data

# Every real CSV/TSV catalog (spreadsheets and JSON are not written yet).
REAL = [
    "shopify_template/shopify_product_template_2021.csv",
    "shopify_template/shopify_product_template_2024.csv",
    "shopify_export_fr/products_export.csv",
    "shopify_export_ptbr/products_export_1.csv",
    "shopify_export_sv/products_export_1.csv",
    "woocommerce_sample/sample_products.csv",
    "amazon-us-2020/amazon_com_2020_sample.csv",
    "flipkart_in/flipkart_1050_full_columns.csv",
    "flipkart_in/flipkart_48rows_original_image_urls.csv",
    "walmart_us/walmart_laptops_etl.csv",
    "walmart_us/walmart_products_ttu.csv",
    "ebay_browse_api_en/ebay_item_summaries_iphone.csv",
    "mercadolibre_api_es_pt/meli_search_results.csv",
    "wildberries_ru/wildberries_titles.csv",
    "zh_jd_gaiic2022_titles/jd_titles_300_with_entities.csv",
    "zh_taobao_search/taobao_search_zhimahu_2018.csv",
]
# The largest file (20,000 titles) runs only where it proves something the others cannot: that
# nothing is lost or changed twice at scale.
LARGE = ["flipkart_in/flipkart_titles_brands_20k.csv"]
JSON_REAL = [
    "etsy_api_listings/etsy.json",
    "mercadolibre_api_es_pt/meli_item_detail_MLA.json",
    "wdc_pave_offers_en/wdc_pave_test.jsonl",
]
WORD = re.compile(r"\w+")


def fixer(ruleset, annotate: str = "columns", **fix: object) -> Fixer:  # type: ignore[no-untyped-def]
    return Fixer(Auditor(ruleset, ReadOptions()), RunOptions(FixOptions(**fix), annotate=annotate))  # type: ignore[arg-type]


def rows_of(path: Path, encoding: str, delimiter: str) -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return [r for r in csv.reader(handle, delimiter=delimiter) if r]


def records(text: str, delimiter: str) -> dict[int, str]:
    """Each record's raw text by its first line."""
    lines = physical_lines(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out, start = {}, 1
    for cells in reader:
        end = reader.line_num
        if cells:
            out[start] = "".join(lines[start - 1 : end])
        start = end + 1
    return out


@pytest.mark.parametrize("relative", REAL + LARGE)
def test_fix_keeps_every_record_and_changes_only_what_it_fixed(ruleset, tmp_path: Path, relative: str) -> None:  # type: ignore[no-untyped-def]
    source = shared_data(*relative.split("/"))
    plain = tmp_path / "plain.csv"
    done = fixer(ruleset, annotate="none").run_file(source, plain, in_place=False)
    encoding, delimiter = done.summary.encoding or "utf-8", done.summary.delimiter or ","
    before_text = source.read_text(encoding=encoding) if False else source.open(encoding=encoding, newline="").read()
    after_text = plain.open(encoding=encoding, newline="").read()
    before, after = records(before_text, delimiter), records(after_text, delimiter)
    assert before.keys() == after.keys()
    for line, raw in before.items():
        if line not in done.changed_lines:
            assert after[line] == raw, f"line {line} changed though no fix touched it"
    assert source.read_bytes()[:3] == plain.read_bytes()[:3]  # the byte-order mark, if any, is kept
    original_rows, fixed_rows = rows_of(source, encoding, delimiter), rows_of(plain, encoding, delimiter)
    assert len(original_rows) == len(fixed_rows)
    assert [len(r) for r in original_rows] == [len(r) for r in fixed_rows]

    # Annotated: the same rows, four more columns, and a second run changes nothing.
    annotated = tmp_path / "annotated.csv"
    fixer(ruleset).run_file(source, annotated, in_place=False)
    annotated_rows = rows_of(annotated, encoding, delimiter)
    assert len(annotated_rows) == len(original_rows)
    header = annotated_rows[done.summary.header_line - 1 if done.summary.header_line else 0]
    assert header[-4:] == [
        "listingkit_score",
        "listingkit_findings",
        "listingkit_suggested_title",
        "listingkit_changes",
    ]
    again = tmp_path / "again.csv"
    rerun = fixer(ruleset).run_file(annotated, again, in_place=False)
    assert not rerun.changed, [f.changed for f in rerun.changed][:3]
    assert again.read_bytes() == annotated.read_bytes()


@pytest.mark.parametrize("relative", REAL + JSON_REAL)
def test_fixing_removes_what_safe_fixes_target_and_adds_no_finding(ruleset, tmp_path: Path, relative: str) -> None:  # type: ignore[no-untyped-def]
    source = shared_data(*relative.split("/"))
    out = tmp_path / ("fixed" + source.suffix)
    done = fixer(ruleset, annotate="none").run_file(source, out, in_place=False)
    audited = {r.listing.row: r for r in Auditor(ruleset, ReadOptions()).run([out], Summary())}
    original = {r.listing.row: r for r in Auditor(ruleset, ReadOptions()).run([source], Summary())}
    for fixed in done.listings:
        row = fixed.listing.row
        left = applicable(audited[row].findings, FixOptions(), frozenset())
        assert not left, f"row {row}: a safe fix is left: {[(f.code, f.match) for f in left]}"
        if fixed.changed:
            new_codes = {f.code for f in audited[row].findings} - {f.code for f in original[row].findings}
            assert not new_codes, f"row {row}: fixing added {new_codes}"


@pytest.mark.parametrize("relative", REAL + JSON_REAL + LARGE)
def test_no_new_words_holds_with_unsafe_fixes(ruleset, tmp_path: Path, relative: str) -> None:  # type: ignore[no-untyped-def]
    source = shared_data(*relative.split("/"))
    original = {r.listing.row: r.listing for r in Auditor(ruleset, ReadOptions()).run([source], Summary())}
    done = fixer(ruleset, annotate="none", unsafe=True, no_new_words=True, fields=DEFAULT_FIELDS).run_file(
        source, tmp_path / ("fixed" + source.suffix), in_place=False
    )
    for fixed in done.changed:
        known = set()
        item = original[fixed.listing.row]
        for name in ("title", "seo_title", "description", "brand", "bullets", "search_terms", "tags"):
            for _, text in item.text_items(name):
                known.update(w.casefold() for w in WORD.findall(text))
        for (name, _), after in fixed.changed.items():
            assert {w.casefold() for w in WORD.findall(after)} <= known, (name, after)


def json_objects(path: Path) -> list[object]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return [json.loads(text)]


@pytest.mark.parametrize("relative", JSON_REAL)
def test_fix_writes_json_back_changing_only_fixed_values(ruleset, tmp_path: Path, relative: str) -> None:  # type: ignore[no-untyped-def]
    source = shared_data(*relative.split("/"))
    plain = tmp_path / ("plain" + source.suffix)
    done = fixer(ruleset, annotate="none").run_file(source, plain, in_place=False)
    before, after = json_objects(source), json_objects(plain)
    assert len(before) == len(after)
    original = source.read_text(encoding="utf-8-sig")
    written = plain.read_text(encoding="utf-8-sig")
    titles = [(fixed.original[("title", None)], fixed.changed[("title", None)]) for fixed in done.changed]
    # Every byte outside the fixed titles is the input's: undoing the title changes gives the input back.
    undone = written
    for old, new in titles:
        undone = undone.replace(json.dumps(new, ensure_ascii=False)[1:-1], json.dumps(old, ensure_ascii=False)[1:-1], 1)
    assert undone == original or (not titles and written == original)
    annotated = tmp_path / ("annotated" + source.suffix)
    fixer(ruleset).run_file(source, annotated, in_place=False)
    assert len(json_objects(annotated)) == len(before)
    again = tmp_path / ("again" + source.suffix)
    rerun = fixer(ruleset).run_file(annotated, again, in_place=False)
    assert not rerun.changed
    assert again.read_bytes() == annotated.read_bytes()
