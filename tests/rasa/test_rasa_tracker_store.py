"""The conversation store reads and writes what Rasa's SQL store reads and writes, with fewer queries."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    EntitiesAdded,
    Event,
    FollowupAction,
    LoopInterrupted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from ops.rasa_tracker_store import DurableSQLTrackerStore

DOMAIN = Domain.from_yaml(
    'version: "3.1"\nintents: [greet, inform]\n'
    "slots:\n  district:\n    type: text\n    mappings: [{type: custom}]\n"
    "  draft_edit_url:\n    type: text\n    mappings: [{type: custom}]\n"
)
LINK = "https://kiez.example/d/" + "b" * 43


class Clock:
    """Event timestamps one second apart, the same for both stores."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 1
        return self.now


def _turn(clock: Clock, text: str, intent: str) -> list[Event]:
    return [
        UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=clock()),
        ActionExecuted("utter_answer", timestamp=clock()),
        BotUttered(f"Antwort auf {text}", timestamp=clock()),
        SlotSet("district", "Neukölln", timestamp=clock()),
        ActionExecuted("action_listen", timestamp=clock()),
    ]


def _new_session(clock: Clock) -> list[Event]:
    return [
        ActionExecuted("action_session_start", timestamp=clock()),
        SessionStarted(timestamp=clock()),
        ActionExecuted("action_listen", timestamp=clock()),
    ]


async def _conversation(store: SQLTrackerStore) -> list[list[dict[str, Any]]]:
    """Messages as Rasa handles them (read, change, write), a new session, a link to mask and a
    conversation written without a read (Rasa's HTTP API replacing events); what each read returned."""
    clock = Clock()
    seen = []

    async def message(events: list[Event]) -> None:
        tracker = await store.get_or_create_tracker("conv-1")
        for event in events:
            tracker.update(event)
        await store.save(tracker)
        seen.append([e.as_dict() for e in (await store.retrieve("conv-1")).events])  # type: ignore[union-attr]

    await message(_new_session(clock) + _turn(clock, "hallo", "greet"))
    await message(_turn(clock, "wir sind in Neukölln", "inform"))
    await message([
        UserUttered("ein Formular", {"name": "inform", "confidence": 1.0}, timestamp=clock()),
        ActionExecuted("guidance_form", timestamp=clock()),
        ActiveLoop("guidance_form", timestamp=clock()),
        ActionExecutionRejected("guidance_form", timestamp=clock()),
        LoopInterrupted(True, timestamp=clock()),
        EntitiesAdded([{"entity": "district", "value": "Pankow", "start": 0, "end": 6}], timestamp=clock()),
        FollowupAction("action_listen", timestamp=clock()),
        UserUtteranceReverted(timestamp=clock()),
        ActiveLoop(None, timestamp=clock()),
    ])
    await message(_new_session(clock) + _turn(clock, "wieder da", "greet"))
    await message([ActionExecuted("action_submit_draft", timestamp=clock()),
                   BotUttered(f"Gespeichert: {LINK}", timestamp=clock()),
                   SlotSet("draft_edit_url", LINK, timestamp=clock())])
    rebuilt = DialogueStateTracker.from_events(
        "conv-1", _turn(clock, "neu", "greet") * 3, slots=DOMAIN.slots
    )
    await store.save(rebuilt)
    seen.append([e.as_dict() for e in (await store.retrieve_full_tracker("conv-1")).events])  # type: ignore[union-attr]
    return seen


def _rows(database: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()


def _comparable(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows without the timestamp of the one event Rasa stamps with the real time (the first
    action_listen of a new conversation)."""
    result = []
    for row in rows:
        data = json.loads(row[6])
        if row[3] > Clock().now + 10_000:
            data["timestamp"] = None
        result.append((*row[:3], data["timestamp"], *row[4:6], data))
    return result


def _masked(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [(*row[:6], row[6].replace(LINK, "https://kiez.example/d/[private link]")) for row in rows]


def test_stores_and_reads_what_rasas_sql_store_does(tmp_path: Path) -> None:
    rasa_db, ours_db = tmp_path / "rasa.db", tmp_path / "ours.db"
    rasa_seen = asyncio.run(_conversation(SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(rasa_db))))
    ours_seen = asyncio.run(_conversation(DurableSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(ours_db))))
    ours_rows = _rows(ours_db)
    assert len(ours_rows) > 20
    assert _comparable(ours_rows) == _comparable(_masked(_rows(rasa_db)))
    assert LINK not in json.dumps(ours_rows)
    first_read = ours_seen[0][0]["timestamp"], rasa_seen[0][0]["timestamp"]
    masked = json.dumps(rasa_seen).replace(LINK, "https://kiez.example/d/[private link]")
    assert json.dumps(ours_seen).replace(str(first_read[0]), "T") == masked.replace(str(first_read[1]), "T")


def _statements(store: DurableSQLTrackerStore) -> Callable[[], list[str]]:
    executed: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *args: executed.append(args[2]))

    def taken() -> list[str]:
        done = [statement.split()[0] + (" count" if "count(" in statement else "") for statement in executed]
        executed.clear()
        return done

    return taken


def test_a_message_reads_once_and_writes_once(tmp_path: Path) -> None:
    store = DurableSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    taken = _statements(store)
    clock = Clock()

    async def run() -> None:
        tracker = await store.get_or_create_tracker("conv-2")  # a new conversation: written at once
        assert taken() == ["SELECT", "SELECT count", "INSERT"]
        for event in _new_session(clock) + _turn(clock, "hallo", "greet"):
            tracker.update(event)
        await store.save(tracker)
        assert taken() == ["SELECT count", "INSERT"]  # not read as such: Rasa's count
        tracker = await store.get_or_create_tracker("conv-2")
        for event in _turn(clock, "noch was", "inform"):
            tracker.update(event)
        await store.save(tracker)
        assert taken() == ["SELECT", "INSERT"]  # read, then written: the count is known
        copy = await store.retrieve("conv-2")
        assert copy is not None
        await store.save(copy.copy())  # not the object that was read
        assert taken() == ["SELECT", "SELECT count"]

    asyncio.run(run())
