"""The words people see for draft fields, statuses, choices and history, on the applicant and staff pages.

The fields are the shared draft fields (programmes.answers); a test checks that every one has a label and
a place in SECTIONS. Money and dates are written by the one formatting module (programmes.formatting).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import Flask
from flask_babel import format_date, format_datetime, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from programmes import formatting, rules
from programmes.catalogue import default_catalogue
from programmes.messages import label
from webform.draft_checks import variant_programme
from webform.i18n import current_language
from webform.models.drafts import DraftStatus

# The order of the questions on the form and on the check page, grouped as the page shows them.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("programme", ("programme", "lsi_type")),
    ("organisation", ("organisation_name", "organisation_type", "legal_form")),
    ("contact", ("contact_name", "contact_email", "contact_phone")),
    ("place", ("district", "city", "municipality", "area")),
    ("project", ("project_title", "project_summary", "target_groups", "participants", "start_date",
                 "duration_months")),
    ("money", ("total_budget_eur", "requested_amount_eur")),
)

# The heading of each section on the applicant's form.
SECTION_TITLES = {
    "programme": _l("Programme"),
    "organisation": _l("Your organisation"),
    "contact": _l("Contact"),
    "place": _l("Where the project takes place"),
    "project": _l("The project"),
    "money": _l("Money"),
}

FIELD_LABELS = {
    "programme": _l("Funding programme"),
    "lsi_type": _l("Project type"),
    "organisation_name": _l("Name of your organisation"),
    "organisation_type": _l("Type of organisation"),
    "legal_form": _l("Legal form"),
    "contact_name": _l("Contact person"),
    "contact_email": _l("E-mail address"),
    "contact_phone": _l("Telephone number (optional)"),
    "district": _l("Berlin district"),
    "city": _l("City (outside Berlin)"),
    "municipality": _l("Municipality that applies"),
    "area": _l("Neighbourhood or funding area"),
    "project_title": _l("Project title"),
    "project_summary": _l("What the project will do"),
    "target_groups": _l("Who the project is for"),
    "participants": _l("Number of participants (optional)"),
    "start_date": _l("Planned start"),
    "duration_months": _l("Duration in months"),
    "total_budget_eur": _l("Total budget in euros"),
    "requested_amount_eur": _l("Amount requested in euros"),
}
# Shown in the history instead of the field name of a status change.
STATUS_FIELD_LABEL = _l("Status")

FIELD_HINTS = {
    "lsi_type": _l("Only for LSI: A micro-project, B development project, C model project."),
    "legal_form": _l("For example e.V., gGmbH, GmbH or sole trader."),
    "contact_email": _l("We only use it to contact you about this application."),
    "district": _l("For example Neukölln or Friedrichshain-Kreuzberg."),
    "city": _l("Only if the project is not in Berlin, for example Gelsenkirchen."),
    "municipality": _l("Only for BIWAQ, where the municipality applies, for example Stadt Gelsenkirchen."),
    "area": _l("Only for BIWAQ: the neighbourhood or funding area, for example Bismarck/Schalke-Nord."),
    "project_summary": _l("A few sentences: what you will do, with whom, and what should change."),
    "total_budget_eur": _l("All costs of the project, for example 45.000 or 45,000."),
    "requested_amount_eur": _l("How much funding you ask for. It cannot be more than the total budget."),
}

STATUS_LABELS = {
    DraftStatus.NEW: _l("Draft"),
    DraftStatus.IN_REVIEW: _l("In review"),
    DraftStatus.CHANGES_REQUESTED: _l("Changes requested"),
    DraftStatus.READY: _l("Ready to submit"),
    DraftStatus.ARCHIVED: _l("Archived"),
    DraftStatus.REJECTED: _l("Not taken forward"),
    DraftStatus.WITHDRAWN: _l("Withdrawn"),
}

EVENT_LABELS = {
    "created": _l("Draft created"),
    "updated": _l("Answers changed"),
    "status": _l("Status changed"),
    "note": _l("Note"),
    "link_renewed": _l("New link sent to the chat"),
}

ACTOR_LABELS = {
    "applicant": _l("Applicant"),
    "chat": _l("Chat assistant"),
    "system": _l("System"),
}
MONEY_FIELDS = ("total_budget_eur", "requested_amount_eur")
NOT_GIVEN = "–"


def status_label(status: str) -> str:
    try:
        return str(STATUS_LABELS[DraftStatus(status)])
    except ValueError:
        return status


def actor_label(actor: str) -> str:
    """Who did something, as the history shows it: "Antragsteller*in", or the staff member's user name."""
    if actor.startswith("staff:"):
        return actor.removeprefix("staff:")
    return str(ACTOR_LABELS.get(actor, actor))


def programme_name(programme_id: str | None) -> str:
    programme = default_catalogue().programme(programme_id) if programme_id else None
    return programme.name.get(current_language()) if programme else (programme_id or "")


def programme_short_name(programme_id: str | None) -> str:
    programme = default_catalogue().programme(programme_id) if programme_id else None
    return programme.short_name if programme else (programme_id or "")


def choice_label(value: str) -> str:
    return label(value, current_language())


def variant_label(programme_id: str | None, variant_id: str) -> str:
    """A project type with its name from the catalogue: "A: Mikroprojekte"."""
    if variant_id not in rules.variant_ids(programme_id):
        programme_id = variant_programme(variant_id)
    name = rules.variant_name(programme_id, variant_id, current_language())
    return f"{variant_id}: {name}" if name else variant_id


def money(amount: Decimal | int | float | str) -> str:
    return formatting.money(amount, current_language())


def day(value: dt.date) -> str:
    return formatting.day(value, current_language())


def display_value(name: str, value: Any, programme_id: str | None = None) -> str:
    """A stored answer as the reader's locale writes it; empty answers read "Not provided"."""
    if value is None or value == "" or value == []:
        return _("Not provided")
    if name == "programme":
        return programme_name(value)
    if name == "organisation_type":
        return choice_label(value)
    if name == "lsi_type":
        return variant_label(programme_id, value)
    if name == "target_groups":
        return ", ".join(choice_label(v) for v in value)
    if name in MONEY_FIELDS:
        return money(value)
    if name == "start_date":
        return day(value)
    if name == "duration_months":
        return ngettext("%(num)s month", "%(num)s months", value)
    return str(value)


def history_value(name: str, value: Any) -> str:
    """One side of a change in the history ("lsi", ["youth"], "40000.00", "2027-03-01", "in_review")
    as the page's language writes it ("LSI", "Jugendliche", "40.000 €", "1. März 2027", "In Prüfung")."""
    if value is None or value == "" or value == []:
        return NOT_GIVEN
    try:
        if name == "status":
            return status_label(value)
        if name == "programme":
            return programme_short_name(value)
        if name in MONEY_FIELDS:
            return money(Decimal(str(value)))
        if name == "start_date" and isinstance(value, str):
            return day(dt.date.fromisoformat(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return display_value(name, value)


def history_label(name: str) -> str:
    return str(STATUS_FIELD_LABEL) if name == "status" else str(FIELD_LABELS.get(name, name))


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        field_label=lambda name: str(FIELD_LABELS.get(name, name)),
        section_title=lambda name: str(SECTION_TITLES[name]),
        field_hint=lambda name: str(FIELD_HINTS.get(name, "")),
        status_label=status_label,
        event_label=lambda action: str(EVENT_LABELS.get(action, action)),
        actor_label=actor_label,
        display_value=display_value,
        history_value=history_value,
        history_label=history_label,
        programme_name=programme_name,
        programme_short_name=programme_short_name,
        choice_label=choice_label,
        format_day=day,
        format_date=format_date,
        format_datetime=format_datetime,
    )
