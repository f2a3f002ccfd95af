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
# Long text is identified on its start: a few hundred characters decide as well as the whole.
SAMPLE_CHARS = 300

_detector: Any = None


def _latin_detector() -> Any:
    global _detector
    if _detector is None:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LATIN_LANGUAGES]
        _detector = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
    return _detector


def warm_up() -> None:
    """Load the models before worker processes fork, so each does not load its own copy."""
    _latin_detector()


def detect_latin(text: str) -> Detected:
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < 3:
        return UNDETERMINED
    values = _latin_detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return UNDETERMINED
    return Detected(values[0].language.iso_code_639_1.name.lower(), values[0].value)


def detect(text: str) -> Detected:
    if not text:
        return UNDETERMINED
    if text.isascii():
        return detect_latin(text)
    letters = len(_LETTER.findall(text))
    if not letters:
        return UNDETERMINED
    for code, pattern in _SCRIPTS:
        count = len(pattern.findall(text))
        # Kana decides Japanese even beside Han; otherwise a script must carry a third of the letters.
        if count and (code == "ja" or count * 3 >= letters):
            return Detected(code, min(1.0, 0.5 + count / letters / 2))
    return detect_latin(text)
