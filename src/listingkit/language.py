"""Which language a field is written in: the script decides Chinese, Japanese, Korean, Russian ...;
Latin-script text is identified by lingua's statistical models, which ship inside the package
and work offline on short text. Text that no model is sure of (a brand and a model number) is
'und', and the marketplace then only sets what is expected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

_SCRIPTS = (
    ("ja", regex.compile(r"[\p{Hiragana}\p{Katakana}]")),
    ("ko", regex.compile(r"\p{Hangul}")),
    ("zh", regex.compile(r"\p{Han}")),
    ("ru", regex.compile(r"\p{Cyrillic}")),
    ("ar", regex.compile(r"\p{Arabic}")),
    ("th", regex.compile(r"\p{Thai}")),
    ("he", regex.compile(r"\p{Hebrew}")),
    ("el", regex.compile(r"\p{Greek}")),
)
_LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True, slots=True)
class Detected:
    code: str
    confidence: float

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "confidence": round(self.confidence, 2)}


UNDETERMINED = Detected("und", 0.0)
# Latin-script languages of the marketplaces served; a smaller set is faster and more accurate.
LATIN_LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "nl", "sv", "pl", "tr", "id", "vi", "ms", "ro", "cs", "da")
# Below this confidence a Latin title counts as undecided: names and model numbers mislead models.
MIN_CONFIDENCE = 0.3
# Text is identified on its start: the first dozen words decide a title's language about as well
# as the whole, and the models' cost grows with the length.
SAMPLE_CHARS = 80

# On a marketplace that expects some languages, Latin text is identified among those and the six
# languages most catalogs are written in: fewer candidates are faster (about 0.1 ms a title instead
# of 0.2) and less often confused. Elsewhere every language above is a candidate.
MAJOR_LANGUAGES = ("en", "es", "pt", "fr", "de", "it")

_detectors: dict[frozenset[str], Any] = {}


def _candidates(expected: tuple[str, ...]) -> frozenset[str]:
    if not expected:
        return frozenset(LATIN_LANGUAGES)
    return frozenset(code for code in (*expected, *MAJOR_LANGUAGES) if code in LATIN_LANGUAGES)


def _latin_detector(expected: tuple[str, ...] = ()) -> Any:
    wanted = _candidates(expected)
    detector = _detectors.get(wanted)
    if detector is None:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in sorted(wanted)]
        detector = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
        _detectors[wanted] = detector
    return detector


def warm_up(expected: tuple[str, ...] = ()) -> None:
    """Load the models before worker processes fork, so each does not load its own copy."""
    _latin_detector(expected)


def detect_latin(text: str, expected: tuple[str, ...] = ()) -> Detected:
    sample = text[:SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < 3:
        return UNDETERMINED
    values = _latin_detector(expected).compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return UNDETERMINED
    return Detected(values[0].language.iso_code_639_1.name.lower(), values[0].value)


def detect(text: str, expected: tuple[str, ...] = ()) -> Detected:
    """The language of a text; `expected` are the marketplace's languages, if it has any."""
    if not text:
        return UNDETERMINED
    if text.isascii():
        return detect_latin(text, expected)
    letters = len(_LETTER.findall(text))
    if not letters:
        return UNDETERMINED
    for code, pattern in _SCRIPTS:
        count = len(pattern.findall(text))
        # Kana decides Japanese even beside Han; otherwise a script must carry a third of the letters.
        if count and (code == "ja" or count * 3 >= letters):
            return Detected(code, min(1.0, 0.5 + count / letters / 2))
    return detect_latin(text, expected)


_CODE = regex.compile(r"[a-z]{2,3}")


def code_from_column(value: str) -> str:
    """An ISO 639 code from a language cell: "en-US" -> "en", "MACHINE_en" (Etsy) -> "en", "pt_BR" -> "pt".

    Empty when the cell names no language code."""
    for part in regex.split(r"[-_\s.]+", value.strip().casefold()):
        if _CODE.fullmatch(part) and part not in ("us", "gb", "br", "mx"):
            return str(part)
    return ""
