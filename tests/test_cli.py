from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import run_cli, validate_document

EXAMPLE = str(ROOT / "examples" / "products.csv")
PIN = ("--as-of", "2026-11-21")


def pack_folder(tmp_path: Path, name: str, text: str) -> Path:
    """A folder holding one user rule pack."""
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / name).write_text(text, encoding="utf-8")
    return packs


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_example_catalog_exits_1_on_its_real_problems(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "audit", EXAMPLE, *PIN, "--lang", "en")
    assert run.code == 1
    assert "LK-T104" in run.out and "title-banned-characters" in run.out
    assert "Summary" in run.out


def test_clean_catalog_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "ok.csv", "sku,title\nA1,Lumio Clear Phone Case for iPhone 15\n")
    run = run_cli(capsys, "audit", path, "-m", "amazon-us", *PIN)
    assert run.code == 0, run.out


def test_fail_on_levels(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # 96 characters: over Amazon's reported 75 (warning) and its recommended 80 (info), under 200.
    title = "Hydrako Stainless Steel Water Bottle 1L, Insulated Leak-Proof Flask for Gym, Hiking and Office"
    path = write(tmp_path, "w.csv", f"sku,title\nA1,{json.dumps(title)}\n")
    assert run_cli(capsys, "audit", path, "-m", "amazon-us", *PIN).code == 0
    assert run_cli(capsys, "audit", path, "-m", "amazon-us", *PIN, "--fail-on", "warning").code == 1
    assert run_cli(capsys, "audit", path, "-m", "amazon-us", *PIN, "--fail-on", "never").code == 0
    assert run_cli(capsys, "audit", path, "-m", "amazon-us", *PIN, "--ignore", "LK-T102").code == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("audit", "no-such-file.csv"), "no-such-file.csv: file not found"),
        (("audit", EXAMPLE, "-m", "mars-bazaar"), "unknown marketplace 'mars-bazaar'"),
        (("audit", EXAMPLE, "--format", "xml"), "--format xml"),
        (("audit", EXAMPLE, "--fail-on", "fatal"), "--fail-on fatal"),
        (("audit", EXAMPLE, "--as-of", "yesterday"), "--as-of yesterday"),
        (("audit", EXAMPLE, "--map", "title"), "expected FIELD=COLUMN"),
        (("audit", EXAMPLE, "--no-such-option"), "No such option"),
        (("rules", "explain", "LK-X999"), "no rule with code or name"),
    ],
)
def test_usage_and_input_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], needle: str
) -> None:
    run = run_cli(capsys, *args)
    assert run.code == 2
    assert needle in run.err
    assert "Traceback" not in run.err + run.out


def test_file_without_title_column_is_exit_2_listing_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "x.csv", "sku,colour\nA,red\n")
    run = run_cli(capsys, "audit", path)
    assert run.code == 2
    assert "no title column (columns seen: sku, colour)" in run.err
    assert run.err.count("\n") == 1


def test_undecodable_bytes_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bin.csv"
    path.write_bytes(b"sku,title\n" + bytes(range(128, 256)) * 50)
    run = run_cli(capsys, "audit", str(path), "--encoding", "utf-8")
    assert run.code == 2 and "not valid utf-8" in run.err


def test_unreadable_file_among_several_is_reported_and_others_audited(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = write(tmp_path, "good.csv", "sku,title\nA1,Phone Case!\n")
    run = run_cli(capsys, "audit", good, str(tmp_path / "gone.csv"), "-m", "amazon-us", "-f", "json", *PIN)
    assert run.code == 2
    doc = run.json()
    validate_document(doc)
    assert [f["code"] for f in doc["findings"]] == ["LK-I001"]
    assert doc["listings"][0]["findings"][0]["code"] == "LK-T104"


def test_json_document_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "audit", EXAMPLE, "-f", "json", *PIN)
    assert run.code == 1
    doc = run.json()
    validate_document(doc)
    assert doc["as_of"] == "2026-11-21" and doc["schema"] == 1 and doc["tool"] == "listingkit"
    assert doc["summary"]["listings"] == len(doc["listings"]) == 5
    by_sku = {item["sku"]: item for item in doc["listings"]}
    bad = by_sku["PC-1002"]
    banned = next(f for f in bad["findings"] if f["code"] == "LK-T104")
    assert bad["title"][banned["start"] : banned["end"]] == banned["match"] == "!!!"
    assert banned["column"] == "title" and banned["row"] == 2 and banned["line"] == 3
    assert banned["fix"]["applicability"] == "safe"
    assert banned["link"].startswith("https://")
    assert banned["rule_date"] == "2025-01-21"
    fingerprints = [f["fingerprint"] for item in doc["listings"] for f in item["findings"]]
    assert len(fingerprints) == len(set(fingerprints))


def test_fingerprints_survive_resorting(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = ["A1,Phone Case!! for iPhone", "B2,Dog Bed!"]
    one = write(tmp_path, "one.csv", "sku,title\n" + "\n".join(rows) + "\n")
    two = write(tmp_path, "two.csv", "sku,title\n" + "\n".join(reversed(rows)) + "\n")

    def prints(path: str) -> set[tuple[str, str]]:
        doc = run_cli(capsys, "audit", path, "-m", "amazon-us", "-f", "json", *PIN).json()
        return {(item["sku"], f["fingerprint"]) for item in doc["listings"] for f in item["findings"]}

    assert prints(one) == prints(two)


def test_jsonl_writes_one_listing_a_line_then_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "audit", EXAMPLE, "-f", "jsonl", *PIN)
    lines = [json.loads(line) for line in run.out.splitlines()]
    assert len(lines) == 6
    assert all("findings" in line and "row" in line for line in lines[:5])
    assert lines[-1]["summary"]["listings"] == 5
    validate_document({**lines[-1], "listings": lines[:5]})


def test_output_file_is_written_whole(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    run = run_cli(capsys, "audit", EXAMPLE, "-f", "json", "-o", str(target), *PIN)
    assert run.code == 1 and run.out == ""
    validate_document(json.loads(target.read_text(encoding="utf-8")))
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_select_and_ignore_by_code_prefix_name_category(capsys: pytest.CaptureFixture[str]) -> None:
    def codes(*extra: str) -> set[str]:
        doc = run_cli(capsys, "audit", EXAMPLE, "-f", "json", *PIN, *extra).json()
        return {f["code"] for item in doc["listings"] for f in item["findings"]}

    everything = codes()
    assert codes("--select", "LK-T104") == {"LK-T104"}
    assert codes("--select", "title-repeated-word") == {"LK-T105"}
    assert codes("--select", "LK-T10") == {c for c in everything if c.startswith("LK-T10")}
    assert "LK-T104" not in codes("--ignore", "LK-T104,LK-T105")
    assert codes("--select", "detail") <= {c for c in everything if c.startswith("LK-D")}


def test_input_does_not_change(capsys: pytest.CaptureFixture[str]) -> None:
    before = Path(EXAMPLE).read_bytes()
    run_cli(capsys, "audit", EXAMPLE, *PIN)
    assert Path(EXAMPLE).read_bytes() == before


def test_config_file_is_found_by_walking_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "listingkit.yaml").write_text("marketplace: ebay\nfail_on: never\n", encoding="utf-8")
    sub = tmp_path / "catalog"
    sub.mkdir()
    path = write(sub, "c.csv", "sku,title\nA1," + "Very Long Ceramic Coffee Mug " * 4 + "\n")
    monkeypatch.chdir(sub)
    run = run_cli(capsys, "audit", path, "-f", "json", *PIN)
    assert run.code == 0
    assert run.json()["listings"][0]["marketplace"] == "ebay-us"
    assert any(f["code"] == "LK-T101" for f in run.json()["listings"][0]["findings"])


def test_pyproject_tool_table_is_a_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.listingkit]\nmarketplace = "amazon-de"\n', encoding="utf-8")
    path = write(tmp_path, "c.csv", "sku,title\nA1,Kaffeebecher\n")
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "audit", path, "-f", "json", *PIN).json()["listings"][0]["marketplace"] == "amazon-de"


def test_bad_config_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = write(tmp_path, "listingkit.yaml", "fail_onn: error\n")
    run = run_cli(capsys, "audit", EXAMPLE, "--config", config)
    assert run.code == 2 and "unknown setting 'fail_onn'" in run.err


def test_bad_user_pack_names_file_rule_and_key(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    packs = pack_folder(
        tmp_path,
        "mine.yaml",
        "pack: mine\ntitle: Mine\nrules:\n  - code: LK-X101\n    name: my-rule\n    kind: length\n"
        "    category: title\n    severity: error\n    maxx: 10\n    message: m\n    description: d\n"
        "    link: https://example.com\n",
    )
    run = run_cli(capsys, "audit", EXAMPLE, "--rules", str(packs))
    assert run.code == 2
    assert f"{packs / 'mine.yaml'}: rule LK-X101: unknown key 'maxx'" in run.err


def test_user_pack_adds_a_banned_word_without_python(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    packs = pack_folder(
        tmp_path,
        "house.yaml",
        "pack: house\ntitle: House words\nrules:\n  - code: LK-X201\n    name: house-banned-word\n"
        "    kind: existence\n    category: title\n    severity: error\n    terms: [cheapo]\n"
        "    message: Our style guide bans this word.\n    description: House rule.\n"
        "    link: https://example.com/style\n",
    )
    path = write(tmp_path, "c.csv", "sku,title\nA1,Cheapo Mug\nA2,Cheapomatic Mug\n")
    doc = run_cli(capsys, "audit", path, "--rules", str(packs), "-f", "json", *PIN).json()
    hits = [(item["sku"], f["match"]) for item in doc["listings"] for f in item["findings"] if f["code"] == "LK-X201"]
    assert hits == [("A1", "Cheapo")]


def test_as_of_decides_which_rules_are_in_effect(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    title = "Hydrako Stainless Steel Water Bottle 1L, Insulated Leak-Proof Flask for Gym and Office"
    path = write(tmp_path, "c.csv", f"sku,title\nA1,{json.dumps(title)}\n")

    def codes(day: str) -> set[str]:
        doc = run_cli(capsys, "audit", path, "-m", "amazon-us", "-f", "json", "--as-of", day).json()
        return {f["code"] for f in doc["listings"][0]["findings"]}

    assert "LK-T102" in codes("2026-11-21")
    assert "LK-T102" not in codes("2026-01-01")


def test_rules_list_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "rules", "list", "-m", "amazon-us", "-f", "json")
    rules = json.loads(run.out)
    codes = {r["code"] for r in rules}
    assert {"LK-T101", "LK-T104", "LK-T105", "LK-D201"} <= codes
    run = run_cli(capsys, "rules", "explain", "LK-T101")
    assert run.code == 0
    assert "200" in run.out and "https://" in run.out and "fails:" in run.out
    assert run_cli(capsys, "rules", "explain", "title-banned-characters").code == 0


def test_marketplaces_lists_ids_aliases_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "marketplaces", "-f", "json")
    records = {r["id"]: r for r in json.loads(run.out)}
    assert {
        "generic",
        "amazon-us",
        "amazon-jp",
        "aliexpress",
        "tmall",
        "ebay-uk",
        "shopee-sg",
        "lazada-th",
        "mercadolibre-br",
        "google-shopping",
        "tiktok-shop",
        "temu",
        "shopify",
        "walmart",
        "etsy",
    } <= set(records)
    amazon = records["amazon-us"]
    assert "amazon.com" in amazon["aliases"]
    assert any(n["code"] == "LK-T101" and n["source"].startswith("https://") for n in amazon["numbers"])


def test_init_writes_a_valid_commented_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "listingkit.yaml"
    assert run_cli(capsys, "init", str(target)).code == 0
    assert target.read_text(encoding="utf-8").startswith("# listingkit configuration")
    assert run_cli(capsys, "init", str(target)).code == 2
    assert run_cli(capsys, "audit", EXAMPLE, "--config", str(target), *PIN).code == 1


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (
        ["--help"],
        ["audit", "--help"],
        ["rules", "--help"],
        ["rules", "list", "--help"],
        ["rules", "explain", "--help"],
        ["marketplaces", "--help"],
        ["init", "--help"],
    ):
        run = run_cli(capsys, *args)
        assert run.code == 0 and "Usage" in run.out


def test_module_entry_point_runs() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "listingkit", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.startswith("listingkit ")


def test_two_variants_of_a_code_on_one_marketplace_are_a_pack_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    packs = pack_folder(
        tmp_path,
        "extra.yaml",
        "pack: extra\ntitle: Extra\nmarketplaces: [amazon-us]\nrules:\n  - code: LK-T101\n    name: title-max-length\n"
        "    kind: length\n    category: title\n    severity: error\n    max: 100\n    message: m\n"
        "    description: d\n    link: https://example.com\n",
    )
    run = run_cli(capsys, "audit", EXAMPLE, "--rules", str(packs))
    assert run.code == 2
    assert "rule LK-T101: applies to amazon-us like its variant in amazon.yaml" in run.err
