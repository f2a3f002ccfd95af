"""Which language a field is written in: the script decides Chinese, Japanese, Korean, Russian ...;
Latin-script text is identified by lingua's statistical models, which ship inside the package
and work offline on short text. Text that no model is sure of (a brand and a model number) is
'und', and the marketplace then only sets what is expected."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import regex

from listingkit.text import visible_text

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
# A market's language wins when its confidence is at least this share of the leader's.
EXPECTED_SHARE = 0.5
# Below this, a language the market does not use is not taken as the text's language.
FOREIGN_CONFIDENCE = 0.5
# Texts of fewer words need this confidence.
SHORT_WORDS = 3
SHORT_CONFIDENCE = 0.6
# Bullets and descriptions are longer: a longer sample decides them.
FIELD_SAMPLE_CHARS = 300
# Words that are the same in every language: brand names, model numbers, codes in capitals.
_NEUTRAL = regex.compile(r"\b(?:\w*\d\w*|\p{Lu}{2,6})\b")
_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’-]*")
# The same for ASCII text, with the standard library's faster engine.
_ASCII_NEUTRAL = re.compile(r"\b(?:[A-Za-z0-9_]*[0-9][A-Za-z0-9_]*|[A-Z]{2,6})\b")
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

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


def language_words(text: str, names: frozenset[str] = frozenset()) -> str:
    """The text without what every language shares (brands, model numbers, capitals codes)."""
    neutral, word = (_ASCII_NEUTRAL, _ASCII_WORD) if text.isascii() else (_NEUTRAL, _WORD)
    found = word.findall(neutral.sub(" ", text))
    if names:
        found = [w for w in found if w.casefold() not in names]
    return " ".join(found)


@functools.lru_cache(maxsize=4096)
def _confidences(sample: str, expected: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """The models' confidence per language, best first. Catalogs repeat texts (variants of one
    product share bullets and descriptions), and a repeat then costs a dictionary lookup."""
    values = _latin_detector(expected).compute_language_confidence_values(sample)
    return tuple((v.language.iso_code_639_1.name.lower(), v.value) for v in values)


# Function words that are frequent in running text of one language and rare in the others. A
# long field (bullets, a description) whose words are full of one language's function words and
# nearly free of the others' is in that language: the models would say so too, at a hundred times
# the cost. Titles have too few function words for this and always go to the models.
_FUNCTION_WORD_LISTS = {
    "en": "the and with for this that is are your you of to it from can will be our",
    "es": "el los las del para con una por que es su sus y muy más",
    "pt": "os as do da dos das para com uma por que é seu sua não em ao",
    "fr": "le les des du pour avec une est et vous votre dans sur au aux",
    "de": "der die das und für mit ist ein eine nicht sie den dem zu auf",
    "it": "il gli della delle con una è che di del non sono",
}
# ("per" is left out of Italian: English writes "priced per case".) A word of two lists (para,
# que, con, una) says nothing between them, so each language counts only its own words.
FUNCTION_WORDS = {
    code: frozenset(words.split()).difference(
        *(other.split() for other_code, other in _FUNCTION_WORD_LISTS.items() if other_code != code)
    )
    for code, words in _FUNCTION_WORD_LISTS.items()
}
_FUNCTION_WORD_LANGUAGE = {word: code for code, words in FUNCTION_WORDS.items() for word in words}
# At least this many words, this share of them function words of the leading language, and no
# other language with more than a quarter of its count.
FUNCTION_MIN_WORDS = 12
FUNCTION_MIN_SHARE = 0.12
FUNCTION_LEAD = 4
FUNCTION_CONFIDENCE = 0.95


def by_function_words(sample: str, candidates: frozenset[str]) -> Detected | None:
    """The language of a long text whose function words leave no doubt, or None."""
    words = sample.casefold().split()
    if len(words) < FUNCTION_MIN_WORDS:
        return None
    counts = Counter(code for code in map(_FUNCTION_WORD_LANGUAGE.get, words) if code is not None)
    ranked = [*counts.most_common(2), (None, 0), (None, 0)]
    (code, best), (_, second) = ranked[0], ranked[1]
    if code not in candidates or best < FUNCTION_MIN_SHARE * len(words) or second * FUNCTION_LEAD > best:
        return None
    return Detected(code, FUNCTION_CONFIDENCE)


def detect_latin(text: str, expected: tuple[str, ...] = (), sample_chars: int = SAMPLE_CHARS) -> Detected:
    sample = text[:sample_chars]
    if sum(map(str.isalpha, sample)) < 3:
        return UNDETERMINED
    if sample_chars >= FIELD_SAMPLE_CHARS:
        decided = by_function_words(sample, _candidates(expected))
        if decided is not None:
            return decided
    values = _confidences(sample, expected)
    # One or two words (a plant's Latin name, "Aloe Vera") mislead the models unless they are sure.
    least = MIN_CONFIDENCE if len(sample.split()) >= SHORT_WORDS else SHORT_CONFIDENCE
    if not values or values[0][1] < least:
        return UNDETERMINED
    top = Detected(*values[0])
    if expected and top.code not in expected:
        # Listings borrow words ("Smart TV", "Full HD"): when the market's language is a close
        # second, the text is taken as written in it; only a clear lead counts as another language.
        for code, value in values[1:]:
            if code in expected and value >= max(MIN_CONFIDENCE, top.confidence * EXPECTED_SHARE):
                return Detected(code, value)
        if top.confidence < FOREIGN_CONFIDENCE:
            return UNDETERMINED  # an unsure guess at a language the market does not use decides nothing
    return top


def detect(
    text: str, expected: tuple[str, ...] = (), names: frozenset[str] = frozenset(), sample: int = SAMPLE_CHARS
) -> Detected:
    """The language of a text; `expected` are the marketplace's languages, if it has any; `names`
    (case-folded brand names) and model numbers are left out of a Latin-script text first."""
    if not text:
        return UNDETERMINED
    # The sample is taken after names and numbers are removed; three times its length of the
    # text is plenty for that, and spares scanning the rest of a long field.
    text = text[: sample * 3]
    if "<" in text or "&" in text:
        text = visible_text(text)  # highlighted search results, HTML descriptions
    if text.isascii():
        return detect_latin(language_words(text, names), expected, sample)
    letters = len(_LETTER.findall(text))
    if not letters:
        return UNDETERMINED
    for code, pattern in _SCRIPTS:
        count = len(pattern.findall(text))
        # Kana decides Japanese even beside Han; otherwise a script must carry a third of the letters.
        if count and (code == "ja" or count * 3 >= letters):
            return Detected(code, min(1.0, 0.5 + count / letters / 2))
    return detect_latin(language_words(text, names), expected, sample)


_CODE = regex.compile(r"[a-z]{2,3}")


def code_from_column(value: str) -> str:
    """An ISO 639 code from a language cell: "en-US" -> "en", "MACHINE_en" (Etsy) -> "en", "pt_BR" -> "pt".

    Empty when the cell names no language code."""
    for part in regex.split(r"[-_\s.]+", value.strip().casefold()):
        if _CODE.fullmatch(part) and part not in ("us", "gb", "br", "mx"):
            return str(part)
    return ""
