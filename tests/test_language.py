"""Language identification: long fields decided by their function words, the rest by the models."""

from __future__ import annotations

from typing import Any

import pytest

from listingkit import language
from listingkit.language import FIELD_SAMPLE_CHARS, detect

ENGLISH = (
    "This stainless steel bottle keeps your drinks cold for 24 hours and hot for 12. It is easy to clean, "
    "fits in the cup holder of your car and comes with a leak-proof lid that you can open with one hand."
)
SPANISH = (
    "Esta botella de acero inoxidable mantiene tus bebidas frías durante 24 horas. Es muy fácil de limpiar, "
    "cabe en el portavasos del coche y viene con una tapa que se abre con una sola mano para los viajes."
)
PORTUGUESE = (
    "Esta garrafa de aço inoxidável mantém as bebidas geladas por 24 horas. É fácil de limpar, cabe no "
    "porta-copos do carro e vem com uma tampa que não vaza e que se abre com uma só mão para as viagens."
)


@pytest.fixture
def no_models(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any) -> Any:
        raise AssertionError("the statistical models were asked")

    monkeypatch.setattr(language, "_confidences", refuse)


@pytest.mark.parametrize(("text", "code"), [(ENGLISH, "en"), (SPANISH, "es"), (PORTUGUESE, "pt")])
def test_a_long_field_full_of_function_words_needs_no_model(no_models: None, text: str, code: str) -> None:
    found = detect(text, ("en", "es", "pt"), sample=FIELD_SAMPLE_CHARS)
    assert found.code == code and found.confidence >= 0.9


def test_a_title_always_goes_to_the_models(no_models: None) -> None:
    with pytest.raises(AssertionError, match="models were asked"):
        detect("Stainless Steel Water Bottle for the Gym and the Office", ("en",))


def test_a_short_field_goes_to_the_models(no_models: None) -> None:
    with pytest.raises(AssertionError, match="models were asked"):
        detect("Keeps drinks cold for the whole day", ("en",), sample=FIELD_SAMPLE_CHARS)


def test_english_that_borrows_a_foreign_word_is_left_to_the_models() -> None:
    # "per" is Italian, but English writes "priced per case": a short list of nouns decides nothing.
    words = "Double Old Fashioned Glass Stolzle New York Series priced per case packed each per case"
    assert language.by_function_words(words, frozenset({"en", "it"})) is None


def test_a_language_outside_the_candidates_is_left_to_the_models() -> None:
    assert language.by_function_words(SPANISH, frozenset({"en", "fr"})) is None
