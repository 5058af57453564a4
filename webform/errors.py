"""Error pages and JSON errors: translated, and never showing internals.

A database that does not answer (stopped, restarting, unreachable) is a 503 with Retry-After, not a 500:
the request is rolled back whole, so nothing is half-stored, and the caller may simply send it again.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _message(code: int) -> str:
    messages = {
        400: _("The request could not be understood. Please go back and try again."),
        401: _("You need to sign in or send a valid token."),
        403: _("You are not allowed to do this."),
        404: _("Page not found. If you typed the web address, check it is correct."),
        405: _("This action is not possible here."),
        413: _("What you sent is too large."),
        422: _("Some of what you sent is not valid."),
        429: _("Too many requests. Please wait a moment and try again."),
        500: _("Sorry, there is a problem with the service. Please try again later."),
        503: _("The service is not available right now. Please try again later."),
    }
    return messages.get(code, messages[500])


def _specific_message(code: int) -> str:
    if code == 429 and request.endpoint == "staff.login" and request.method == "POST":
        return _("Too many failed sign-ins. For your safety, sign-in is paused for 15 minutes.")
    return _message(code)


def _render(code: int):  # type: ignore[no-untyped-def]
    message = _specific_message(code)
    if _wants_json():
        return jsonify(error=message), code
    try:
        return render_template("error.html", code=code, message=message), code
    except Exception:  # the error page itself must never fail: fall back to plain text
        current_app.logger.exception("error page failed to render")
        return Response(_message(code), status=code, mimetype="text/plain")


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # type: ignore[no-untyped-def]
        if _wants_json():
            return jsonify(error=_message(400)), 400
        message = _(
            "Your form expired or was sent from elsewhere. Please go back, reload the page and try again."
        )
        return render_template("error.html", code=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        body, code = _render(error.code or 500)
        response = app.make_response((body, code))
        # Keep what the error says about the request: Allow for 405, WWW-Authenticate, Retry-After.
        for name in ("Allow", "WWW-Authenticate", "Retry-After"):
            value = error.get_response().headers.get(name)
            if value:
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):  # type: ignore[no-untyped-def]
        if isinstance(error, HTTPException):
            return _render(error.code or 500)
        if _database_unavailable(error):
            from webform.extensions import db

            db.session.rollback()
            app.logger.warning("database unavailable: %s", error.__class__.__name__)
            response, code = _render(ServiceUnavailable.code)
            response = app.make_response((response, code))
            response.headers["Retry-After"] = str(app.config.get("DATABASE_RETRY_AFTER", 30))
            return response
        app.logger.exception("unhandled error", exc_info=error)
        return _render(InternalServerError.code)


def _database_unavailable(error: Exception) -> bool:
    """The database cannot be reached or dropped the connection (not a bug in a query)."""
    return isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and bool(error.connection_invalidated)
    )
