"""The date the form service counts from: today, or the date pinned in the configuration (TODAY)."""

from __future__ import annotations

import datetime as dt

from flask import current_app


def today() -> dt.date:
    """Today in the service's configuration: tests and demos pin it (KIEZLOTSE_TODAY) to stay stable."""
    pinned = current_app.config.get("TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()
