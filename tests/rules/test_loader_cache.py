"""The parsed-YAML cache of large lexicon files: same data, refreshed on edit, optional, never fatal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from listingkit.cache import CACHE_ENV
from listingkit.errors import PackError
from listingkit.rules import loader
from listingkit.rules.loader import CACHE_MIN_BYTES, read_yaml


def _lexicon(path: Path, word: str) -> Path:
    lines = ["source: test", "entries:"]
    lines += [f"  - name: {word}{i}\n    aliases: [on, 'no', {i}]" for i in range(CACHE_MIN_BYTES // 30)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size >= CACHE_MIN_BYTES
    return path


def _cached(folder: Path) -> list[Path]:
    return sorted((folder / "yaml").glob("*.json")) if (folder / "yaml").exists() else []


def test_second_read_comes_from_the_cache_with_the_same_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    path = _lexicon(tmp_path / "brands.yaml", "Brand")
    first = read_yaml(path)
    assert len(_cached(cache)) == 1
    # YAML 1.2 words stay words through the cache: "on" and "no" are not booleans.
    assert first["entries"][0]["aliases"] == ["on", "no", 0]

    def no_parse(_: Path) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(loader, "_parse_yaml", no_parse)
    assert read_yaml(path) == first


def test_an_edited_file_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    path = _lexicon(tmp_path / "brands.yaml", "Brand")
    read_yaml(path)
    _lexicon(path, "Other")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert read_yaml(path)["entries"][0]["name"] == "Other0"


def test_small_files_and_none_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    small = tmp_path / "small.yaml"
    small.write_text("words: [a, b]\n", encoding="utf-8")
    assert read_yaml(small) == {"words": ["a", "b"]}
    assert _cached(cache) == []
    monkeypatch.setenv(CACHE_ENV, "none")
    assert read_yaml(_lexicon(tmp_path / "brands.yaml", "Brand"))["entries"][1]["name"] == "Brand1"
    assert _cached(cache) == []


def test_an_unwritable_cache_folder_only_costs_the_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    assert read_yaml(_lexicon(tmp_path / "brands.yaml", "Brand"))["entries"][0]["name"] == "Brand0"


def test_a_corrupt_cache_entry_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    path = _lexicon(tmp_path / "brands.yaml", "Brand")
    read_yaml(path)
    _cached(cache)[0].write_text("{broken", encoding="utf-8")
    assert read_yaml(path)["entries"][0]["name"] == "Brand0"


def test_errors_still_name_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries: [unclosed\n" + "# padding\n" * (CACHE_MIN_BYTES // 10), encoding="utf-8")
    with pytest.raises(PackError, match=r"bad\.yaml"):
        read_yaml(bad)
    with pytest.raises(PackError, match=r"missing\.yaml"):
        read_yaml(tmp_path / "missing.yaml")
