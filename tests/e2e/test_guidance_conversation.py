"""Guidance conversations through the REST channel and all three real servers, in German and English."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e


def test_german_association_gets_lsi_with_reasons_call_status_and_district_office(
    running: RunningStack, sender: str
) -> None:
    running.texts(sender, "Hallo", language="de")
    reply = running.texts(
        sender,
        "Wir sind ein kleiner Verein in Neukölln und wollen ein Nachbarschaftscafé mit Langzeitarbeitslosen aufbauen",
        language="de",
    )
    assert "Wie viel Förderung" in reply  # the one answer still missing that changes the result
    recommendation = running.texts(sender, "ungefähr 15.000 €", language="de")
    assert recommendation.startswith("LSI passt")
    # No call is open on the pinned date; the last one and its closing date are named.
    assert "kein Aufruf offen" in recommendation and "30. September 2025" in recommendation
    assert "Neukölln" in recommendation  # the alliance office of the user's district
    assert "Antragsentwurf" in recommendation  # offers to start a draft


def test_english_startup_in_kreuzberg_is_sent_to_friedrichshain_kreuzberg(running: RunningStack, sender: str) -> None:
    reply = running.texts(sender, "We're a start-up in Kreuzberg, can we get money to hire people?", language="en")
    answers = {
        "What will your project do": "We train long-term unemployed people as bike mechanics and hire two of them.",
        "how much funding": "about 20k",
        "How many months": "12 months",
    }
    for _ in range(len(answers)):
        asked = next((question for question in answers if question in reply), None)
        if asked is None:
            break
        reply = running.texts(sender, answers[asked], language="en")
    assert reply.startswith("LSI fits")
    assert "Friedrichshain-Kreuzberg" in reply  # Kreuzberg is in the Bezirk Friedrichshain-Kreuzberg


def test_question_about_a_programme_is_answered_with_source_and_period(running: RunningStack, sender: str) -> None:
    reply = running.texts(sender, "Who is allowed to apply for BIWAQ?", language="en")
    assert "municipalit" in reply.lower()
    assert "https://www.biwaq.de/" in reply
    assert "2021–2027" in reply


def test_writing_german_on_the_english_page_switches_to_german(running: RunningStack, sender: str) -> None:
    running.texts(sender, "Hello", language="en")
    reply = running.texts(sender, "Was kannst du eigentlich alles für mich tun?", language="en")
    assert "Ich kenne diese Programme" in reply
    running.texts(sender, "ok", language="en")  # a short word says nothing about the language
    tracker = running.tracker(sender)
    assert tracker["slots"]["language"] == "de"
