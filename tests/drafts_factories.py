"""Test data for the form service: draft and callback bodies, and helpers for forms with CSRF tokens."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, g
from flask.testing import FlaskClient

FORM_HEADERS = {"Authorization": "Bearer test-form-token"}
STAFF_HEADERS = {"Authorization": "Bearer test-staff-token"}
STAFF_USER, STAFF_PASSWORD = "alice", "correct-horse-battery"


def complete_draft(**changes: Any) -> dict[str, Any]:
    """A complete LSI draft as the chat sends it; keyword arguments replace or add fields."""
    body: dict[str, Any] = {
        "language": "de",
        "conversation_id": "conv-1",
        "match": {"results": [{"programme": "lsi", "eligibility": "eligible"}], "as_of": "2026-11-22"},
        "programme": "lsi",
        "lsi_type": "A",
        "organisation_name": "Kiezküche Neukölln e.V.",
        "organisation_type": "association",
        "legal_form": "e.V.",
        "contact_name": "Ayşe Demir",
        "contact_email": "ayse@example.org",
        "contact_phone": "030 1234567",
        "district": "Neukölln",
        "project_title": "Kochen für den Kiez",
        "project_summary": "Langzeitarbeitslose lernen in einer Stadtteilküche und kochen für Nachbarn.",
        "target_groups": ["long_term_unemployed", "residents"],
        "participants": 12,
        "start_date": "2027-03-01",
        "duration_months": 12,
        "total_budget_eur": 20000,
        "requested_amount_eur": 18000.5,
    }
    body.update(changes)
    return body


def callback_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "language": "en",
        "conversation_id": "conv-2",
        "name": "Sam Smith",
        "contact": "+49 30 1234567",
        "district": "Kreuzberg",
        "topic": "lsi",
        "consent": True,
    }
    body.update(changes)
    return body


def post_draft(client: FlaskClient, body: dict[str, Any] | None = None, key: str | None = None) -> Any:
    headers = dict(FORM_HEADERS)
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post("/api/drafts", json=complete_draft() if body is None else body, headers=headers)


def link_path(response: Any) -> str:
    """/d/<token> from a POST /api/drafts answer."""
    return "/d/" + response.get_json()["edit_url"].rsplit("/d/", 1)[1]


def csrf_token(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def login(client: FlaskClient, username: str = STAFF_USER, password: str = STAFF_PASSWORD) -> Any:
    token = csrf_token(client, "/staff/login")
    return client.post("/staff/login", data={"username": username, "password": password, "csrf_token": token})


def signed_in_as(client: FlaskClient, role: Any, lang: str = "en") -> FlaskClient:
    """A staff account with `role` (webform.models.StaffRole), signed in on `client`; pages in `lang`."""
    from webform import repository

    client.get(f"/staff/login?lang={lang}")
    repository.create_staff(f"{role}-user", STAFF_PASSWORD, role)
    assert login(client, f"{role}-user").status_code == 302
    return client


def fresh_g_per_request(app: Flask) -> None:
    """The `app` fixture keeps one app context for a whole test, so `g` (the CSRF token, the locale) would
    outlive a request; a real server starts every request with an empty `g`, and so do these tests."""

    @app.before_request
    def _empty_g() -> None:
        for name in list(g):
            g.pop(name)
