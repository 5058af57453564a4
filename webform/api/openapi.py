"""The OpenAPI document, assembled from the paths described in schemas.py."""

from __future__ import annotations

from typing import Any

from webform.api.schemas import OPENAPI_PATHS


def build_document() -> dict[str, Any]:
    paths: dict[str, Any] = dict(OPENAPI_PATHS)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kiezlotse form service", "version": "1.0.0"},
        "paths": paths,
        # The drafts and callbacks API: FORM_API_TOKEN (the chat) or STAFF_API_TOKEN (staff tools).
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
