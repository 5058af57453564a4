"""Check your answers: every answer of the draft, formatted for the conversation's locale, each changeable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from actions.draft.questions import draft_fields
from actions.draft.texts import text
from programmes import formatting as formats
from programmes import rules as programme_rules
from programmes.answers import amount_from_slot
from programmes.messages import label

MAX_SHOWN_CHARS = 160


def _shorten(value: str) -> str:
    return value if len(value) <= MAX_SHOWN_CHARS else value[: MAX_SHOWN_CHARS - 1].rstrip() + "…"


def shown_value(field: str, value: Any, slots: Mapping[str, Any], lang: str) -> str:
    """One answer as the applicant should read it; skipped optional answers are 'Not provided'."""
    if value is None or value == [] or value == "":
        return text("not_provided", lang)
    if field in ("total_budget_eur", "requested_amount_eur"):
        amount = amount_from_slot(value)
        return formats.money(amount, lang) if amount is not None else str(value)
    if field == "start_date":
        try:
            return formats.day(dt.date.fromisoformat(str(value)), lang)
        except ValueError:
            return str(value)
    if field == "duration_months":
        return text("months_value", lang, months=value)
    if field == "participants":
        return formats.number(int(value), lang)
    if field == "programme":
        found = programme_rules.programme(value)
        return found.name.get(lang) if found else str(value)
    if field == "lsi_type":
        name = programme_rules.variant_name(slots.get("programme"), value, lang)
        return f"{value} – {name}" if name else str(value)
    if field == "organisation_type":
        return label(str(value), lang)
    if field == "target_groups":
        groups = value if isinstance(value, list) else [value]
        return ", ".join(label(str(group), lang) for group in groups)
    return _shorten(str(value))


def rows(slots: Mapping[str, Any], lang: str) -> list[tuple[str, str, str]]:
    """(field, label, shown value) for every field of this programme's draft."""
    return [
        (field, text(f"label_{field}", lang), shown_value(field, slots.get(field), slots, lang))
        for field in draft_fields(slots)
    ]


def summary_text(slots: Mapping[str, Any], lang: str) -> str:
    lines = [f"{index}. {name}: {value}" for index, (_, name, value) in enumerate(rows(slots, lang), 1)]
    return "\n".join([text("review_intro", lang), *lines, text("review_question", lang)])


def buttons(fields: Iterable[str], lang: str) -> list[dict[str, str]]:
    """'All correct', then one 'Change …' button per field (GOV.UK: a Change link per answer)."""
    change = [
        {
            "title": text("button_change", lang, label=text(f"label_{field}", lang)),
            "payload": f'/correct_answer{{"field":"{field}"}}',
        }
        for field in fields
    ]
    return [{"title": text("button_all_correct", lang), "payload": "/affirm"}, *change]
