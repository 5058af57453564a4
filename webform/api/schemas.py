"""The OpenAPI description of every JSON API path (served at /api/openapi.json by openapi.py).

The draft fields' schemas are derived from the shared draft field list (programmes.answers.DRAFT_FIELDS):
its kinds, length limits, and the choices from the catalogue and the vocabulary.
"""

from __future__ import annotations

from typing import Any

from programmes.amounts import MAX_AMOUNT
from programmes.answers import DRAFT_FIELDS, MAX_MONTHS, MAX_PARTICIPANTS, DraftField
from programmes.districts import official_names
from programmes.verdicts import VERDICTS
from programmes.vocabulary import ACTIVITIES, APPLICANT_TYPES, GOALS, LANGUAGES, STATES, TARGET_GROUPS
from webform.api.common import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, MAX_OFFSET
from webform.draft_checks import all_variant_ids
from webform.draft_input import programme_ids
from webform.models.drafts import DraftStatus
from webform.profile_input import PROFILE_FIELDS

HEALTH_PATHS = {
    "/api/health": {
        "get": {
            "summary": "Health and database check",
            "responses": {
                "200": {"description": "Service and database answer"},
                "503": {"description": "The database does not answer"},
            },
        }
    }
}


_PROFILE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["lang"],
    "properties": {
        # What parse_profile accepts: null (or "") means "not known" for every field but lang.
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
        "budget_eur": {"type": ["number", "null"], "minimum": 0, "maximum": int(MAX_AMOUNT),
                       "description": "The funding asked for, EUR"},
        "duration_months": {"type": ["integer", "null"], "minimum": 1, "maximum": 120},
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
assert set(_PROFILE_SCHEMA["properties"]) == set(PROFILE_FIELDS)

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
    "last_by_variant": {
        "type": "object",
        "description": "Per project type, its call that closed last: sentence, source, closing date",
        "additionalProperties": {
            "type": "object",
            "required": ["text", "source", "closes"],
            "properties": {"text": _TEXT, "source": _TEXT_OR_NULL, "closes": _DATE_OR_NULL},
        },
    },
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
        "next_round_known": {
            "type": "boolean", "description": "false when no call after the last one is known"
        },
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


def _ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


PROGRAMME_PATHS = {
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


_TEXT_OR_NULL = {"type": ["string", "null"]}


def _field_schema(field: DraftField) -> dict[str, Any]:
    """A draft field's JSON schema from its kind in the shared field list (every field may be null)."""
    enums = {"programme": list(programme_ids()), "lsi_type": list(all_variant_ids()),
             "organisation_type": list(APPLICANT_TYPES)}
    by_kind: dict[str, dict[str, Any]] = {
        "choice": {"type": ["string", "null"], "enum": [*enums.get(field.name, []), None]},
        "text": {"type": ["string", "null"], "maxLength": field.max_length},
        "email": {"type": ["string", "null"], "format": "email", "maxLength": field.max_length},
        "phone": {"type": ["string", "null"], "maxLength": field.max_length},
        "district": {"type": ["string", "null"],
                     "description": "A Berlin Bezirk (official name or Ortsteil)"},
        "groups": {"type": ["array", "null"], "items": {"type": "string", "enum": list(TARGET_GROUPS)}},
        "count": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_PARTICIPANTS},
        "date": {"type": ["string", "null"], "format": "date", "description": "After today"},
        "months": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_MONTHS,
                   "description": "Within the programme's limits for the project type"},
        "money": {"type": ["number", "null"], "exclusiveMinimum": 0, "maximum": float(MAX_AMOUNT),
                  "description": "EUR"},
    }
    schema = dict(by_kind[field.kind])
    if field.name == "requested_amount_eur":
        schema["description"] = (
            "EUR; at most total_budget_eur and the programme's limit for the project type"
        )
    return schema


_FIELD_SCHEMAS: dict[str, Any] = {field.name: _field_schema(field) for field in DRAFT_FIELDS}
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
        "version": {"type": "integer", "description": "Rises with every change of answers or status"},
        "language": {"type": "string"},
        "conversation_id": _TEXT_OR_NULL,
        "match": {"type": ["object", "array", "null"]},
        **_FIELD_SCHEMAS,
        "warnings": {
            "type": "object", "additionalProperties": {"type": "string"},
            "description": "A message per answer that breaks the programme's limits or contradicts another "
                           "(e.g. after the catalogue changed), in the Accept-Language",
        },
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

DRAFT_PATHS = {
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


CALLBACK_PATHS = {
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


OPENAPI_PATHS: dict[str, Any] = {**HEALTH_PATHS, **PROGRAMME_PATHS, **DRAFT_PATHS, **CALLBACK_PATHS}
