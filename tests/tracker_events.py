"""A conversation store written the way Rasa's SQLTrackerStore writes it (rasa/core/tracker_store.py):
table `events` (id, sender_id, type_name, timestamp, intent_name, action_name, data), where
intent_name is parse_data.intent.name, action_name the event's "name" (an action's, or a slot's), and
data the event as JSON (json.dumps with its default separators)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

METADATA = sa.MetaData()
EVENTS = sa.Table(
    "events", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


def create_store(url: str) -> sa.Engine:
    engine = sa.create_engine(url)
    METADATA.create_all(engine)
    return engine


def user(text: str, intent: str, confidence: float, timestamp: float, *, ranking: Sequence[tuple[str, float]] = (),
         language: str | None = None, entities: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """A user event; `ranking` lists further intents after the top one."""
    ranked = [{"name": intent, "confidence": confidence}, *({"name": n, "confidence": c} for n, c in ranking)]
    return {
        "event": "user", "timestamp": timestamp, "metadata": {"language": language} if language else {},
        "text": text, "input_channel": "rest", "message_id": f"m{timestamp}",
        "parse_data": {"intent": {"name": intent, "confidence": confidence}, "entities": list(entities),
                       "text": text, "intent_ranking": ranked},
    }


def bot(text: str, timestamp: float) -> dict[str, Any]:
    return {"event": "bot", "timestamp": timestamp, "metadata": {}, "text": text, "data": {}}


def action(name: str, timestamp: float) -> dict[str, Any]:
    return {"event": "action", "timestamp": timestamp, "name": name, "policy": "RulePolicy", "confidence": 1.0}


def slot(name: str, value: Any, timestamp: float) -> dict[str, Any]:
    return {"event": "slot", "timestamp": timestamp, "name": name, "value": value}


def rows(sender_id: str, events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"sender_id": sender_id, "type_name": e["event"], "timestamp": e["timestamp"],
         "intent_name": (e.get("parse_data") or {}).get("intent", {}).get("name"), "action_name": e.get("name"),
         "data": json.dumps(e)}
        for e in events
    ]


def write(engine: sa.Engine, sender_id: str, events: Sequence[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        connection.execute(EVENTS.insert(), rows(sender_id, events))
