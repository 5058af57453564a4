"""From "I want to apply" to a stored draft, through the REST channel and all three real servers.

The stored draft is then read back through the staff API and every field is checked.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e

GERMAN = [
    "Ich möchte einen Antrag stellen",
    "LSI",
    "Typ A",
    "Wir kochen jede Woche mit Alleinerziehenden aus dem Kiez und helfen ihnen bei der Jobsuche.",
    "Kiezküche Neukölln e.V.",
    "Anna Beispiel",
    "anna@kiezkueche.de",
    "überspringen",
    "Neukölln",
    "Kochen verbindet",
    "Alleinerziehende",
    "überspringen",
    "1. März 2027",
    "12 Monate",
    "18.000 €",
    "15.000 €",
]
ENGLISH = [
    "I want to apply",
    "LSI",
    "type A",
    "Every week we cook with single parents from the neighbourhood and help them find work.",
    "Kiezküche Neukölln e.V.",
    "Anna Example",
    "anna@kiezkueche.de",
    "skip",
    "Neukölln",
    "Cooking connects",
    "single parents",
    "skip",
    "1 March 2027",
    "12 months",
    "€18,000",
    "€15,000",
]


@pytest.mark.parametrize(
    ("language", "answers", "contact", "money_text"),
    [("de", GERMAN, "Anna Beispiel", "18.000 €"), ("en", ENGLISH, "Anna Example", "€18,000")],
)
def test_conversation_ends_with_a_stored_draft(
    running: RunningStack, sender: str, language: str, answers: list[str], contact: str, money_text: str
) -> None:
    for answer in answers[:-1]:
        running.texts(sender, answer, language=language)
    summary = running.texts(sender, answers[-1], language=language)
    assert money_text in summary  # check your answers, formatted for the locale
    done = running.texts(sender, "/affirm", language=language)
    assert "/privacy" in done
    stored = running.texts(sender, "/affirm", language=language)
    edit_url = re.search(r"https?://\S+/d/\S+", stored)
    assert edit_url, stored

    drafts = running.staff_get(f"/api/drafts?conversation_id={sender}")
    items = drafts["drafts"] if isinstance(drafts, dict) else drafts
    assert len(items) == 1
    draft = running.staff_get(f"/api/drafts/{items[0]['id']}")
    assert draft["programme"] == "lsi" and draft["lsi_type"] == "A"
    assert draft["organisation_name"] == "Kiezküche Neukölln e.V."
    assert draft["legal_form"] == "e.V." and draft["organisation_type"] == "association"
    assert draft["contact_name"] == contact
    assert draft["contact_email"] == "anna@kiezkueche.de"
    assert draft["district"] == "Neukölln"
    assert draft["target_groups"] == ["single_parents"]
    assert draft["start_date"] == "2027-03-01"
    assert draft["duration_months"] == 12
    assert float(draft["total_budget_eur"]) == 18000 and float(draft["requested_amount_eur"]) == 15000
    assert draft["language"] == language and draft["conversation_id"] == sender
    assert draft["status"] == "new"
