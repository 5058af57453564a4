"""The applicant's answer form: stored answers as the page's locale writes them, and what a browser sends.

Amounts appear as "18.000,50" on a German page and "18,000.50" on an English one, dates as "01.03.2027" or
"2027-03-01"; the shared readers read both conventions back, so switching the language never breaks a value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from werkzeug.datastructures import MultiDict

from programmes import formatting
from programmes.answers import FIELD_NAMES, FIELDS_BY_NAME
from programmes.districts import official_names
from programmes.vocabulary import APPLICANT_TYPES, TARGET_GROUPS
from webform.draft_checks import all_variant_ids
from webform.draft_input import form_date, programme_ids
from webform.draft_labels import choice_label, programme_name, variant_label
from webform.i18n import current_language
from webform.models.drafts import Draft

FORM_ID = "draft-form"
# How each kind of answer (programmes.answers.DraftField.kind) is asked on the page.
INPUTS: dict[str, dict[str, str]] = {
    "choice": {"widget": "select"},
    "district": {"widget": "select"},
    "groups": {"widget": "checkboxes"},
    "email": {"widget": "input", "type": "email"},
    "phone": {"widget": "input", "type": "tel"},
    "count": {"widget": "input", "inputmode": "numeric"},
    "months": {"widget": "input", "inputmode": "numeric"},
    "money": {"widget": "input", "inputmode": "decimal"},
    "date": {"widget": "input"},
    "text": {"widget": "input"},
}
LONG_TEXT = 1000  # characters from which a text answer gets a text area
AUTOCOMPLETE = {"organisation_name": "organization", "contact_name": "name", "contact_email": "email",
                "contact_phone": "tel"}


def field_input(name: str) -> dict[str, str]:
    """How the form asks one field: widget (input, select, checkboxes, textarea), type, inputmode, …"""
    field = FIELDS_BY_NAME[name]
    spec = dict(INPUTS[field.kind])
    if field.kind == "text" and (field.max_length or 0) >= LONG_TEXT:
        spec["widget"] = "textarea"
    if name in AUTOCOMPLETE:
        spec["autocomplete"] = AUTOCOMPLETE[name]
    return spec


def form_amount(amount: Decimal, lang: str) -> str:
    """An amount for an input field: grouped as the locale writes it, cents only when there are any."""
    pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    return format_decimal(amount, format=pattern, locale=formatting.locale(lang))


def form_text(draft: Draft) -> dict[str, Any]:
    """The stored answers as the form shows them in the page's language."""
    lang = current_language()
    values: dict[str, Any] = {}
    for name, value in draft.fields().items():
        kind = FIELDS_BY_NAME[name].kind
        if name == "target_groups":
            values[name] = list(value or [])
        elif value is None:
            values[name] = ""
        elif kind == "money":
            values[name] = form_amount(value, lang)
        elif kind == "date":
            values[name] = form_date(value, lang)
        else:
            values[name] = str(value)
    return values


def posted(form: MultiDict[str, str]) -> dict[str, Any]:
    """The answers as the browser sent them (text, and a list for the target-group boxes)."""
    return {
        name: form.getlist(name) if name == "target_groups" else form.get(name, "") for name in FIELD_NAMES
    }


def read_version(form: MultiDict[str, str]) -> int | None:
    version = form.get("version", "")
    return int(version) if version.isdigit() else None


def options() -> dict[str, list[tuple[str, str]]]:
    """(value, text) pairs for the choice questions, in the reader's language; types from the catalogue."""
    return {
        "programme": [(p, programme_name(p)) for p in programme_ids()],
        "lsi_type": [(t, variant_label(None, t)) for t in all_variant_ids()],
        "organisation_type": [(t, choice_label(t)) for t in APPLICANT_TYPES],
        "target_groups": [(g, choice_label(g)) for g in TARGET_GROUPS],
        "district": [(d, d) for d in official_names()],
    }
