"""Drafts over JSON: the chat stores a draft (POST /api/drafts), staff tools read them (GET)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from flask import current_app, jsonify, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from programmes.districts import normalise_district, official_names
from programmes.vocabulary import APPLICANT_TYPES, LANGUAGES, TARGET_GROUPS
from webform import repository
from webform.api import bp
from webform.draft_input import LSI_TYPES, TEXT_LIMITS, parse_draft_fields, programme_ids
from webform.models.drafts import DRAFT_FIELDS, Draft, DraftStatus
from webform.security import request_fingerprint, require_bearer

ENVELOPE = ("language", "conversation_id", "match")
MAX_KEY_LENGTH = 200
MAX_MATCH_BYTES = 200_000
DEFAULT_LIMIT, MAX_LIMIT = 100, 500
MAX_ID = MAX_OFFSET = 2**31 - 1


def error_language() -> str:
    return request.accept_languages.best_match(LANGUAGES) or "de"


def idempotency_key() -> tuple[str | None, dict[str, str]]:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None, {}
    if not key.strip() or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        return None, {"Idempotency-Key": _("Send a key of 1 to 200 printable characters.")}
    return key, {}


def read_envelope(payload: dict[str, Any], errors: dict[str, str]) -> tuple[str | None, Any]:
    conversation_id = payload.get("conversation_id")
    if not isinstance(conversation_id, str) or not conversation_id.strip() or len(conversation_id) > 200:
        errors["conversation_id"] = _("Send the conversation id as text of at most 200 characters.")
        conversation_id = None
    match = payload.get("match")
    if match is not None and (
        not isinstance(match, (dict, list)) or len(json.dumps(match)) > MAX_MATCH_BYTES
    ):
        errors["match"] = _("Send the matching result as a JSON object.")
        match = None
    return conversation_id, match


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def draft_as_json(draft: Draft) -> dict[str, Any]:
    fields = draft.fields()
    fields["start_date"] = draft.start_date.isoformat() if draft.start_date else None
    fields["total_budget_eur"] = _number(draft.total_budget_eur)
    fields["requested_amount_eur"] = _number(draft.requested_amount_eur)
    return {
        "id": draft.id,
        "status": draft.status,
        "language": draft.language,
        "conversation_id": draft.conversation_id,
        "match": draft.match,
        **fields,
        "submitted_at": draft.submitted_at.isoformat() if draft.submitted_at else None,
        "created_at": draft.created_at.isoformat(),
        "updated_at": draft.updated_at.isoformat(),
    }


def edit_url(token: str) -> str:
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + url_for("applicant.edit", token=token)


def _created(draft_id: int, status: str, token: str):  # type: ignore[no-untyped-def]
    response = jsonify(id=draft_id, status=status, edit_url=edit_url(token))
    response.headers["Location"] = url_for("api.show_draft", draft_id=draft_id)
    return response, 201


@bp.post("/drafts")
@require_bearer("FORM_API_TOKEN")
def create_draft():  # type: ignore[no-untyped-def]
    payload = request.get_json(silent=True)
    language = payload.get("language") if isinstance(payload, dict) else None
    if not isinstance(payload, dict) or language not in LANGUAGES:
        with force_locale(error_language()):
            if not isinstance(payload, dict):
                return jsonify(errors={"body": _("Send a JSON object with the draft.")}), 422
            return jsonify(errors={"language": _("Required: the language of the answer, de or en.")}), 422
    with force_locale(language):
        key, errors = idempotency_key()
        conversation_id, match = read_envelope(payload, errors)
        values, field_errors = parse_draft_fields(payload, json_types=True, known_extra=ENVELOPE)
        errors.update(field_errors)
        if errors:
            return jsonify(errors=errors), 422
        fingerprint = request_fingerprint(payload)
        created = repository.create_draft(values, language, conversation_id, match, key, fingerprint)
        if created is None:  # this Idempotency-Key is stored already
            return _replay(key or "", fingerprint)
        return _created(created.id, created.status, created.token)


def _replay(key: str, fingerprint: str):  # type: ignore[no-untyped-def]
    existing = repository.draft_by_idempotency_key(key)
    assert existing is not None
    if existing.request_fingerprint != fingerprint:
        return jsonify(errors={"Idempotency-Key": _("This key was already used for a different draft.")}), 409
    # Only the hash of the first link is stored, so a repeated request gets a fresh, working link.
    draft_id, status = existing.id, existing.status
    return _created(draft_id, status, repository.renew_link(existing, repository.CHAT))


@bp.get("/drafts")
@require_bearer("STAFF_API_TOKEN")
def list_drafts():  # type: ignore[no-untyped-def]
    args = request.args
    errors: dict[str, str] = {}
    with force_locale(error_language()):
        status = args.get("status") or None
        if status and status not in list(DraftStatus):
            errors["status"] = _("Choose one of: %(values)s.", values=", ".join(DraftStatus))
        programme = args.get("programme") or None
        if programme and programme not in programme_ids():
            errors["programme"] = _("Choose one of: %(values)s.", values=", ".join(programme_ids()))
        district = args.get("district") or None
        if district and normalise_district(district) is None:
            errors["district"] = _("Enter one of the 12 Berlin districts.")
        limit, offset = args.get("limit", str(DEFAULT_LIMIT)), args.get("offset", "0")
        if not limit.isdigit() or not 1 <= int(limit) <= MAX_LIMIT:
            errors["limit"] = _("Enter a whole number from 1 to %(max)s.", max=MAX_LIMIT)
        if not offset.isdigit() or int(offset) > MAX_OFFSET:
            errors["offset"] = _("Enter a whole number of at least 0.")
        if errors:
            return jsonify(errors=errors), 422
    if len(args.get("conversation_id") or "") > 200:
        with force_locale(error_language()):
            message = _("Send the conversation id as text of at most 200 characters.")
            return jsonify(errors={"conversation_id": message}), 422
    filters = repository.DraftFilters(
        programme=programme,
        status=status,
        district=normalise_district(district) if district else None,
        conversation_id=args.get("conversation_id") or None,
    )
    drafts = repository.list_drafts(filters, limit=int(limit), offset=int(offset))
    return jsonify(drafts=[draft_as_json(d) for d in drafts], total=repository.count_drafts(filters))


@bp.get("/drafts/<int:draft_id>")
@require_bearer("STAFF_API_TOKEN")
def show_draft(draft_id: int):  # type: ignore[no-untyped-def]
    # Ids are 32-bit integers: a larger one names no draft (and would overflow the database's column).
    draft = repository.get_draft(draft_id) if draft_id <= MAX_ID else None
    if draft is None:
        with force_locale(error_language()):
            return jsonify(error=_("There is no draft with this id.")), 404
    return jsonify(draft_as_json(draft))


# --- OpenAPI --------------------------------------------------------------------------------------------

_TEXT_OR_NULL = {"type": ["string", "null"]}
_FIELD_SCHEMAS: dict[str, Any] = {
    **{name: {"type": ["string", "null"], "maxLength": limit} for name, limit in TEXT_LIMITS.items()},
    "programme": {"type": ["string", "null"], "enum": [*programme_ids(), None]},
    "lsi_type": {"type": ["string", "null"], "enum": [*LSI_TYPES, None]},
    "organisation_type": {"type": ["string", "null"], "enum": [*APPLICANT_TYPES, None]},
    "contact_email": {"type": ["string", "null"], "format": "email"},
    "contact_phone": _TEXT_OR_NULL,
    "district": {"type": ["string", "null"], "description": "A Berlin Bezirk (official name or Ortsteil)"},
    "target_groups": {"type": ["array", "null"], "items": {"type": "string", "enum": list(TARGET_GROUPS)}},
    "participants": {"type": ["integer", "null"], "minimum": 0},
    "start_date": {"type": ["string", "null"], "format": "date"},
    "duration_months": {"type": ["integer", "null"], "minimum": 1, "maximum": 120},
    "total_budget_eur": {"type": ["number", "null"], "minimum": 0},
    "requested_amount_eur": {"type": ["number", "null"], "minimum": 0,
                             "description": "At most total_budget_eur"},
}
assert set(_FIELD_SCHEMAS) == set(DRAFT_FIELDS)
_DRAFT_IN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["language", "conversation_id"],
    "properties": {
        "language": {"type": "string", "enum": list(LANGUAGES)},
        "conversation_id": {"type": "string", "maxLength": 200},
        "match": {"type": ["object", "null"], "description": "The answer of POST /api/match"},
        **_FIELD_SCHEMAS,
    },
}
_DRAFT_OUT = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "status": {"type": "string", "enum": list(DraftStatus)},
        "language": {"type": "string"},
        "conversation_id": _TEXT_OR_NULL,
        "match": {"type": ["object", "array", "null"]},
        **_FIELD_SCHEMAS,
        "submitted_at": {"type": ["string", "null"], "format": "date-time"},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
    },
}
_ERRORS = {
    "description": "Invalid input: a message per field, in the draft's language",
    "content": {"application/json": {"schema": {
        "type": "object",
        "properties": {"errors": {"type": "object", "additionalProperties": {"type": "string"}}},
    }}},
}
_UNAUTHORISED = {"description": "Missing or wrong bearer token"}
_KEY_HEADER = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": "The same key with the same body stores once and answers with the same id",
}

OPENAPI_PATHS = {
    "/api/drafts": {
        "post": {
            "summary": "Store a draft from the chat (FORM_API_TOKEN); every draft field is optional",
            "security": [{"bearer": []}],
            "parameters": [_KEY_HEADER],
            "requestBody": {"required": True, "content": {"application/json": {"schema": _DRAFT_IN}}},
            "responses": {
                "201": {"description": "Stored", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["id", "status", "edit_url"],
                    "properties": {"id": {"type": "integer"}, "status": {"type": "string"},
                                   "edit_url": {"type": "string", "format": "uri"}},
                }}}},
                "401": _UNAUTHORISED,
                "409": {"description": "The Idempotency-Key was used with a different body"},
                "422": _ERRORS,
            },
        },
        "get": {
            "summary": "Drafts, newest first (STAFF_API_TOKEN)",
            "security": [{"bearer": []}],
            "parameters": [
                # An empty filter is no filter.
                {"name": "programme", "in": "query",
                 "schema": {"type": "string", "enum": [*programme_ids(), ""]}},
                {"name": "status", "in": "query", "schema": {"type": "string", "enum": [*DraftStatus, ""]}},
                {"name": "district", "in": "query",
                 "schema": {"type": "string", "enum": [*official_names(), ""],
                            "description": "Also an Ortsteil or alias"}},
                {"name": "conversation_id", "in": "query", "schema": {"type": "string", "maxLength": 200}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "default": DEFAULT_LIMIT,
                                                            "minimum": 1, "maximum": MAX_LIMIT}},
                {"name": "offset", "in": "query", "schema": {"type": "integer", "default": 0, "minimum": 0,
                                                             "maximum": MAX_OFFSET}},
            ],
            "responses": {
                "200": {"description": "The drafts", "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"drafts": {"type": "array", "items": _DRAFT_OUT},
                                   "total": {"type": "integer"}},
                }}}},
                "401": _UNAUTHORISED,
                "422": _ERRORS,
            },
        },
    },
    "/api/drafts/{id}": {
        "get": {
            "summary": "One draft (STAFF_API_TOKEN)",
            "security": [{"bearer": []}],
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID}}],
            "responses": {
                "200": {"description": "The draft", "content": {"application/json": {"schema": _DRAFT_OUT}}},
                "401": _UNAUTHORISED,
                "404": {"description": "Unknown id"},
            },
        }
    },
}
