"""Staff pages of the district alliance offices: login, drafts list, detail and review, callbacks, export."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.after_request
def _no_caching(response: Response) -> Response:
    # Staff pages show personal data: browsers and proxies must not keep copies.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def parse_day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


from webform.staff import auth, callbacks, dashboard, drafts, export  # noqa: E402,F401  (routes register on import)
