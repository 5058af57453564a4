"""Free-text answers are no request to stop or to correct: those intents need a word that asks for them."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import ControlIntentGuard
from bot.nlu.control_cues import lacks_cue


@pytest.mark.parametrize(
    "text",
    [
        "stopp", "abbrechen", "hör bitte auf", "Lass ma, ick hör uff", "ich steig hier aus", "später weiter",
        "Ich hab keine Lust mehr", "cancel", "let me out", "I'll continue later", "never mind", "halt",
    ],
)
def test_a_stop_with_a_cue_counts(text: str) -> None:
    assert not lacks_cue("stop", text)


@pytest.mark.parametrize(
    "text",
    [
        "die Mailadresse stimmt nicht", "ändere den Betrag auf 12.000 €", "nein, wir sind in Lichtenberg",
        "Die Fördersumme soll 7.000 € sein", "the email address is wrong", "actually it's 24 months",
        "I made a typo", "not Mitte but Spandau",
    ],
)
def test_a_correction_with_a_cue_counts(text: str) -> None:
    assert not lacks_cue("correct_answer", text)


@pytest.mark.parametrize(
    "text",
    [
        "Kochen verbindet",  # a project title
        "Wir kochen jede Woche mit Alleinerziehenden aus dem Kiez und helfen ihnen bei der Jobsuche.",
        "Cooking connects",
        "Kiezküche Neukölln e.V.",
        "Gemeinsam stark im Kiez",
        "We repair bikes with young people from the estate",
    ],
)
def test_free_text_answers_are_neither_a_stop_nor_a_correction(text: str) -> None:
    assert lacks_cue("stop", text) and lacks_cue("correct_answer", text)


def test_other_intents_need_no_cue() -> None:
    assert not lacks_cue("inform", "Kochen verbindet")
    assert not lacks_cue(None, "Kochen verbindet")


def _classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message({TEXT: text, INTENT: entries[0], INTENT_RANKING_KEY: entries})


def test_the_guard_takes_the_next_intent_when_the_cue_is_missing() -> None:
    message = _classified("Kochen verbindet", [("stop", 0.98), ("inform", 0.01), ("correct_answer", 0.005)])
    ControlIntentGuard().process([message])
    assert message.get(INTENT) == {"name": "inform", "confidence": 0.01}
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == ["inform"]


def test_the_guard_keeps_a_stop_that_says_stop() -> None:
    message = _classified("stopp, keine Zeit mehr", [("stop", 0.9), ("correct_answer", 0.05)])
    ControlIntentGuard().process([message])
    assert message.get(INTENT)["name"] == "stop"
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == ["stop"]  # the cue-less correction is gone


@pytest.mark.parametrize(
    ("text", "lacks"),
    [("The contact person must be Gisela Wagner.", True), ("Die Ansprechperson ist Frau Lehmann", True),
     ("Can I talk to a person?", False), ("ich möchte mit einem Menschen sprechen", False), ("Rückruf bitte", False),
     ("human", False), ("Thank you, I think I will ask at the district office then. Goodbye", False)],
)
def test_a_call_for_a_person_needs_a_word_for_one_and_the_contact_person_field_is_none(text: str, lacks: bool) -> None:
    assert lacks_cue("request_human", text) is lacks


@pytest.mark.parametrize(
    ("text", "lacks"),
    [("ten thousend like i said", True), ("12 Monate, glaube ich", True), ("skip", False),
     ("we don't have a phone number", False), ("skip, 2 more later", False)],
)
def test_a_skip_that_gives_a_figure_needs_a_word_for_skipping(text: str, lacks: bool) -> None:
    assert lacks_cue("skip", text) is lacks
