"""The walking skeleton through the real servers: health, greetings in both languages, an action."""

from __future__ import annotations

import subprocess

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
    tracker = get_json(f"{running.rasa_url}/conversations/{sender}/tracker")
    assert tracker["slots"]["language"] == "en"
    assert any(event.get("event") == "user" for event in tracker["events"])


def test_conversations_are_kept_in_redis_and_expire(running: RunningStack, sender: str) -> None:
    running.say(sender, "Hello", language="en")
    keys = _redis(running, "--scan", "--pattern", f"kiezlotse*{sender}").split()
    assert len(keys) == 1, keys
    assert 0 < int(_redis(running, "TTL", keys[0])) <= 86400  # personal data does not stay for ever


def test_a_conversation_continues_whichever_rasa_worker_answers(running: RunningStack, sender: str) -> None:
    # Every request opens a new connection, so the two workers take turns at random; the language
    # switched in the first message must hold in all the later ones.
    running.say(sender, "English please", language="de")
    for _ in range(6):
        assert "Kiezlotse" in running.texts(sender, "hi there")
        tracker = get_json(f"{running.rasa_url}/conversations/{sender}/tracker")
        assert tracker["slots"]["language"] == "en"


def _redis(running: RunningStack, *args: str) -> str:
    host, port = running.stack.conversations.redis_address
    command = ["redis-cli", "-h", host, "-p", str(port), "-n", "1", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
