"""The walking skeleton through the real servers: health, greetings in both languages, an action."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import RunningStack, get_json

pytestmark = pytest.mark.e2e


def test_form_service_health_checks_the_database(running: RunningStack) -> None:
    assert get_json(f"{running.webform_url}/api/health") == {"status": "ok", "database": "ok"}


def test_german_greeting_is_answered_in_german(running: RunningStack, sender: str) -> None:
    reply = running.texts(sender, "Hallo", language="de")
    assert "Kiezlotse" in reply
    assert "Förderprogramm" in reply


def test_english_greeting_is_answered_in_english(running: RunningStack, sender: str) -> None:
    reply = running.texts(sender, "Hello", language="en")
    assert "Kiezlotse" in reply
    assert "funding programme" in reply


def test_capabilities_action_lists_programmes_from_the_form_service(
    running: RunningStack, sender: str
) -> None:
    catalogue = get_json(f"{running.webform_url}/api/programmes?lang=en")["programmes"]
    reply = running.texts(sender, "what can you do?", language="en")
    for programme in catalogue:
        assert programme["short_name"] in reply


def test_conversation_survives_in_the_tracker_store(running: RunningStack, sender: str) -> None:
    running.say(sender, "Hello", language="en")
    tracker = running.tracker(sender)
    assert tracker["slots"]["language"] == "en"
    assert any(event.get("event") == "user" for event in tracker["events"])
