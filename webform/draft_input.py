"""Reads draft answers from JSON (the API, strict JSON types) or a web form (text as people write it).

One reader for both, built on the shared answer rules (programmes.answers: the field list, the readers,
the limits), so the chat, the API and the applicant form hold a draft to the same rules. Every field is
optional here (the bot may send an incomplete draft); `missing_for_submission` names what a complete
application for its programme still needs. Messages come from webform.draft_messages in the active locale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from programmes import answers, formatting
from programmes.answers import FIELDS_BY_NAME, DraftField, FieldError
from programmes.catalogue import default_catalogue
from programmes.vocabulary import APPLICANT_TYPES, TARGET_GROUPS
from webform import clock
from webform.draft_checks import all_variant_ids, draft_problems
from webform.draft_messages import messages
from webform.i18n import current_language

# What to say when a complete application still lacks an answer.
REQUIRED_MESSAGES = {
    "programme": _l("Choose the funding programme."),
    "lsi_type": _l("Choose the project type."),
    "project_summary": _l("Describe what the project will do."),
    "organisation_name": _l("Enter the name of your organisation."),
    "legal_form": _l("Enter the legal form of your organisation, for example e.V. or GmbH."),
    "organisation_type": _l("Choose the type of your organisation."),
    "contact_name": _l("Enter the name of the contact person."),
    "contact_email": _l("Enter an e-mail address."),
    "district": _l("Choose the Berlin district where the project takes place."),
    "city": _l("Enter the city where the project takes place."),
    "municipality": _l("Enter the municipality that applies."),
    "area": _l("Enter the neighbourhood or funding area of the project."),
    "project_title": _l("Enter the project title."),
    "target_groups": _l("Choose at least one group the project is for."),
    "start_date": _l("Enter the planned start date."),
    "duration_months": _l("Enter the duration in months."),
    "total_budget_eur": _l("Enter the total budget of the project."),
    "requested_amount_eur": _l("Enter the amount you request."),
}


CENT = Decimal("0.01")


def programme_ids() -> tuple[str, ...]:
    """Every programme of the catalogue, current ones first."""
    return tuple(p.id for p in default_catalogue().ordered())


def _empty(value: Any, json_types: bool) -> bool:
    return value is None or (not json_types and isinstance(value, str) and value.strip() == "")


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError("not_text")
    return value


def _choice(name: str, value: Any) -> str:
    allowed = {
        "programme": programme_ids(), "lsi_type": all_variant_ids(), "organisation_type": APPLICANT_TYPES
    }
    choice = value.strip().upper() if name == "lsi_type" and isinstance(value, str) else value
    if not isinstance(choice, str) or choice not in allowed[name]:
        raise FieldError("choose_one", values=", ".join(allowed[name]))
    return choice


def _text(name: str, value: Any) -> str:
    text = _string(value)
    try:
        if name == "project_summary":
            return answers.read_summary(text)
        if name == "legal_form":
            return answers.read_legal_form(text)
        if name == "city":
            return answers.read_city(text)
        return answers.read_text(text, name)
    except FieldError as error:
        if error.key == "text_too_long":
            error.values["length"] = len(text.strip())
        raise


def _groups(value: Any, json_types: bool) -> list[str] | None:
    if isinstance(value, str) and not json_types:
        value = [value]  # a single ticked checkbox
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError("give_list", values=", ".join(TARGET_GROUPS))
    unknown = [v for v in value if v not in TARGET_GROUPS]
    if unknown:
        raise FieldError("unknown_values", unknown=", ".join(unknown), values=", ".join(TARGET_GROUPS))
    return list(dict.fromkeys(value)) or None


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _count(value: Any, json_types: bool) -> int:
    if not json_types:
        return answers.read_participants(_string(value))
    number = _whole_number(value)
    if number is None or not 1 <= number <= answers.MAX_PARTICIPANTS:
        raise FieldError("invalid_participants")
    return number


def _months(value: Any, json_types: bool) -> int:
    if not json_types:
        return answers.read_months(_string(value))
    number = _whole_number(value)
    if number is None or not 1 <= number <= answers.MAX_MONTHS:
        raise FieldError("invalid_duration")
    return number


def _date(value: Any, json_types: bool, lang: str) -> dt.date:
    example_day = formatting.example_start(clock.today())
    if json_types:
        try:
            return dt.date.fromisoformat(_string(value).strip())
        except ValueError as error:
            raise FieldError("iso_date", example=example_day.isoformat()) from error
    try:
        return answers.read_date(_string(value), lang)
    except FieldError as error:
        # As the page's locale writes a date by hand, and in words: "01.03.2027 or 1. März 2027".
        error.values["example"] = date_examples(example_day, lang)
        raise


def date_examples(day: dt.date, lang: str) -> str:
    """A date as one may type it on a page in `lang`: "01.03.2027 oder 1. März 2027"."""
    return _("%(short)s or %(long)s", short=form_date(day, lang), long=formatting.day(day, lang))


def form_date(day: dt.date, lang: str) -> str:
    """A date as a form field shows it: 01.03.2027 on a German page, 2027-03-01 (unambiguous) in English."""
    return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()


def _money(value: Any, json_types: bool, lang: str) -> Decimal:
    if json_types and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise FieldError("invalid_amount", example=formatting.money(15000, lang))
    if not json_types:
        value = _string(value)
    if value < 0 if not isinstance(value, str) else value.strip().startswith("-"):
        raise FieldError("negative_amount")
    return answers.read_amount(value, lang).quantize(CENT)  # stored with cents, as the column holds it


def read_field(field: DraftField, value: Any, json_types: bool, lang: str) -> Any:
    """One answer read by its kind; raises FieldError."""
    kind = field.kind
    if kind == "choice":
        return _choice(field.name, value)
    if kind == "text":
        return _text(field.name, value)
    if kind == "email":
        return answers.read_email(_string(value))
    if kind == "phone":
        return answers.read_phone(_string(value))
    if kind == "district":
        return answers.read_district(_string(value))
    if kind == "groups":
        return _groups(value, json_types)
    if kind == "count":
        return _count(value, json_types)
    if kind == "months":
        return _months(value, json_types)
    if kind == "date":
        return _date(value, json_types, lang)
    if kind == "money":
        return _money(value, json_types, lang)
    raise KeyError(kind)


def parse_draft_fields(
    data: Mapping[str, Any], json_types: bool, known_extra: tuple[str, ...] = ()
) -> tuple[dict[str, Any], dict[str, str]]:
    """The present fields, read and normalised, and a message per field that cannot be used.

    With json_types (the API) unknown fields are errors; `known_extra` names the envelope fields
    (language, conversation_id, match) the caller reads itself. Answers that break the programme's limits
    or contradict each other (webform.draft_checks) are refused here too, so none is stored silently.
    """
    lang = current_language()
    errors: dict[str, FieldError] = {}
    values: dict[str, Any] = {}
    if json_types:
        for name in data:
            if name not in FIELDS_BY_NAME and name not in known_extra:
                errors[name] = FieldError("unknown_field")
    for name, field in FIELDS_BY_NAME.items():
        if name not in data:
            continue
        raw = data[name]
        try:
            values[name] = None if _empty(raw, json_types) else read_field(field, raw, json_types, lang)
        except FieldError as error:
            errors[name] = error
            values[name] = None
    for name, problem in draft_problems(values, lang, clock.today()).items():
        errors.setdefault(name, problem)
    return {k: v for k, v in values.items() if k not in errors}, messages(errors)


def draft_warnings(values: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with stored answers, for a visible warning (rules or the catalogue may have changed)."""
    return messages(draft_problems(values, current_language(), clock.today()))


def missing_for_submission(values: Mapping[str, Any]) -> dict[str, str]:
    """A message per answer a complete application for its programme still needs (programmes.answers)."""
    required = answers.required_fields(values.get("programme"), district=values.get("district"))
    # 0 euros or no target group is as good as no answer for an application.
    return {name: str(REQUIRED_MESSAGES[name]) for name in required if not values.get(name)}


def problems_for_submission(values: Mapping[str, Any]) -> dict[str, str]:
    """Everything that stops a submission: missing answers first, then answers that break the rules."""
    problems = missing_for_submission(values)
    for name, text in draft_warnings(values).items():
        problems.setdefault(name, text)
    return problems

