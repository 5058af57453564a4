"""What the maintainer pages' filters and forms send. A value that is not valid gets a message and is
not applied; it never fails the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from programmes.personal_data import MASKS, mask
from webform.inbox.entities import (
    ANNOTATION_CHARACTERS,
    MAX_VALUE,
    Span,
    SpanProblem,
    find_part,
    occurrences,
)
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


@dataclass
class EntityForm:
    """The entity a maintainer marks: what was sent (`chosen`, shown again), the span found for it, and
    the errors by input id."""

    chosen: dict[str, str]
    span: Span | None = None
    errors: dict[str, str] = field(default_factory=dict)


def _span_problem(problem: SpanProblem, count: int) -> tuple[str, str]:
    """The input the problem belongs to, and the message."""
    if problem is SpanProblem.EMPTY:
        return "entity-part", _("Enter the part of the message that is the entity.")
    if problem is SpanProblem.NOT_FOUND:
        return "entity-part", _("Enter a part of the message exactly as it stands in the message.")
    if problem is SpanProblem.NO_SUCH_OCCURRENCE:
        return "entity-occurrence", _(
            "This part stands %(count)s times in the message: enter a number from 1 to %(count)s.",
            count=count)
    if problem is SpanProblem.CUTS_MASK:
        return "entity-part", _("A masked part such as [e-mail] can only be marked as a whole.")
    if problem is SpanProblem.OVERLAPS:
        return "entity-part", _("This part overlaps an entity already marked. Remove that entity first.")
    return "entity-part", _("The part must not contain brackets: [ ] { } ( ).")


def _without_masks(text: str) -> str:
    for placeholder in MASKS:
        text = text.replace(placeholder, "")
    return text


def read_entity_form(form: MultiDict[str, str], entity_types: tuple[str, ...], text: str,
                     taken: Sequence[Span]) -> EntityForm:
    """The part of the masked `text` to mark (its first appearance, or the one numbered by
    `occurrence`), its entity type and its value, checked against the entities already marked."""
    sent = EntityForm({name: form.get(name, "").strip()[:MAX_VALUE + 1]
                       for name in ("part", "occurrence", "entity", "value")})
    chosen, errors = sent.chosen, sent.errors
    if chosen["entity"] not in entity_types:
        errors["entity-type"] = _("Choose one of the entity types offered.")
    occurrence = 1
    if chosen["occurrence"]:
        if chosen["occurrence"].isdigit() and len(chosen["occurrence"]) < 4:
            occurrence = int(chosen["occurrence"])
        else:
            errors["entity-occurrence"] = _("Enter a whole number, such as 2.")
    value = mask(chosen["value"]) if chosen["value"] else None
    if value is not None and len(value) > MAX_VALUE:
        errors["entity-value"] = _("Enter a value of at most %(limit)s characters.", limit=MAX_VALUE)
    elif value is not None and ANNOTATION_CHARACTERS & set(_without_masks(value)):
        errors["entity-value"] = _("The value must not contain brackets: [ ] { } ( ).")
    if "entity-occurrence" not in errors:
        found, problem = find_part(text, chosen["part"], occurrence, taken)
        if problem is not None:
            field_id, message = _span_problem(problem, occurrences(text, chosen["part"]))
            errors[field_id] = message
        elif found is not None and not errors:
            part = text[found.start:found.end]
            sent.span = Span(found.start, found.end, chosen["entity"], value if value != part else None)
    return sent
