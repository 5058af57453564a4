"""Small readers of the Rasa tracker shared by the actions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "de"


def user_messages_in_session(tracker: Tracker) -> int:
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            break
        if event.get("event") == "user":
            count += 1
    return count


def latest_metadata(tracker: Tracker) -> dict[str, Any]:
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata if isinstance(metadata, dict) else {}


def latest_entity(tracker: Tracker, entity: str) -> str | None:
    values = [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == entity]
    return values[0] if values else None
