"""Callback requests from the chat ("talk to a person"), stored only with the person's consent."""

from __future__ import annotations

import re
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask import jsonify, request
from flask_babel import force_locale
from flask_babel import gettext as _

from programmes.districts import normalise_district
from programmes.vocabulary import LANGUAGES
from webform import repository
from webform.api import bp
from webform.api.drafts import error_language, idempotency_key
from webform.security import request_fingerprint, require_bearer

CALLBACK_FIELDS = ("language", "conversation_id", "name", "contact", "district", "topic", "consent")
_PHONE = re.compile(r"\+?[0-9][0-9 ()/\-]{4,38}")


def _text(
    payload: dict[str, Any], name: str, limit: int, errors: dict[str, str], required: bool
) -> str | None:
    value = payload.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        errors[name] = _("Enter text of at most %(length)s characters.", length=limit)
        return None
    return value.strip()


def _contact(value: str | None, errors: dict[str, str]) -> str | None:
    if value is None:
        return None
    if "@" in value:
        try:
            return validate_email(value, check_deliverability=False).normalized
        except EmailNotValidError:
            pass
    elif _PHONE.fullmatch(value) and sum(c.isdigit() for c in value) >= 6:
        return value
    errors["contact"] = _("Enter a telephone number or an e-mail address, like name@example.org.")
    return None


def parse_callback(payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    errors = {name: _("Unknown field.") for name in payload if name not in CALLBACK_FIELDS}
    values: dict[str, Any] = {"language": payload["language"]}
    values["conversation_id"] = _text(payload, "conversation_id", 200, errors, required=True)
    values["name"] = _text(payload, "name", 100, errors, required=True)
    values["contact"] = _contact(_text(payload, "contact", 254, errors, required=True), errors)
    district = _text(payload, "district", 100, errors, required=False)
    # A Berlin district is stored by its official name, so the staff queue can be sorted by office.
    values["district"] = (normalise_district(district) or district) if district else None
    values["topic"] = _text(payload, "topic", 1000, errors, required=False)
    if payload.get("consent") is not True:
        errors["consent"] = _("We can only store the request when the person agrees: send consent true.")
    values["consent"] = True
    return values, errors


@bp.post("/callbacks")
@require_bearer("FORM_API_TOKEN")
def create_callback():  # type: ignore[no-untyped-def]
    payload = request.get_json(silent=True)
    language = payload.get("language") if isinstance(payload, dict) else None
    if not isinstance(payload, dict) or language not in LANGUAGES:
        with force_locale(error_language()):
            if not isinstance(payload, dict):
                return jsonify(errors={"body": _("Send a JSON object with the callback request.")}), 422
            return jsonify(errors={"language": _("Required: the language of the answer, de or en.")}), 422
    with force_locale(language):
        key, errors = idempotency_key()
        values, field_errors = parse_callback(payload)
        errors.update(field_errors)
        if errors:
            return jsonify(errors=errors), 422
        fingerprint = request_fingerprint(payload)
        existing = repository.callback_by_idempotency_key(key) if key else None
        if existing is None:
            existing = repository.create_callback(values, key, fingerprint)
            if existing is None:  # a concurrent request with the same key won the race
                existing = repository.callback_by_idempotency_key(key or "")
        assert existing is not None
        if existing.request_fingerprint != fingerprint:
            message = _("This key was already used for a different callback request.")
            return jsonify(errors={"Idempotency-Key": message}), 409
        return jsonify(id=existing.id, status=existing.status), 201


OPENAPI_PATHS = {
    "/api/callbacks": {
        "post": {
            "summary": "Store a callback request for staff (FORM_API_TOKEN); needs the person's consent",
            "security": [{"bearer": []}],
            "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False,
                            "schema": {"type": "string", "maxLength": 200}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object",
                "additionalProperties": False,
                "required": ["language", "conversation_id", "name", "contact", "consent"],
                "properties": {
                    "language": {"type": "string", "enum": list(LANGUAGES)},
                    "conversation_id": {"type": "string", "maxLength": 200},
                    "name": {"type": "string", "maxLength": 100},
                    "contact": {"type": "string", "description": "A telephone number or an e-mail address"},
                    "district": {"type": ["string", "null"], "maxLength": 100},
                    "topic": {"type": ["string", "null"], "maxLength": 1000},
                    "consent": {"type": "boolean", "const": True},
                },
            }}}},
            "responses": {
                "201": {"description": "Stored", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["id", "status"],
                    "properties": {"id": {"type": "integer"}, "status": {"type": "string"}},
                }}}},
                "401": {"description": "Missing or wrong bearer token"},
                "409": {"description": "The Idempotency-Key was used with a different body"},
                "422": {"description": "Invalid input: a message per field"},
            },
        }
    }
}
