"""Turns from "I want to apply" to a stored draft, through a running Rasa server (REST channel).

Two scripted users per language: one answers one question per turn (skipping optional ones), the other
first describes the project in a paragraph. Each turn the script reads the asked field from the
tracker (Rasa's HTTP API with the token RASA_AUTH_TOKEN from var/secrets.env) and sends that user's
answer. Target for the first user: at most the number of required fields + 3 turns.

    RASA_AUTH_TOKEN=... .venv/bin/python bench/measure_turns.py [http://localhost:5005] [--language de|en]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actions.draft import questions  # (plain module: no Rasa needed)

PROGRAMME = "lsi"
MAX_TURNS = 40
START = {"de": "Ich möchte einen Antrag stellen", "en": "I want to apply"}
START_FOR_PROGRAMME = {"de": "Ich möchte einen Antrag für LSI stellen", "en": "I want to apply for LSI"}


def _start_day() -> str:
    return dt.date(dt.date.today().year + 1, 3, 1).isoformat()


ANSWERS: dict[str, dict[str, str]] = {
    "de": {
        "programme": "LSI",
        "lsi_type": "Typ A",
        "project_summary": (
            "Wir kochen jede Woche mit Alleinerziehenden aus dem Kiez und helfen ihnen bei der Jobsuche."
        ),
        "organisation_name": "Kiezküche Neukölln e.V.",
        "legal_form": "e.V.",
        "organisation_type": "Verein",
        "contact_name": "Anna Beispiel",
        "contact_email": "anna@kiezkueche.de",
        "contact_phone": "überspringen",
        "district": "Neukölln",
        "city": "Berlin",
        "project_title": "Kochen verbindet",
        "target_groups": "Alleinerziehende",
        "participants": "überspringen",
        "start_date": "START",
        "duration_months": "12 Monate",
        "total_budget_eur": "18.000 €",
        "requested_amount_eur": "15.000 €",
        "draft_confirmed": "ja, alles richtig",
        "draft_consent": "ja, speichern",
    },
    "en": {
        "programme": "LSI",
        "lsi_type": "type A",
        "project_summary": (
            "Every week we cook with single parents from the neighbourhood and help them find work."
        ),
        "organisation_name": "Kiezküche Neukölln e.V.",
        "legal_form": "e.V.",
        "organisation_type": "association",
        "contact_name": "Anna Example",
        "contact_email": "anna@kiezkueche.de",
        "contact_phone": "skip",
        "district": "Neukölln",
        "city": "Berlin",
        "project_title": "Cooking together",
        "target_groups": "single parents",
        "participants": "skip",
        "start_date": "START",
        "duration_months": "12 months",
        "total_budget_eur": "€18,000",
        "requested_amount_eur": "€15,000",
        "draft_confirmed": "yes, all correct",
        "draft_consent": "yes, store it",
    },
}
DESCRIPTIONS = {
    "de": "Wir sind der Kiezküche Neukölln e.V. und planen ab 1.3.{year} für 12 Monate den Kochtreff "
    "„Kochen verbindet“ für Alleinerziehende in Neukölln mit 20 Teilnehmenden. Gesamtkosten 18.000 €, "
    "wir beantragen 15.000 €. Erreichbar unter anna@kiezkueche.de.",
    "en": "We are Kiezküche Neukölln e.V. and from 1 March {year} we plan the 12 month cooking club "
    '"Cooking together" for single parents in Neukölln with 20 participants. It costs 18,000 euros in total '
    "and we request 15,000 euros. Contact: anna@kiezkueche.de.",
}


def _post(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def _slots(rasa_url: str, sender: str) -> dict[str, Any]:
    token = urllib.parse.quote(os.environ.get("RASA_AUTH_TOKEN", ""))
    url = f"{rasa_url}/conversations/{sender}/tracker?token={token}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response).get("slots") or {}


def converse(rasa_url: str, lang: str, describe_first: bool) -> dict[str, Any]:
    """Runs one scripted conversation; returns the turns used and the fields asked."""
    sender = f"measure-{uuid.uuid4().hex[:10]}"
    answers = dict(ANSWERS[lang], start_date=_start_day())
    message = (START_FOR_PROGRAMME if describe_first else START)[lang]
    asked: list[str] = []
    for turn in range(1, MAX_TURNS + 1):
        body = {"sender": sender, "message": message, "metadata": {"language": lang}}
        _post(f"{rasa_url}/webhooks/rest/webhook", body)
        slots = _slots(rasa_url, sender)
        if slots.get("draft_id"):
            return {"turns": turn, "asked": asked, "draft_id": slots["draft_id"]}
        field = slots.get("requested_slot")
        if field is None or asked[-3:] == [field] * 3:
            return {"turns": turn, "asked": asked, "error": f"stuck at {field!r}"}
        asked.append(field)
        if field == "project_summary" and describe_first:
            message = DESCRIPTIONS[lang].format(year=int(_start_day()[:4]))
        else:
            message = answers.get(field, "")
    return {"turns": MAX_TURNS, "asked": asked, "error": "too many turns"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rasa_url", nargs="?", default="http://localhost:5005")
    parser.add_argument("--language", choices=("de", "en"), action="append")
    args = parser.parse_args()
    fields = questions.draft_fields({"programme": PROGRAMME})
    required = [f for f in fields if f not in questions.OPTIONAL]
    target = len(required) + 3
    print(
        f"Programme {PROGRAMME}: {len(required)} required fields, "
        f"target ≤ {target} turns for one answer per turn"
    )
    failed = False
    for lang in args.language or ["de", "en"]:
        for describe_first, label in ((False, "one answer per turn"), (True, "description first")):
            try:
                result = converse(args.rasa_url.rstrip("/"), lang, describe_first)
            except OSError as error:  # URLError, timeouts: say so plainly
                print(f"Rasa server at {args.rasa_url} not reachable: {error}")
                return 2
            ok = "error" not in result and (describe_first or result["turns"] <= target)
            failed |= not ok
            print(
                f"[{lang}] {label:20} turns={result['turns']:>2} questions={len(result['asked']):>2} "
                f"{'stored draft ' + result['draft_id'] if 'draft_id' in result else result.get('error')}"
                f" {'OK' if ok else 'FAIL'}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
