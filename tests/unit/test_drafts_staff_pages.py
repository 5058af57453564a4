"""Staff pages: login, list with filters and search, detail, workflow, notes, history, CSV, dashboard, callbacks."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.drafts_factories import (
    FORM_HEADERS,
    STAFF_PASSWORD,
    STAFF_USER,
    callback_body,
    complete_draft,
    csrf_token,
    fresh_g_per_request,
    login,
    post_draft,
)
from webform import create_app, repository
from webform.config import TestConfig


@pytest.fixture(autouse=True)
def _fresh_g(app: Flask) -> None:
    fresh_g_per_request(app)


STAFF_PAGES = ["/staff/", "/staff/drafts/1", "/staff/dashboard", "/staff/callbacks", "/staff/export.csv"]


@pytest.fixture
def staff(app: Flask, client: FlaskClient) -> FlaskClient:
    repository.create_staff(STAFF_USER, STAFF_PASSWORD)
    assert login(client).status_code == 302
    return client


def _draft(client: FlaskClient, **changes: Any) -> int:
    response = post_draft(client, complete_draft(**changes))
    assert response.status_code == 201
    return response.get_json()["id"]


def _post(client: FlaskClient, path: str, form_page: str, data: dict[str, str]) -> Any:
    return client.post(path, data={**data, "csrf_token": csrf_token(client, form_page)})


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client: FlaskClient, path: str) -> None:
    _draft(client)
    response = client.get(path)
    assert response.status_code == 302
    assert response.location.startswith("/staff/login?next=/staff/")


@pytest.mark.parametrize("path", ["/staff/drafts/1/status", "/staff/drafts/1/notes", "/staff/callbacks/1/done",
                                  "/staff/logout"])
def test_anonymous_posts_are_sent_to_the_login(client: FlaskClient, path: str) -> None:
    _draft(client)
    response = _post(client, path, "/staff/login", {"status": "in_review", "note": "x"})
    assert response.status_code == 302 and response.location.startswith("/staff/login")
    assert [e.action for e in repository.history(repository.get_draft(1))] == ["created"]  # type: ignore[arg-type]


def test_login_with_a_wrong_password_fails_with_a_message(app: Flask, client: FlaskClient) -> None:
    repository.create_staff(STAFF_USER, STAFF_PASSWORD)
    response = login(client, password="wrong-password")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Geben Sie einen richtigen Benutzernamen" in html
    assert client.get("/staff/").status_code == 302


def test_login_without_csrf_token_is_400(app: Flask, client: FlaskClient) -> None:
    repository.create_staff(STAFF_USER, STAFF_PASSWORD)
    response = client.post("/staff/login", data={"username": STAFF_USER, "password": STAFF_PASSWORD})
    assert response.status_code == 400 and "Traceback" not in response.get_data(as_text=True)


def test_login_goes_back_to_the_page_asked_for_but_never_to_another_site(app: Flask, client: FlaskClient) -> None:
    repository.create_staff(STAFF_USER, STAFF_PASSWORD)
    token = csrf_token(client, "/staff/login")
    data = {"username": STAFF_USER, "password": STAFF_PASSWORD, "csrf_token": token}
    assert client.post("/staff/login?next=/staff/dashboard", data=data).location == "/staff/dashboard"
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    token = csrf_token(client, "/staff/login")
    data["csrf_token"] = token
    assert client.post("/staff/login?next=//evil.example/x", data=data).location == "/staff/"


def test_the_session_cookie_is_httponly_samesite_and_secure_in_production(app: Flask) -> None:
    secure_app = create_app(TestConfig, SESSION_COOKIE_SECURE=True)
    with secure_app.app_context():
        from webform.extensions import db

        db.create_all()
        repository.create_staff(STAFF_USER, STAFF_PASSWORD)
        client = secure_app.test_client()
        cookie = login(client).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_a_disabled_account_is_signed_out(staff: FlaskClient) -> None:
    user = repository.authenticate(STAFF_USER, STAFF_PASSWORD)
    assert user is not None
    user.active = False
    from webform.extensions import db

    db.session.commit()
    assert staff.get("/staff/").status_code == 302


def test_the_list_filters_and_searches(staff: FlaskClient) -> None:
    _draft(staff, organisation_name="Kiezküche e.V.")
    _draft(staff, organisation_name="Werkstatt Mitte", district="Mitte", programme="peb", lsi_type=None,
           language="en")

    def shown(query: str) -> set[str]:
        html = staff.get("/staff/?" + query).get_data(as_text=True)
        return {name for name in ("Kiezküche e.V.", "Werkstatt Mitte") if name in html}

    assert shown("") == {"Kiezküche e.V.", "Werkstatt Mitte"}
    assert shown("programme=peb") == {"Werkstatt Mitte"}
    assert shown("district=Neukölln") == {"Kiezküche e.V."}
    assert shown("language=en") == {"Werkstatt Mitte"}
    assert shown("status=ready") == set()
    assert shown("q=kiezk") == {"Kiezküche e.V."}
    assert shown("from=2000-01-01&to=2000-01-02") == set()
    assert shown("programme=nonsense&from=not-a-date") == {"Kiezküche e.V.", "Werkstatt Mitte"}
    assert "2 Entwürfe gefunden." in staff.get("/staff/").get_data(as_text=True)


def test_the_detail_shows_answers_escaped_and_the_history(staff: FlaskClient) -> None:
    draft_id = _draft(staff, organisation_name="<script>alert(1)</script>")
    html = staff.get(f"/staff/drafts/{draft_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "Entwurf angelegt" in html and "conv-1" in html and "20.000,00\xa0€" in html
    assert staff.get("/staff/drafts/999").status_code == 404


def test_the_status_workflow(staff: FlaskClient) -> None:
    draft_id = _draft(staff)
    page = f"/staff/drafts/{draft_id}"
    html = staff.get(page).get_data(as_text=True)
    assert '<option value="in_review">' in html and '<option value="ready">' not in html
    response = _post(staff, f"{page}/status", page, {"status": "in_review", "note": "Ich prüfe."})
    assert response.status_code == 302
    response = _post(staff, f"{page}/status", page, {"status": "archived"})  # not allowed from in_review
    assert "Dieser Statuswechsel ist nicht möglich" in staff.get(page).get_data(as_text=True)
    _post(staff, f"{page}/status", page, {"status": "nonsense"})
    draft = repository.get_draft(draft_id)
    assert draft is not None and draft.status == "in_review"
    history = repository.history(draft)
    assert [(e.actor, e.action, e.note) for e in history][-1] == ("staff:alice", "status", "Ich prüfe.")
    for target in ("changes_requested", "in_review", "ready", "archived"):
        _post(staff, f"{page}/status", page, {"status": target})
    assert repository.get_draft(draft_id).status == "archived"  # type: ignore[union-attr]
    assert "sein Status kann sich nicht mehr ändern" in staff.get(page).get_data(as_text=True)


def test_a_status_change_without_csrf_token_is_400(staff: FlaskClient) -> None:
    draft_id = _draft(staff)
    assert staff.post(f"/staff/drafts/{draft_id}/status", data={"status": "in_review"}).status_code == 400
    assert repository.get_draft(draft_id).status == "new"  # type: ignore[union-attr]


def test_notes_are_added_to_the_history(staff: FlaskClient) -> None:
    draft_id = _draft(staff)
    page = f"/staff/drafts/{draft_id}"
    assert _post(staff, f"{page}/notes", page, {"note": "Kostenplan <fehlt>"}).status_code == 302
    html = staff.get(page).get_data(as_text=True)
    assert "Kostenplan &lt;fehlt&gt;" in html
    empty = _post(staff, f"{page}/notes", page, {"note": "  "})
    assert empty.status_code == 400 and "Geben Sie eine Notiz mit höchstens 5000 Zeichen ein." in empty.get_data(as_text=True)


def test_csv_export_with_filters_and_no_formulas(staff: FlaskClient) -> None:
    _draft(staff, organisation_name="=HYPERLINK(\"http://evil\")", conversation_id="a")
    _draft(staff, programme="peb", lsi_type=None, conversation_id="b")
    response = staff.get("/staff/export.csv?programme=lsi")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1 and rows[0]["conversation_id"] == "a"
    assert rows[0]["organisation_name"] == "'=HYPERLINK(\"http://evil\")"
    assert rows[0]["target_groups"] == "long_term_unemployed;residents"
    assert rows[0]["requested_amount_eur"] == "18000.50" and rows[0]["start_date"] == "2027-03-01"


def test_the_dashboard_draws_counts_as_inline_svg(staff: FlaskClient) -> None:
    _draft(staff)
    _draft(staff)
    _draft(staff, district="Mitte", programme="peb", lsi_type=None)
    html = staff.get("/staff/dashboard?lang=en").get_data(as_text=True)
    assert html.count("<svg") == 3 and "<script" not in html and "src=" not in html  # inline, nothing loaded
    assert "Neukölln: 2; Mitte: 1" in html and "LSI: 2; PEB: 1" in html
    assert "Draft: 3" in html  # per status
    assert 'width="360"' in html  # the largest bar is full width


def test_the_callback_queue(staff: FlaskClient) -> None:
    staff.post("/api/callbacks", json=callback_body(name="Sam <b>Smith</b>"), headers=FORM_HEADERS)
    html = staff.get("/staff/callbacks").get_data(as_text=True)
    assert "Sam &lt;b&gt;Smith&lt;/b&gt;" in html and "+49 30 1234567" in html
    response = _post(staff, "/staff/callbacks/1/done", "/staff/callbacks", {})
    assert response.status_code == 302
    assert "Sam" not in staff.get("/staff/callbacks").get_data(as_text=True)
    assert "Sam" in staff.get("/staff/callbacks?status=done").get_data(as_text=True)
    assert _post(staff, "/staff/callbacks/99/done", "/staff/callbacks", {}).status_code == 404


def test_sign_out(staff: FlaskClient) -> None:
    response = _post(staff, "/staff/logout", "/staff/", {})
    assert response.status_code == 302 and staff.get("/staff/").status_code == 302


def test_staff_pages_are_not_cached(staff: FlaskClient) -> None:
    assert staff.get("/staff/").headers["Cache-Control"] == "no-store"
