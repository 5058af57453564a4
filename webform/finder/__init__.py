"""The programme finder: the matching engine as a plain HTML form, for people who prefer forms to chat.

The form posts its answers; the same answers as a GET query with `submitted=1` give the same page, so
results can be bookmarked and shared. No JavaScript is needed. The page shows what the API gives the
chat: each result's verdict, the outcome's next steps and dates in the page's language.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import get_locale
from werkzeug.datastructures import MultiDict

from programmes import formatting
from programmes.catalogue import default_catalogue
from programmes.districts import official_names
from programmes.matching import match, outcome_of
from programmes.messages import label
from programmes.vocabulary import APPLICANT_TYPES, GOALS, STATES, TARGET_GROUPS
from webform.api.programmes import today
from webform.extensions import csrf
from webform.profile_input import parse_profile

bp = Blueprint("finder", __name__, url_prefix="/finder")

FORM_FIELDS = (
    "applicant_type", "state", "district", "in_disadvantaged_area", "goals", "target_groups",
    "budget_eur", "duration_months", "project_description",
)


def _form_values(answers: MultiDict[str, str]) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in FORM_FIELDS:
        if name in ("goals", "target_groups"):
            values[name] = answers.getlist(name)
        else:
            values[name] = answers.get(name, "").strip()
    return values


# A search that stores nothing: a forged cross-site POST could only show someone a result list.
@csrf.exempt
@bp.route("", methods=["GET", "POST"])
def index() -> tuple[str, int] | str:
    lang = str(get_locale() or "de")
    posted = request.method == "POST"
    values = _form_values(request.form if posted else request.args)
    submitted = posted or request.args.get("submitted") == "1"
    errors: dict[str, str] = {}
    results = outcome = None
    day = today()
    if submitted:
        profile, errors = parse_profile(values, from_form=True)
        if profile is not None:
            matched = match(profile, lang, day)
            results = [r.as_dict() for r in matched]
            outcome = outcome_of(matched, profile, lang)
    catalogue = default_catalogue()
    page = render_template(
        "finder/index.html",
        values=values,
        errors=errors,
        results=results,
        outcome=outcome,
        programmes=catalogue.programmes,
        options={
            "applicant_type": [(v, label(v, lang)) for v in APPLICANT_TYPES],
            "state": [(code, names[lang]) for code, names in STATES.items()],
            "district": [(name, name) for name in official_names()],
            "goals": [(v, label(v, lang)) for v in GOALS],
            "target_groups": [(v, label(v, lang)) for v in TARGET_GROUPS],
        },
        label=lambda key: label(key, lang),
        lang=lang,
        as_of_label=formatting.day(day, lang),
    )
    return (page, 422) if errors else page
