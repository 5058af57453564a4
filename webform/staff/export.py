"""CSV export of the drafts list, with the same filters as the page."""

from __future__ import annotations

import csv
import io

from flask import Response, request

from webform import repository
from webform.models.drafts import DRAFT_FIELDS, Draft
from webform.security import staff_login_required
from webform.staff import bp
from webform.staff.drafts import filters_from

COLUMNS = ("id", "status", "language", "conversation_id", *DRAFT_FIELDS, "submitted_at", "created_at",
           "updated_at")
# A cell starting with one of these is a formula in spreadsheet programs: quote it so it stays text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(draft: Draft) -> list[str]:
    return [_cell(getattr(draft, column)) for column in COLUMNS]


@bp.get("/export.csv")
@staff_login_required
def export_csv() -> Response:
    filters, _chosen = filters_from(request.args)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(_row(d) for d in repository.list_drafts(filters))
    # A byte order mark, so spreadsheet programs read the umlauts as UTF-8.
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=kiezlotse-drafts.csv"},
    )
