"""Small readers of the Rasa tracker shared by the actions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rasa_sdk import Tracker


def language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "de"


def user_events_in_session(tracker: Tracker) -> Iterator[dict[str, Any]]:
    """The person's message events of this session, newest first."""
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            return
        if event.get("event") == "user":
            yield event


def user_messages_in_session(tracker: Tracker) -> int:
    return sum(1 for _ in user_events_in_session(tracker))


def user_messages(tracker: Tracker, limit: int) -> list[str]:
    """The person's messages in this session, newest first (button payloads left out)."""
    found: list[str] = []
    for event in user_events_in_session(tracker):
        if len(found) >= limit:
            break
        message = (event.get("text") or "").strip()
        if message and not message.startswith("/"):
            found.append(message)
    return found


def latest_metadata(tracker: Tracker) -> dict[str, Any]:
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata if isinstance(metadata, dict) else {}


def latest_entity(tracker: Tracker, entity: str) -> str | None:
    values = [
        e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == entity
    ]
    return values[0] if values else None


def intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


# Actions that run between the user's message and the form without being an interruption.
_BEFORE_FORM = ("action_listen", "action_extract_slots")


def answering_form(tracker: Tracker, form: str) -> bool:
    """The form runs straight after the user's message to its open question.

    False when the form comes back after an interruption (a rule's action ran since the message) or is
    being activated: then the latest message is not an answer to the form's question.
    """
    if (tracker.active_loop or {}).get("name") != form or not tracker.get_slot("requested_slot"):
        return False
    quiet = (form, f"validate_{form}", *_BEFORE_FORM)
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") not in quiet:
            return False
    return False


def programme_in_focus(tracker: Tracker) -> str | None:
    """The programme the conversation is about now: named in this message, else the one asked about last,
    the draft's, or the one recommended."""
    return (
        latest_entity(tracker, "programme")
        or tracker.get_slot("discussed_programme")
        or tracker.get_slot("programme")
        or tracker.get_slot("recommended_programme")
    )


def slot_before_latest_message(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest user message changed anything (None if it had none)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None
