"""The drafts list as CSV, in two variants a spreadsheet program opens correctly:

- German ("de", for German Excel and LibreOffice): `;` between cells, decimal comma (18000,50), dates
  as 01.03.2027 and times in Berlin time as 22.11.2026 10:15;
- English ("en"): `,` between cells, decimal point (18000.50), ISO dates and UTC times.
Both start with a byte order mark, so umlauts are read as UTF-8, and neutralise cells that a spreadsheet
would run as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal
from zoneinfo import ZoneInfo

from programmes.answers import FIELD_NAMES
from webform.models.drafts import Draft

VARIANTS = ("de", "en")
COLUMNS = ("id", "status", "language", "conversation_id", *FIELD_NAMES, "submitted_at", "created_at",
           "updated_at")
DELIMITERS = {"de": ";", "en": ","}
BERLIN = ZoneInfo("Europe/Berlin")
# A cell starting with one of these is a formula in spreadsheet programs: quote it so it stays text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: object, variant: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Decimal):
        text = f"{value:.2f}"
        return text.replace(".", ",") if variant == "de" else text
    if isinstance(value, dt.datetime):
        if variant == "de":
            return value.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M")
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y") if variant == "de" else value.isoformat()
    return str(value)


def cell(value: object, variant: str) -> str:
    """One value as the variant writes it, with a leading ' where it would start a formula."""
    text = _text(value, variant)
    return "'" + text if text.startswith(_FORMULA_START) else text


def drafts_csv(drafts: Iterable[Draft], variant: str) -> str:
    """The CSV document (with its byte order mark) of `drafts` in the variant "de" or "en"."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITERS[variant])
    writer.writerow(COLUMNS)
    writer.writerows([cell(getattr(d, column), variant) for column in COLUMNS] for d in drafts)
    return "\ufeff" + out.getvalue()
