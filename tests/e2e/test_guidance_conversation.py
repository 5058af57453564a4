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
    assert "Lokal-Sozial-Innovativ" in recommendation
    assert "22.11.2026" in recommendation  # availability computed as of the pinned date
    assert "Neukölln" in recommendation  # the alliance office of the user's district
    assert "Antragsentwurf" in recommendation  # offers to start a draft


def test_english_startup_in_kreuzberg_is_sent_to_friedrichshain_kreuzberg(running: RunningStack, sender: str) -> None:
    reply = running.texts(sender, "We're a start-up in Kreuzberg, can we get money to hire people?", language="en")
    # The question reads "About how much funding do you need ...".
    assert "how much funding" in reply or "Lokal-Sozial-Innovativ" in reply
    if "how much funding" in reply:
        reply = running.texts(sender, "about 20k", language="en")
    assert "Lokal-Sozial-Innovativ" in reply
    assert "Friedrichshain-Kreuzberg" in reply
    assert "As of 22 Nov 2026" in reply


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
