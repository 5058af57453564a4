"""Applicant pages /d/<token>: pre-filled form, validation, check your answers, submit, withdraw, delete."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.drafts_factories import complete_draft, csrf_token, fresh_g_per_request, link_path, post_draft
from webform import repository


@pytest.fixture(autouse=True)
def _fresh_g(app: Flask) -> None:
    fresh_g_per_request(app)


def _form(draft: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The edit form as a browser sends it, from a draft body."""
    fields = {k: v for k, v in draft.items() if k not in ("language", "conversation_id", "match")}
    fields = {k: ("" if v is None else v if isinstance(v, list) else str(v)) for k, v in fields.items()}
    fields.update(changes)
    return fields


def _new(client: FlaskClient, **changes: Any) -> str:
    response = post_draft(client, complete_draft(**changes))
    assert response.status_code == 201
    return link_path(response)


def _post(client: FlaskClient, path: str, data: dict[str, Any]) -> Any:
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path)})


def test_the_link_opens_the_prefilled_draft_in_the_conversation_language(client: FlaskClient) -> None:
    page = client.get(_new(client)).get_data(as_text=True)
    assert '<html lang="de">' in page
    assert 'value="Kiezküche Neukölln e.V."' in page and "Ihr Antrag" in page
    assert '<option value="Neukölln" selected>' in page
    assert 'value="long_term_unemployed" checked' in page and 'value="20000"' in page
    assert 'value="18000.50"' in page and 'value="2027-03-01"' in page


def test_the_person_can_choose_english(client: FlaskClient) -> None:
    page = client.get(_new(client) + "?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page and "Your application" in page and "Name of your organisation" in page


def test_a_wrong_token_is_404(client: FlaskClient) -> None:
    path = _new(client)
    for wrong in ("/d/" + "A" * 43, path[:-1] + ("B" if path[-1] != "B" else "C"), "/d/1", path + "x"):
        assert client.get(wrong).status_code == 404
        assert client.get(wrong + "/check").status_code == 404
        assert client.get(wrong + "/delete").status_code == 404


def test_one_draft_link_never_opens_another(client: FlaskClient) -> None:
    first, second = _new(client, organisation_name="Erste"), _new(client, organisation_name="Zweite")
    assert "Erste" in client.get(first).get_data(as_text=True)
    assert "Erste" not in client.get(second).get_data(as_text=True)


def test_the_link_does_not_leak(client: FlaskClient) -> None:
    response = client.get(_new(client))
    assert response.headers["Referrer-Policy"] == "same-origin" and response.headers["Cache-Control"] == "no-store"


def test_a_script_is_shown_as_text(client: FlaskClient) -> None:
    path = _new(client, organisation_name="<script>alert(1)</script>", project_title="<b>bold</b>")
    for page in (client.get(path), client.get(path + "/check")):
        html = page.get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_saving_without_the_csrf_token_is_refused(client: FlaskClient) -> None:
    path = _new(client)
    response = client.post(path, data=_form(complete_draft(), project_title="Forged"))
    assert response.status_code == 400
    assert "Forged" not in client.get(path + "/check").get_data(as_text=True)


def test_bad_answers_get_an_error_summary_and_keep_the_input(client: FlaskClient) -> None:
    path = _new(client)
    response = _post(client, path + "?lang=en", _form(complete_draft(), contact_email="ayse-at-example",
                                                        requested_amount_eur="25000"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Error: Your application" in html and 'class="error-summary"' in html
    assert '<a href="#field-contact_email">E-mail address: Enter an e-mail address in the correct format' in html
    assert "The amount requested cannot be more than the total budget." in html
    assert 'value="ayse-at-example"' in html and 'aria-describedby="contact_email-hint contact_email-error"' in html


def test_german_error_messages(client: FlaskClient) -> None:
    html = _post(client, _new(client), _form(complete_draft(), duration_months="zwölf")).get_data(as_text=True)
    assert "<title>Fehler: Ihr Antrag" in html
    assert "Geben Sie eine Laufzeit zwischen 1 und 120 Monaten ein." in html


def test_save_and_come_back_later(client: FlaskClient, app: Flask) -> None:
    path = _new(client)
    response = _post(client, path, _form(complete_draft(), project_title="Neuer Titel", total_budget_eur="21.000",
                                         action="save"))
    assert response.status_code == 302 and response.location == path
    assert "Ihre Antworten sind gespeichert" in client.get(path).get_data(as_text=True)
    draft = repository.draft_by_token(path.rsplit("/", 1)[1])
    assert draft is not None and draft.project_title == "Neuer Titel" and str(draft.total_budget_eur) == "21000.00"
    assert [e.action for e in repository.history(draft)] == ["created", "updated"]


def test_check_your_answers_formats_money_and_dates_by_locale(client: FlaskClient) -> None:
    path = _new(client)
    german = client.get(path + "/check?lang=de").get_data(as_text=True)
    assert "20.000,00\xa0€" in german and "18.000,50\xa0€" in german and "1. März 2027" in german
    assert "A: Mikroprojekte" in german and "12 Monate" in german and "Langzeitarbeitslose, Bewohnerinnen und Bewohner" in german
    english = client.get(path + "/check?lang=en").get_data(as_text=True)
    assert "€20,000.00" in english and "March 1, 2027" in english and "Not provided" in english  # city
    assert "Lokal-Sozial-Innovativ (LSI" in english


def test_change_links_lead_back_to_the_check_page(client: FlaskClient) -> None:
    path = _new(client)
    html = client.get(path + "/check").get_data(as_text=True)
    change = re.search(r'href="([^"]+)#field-project_title"', html)
    assert change and change.group(1) == path + "?from=check"
    form_page = client.get(change.group(1)).get_data(as_text=True)
    assert '<input type="hidden" name="from" value="check">' in form_page
    response = _post(client, path, _form(complete_draft(), project_title="Geändert", **{"from": "check"},
                                         action="save"))
    assert response.status_code == 302 and response.location == path + "/check"


def test_an_incomplete_application_cannot_be_sent(client: FlaskClient) -> None:
    response = post_draft(client, {"language": "en", "conversation_id": "c", "programme": "lsi"})
    path = link_path(response)
    sent = _post(client, path + "/check", {})
    html = sent.get_data(as_text=True)
    assert sent.status_code == 400 and 'class="error-summary"' in html
    assert "LSI project type: Choose the LSI project type: A, B or C." in html
    assert "Project title: Enter the project title." in html
    assert repository.draft_by_token(path.rsplit("/", 1)[1]).status == "new"  # type: ignore[union-attr]


def test_sending_for_review_then_the_answers_are_read_only(client: FlaskClient) -> None:
    path = _new(client)
    response = _post(client, path + "/check", {})
    assert response.status_code == 302 and response.location == path
    html = client.get(path).get_data(as_text=True)
    assert "In Prüfung" in html and "Ihr Antrag wurde dem Bezirksbüro zur Prüfung geschickt" in html
    assert 'name="project_title"' not in html  # no form any more
    draft = repository.draft_by_token(path.rsplit("/", 1)[1])
    assert draft is not None and draft.status == "in_review" and draft.submitted_at is not None
    token = csrf_token(client, path + "/withdraw")
    client.post(path, data={**_form(complete_draft(), project_title="Later"), "csrf_token": token})
    assert repository.draft_by_token(path.rsplit("/", 1)[1]).project_title == "Kochen für den Kiez"  # type: ignore[union-attr]


def test_withdraw(client: FlaskClient) -> None:
    path = _new(client)
    assert "Ihren Antrag zurückziehen" in client.get(path + "/withdraw").get_data(as_text=True)
    assert client.post(path + "/withdraw").status_code == 400  # no CSRF token
    response = _post(client, path + "/withdraw", {})
    assert response.status_code == 302
    assert repository.draft_by_token(path.rsplit("/", 1)[1]).status == "withdrawn"  # type: ignore[union-attr]
    assert "Zurückgezogen" in client.get(path).get_data(as_text=True)
    assert client.get(path + "/withdraw").status_code == 302  # nothing left to withdraw


def test_delete_erases_everything_and_the_link_stops_working(client: FlaskClient) -> None:
    path = _new(client)
    assert client.post(path + "/delete").status_code == 400  # no CSRF token
    response = _post(client, path + "/delete", {})
    assert response.status_code == 200 and "Ihr Antrag wurde gelöscht" in response.get_data(as_text=True)
    assert client.get(path).status_code == 404
    assert repository.count_drafts(repository.DraftFilters()) == 0


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405_pages(client: FlaskClient, method: str) -> None:
    response = getattr(client, method)(_new(client))
    assert response.status_code == 405 and "Traceback" not in response.get_data(as_text=True)
