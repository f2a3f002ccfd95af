"""Chinese word segmentation with jieba, loaded on first use only.

Two segmenters share the dictionary file: the formula tagger's, and one for rules whose Han terms
must match whole words. The second one learns those terms as words, so 国家级 stays one word,
without changing how the tagger cuts titles.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Any

_LOCK = threading.Lock()
_DEFAULT: Any = None
_TERMS: Any = None
_KNOWN_TERMS: set[str] = set()
_PENDING_TERMS: set[str] = set()


def _jieba() -> Any:
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
                jieba.initialize()
                _DEFAULT = jieba.dt
    return _DEFAULT


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
