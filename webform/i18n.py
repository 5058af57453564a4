"""Locale choice: the user's explicit choice first, then the browser's Accept-Language.

A language ("de", "en") is formatted with the same Babel locale as the chat (programmes.formatting:
de_DE, en_GB), so dates and money read alike in the conversation and on the pages.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, current_app, request, session
from flask_babel import get_locale

from programmes import formatting

LANG_PARAM = "lang"


def chosen_language() -> str:
    """The page language: chosen with ?lang= (and remembered for the visit), or the browser's."""
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


def select_locale() -> str:
    return formatting.locale(chosen_language())


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else current_app.config["BABEL_DEFAULT_LOCALE"]


def language_url(lang: str) -> str:
    """This page in another language, with its query kept (filters, finder answers): ?…&lang=en."""
    args = request.args.to_dict(flat=False)
    args[LANG_PARAM] = [lang]
    return request.path + "?" + urlencode(args, doseq=True)


def register(app: Flask) -> None:
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["language_url"] = language_url
