"""Turns an applicant profile from JSON (the API) or a form (the finder) into a matching Profile.

One validator for both, so the API and the finder page accept and reject the same answers. JSON must
use JSON types (numbers, booleans, arrays, as the OpenAPI schema says); a form sends only text, so there
"15.000", "yes" or a single checkbox value are read as people write them. Messages are translated with
Flask-Babel in the active locale.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from programmes import amounts, formatting
from programmes.amounts import MAX_AMOUNT
from programmes.answers import MAX_MONTHS
from programmes.districts import normalise_district, official_names
from programmes.errors import FieldError
from programmes.matching import Profile
from programmes.places import place_answer
from programmes.vocabulary import ACTIVITIES, APPLICANT_TYPES, GOALS, LANGUAGES, STATES, TARGET_GROUPS
from webform.draft_messages import message
from webform.i18n import current_language

PROFILE_FIELDS = (
    "applicant_type",
    "state",
    "city",
    "district",
    "in_disadvantaged_area",
    "goals",
    "target_groups",
    "budget_eur",
    "duration_months",
    "activities",
    "project_description",
    "lang",
)
MAX_DESCRIPTION_LENGTH = 1000


def _choice(
    value: Any, allowed: tuple[str, ...] | list[str], errors: dict[str, str], name: str
) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value not in allowed:
        errors[name] = _("Choose one of: %(values)s.", values=", ".join(allowed))
        return None
    return value


def _choices(
    value: Any, allowed: tuple[str, ...], errors: dict[str, str], name: str, json_types: bool
) -> tuple[str, ...]:
    if value is None or (value == "" and not json_types):
        return ()
    if isinstance(value, str) and not json_types:
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors[name] = _("Give a list of values from: %(values)s.", values=", ".join(allowed))
        return ()
    unknown = [v for v in value if v not in allowed]
    if unknown:
        errors[name] = _(
            "Unknown value %(unknown)s. Choose from: %(values)s.",
            unknown=", ".join(unknown),
            values=", ".join(allowed),
        )
        return ()
    return tuple(dict.fromkeys(value))


def _boolean(value: Any, errors: dict[str, str], name: str, json_types: bool) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if not json_types:
        if value in ("", "unknown"):
            return None
        if value in ("yes", "true"):
            return True
        if value in ("no", "false"):
            return False
    errors[name] = _("Answer yes, no or leave it empty if you do not know.")
    return None


def read_amount(value: Any, errors: dict[str, str], name: str, json_types: bool) -> Decimal | None:
    """An amount in EUR from JSON (a number) or a form, read by the shared reader (programmes.amounts):
    "15.000", "15,000.50", "1.000,- €", "EUR 1.000", "15k"; "0,500" is asked back, never guessed."""
    if value is None or (value == "" and not json_types):
        return None
    lang = current_language()
    if isinstance(value, bool) or not isinstance(value, (int, float) if json_types else (int, float, str)):
        errors[name] = message(FieldError("invalid_amount", example=formatting.money(15000, lang)))
        return None
    negative = value < 0 if not isinstance(value, str) else value.strip().startswith("-")
    if negative:
        errors[name] = message(FieldError("negative_amount"))
        return None
    if isinstance(value, int | float) and value > MAX_AMOUNT:
        limit = formatting.number(MAX_AMOUNT, lang)
        errors[name] = _("Enter an amount of at most %(amount)s euros.", amount=limit)
        return None
    try:
        return amounts.read_amount(value, lang)
    except FieldError as error:
        errors[name] = message(error)
        return None


def _months(value: Any, errors: dict[str, str], name: str, json_types: bool) -> int | None:
    if value is None or (value == "" and not json_types):
        return None
    if (
        isinstance(value, bool)
        or (isinstance(value, float) and not value.is_integer())
        or (json_types and not isinstance(value, (int, float)))
    ):
        errors[name] = _("Enter the duration in whole months, like 12.")
        return None
    try:
        months = int(value)
    except (TypeError, ValueError, OverflowError):
        errors[name] = _("Enter the duration in whole months, like 12.")
        return None
    if not 1 <= months <= MAX_MONTHS:
        errors[name] = _("Enter a duration between 1 and 120 months.")
        return None
    return months


def _text(value: Any, errors: dict[str, str], name: str, max_length: int = 100) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        errors[name] = _("Enter the name as text.")
        return None
    if len(value) > max_length:
        errors[name] = _("Enter a name of at most %(length)s characters.", length=max_length)
        return None
    return value.strip() or None


def _city(city: str | None, state: str | None) -> tuple[str | None, str | None]:
    """A German city named in the city field, normalised ("essen" → "Essen", "Cologne" → "Köln"), and its
    state when none was chosen; a place in the chosen state where the name is shared ("Essen" in NI is
    "Essen (Oldenburg)"). A name the gazetteer does not know (a village under 1,000 inhabitants) is kept
    as written, and a chosen state is never overruled."""
    if not city:
        return city, state
    place = place_answer(city, state)
    if place is None:
        return city, state
    name = f"{place.city.name}-{place.quarter}" if place.quarter and not place.district else place.city.name
    return name, state or place.city.state


def _description(value: Any, errors: dict[str, str], name: str) -> str | None:
    """What the project will do, in the applicant's words (read by programmes.activities)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        errors[name] = _("Describe the project in words.")
        return None
    if len(value) > MAX_DESCRIPTION_LENGTH:
        errors[name] = _(
            "Describe the project in at most %(length)s characters.", length=MAX_DESCRIPTION_LENGTH
        )
        return None
    return value.strip() or None


def parse_profile(
    data: Mapping[str, Any], from_form: bool = False
) -> tuple[Profile | None, dict[str, str]]:
    """A Profile, or the errors per field. JSON (the API) is strict; a form may carry other fields."""
    json_types = not from_form
    errors: dict[str, str] = {}
    if json_types:
        for name in data:
            if name not in PROFILE_FIELDS:
                errors[name] = _("Unknown field.")
    district_text = _text(data.get("district"), errors, "district")
    district = normalise_district(district_text) if district_text else None
    if district_text and district is None:
        errors["district"] = _(
            "Enter one of the 12 Berlin districts: %(names)s.", names=", ".join(official_names())
        )
    state = _choice(data.get("state"), sorted(STATES), errors, "state")
    if state and state != "BE" and district:
        errors["district"] = _("A Berlin district only goes with the state BE (Berlin).")
    city, state = _city(_text(data.get("city"), errors, "city"), state if "state" not in errors else None)
    profile = Profile(
        applicant_type=_choice(data.get("applicant_type"), APPLICANT_TYPES, errors, "applicant_type"),
        state=state,
        city=city,
        district=district,
        in_disadvantaged_area=_boolean(
            data.get("in_disadvantaged_area"), errors, "in_disadvantaged_area", json_types
        ),
        goals=_choices(data.get("goals"), GOALS, errors, "goals", json_types),
        target_groups=_choices(data.get("target_groups"), TARGET_GROUPS, errors, "target_groups", json_types),
        budget_eur=read_amount(data.get("budget_eur"), errors, "budget_eur", json_types),
        duration_months=_months(data.get("duration_months"), errors, "duration_months", json_types),
        activities=_choices(data.get("activities"), ACTIVITIES, errors, "activities", json_types),
        project_description=_description(data.get("project_description"), errors, "project_description"),
    )
    return (None, errors) if errors else (profile, errors)


def requested_language(value: Any) -> str | None:
    return value if isinstance(value, str) and value in LANGUAGES else None
