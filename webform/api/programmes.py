"""Programme catalogue and matching over JSON: /api/programmes, /api/programmes/<id>, /api/match."""

from __future__ import annotations

import datetime as dt

from flask import current_app, jsonify, request
from flask_babel import force_locale
from flask_babel import gettext as _

from programmes import formatting
from programmes.catalogue import default_catalogue
from programmes.facts import programme_detail, programme_summary
from programmes.matching import match, outcome_of
from programmes.verdicts import VERDICTS
from programmes.vocabulary import ACTIVITIES, APPLICANT_TYPES, GOALS, TARGET_GROUPS
from webform.api import bp
from webform.profile_input import PROFILE_FIELDS, parse_profile, requested_language


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
        as_of_label=formatting.day(day, lang),
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
    day = today()
    results = match(profile, lang, day)
    return jsonify(
        results=[r.as_dict() for r in results],
        outcome=outcome_of(results, profile, lang),
        as_of=day.isoformat(),
        as_of_label=formatting.day(day, lang),
    )


_PROFILE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["lang"],
    "properties": {
        "lang": {"type": "string", "enum": ["de", "en"]},
        "applicant_type": {"type": "string", "enum": list(APPLICANT_TYPES)},
        "state": {"type": "string", "description": "ISO 3166-2:DE code without prefix, e.g. BE, NW"},
        "city": {"type": "string", "maxLength": 100},
        "district": {"type": "string", "description": "A Berlin Bezirk (official name, Ortsteil or alias)"},
        "in_disadvantaged_area": {"type": ["boolean", "null"]},
        "goals": {"type": "array", "items": {"type": "string", "enum": list(GOALS)}},
        "target_groups": {"type": "array", "items": {"type": "string", "enum": list(TARGET_GROUPS)}},
        "budget_eur": {"type": "number", "minimum": 0, "description": "The funding asked for, EUR"},
        "duration_months": {"type": "integer", "minimum": 1, "maximum": 120},
        "activities": {
            "type": "array",
            "items": {"type": "string", "enum": list(ACTIVITIES)},
            "description": "What the project does, when known as keys",
        },
        "project_description": {
            "type": "string",
            "maxLength": 1000,
            "description": "What the project does in the applicant's words; the engine reads the activities",
        },
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
_PERIOD_TEXT = {
    "type": ["string", "null"],
    "description": "The period the fact refers to, in words of the answer's language (\"2021–2027\", "
    "\"BIWAQ VI, 1. Juli 2026 – 30. Sept. 2028\", \"ohne Datum\" for an undated source)",
}
_PERIOD_DATA = {
    "type": ["object", "null"],
    "description": "The same period for machines: ISO dates or years, the round's name",
    "required": ["name", "start", "end", "undated"],
    "properties": {"name": _TEXT_OR_NULL, "start": _TEXT_OR_NULL, "end": _TEXT_OR_NULL,
                   "undated": {"type": "boolean"}},
}
_CALL = {
    "type": ["object", "null"],
    "required": ["variant", "label", "opens", "closes", "opens_label", "closes_label", "source",
                 "opens_source", "period", "period_data", "project_period", "project_source"],
    "properties": {
        "variant": _TEXT_OR_NULL, "label": _TEXT, "opens": _DATE_OR_NULL, "closes": _DATE_OR_NULL,
        "opens_label": _TEXT_OR_NULL, "closes_label": _TEXT_OR_NULL, "source": _TEXT_OR_NULL,
        "opens_source": _TEXT_OR_NULL, "period": _PERIOD_TEXT, "period_data": _PERIOD_DATA,
        "project_period": _TEXT_OR_NULL, "project_source": _TEXT_OR_NULL,
    },
}
_AVAILABILITY_PROPERTIES = {
    "status": _STATUS, "label": _TEXT, "text": _TEXT,
    "open_calls": {"type": "array", "items": _CALL}, "next_call": _CALL, "last_call": _CALL,
    "as_of": {"type": "string", "format": "date"},
    "as_of_label": {"type": "string", "description": "as_of in words of the answer's language"},
    "source": _TEXT_OR_NULL, "period": _PERIOD_TEXT, "period_data": _PERIOD_DATA,
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
    "required": ["url", "period", "period_data"],
    "properties": {"url": _TEXT_OR_NULL, "period": _PERIOD_TEXT, "period_data": _PERIOD_DATA},
}
_FACT = {
    "type": "object",
    "description": "One fact; an unknown fact has value null and a hint whom to ask",
    "required": ["key", "label", "value", "known", "source", "period", "period_data", "sources",
                 "unknown_hint"],
    "properties": {
        "key": _TEXT, "label": _TEXT, "value": _TEXT_OR_NULL, "known": {"type": "boolean"},
        "source": _TEXT_OR_NULL, "period": _PERIOD_TEXT, "period_data": _PERIOD_DATA,
        "sources": {"type": "array", "items": _SOURCE}, "unknown_hint": _TEXT_OR_NULL,
    },
}
_LABELLED = {"type": "object", "required": ["key", "label"], "properties": {"key": _TEXT, "label": _TEXT}}
_PURPOSE = {
    "type": "object",
    "description": "What the programme funds and what lies outside its purpose (activity keys)",
    "required": ["funds", "excludes", "text", "not_funded", "source", "period", "period_data"],
    "properties": {
        "funds": {"type": "array", "items": _LABELLED}, "excludes": {"type": "array", "items": _LABELLED},
        "text": _TEXT_OR_NULL, "not_funded": _TEXT_OR_NULL, "source": _TEXT_OR_NULL,
        "period": _PERIOD_TEXT, "period_data": _PERIOD_DATA,
    },
}
_DETAIL = {
    "type": "object",
    "required": [*_SUMMARY_PROPERTIES, "availability", "facts", "aliases", "purpose"],
    "properties": {
        **_SUMMARY_PROPERTIES,
        "availability": _AVAILABILITY,
        "facts": {"type": "array", "items": _FACT},
        "aliases": {"type": "array", "items": _TEXT},
        "purpose": _PURPOSE,
    },
}
_NEXT_STEP = {
    "type": "object",
    "description": "Whom to contact: kind district_office (Berlin), contact, partner (take part in a "
    "programme someone else applies for), successor or none",
    "required": ["kind", "text"],
    "properties": {
        "kind": {"type": "string", "enum": ["district_office", "contact", "partner", "successor", "none"]},
        "text": _TEXT, "name": _TEXT_OR_NULL, "email": _TEXT_OR_NULL, "url": _TEXT_OR_NULL,
        "source": _TEXT_OR_NULL, "period": _PERIOD_TEXT, "district": _TEXT_OR_NULL, "programme": _TEXT,
        "contacts": {"type": "array", "items": {"type": "object", "required": ["name", "email", "url"]}},
    },
}
_VERDICT = {
    "type": "object",
    "description": "The headline of the result: apply_now only when the applicant fits and a call for "
    "their project type is open",
    "required": ["key", "can_apply_now", "call_open", "headline", "next_step", "text", "open_call",
                 "last_closed", "next_call"],
    "properties": {
        "key": {"type": "string", "enum": list(VERDICTS)},
        "can_apply_now": {"type": "boolean"}, "call_open": {"type": "boolean"},
        "headline": _TEXT, "next_step": _TEXT,
        "text": {"type": "string", "description": "headline and next step"},
        "open_call": _CALL, "last_closed": _CALL, "next_call": _CALL,
    },
}
_RESULT_PURPOSE = {
    "type": "object",
    "description": "Whether what the project does is what the programme funds",
    "required": ["status"],
    "properties": {
        "status": {"type": "string",
                   "enum": ["fits", "partly", "outside", "unknown", "unknown_purpose", "not_checked"]},
        "activities": {"type": "array", "items": _TEXT}, "funded": {"type": "array", "items": _TEXT},
        "not_funded": {"type": "array", "items": _TEXT}, "might_fit": {"type": "array", "items": _TEXT},
        "text": _TEXT_OR_NULL, "source": _TEXT_OR_NULL, "period": _PERIOD_TEXT,
    },
}
_RESULT = {
    "type": "object",
    "required": ["programme", "eligibility", "score", "reasons", "missing", "availability", "successor",
                 "next_step", "fitting_variants", "conditions", "blockers", "distance", "purpose", "verdict"],
    "properties": {
        "programme": _TEXT,
        "eligibility": {"type": "string", "enum": ["eligible", "possible", "not_eligible"]},
        "score": {"type": "integer", "minimum": 0, "maximum": 100},
        "reasons": {"type": "array", "items": _TEXT},
        "missing": {
            "type": "array",
            "description": "Questions whose answers could change the result",
            "items": {"type": "object", "required": ["key", "question", "label"],
                      "properties": {"key": _TEXT, "question": _TEXT, "label": _TEXT}},
        },
        "availability": _AVAILABILITY,
        "successor": _TEXT_OR_NULL,
        "next_step": _NEXT_STEP,
        "fitting_variants": {"type": "array", "items": _TEXT, "description": "e.g. LSI types A, B, C"},
        "conditions": {"type": "array", "items": _TEXT,
                       "description": "What a possible result still needs, e.g. a legal entity or a partner"},
        "blockers": {
            "type": "array",
            "description": "What rules the programme out; hard ones (region, applicant type, area, purpose, "
            "ended) weigh more than an exceeded limit",
            "items": {"type": "object", "required": ["key", "hard", "weight", "text"],
                      "properties": {"key": _TEXT, "hard": {"type": "boolean"}, "weight": {"type": "integer"},
                                     "text": _TEXT}},
        },
        "distance": {"type": "integer", "minimum": 0, "description": "How far from fitting; 0 when it fits"},
        "purpose": _RESULT_PURPOSE,
        "verdict": _VERDICT,
    },
}
_OUTCOME = {
    "type": "object",
    "description": "The answer as a whole: the best result's verdict or nothing_fits, and every next step",
    "required": ["key", "programme", "headline", "next_steps", "project_activities"],
    "properties": {
        "key": {"type": "string", "enum": [*VERDICTS, "nothing_fits"]},
        "programme": _TEXT_OR_NULL, "headline": _TEXT,
        "next_steps": {"type": "array", "items": _NEXT_STEP},
        "project_activities": {"type": "array", "items": _LABELLED},
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
                    "type": "object", "required": ["programmes", "as_of", "as_of_label"],
                    "properties": {"programmes": {"type": "array", "items": _SUMMARY},
                                   "as_of": {"type": "string", "format": "date"}, "as_of_label": _TEXT},
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
                    "type": "object", "required": ["results", "outcome", "as_of", "as_of_label"],
                    "properties": {"results": {"type": "array", "items": _RESULT}, "outcome": _OUTCOME,
                                   "as_of": {"type": "string", "format": "date"}, "as_of_label": _TEXT},
                }),
                "422": _ERRORS,
            },
        }
    },
}
