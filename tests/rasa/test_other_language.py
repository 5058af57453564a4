"""The answer to a message in a language the assistant does not speak (actions/other_language.py), and the
forms taking such a message as no answer, so the rules answer it and the form asks again."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import match_client
from actions.draft_form import ValidateDraftForm
from actions.guidance import ValidateGuidanceForm
from actions.other_language import ActionAnswerOtherLanguage, answer_lines, sentences
from tests.rasa.guidance_fakes import FakeFormService, entity

GERMAN = "Ich spreche nur Deutsch und Englisch. Möchten Sie mit einem Menschen sprechen?"
ENGLISH = "I only speak German and English. Would you like to talk to a person?"


def test_there_is_a_sentence_for_german_english_and_the_six_most_common_other_languages() -> None:
    assert set(sentences()) == {"de", "en", "tr", "ar", "ru", "pl", "fr", "uk"}
    assert all(text.strip() for text in sentences().values())


@pytest.mark.parametrize(
    ("detected", "conversation", "expected"),
    [
        ("tr", "de", ["tr", "de", "en"]),
        ("uk", "en", ["uk", "en", "de"]),
        ("es", "de", ["de", "en"]),  # no Spanish sentence: German and English only
        (None, "en", ["en", "de"]),
    ],
)
def test_the_persons_language_first_then_the_conversations(
    detected: str | None, conversation: str, expected: list[str]
) -> None:
    assert answer_lines(detected, conversation) == [sentences()[lang] for lang in expected]


def _tracker(guess: dict[str, Any], language: str = "de") -> Tracker:
    latest = {"text": "...", "intent": {"name": "other_language", "confidence": 1.0}, "entities": [],
              "language_guess": guess}
    return Tracker("s", {"language": language}, latest, [], False, None, {}, "action_listen")


def test_the_answer_names_our_languages_offers_a_person_and_changes_nothing() -> None:
    dispatcher = CollectingDispatcher()
    tracker = _tracker({"language": "other", "confidence": 0.99, "words": 9, "detected": "ar"})
    events = ActionAnswerOtherLanguage().run(dispatcher, tracker, {})
    assert events == []  # no slot: the conversation's language stays
    [message] = dispatcher.messages
    assert message["text"].split("\n") == [sentences()["ar"], GERMAN, ENGLISH]
    assert message["buttons"] == [
        {"title": "Mit einem Menschen sprechen / Talk to a person", "payload": "/request_human"}
    ]


def test_in_an_english_conversation_english_comes_first() -> None:
    dispatcher = CollectingDispatcher()
    ActionAnswerOtherLanguage().run(dispatcher, _tracker({"language": "other", "detected": None}, "en"), {})
    assert dispatcher.messages[0]["text"] == f"{ENGLISH}\n{GERMAN}"
    assert dispatcher.messages[0]["buttons"][0]["title"] == "Talk to a person / Mit einem Menschen sprechen"


def test_a_request_for_turkish_gets_the_turkish_sentence_too() -> None:
    dispatcher = CollectingDispatcher()
    tracker = _tracker({"language": "de", "confidence": 0.99, "words": 3})
    tracker.latest_message["text"] = "Sprechen Sie Türkisch?"
    ActionAnswerOtherLanguage().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].split("\n") == [sentences()["tr"], GERMAN, ENGLISH]


def _form_tracker(form: str, requested: str, text: str, entities: list[dict[str, Any]],
                  slots: dict[str, Any]) -> Tracker:
    latest = {"intent": {"name": "other_language", "confidence": 1.0}, "entities": entities, "text": text,
              "language_guess": {"language": "other", "confidence": 0.99, "words": 8, "detected": "fr"}}
    user = {"event": "user", "timestamp": 1.0, "text": text, "parse_data": latest}
    return Tracker("s", {"language": "de", "requested_slot": requested, **slots}, latest,
                   [user, {"event": "action", "name": form}], False, None, {"name": form}, form)


def _run(action: Any, tracker: Tracker, domain: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    match_client.clear_cache()
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return events, [m["text"] for m in dispatcher.messages]


def _rejected_without_slots(events: list[dict[str, Any]]) -> bool:
    rejected = any(e.get("event") == "action_execution_rejected" for e in events)
    return rejected and not [e for e in events if e.get("event") == "slot" and e.get("name") != "requested_slot"]


def test_the_draft_form_takes_another_language_as_no_answer() -> None:
    text = "Nous sommes l'association Bir Arada e.V. à Neukölln"
    tracker = _form_tracker("draft_form", "organisation_name", text, [entity("district", "Neukölln")],
                            {"programme": "lsi", "lsi_type": "A"})
    events, said = _run(ValidateDraftForm(), tracker, {"slots": {}, "forms": {}})
    assert _rejected_without_slots(events) and said == []


def test_the_guidance_form_takes_another_language_as_no_answer_even_with_an_amount() -> None:
    text = "Nous avons besoin de 50.000 € pour notre association"
    tracker = _form_tracker("guidance_form", "requested_amount_eur", text,
                            [entity("amount", "50000"), entity("organisation_type", "association")],
                            {"organisation_type": "association", "district": "Neukölln"})
    domain = {"slots": {}, "forms": {"guidance_form": {"required_slots": ["requested_amount_eur"]}}}
    events, said = _run(ValidateGuidanceForm(FakeFormService()), tracker, domain)
    assert _rejected_without_slots(events) and said == []
