"""The applicant profile built from the conversation's slots, and which question to ask next.

Plain functions without Rasa: the guidance form and the handoff use them, unit tests cover them.
The form service decides what is still missing (the `missing` list of POST /api/match); this module
only turns slots into the API's profile and picks the questions worth asking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

# The form service's profile keys (and its `missing` question keys) and the slots that hold them.
SLOT_FOR_KEY = {
    "project_description": "project_description",
    "applicant_type": "organisation_type",
    "state": "state",
    "district": "district",
    "in_disadvantaged_area": "in_disadvantaged_area",
    "budget_eur": "requested_amount_eur",
    "duration_months": "duration_months",
}
KEY_FOR_SLOT = {slot: key for key, slot in SLOT_FOR_KEY.items()}
# Every slot the guidance form may ask for, in the order a person would expect the questions.
GUIDANCE_SLOTS = tuple(SLOT_FOR_KEY.values())
# At most five questions in the common case.
MAX_QUESTIONS = 5
# The form service reads at most this much of a project description (POST /api/match).
MAX_DESCRIPTION_CHARS = 1000


def _amount(value: Any) -> float | None:
    """The amount entity is a plain decimal string ("5000"); anything else is left out."""
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _months(value: Any) -> int | None:
    try:
        months = int(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError):
        return None
    return months if months > 0 else None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    return list(dict.fromkeys(str(item) for item in items if item))


def build_profile(slots: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The body of POST /api/match from the slots; unknown answers are simply left out."""
    profile: dict[str, Any] = {"lang": lang}
    for key, slot in (
        ("applicant_type", "organisation_type"),
        ("state", "state"),
        ("city", "city"),
        ("district", "district"),
    ):
        if slots.get(slot):
            profile[key] = slots[slot]
    if isinstance(slots.get("in_disadvantaged_area"), bool):
        profile["in_disadvantaged_area"] = slots["in_disadvantaged_area"]
    for key, slot in (("goals", "goals"), ("target_groups", "target_groups")):
        values = _as_list(slots.get(slot))
        if values:
            profile[key] = values
    description = slots.get("project_description")
    if isinstance(description, str) and description.strip():
        profile["project_description"] = description.strip()[:MAX_DESCRIPTION_CHARS]
    budget = _amount(slots.get("requested_amount_eur"))
    if budget is not None:
        profile["budget_eur"] = budget
    months = _months(slots.get("duration_months"))
    if months is not None:
        profile["duration_months"] = months
    return profile


def drop_rejected_fields(profile: dict[str, Any], errors: Mapping[str, Any]) -> dict[str, Any]:
    """The profile without the fields the form service rejected (e.g. a district it does not know)."""
    return {key: value for key, value in profile.items() if key == "lang" or key not in errors}


def missing_slots(results: Iterable[Mapping[str, Any]]) -> list[str]:
    """Slots whose answer could change the recommendation, in the order a person expects them.

    Programmes already ruled out have an empty `missing` list, so their questions never count.
    """
    slots: list[str] = []
    for result in results:
        if result.get("eligibility") == "not_eligible":
            continue
        for question in result.get("missing") or []:
            slot = SLOT_FOR_KEY.get(question.get("key", ""))
            if slot and slot not in slots:
                slots.append(slot)
    return sorted(slots, key=GUIDANCE_SLOTS.index)


def questions_to_ask(
    results: Iterable[Mapping[str, Any]],
    filled: Mapping[str, Any],
    skipped: Iterable[str],
    asked: Iterable[str],
    max_questions: int = MAX_QUESTIONS,
) -> list[str]:
    """The open questions still worth asking: missing, not answered, not skipped, within the budget."""
    skipped, asked = set(skipped), list(dict.fromkeys(asked))
    open_slots = [s for s in missing_slots(results) if filled.get(s) is None and s not in skipped]
    remaining = max(0, max_questions - len(asked))
    # A question already asked (and re-asked after an interruption) does not use up the budget again.
    already = [s for s in open_slots if s in asked]
    new = [s for s in open_slots if s not in asked][:remaining]
    return [s for s in open_slots if s in already or s in new]


def best_result(results: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The recommended programme: the best ranked one that is not ruled out."""
    return next((r for r in results if r.get("eligibility") != "not_eligible"), None)


def alternatives(
    results: Sequence[Mapping[str, Any]], best: Mapping[str, Any] | None
) -> list[Mapping[str, Any]]:
    """The other programmes named as "also possible": those this applicant may apply for itself. One it
    can only join as a partner (WdM for a gGmbH: only district offices apply) is no alternative to
    applying."""
    return [
        r
        for r in results
        if r is not best
        and r.get("eligibility") != "not_eligible"
        and (r.get("next_step") or {}).get("kind") != "partner"
    ]
