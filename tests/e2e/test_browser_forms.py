"""The form service's pages in Debian's chromium (Playwright), against the form service started as
`make run` starts it, on SQLite and PostgreSQL: two reviewers at once, and the applicant's and the
finder's pages with JavaScript switched off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.drafts_factories import complete_draft
from tests.e2e.browser import launch
from tests.form_service import STAFF_PASSWORD, RunningFormService, form_service

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def service(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningFormService]:
    with form_service(tmp_path_factory.mktemp(f"forms-{request.param}"), request.param) as running:
        running.create_staff("alice")
        running.create_staff("bob")
        yield running


def _signed_in(browser: Browser, service: RunningFormService, username: str) -> Page:
    page = browser.new_context(base_url=service.url, locale="de-DE").new_page()
    page.goto("/staff/login?lang=de")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Antragsentwürfe")).to_be_visible()
    return page


def test_two_reviewers_in_two_browsers_the_later_one_is_told_and_overrides_nothing(
    browser: Browser, service: RunningFormService
) -> None:
    draft_id = service.api("POST", "/api/drafts", complete_draft(conversation_id="two-reviewers"))["id"]
    alice, bob = _signed_in(browser, service, "alice"), _signed_in(browser, service, "bob")
    alice.goto(f"/staff/drafts/{draft_id}")
    alice.get_by_label("Neuer Status").select_option(label="In Prüfung")
    alice.get_by_role("button", name="Status ändern").click()
    expect(alice.get_by_role("status")).to_contain_text("Status geändert in: In Prüfung")

    alice.reload()
    bob.goto(f"/staff/drafts/{draft_id}")  # both now see the draft "In Prüfung"
    alice.get_by_label("Neuer Status").select_option(label="Änderungen erbeten")
    alice.get_by_role("button", name="Status ändern").click()
    expect(alice.get_by_role("status")).to_contain_text("Änderungen erbeten")

    bob.get_by_label("Neuer Status").select_option(label="Nicht weiterverfolgt")
    bob.get_by_label("Begründung (freiwillig, bleibt im Verlauf)").fill("Kein Bezug zum Bezirk.")
    bob.get_by_role("button", name="Status ändern").click()
    alert = bob.get_by_role("alert")
    expect(alert).to_contain_text("Dieser Entwurf wurde geändert, nachdem Sie die Seite geöffnet haben")
    expect(alert).to_contain_text("alice: Status geändert")
    expect(alert).to_contain_text("Status: In Prüfung → Änderungen erbeten")
    expect(bob.get_by_label("Begründung (freiwillig, bleibt im Verlauf)")).to_have_value("Kein Bezug zum Bezirk.")

    stored = service.api("GET", f"/api/drafts/{draft_id}", token="STAFF_API_TOKEN")
    assert stored["status"] == "changes_requested" and stored["version"] == 3


def test_the_applicant_pages_work_without_javascript(browser: Browser, service: RunningFormService) -> None:
    link = service.api("POST", "/api/drafts", complete_draft(conversation_id="no-js"))["edit_url"]
    path = "/d/" + link.rsplit("/d/", 1)[1]
    page = browser.new_context(base_url=service.url, java_script_enabled=False).new_page()
    page.goto(path)
    expect(page.get_by_role("heading", name="Ihr Antrag")).to_be_visible()
    expect(page.get_by_label("Gesamtbudget in Euro")).to_have_value("20.000")

    # A mistake: the summary's link leads to the input itself.
    page.get_by_label("Beantragte Summe in Euro").fill("0,500")
    page.get_by_label("Projekttitel").fill("Kochen verbindet")
    page.get_by_role("button", name="Speichern und Antworten prüfen").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Meinten Sie 500 € oder 0,50 €?")
    expect(page.get_by_label("Projekttitel")).to_have_value("Kochen verbindet")  # nothing typed is lost
    summary.get_by_role("link").first.click()
    assert page.url.endswith("#requested_amount_eur")
    expect(page.get_by_label("Beantragte Summe in Euro")).to_be_focused()

    # Switching the language sends what was typed along.
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Your application")).to_be_visible()
    expect(page.get_by_label("Project title")).to_have_value("Kochen verbindet")
    page.get_by_label("Amount requested in euros").fill("18.000")
    page.get_by_role("button", name="Save and check your answers").click()
    expect(page.get_by_role("heading", name="Check your answers before sending your application")).to_be_visible()
    expect(page.get_by_text("€18,000")).to_be_visible()
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("status")).to_contain_text("Your application has been sent")
    expect(page.get_by_text("In review")).to_be_visible()


def test_the_finder_works_without_javascript(browser: Browser, service: RunningFormService) -> None:
    page = browser.new_context(base_url=service.url, java_script_enabled=False).new_page()
    page.goto("/?lang=de")
    page.get_by_role("link", name="Zum Programmfinder").first.click()
    page.get_by_label("Verein", exact=True).check()
    page.get_by_label("In welchem Berliner Bezirk?").select_option("Neukölln")
    page.get_by_label("Wie viel Förderung brauchen Sie, in Euro?").fill("15.000")
    page.get_by_role("button", name="Passende Programme zeigen").click()
    expect(page.get_by_role("heading", name="Programme für Sie, die besten zuerst")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Programmes for you, best first")).to_be_visible()
    expect(page.get_by_label("How much funding do you need, in euros?")).to_have_value("15.000")
    expect(page.get_by_label("association", exact=True)).to_be_checked()
