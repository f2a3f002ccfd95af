"""Loading the Chinese segmenter: its dictionary from the cache, and jieba without pkg_resources."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from listingkit import segment
from listingkit.cache import CACHE_ENV

TITLE = "手机壳适用于苹果15防摔透明软壳"


def test_the_dictionary_is_loaded_from_the_cache_the_second_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jieba = segment._jieba()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    first = segment._with_dictionary(jieba.Tokenizer(), jieba)
    assert len(list((tmp_path / "segment").glob("*.json"))) == 1

    second = jieba.Tokenizer()

    def no_initialize(*_: object) -> None:
        raise AssertionError("jieba read its own dictionary again")

    monkeypatch.setattr(second, "initialize", no_initialize)
    segment._with_dictionary(second, jieba)
    assert second.total == first.total
    assert second.FREQ == first.FREQ
    assert list(second.cut(TITLE, HMM=False)) == list(first.cut(TITLE, HMM=False))
    assert "苹果" in list(second.cut(TITLE, HMM=False))


def test_without_a_cache_jieba_loads_its_own_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jieba = segment._jieba()
    monkeypatch.setenv(CACHE_ENV, "none")
    tokenizer = segment._with_dictionary(jieba.Tokenizer(), jieba)
    assert tokenizer.initialized and "苹果" in list(tokenizer.cut(TITLE, HMM=False))


def test_jieba_is_imported_without_pkg_resources() -> None:
    code = "import sys; from listingkit import segment; segment._jieba(); print('pkg_resources' in sys.modules)"
    env = {**os.environ, "PYTHONWARNINGS": "error::DeprecationWarning:pkg_resources"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"
