"""The OpenAPI document, assembled from the paths described in schemas.py.

Answers every operation can give for reasons outside the operation itself are added here from the app:
429 where webform/ratelimits.py limits the endpoint, 413 for a body over MAX_CONTENT_LENGTH, 503 where
the operation needs the database (webform/errors.py). Methods a path does not declare answer 405 with
an Allow header.
"""

from __future__ import annotations

import copy
from typing import Any

from flask import current_app

from webform.api.schemas import OPENAPI_PATHS

# Operations that read or write the database (503 with Retry-After when it is away).
USES_DATABASE = ("/api/drafts", "/api/callbacks", "/api/health")

_ERROR = {"application/json": {"schema": {"type": "object", "properties": {"error": {"type": "string"}}}}}


def _limited_operations() -> set[tuple[str, str]]:
    """(OpenAPI path, method) of every endpoint with a rate limit."""
    from webform.ratelimits import RULES, _rules_for

    limited = set()
    for rule in current_app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or not _rules_for(rule.endpoint):
            continue
        path = rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
        path = path.replace("{draft_id}", "{id}").replace("{programme_id}", "{id}")
        for limit in RULES.get(rule.endpoint, []):
            for method in limit.methods or tuple(rule.methods or ()):
                limited.add((path, method.lower()))
    return limited


def _with_common_answers(paths: dict[str, Any]) -> dict[str, Any]:
    paths = copy.deepcopy(paths)
    limited = _limited_operations()
    for path, operations in paths.items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if (path, method) in limited:
                responses.setdefault("429", {
                    "description": "Too many requests; Retry-After says how many seconds to wait",
                    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                    "content": _ERROR,
                })
            if "requestBody" in operation:
                too_large = {"description": "The body is larger than 1 MB", "content": _ERROR}
                responses.setdefault("413", too_large)
            if path.startswith(USES_DATABASE):
                responses.setdefault("503", {
                    "description": "The database is not available; nothing was stored, send the "
                                   "request again after Retry-After seconds",
                    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                })
    return paths


def build_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kiezlotse form service", "version": "1.0.0"},
        "paths": _with_common_answers(dict(OPENAPI_PATHS)),
        # The drafts and callbacks API: FORM_API_TOKEN (the chat) or STAFF_API_TOKEN (staff tools).
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
