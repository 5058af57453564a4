"""Hostile input through the chat into drafts and the staff pages: very long messages, control characters,
bidi overrides, emoji, HTML/JS and SQL-looking text. Every message is answered (one over the chat box's
2,000 characters with "too long", before the NLU spends time on it), what is stored is the text itself,
and every page shows it escaped; no 500 anywhere."""

from __future__ import annotations

import re
import subprocess
import uuid

import pytest
import requests

from ops.topology import APP_BIN, ROOT
from tests.applicants import drafts_of
from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e

SCRIPT = '<script>alert("kiez")</script>'
SQL = "'); DROP TABLE drafts; --"
BIDI = "\u202eevil\u202c"
HOSTILE_MESSAGES = [
    "x" * 10_000,
    "ä🙂" * 5_000,
    "Hallo\x00\x07\x1b[31m\x7f",
    f"{BIDI} {SCRIPT}",
    SQL,
    "🙂" * 50,
    "<img src=x onerror=alert(1)>",
    "\u200b\u2066\u2067\u2069",
]


def test_every_hostile_message_gets_an_answer(running: RunningStack) -> None:
    for language in ("de", "en"):
        sender = f"hostile-{uuid.uuid4().hex[:10]}"
        running.say(sender, "Ich möchte einen Antrag für LSI stellen", language=language)
        for message in HOSTILE_MESSAGES:
            reply = running.say(sender, message, language=language)  # raises on any non-200
            assert reply, (language, message[:30])
            if len(message) > 2000:
                assert ("zu lang" if language == "de" else "too long") in reply[0]["text"]
    log = (running.stack.log_dir / "nginx-chat.log").read_text()
    assert " 500 " not in log and " 502 " not in log


def _staff_session(running: RunningStack) -> requests.Session:
    username, password = f"qa{uuid.uuid4().hex[:6]}", uuid.uuid4().hex
    subprocess.run([str(APP_BIN / "flask"), "--app", "webform", "create-staff", username, "--password", password],
                   cwd=ROOT, env=running.env, check=True, capture_output=True)
    session = requests.Session()
    page = session.get(f"{running.webform_url}/staff/login", timeout=10).text
    token = re.search(r'name="csrf_token" [^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert token, page[:500]
    signed_in = session.post(f"{running.webform_url}/staff/login", timeout=10,
                             data={"csrf_token": token.group(1), "username": username, "password": password})
    assert signed_in.status_code == 200 and "/staff/login" not in signed_in.url
    return session


ANSWERS = {
    "lsi_type": "Typ A",
    "project_summary": "Wir kochen jede Woche mit Alleinerziehenden aus dem Kiez und helfen ihnen bei der Jobsuche.",
    "organisation_name": f"{SCRIPT} {BIDI} 🙂 e.V.",
    "legal_form": "e.V.",
    "organisation_type": "Verein",
    "contact_name": "Anna Beispiel",
    "contact_email": "anna@kiezkueche.de",
    "contact_phone": "überspringen",
    "district": "Neukölln",
    "city": "Berlin",
    "project_title": f"{SQL} <b>fett</b>",
    "target_groups": "Alleinerziehende",
    "participants": "überspringen",
    "start_date": "1. März 2027",
    "duration_months": "12 Monate",
    "total_budget_eur": "18.000 €",
    "requested_amount_eur": "15.000 €",
}


def test_hostile_text_is_stored_as_text_and_shown_escaped(running: RunningStack) -> None:
    sender = f"hostile-{uuid.uuid4().hex[:10]}"
    reply = running.texts(sender, "Ich möchte einen Antrag für LSI stellen", language="de")
    for _ in range(30):  # answer whatever the form asks, until the draft is stored
        slots = running.tracker(sender)["slots"]
        if slots.get("draft_id"):
            break
        reply = running.texts(sender, ANSWERS.get(slots.get("requested_slot") or "", "/affirm"), language="de")
    link = re.search(r"https?://\S+/d/[\w-]+", reply)
    assert link, reply
    drafts = drafts_of(running.webform_url, running.env["STAFF_API_TOKEN"], sender)
    assert len(drafts) == 1
    draft = drafts[0]
    # stored as the text that was sent (the text itself, not removed or rewritten)
    assert SCRIPT in draft["organisation_name"] and "🙂" in draft["organisation_name"]
    assert draft["project_title"] == ANSWERS["project_title"]
    pages = [_staff_session(running).get(f"{running.webform_url}/staff/drafts/{draft['id']}", timeout=10),
             requests.get(link.group(0), timeout=10)]
    for page in pages:
        assert page.status_code == 200, page.url
        html = page.text
        assert SCRIPT not in html and "<b>fett</b>" not in html
        assert "&lt;script&gt;alert(" in html and "&lt;b&gt;fett&lt;/b&gt;" in html
        assert "DROP TABLE drafts" in html and "🙂" in html
