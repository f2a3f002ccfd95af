"""The detail options of `listingkit audit`: --sort score, --images-dir and the catalog summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT
from tests.helpers import run_cli, validate_document

EXAMPLE = str(ROOT / "examples" / "products.csv")
PIN = ("--as-of", "2026-11-21")


def test_sort_score_lists_the_weakest_first(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "audit", EXAMPLE, *PIN, "--sort", "score", "--format", "json")
    document = json.loads(run.out)
    validate_document(document)
    scores = [item["score"] for item in document["listings"]]
    assert scores == sorted(scores) and len(set(scores)) > 1


def test_terminal_summary_shows_bands_weakest_and_missing(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "audit", EXAMPLE, *PIN, "--lang", "en")
    for heading in ("Scores", "Weakest listings", "Most common missing elements", "80-100 excellent"):
        assert heading in run.out
    assert "bullets-too-few" in run.out


def test_bad_sort_and_images_dir_are_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run_cli(capsys, "audit", EXAMPLE, *PIN, "--sort", "price").code == 2
    assert run_cli(capsys, "audit", EXAMPLE, *PIN, "--images-dir", str(tmp_path / "none")).code == 2


def test_images_dir_checks_the_main_image(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    images = tmp_path / "images"
    images.mkdir()
    small = Image.new("RGB", (600, 400), (40, 90, 160))  # small, coloured background, not square
    small.save(images / "mug-main.jpg")
    good = Image.new("RGB", (2200, 2200), "white")
    good.paste((20, 20, 20), (700, 700, 1500, 1500))
    good.save(images / "jar-main.jpg")
    catalog = tmp_path / "walmart.csv"
    catalog.write_text(
        "sku,title,main_image_url,description\n"
        "M1,Ceramic Coffee Mug 12 oz,mug-main.jpg,A mug.\n"
        "J1,Glass Storage Jar 1.5 L,https://cdn.example.com/img/jar-main.jpg,A jar.\n"
        "G1,Glass Storage Jar 2 L,gone.jpg,A jar.\n",
        encoding="utf-8",
    )
    run = run_cli(capsys, "audit", str(catalog), *PIN, "-m", "walmart", "--images-dir", str(images), "-f", "json")
    codes = {item["sku"]: {f["code"] for f in item["findings"]} for item in json.loads(run.out)["listings"]}
    assert {"LK-D107", "LK-D108", "LK-D109"} <= codes["M1"]
    assert not {"LK-D107", "LK-D108", "LK-D109", "LK-D110"} & codes["J1"]  # the URL's file is in the folder
    assert "LK-D110" in codes["G1"]
    without = run_cli(capsys, "audit", str(catalog), *PIN, "-m", "walmart", "-f", "json")
    for item in json.loads(without.out)["listings"]:
        assert not {"LK-D107", "LK-D108", "LK-D109", "LK-D110"} & {f["code"] for f in item["findings"]}
