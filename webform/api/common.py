"""Helpers every JSON API view shares: the language of error messages, the Idempotency-Key header,
the language query parameter, and JSON error answers."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from flask_babel import force_locale
from flask_babel import gettext as _

from programmes.vocabulary import LANGUAGES

MAX_KEY_LENGTH = 200
DEFAULT_LIMIT, MAX_LIMIT = 100, 500  # drafts per page of GET /api/drafts
# Draft ids and offsets are 32-bit integers: a larger one names no draft (and would overflow the column).
MAX_ID = MAX_OFFSET = 2**31 - 1


def error_language() -> str:
    """The language for errors before the body names one: the client's Accept-Language, else German."""
    return request.accept_languages.best_match(LANGUAGES) or "de"


def idempotency_key() -> tuple[str | None, dict[str, str]]:
    """The Idempotency-Key header (None when not sent) and an error when it is unusable."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None, {}
    if not key.strip() or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        return None, {"Idempotency-Key": _("Send a key of 1 to 200 printable characters.")}
    return key, {}


def invalid(errors: dict[str, str]) -> tuple[Response, int]:
    """422 with a message per field: {"errors": {field: message}}."""
    return jsonify(errors=errors), 422


def body_language(payload: Any, what: Any) -> tuple[str | None, tuple[Response, int] | None]:
    """The answer language a JSON body names in "language" (de or en), or the 422 to answer instead.

    `what` is the message for a body that is not a JSON object, a lazy text so it is translated into the
    error language ("Send a JSON object with the draft.").
    """
    language = payload.get("language") if isinstance(payload, dict) else None
    if isinstance(payload, dict) and language in LANGUAGES:
        return language, None
    with force_locale(error_language()):
        if not isinstance(payload, dict):
            return None, invalid({"body": str(what)})
        return None, invalid({"language": _("Required: the language of the answer, de or en.")})


def query_language() -> tuple[str | None, tuple[Response, int] | None]:
    """The ?lang= of a GET (default de), or the 422 to answer for another value."""
    lang = request.args.get("lang", "de")
    if lang not in LANGUAGES:
        with force_locale("en"):
            return None, invalid({"lang": _("Choose one of: %(values)s.", values="de, en")})
    return lang, None
