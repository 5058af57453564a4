"""Reads a callback request ("talk to a person") from the chat's JSON, with the shared contact readers."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from programmes import answers
from programmes.districts import normalise_district
from programmes.errors import FieldError

CALLBACK_FIELDS = ("language", "conversation_id", "name", "contact", "district", "topic", "consent")
LIMITS = {"conversation_id": 200, "name": 100, "contact": 254, "district": 100, "topic": 1000}


def _text(payload: dict[str, Any], name: str, errors: dict[str, str], required: bool) -> str | None:
    value = payload.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > LIMITS[name]:
        errors[name] = _("Enter text of at most %(length)s characters.", length=LIMITS[name])
        return None
    return value.strip()


def _contact(value: str | None, errors: dict[str, str]) -> str | None:
    """An e-mail address or a telephone number, read by the same rules as a draft's contact answers."""
    if value is None:
        return None
    try:
        return answers.read_email(value) if "@" in value else answers.read_phone(value)
    except FieldError:
        errors["contact"] = _("Enter a telephone number or an e-mail address, like name@example.org.")
        return None


def parse_callback(payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The values to store and a message per bad field; `payload["language"]` is already checked."""
    errors = {name: _("Unknown field.") for name in payload if name not in CALLBACK_FIELDS}
    values: dict[str, Any] = {"language": payload["language"]}
    values["conversation_id"] = _text(payload, "conversation_id", errors, required=True)
    values["name"] = _text(payload, "name", errors, required=True)
    values["contact"] = _contact(_text(payload, "contact", errors, required=True), errors)
    district = _text(payload, "district", errors, required=False)
    # A Berlin district is stored by its official name, so the staff queue can be sorted by office.
    values["district"] = (normalise_district(district) or district) if district else None
    values["topic"] = _text(payload, "topic", errors, required=False)
    if payload.get("consent") is not True:
        errors["consent"] = _("We can only store the request when the person agrees: send consent true.")
    values["consent"] = True
    return values, errors
