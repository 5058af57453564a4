"""Regressions found by QA conversations written like outside users would (helper-6, issues 5 and 6).

Each failed before its fix: a programme question naming the programme was swallowed by the draft form,
"ja" to the amount question got no reply and a bare "20.000" was not read, a draft for a closed
programme was announced as if it were open, and an amount made an English conversation German.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e


def test_a_programme_question_naming_the_programme_is_answered_in_the_draft(running: RunningStack, sender: str) -> None:
    start = running.texts(sender, "Ich möchte einen Antrag für LSI stellen", language="de")
    assert "Projektart" in start
    reply = running.texts(sender, "Wie viel Geld gibt es bei LSI maximal?", language="de")
    assert "LSI – Wie viel" in reply  # answered from the catalogue ...
    assert "Welche Projektart" in reply  # ... then the form asks its question again


def test_yes_to_the_amount_question_is_answered_and_a_bare_number_is_read(running: RunningStack, sender: str) -> None:
    asked = running.texts(
        sender, "Wir sind ein Verein in Neukölln und suchen Förderung für ein Bewerbungscafé für Arbeitslose",
        language="de",
    )
    assert "Wie viel Förderung" in asked
    reply = running.texts(sender, "ja", language="de")
    assert "nicht als Antwort verwenden" in reply and "Wie viel Förderung" in reply
    assert running.texts(sender, "20.000", language="de").startswith("LSI passt")


def test_a_draft_for_a_closed_programme_says_it_is_closed(running: RunningStack, sender: str) -> None:
    reply = running.texts(sender, "Ich will LSK beantragen", language="de")
    assert "LSK ist beendet" in reply
    assert "Antragsentwurf für LSK" not in reply


def test_an_amount_does_not_switch_an_english_conversation_to_german(running: RunningStack, sender: str) -> None:
    asked = running.texts(
        sender, "We are an association in Neukölln looking for funding for a job café for unemployed people",
        language="en",
    )
    assert "how much funding" in asked
    reply = running.texts(sender, "100 000 €", language="en")
    assert reply.startswith("LSI fits")
