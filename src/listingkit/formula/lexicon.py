"""Title-formula lexicons: core, attribute and scene words per language and category.

Files live in keywords/formula/<lang>/: common.yaml (words valid in every category, the
compatibility phrases and the filler words) and one <category>.yaml per category. Latin and
Cyrillic entries are matched on Snowball stems, so "case" also finds "cases"; Chinese and
Japanese entries are matched as written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listingkit.errors import PackError
from listingkit.i18n import _
from listingkit.resources import keywords_dir
from listingkit.rules.loader import read_yaml
from listingkit.text import has_cjk

ATTRIBUTE_TYPES = ("material", "color", "size", "feature", "style", "quantity", "model", "spec")
SCENE_TYPES = ("use", "place", "season", "occasion", "audience", "compatibility")
FILE_KEYS = {"category", "language", "name", "core", "attributes", "scenes", "compatibility", "filler", "synonyms"}

STEMMER_LANGUAGES = {
    "en": "english",
    "es": "spanish",
    "pt": "portuguese",
    "fr": "french",
    "de": "german",
    "ru": "russian",
    "it": "italian",
    "nl": "dutch",
    "sv": "swedish",
    "pl": "polish",
    "tr": "turkish",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon phrase and what it is: a role ('core', 'attribute', 'scene', 'compat', 'filler')."""

    text: str
    role: str
    kind: str | None  # attribute or scene type
    category: str | None  # None for common words
    user: bool = False  # from the user's own lexicon folder: wins over a shipped entry


@dataclass(slots=True)
class Lexicon:
    language: str
    # phrase key (stems for spaced scripts, the phrase itself for Chinese) -> entries
    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=lambda: defaultdict(list))
    han: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    # stem (or Chinese word) -> the stem of the first word of its synonym group ("couch" -> "sofa")
    synonyms: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)  # id -> display name
    core_by_category: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    typed_by_category: dict[tuple[str, str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    max_words: int = 1

    def add(self, entry: Entry, stem: Any) -> None:
        if has_cjk(entry.text):
            self.han[entry.text].append(entry)
            return
        key = tuple(stem(w) for w in entry.text.casefold().split())
        if key:
            self.phrases[key].append(entry)
            self.max_words = max(self.max_words, len(key))

    def candidates(self, role: str, kind: str | None, category: str | None, limit: int = 5) -> list[str]:
        """Lexicon words to suggest: the category's own first, then common ones."""
        out: list[str] = []
        for cat in (category, None):
            if role == "core":
                words = self.core_by_category.get(cat or "", []) if cat else []
            else:
                words = self.typed_by_category.get((role, kind or "", cat or ""), [])
            for word in words:
                if word not in out:
                    out.append(word)
                if len(out) >= limit:
                    return out
        return out


class _Stemmers:
    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}

    def for_language(self, language: str) -> Any:
        algorithm = STEMMER_LANGUAGES.get(language)
        if algorithm is None:
            return str.casefold
        if algorithm not in self._cache:
            import Stemmer  # PyStemmer: the Snowball algorithms in C

            stemmer = Stemmer.Stemmer(algorithm)
            stemmer.maxCacheSize = 100_000
            self._cache[algorithm] = stemmer.stemWord
        return self._cache[algorithm]


STEMMERS = _Stemmers()


def stem_for(language: str) -> Any:
    return STEMMERS.for_language(language)


def _words(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(_("{where}: expected a list of words").format(where=where))
    return [v.strip() for v in value if v.strip()]


def load_file(path: Path, lexicon: Lexicon, user: bool = False) -> None:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise PackError(_("{path}: a lexicon file is a mapping").format(path=path))
    unknown = set(data) - FILE_KEYS
    if unknown:
        raise PackError(_("{path}: unknown key '{value}'").format(path=path, value=sorted(unknown)[0]))
    category = data.get("category")
    cat = None if category in (None, "common") else str(category)
    if cat and data.get("name"):
        lexicon.categories[cat] = str(data["name"])
    elif cat:
        lexicon.categories.setdefault(cat, cat)
    stem = stem_for(lexicon.language)
    for word in _words(data.get("core"), f"{path}: core"):
        lexicon.add(Entry(word, "core", None, cat, user), stem)
        lexicon.core_by_category[cat or ""].append(word)
    for section, role, allowed in (("attributes", "attribute", ATTRIBUTE_TYPES), ("scenes", "scene", SCENE_TYPES)):
        groups = data.get(section) or {}
        if not isinstance(groups, dict):
            raise PackError(_("{path}: {section} must map types to word lists").format(path=path, section=section))
        for kind, values in groups.items():
            if kind not in allowed:
                raise PackError(
                    _("{path}: {section}: unknown type '{kind}' (types: {value})").format(
                        path=path,
                        section=section,
                        kind=kind,
                        value=", ".join(allowed),
                    )
                )
            for word in _words(values, f"{path}: {section}.{kind}"):
                lexicon.add(Entry(word, role, kind, cat, user), stem)
                lexicon.typed_by_category[(role, kind, cat or "")].append(word)
    for word in _words(data.get("compatibility"), f"{path}: compatibility"):
        lexicon.add(Entry(word, "compat", "compatibility", None, user), stem)
    for word in _words(data.get("filler"), f"{path}: filler"):
        lexicon.add(Entry(word, "filler", None, None, user), stem)
    for group in data.get("synonyms") or []:
        words = _words(group, f"{path}: synonyms")
        keys = [w if has_cjk(w) else " ".join(stem(t) for t in w.casefold().split()) for w in words]
        for key in keys[1:]:
            lexicon.synonyms[key] = keys[0]


def lexicon_roots(extra_dirs: tuple[Path, ...] = ()) -> list[Path]:
    """The user's folders first, so their entries win a tie, then the shipped files."""
    return [*(d / "formula" if (d / "formula").is_dir() else d for d in extra_dirs), keywords_dir() / "formula"]


def load_language(language: str, extra_dirs: tuple[Path, ...] = ()) -> Lexicon | None:
    """One language's lexicon, or None when no folder has it."""
    lexicon = Lexicon(language)
    found = False
    roots = lexicon_roots(extra_dirs)
    for position, root in enumerate(roots):
        folder = root / language
        if folder.is_dir():
            found = True
            for path in sorted(folder.glob("*.yaml")):
                load_file(path, lexicon, user=position < len(roots) - 1)
    return lexicon if found else None
