"""The JSON API's views: health, programmes and matching, drafts, callback requests, the OpenAPI document.

Every path is described in schemas.py, next to which /api/openapi.json is built.
"""

from __future__ import annotations

from flask import current_app, jsonify, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from programmes import formatting
from programmes.catalogue import default_catalogue
from programmes.districts import normalise_district
from programmes.facts import programme_detail, programme_summary
from programmes.matching import match, outcome_of
from webform import repository
from webform.api import bp
from webform.api.callback_input import parse_callback
from webform.api.common import (
    DEFAULT_LIMIT,
    MAX_ID,
    MAX_LIMIT,
    MAX_OFFSET,
    body_language,
    error_language,
    idempotency_key,
    invalid,
    query_language,
)
from webform.api.draft_json import ENVELOPE, draft_as_json, edit_url, read_envelope
from webform.api.openapi import build_document
from webform.clock import today
from webform.draft_input import parse_draft_fields, programme_ids
from webform.extensions import db
from webform.models.drafts import DraftStatus
from webform.profile_input import parse_profile, requested_language
from webform.security import request_fingerprint, require_bearer


@bp.get("/health")
def health():  # type: ignore[no-untyped-def]
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check: database unavailable")
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")


@bp.get("/openapi.json")
def openapi_document():  # type: ignore[no-untyped-def]
    return jsonify(build_document())


# --- programmes and matching ------------------------------------------------------------------------------


@bp.get("/programmes")
def list_programmes():  # type: ignore[no-untyped-def]
    lang, error = query_language()
    if error or lang is None:
        return error
    day = today()
    return jsonify(
        programmes=[programme_summary(p, lang, day) for p in default_catalogue().ordered()],
        as_of=day.isoformat(),
        as_of_label=formatting.day(day, lang),
    )


@bp.get("/programmes/<programme_id>")
def show_programme(programme_id: str):  # type: ignore[no-untyped-def]
    lang, error = query_language()
    if error or lang is None:
        return error
    catalogue = default_catalogue()
    programme = catalogue.programme(programme_id)
    if programme is None:
        with force_locale(lang):
            return jsonify(error=_("There is no programme with this id.")), 404
    return jsonify(programme_detail(programme, catalogue, lang, today()))


@bp.post("/match")
def match_profile():  # type: ignore[no-untyped-def]
    payload = request.get_json(silent=True)
    browser_language = error_language()
    if not isinstance(payload, dict):
        with force_locale(browser_language):
            return invalid({"body": _("Send a JSON object with the profile.")})
    lang = requested_language(payload.get("lang"))
    with force_locale(lang or browser_language):
        if lang is None:
            return invalid({"lang": _("Required: the language of the answer, de or en.")})
        profile, errors = parse_profile(payload)
        if profile is None:
            return invalid(errors)
    day = today()
    results = match(profile, lang, day)
    return jsonify(
        results=[r.as_dict() for r in results],
        outcome=outcome_of(results, profile, lang),
        as_of=day.isoformat(),
        as_of_label=formatting.day(day, lang),
    )


# --- drafts -----------------------------------------------------------------------------------------------


def _created(draft_id: int, status: str, token: str):  # type: ignore[no-untyped-def]
    response = jsonify(id=draft_id, status=status, edit_url=edit_url(token))
    response.headers["Location"] = url_for("api.show_draft", draft_id=draft_id)
    return response, 201


@bp.post("/drafts")
@require_bearer("FORM_API_TOKEN")
def create_draft():  # type: ignore[no-untyped-def]
    payload = request.get_json(silent=True)
    language, error = body_language(payload, _l("Send a JSON object with the draft."))
    if error:
        return error
    with force_locale(language):
        key, errors = idempotency_key()
        conversation_id, match_result = read_envelope(payload, errors)
        values, field_errors = parse_draft_fields(payload, json_types=True, known_extra=ENVELOPE)
        errors.update(field_errors)
        if errors:
            return invalid(errors)
        fingerprint = request_fingerprint(payload)
        created = repository.create_draft(values, language, conversation_id, match_result, key, fingerprint)
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
    language = error_language()
    with force_locale(language):
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
        if len(args.get("conversation_id") or "") > 200:
            errors["conversation_id"] = _("Send the conversation id as text of at most 200 characters.")
        if errors:
            return invalid(errors)
    filters = repository.DraftFilters(
        programme=programme,
        status=status,
        district=normalise_district(district) if district else None,
        conversation_id=args.get("conversation_id") or None,
    )
    drafts = repository.list_drafts(filters, limit=int(limit), offset=int(offset))
    total = repository.count_drafts(filters)
    return jsonify(drafts=[draft_as_json(d, language) for d in drafts], total=total)


@bp.get("/drafts/<int:draft_id>")
@require_bearer("STAFF_API_TOKEN")
def show_draft(draft_id: int):  # type: ignore[no-untyped-def]
    draft = repository.get_draft(draft_id) if draft_id <= MAX_ID else None
    if draft is None:
        with force_locale(error_language()):
            return jsonify(error=_("There is no draft with this id.")), 404
    return jsonify(draft_as_json(draft, error_language()))


# --- callback requests ------------------------------------------------------------------------------------


@bp.post("/callbacks")
@require_bearer("FORM_API_TOKEN")
def create_callback():  # type: ignore[no-untyped-def]
    payload = request.get_json(silent=True)
    language, error = body_language(payload, _l("Send a JSON object with the callback request."))
    if error:
        return error
    with force_locale(language):
        key, errors = idempotency_key()
        values, field_errors = parse_callback(payload)
        errors.update(field_errors)
        if errors:
            return invalid(errors)
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
