"""The assistant's language: the website's at the start, then only what the user writes or asks for."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.core_actions import ActionSessionStart
from bot.nlu.components import LANGUAGE_GUESS, LanguageSwitch, OtherLanguageGuard
from bot.nlu.language_choice import language_to_switch_to


@pytest.mark.parametrize(
    ("text", "intent", "requested", "guessed", "confidence", "expected"),
    [
        ("English please", "change_language", "en", "de", 0.6, "en"),
        ("auf Deutsch bitte", "change_language", "de", "de", 0.99, "de"),
        # an explicit request wins over the language it is written in
        ("Deutsch please, my colleague reads along", "change_language", "de", "en", 0.99, "de"),
        ("We are a small association in Neukölln", "describe_project", None, "en", 0.95, "en"),
        ("Wir sind ein kleiner Verein", "describe_project", None, "de", 0.97, "de"),
        ("ok", "affirm", None, "en", 0.95, None),  # too short to tell
        # a yes or a no in slang says nothing about the language: "jo mach ma" in an English conversation
        ("jo mach ma", "affirm", None, "de", 0.99, None), ("nö, lass mal", "deny", None, "de", 0.99, None),
        ("yes pls, let's go", "affirm", None, "en", 0.99, None), ("sounds good, go on", "affirm", None, "en", 0.9, None),
        ("Ja, das machen wir so im Kiez", "affirm", None, "de", 0.99, "de"),
        ("Neukölln, 5000 €", "inform", None, "de", 0.95, None),  # names and amounts are no evidence
        ("maybe we could perhaps", "inform", None, "en", 0.6, None),  # not confident
        # naming a language is no request: "Ich spreche kein Englisch" stays German, by its words
        ("Ich spreche kein Englisch", "out_of_scope", "en", "de", 0.9, "de"),
        ("Français s'il vous plaît", "change_language", "fr", "de", 0.55, None),
        # a language we do not speak is never switched to
        ("Bonjour, nous sommes une association à Neukölln", "other_language", None, "other", 0.99, None),
        # names and titles are no evidence: "We are" is two words
        ("We are Repair Kiez gGmbH", "inform", None, "en", 0.99, None),
        ("Wir sind die Repair Kiez gGmbH aus Neukölln", "inform", None, "de", 0.99, "de"),
    ],
)
def test_language_to_switch_to(
    text: str, intent: str, requested: str | None, guessed: str, confidence: float, expected: str | None
) -> None:
    assert language_to_switch_to(text, intent, requested, guessed, confidence) == expected


def _parsed(text: str, intent: str, guess: tuple[str, float], entities: list[dict[str, Any]]) -> Message:
    return Message(
        {
            TEXT: text,
            INTENT: {"name": intent, "confidence": 0.9},
            LANGUAGE_GUESS: {"language": guess[0], "confidence": guess[1]},
            ENTITIES: entities,
        }
    )


def _language_entities(message: Message) -> list[dict[str, Any]]:
    return [e for e in message.get(ENTITIES) if e["entity"] == "language"]


def test_the_switch_keeps_an_explicit_request_with_its_span() -> None:
    named = {"entity": "language", "value": "en", "start": 0, "end": 7, "extractor": "KiezEntityExtractor"}
    message = _parsed("English please", "change_language", ("de", 0.6), [named])
    LanguageSwitch().process([message])
    assert _language_entities(message) == [
        {"entity": "language", "value": "en", "start": 0, "end": 7, "extractor": "LanguageSwitch"}
    ]


def test_the_switch_drops_a_named_language_that_is_no_request_and_keeps_other_entities() -> None:
    district = {"entity": "district", "value": "Neukölln", "start": 0, "end": 8}
    named = {"entity": "language", "value": "en", "start": 21, "end": 29}
    message = _parsed("Neukölln, wir können Englisch", "inform", ("de", 0.7), [district, named])
    LanguageSwitch().process([message])
    assert message.get(ENTITIES) == [district]


def test_the_switch_follows_a_confident_guess_over_the_whole_message() -> None:
    text = "We are a start-up in Kreuzberg"
    message = _parsed(text, "describe_project", ("en", 0.97), [])
    LanguageSwitch().process([message])
    assert _language_entities(message) == [
        {"entity": "language", "value": "en", "start": 0, "end": len(text), "implied_by": "language_guess",
         "extractor": "LanguageSwitch"}
    ]


def test_the_switch_takes_the_number_of_ordinary_words_from_the_guess() -> None:
    message = _parsed("Kiezküche Neukölln e.V., Repair Kiez gGmbH", "inform", ("de", 0.99), [])
    message.set(LANGUAGE_GUESS, {"language": "de", "confidence": 0.99, "words": 0})
    LanguageSwitch().process([message])
    assert _language_entities(message) == []


def test_a_message_in_another_language_switches_nothing() -> None:
    message = _parsed("Merhaba, derneğimiz için destek arıyoruz", "other_language", ("other", 0.99), [])
    LanguageSwitch().process([message])
    assert _language_entities(message) == []


def _ranked(intent: str, guess: str, ranking: list[tuple[str, float]]) -> Message:
    message = _parsed("text", intent, (guess, 0.99), [])
    message.set(INTENT, {"name": intent, "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": value} for name, value in ranking])
    return message


def test_another_language_is_other_language_whatever_the_classifier_thought() -> None:
    message = _ranked("describe_project", "other", [("describe_project", 0.7), ("other_language", 0.2)])
    OtherLanguageGuard().process([message])
    assert message.get(INTENT) == {"name": "other_language", "confidence": 1.0}
    # the classifier's runner-up would make the FallbackClassifier call the message ambiguous
    assert message.get(INTENT_RANKING_KEY) == [{"name": "other_language", "confidence": 1.0}]


def test_the_classifiers_other_language_on_german_gives_way_to_its_next_intent() -> None:
    message = _ranked("other_language", "de", [("other_language", 0.6), ("greet", 0.3), ("thanks", 0.1)])
    OtherLanguageGuard().process([message])
    assert message.get(INTENT) == {"name": "greet", "confidence": 0.3}
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == ["greet", "thanks"]


def test_german_keeps_its_intent_and_loses_other_language_from_the_ranking() -> None:
    message = _ranked("greet", "de", [("greet", 0.8), ("other_language", 0.1), ("thanks", 0.1)])
    OtherLanguageGuard().process([message])
    assert message.get(INTENT) == {"name": "greet", "confidence": 0.8}
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == ["greet", "thanks"]


def _session_tracker(slots: dict[str, Any]) -> Tracker:
    return Tracker("s", slots, {}, [], False, None, {}, "action_listen")


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [({"language": "en"}, "en"), ({"language": "fr"}, "de"), (None, "de"), ("en", "de")],
)
def test_a_session_starts_in_the_website_language(metadata: Any, expected: str) -> None:
    tracker = _session_tracker({"language": "de", "session_started_metadata": metadata})
    events = ActionSessionStart().run(CollectingDispatcher(), tracker, {})
    assert events[0]["event"] == "session_started"
    assert (events[-1]["event"], events[-1]["name"]) == ("action", "action_listen")
    language = [e["value"] for e in events if e["event"] == "slot" and e["name"] == "language"]
    assert language[-1] == expected


def test_a_new_session_carries_the_slots_over() -> None:
    tracker = _session_tracker({"language": "en", "district": "Neukölln", "programme": None})
    events = ActionSessionStart().run(CollectingDispatcher(), tracker, {})
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots == {"language": "en", "district": "Neukölln"}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Sprechen Sie Türkisch?", "tr"),
        ("Do you speak Arabic?", "ar"),
        ("Geht das auch auf Französisch?", "fr"),
        ("¿Habla español?", "es"),
        ("Können wir statt Türkisch Deutsch sprechen?", None),  # asks for German
        ("English please", None),
        # named, though no request: only a message classified change_language becomes other_language
        ("Wir sind ein türkischer Elternverein", "tr"),
        ("darin", None),
    ],
)
def test_a_language_we_do_not_speak_named_in_a_message(text: str, named: str | None) -> None:
    from bot.nlu.language_choice import unspoken_language_named

    assert unspoken_language_named(text) == named


@pytest.mark.parametrize("intent", ["change_language", "other_language"])
def test_a_request_for_a_language_we_do_not_speak_is_other_language(intent: str) -> None:
    message = _ranked(intent, "de", [(intent, 0.9), ("greet", 0.1)])
    message.set(TEXT, "Sprechen Sie Türkisch?")
    OtherLanguageGuard().process([message])
    assert message.get(INTENT) == {"name": "other_language", "confidence": 1.0}


def test_a_description_naming_a_language_stays_what_it_is() -> None:
    message = _ranked("describe_project", "de", [("describe_project", 0.9), ("greet", 0.1)])
    message.set(TEXT, "Wir bieten Türkisch-Kurse für Kinder an")
    OtherLanguageGuard().process([message])
    assert message.get(INTENT) == {"name": "describe_project", "confidence": 0.9}
