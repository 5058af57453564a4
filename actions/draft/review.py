"""Check your answers: every answer of the draft, formatted for the conversation's locale, each changeable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from actions.draft.questions import draft_fields
from actions.messages import DRAFT
from programmes import formatting, rules
from programmes.answers import (
    FieldError,
    amount_from_slot,
    check_duration,
    check_requested,
    label,
    read_months,
)
from programmes.messages import label as vocabulary_label
from programmes.messages import legal_form_words

MAX_SHOWN_CHARS = 160


def _shorten(value: str) -> str:
    return value if len(value) <= MAX_SHOWN_CHARS else value[: MAX_SHOWN_CHARS - 1].rstrip() + "…"


def shown_value(field: str, value: Any, slots: Mapping[str, Any], lang: str) -> str:
    """One answer as the applicant should read it; skipped optional answers are 'Not provided'."""
    if value is None or value == [] or value == "":
        return DRAFT.text("not_provided", lang)
    if field in ("total_budget_eur", "requested_amount_eur"):
        amount = amount_from_slot(value)
        return formatting.money(amount, lang) if amount is not None else str(value)
    if field == "start_date":
        try:
            return formatting.day(dt.date.fromisoformat(str(value)), lang)
        except ValueError:
            return str(value)
    if field == "duration_months":
        return DRAFT.text("months_value", lang, months=value)
    if field == "participants":
        return formatting.number(int(value), lang)
    if field == "programme":
        found = rules.programme(value)
        return found.name.get(lang) if found else str(value)
    if field == "lsi_type":
        name = rules.variant_name(slots.get("programme"), value, lang)
        return f"{value} – {name}" if name else str(value)
    if field == "organisation_type":
        return vocabulary_label(str(value), lang)
    if field == "legal_form":
        return legal_form_words(str(value), lang)
    if field == "target_groups":
        groups = value if isinstance(value, list) else [value]
        return ", ".join(vocabulary_label(str(group), lang) for group in groups)
    return _shorten(str(value))


def rows(
    slots: Mapping[str, Any], lang: str, skipped: Iterable[str] = (), inferred: Iterable[str] = ()
) -> list[tuple[str, str, str]]:
    """(field, label, shown value) for every field of this programme's draft.

    A required answer left for later reads "still open"; one taken from the description is marked.
    """
    skipped, inferred = set(skipped), set(inferred)
    shown = []
    for field in draft_fields(slots):
        value = slots.get(field)
        if (
            value in (None, "", [])
            and field in skipped
            and field not in ("contact_phone", "participants")
        ):
            text = DRAFT.text("not_yet_given", lang)
        else:
            text = shown_value(field, value, slots, lang)
            if field in inferred and value not in (None, "", []):
                text = f"{text} {DRAFT.text('inferred_mark', lang)}"
        shown.append((field, label(field, lang), text))
    return shown


def summary_text(slots: Mapping[str, Any], lang: str) -> str:
    skipped = slots.get("draft_skipped") or []
    inferred = slots.get("draft_inferred") or []
    lines = [
        f"{index}. {name}: {value}"
        for index, (_, name, value) in enumerate(rows(slots, lang, skipped, inferred), 1)
    ]
    return "\n".join([DRAFT.text("review_intro", lang), *lines, DRAFT.text("review_question", lang)])


def buttons(fields: Iterable[str], lang: str) -> list[dict[str, str]]:
    """'All correct', then one 'Change …' button per field (GOV.UK: a Change link per answer)."""
    change = [
        {
            "title": DRAFT.text("button_change", lang, label=label(field, lang)),
            "payload": f'/correct_answer{{"field":"{field}"}}',
        }
        for field in fields
    ]
    return [{"title": DRAFT.text("button_all_correct", lang), "payload": "/affirm"}, *change]


def dropped_values(
    before: Mapping[str, Any], updates: Mapping[str, Any], lang: str
) -> list[tuple[str, str]]:
    """Answers an update empties because they break the new programme's or type's limits, with the reason.

    (actions/draft/answers.py empties them; this names them, so the person hears why a question comes again.)
    """
    dropped = []
    after = {**before, **updates}
    limits = rules.limits(after.get("programme"), after.get("lsi_type"))
    for field in ("requested_amount_eur", "duration_months"):
        if field not in updates or updates[field] is not None or before.get(field) in (None, ""):
            continue
        try:
            if field == "duration_months":
                check_duration(read_months(before[field]), limits)
            else:
                check_requested(amount_from_slot(before[field]) or 0, limits, None, lang)  # type: ignore[arg-type]
        except FieldError as error:
            dropped.append((field, DRAFT.text(error.key, lang, **error.values).split(". ")[0] + "."))
    return dropped
