"""Which language a field is written in, by script. Latin-script text needs a language model and
is reported as undetermined ('und') here; the marketplace then only sets what is expected."""

from __future__ import annotations

from dataclasses import dataclass

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


def detect(text: str) -> Detected:
    if not text or text.isascii():
        return UNDETERMINED
    letters = len(_LETTER.findall(text))
    if not letters:
        return UNDETERMINED
    for code, pattern in _SCRIPTS:
        count = len(pattern.findall(text))
        # Kana decides Japanese even beside Han; otherwise a script must carry a third of the letters.
        if count and (code == "ja" or count * 3 >= letters):
            return Detected(code, min(1.0, 0.5 + count / letters / 2))
    return UNDETERMINED
