"""The OpenAPI document, assembled from the paths each API module declares next to its routes."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from webform.api import bp


def build_document() -> dict[str, Any]:
    from webform.api import callbacks, drafts, health, programmes

    paths: dict[str, Any] = {}
    for module in (health, programmes, drafts, callbacks):
        paths.update(module.OPENAPI_PATHS)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kiezlotse form service", "version": "1.0.0"},
        "paths": paths,
        # The drafts and callbacks API: FORM_API_TOKEN (the chat) or STAFF_API_TOKEN (staff tools).
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }


@bp.get("/openapi.json")
def openapi_document():  # type: ignore[no-untyped-def]
    return jsonify(build_document())
