"""What in a message can tell its language (bot/nlu/language_evidence.py), and how the identifier reads
real German and English messages: names, titles, e-mail addresses, amounts and one-word answers are no
evidence; ordinary sentences, also mixed ones, say their language (tests/nlu/language_inputs.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlu.language_choice import language_to_switch_to
from bot.nlu.language_evidence import evidence, is_latin
from bot.nlu.language_id import OTHER, LanguageModel, OtherLanguageDetector, identify

ROOT = Path(__file__).resolve().parents[2]
REAL_INPUTS = yaml.safe_load((ROOT / "tests" / "nlu" / "language_inputs.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Repair Kiez gGmbH", ()),
        ("Café Chez Nous UG (haftungsbeschränkt)", ()),
        ("Wir sind die Repair Kiez gGmbH aus Neukölln", ("Wir", "sind", "die", "aus")),
        ("Das Projekt heißt „Nouveau Départ“.", ("Das", "Projekt", "heißt")),
        ("mara.beispiel@example.org, Tel. 030 1234567", ("Tel",)),
        ("Siehe www.kiezkueche-neukoelln.de", ("Siehe",)),
        ("Ayşe Yılmaz", ()),
        ("Stop and Go Werkstatt", ()),
        ("Ich möchte einen LSI-Antrag stellen", ("Ich", "möchte", "einen", "Antrag", "stellen")),
        ("Wir brauchen 50.000 € für 24 Monate", ("Wir", "brauchen", "für", "Monate")),
        ("Can we join Aktiv für Arbeit im Stadtteil?", ("Can", "we", "join")),
        ("WIR BRAUCHEN DRINGEND HILFE", ("WIR", "BRAUCHEN", "DRINGEND", "HILFE")),
        ("Mitte März geht es los", ("Mitte", "März", "geht", "es", "los")),
    ],
)
def test_names_titles_addresses_and_numbers_are_cut_out(text: str, words: tuple[str, ...]) -> None:
    assert evidence(text).words == words


def test_lowercase_words_leave_out_names_inside_a_sentence() -> None:
    assert evidence("Ich heiße Ayşe Yılmaz").lowercase() == ("Ich", "heiße")
    assert evidence("We are a Verein and need some Förderung").lowercase(with_first=False) == (
        "are", "and", "need", "some")


def test_the_script_decides_latin_or_not() -> None:
    assert is_latin(evidence("Wir sind ein Verein"))
    assert is_latin(evidence("Kadınlar için bir meslek kursu"))
    assert not is_latin(evidence("Сколько денег можно получить?"))
    assert not is_latin(evidence("كم يمكن أن نحصل من المال؟"))


@pytest.fixture(scope="module")
def model() -> LanguageModel:
    from rasa.shared.nlu.training_data.loading import load_data

    return LanguageModel.train(
        {lang: [m.get("text") for m in load_data(str(ROOT / "data" / "nlu" / lang)).intent_examples]
         for lang in ("de", "en")}
    )


@pytest.mark.parametrize("item", REAL_INPUTS, ids=[item["text"][:40] for item in REAL_INPUTS])
def test_real_inputs_are_read_as_expected(model: LanguageModel, item: dict[str, str]) -> None:
    guess = identify(item["text"], model, OtherLanguageDetector.shared())
    switch = language_to_switch_to(item["text"], None, None, guess.language, guess.confidence, guess.words)
    reading = OTHER if guess.language == OTHER else (switch or "none")
    assert reading == item["language"], guess
