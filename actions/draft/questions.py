"""Which draft questions the form asks, in which order, for the chosen programme.

The order starts with the project description, so a user who answers it with a paragraph fills
several later fields at once. Programme-specific questions come from the catalogue
(actions.draft.programme_rules). The two last steps are check-your-answers and consent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from actions.draft import programme_rules

OPTIONAL = ("contact_phone", "participants")
REVIEW = "draft_confirmed"
CONSENT = "draft_consent"
# Every field the applicant can be asked for or can correct (the NLU's `field` entity values).
FIELDS = (
    "programme",
    "lsi_type",
    "project_summary",
    "organisation_name",
    "legal_form",
    "organisation_type",
    "contact_name",
    "contact_email",
    "contact_phone",
    "district",
    "city",
    "municipality",
    "area",
    "project_title",
    "target_groups",
    "participants",
    "start_date",
    "duration_months",
    "total_budget_eur",
    "requested_amount_eur",
)
# Fields the check-your-answers summary lists, in the order asked (the place is district or city).
FORM_SLOTS = (*FIELDS, REVIEW, CONSENT)


def uses_district(slots: Mapping[str, Any]) -> bool:
    """Berlin projects name their Bezirk, others their city."""
    programme = slots.get("programme")
    return programme_rules.berlin_only(programme) or slots.get("state") == "BE" or bool(slots.get("district"))


def draft_fields(slots: Mapping[str, Any]) -> list[str]:
    """The fields of this programme's draft, in the order the form asks them."""
    programme = slots.get("programme")
    fields = []
    for field in FIELDS:
        if field == "lsi_type" and not programme_rules.asks_variant(programme):
            continue
        if field == "district" and not uses_district(slots):
            continue
        if field == "city" and uses_district(slots):
            continue
        if field == "municipality" and not programme_rules.asks_municipality(programme):
            continue
        if field == "area" and not programme_rules.asks_area(programme):
            continue
        fields.append(field)
    return fields


def required_slots(slots: Mapping[str, Any], skipped: Iterable[str]) -> list[str]:
    """The form's slots now: the programme first, its fields, then review and consent.

    An optional field the user skipped is not asked again.
    """
    if not slots.get("programme"):
        return ["programme"]
    skipped = set(skipped)
    fields = [f for f in draft_fields(slots) if not (f in OPTIONAL and f in skipped)]
    return [*fields, REVIEW, CONSENT]


def next_question(slots: Mapping[str, Any], skipped: Iterable[str]) -> str | None:
    return next((s for s in required_slots(slots, skipped) if slots.get(s) is None), None)


def open_questions(slots: Mapping[str, Any], skipped: Iterable[str]) -> list[str]:
    """The fields still to ask (without review and consent), for the opening message."""
    return [s for s in required_slots(slots, skipped) if s in FIELDS and slots.get(s) is None]
