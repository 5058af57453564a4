"""Applicant pages /d/<token>: pre-filled form, validation, check your answers, submit, withdraw, delete;
versions against lost updates, no lost work, German conventions."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.drafts_factories import complete_draft, fresh_g_per_request, link_path, post_draft
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
    assert response.status_code == 201, response.get_json()
    return link_path(response)


def version_on(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found, f"no version on {path}"
    return found.group(1)


def _post(client: FlaskClient, path: str, data: dict[str, Any], page: str | None = None) -> Any:
    """Posts a form as the browser would after showing `page` (default: `path`), with that page's version."""
    return client.post(path, data={**data, "version": version_on(client, page or path)})


def _draft(path: str) -> Any:
    draft = repository.draft_by_token(path.rsplit("/", 1)[1])
    assert draft is not None
    return draft


def test_the_link_opens_the_prefilled_draft_in_the_conversation_language(client: FlaskClient) -> None:
    page = client.get(_new(client)).get_data(as_text=True)
    assert '<html lang="de">' in page
    assert 'value="Kiezküche Neukölln e.V."' in page and "Ihr Antrag" in page
    assert '<option value="Neukölln" selected>' in page
    # German conventions in the form: grouped amounts with a decimal comma, the date as Germans type it.
    assert 'value="long_term_unemployed" checked' in page and 'value="20.000"' in page
    assert 'value="18.000,50"' in page and 'value="01.03.2027"' in page


def test_the_person_can_choose_english(client: FlaskClient) -> None:
    page = client.get(_new(client) + "?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page and "Your application" in page and "Name of your organisation" in page
    assert 'value="18,000.50"' in page and 'value="2027-03-01"' in page


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
    assert response.headers["Referrer-Policy"] == "no-referrer" and response.headers["Cache-Control"] == "no-store"


def test_a_script_is_shown_as_text(client: FlaskClient) -> None:
    path = _new(client, organisation_name="<script>alert(1)</script>", project_title="<b>bold</b>")
    for page in (client.get(path), client.get(path + "/check")):
        html = page.get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_lost_session_loses_nothing_because_the_link_authorises_the_change(app: Flask) -> None:
    """The session cookie expired or was cleared while the person typed: the save still works."""
    opener = app.test_client()
    path = _new(opener)
    version = version_on(opener, path)
    without_session = app.test_client()  # no cookie at all, as after a lost session
    response = without_session.post(path, data={**_form(complete_draft(), project_title="Nach Sitzungsende"),
                                                "version": version, "action": "save"})
    assert response.status_code == 302
    assert _draft(path).project_title == "Nach Sitzungsende"


def test_a_request_a_browser_marks_as_cross_site_is_refused(client: FlaskClient) -> None:
    path = _new(client)
    response = client.post(path, data={**_form(complete_draft(), project_title="Forged"), "version": "1"},
                           headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert _draft(path).project_title == "Kochen für den Kiez"


def test_bad_answers_get_an_error_summary_linking_the_input_and_keep_what_was_typed(client: FlaskClient) -> None:
    path = _new(client)
    response = _post(client, path + "?lang=en", _form(complete_draft(), contact_email="ayse-at-example",
                                                        total_budget_eur="15000", requested_amount_eur="16000"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Error: Your application" in html and 'class="error-summary"' in html
    # The link lands on the input itself (id="contact_email"), not on the wrapper around it.
    assert '<a href="#contact_email">E-mail address: Enter an e-mail address in the correct format' in html
    assert 'id="contact_email" name="contact_email"' in html
    assert "The amount requested cannot be more than the total budget (€15,000)." in html
    assert 'value="ayse-at-example"' in html and 'aria-describedby="contact_email-hint contact_email-error"' in html
    assert 'value="16000"' in html


def test_an_error_on_the_target_groups_links_the_first_box(client: FlaskClient) -> None:
    path = _new(client)
    html = _post(client, path + "?lang=en", _form(complete_draft(), target_groups=["pets"])).get_data(as_text=True)
    assert '<a href="#target_groups">' in html and 'type="checkbox" id="target_groups"' in html


def test_german_error_messages(client: FlaskClient) -> None:
    html = _post(client, _new(client), _form(complete_draft(), duration_months="viele")).get_data(as_text=True)
    assert "<title>Fehler: Ihr Antrag" in html
    assert "Geben Sie eine Laufzeit zwischen 1 und 120 Monaten ein." in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1.000,50", "1000.50"), ("1.000,- €", "1000.00"), ("EUR 1.000", "1000.00"), ("1,000.50", "1000.50"),
     ("15k", "15000.00")],
)
def test_money_is_read_as_written_in_german_and_english(client: FlaskClient, typed: str, stored: str) -> None:
    path = _new(client)
    response = _post(client, path, _form(complete_draft(), requested_amount_eur=typed, action="save"))
    assert response.status_code == 302
    assert _draft(path).requested_amount_eur == Decimal(stored)


def test_an_ambiguous_amount_is_asked_back_not_guessed(client: FlaskClient) -> None:
    path = _new(client)
    response = _post(client, path, _form(complete_draft(), requested_amount_eur="0,500"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Meinten Sie 500 € oder 0,50 €?" in html and 'value="0,500"' in html
    assert _draft(path).requested_amount_eur == Decimal("18000.50")


@pytest.mark.parametrize("typed", ["01.03.2027", "1. März 2027", "2027-03-01", "1.3.2027"])
def test_a_date_is_read_as_typed_in_the_locale(client: FlaskClient, typed: str) -> None:
    path = _new(client, start_date="2027-04-01")
    assert _post(client, path, _form(complete_draft(), start_date=typed, action="save")).status_code == 302
    assert _draft(path).start_date.isoformat() == "2027-03-01"


def test_a_wrong_date_is_refused_with_examples_in_the_locale(client: FlaskClient) -> None:
    html = _post(client, _new(client), _form(complete_draft(), start_date="31.02.2027")).get_data(as_text=True)
    assert "Geben Sie ein echtes Datum ein, zum Beispiel 01.01.2027 oder 1. Januar 2027." in html


def test_over_long_text_is_refused_with_the_limit_and_kept_as_typed(client: FlaskClient) -> None:
    path = _new(client)
    long_title = "Kiez " * 41  # 205 characters, the limit is 200
    response = _post(client, path + "?lang=en", _form(complete_draft(), project_title=long_title))
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Enter at most 200 characters. You entered 204." in html
    assert f'value="{long_title}"' in html
    assert _draft(path).project_title == "Kochen für den Kiez"


def test_the_language_switch_keeps_what_was_typed(client: FlaskClient) -> None:
    path = _new(client)
    typed = _form(complete_draft(), project_title="Noch nicht gespeichert", requested_amount_eur="17.500")
    response = client.post(path + "?lang=en", data={**typed, "version": version_on(client, path),
                                                   "switch_language": "en"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="en">' in html and "Your application" in html
    assert 'value="Noch nicht gespeichert"' in html and 'value="17.500"' in html
    assert 'class="error-summary"' not in html
    assert _draft(path).project_title == "Kochen für den Kiez"  # switching saves nothing
    # The switch is a button of the form, so it works without JavaScript.
    assert 'form="draft-form"' in html and 'name="switch_language" value="de"' in html


def test_save_and_come_back_later(client: FlaskClient, app: Flask) -> None:
    path = _new(client)
    response = _post(client, path, _form(complete_draft(), project_title="Neuer Titel", total_budget_eur="21.000",
                                         action="save"))
    assert response.status_code == 302 and response.location == path
    assert "Ihre Antworten sind gespeichert" in client.get(path).get_data(as_text=True)
    draft = _draft(path)
    assert draft.project_title == "Neuer Titel" and str(draft.total_budget_eur) == "21000.00"
    assert [e.action for e in repository.history(draft)] == ["created", "updated"]
    assert draft.version == 2


def test_a_save_from_an_older_page_is_refused_with_what_changed_and_keeps_what_was_typed(client: FlaskClient) -> None:
    path = _new(client)
    old_version = version_on(client, path)
    _post(client, path, _form(complete_draft(), project_title="Aus dem ersten Fenster", action="save"))
    response = client.post(path, data={**_form(complete_draft(), project_title="Aus dem zweiten Fenster"),
                                       "version": old_version, "action": "save"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "in einem anderen Fenster oder vom Bezirksbüro geändert" in html
    assert "Projekttitel: Kochen für den Kiez → Aus dem ersten Fenster" in html
    assert 'value="Aus dem zweiten Fenster"' in html  # what was typed is shown again
    assert _draft(path).project_title == "Aus dem ersten Fenster"
    # Saving again from this page keeps the second window's answers, knowingly.
    assert _post(client, path, _form(complete_draft(), project_title="Aus dem zweiten Fenster",
                                     action="save")).status_code == 302
    assert _draft(path).project_title == "Aus dem zweiten Fenster"


def test_answers_sent_after_the_office_took_the_draft_over_are_refused_with_what_happened(client: FlaskClient) -> None:
    path = _new(client)
    version = version_on(client, path)
    draft = _draft(path)
    repository.change_status(draft, repository.DraftStatus.IN_REVIEW, "staff:alice", draft.version)
    response = client.post(path, data={**_form(complete_draft(), project_title="Zu spät"), "version": version})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "Ihr Antrag wurde vom Bezirksbüro geändert" in html
    assert "Status: Entwurf → In Prüfung" in html
    assert _draft(path).project_title == "Kochen für den Kiez"


def test_check_your_answers_formats_money_and_dates_by_locale(client: FlaskClient) -> None:
    path = _new(client)
    german = client.get(path + "/check?lang=de").get_data(as_text=True)
    assert "20.000 €" in german and "18.000,50 €" in german and "1. März 2027" in german
    assert "A: Mikroprojekte" in german and "12 Monate" in german and "Langzeitarbeitslose, Bewohnerinnen und Bewohner" in german
    english = client.get(path + "/check?lang=en").get_data(as_text=True)
    assert "€20,000" in english and "1 March 2027" in english and "Not provided" in english  # city
    assert "Lokal-Sozial-Innovativ (LSI" in english


def test_change_links_lead_to_the_input_and_back_to_the_check_page(client: FlaskClient) -> None:
    path = _new(client)
    html = client.get(path + "/check").get_data(as_text=True)
    change = re.search(r'href="([^"]+)#project_title"', html)
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
    assert "Project type: Choose the project type." in html
    assert "Project title: Enter the project title." in html
    assert "Legal form: Enter the legal form" in html
    assert _draft(path).status == "new"


def test_a_biwaq_draft_needs_the_municipality_and_the_area(client: FlaskClient) -> None:
    body = complete_draft(language="en", programme="biwaq", lsi_type=None, district=None, city="Gelsenkirchen",
                          organisation_type="municipality", legal_form="KdöR", total_budget_eur=400000,
                          requested_amount_eur=350000)
    path = link_path(post_draft(client, body))
    html = _post(client, path + "/check", {}).get_data(as_text=True)
    assert "Municipality that applies: Enter the municipality that applies." in html
    assert "Neighbourhood or funding area: Enter the neighbourhood" in html


def test_sending_for_review_then_the_answers_are_read_only(client: FlaskClient) -> None:
    path = _new(client)
    response = _post(client, path + "/check", {})
    assert response.status_code == 302 and response.location == path
    html = client.get(path).get_data(as_text=True)
    assert "In Prüfung" in html and "Ihr Antrag wurde dem Bezirksbüro zur Prüfung geschickt" in html
    assert 'name="project_title"' not in html  # no form any more
    draft = _draft(path)
    assert draft.status == "in_review" and draft.submitted_at is not None
    client.post(path, data={**_form(complete_draft(), project_title="Later"), "version": str(draft.version)})
    assert _draft(path).project_title == "Kochen für den Kiez"


def test_sending_three_times_records_one_submission(client: FlaskClient) -> None:
    """Repeated taps on "Send for review" (a slow network): one status change in the history."""
    path = _new(client)
    version = version_on(client, path + "/check")
    answers = [client.post(path + "/check", data={"version": version}) for _ in range(3)]
    assert [a.status_code for a in answers] == [302, 302, 302]
    draft = _draft(path)
    assert [e.action for e in repository.history(draft)] == ["created", "status"]
    assert draft.status == "in_review" and draft.version == 2


def test_withdraw(client: FlaskClient) -> None:
    path = _new(client)
    assert "Ihren Antrag zurückziehen" in client.get(path + "/withdraw").get_data(as_text=True)
    assert client.post(path + "/withdraw").status_code == 409  # no version: the page was not seen
    response = _post(client, path + "/withdraw", {})
    assert response.status_code == 302
    assert _draft(path).status == "withdrawn"
    assert "Zurückgezogen" in client.get(path).get_data(as_text=True)
    assert client.get(path + "/withdraw").status_code == 302  # nothing left to withdraw


def test_a_submission_after_the_office_acted_is_refused_with_what_happened(client: FlaskClient) -> None:
    path = _new(client)
    version = version_on(client, path + "/check")
    draft = _draft(path)
    repository.change_status(draft, repository.DraftStatus.REJECTED, "staff:alice", draft.version, "Kein Bezug")
    response = client.post(path + "/check", data={"version": version})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "Status: Entwurf → Nicht weiterverfolgt" in html and "alice" in html
    assert _draft(path).status == "rejected"


def test_delete_erases_everything_and_the_link_stops_working(client: FlaskClient) -> None:
    path = _new(client)
    response = client.post(path + "/delete")  # the private link is the authorisation
    assert response.status_code == 200 and "Ihr Antrag wurde gelöscht" in response.get_data(as_text=True)
    assert client.get(path).status_code == 404
    assert repository.count_drafts(repository.DraftFilters()) == 0


def test_a_draft_that_breaks_the_programme_limits_is_flagged_and_cannot_be_sent(client: FlaskClient) -> None:
    """Stored before the rule (or the catalogue) changed: LSI type B runs at most 6 months; an e.V. is no
    start-up. The applicant sees both at once and cannot send until they are fixed."""
    path = _new(client, duration_months=6, lsi_type="B")
    draft = _draft(path)
    repository.update_fields(draft, {"duration_months": 12, "organisation_type": "startup"}, "system", draft.version)
    for page in (client.get(path + "?lang=en"), client.get(path + "/check?lang=en")):
        html = page.get_data(as_text=True)
        assert "Check these answers" in html
        assert "LSI projects of type B (development projects) can run for at most 6 months." in html
        assert "The legal form e.V. does not go with the type of organisation “start-up”." in html
    sent = _post(client, path + "/check?lang=en", {})
    assert sent.status_code == 400 and _draft(path).status == "new"


def test_answers_that_break_the_limits_are_refused_on_the_form(client: FlaskClient) -> None:
    path = _new(client)
    response = _post(client, path + "?lang=en", _form(complete_draft(), lsi_type="B", duration_months="12"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<a href="#duration_months">Duration in months: LSI projects of type B (development projects) can run ' \
           "for at most 6 months. Enter a shorter duration. Or choose another project type.</a>" in html
    assert _draft(path).lsi_type == "A"


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405_pages(client: FlaskClient, method: str) -> None:
    response = getattr(client, method)(_new(client))
    assert response.status_code == 405 and "Traceback" not in response.get_data(as_text=True)
