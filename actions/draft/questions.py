"""Which draft questions the form asks, in which order, for the chosen programme.

The fields and their order come from the shared field list (programmes/answers.py); programme-specific
questions from the catalogue (programmes/rules.py). The two last steps are check-your-answers and consent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from programmes.answers import FIELD_NAMES, OPTIONAL, fields_for

REVIEW = "draft_confirmed"
CONSENT = "draft_consent"
# Every field the applicant can be asked for or can correct (the NLU's `field` entity values).
FIELDS = FIELD_NAMES
FORM_SLOTS = (*FIELDS, REVIEW, CONSENT)
__all__ = ["CONSENT", "FIELDS", "FORM_SLOTS", "OPTIONAL", "REVIEW", "draft_fields", "required_slots"]


def draft_fields(slots: Mapping[str, Any]) -> list[str]:
    """The fields of this programme's draft, in the order the form asks them."""
    return fields_for(slots.get("programme"), slots.get("state"), slots.get("district"))


def required_slots(slots: Mapping[str, Any], skipped: Iterable[str]) -> list[str]:
    """The form's slots now: the programme first, its fields, then review and consent.

    A field the person skipped (optional) or left open for later (required) is not asked again.
    """
    if not slots.get("programme"):
        return ["programme"]
    skipped = set(skipped)
    fields = [f for f in draft_fields(slots) if f not in skipped]
    return [*fields, REVIEW, CONSENT]


def next_question(slots: Mapping[str, Any], skipped: Iterable[str]) -> str | None:
    return next((s for s in required_slots(slots, skipped) if slots.get(s) is None), None)


def open_questions(slots: Mapping[str, Any], skipped: Iterable[str]) -> list[str]:
    """The fields still to ask (without review and consent), for the opening message."""
    return [s for s in required_slots(slots, skipped) if s in FIELDS and slots.get(s) is None]
