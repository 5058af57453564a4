"""The conversation store keeps no private link: what the bot sent is stored with the link masked."""

from __future__ import annotations

import asyncio
from pathlib import Path

from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_stores import MaskedSQLTrackerStore, without_private_links

LINK = "https://kiez.example/d/" + "a" * 43
DOMAIN = Domain.from_yaml(
    'version: "3.1"\nslots:\n  draft_edit_url:\n    type: text\n    mappings: [{type: custom}]\n'
)


def _tracker() -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events(
        "conv-1",
        [
            UserUttered("ja, speichern"),
            ActionExecuted("action_submit_draft"),
            BotUttered(f"Ihr Entwurf ist gespeichert: {LINK}"),
            SlotSet("draft_edit_url", LINK),
        ],
        slots=DOMAIN.slots,
    )
    return tracker


def test_a_tracker_without_links_is_kept_as_it_is_and_one_with_links_is_masked() -> None:
    plain = DialogueStateTracker.from_events("conv-2", [UserUttered("hallo")], slots=DOMAIN.slots)
    assert without_private_links(plain) is plain
    masked = without_private_links(_tracker())
    texts = [e.text for e in masked.events if isinstance(e, BotUttered)]
    assert texts == ["Ihr Entwurf ist gespeichert: https://kiez.example/d/[private link]"]
    assert masked.get_slot("draft_edit_url") == "https://kiez.example/d/[private link]"


def test_the_sql_store_never_writes_the_link(tmp_path: Path) -> None:
    database = tmp_path / "tracker.db"
    store = MaskedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(database))
    asyncio.run(store.save(_tracker()))
    assert LINK not in database.read_bytes().decode("utf-8", errors="ignore")
    stored = asyncio.run(store.retrieve("conv-1"))
    assert stored is not None and stored.get_slot("draft_edit_url").endswith("/d/[private link]")
    assert isinstance(store, TrackerStore)
