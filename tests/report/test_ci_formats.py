"""The CI outputs: SARIF for code scanning, GitHub annotations, JUnit XML and a CSV of findings."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from listingkit.report.github import escape_data, escape_property
from tests.conftest import ROOT
from tests.helpers import run_cli

EXAMPLE = str(ROOT / "examples" / "products.csv")
PIN = ("--as-of", "2026-11-21")
SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
QUOTED = 'sku,brand,title\nA1,Lumio,"Lumio Phone Case, Clear {Slim}"\nA2,Lumio,"Say ""hi"" Mug!"\n'


def sarif(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    run = run_cli(capsys, "audit", *args, *PIN, "--format", "sarif")
    assert run.code in (0, 1), run.err
    return json.loads(run.out)  # type: ignore[no-any-return]


def test_sarif_validates_against_the_official_schema(capsys: pytest.CaptureFixture[str]) -> None:
    document = sarif(capsys, EXAMPLE)
    jsonschema.Draft4Validator(SCHEMA).validate(document)
    assert document["runs"][0]["results"]


def test_sarif_has_every_property_github_requires(capsys: pytest.CaptureFixture[str]) -> None:
    document = sarif(capsys, EXAMPLE)
    assert document["$schema"] and document["version"] == "2.1.0"
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "listingkit" and driver["version"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["helpUri"].startswith("http")
    for result in run["results"]:
        assert result["ruleId"] == ids[result["ruleIndex"]]
        assert result["message"]["text"] and result["level"] in ("error", "warning", "note")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"]
        assert location["region"]["startLine"] >= 2
        assert result["partialFingerprints"]["listingkit/v1"]


def test_sarif_columns_point_at_the_matched_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text(QUOTED, encoding="utf-8")
    lines = QUOTED.splitlines()
    document = sarif(capsys, str(path), "-m", "amazon-us", "--select", "LK-T104")
    results = document["runs"][0]["results"]
    found = []
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        found.append(line[region["startColumn"] - 1 : region["endColumn"] - 1])
        assert result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].endswith("/title")
    assert sorted(found) == ["!", "{", "}"]


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("50% off", "50%25 off", "50%25 off"),
        ("a: b, c", "a: b, c", "a%3A b%2C c"),
        ("line one\nline two\r\n", "line one%0Aline two%0D%0A", "line one%0Aline two%0D%0A"),
    ],
)
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_github_annotations_group_each_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tricky = tmp_path / "a, b: c.csv"
    tricky.write_text("sku,title\nA1,100% Cotton Shirt!!! BEST SELLER\n", encoding="utf-8")
    run = run_cli(capsys, "audit", EXAMPLE, str(tricky), *PIN, "-m", "amazon-us", "--format", "github")
    lines = run.out.splitlines()
    groups = [line for line in lines if line.startswith("::group::")]
    assert len(groups) == 2 and lines.count("::endgroup::") == 2
    commands = [line for line in lines if line.startswith(("::error ", "::warning ", "::notice "))]
    assert commands and all("::" in c[2:] for c in commands)
    mine = [c for c in commands if "a%2C b%3A c.csv" in c]
    assert mine and all(",line=2," in c for c in mine)
    assert all("\n" not in c for c in commands)


def test_auto_format_is_github_under_actions(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert "::group::" in run_cli(capsys, "audit", EXAMPLE, *PIN, "--format", "auto").out
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert "::group::" not in run_cli(capsys, "audit", EXAMPLE, *PIN, "--format", "auto", "--lang", "en").out


def test_junit_lists_failing_listings(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "audit", EXAMPLE, *PIN, "--format", "junit")
    root = ET.fromstring(run.out.split("\n", 1)[1])
    suite = root.find("testsuite")
    assert suite is not None and int(suite.get("tests", "0")) == 5
    failures = suite.findall("testcase/failure")
    assert len(failures) == int(suite.get("failures", "0")) >= 1
    assert any("LK-T104" in (f.text or "") for f in failures)


def test_csv_has_one_row_per_finding(capsys: pytest.CaptureFixture[str]) -> None:
    document = run_cli(capsys, "audit", EXAMPLE, *PIN, "--format", "json").json()
    total = sum(len(item["findings"]) for item in document["listings"]) + len(document["findings"])
    rows = list(csv.DictReader(io.StringIO(run_cli(capsys, "audit", EXAMPLE, *PIN, "--format", "csv").out)))
    assert len(rows) == total
    assert {r["code"] for r in rows} >= {"LK-T104", "LK-D301"}
    assert all(r["fingerprint"] for r in rows)
