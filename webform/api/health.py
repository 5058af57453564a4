"""Liveness and readiness: the service answers and its database answers."""

from __future__ import annotations

from flask import current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from webform.api import bp
from webform.extensions import db

OPENAPI_PATHS = {
    "/api/health": {
        "get": {
            "summary": "Health and database check",
            "responses": {
                "200": {"description": "Service and database answer"},
                "503": {"description": "The database does not answer"},
            },
        }
    }
}


@bp.get("/health")
def health():  # type: ignore[no-untyped-def]
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check: database unavailable")
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")
