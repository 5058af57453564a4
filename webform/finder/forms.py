"""The finder's questions: what the form sends, and the answer options in the reader's language."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from programmes.districts import official_names
from programmes.messages import label
from programmes.vocabulary import APPLICANT_TYPES, GOALS, STATES, TARGET_GROUPS

FORM_ID = "finder-form"
FORM_FIELDS = (
    "applicant_type", "state", "district", "in_disadvantaged_area", "goals", "target_groups",
    "budget_eur", "duration_months", "project_description",
)
MULTIPLE = ("goals", "target_groups")


def form_values(answers: MultiDict[str, str]) -> dict[str, object]:
    """The answers as sent (POST form or GET query): text, and lists for the multiple-choice questions."""
    return {
        name: answers.getlist(name) if name in MULTIPLE else answers.get(name, "").strip()
        for name in FORM_FIELDS
    }


def options(lang: str) -> dict[str, list[tuple[str, str]]]:
    return {
        "applicant_type": [(v, label(v, lang)) for v in APPLICANT_TYPES],
        "state": [(code, names[lang]) for code, names in STATES.items()],
        "district": [(name, name) for name in official_names()],
        "goals": [(v, label(v, lang)) for v in GOALS],
        "target_groups": [(v, label(v, lang)) for v in TARGET_GROUPS],
    }
