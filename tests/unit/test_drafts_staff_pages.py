"""Staff pages: login, list with filters and search, detail, workflow, notes, history, CSV, dashboard, callbacks."""

from __future__ import annotations

import csv
import io
import re
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
from webform.staff.forms import MAX_NOTE


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
    """Posts a form as the browser does after showing `form_page`: with its CSRF token and draft version."""
    page = client.get(form_page).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    version = re.search(r'name="version" value="(\d+)"', page)
    sent = {"csrf_token": token.group(1) if token else ""}
    if version:
        sent["version"] = version.group(1)
    return client.post(path, data={**sent, **data})


def _version(client: FlaskClient, page: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', client.get(page).get_data(as_text=True))
    assert found
    return found.group(1)


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
    assert "1 Entwurf gefunden." in staff.get("/staff/?programme=peb").get_data(as_text=True)
    assert "1 draft found." in staff.get("/staff/?programme=peb&lang=en").get_data(as_text=True)


@pytest.mark.parametrize("query", ["Ökowerk", "ökowerk", "ÖKOWERK", "oekowerk", "strasse", "Straße", "STRASSE",
                                   "werk stra", "kiezkueche", "Kiezküche", "KIEZKÜCHE", "ayşe", "ayse", "cafe"])
def test_search_finds_names_as_germans_write_them(staff: FlaskClient, query: str) -> None:
    _draft(staff, organisation_name="Ökowerk Straße e.V.", project_title="Kiezküche im Café", contact_name="Ayşe Demir")
    _draft(staff, organisation_name="Werkstatt Mitte", project_title="Reparieren", contact_name="Tom Berg",
           contact_email="tom@example.org")
    html = staff.get("/staff/", query_string={"q": query}).get_data(as_text=True)
    assert "Ökowerk Straße e.V." in html and "Werkstatt Mitte" not in html
    assert "1 Entwurf gefunden." in html


def test_the_language_switch_keeps_the_list_filters(staff: FlaskClient) -> None:
    html = staff.get("/staff/?programme=lsi&q=kiez").get_data(as_text=True)
    assert 'href="/staff/?programme=lsi&amp;q=kiez&amp;lang=en"' in html


def test_the_detail_shows_answers_escaped_and_the_history(staff: FlaskClient) -> None:
    draft_id = _draft(staff, organisation_name="<script>alert(1)</script>")
    html = staff.get(f"/staff/drafts/{draft_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "Entwurf angelegt" in html and "conv-1" in html and "20.000 €" in html
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


@pytest.fixture
def second_reviewer(app: Flask, staff: FlaskClient) -> FlaskClient:
    repository.create_staff("bob", STAFF_PASSWORD)
    other = app.test_client()
    assert login(other, "bob").status_code == 302
    return other


def test_a_status_change_from_an_older_page_is_refused_with_what_changed_and_by_whom(
    staff: FlaskClient, second_reviewer: FlaskClient
) -> None:
    """Both open the draft "In Prüfung"; A asks for changes; B, on the page loaded before, rejects it."""
    draft_id = _draft(staff)
    page = f"/staff/drafts/{draft_id}"
    _post(staff, f"{page}/status", page, {"status": "in_review"})
    seen_by_a, seen_by_b = _version(staff, page), _version(second_reviewer, page)
    a = staff.post(f"{page}/status", data={"status": "changes_requested", "version": seen_by_a,
                                           "csrf_token": csrf_token(staff, page)})
    assert a.status_code == 302
    b = second_reviewer.post(f"{page}/status", data={"status": "rejected", "version": seen_by_b,
                                                     "note": "Passt nicht.",
                                                     "csrf_token": csrf_token(second_reviewer, page)})
    html = b.get_data(as_text=True)
    assert b.status_code == 409
    assert "Dieser Entwurf wurde geändert, nachdem Sie die Seite geöffnet haben" in html
    assert "Es wurde nichts gespeichert." in html
    assert "alice: Status geändert" in html and "Status: In Prüfung → Änderungen erbeten" in html
    assert '<option value="rejected" selected>' in html and ">Passt nicht.</textarea>" in html  # B's input kept
    draft = repository.get_draft(draft_id)
    assert draft is not None and draft.status == "changes_requested"
    assert [e.note for e in repository.history(draft)].count("Passt nicht.") == 0


def test_the_same_status_change_twice_is_one_history_line(staff: FlaskClient, second_reviewer: FlaskClient) -> None:
    draft_id = _draft(staff)
    page = f"/staff/drafts/{draft_id}"
    seen_by_a, seen_by_b = _version(staff, page), _version(second_reviewer, page)
    staff.post(f"{page}/status", data={"status": "in_review", "version": seen_by_a,
                                       "csrf_token": csrf_token(staff, page)})
    again = second_reviewer.post(f"{page}/status", data={"status": "in_review", "version": seen_by_b,
                                                         "csrf_token": csrf_token(second_reviewer, page)})
    assert again.status_code == 302
    assert "Der Status ist bereits: In Prüfung" in second_reviewer.get(page).get_data(as_text=True)
    draft = repository.get_draft(draft_id)
    assert draft is not None and [e.action for e in repository.history(draft)] == ["created", "status"]


def test_an_over_long_reason_is_refused_with_the_limit_never_cut(staff: FlaskClient) -> None:
    draft_id = _draft(staff)
    page = f"/staff/drafts/{draft_id}"
    reason = "Begründung " * 500  # 5,500 characters
    response = _post(staff, f"{page}/status", page, {"status": "in_review", "note": reason})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<a href="#status-note">Geben Sie höchstens 5000 Zeichen ein. Sie haben 5499 eingegeben.</a>' in html
    assert reason.strip() + "</textarea>" in html
    draft = repository.get_draft(draft_id)
    assert draft is not None and draft.status == "new" and len(repository.history(draft)) == 1


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
    assert empty.status_code == 400 and '<a href="#note">Geben Sie eine Notiz ein.</a>' in empty.get_data(as_text=True)


def test_an_over_long_note_comes_back_as_typed(staff: FlaskClient) -> None:
    draft_id = _draft(staff)
    page = f"/staff/drafts/{draft_id}"
    note = "x" * (MAX_NOTE + 1)
    response = _post(staff, f"{page}/notes", page, {"note": note})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Sie haben 5001 eingegeben." in html
    assert f">{note}</textarea>" in html
    draft = repository.get_draft(draft_id)
    assert draft is not None and [e.action for e in repository.history(draft)] == ["created"]


def test_the_history_speaks_in_labels_of_the_page_language(staff: FlaskClient) -> None:
    draft_id = _draft(staff, target_groups=["youth"], organisation_type="association", total_budget_eur=40000,
                      requested_amount_eur=20000)
    draft = repository.get_draft(draft_id)
    assert draft is not None
    repository.update_fields(draft, {"organisation_type": "social_enterprise", "start_date": None}, "applicant",
                             draft.version)
    page = f"/staff/drafts/{draft_id}"
    _post(staff, f"{page}/status", page, {"status": "in_review"})
    german = staff.get(page).get_data(as_text=True)
    assert "Förderprogramm: – → LSI" in german and "Für wen das Projekt ist: – → Jugendliche" in german
    assert "Gesamtbudget in Euro: – → 40.000 €" in german and "Geplanter Beginn: – → 1. März 2027" in german
    assert "Art der Organisation: Verein → Sozialunternehmen" in german
    assert "Status: Entwurf → In Prüfung" in german and "Antragsteller*in" in german
    for code in ("['youth']", "40000.00", "→ lsi", "social_enterprise", "in_review<", "staff:alice"):
        assert code not in german, code
    english = staff.get(page + "?lang=en").get_data(as_text=True)
    assert "Funding programme: – → LSI" in english and "Who the project is for: – → young people" in english
    assert "Total budget in euros: – → €40,000" in english


def test_a_draft_that_breaks_the_limits_is_flagged_for_the_reviewer(staff: FlaskClient) -> None:
    draft_id = _draft(staff, lsi_type="B", duration_months=6)
    draft = repository.get_draft(draft_id)
    assert draft is not None
    repository.update_fields(draft, {"duration_months": 12, "organisation_type": "startup"}, "system", draft.version)
    html = staff.get(f"/staff/drafts/{draft_id}?lang=en").get_data(as_text=True)
    assert "Check these answers" in html
    assert "LSI projects of type B (development projects) can run for at most 6 months." in html
    assert "The legal form e.V. does not go with the type of organisation “start-up”." in html


def _csv(response: Any, delimiter: str) -> list[dict[str, str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # a byte order mark, so spreadsheet programs read UTF-8
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


def test_csv_export_with_filters_and_no_formulas(staff: FlaskClient) -> None:
    _draft(staff, organisation_name="=HYPERLINK(\"http://evil\")", conversation_id="a")
    _draft(staff, programme="peb", lsi_type=None, conversation_id="b")
    response = staff.get("/staff/export.csv?programme=lsi&variant=en")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = _csv(response, ",")
    assert len(rows) == 1 and rows[0]["conversation_id"] == "a"
    assert rows[0]["organisation_name"] == "'=HYPERLINK(\"http://evil\")"
    assert rows[0]["target_groups"] == "long_term_unemployed, residents"
    assert rows[0]["requested_amount_eur"] == "18000.50" and rows[0]["start_date"] == "2027-03-01"


def test_german_staff_get_a_csv_that_german_excel_opens_in_columns(staff: FlaskClient) -> None:
    _draft(staff)
    html = staff.get("/staff/").get_data(as_text=True)
    assert "/staff/export.csv?variant=de" in html and "/staff/export.csv?variant=en" in html
    response = staff.get("/staff/export.csv")  # the staff member reads German: the German variant
    assert "kiezlotse-drafts-de.csv" in response.headers["Content-Disposition"]
    header = response.get_data(as_text=True).splitlines()[0]
    assert header.startswith("\ufeffid;status;language;")
    rows = _csv(response, ";")
    assert rows[0]["requested_amount_eur"] == "18000,50" and rows[0]["total_budget_eur"] == "20000,00"
    assert rows[0]["start_date"] == "01.03.2027" and re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", rows[0]["created_at"])
    english = staff.get("/staff/export.csv?lang=en")
    assert "kiezlotse-drafts-en.csv" in english.headers["Content-Disposition"]


def test_the_dashboard_draws_counts_as_inline_svg_and_says_them_in_a_table(staff: FlaskClient) -> None:
    _draft(staff)
    _draft(staff)
    _draft(staff, district="Mitte", programme="peb", lsi_type=None)
    html = staff.get("/staff/dashboard?lang=en").get_data(as_text=True)
    assert html.count("<svg") == 3 and "<script" not in html and "src=" not in html  # inline, nothing loaded
    assert html.count('<svg aria-hidden="true"') == 3  # the drawing repeats the table for the eye
    assert 'width="360"' in html  # the largest bar is full width
    tables = re.findall(r'<table class="chart-table">(.*?)</table>', html, re.S)
    cells = [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", table) for table in tables]
    assert cells[0] == ["Programme", "Drafts", "LSI", "2", "PEB", "1", "Total", "3"]
    assert cells[1] == ["District", "Drafts", "Neukölln", "2", "Mitte", "1", "Total", "3"]
    assert cells[2][:4] == ["Status", "Drafts", "Draft", "3"]


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
