"""What the maintainer pages' filters and forms send. A value that is not valid gets a message and is
not applied; it never fails the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from webform.inbox.triage import Reason
from webform.models.labels import NOISE

LANGUAGES = ("de", "en")
FILTER_FIELDS = ("language", "intent", "reason", "from", "to")
MAX_LABELLED_AT_ONCE = 2000


@dataclass
class InboxFilters:
    """The filters applied; `chosen` is what was sent (shown again as typed); `errors` by input id.
    `start` and `end` are UTC days, both included."""

    language: str | None = None
    intent: str | None = None
    reason: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    chosen: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def query(self) -> dict[str, str]:
        """The valid filters as query parameters, for paging and links."""
        return {name: value for name, value in self.chosen.items()
                if value and f"f-{name}" not in self.errors}


def _day(filters: InboxFilters, name: str) -> dt.date | None:
    text = filters.chosen[name]
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        filters.errors[f"f-{name}"] = _("Enter a date like 2026-11-30.")
        return None


def read_filters(args: MultiDict[str, str], intents: tuple[str, ...]) -> InboxFilters:
    """The inbox filters from the query string."""
    filters = InboxFilters(chosen={name: args.get(name, "").strip()[:100] for name in FILTER_FIELDS})
    chosen = filters.chosen
    if chosen["language"] and chosen["language"] not in LANGUAGES:
        filters.errors["f-language"] = _("Choose German or English, or all languages.")
    elif chosen["language"]:
        filters.language = chosen["language"]
    if chosen["intent"] and chosen["intent"] not in intents:
        filters.errors["f-intent"] = _("Choose one of the intents offered.")
    elif chosen["intent"]:
        filters.intent = chosen["intent"]
    if chosen["reason"] and chosen["reason"] not in list(Reason):
        filters.errors["f-reason"] = _("Choose one of the reasons offered.")
    elif chosen["reason"]:
        filters.reason = chosen["reason"]
    filters.start, filters.end = _day(filters, "from"), _day(filters, "to")
    if filters.start and filters.end and filters.start > filters.end:
        filters.errors["f-to"] = _("The end date must be on or after the start date.")
        filters.end = None
    return filters


def read_page(args: MultiDict[str, str]) -> int:
    page = args.get("page", "")
    return max(1, int(page)) if page.isdigit() and len(page) < 7 else 1


@dataclass(frozen=True)
class LabelForm:
    intent: str
    event_ids: list[int]
    error: str | None


def read_label_form(form: MultiDict[str, str], intents: tuple[str, ...]) -> LabelForm:
    """The intent (a domain intent or "noise") and the messages (tracker event ids) to label."""
    intent = form.get("intent", "")
    event_ids = [int(v) for v in form.getlist("event") if v.isdigit() and len(v) < 19]
    if intent not in intents and intent != NOISE:
        return LabelForm(intent, event_ids, _("Choose the right intent, or noise."))
    if not event_ids:
        return LabelForm(intent, event_ids, _("Choose at least one message to label."))
    if len(event_ids) > MAX_LABELLED_AT_ONCE:
        return LabelForm(intent, event_ids, _("Label at most %(limit)s messages at once.",
                                              limit=MAX_LABELLED_AT_ONCE))
    return LabelForm(intent, event_ids, None)


def reason_labels() -> dict[str, str]:
    return {
        Reason.FALLBACK: _("Fell back"),
        Reason.UNSURE: _("Unsure"),
        Reason.REASKED: _("Asked again"),
        Reason.DISPUTED: _("Person said it was misunderstood"),
    }
