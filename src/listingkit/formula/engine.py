"""One tagger per language, built on first use and shared by every listing of a run."""

from __future__ import annotations

from pathlib import Path

from listingkit.formula.lexicon import Lexicon, load_language
from listingkit.formula.tagger import Tagger, Tagging
from listingkit.text import normalise

PENALTIES = {"core": 50, "core_position": 15, "attribute": 15, "scene": 10, "stuffing": 15, "filler": 10, "order": 5}


class FormulaEngine:
    """Lexicons and taggers per language, each loaded the first time a title needs it."""

    def __init__(self, lexicon_dirs: tuple[Path, ...] = ()) -> None:
        self._dirs = lexicon_dirs
        self._lexicons: dict[str, Lexicon | None] = {}
        self._taggers: dict[str, Tagger] = {}
        self._category_ids: dict[tuple[str, str], str | None] = {}
        self._brands: frozenset[str] | None = None

    def lexicon(self, language: str) -> Lexicon | None:
        if language not in self._lexicons:
            self._lexicons[language] = load_language(language, self._dirs)
        return self._lexicons[language]

    def tagger(self, language: str) -> Tagger | None:
        if language not in self._taggers:
            lexicon = self.lexicon(language)
            if lexicon is None:
                return None
            self._taggers[language] = Tagger(lexicon, self.brand_names())
        return self._taggers[language]

    def brand_names(self) -> frozenset[str]:
        """Company brands of the brand and IP lexicon that are not also common words, normalised:
        a title's brand words when the brand column does not name them."""
        if self._brands is None:
            from listingkit.compliance.iplexicon import load_ip_lexicon
            from listingkit.resources import keywords_dir

            lexicon = load_ip_lexicon((*self._dirs, keywords_dir()))
            self._brands = frozenset(
                normalise(name).text
                for entry in lexicon.entries
                if entry.kind == "brand" and not entry.common_word
                for name in entry.names()
            )
        return self._brands

    def tag(self, title: str, language: str, brand: str = "", category: str | None = None) -> Tagging | None:
        tagger = self.tagger(language)
        if tagger is None or not title.strip():
            return None
        return tagger.tag(title, brand, category)

    def category_id(self, raw: str, language: str) -> str | None:
        """The lexicon category named by a category cell ("Phone accessories", "phone-accessories")."""
        if not raw.strip():
            return None
        key = (raw, language)
        if key not in self._category_ids:
            self._category_ids[key] = self._find_category(raw, language)
        return self._category_ids[key]

    def _find_category(self, raw: str, language: str) -> str | None:
        wanted = raw.strip().casefold()
        for lang in dict.fromkeys((language, "en")):
            lexicon = self.lexicon(lang)
            if lexicon is None:
                continue
            for cid, name in lexicon.categories.items():
                if wanted in (cid, name.casefold()):
                    return cid
        return None


def formula_score(failed: set[str]) -> int:
    """0-100 from the formula checks a title fails."""
    return max(0, 100 - sum(PENALTIES.get(check, 0) for check in failed))
