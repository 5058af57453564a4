"""The character n-gram language identifier."""

from __future__ import annotations

import pytest

from bot.nlu.language_id import LanguageModel

EXAMPLES = {
    "de": ["Wir sind ein kleiner Verein und suchen eine Förderung", "Wie viel Geld gibt es?", "danke schön",
           "Welches Programm passt zu uns?", "Ich möchte einen Antrag stellen", "nein, das ist falsch"],
    "en": ["We are a small association looking for funding", "How much money is there?", "thank you",
           "Which programme fits us?", "I would like to apply", "no, that is wrong"],
}


@pytest.fixture(scope="module")
def model() -> LanguageModel:
    return LanguageModel.train(EXAMPLES)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Wir möchten ein Projekt im Kiez beantragen", "de"), ("We would like to apply for a project", "en"),
     ("Können Sie mir helfen?", "de"), ("Can you help me with the application?", "en")],
)
def test_guesses_the_language(model: LanguageModel, text: str, language: str) -> None:
    guess = model.guess(text)
    assert guess["language"] == language
    assert 0.5 < float(guess["confidence"]) <= 1.0  # type: ignore[arg-type]


def test_longer_sentences_are_more_certain_than_a_single_word(model: LanguageModel) -> None:
    short = float(model.guess("ok")["confidence"])  # type: ignore[arg-type]
    long = float(model.guess("Wir sind ein Verein und möchten gern eine Förderung beantragen")["confidence"])  # type: ignore[arg-type]
    assert short < 0.8 <= long


def test_round_trips_through_json(model: LanguageModel) -> None:
    again = LanguageModel.from_dict(model.to_dict())
    assert again.guess("thank you very much") == model.guess("thank you very much")
