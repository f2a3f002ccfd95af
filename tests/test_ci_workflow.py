"""A catalog kept in git: --changed-since, baselines, suppressions and the pre-commit hook."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.helpers import run_cli, validate_document

PIN = ("--as-of", "2026-11-21")
ONLY = ("--select", "title,prohibited", "-m", "amazon-us")  # rules the clean rows pass
BEFORE = """sku,brand,title
A1,Lumio,Lumio Clear Phone Case for iPhone 15
A2,Lumio,Lumio Silicone Phone Case for iPhone 14
A3,Hydrako,Hydrako Stainless Steel Water Bottle 1L
A4,Pawlux,Pawlux Orthopedic Dog Bed for Large Dogs
A5,Pawlux,Pawlux Washable Dog Bed Cover
A6,Lumio,Lumio Tempered Glass Screen Protector
"""
# Three rows change: two gain a problem, one (A6) is reworded and stays clean; A4 loses nothing.
AFTER = """sku,brand,title
A1,Lumio,Lumio Clear Phone Case for iPhone 15 - FREE SHIPPING
A2,Lumio,Lumio Silicone Phone Case for iPhone 14
A3,Hydrako,Hydrako Stainless Steel Water Bottle 1L Replica
A4,Pawlux,Pawlux Orthopedic Dog Bed for Large Dogs
A5,Pawlux,Pawlux Washable Dog Bed Cover
A6,Lumio,Lumio Tempered Glass Screen Protector for iPhone 15
"""

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "catalog@example.com")
    git(tmp_path, "config", "user.name", "Catalog")
    (tmp_path / "catalog.csv").write_text(BEFORE, encoding="utf-8")
    git(tmp_path, "add", "catalog.csv")
    git(tmp_path, "commit", "-q", "-m", "catalog")
    return tmp_path


def fingerprints(document: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {f["fingerprint"]: f"{item['sku']} {f['code']}" for item in document["listings"] for f in item["findings"]}


def audit(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> dict:  # type: ignore[type-arg]
    run = run_cli(capsys, "audit", str(path), *PIN, *ONLY, "--format", "json", *args)
    assert run.code in (0, 1), run.err
    document = json.loads(run.out)
    validate_document(document)
    return document  # type: ignore[no-any-return]


def test_changed_since_and_baseline_report_exactly_the_new_findings(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    catalog = repo / "catalog.csv"
    baseline = repo / "baseline.json"
    before = audit(capsys, catalog, "--write-baseline", str(baseline))
    assert fingerprints(before) == {}  # the committed catalog is clean for these rules
    catalog.write_text(AFTER, encoding="utf-8")
    after = audit(capsys, catalog)
    new = {fp: what for fp, what in fingerprints(after).items() if fp not in fingerprints(before)}
    assert {what.split()[0] for what in new.values()} == {"A1", "A3"}

    changed = audit(capsys, catalog, "--changed-since", "HEAD")
    assert fingerprints(changed) == new
    assert sorted(item["sku"] for item in changed["listings"]) == ["A1", "A3", "A6"]

    baselined = audit(capsys, catalog, "--baseline", str(baseline))
    assert fingerprints(baselined) == new


def test_baseline_leaves_out_old_findings_and_reports_stale_ones(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    catalog = repo / "catalog.csv"
    baseline = repo / "baseline.json"
    catalog.write_text(AFTER, encoding="utf-8")
    first = audit(capsys, catalog, "--write-baseline", str(baseline))
    recorded = json.loads(baseline.read_text("utf-8"))["findings"]
    assert {e["fingerprint"] for e in recorded} == set(fingerprints(first))
    # Rows move and A1 is fixed: nothing is new, A1's entries are stale, the exit code is 0.
    lines = AFTER.splitlines()
    fixed = [
        lines[0],
        lines[3],
        lines[2].replace(" - FREE SHIPPING", ""),
        *lines[4:],
        lines[1].replace(" - FREE SHIPPING", ""),
    ]
    catalog.write_text("\n".join(fixed) + "\n", encoding="utf-8")
    run = run_cli(capsys, "audit", str(catalog), *PIN, *ONLY, "--format", "json", "--baseline", str(baseline))
    document = json.loads(run.out)
    validate_document(document)
    assert run.code == 0 and fingerprints(document) == {}
    assert document["summary"]["baselined"] == len(recorded) - document["summary"]["stale_baseline"]
    stale = [f for f in document["findings"] if f["code"] == "LK-I011"]
    assert len(stale) == document["summary"]["stale_baseline"] >= 1
    assert all(f["detail"]["baseline"]["sku"] == "A1" for f in stale)


def test_a_bad_baseline_or_revision_is_exit_2(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    catalog = repo / "catalog.csv"
    (repo / "bad.json").write_text("[]", encoding="utf-8")
    assert run_cli(capsys, "audit", str(catalog), *PIN, "--baseline", str(repo / "bad.json")).code == 2
    assert run_cli(capsys, "audit", str(catalog), *PIN, "--changed-since", "no-such-branch").code == 2


def test_suppressions_from_config_and_the_ignore_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "listingkit.yaml").write_text(
        "suppress:\n"
        "  - rules: [LK-T114]\n    skus: ['PROMO-*']\n    reason: campaign listings\n"
        "  - rules: [LK-P401]\n    files: ['legacy/*.csv']\n",
        encoding="utf-8",
    )
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(
        "sku,brand,title,listingkit_ignore\n"
        "PROMO-1,Lumio,Lumio Phone Case - FREE SHIPPING,\n"
        "B1,Lumio,Lumio Phone Case - FREE SHIPPING,LK-T114\n"
        "B2,Lumio,Lumio Phone Case - FREE SHIPPING,\n"
        "B3,Lumio,Lumio Phone Case,LK-T104\n",
        encoding="utf-8",
    )
    run = run_cli(
        capsys, "audit", str(catalog), *PIN, *ONLY, "--format", "json", "--config", str(tmp_path / "listingkit.yaml")
    )
    document = json.loads(run.out)
    validate_document(document)
    codes = {item["sku"]: [f["code"] for f in item["findings"]] for item in document["listings"]}
    assert "LK-T114" not in codes["PROMO-1"] and "LK-T114" not in codes["B1"] and "LK-T114" in codes["B2"]
    assert document["summary"]["suppressed"] == 2
    unused = [f for f in document["findings"] if f["code"] == "LK-I010"]
    assert sorted(f["match"] for f in unused) == ["LK-P401", "LK-T104"]
    assert all(f["severity"] == "info" for f in unused)
    assert not [f for f in document["findings"] if f["code"] == "LK-I008"]  # the ignore column is not "unused"


def test_the_pre_commit_hook_runs_on_catalog_files(tmp_path: Path) -> None:
    """What `pre-commit` does with the hook: pick the staged files its pattern matches, run the entry."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "listingkit-audit")
    pattern = re.compile(hook["files"])
    (tmp_path / "bad.csv").write_text("sku,title\nA1,Phone Case - FREE SHIPPING!!!\n", encoding="utf-8")
    (tmp_path / "good.tsv").write_text("sku\ttitle\nA2\tLumio Clear Phone Case for iPhone 15\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not a catalog\n", encoding="utf-8")
    staged = sorted(p.name for p in tmp_path.iterdir() if pattern.search(p.name))
    assert staged == ["bad.csv", "good.tsv"]
    entry = hook["entry"].split()
    assert entry[0] == "listingkit"
    command = [sys.executable, "-m", "listingkit", *entry[1:], "-m", "amazon-us", *PIN]

    def run(*files: str) -> int:
        return subprocess.run([*command, *files], cwd=tmp_path, capture_output=True, check=False).returncode

    assert run("bad.csv", "good.tsv") == 1
    assert run("good.tsv") == 0
