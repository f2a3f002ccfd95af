"""Short glosses of a listing's risky words in the reader's language.

A finding quotes the listing's own words untranslated; a Chinese reader of an English listing may
not know that "antibacterial" is a pesticide claim, so the report adds "（抗菌）" after it. The
glosses are data: `keywords/glossary/<reader language>.yaml` maps words and phrases of each
listing language to a gloss. A phrase is looked up whole, else word by word (Snowball stems,
function words skipped; Chinese as a run of known parts); a phrase with any unknown word gets no
gloss rather than half a one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from listingkit.errors import PackError
from listingkit.formula.lexicon import stem_for
from listingkit.i18n import _
from listingkit.language import UNDETERMINED
from listingkit.rules.loader import read_yaml
from listingkit.text import has_cjk

# A number (with its decimals, ratio or percent sign) is kept as written; other words are glossed.
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*%?")
_WORD = re.compile(rf"{_NUMBER.pattern}|[^\W_]+(?:['’][^\W_]+)*")
# The longest name of several words looked up inside a phrase.
MAX_PHRASE_WORDS = 4
_SPACES = re.compile(r"[\s\-‐-―_/]+")
# How a gloss is joined into a message: the quoted word, its gloss, then the message.
_FRAMES = {"zh": "“{match}”（{gloss}）：{message}", "en": '"{match}" ({gloss}): {message}'}
# Glosses of several words are joined without spaces in Chinese and Japanese.
_JOINERS = {"zh": "", "ja": ""}


def _key(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


class Glossary:
    """Glosses into one reader language, from the shipped file and any user lexicon folders."""

    def __init__(self, reader: str) -> None:
        self.reader = reader
        # listing language -> normalised phrase -> gloss, and -> stem of a single word -> gloss
        self.phrases: dict[str, dict[str, str]] = {}
        self.stems: dict[str, dict[str, str]] = {}
        self.skip: dict[str, set[str]] = {}

    @classmethod
    def load(cls, reader: str, dirs: Iterable[Path]) -> Glossary | None:
        """The glossary for this reader language; None when no folder has one. Later folders win."""
        glossary = cls(reader)
        found = False
        for folder in dirs:
            path = folder / "glossary" / f"{reader}.yaml"
            if path.is_file():
                glossary.add_file(path)
                found = True
        return glossary if found else None

    def add_file(self, path: Path) -> None:
        data = read_yaml(path)
        if not isinstance(data, dict) or not set(data) <= {"skip", "terms"}:
            raise PackError(_("{path}: a glossary file is a mapping with the keys skip and terms").format(path=path))
        for language, words in _mapping(data.get("skip"), path, "skip").items():
            if not isinstance(words, list):
                raise PackError(
                    _("{path}: skip.{language}: expected a list of words").format(
                        path=path,
                        language=language,
                    )
                )
            self.skip.setdefault(language, set()).update(_key(str(w)) for w in words)
        for language, terms in _mapping(data.get("terms"), path, "terms").items():
            for term, gloss in _mapping(terms, path, f"terms.{language}").items():
                self.add(language, str(term), str(gloss))

    def add(self, language: str, term: str, gloss: str) -> None:
        key = _key(term)
        self.phrases.setdefault(language, {})[key] = gloss
        if " " not in key and not has_cjk(key):
            self.stems.setdefault(language, {})[stem_for(language)(key)] = gloss

    def gloss(self, match: str, language: str | None = None) -> str | None:
        """The gloss of a matched word or phrase of a listing in this language; None if unknown.

        Words are compared by the stems of the listing's language; when the language is unknown,
        every language of the glossary is tried in turn.
        """
        key = _key(match)
        if not key:
            return None
        if has_cjk(key):  # a Chinese term inside a title of another language is still Chinese
            language = "zh"
        if language == self.reader:
            return None
        if language in self.phrases:
            languages = [language]
        else:  # a language without a section gets no gloss; an unknown one tries them all
            languages = list(self.phrases) if language in (None, "", UNDETERMINED.code) else []
        for candidate in languages:
            glossed = self._lookup(key, candidate)
            if glossed and glossed.casefold() != key:
                return glossed
        return None

    def _lookup(self, key: str, language: str) -> str | None:
        whole = self.phrases[language].get(key)
        if whole is not None:
            return whole
        if has_cjk(key):
            return self._known_parts(key, language)
        if language not in self.stems:
            return None
        return self._word_by_word(key, language)

    def _known_parts(self, key: str, language: str) -> str | None:
        """A Chinese term as a run of known parts, longest first: 治糖尿病 is 治 + 糖尿病."""
        phrases, parts, start = self.phrases[language], [], 0
        while start < len(key):
            end = next((e for e in range(len(key), start, -1) if key[start:e] in phrases), None)
            if end is None:
                return None
            parts.append(phrases[key[start:end]])
            start = end
        return _JOINERS.get(self.reader, " ").join(parts)

    def _word_by_word(self, key: str, language: str) -> str | None:
        """Known multi-word names first ("dolor de cabeza": 头痛), then single words by stem."""
        phrases, stems, stem = self.phrases[language], self.stems[language], stem_for(language)
        skip = self.skip.get(language, set())
        words = [_unelided(m.group(), skip) for m in _WORD.finditer(key)]
        parts: list[str] = []
        start = 0
        while start < len(words):
            end = next(
                (e for e in range(min(len(words), start + MAX_PHRASE_WORDS), start + 1, -1)
                 if " ".join(words[start:e]) in phrases),
                start + 1,
            )  # fmt: skip
            word = " ".join(words[start:end])
            start = end
            if word in skip:
                continue
            gloss = (_NUMBER.fullmatch(word) and word) or phrases.get(word) or stems.get(stem(word))
            if not gloss:
                return None
            if not parts or parts[-1] != gloss:
                parts.append(gloss)
        return _JOINERS.get(self.reader, " ").join(parts) or None

    def frame(self, match: str, gloss: str, message: str) -> str:
        """The message with the quoted match and its gloss in front."""
        frame = _FRAMES.get(self.reader, _FRAMES["en"])
        return frame.format(match=match, gloss=gloss, message=message)


def _unelided(word: str, skip: set[str]) -> str:
    """A word without its elided article: l'arthrose is arthrose when "l" is a skipped word."""
    head, apostrophe, tail = word.replace("’", "'").partition("'")
    return tail if apostrophe and head in skip else word


def _mapping(value: Any, path: Path, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PackError(_("{path}: {where}: expected a mapping").format(path=path, where=where))
    return value
