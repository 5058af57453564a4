"""The language identifier: the character n-gram model for German or English, lingua for other languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlu.language_id import OTHER, LanguageModel, OtherLanguageDetector, identify

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


# --- The identifier on our data: German or English, or another language (bot/nlu/language_id.py) ---

ROOT = Path(__file__).resolve().parents[2]
OTHER_TABLE = yaml.safe_load((ROOT / "tests" / "nlu" / "other_languages.yml").read_text(encoding="utf-8"))
WITH_A_SENTENCE = ("tr", "ar", "ru", "pl", "fr", "uk")  # actions/other_language.yml


def _texts(folder: Path) -> list[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    return [m.get("text") for m in load_data(str(folder)).intent_examples if m.get("text")]


@pytest.fixture(scope="module")
def trained() -> LanguageModel:
    return LanguageModel.train({lang: _texts(ROOT / "data" / "nlu" / lang) for lang in ("de", "en")})


@pytest.fixture(scope="module")
def detector() -> OtherLanguageDetector:
    return OtherLanguageDetector.shared()


def test_the_other_language_table_is_recognised_and_named(
    trained: LanguageModel, detector: OtherLanguageDetector
) -> None:
    pairs = [(lang, text) for lang, texts in OTHER_TABLE.items() for text in texts]
    assert len(pairs) >= 60 and len(OTHER_TABLE) >= 6
    guesses = [(lang, text, identify(text, trained, detector)) for lang, text in pairs]
    missed = [(lang, text, g.language) for lang, text, g in guesses if g.language != OTHER]
    assert len(missed) <= 0.05 * len(pairs), missed
    # The reply's sentence in the person's language needs the language named right.
    misnamed = [(lang, g.detected, text) for lang, text, g in guesses if lang in WITH_A_SENTENCE and g.detected != lang]
    assert misnamed == []


def test_no_german_or_english_message_is_taken_for_another_language(
    trained: LanguageModel, detector: OtherLanguageDetector
) -> None:
    texts = [t for base in ("data", "tests") for lang in ("de", "en") for t in _texts(ROOT / base / "nlu" / lang)]
    assert [t for t in texts if identify(t, trained, detector).language == OTHER] == []


def test_german_and_english_held_out_messages_of_three_or_more_words(
    trained: LanguageModel, detector: OtherLanguageDetector
) -> None:
    wrong, total = [], 0
    for lang in ("de", "en"):
        for text in _texts(ROOT / "tests" / "nlu" / lang):
            if sum(1 for token in text.split() if sum(c.isalpha() for c in token) >= 2) >= 3:
                total += 1
                if identify(text, trained, detector).language != lang:
                    wrong.append(text)
    assert len(wrong) <= 0.01 * total, wrong


@pytest.mark.parametrize(
    ("text", "language", "detected"),
    [
        ("Привет", "other", "ru"),  # another script: no need for three words
        ("Дякую за допомогу", "other", "uk"),
        ("Иван Петров", "de", None),  # a name, whatever its script, is no evidence of a language
        ("Bana Türkçe yazabilir misiniz?", "other", "tr"),
        ("Repair-Café für alle", "de", None),  # a title
        ("Ich heiße Ayşe Yılmaz", "de", None),
        ("Merci beaucoup", "de", None),  # too short to tell: the dialogue goes on as usual
        ("Γεια σας, θέλουμε να ανοίξουμε ένα εργαστήρι", "other", None),  # no model, no sentence
    ],
)
def test_short_names_and_scripts(
    trained: LanguageModel, detector: OtherLanguageDetector, text: str, language: str, detected: str | None
) -> None:
    guess = identify(text, trained, detector)
    assert guess.detected == detected
    assert guess.language == language or (language != OTHER and guess.language in ("de", "en"))


def test_without_a_detector_nothing_is_another_language(trained: LanguageModel) -> None:
    assert identify("Bonjour, nous sommes une association à Neukölln", trained, None).language in ("de", "en")


def test_the_guess_says_how_many_ordinary_words_it_rests_on(trained: LanguageModel) -> None:
    guess = identify("We are Repair Kiez gGmbH", trained, None)
    assert (guess.language, guess.words) == ("en", 2)
    assert guess.as_dict() == {"language": "en", "confidence": guess.confidence, "words": 2}
