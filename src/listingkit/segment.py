"""Chinese word segmentation with jieba, loaded on first use only.

Two segmenters share the dictionary file: the formula tagger's, and one for rules whose Han terms
must match whole words. The second one learns those terms as words, so 国家级 stays one word,
without changing how the tagger cuts titles.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from listingkit.cache import cached

_LOCK = threading.Lock()
_DEFAULT: Any = None
_TERMS: Any = None
_KNOWN_TERMS: set[str] = set()
_PENDING_TERMS: set[str] = set()


def _jieba() -> Any:
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        # jieba imports pkg_resources only to open its own dictionary file, and opens it directly
        # when that import fails; pkg_resources (deprecated) takes most of jieba's import time.
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def default_tokenizer() -> Any:
    """jieba's shared tokenizer, initialised once."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                jieba = _jieba()
                _DEFAULT = _with_dictionary(jieba.dt, jieba)
    return _DEFAULT


def _with_dictionary(tokenizer: Any, jieba: Any) -> Any:
    """The tokenizer with jieba's dictionary (word frequencies and prefixes) loaded. jieba keeps the
    dictionary in a marshal file; the JSON copy in listingkit's cache loads in about half the time."""
    if tokenizer.initialized:
        return tokenizer

    def build() -> list[Any]:
        tokenizer.initialize()
        return [tokenizer.FREQ, tokenizer.total]

    source = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    freq, total = cached(source, build, "segment", version=f"jieba {jieba.__version__}")
    if not tokenizer.initialized:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return tokenizer


def cut(text: str) -> Iterable[str]:
    return default_tokenizer().cut(text, HMM=False)  # type: ignore[no-any-return]


def keep_whole(terms: Iterable[str]) -> None:
    """Terms that word_boundaries must not cut, registered before jieba is loaded."""
    with _LOCK:
        _PENDING_TERMS.update(t for t in terms if t not in _KNOWN_TERMS)


def _terms_tokenizer() -> Any:
    global _TERMS
    base: Any = default_tokenizer() if _TERMS is None else None  # outside the lock, which it takes too
    with _LOCK:
        if _TERMS is None:
            # The tagger's dictionary, copied (a tenth of a second) rather than loaded from disk again
            # (about a second): runs that tag titles and check Chinese terms need both segmenters.
            terms = _jieba().Tokenizer()
            terms.FREQ, terms.total, terms.initialized = dict(base.FREQ), base.total, True
            _TERMS = terms
        for term in _PENDING_TERMS:
            _TERMS.add_word(term)
        _KNOWN_TERMS.update(_PENDING_TERMS)
        _PENDING_TERMS.clear()
    return _TERMS


def word_boundaries(text: str) -> frozenset[int]:
    """Offsets in text where a word starts or ends, with the registered terms kept whole."""
    tokenizer = _terms_tokenizer()
    bounds = {0}
    pos = 0
    for word in tokenizer.cut(text, HMM=False):
        pos += len(word)
        bounds.add(pos)
    return frozenset(bounds)


def warm_up(tagger: bool, terms: bool) -> None:
    """Load the segmenters a run will use before worker processes fork: the workers then share the
    parent's dictionary instead of each loading its own (a second or more each, while competing for
    the cores with the process that reads the file)."""
    if tagger:
        default_tokenizer()
    if terms:
        _terms_tokenizer()
