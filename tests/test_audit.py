"""The auditor: duplicate SKUs across a file, and the worker-process path giving the same records."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from listingkit import audit as audit_module
from listingkit.audit import Auditor, Summary
from listingkit.catalog import ReadOptions
from tests.conftest import AS_OF


@pytest.fixture
def auditor(ruleset):  # type: ignore[no-untyped-def]
    return Auditor(ruleset, ReadOptions(marketplace="amazon-us"))


def write_catalog(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "title", "bullet_point1", "generic_keywords"])
        for i in range(rows):
            sku = "DUP" if i in (10, 1500) else f"S{i}"
            title = f"Lumio Phone Case {i} for iPhone 15" + ("!!" if i % 7 == 0 else "")
            if i % 500 == 3:
                writer.writerow(["", "", "", ""])
                continue
            writer.writerow([sku, title, "Shockproof\nclear cover", "case cover " * (i % 40)])


def audited_both_ways(
    auditor: Auditor, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[dict[str, Any]], Summary]:
    """The file's records from worker processes, checked equal to one process's, with the summary."""
    serial_summary, parallel_summary = Summary(), Summary()
    serial = list(auditor.records([path], serial_summary, jobs=1))
    monkeypatch.setattr(audit_module, "PARALLEL_MIN_BYTES", 0)
    parallel = list(auditor.records([path], parallel_summary, jobs=2))
    assert parallel == serial
    assert parallel_summary.as_dict() == serial_summary.as_dict()
    assert [f.as_dict() for f in parallel_summary.catalog_findings] == [
        f.as_dict() for f in serial_summary.catalog_findings
    ]
    return parallel, parallel_summary


def test_duplicate_sku_is_reported_on_the_later_listing(auditor: Auditor, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("sku,title\nA,Mug\nB,Cup\nA,Plate\n", encoding="utf-8")
    results = list(auditor.run([path], Summary()))
    codes = [[f.code for f in r.findings if f.code.startswith("LK-I")] for r in results]
    assert codes == [[], [], ["LK-I003"]]
    dup = next(f for f in results[2].findings if f.code == "LK-I003")
    assert (dup.row, dup.line, dup.column, dup.field) == (3, 4, "sku", "sku")
    assert dup.message == "This SKU was already used at row 1; give every listing its own SKU."


def test_worker_processes_give_the_same_records_as_one_process(
    auditor: Auditor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.csv"
    write_catalog(path, 3000)
    parallel, parallel_summary = audited_both_ways(auditor, path, monkeypatch)
    file_summary = parallel_summary.files[0]
    assert (file_summary.records, file_summary.listings, file_summary.input_records) == (3000, 2994, 6)
    assert any(f["code"] == "LK-I003" for r in parallel for f in r["findings"])
    assert AS_OF  # the shared rule set is pinned to the contract date


def test_chinese_rows_give_the_same_records_in_workers(
    auditor: Auditor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first rows hold Chinese text, so the segmenters are loaded before the workers fork; brand
    names inside Chinese text (苹果 after 适用于, 毒液 inside 消毒液) are judged the same either way."""
    from listingkit import segment

    path = tmp_path / "zh.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "title", "bullet_point1"])
        for i in range(400):
            title = ["手机壳适用于苹果15防摔透明软壳", "家用消毒液500ml", "耐克运动鞋男款", f"Lumio Mug {i}"][i % 4]
            writer.writerow([f"S{i}", title, "最佳选择" if i % 5 == 0 else ""])
    parallel, _ = audited_both_ways(auditor, path, monkeypatch)
    brands = [{(f["code"], f["match"]) for f in r["findings"] if f["code"].startswith("LK-B")} for r in parallel]
    assert brands[0] == {("LK-B504", "苹果")}  # Apple after 适用于: a compatibility use
    assert brands[1] == set()  # 毒液 (Venom) is not a name inside 消毒液
    assert segment._TERMS is not None


def test_listings_audited_a_batch_at_a_time_give_the_same_records(
    ruleset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listings are audited a batch at a time, each stage (languages, then each rule) over the whole
    batch; a batch size that does not divide the file, titles in several languages and a
    brand-and-model title whose language only the bullets tell, and listings of three marketplaces
    (each with its own rules) in one batch give what auditing each listing on its own gives."""
    from listingkit.catalog import FileSummary

    path = tmp_path / "mixed.csv"
    titles = [
        "Lumio Phone Case for iPhone 15, Shockproof Clear Cover",
        "Funda para móvil de silicona con protector de cámara",
        "不锈钢保温杯大容量户外运动水杯",
        "Lumio X200 Pro",
        "Coque de téléphone en silicone avec protection de caméra",
    ]
    bullet = "Designed for everyday use, this case is easy to clean and it is built to last for years."
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "title", "bullet_point1", "generic_keywords", "marketplace"])
        for i in range(23):
            market = ["amazon-us", "ebay", "taobao"][i % 3]
            writer.writerow([f"S{i}", titles[i % len(titles)], bullet, "phone case cover", market])
    auditor = Auditor(ruleset, ReadOptions())
    monkeypatch.setattr(audit_module, "AUDIT_BATCH", 7)
    batched = [r.as_dict() for r in auditor.run([path], Summary())]
    reading = auditor.reader.open(path, FileSummary(file=str(path)))
    one_by_one = [
        auditor.audit_listing(listing, issues).as_dict()
        for listing, issues in auditor.reader.listings(reading, FileSummary(file=str(path)))
    ]
    assert batched == one_by_one
    assert [r["language"] for r in batched[:5]] == ["en", "es", "zh", "und", "fr"]
    assert batched[3]["languages"]["bullets"]["code"] == "en"
    assert [r["marketplace"] for r in batched[:3]] == ["amazon-us", "ebay-us", "taobao"]
    # One title on three marketplaces, each with its own rules: Amazon asks for more bullets, and
    # on Taobao an English title is not in the market's language.
    codes = [{f["code"] for f in r["findings"]} for r in batched]
    assert "LK-D301" in codes[0] and "LK-D301" not in codes[10]
    assert "LK-L101" in codes[5] and "LK-L101" not in codes[0] | codes[10]


def test_a_read_error_further_down_still_reports_every_listing_before_it(
    auditor: Auditor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bytes that are not UTF-8 past the encoding sample stop the file with an input error; every
    listing before them is audited and reported, though they fill no whole batch or chunk."""
    from listingkit.io import table

    monkeypatch.setattr(table, "SAMPLE_BYTES", 4096)
    path = tmp_path / "late-bad-byte.csv"
    rows = [f"S{i},Ceramic Mug {i} White 350 ml\n" for i in range(1, 2551)]
    path.write_bytes(("sku,title\n" + "".join(rows)).encode("utf-8") + b"B1,Tea \xff Cup\nC1,Glass Cup\n")
    records, summary = audited_both_ways(auditor, path, monkeypatch)
    assert [r["row"] for r in records] == list(range(1, 2551))  # 2550: no whole batch or chunk at the end
    assert summary.input_error
    assert "line 2552: bytes not valid utf-8" in summary.catalog_findings[0].detail["error"]
