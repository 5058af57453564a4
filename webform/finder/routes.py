"""The finder page. The form posts its answers; the same answers as a GET query with `submitted=1` give
the same page, so results can be bookmarked and shared. No JavaScript is needed: switching the language
sends the answers along and shows the same results in the other language. The page shows what the API
gives the chat: each result's verdict, the outcome's next steps and dates in the page's language."""

from __future__ import annotations

from flask import render_template, request, url_for

from programmes import formatting
from programmes.catalogue import default_catalogue
from programmes.matching import match, outcome_of
from programmes.messages import label
from webform.clock import today
from webform.extensions import csrf
from webform.finder import bp, forms
from webform.i18n import current_language
from webform.profile_input import parse_profile


# A search that stores nothing: a forged cross-site POST could only show someone a result list.
@csrf.exempt
@bp.route("", methods=["GET", "POST"])
def index() -> tuple[str, int] | str:
    lang = current_language()
    posted = request.method == "POST"
    values = forms.form_values(request.form if posted else request.args)
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
    page = render_template(
        "finder/index.html",
        values=values,
        errors=errors,
        results=results,
        outcome=outcome,
        programmes=default_catalogue().programmes,
        options=forms.options(lang),
        label=lambda key: label(key, lang),
        lang=lang,
        as_of_label=formatting.day(day, lang),
        form_id=forms.FORM_ID,
        lang_form={"id": forms.FORM_ID, "action": url_for("finder.index")},
    )
    return (page, 422) if errors else page
