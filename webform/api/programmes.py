"""Programme catalogue and matching over JSON: /api/programmes, /api/programmes/<id>, /api/match."""

from __future__ import annotations

import datetime as dt

from flask import current_app, jsonify, request
from flask_babel import force_locale
from flask_babel import gettext as _

from programmes.catalogue import default_catalogue
from programmes.facts import programme_detail, programme_summary
from programmes.matching import match
from programmes.vocabulary import APPLICANT_TYPES, GOALS, STATES, TARGET_GROUPS
from webform.api import bp
from webform.profile_input import (
    MAX_BUDGET_EUR,
    MAX_DURATION_MONTHS,
    PROFILE_FIELDS,
    parse_profile,
    requested_language,
)


def today() -> dt.date:
    """The date availability is computed against: configurable so tests and demos are stable."""
    pinned = current_app.config.get("TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def _lang_from_query() -> tuple[str | None, object | None]:
    lang = request.args.get("lang", "de")
    if requested_language(lang) is None:
        with force_locale("en"):
            return None, (jsonify(errors={"lang": _("Choose one of: %(values)s.", values="de, en")}), 422)
    return lang, None


@bp.get("/programmes")
def list_programmes():  # type: ignore[no-untyped-def]
    lang, error = _lang_from_query()
    if error:
        return error
    catalogue = default_catalogue()
    day = today()
    return jsonify(
        programmes=[programme_summary(p, lang, day) for p in catalogue.ordered()],
        as_of=day.isoformat(),
    )


@bp.get("/programmes/<programme_id>")
def show_programme(programme_id: str):  # type: ignore[no-untyped-def]
    lang, error = _lang_from_query()
    if error:
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
    browser_language = request.accept_languages.best_match(["de", "en"]) or "de"
    if not isinstance(payload, dict):
        with force_locale(browser_language):
            return jsonify(errors={"body": _("Send a JSON object with the profile.")}), 422
    lang = requested_language(payload.get("lang"))
    with force_locale(lang or browser_language):
        if lang is None:
            message = _("Required: the language of the answer, de or en.")
            return jsonify(errors={"lang": message}), 422
        profile, errors = parse_profile(payload)
        if profile is None:
            return jsonify(errors=errors), 422
    results = match(profile, lang, today())
    return jsonify(results=[r.as_dict() for r in results], as_of=today().isoformat())


_PROFILE_SCHEMA = {
    # What parse_profile accepts: null (or "") means "not known" for every field but lang.
    "type": "object",
    "additionalProperties": False,
    "required": ["lang"],
    "properties": {
        "lang": {"type": "string", "enum": ["de", "en"]},
        "applicant_type": {"enum": [*APPLICANT_TYPES, "", None]},
        "state": {"enum": [*sorted(STATES), "", None],
                  "description": "ISO 3166-2:DE code without prefix, e.g. BE, NW"},
        "city": {"type": ["string", "null"], "maxLength": 100},
        "district": {"type": ["string", "null"], "maxLength": 100,
                     "description": "A Berlin Bezirk (official name, Ortsteil or alias); only with state BE"},
        "in_disadvantaged_area": {"type": ["boolean", "null"]},
        "goals": {"type": ["array", "null"], "items": {"type": "string", "enum": list(GOALS)}},
        "target_groups": {"type": ["array", "null"],
                          "items": {"type": "string", "enum": list(TARGET_GROUPS)}},
        "budget_eur": {"type": ["number", "null"], "minimum": 0, "maximum": int(MAX_BUDGET_EUR)},
        "duration_months": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_DURATION_MONTHS},
    },
}
assert set(_PROFILE_SCHEMA["properties"]) == set(PROFILE_FIELDS)  # type: ignore[arg-type]

_LANG_PARAM = {
    "name": "lang",
    "in": "query",
    "schema": {"type": "string", "enum": ["de", "en"], "default": "de"},
}
_ERRORS = {
    "description": "Invalid input: a message per field",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"errors": {"type": "object", "additionalProperties": {"type": "string"}}},
            }
        }
    },
}

_TEXT = {"type": "string"}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}
_STATUS = {"type": "string", "enum": ["open_call", "no_open_call", "closed"]}
_CALL = {
    "type": ["object", "null"],
    "required": ["variant", "label", "opens", "closes", "source", "period"],
    "properties": {
        "variant": _TEXT_OR_NULL, "label": _TEXT, "opens": _DATE_OR_NULL, "closes": _DATE_OR_NULL,
        "source": _TEXT_OR_NULL, "period": _TEXT_OR_NULL,
    },
}
_AVAILABILITY_PROPERTIES = {
    "status": _STATUS, "label": _TEXT, "text": _TEXT,
    "open_calls": {"type": "array", "items": _CALL}, "next_call": _CALL, "last_call": _CALL,
    "as_of": {"type": "string", "format": "date"}, "source": _TEXT_OR_NULL, "period": _TEXT_OR_NULL,
}
_AVAILABILITY = {
    "type": "object",
    "description": "Whether one can apply now, computed from the call windows against the service's date",
    "required": list(_AVAILABILITY_PROPERTIES),
    "properties": _AVAILABILITY_PROPERTIES,
}
_SUMMARY_PROPERTIES = {
    "id": _TEXT,
    "short_name": {"type": "string", "description": "e.g. LSI, BIWAQ"},
    "name": _TEXT,
    "summary": _TEXT,
    "lifecycle": _TEXT,
    "status": _STATUS,
    "status_label": _TEXT,
    "successor": _TEXT_OR_NULL,
}
_SUMMARY = {"type": "object", "required": list(_SUMMARY_PROPERTIES), "properties": _SUMMARY_PROPERTIES}
_SOURCE = {
    "type": "object",
    "required": ["url", "period"],
    "properties": {"url": _TEXT_OR_NULL, "period": _TEXT_OR_NULL},
}
_FACT = {
    "type": "object",
    "description": "One fact; an unknown fact has value null and a hint whom to ask",
    "required": ["key", "label", "value", "known", "source", "period", "sources", "unknown_hint"],
    "properties": {
        "key": _TEXT, "label": _TEXT, "value": _TEXT_OR_NULL, "known": {"type": "boolean"},
        "source": _TEXT_OR_NULL, "period": _TEXT_OR_NULL, "sources": {"type": "array", "items": _SOURCE},
        "unknown_hint": _TEXT_OR_NULL,
    },
}
_DETAIL = {
    "type": "object",
    "required": [*_SUMMARY_PROPERTIES, "availability", "facts", "aliases"],
    "properties": {
        **_SUMMARY_PROPERTIES,
        "availability": _AVAILABILITY,
        "facts": {"type": "array", "items": _FACT},
        "aliases": {"type": "array", "items": _TEXT},
    },
}
_NEXT_STEP = {
    "type": "object",
    "description": "Whom to contact: kind district_office (Berlin), contact, successor or none",
    "required": ["kind", "text"],
    "properties": {
        "kind": {"type": "string", "enum": ["district_office", "contact", "successor", "none"]},
        "text": _TEXT, "name": _TEXT_OR_NULL, "email": _TEXT_OR_NULL, "url": _TEXT_OR_NULL,
        "source": _TEXT_OR_NULL, "period": _TEXT_OR_NULL, "district": _TEXT_OR_NULL, "programme": _TEXT,
        "contacts": {"type": "array", "items": {"type": "object", "required": ["name", "email", "url"]}},
    },
}
_RESULT = {
    "type": "object",
    "required": ["programme", "eligibility", "score", "reasons", "missing", "availability", "successor",
                 "next_step", "fitting_variants"],
    "properties": {
        "programme": _TEXT,
        "eligibility": {"type": "string", "enum": ["eligible", "possible", "not_eligible"]},
        "score": {"type": "integer", "minimum": 0, "maximum": 100},
        "reasons": {"type": "array", "items": _TEXT},
        "missing": {
            "type": "array",
            "description": "Questions whose answers could change the result",
            "items": {"type": "object", "required": ["key", "question"],
                      "properties": {"key": _TEXT, "question": _TEXT}},
        },
        "availability": _AVAILABILITY,
        "successor": _TEXT_OR_NULL,
        "next_step": _NEXT_STEP,
        "fitting_variants": {"type": "array", "items": _TEXT, "description": "e.g. LSI types A, B, C"},
    },
}


def _ok(description: str, schema: dict[str, object]) -> dict[str, object]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


OPENAPI_PATHS = {
    "/api/programmes": {
        "get": {
            "summary": "All programmes with their current status",
            "parameters": [_LANG_PARAM],
            "responses": {
                "200": _ok("The programmes", {
                    "type": "object", "required": ["programmes", "as_of"],
                    "properties": {"programmes": {"type": "array", "items": _SUMMARY},
                                   "as_of": {"type": "string", "format": "date"}},
                }),
                "422": _ERRORS,
            },
        }
    },
    "/api/programmes/{id}": {
        "get": {
            "summary": "One programme with every fact, its source and period",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                _LANG_PARAM,
            ],
            "responses": {
                "200": _ok("The programme", _DETAIL),
                "404": {"description": "Unknown id"},
                "422": _ERRORS,
            },
        }
    },
    "/api/match": {
        "post": {
            "summary": "Rank the programmes for an applicant profile, with reasons",
            "requestBody": {"required": True, "content": {"application/json": {"schema": _PROFILE_SCHEMA}}},
            "responses": {
                "200": _ok("The programmes ranked best first", {
                    "type": "object", "required": ["results", "as_of"],
                    "properties": {"results": {"type": "array", "items": _RESULT},
                                   "as_of": {"type": "string", "format": "date"}},
                }),
                "422": _ERRORS,
            },
        }
    },
}
