"""The words people see for draft fields, statuses and choices, shared by the applicant and staff pages."""

from __future__ import annotations

from typing import Any

from flask_babel import format_currency, format_date, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from programmes.catalogue import default_catalogue
from programmes.messages import label
from webform.i18n import current_language
from webform.models.drafts import DRAFT_FIELDS, DraftStatus

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
assert sorted(f for _s, fields in SECTIONS for f in fields) == sorted(DRAFT_FIELDS)

FIELD_LABELS = {
    "programme": _l("Funding programme"),
    "lsi_type": _l("LSI project type"),
    "organisation_name": _l("Name of your organisation"),
    "organisation_type": _l("Type of organisation"),
    "legal_form": _l("Legal form"),
    "contact_name": _l("Contact person"),
    "contact_email": _l("E-mail address"),
    "contact_phone": _l("Telephone number (optional)"),
    "district": _l("Berlin district"),
    "city": _l("City (outside Berlin)"),
    "municipality": _l("Municipality (optional)"),
    "area": _l("Neighbourhood or funding area (optional)"),
    "project_title": _l("Project title"),
    "project_summary": _l("What the project will do"),
    "target_groups": _l("Who the project is for"),
    "participants": _l("Number of participants (optional)"),
    "start_date": _l("Planned start"),
    "duration_months": _l("Duration in months"),
    "total_budget_eur": _l("Total budget in euros"),
    "requested_amount_eur": _l("Amount requested in euros"),
}

FIELD_HINTS = {
    "lsi_type": _l("A: micro-project, B: development project, C: model project. Only for LSI."),
    "legal_form": _l("For example e.V., gGmbH, GmbH or sole trader."),
    "contact_email": _l("We only use it to contact you about this application."),
    "district": _l("For example Neukölln or Friedrichshain-Kreuzberg."),
    "city": _l("Only if the project is not in Berlin, for example Gelsenkirchen."),
    "project_summary": _l("A few sentences: what you will do, with whom, and what should change."),
    "start_date": _l("For example 2027-03-01."),
    "total_budget_eur": _l("All costs of the project, for example 45000."),
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


def status_label(status: str) -> str:
    try:
        return str(STATUS_LABELS[DraftStatus(status)])
    except ValueError:
        return status


def programme_name(programme_id: str | None) -> str:
    programme = default_catalogue().programme(programme_id) if programme_id else None
    return programme.name.get(current_language()) if programme else (programme_id or "")


def programme_short_name(programme_id: str | None) -> str:
    programme = default_catalogue().programme(programme_id) if programme_id else None
    return programme.short_name if programme else (programme_id or "")


def choice_label(value: str) -> str:
    return label(value, current_language())


def display_value(name: str, value: Any) -> str:
    """A stored answer as the reader's locale writes it; empty answers read "Not provided"."""
    if value is None or value == "" or value == []:
        return _("Not provided")
    if name == "programme":
        return programme_name(value)
    if name == "organisation_type":
        return choice_label(value)
    if name == "lsi_type":
        lsi = default_catalogue().programme("lsi")
        variant = next((v for v in lsi.variants if v.id == value), None) if lsi else None
        return f"{value}: {variant.name.get(current_language())}" if variant else str(value)
    if name == "target_groups":
        return ", ".join(choice_label(v) for v in value)
    if name in ("total_budget_eur", "requested_amount_eur"):
        return format_currency(value, "EUR")
    if name == "start_date":
        return format_date(value, "long")
    if name == "duration_months":
        return _("%(num)s months", num=value) if value != 1 else _("1 month")
    return str(value)


def register(app: Any) -> None:
    app.jinja_env.globals.update(
        field_label=lambda name: str(FIELD_LABELS.get(name, name)),
        field_hint=lambda name: str(FIELD_HINTS.get(name, "")),
        status_label=status_label,
        event_label=lambda action: str(EVENT_LABELS.get(action, action)),
        display_value=display_value,
        programme_name=programme_name,
        programme_short_name=programme_short_name,
        choice_label=choice_label,
        format_date=format_date,
        format_datetime=format_datetime,
    )
