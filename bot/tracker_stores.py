"""Conversation stores that never keep an applicant's private link (/d/<token>).

The bot sends the link once, when the draft is stored; the person reads it in the chat. What Rasa keeps of
the conversation (bot messages, slots) holds "/d/[private link]" instead (programmes/private_links.py), so
a copy of the store, a backup or a maintainer's transcript view cannot open the draft. endpoints*.yml name
these classes as the tracker store.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.tracker_store import RedisTrackerStore, SQLTrackerStore
from rasa.shared.core.events import BotUttered, Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from programmes.private_links import PRIVATE_LINK, mask_private_links


def _holds_link(event: Event) -> bool:
    if isinstance(event, BotUttered):
        return bool(PRIVATE_LINK.search(json.dumps(event.as_dict(), ensure_ascii=False)))
    if isinstance(event, SlotSet):
        return isinstance(event.value, str) and bool(PRIVATE_LINK.search(event.value))
    return False


def without_private_links(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """The tracker itself when it holds no private link, else a copy with every link masked."""
    if not any(_holds_link(event) for event in tracker.events):
        return tracker
    events = [
        Event.from_parameters(
            json.loads(mask_private_links(json.dumps(event.as_dict(), ensure_ascii=False)))
        )
        if _holds_link(event)
        else event
        for event in tracker.events
    ]
    return DialogueStateTracker.from_events(
        tracker.sender_id,
        events,
        slots=list(tracker.slots.values()),
        max_event_history=tracker._max_event_history,
    )


class MaskedSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store (SQLite with `make run`, PostgreSQL in production) without private links."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(without_private_links(tracker))


class MaskedRedisTrackerStore(RedisTrackerStore):
    """Rasa's Redis tracker store without private links."""

    async def save(self, tracker: DialogueStateTracker, timeout: Any = None) -> None:
        await super().save(without_private_links(tracker), timeout)
