"""Simulated applicants who complete an application draft through the chat, each with answers of their own
(given to whatever question the form asks, read from the conversation through Rasa's API).

Used by the concurrent-applicant test (10 at once) and by bench/bench_applicants.py (50 at once): every
applicant's stored draft must hold exactly what that applicant sent.
"""

from __future__ import annotations

import json
import re
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# No place names in the organisations: the assistant would rightly take the district from them and skip
# its question, and the scripted answers follow the questions in order.
ORGANISATIONS = [
    "Kiezküche Sonnenblume e.V.", "Nachbarschaftshaus Brücke e.V.", "Stadtteilladen Zukunft e.V.",
    "Werkstatt Miteinander e.V.", "Kiezgarten Grünfink e.V.", "Jugendhaus Leuchtturm e.V.",
]
PEOPLE = ["Anna Beispiel", "Ben Muster", "Cem Yilmaz", "Dana Schulz", "Emil Wagner", "Fatma Demir", "Greta Lang"]
DISTRICTS = ["Neukölln", "Mitte", "Pankow", "Spandau", "Lichtenberg", "Reinickendorf"]
TITLES = ["Kochen verbindet", "Werkstatt für alle", "Gemeinsam gärtnern", "Nähen im Kiez"]
MONTHS = ["März", "April", "Mai", "Juni", "Juli", "September"]
MONTH_NUMBERS = {"März": 3, "April": 4, "Mai": 5, "Juni": 6, "Juli": 7, "September": 9}


@dataclass
class Applicant:
    """One applicant's answers (German, LSI type A) and the draft fields they must produce."""

    index: int
    sender: str = field(default_factory=lambda: f"applicant-{uuid.uuid4().hex[:12]}")

    @property
    def organisation(self) -> str:
        return ORGANISATIONS[self.index % len(ORGANISATIONS)]

    @property
    def person(self) -> str:
        return PEOPLE[self.index % len(PEOPLE)]

    @property
    def email(self) -> str:
        return f"antrag{self.index}@kiez-{self.index}.de"

    @property
    def district(self) -> str:
        return DISTRICTS[self.index % len(DISTRICTS)]

    @property
    def title(self) -> str:
        return TITLES[self.index % len(TITLES)]

    @property
    def month(self) -> str:
        return MONTHS[self.index % len(MONTHS)]

    @property
    def total_eur(self) -> int:
        return 18_000 + 100 * (self.index % 20)

    @property
    def requested_eur(self) -> int:
        return 15_000 + 100 * (self.index % 20)

    @property
    def months(self) -> int:
        return 6 + self.index % 7  # LSI type A runs at most 12 months

    def answer_for(self, field: str | None) -> str:
        """This applicant's answer to the question for `field` (the form's requested slot); a yes to
        the check of the answers and to storing them."""
        answers = {
            "programme": "LSI",
            "lsi_type": "Typ A",
            "project_summary": "Wir kochen jede Woche mit Alleinerziehenden aus dem Kiez und helfen ihnen "
                               "bei der Jobsuche.",
            "organisation_name": self.organisation,
            "legal_form": "e.V.",
            "organisation_type": "Verein",
            "contact_name": self.person,
            "contact_email": self.email,
            "district": self.district,
            "city": "Berlin",
            "project_title": self.title,
            "target_groups": "Alleinerziehende",
            "start_date": f"1. {self.month} 2027",
            "duration_months": f"{self.months} Monate",
            "total_budget_eur": f"{self.total_eur:,} €".replace(",", "."),
            "requested_amount_eur": f"{self.requested_eur:,} €".replace(",", "."),
        }
        if field in ("draft_confirmed", "draft_consent") or not field:
            return "/affirm"  # yes, the answers are right; yes, store them
        return answers.get(field, "überspringen")  # the optional questions

    def expected(self) -> dict[str, Any]:
        return {
            "programme": "lsi",
            "lsi_type": "A",
            "organisation_name": self.organisation,
            "contact_name": self.person,
            "contact_email": self.email,
            "district": self.district,
            "project_title": self.title,
            "target_groups": ["single_parents"],
            "start_date": f"2027-{MONTH_NUMBERS[self.month]:02d}-01",
            "duration_months": self.months,
            "total_budget_eur": self.total_eur,
            "requested_amount_eur": self.requested_eur,
            "language": "de",
            "conversation_id": self.sender,
        }

    def differences(self, draft: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
        """Field → (expected, stored) for every field the stored draft got wrong."""
        wrong = {}
        for name, value in self.expected().items():
            stored = draft.get(name)
            if name.endswith("_eur") and stored is not None:
                stored = float(stored)
                value = float(value)
            if stored != value:
                wrong[name] = (value, stored)
        return wrong


def say(chat_url: str, sender: str, message: str, language: str = "de", timeout: float = 60) -> list[dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": message, "metadata": {"language": language}}).encode()
    request = urllib.request.Request(chat_url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def complete_application(
    chat_url: str, applicant: Applicant, slots_of: Callable[[str], dict[str, Any]], max_turns: int = 40
) -> str:
    """Answers whatever the form asks (its requested slot, read with `slots_of(sender)`) until the draft
    is stored; returns the applicant's edit link from that reply ("" if none came)."""
    reply = say(chat_url, applicant.sender, "Ich möchte einen Antrag für LSI stellen")
    for _ in range(max_turns):
        slots = slots_of(applicant.sender)
        if slots.get("draft_id"):
            break
        reply = say(chat_url, applicant.sender, applicant.answer_for(slots.get("requested_slot")))
    text = "\n".join(m.get("text", "") for m in reply)
    found = re.search(r"https?://\S+/d/[\w-]+", text)
    return found.group(0) if found else ""


def drafts_of(base_url: str, staff_token: str, conversation_id: str) -> list[dict[str, Any]]:
    """The stored drafts of one conversation, read through the staff API."""
    request = urllib.request.Request(
        f"{base_url}/api/drafts?conversation_id={conversation_id}",
        headers={"Authorization": f"Bearer {staff_token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        listed = json.loads(response.read())["drafts"]
    full = []
    for item in listed:
        request = urllib.request.Request(
            f"{base_url}/api/drafts/{item['id']}", headers={"Authorization": f"Bearer {staff_token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            full.append(json.loads(response.read()))
    return full
