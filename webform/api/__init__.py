"""The JSON API: health, programmes and matching, drafts, callback requests; described at /api/openapi.json.

routes.py holds the views, common.py the helpers they share, schemas.py the OpenAPI description,
draft_json.py and callback_input.py the shapes of drafts and callback requests. This module only creates
the blueprint.
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")
