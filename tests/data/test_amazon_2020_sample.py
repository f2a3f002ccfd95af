"""The real Amazon.com 2020 sample: every listing reported, every banned character flagged."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import shared_data
from tests.helpers import run_cli, validate_document

BANNED = set("!$?_{}^¬¦")
LIMIT = 200


def sample() -> Path:
    return shared_data("amazon-us-2020", "amazon_com_2020_sample.csv")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_all_listings_reported_and_every_banned_character_flagged(capsys: pytest.CaptureFixture[str]) -> None:
    path = sample()
    run = run_cli(capsys, "audit", str(path), "--marketplace", "amazon-us", "--format", "json", "--as-of", "2026-11-21")
    assert run.code == 1
    assert "Traceback" not in run.err
    doc = run.json()
    validate_document(doc)
    assert doc["summary"]["listings"] == len(doc["listings"]) == 1000
    assert doc["files"][0]["format"] == "amazon-dataset"
    titles = [r["Product Name"] for r in rows(path)]
    expected_rows = {i + 1 for i, t in enumerate(titles) if BANNED & set(t)}
    flagged = {item["row"] for item in doc["listings"] if any(f["code"] == "LK-T104" for f in item["findings"])}
    assert expected_rows and flagged == expected_rows
    for item in doc["listings"]:
        for f in item["findings"]:
            if f["code"] == "LK-T104":
                assert set(f["match"]) <= BANNED
                assert titles[item["row"] - 1][f["start"] : f["end"]] == f["match"]
    assert not any(f["code"] == "LK-T101" for item in doc["listings"] for f in item["findings"])


def test_lengthened_real_titles_over_the_limit_are_flagged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The sample has no title over 200 characters: lengthen real titles with their own bullets."""
    source = rows(sample())
    out = tmp_path / "long.csv"
    expected: dict[str, int] = {}
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "title"])
        for i, row in enumerate(source):
            bullets = [b.strip() for b in row["About Product"].split(" | ") if b.strip()]
            title = row["Product Name"]
            if i % 2 == 0:
                for bullet in reversed(bullets):
                    title = f"{title}, {bullet}"
                    if len(title) > LIMIT or i % 4 == 0:
                        break
            sku = f"S{i}"
            writer.writerow([sku, title])
            expected[sku] = len(title)
    run = run_cli(
        capsys, "audit", str(out), "-m", "amazon-us", "-f", "json", "--select", "LK-T101", "--as-of", "2026-11-21"
    )
    doc = run.json()
    flagged = {item["sku"] for item in doc["listings"] if item["findings"]}
    over = {sku for sku, length in expected.items() if length > LIMIT}
    assert len(over) > 200
    assert flagged == over
    for item in doc["listings"]:
        for f in item["findings"]:
            assert f["start"] == LIMIT and f["severity"] == "error"
            assert json.dumps(f["message"]).count(str(expected[item["sku"]])) == 1
