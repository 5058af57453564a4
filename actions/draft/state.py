"""The draft's bookkeeping slots and small readers of them, shared by the draft's actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker

from actions.draft import review
from programmes.answers import label

# Optional questions skipped and required ones left open for later: never asked again in this draft.
SKIPPED_SLOT = "draft_skipped"
# An ask-back waiting for its answer: {"field", "kind": "answer"|"yes_no"|"defer", "value"}.
PENDING_SLOT = "draft_pending_answer"
# How often the open question has been asked in a row: {"field", "count"}.
REPEATS_SLOT = "draft_repeats"
# Fields filled from the description or beside another answer: marked for checking in the review.
INFERRED_SLOT = "draft_inferred"


def list_slot(tracker: Tracker, name: str) -> list[Any]:
    value = tracker.get_slot(name)
    return list(value) if isinstance(value, list) else []


def field_label(field: str, lang: str) -> str:
    """A field's name inside a sentence: "Projekttitel" in German, "project title" in English."""
    name = label(field, lang)
    return name[0].lower() + name[1:] if lang == "en" and not name[:2].isupper() else name


def noted_facts(facts: Mapping[str, Any], slots: Mapping[str, Any], lang: str) -> str:
    """ "Bezirk: Neukölln, Beginn: 1. März 2027" for the facts just taken."""
    return ", ".join(
        f"{label(field, lang)}: {review.shown_value(field, value, slots, lang)}"
        for field, value in facts.items()
    )
