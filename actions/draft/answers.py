"""Checks one answer of the draft against the reader of its field and the programme's limits.

`check` is the single entry point the form validation and the correction action share: it returns
the slot updates (the normalised answer, plus what it implies, such as the legal form in a name)
or raises FieldError with the re-ask text's key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from programmes import answers as fields
from programmes import rules as programme_rules
from programmes.answers import FieldError, amount_from_slot

YES_WORDS = ("ja", "yes", "passt", "stimmt", "korrekt", "richtig", "correct", "ok", "okay", "einverstanden",
             "agree")
NO_WORDS = ("nein", "no", "nicht", "not", "falsch", "wrong")
TEXT_FIELDS = ("contact_name", "city", "municipality", "area", "project_title")
YES_NO_FIELDS = ("draft_confirmed", "draft_consent")


def _open_programmes(lang: str) -> str:
    return ", ".join(p.short_name for p in programme_rules.current_programmes())


def _programme(value: Any, lang: str) -> dict[str, Any]:
    programme_id = programme_rules.find_programme(str(value or ""))
    if programme_id is None:
        raise FieldError("invalid_programme", programmes=_open_programmes(lang))
    if programme_rules.is_closed(programme_id):
        found = programme_rules.programme(programme_id)
        raise FieldError(
            "programme_closed",
            programme=found.short_name if found else programme_id,
            programmes=_open_programmes(lang),
        )
    return {"programme": programme_id}


def _variant(value: Any, slots: Mapping[str, Any], lang: str) -> dict[str, Any]:
    programme_id = slots.get("programme")
    variant = fields.read_variant(value, fields.variant_names(programme_id))
    updates: dict[str, Any] = {"lsi_type": variant}
    # A type with a lower limit makes an earlier amount or duration invalid: ask for it again.
    new_limits = programme_rules.limits(programme_id, variant)
    requested = amount_from_slot(slots.get("requested_amount_eur"))
    if requested is not None and new_limits.max_eur is not None and requested > new_limits.max_eur:
        updates["requested_amount_eur"] = None
    months = slots.get("duration_months")
    if months is not None:
        try:
            fields.check_duration(fields.read_months(months), new_limits)
        except FieldError:
            updates["duration_months"] = None
    return updates


def _organisation(value: Any, slots: Mapping[str, Any], field: str) -> dict[str, Any]:
    text = fields.read_text(value, "organisation_name") if field == "organisation_name" else None
    updates: dict[str, Any] = {}
    if field == "organisation_name":
        updates["organisation_name"] = text
    else:
        updates["legal_form"] = fields.read_legal_form(value)
    implied = fields.legal_form_in(str(value or ""))
    if implied:
        legal_form, organisation_type = implied
        if field == "organisation_name" and not slots.get("legal_form"):
            updates["legal_form"] = legal_form
        if organisation_type and not slots.get("organisation_type"):
            updates["organisation_type"] = organisation_type
    return updates


def read_yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    words = set(re.findall(r"[\wäöü]+", fields.as_text(value).casefold()))
    if words & set(NO_WORDS):
        return False
    if words & set(YES_WORDS):
        return True
    raise FieldError("answer_yes_or_no")


def check(field: str, value: Any, slots: Mapping[str, Any], lang: str, today: dt.date) -> dict[str, Any]:
    """The slot updates for one answer; raises FieldError if it cannot be used."""
    limits = programme_rules.limits(slots.get("programme"), slots.get("lsi_type"))
    if field == "programme":
        return _programme(value, lang)
    if field == "lsi_type":
        return _variant(value, slots, lang)
    if field == "project_summary":
        return {field: fields.read_summary(value)}
    if field in ("organisation_name", "legal_form"):
        return _organisation(value, slots, field)
    if field == "organisation_type":
        return {field: fields.read_organisation_type(value)}
    if field in TEXT_FIELDS:
        return {field: fields.read_text(value, field)}
    if field == "contact_email":
        return {field: fields.read_email(value)}
    if field == "contact_phone":
        return {field: fields.read_phone(value)}
    if field == "district":
        return {field: fields.read_district(value)}
    if field == "target_groups":
        return {field: fields.read_target_groups(value)}
    if field == "participants":
        return {field: str(fields.read_participants(value))}
    if field == "start_date":
        return {field: fields.check_start(fields.read_date(value, lang), today, lang).isoformat()}
    if field == "duration_months":
        return {field: str(fields.check_duration(fields.read_months(value), limits))}
    if field == "total_budget_eur":
        requested = amount_from_slot(slots.get("requested_amount_eur"))
        return {field: str(fields.check_total(fields.read_amount(value, lang), requested, lang))}
    if field == "requested_amount_eur":
        total = amount_from_slot(slots.get("total_budget_eur"))
        return {field: str(fields.check_requested(fields.read_amount(value, lang), limits, total, lang))}
    if field in YES_NO_FIELDS:
        return {field: read_yes_no(value)}
    raise KeyError(field)
