"""The JSON API: health, programmes and matching, drafts. Described at /api/openapi.json."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from webform.api import callbacks, drafts, health, openapi, programmes  # noqa: E402,F401  (routes register on import)
