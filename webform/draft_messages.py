"""The form service's words for the shared answer rules' problems (programmes.errors.FieldError keys).

The chat words the same keys its own way (actions/draft/messages.yml); here they follow the GOV.UK pattern
("Enter …", "Choose …") and are translated with Flask-Babel in the active locale. Values that are amounts
or dates arrive already formatted for the language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from programmes import rules
from programmes.errors import FieldError
from programmes.messages import label
from webform.i18n import current_language


def _subject(values: dict[str, Any]) -> str:
    """Whom a programme limit applies to: "LSI projects of type B (development projects)"."""
    programme = rules.programme(values.get("programme"))
    if programme is None:
        return _("Projects of this programme")
    variant = values.get("variant")
    name = rules.variant_name(programme.id, variant, current_language()) if variant else None
    if name:
        return _("%(programme)s projects of type %(variant)s (%(name)s)", programme=programme.short_name,
                 variant=values["variant"], name=name)
    return _("%(programme)s projects", programme=programme.short_name)


def _another_type(values: dict[str, Any]) -> str:
    return _(" Or choose another project type.") if values.get("variant") else ""


_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "unknown_field": lambda v: _("Unknown field."),
    "not_text": lambda v: _("Enter text."),
    "invalid_text": lambda v: _("Enter at least 2 characters."),
    "text_too_long": lambda v: _(
        "Enter at most %(limit)s characters. You entered %(length)s.", limit=v["limit"], length=v["length"]
    ),
    "summary_too_short": lambda v: _(
        "Describe the project in at least %(words)s words: what you will do, with whom, and what should "
        "change.", words=v["words"]
    ),
    "invalid_email": lambda v: _("Enter an e-mail address in the correct format, like name@example.org."),
    "invalid_phone": lambda v: _("Enter a telephone number, like 030 1234567 or +49 30 1234567."),
    "invalid_date": lambda v: _("Enter a real date, like %(example)s.", example=v["example"]),
    "iso_date": lambda v: _("Send the date as YYYY-MM-DD, like %(example)s.", example=v["example"]),
    "start_date_not_future": lambda v: _(
        "The project must start after today (%(today)s). Enter a later date, like %(example)s.",
        today=v["today"], example=v["example"],
    ),
    "invalid_duration": lambda v: _("Enter a duration between 1 and 120 months."),
    "duration_above_limit": lambda v: ngettext(
        "%(subject)s can run for at most %(num)s month. Enter a shorter duration.",
        "%(subject)s can run for at most %(num)s months. Enter a shorter duration.",
        v["max_months"], subject=_subject(v),
    ) + _another_type(v),
    "duration_below_limit": lambda v: ngettext(
        "%(subject)s run for at least %(num)s month. Enter a longer duration.",
        "%(subject)s run for at least %(num)s months. Enter a longer duration.",
        v["min_months"], subject=_subject(v),
    ) + _another_type(v),
    "requested_above_limit": lambda v: _(
        "%(subject)s can receive at most %(limit)s. Enter a lower amount.", subject=_subject(v),
        limit=v["limit"],
    ) + _another_type(v),
    "requested_below_minimum": lambda v: _(
        "%(subject)s receive at least %(minimum)s. Enter a higher amount.", subject=_subject(v),
        minimum=v["minimum"],
    ),
    "requested_above_total": lambda v: _(
        "The amount requested cannot be more than the total budget (%(total)s).", total=v["total"]
    ),
    "invalid_amount": lambda v: _("Enter an amount in euros, like %(example)s.", example=v["example"]),
    "negative_amount": lambda v: _("The amount cannot be negative."),
    "amount_ambiguous": lambda v: _(
        "Did you mean %(as_euros)s or %(as_cents)s? Enter the amount without a leading zero.",
        as_euros=v["as_euros"], as_cents=v["as_cents"],
    ),
    "invalid_participants": lambda v: _("Enter the number of participants as a whole number, like 20."),
    "invalid_district": lambda v: _("Enter one of the 12 Berlin districts: %(names)s.", names=v["districts"]),
    "choose_one": lambda v: _("Choose one of: %(values)s.", values=v["values"]),
    "give_list": lambda v: _("Give a list of values from: %(values)s.", values=v["values"]),
    "unknown_values": lambda v: _(
        "Unknown value %(unknown)s. Choose from: %(values)s.", unknown=v["unknown"], values=v["values"]
    ),
    "variant_not_for_programme": lambda v: _(
        "Only %(programmes)s projects have a project type. Leave it empty for other programmes.",
        programmes=v["programmes"],
    ),
    "invalid_variant": lambda v: _("Choose the project type: %(variants)s.", variants=v["variants"]),
    "legal_form_contradicts_type": lambda v: _(
        "The legal form %(legal_form)s does not go with the type of organisation “%(type)s”. Check both.",
        legal_form=v["legal_form"], type=label(v["organisation_type"], current_language()),
    ),
}


def message(error: FieldError) -> str:
    """The sentence for one problem with an answer, in the active locale."""
    return _MESSAGES[error.key](error.values)


def messages(errors: dict[str, FieldError]) -> dict[str, str]:
    """A sentence per field, in the order of `errors`."""
    return {name: message(error) for name, error in errors.items()}
