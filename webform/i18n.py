"""Locale choice: the user's explicit choice first, then the browser's Accept-Language."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import get_locale

LANG_PARAM = "lang"


def select_locale() -> str:
    supported: tuple[str, ...] = current_app.config["LANGUAGES"]
    chosen = request.args.get(LANG_PARAM)
    if chosen in supported:
        # Remember an explicit choice for the following pages of this visit.
        session["lang"] = chosen
        return chosen
    remembered = session.get("lang")
    if remembered in supported:
        return remembered
    return request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else current_app.config["BABEL_DEFAULT_LOCALE"]


def register(app: Flask) -> None:
    app.jinja_env.globals["current_language"] = current_language
