"""Error pages and JSON errors: translated, and never showing internals."""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError


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


def _render(code: int):  # type: ignore[no-untyped-def]
    if _wants_json():
        return jsonify(error=_message(code)), code
    try:
        return render_template("error.html", code=code, message=_message(code)), code
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
        return _render(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):  # type: ignore[no-untyped-def]
        if isinstance(error, HTTPException):
            return _render(error.code or 500)
        app.logger.exception("unhandled error", exc_info=error)
        return _render(InternalServerError.code)
