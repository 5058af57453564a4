"""Validates draft fields from JSON (the API, strict JSON types) or a web form (text as people write it).

One validator for both, so the bot and the applicant are held to the same rules. Every field is optional
here (the bot may send an incomplete draft); `missing_for_submission` names what a complete application
still needs. Messages follow the GOV.UK pattern ("Enter …", "Choose …") in the active locale.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from programmes.catalogue import default_catalogue
from programmes.districts import normalise_district, official_names
from programmes.vocabulary import APPLICANT_TYPES, TARGET_GROUPS
from webform.models.drafts import DRAFT_FIELDS
from webform.profile_input import read_amount  # the one reader of "15.000" / "15,000.50"

LSI_TYPES = ("A", "B", "C")
MAX_MONTHS = 120
MAX_PARTICIPANTS = 100000
EARLIEST_START = dt.date(2000, 1, 1)
LATEST_START = dt.date(2100, 12, 31)
_PHONE = re.compile(r"\+?[0-9][0-9 ()/\-]{4,38}")
TEXT_LIMITS = {
    "organisation_name": 200,
    "legal_form": 100,
    "contact_name": 100,
    "city": 100,
    "municipality": 100,
    "area": 200,
    "project_title": 200,
    "project_summary": 5000,
}
# What a complete application needs before it can be submitted for review, and what to say when missing.
REQUIRED_FOR_SUBMISSION = {
    "programme": _l("Choose the funding programme."),
    "organisation_name": _l("Enter the name of your organisation."),
    "organisation_type": _l("Choose the type of your organisation."),
    "contact_name": _l("Enter the name of the contact person."),
    "contact_email": _l("Enter an e-mail address."),
    "project_title": _l("Enter the project title."),
    "project_summary": _l("Describe what the project will do."),
    "target_groups": _l("Choose at least one group the project is for."),
    "start_date": _l("Enter the planned start date."),
    "duration_months": _l("Enter the duration in months."),
    "total_budget_eur": _l("Enter the total budget of the project."),
    "requested_amount_eur": _l("Enter the amount you request."),
}


def programme_ids() -> tuple[str, ...]:
    return tuple(p.id for p in default_catalogue().ordered())


def _empty(value: Any, json_types: bool) -> bool:
    return value is None or (not json_types and isinstance(value, str) and value.strip() == "")


def _text(value: Any, name: str, errors: dict[str, str]) -> str | None:
    if not isinstance(value, str):
        errors[name] = _("Enter text.")
        return None
    text = value.strip()
    limit = TEXT_LIMITS[name]
    if len(text) > limit:
        errors[name] = _("Enter at most %(length)s characters.", length=limit)
        return None
    return text or None


def _choice(value: Any, allowed: tuple[str, ...], name: str, errors: dict[str, str]) -> str | None:
    if not isinstance(value, str) or value not in allowed:
        errors[name] = _("Choose one of: %(values)s.", values=", ".join(allowed))
        return None
    return value


def _email(value: Any, name: str, errors: dict[str, str]) -> str | None:
    try:
        if not isinstance(value, str) or len(value) > 254:
            raise EmailNotValidError(value)
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        errors[name] = _("Enter an e-mail address in the correct format, like name@example.org.")
        return None


def _phone(value: Any, name: str, errors: dict[str, str]) -> str | None:
    if not isinstance(value, str) or not _PHONE.fullmatch(value.strip()):
        errors[name] = _("Enter a telephone number, like 030 1234567 or +49 30 1234567.")
        return None
    return value.strip()


def _district(value: Any, name: str, errors: dict[str, str]) -> str | None:
    district = normalise_district(value) if isinstance(value, str) else None
    if district is None:
        errors[name] = _(
            "Enter one of the 12 Berlin districts: %(names)s.", names=", ".join(official_names())
        )
    return district


def _groups(value: Any, name: str, errors: dict[str, str], json_types: bool) -> list[str] | None:
    if isinstance(value, str) and not json_types:
        value = [value]  # a single ticked checkbox
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors[name] = _("Give a list of values from: %(values)s.", values=", ".join(TARGET_GROUPS))
        return None
    unknown = [v for v in value if v not in TARGET_GROUPS]
    if unknown:
        errors[name] = _(
            "Unknown value %(unknown)s. Choose from: %(values)s.",
            unknown=", ".join(unknown),
            values=", ".join(TARGET_GROUPS),
        )
        return None
    return list(dict.fromkeys(value)) or None


def _whole_number(
    value: Any, name: str, errors: dict[str, str], json_types: bool, low: int, high: int, message: str
) -> int | None:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and not json_types and value.strip().isdigit():
        number = int(value.strip())
    if number is None or not low <= number <= high:
        errors[name] = message
        return None
    return number


def _date(value: Any, name: str, errors: dict[str, str]) -> dt.date | None:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        errors[name] = _("Enter a real date, like 2027-03-01.")
        return None
    if not EARLIEST_START <= day <= LATEST_START:
        errors[name] = _("Enter a start date between 2000 and 2100.")
        return None
    return day


def _amount(value: Any, name: str, errors: dict[str, str], json_types: bool) -> Decimal | None:
    amount = read_amount(value, errors, name, json_types)
    return None if amount is None else amount.quantize(Decimal("0.01"))


def _field(name: str, value: Any, errors: dict[str, str], json_types: bool) -> Any:
    if name in TEXT_LIMITS:
        return _text(value, name, errors)
    if name == "programme":
        return _choice(value, programme_ids(), name, errors)
    if name == "lsi_type":
        return _choice(value.upper() if isinstance(value, str) else value, LSI_TYPES, name, errors)
    if name == "organisation_type":
        return _choice(value, APPLICANT_TYPES, name, errors)
    if name == "contact_email":
        return _email(value, name, errors)
    if name == "contact_phone":
        return _phone(value, name, errors)
    if name == "district":
        return _district(value, name, errors)
    if name == "target_groups":
        return _groups(value, name, errors, json_types)
    if name == "participants":
        message = _("Enter the number of participants as a whole number, like 20.")
        return _whole_number(value, name, errors, json_types, 0, MAX_PARTICIPANTS, message)
    if name == "duration_months":
        message = _("Enter a duration between 1 and 120 months.")
        return _whole_number(value, name, errors, json_types, 1, MAX_MONTHS, message)
    if name == "start_date":
        return _date(value, name, errors)
    if name in ("total_budget_eur", "requested_amount_eur"):
        return _amount(value, name, errors, json_types)
    raise KeyError(name)


def parse_draft_fields(
    data: Mapping[str, Any], json_types: bool, known_extra: tuple[str, ...] = ()
) -> tuple[dict[str, Any], dict[str, str]]:
    """The present fields, validated and normalised, and an error message per bad field.

    With json_types (the API) unknown fields are errors; `known_extra` names the envelope fields
    (language, conversation_id, match) the caller reads itself.
    """
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    if json_types:
        for name in data:
            if name not in DRAFT_FIELDS and name not in known_extra:
                errors[name] = _("Unknown field.")
    for name in DRAFT_FIELDS:
        if name not in data:
            continue
        raw = data[name]
        values[name] = None if _empty(raw, json_types) else _field(name, raw, errors, json_types)
    check_whole_draft(values, errors)
    return values, errors


def check_whole_draft(values: Mapping[str, Any], errors: dict[str, str]) -> None:
    """Rules between fields, applied to what is known."""
    total, requested = values.get("total_budget_eur"), values.get("requested_amount_eur")
    if total is not None and requested is not None and requested > total:
        errors.setdefault(
            "requested_amount_eur", _("The amount requested cannot be more than the total budget.")
        )
    if values.get("lsi_type") and values.get("programme") not in (None, "lsi"):
        errors.setdefault(
            "lsi_type", _("Only LSI projects have a type A, B or C. Leave it empty for other programmes.")
        )


def missing_for_submission(values: Mapping[str, Any]) -> dict[str, str]:
    """A message per answer a complete application still needs."""
    # 0 euros or no target group is as good as no answer for an application.
    missing = {
        name: str(message) for name, message in REQUIRED_FOR_SUBMISSION.items() if not values.get(name)
    }
    if values.get("programme") == "lsi" and not values.get("lsi_type"):
        missing["lsi_type"] = _("Choose the LSI project type: A, B or C.")
    if not values.get("district") and not values.get("city"):
        missing["district"] = _("Enter the Berlin district or the city where the project takes place.")
    return missing
