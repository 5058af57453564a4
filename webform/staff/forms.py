"""What the staff pages' forms send: list filters, a status change with its reason, a note.

Over-long text is refused with the limit and shown again as typed, never cut.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from programmes.districts import official_names
from webform import repository
from webform.draft_input import programme_ids
from webform.draft_labels import programme_name, status_label
from webform.models.drafts import DraftStatus

MAX_NOTE = 5000  # characters of a note or a status reason
FILTER_FIELDS = ("programme", "status", "district", "language", "from", "to", "q")


def parse_day(text: str | None) -> dt.date | None:
    """A day from a date field (YYYY-MM-DD); None when empty or not a date."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def filters_from(args: MultiDict[str, str]) -> tuple[repository.DraftFilters, dict[str, str]]:
    """The list filters from the query; values that are not valid choices are ignored, not an error."""
    chosen = {name: args.get(name, "").strip() for name in FILTER_FIELDS}
    filters = repository.DraftFilters(
        programme=chosen["programme"] if chosen["programme"] in programme_ids() else None,
        status=chosen["status"] if chosen["status"] in list(DraftStatus) else None,
        district=chosen["district"] if chosen["district"] in official_names() else None,
        language=chosen["language"] if chosen["language"] in ("de", "en") else None,
        created_from=parse_day(chosen["from"]),
        created_to=parse_day(chosen["to"]),
        search=chosen["q"][:200] or None,
    )
    return filters, chosen


def filter_options() -> dict[str, list[tuple[str, str]]]:
    return {
        "programme": [(p, programme_name(p)) for p in programme_ids()],
        "status": [(s.value, status_label(s)) for s in DraftStatus],
        "district": [(d, d) for d in official_names()],
        "language": [("de", "Deutsch"), ("en", "English")],
    }


def _too_long(text: str) -> str | None:
    if len(text) <= MAX_NOTE:
        return None
    return _("Enter at most %(limit)s characters. You entered %(length)s.", limit=MAX_NOTE, length=len(text))


def read_version(form: MultiDict[str, str]) -> int | None:
    """The draft version the page showed (a hidden field), or None when missing or not a number."""
    version = form.get("version", "")
    return int(version) if version.isdigit() else None


@dataclass
class StatusForm:
    """A status change as sent: the status chosen, the reason typed, the version the page showed.
    `errors` is keyed by the id of the input each message belongs to."""

    target: str
    reason: str
    version: int | None
    errors: dict[str, str] = field(default_factory=dict)


def read_status_form(form: MultiDict[str, str]) -> StatusForm:
    reason = form.get("note", "").strip()
    sent = StatusForm(form.get("status", ""), reason, read_version(form))
    if (problem := _too_long(reason)) is not None:
        sent.errors["status-note"] = problem
    if sent.version is None:
        sent.errors["status"] = _("This page is out of date. Choose the status again.")
    return sent


def read_note(form: MultiDict[str, str]) -> tuple[str, dict[str, str]]:
    """The note as typed (trimmed) and, keyed by the input id, what is wrong with it."""
    note = form.get("note", "").strip()
    if not note:
        return note, {"note": _("Enter a note.")}
    if (problem := _too_long(note)) is not None:
        return note, {"note": problem}
    return note, {}
