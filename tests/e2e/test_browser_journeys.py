"""Whole journeys in Debian's chromium against the three real servers: an applicant chats from the first
message to a recommendation and a stored draft, finishes it on the web page and sends it; a reviewer signs
in, finds it, sets a status, adds a note and sees both in the history and the CSV export. In German, in
English (shorter), and the German chat on phones (360 × 640 and 320 px wide).

The chat is driven by reading the question the assistant asks (tests/e2e/chat_driver.py), never by a fixed
order of messages. Screenshots of every step: test-output/journeys/<journey>/.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from ops.stack import APP_BIN, ROOT
from programmes.messages import LABELS
from tests.e2e.browser import AxeReport, Screenshots, horizontal_overflow, launch
from tests.e2e.chat_driver import Answer, Chat, Choose, Type, asks, button, text
from tests.e2e.conftest import RunningStack

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

STAFF_PASSWORD = "correct-horse-battery"
DESCRIPTION = {
    "de": "Wir kochen jede Woche mit Alleinerziehenden aus dem Kiez und helfen ihnen bei der Jobsuche.",
    "en": "Every week we cook with single parents from the neighbourhood and help them find work.",
}


def answers(lang: str, organisation: str, title: str) -> dict[str, Answer]:
    """Every question of the guidance and the draft, answered as one applicant would answer it."""
    de = lang == "de"
    return {
        # Guidance: what the project does and the few facts that change the recommendation.
        "guidance:question_project_description": Type(DESCRIPTION[lang]),
        "guidance:question_organisation_type": Choose(text("guidance", "button_association", lang)),
        "guidance:question_state": Choose(text("guidance", "button_berlin", lang)),
        "guidance:question_district": Type("Neukölln"),
        "guidance:question_in_disadvantaged_area": Choose(text("guidance", "button_dont_know", lang)),
        "guidance:question_requested_amount_eur": Type("15.000 Euro" if de else "15,000 euros"),
        "guidance:question_duration_months": Type("12 Monate" if de else "12 months"),
        "guidance:recommend_offer_draft": Choose(text("guidance", "button_start_draft", lang)),
        "guidance:recommend_offer_draft_next_call": Choose(text("guidance", "button_start_draft", lang)),
        # The draft: every field the application needs.
        "draft:question_programme": Choose("LSI"),
        "draft:question_lsi_type": Choose("A"),
        "draft:question_project_summary": Type(DESCRIPTION[lang]),
        "draft:summary_offer": Choose(text("draft", "button_use_summary", lang)),
        "draft:question_organisation_name": Type(organisation),
        "draft:question_legal_form": Type("e.V."),
        "draft:question_organisation_type": Choose(LABELS["association"][lang]),
        "draft:question_contact_name": Type("Anna Beispiel" if de else "Anna Example"),
        "draft:question_contact_email": Type("anna@kiezkueche.example"),
        "draft:question_contact_phone": Type("030 1234567"),
        "draft:question_district": Type("Neukölln"),
        "draft:question_project_title": Type(title),
        "draft:question_target_groups": Choose(LABELS["single_parents"][lang]),
        "draft:question_participants": Type("12"),
        "draft:question_start_date": Type("1. März 2027" if de else "1 March 2027"),
        "draft:question_duration_months": Type("12 Monate" if de else "12 months"),
        "draft:question_total_budget_eur": Type("18.000 €" if de else "€18,000"),
        "draft:question_requested_amount_eur": Type("15.000 €" if de else "€15,000"),
        "draft:clarify_answer": Choose(button("draft", "button_take_answer", lang)),
        "draft:review_question": Choose(text("draft", "button_all_correct", lang)),
        "draft:question_draft_consent": Choose(text("draft", "button_yes_store", lang)),
    }


OFFERS = ("guidance:recommend_offer_draft", "guidance:recommend_offer_draft_next_call")


def stored(reply: str) -> bool:
    return "Ihr Entwurf" in reply or "Your draft" in reply


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


@pytest.fixture(scope="module")
def reviewer(running: RunningStack) -> str:
    subprocess.run([str(APP_BIN / "flask"), "--app", "webform", "create-staff", "rosa", "--password",
                    STAFF_PASSWORD], cwd=ROOT, env=running.env, check=True, capture_output=True)
    return "rosa"


def _chat_to_a_stored_draft(page: Page, chat: Chat, lang: str, organisation: str, title: str) -> None:
    de = lang == "de"
    page.goto(f"/?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    chat.shots.take(page, "home page")
    chat.send(Type("Hallo" if de else "Hello"))
    expect(chat.log).to_contain_text("Ich bin Kiezlotse" if de else "I'm Kiezlotse")
    chat.send(Type("Wir suchen Förderung für unser Projekt" if de else "We are looking for funding for our project"))
    every = answers(lang, organisation, title)
    recommendation = chat.converse(every, done=asks(*OFFERS, lang=lang))
    chat.shots.take(page, "recommendation")
    # Sources read as short labels, never as raw addresses.
    source = chat.log.get_by_role("link", name=re.compile(r"^(Quelle|Source): .+, (Stand|as of) \d{4}"))
    expect(source.first).to_be_visible()
    assert "http" not in recommendation
    axe = AxeReport(f"journey-{lang}")
    assert axe.scan(page, "home, the assistant's recommendation") == []
    chat.converse(every, done=stored, shoot={"draft:review_question", "draft:question_draft_consent"})
    chat.shots.take(page, "draft stored")
    assert "http" not in chat.log.inner_text()
    assert axe.scan(page, "home, the draft stored") == []


def _finish_on_the_page(page: Page, chat: Chat, lang: str, title: str, new_title: str) -> None:
    de = lang == "de"
    chat.log.get_by_role("link", name="Ihr Entwurf" if de else "Your draft").last.click()
    expect(page.get_by_role("heading", name="Ihr Antrag" if de else "Your application")).to_be_visible()
    title_field = page.get_by_label("Projekttitel" if de else "Project title")
    expect(title_field).to_have_value(title)  # what the chat collected is on the page
    chat.shots.take(page, "draft page")
    title_field.fill(new_title)
    page.get_by_role("button", name="Speichern und Antworten prüfen" if de else "Save and check your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Prüfen Sie Ihre Antworten, bevor Sie Ihren Antrag abschicken" if de
        else "Check your answers before sending your application")
    expect(page.get_by_text(new_title)).to_be_visible()
    chat.shots.take(page, "check your answers")
    page.get_by_role("button", name="Zur Prüfung abschicken" if de else "Send for review").click()
    expect(page.get_by_role("status")).to_contain_text("Prüfung" if de else "review")
    chat.shots.take(page, "sent for review")


def _review(browser: Browser, running: RunningStack, reviewer: str, shots: Screenshots, lang: str,
            new_title: str, csv_check: bool) -> None:
    de = lang == "de"
    context = browser.new_context(base_url=running.webform_url, accept_downloads=True)
    page = context.new_page()
    page.goto(f"/staff/login?lang={lang}")
    page.get_by_label("Benutzername" if de else "User name").fill(reviewer)
    page.get_by_label("Passwort" if de else "Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Anmelden" if de else "Sign in").click()
    page.get_by_label("Suche" if de else "Search").fill(new_title)
    page.get_by_role("button", name="Filter anwenden" if de else "Apply filters").click()
    expect(page.get_by_text("1 Entwurf gefunden." if de else "1 draft found.")).to_be_visible()
    shots.take(page, "staff finds the draft")
    page.get_by_role("link", name=new_title).click()
    expect(page.get_by_role("heading", name=new_title)).to_be_visible()

    ready = "Bereit zur Einreichung" if de else "Ready to submit"
    page.get_by_label("Neuer Status" if de else "New status").select_option(label=ready)
    page.get_by_role("button", name="Status ändern" if de else "Change status").click()
    expect(page.get_by_role("status")).to_contain_text(ready)
    note = "Budget mit dem Bezirk abgestimmt." if de else "Budget agreed with the district."
    page.get_by_label("Notiz für Kolleginnen und Kollegen" if de else "Note for colleagues").fill(note)
    page.get_by_role("button", name="Notiz speichern" if de else "Add note").click()
    expect(page.get_by_role("status")).to_contain_text("Notiz hinzugefügt." if de else "Note added.")
    history = page.locator("table").last
    expect(history).to_contain_text(note)
    expect(history).to_contain_text(f"{'In Prüfung' if de else 'In review'} → {ready}")
    expect(history).to_contain_text(new_title)  # the applicant's change on the page
    shots.take(page, "staff history")

    if csv_check:
        page.get_by_role("link", name="Zurück zur Liste" if de else "Back to the list").click()
        with page.expect_download() as download:
            page.get_by_role("link", name="Als CSV herunterladen" if de else "Download as CSV").click()
        content = download.value.path().read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content), delimiter=";" if de else ","))
        row = next(r for r in rows if new_title in r)
        assert "ready" in row, row  # the status just set
    context.close()


@pytest.mark.parametrize(("lang", "csv_check"), [("de", True), ("en", False)])
def test_from_the_first_message_to_the_staff_review(
    browser: Browser, running: RunningStack, reviewer: str, lang: str, csv_check: bool
) -> None:
    shots = Screenshots(f"{lang}-applicant-to-review")
    context = browser.new_context(base_url=running.webform_url, locale="de-DE" if lang == "de" else "en-GB")
    page = context.new_page()
    chat = Chat(page, lang, shots)
    organisation = "Kiezküche Neukölln e.V." if lang == "de" else "Neighbourhood Kitchen e.V."
    title = "Kochen verbindet" if lang == "de" else "Cooking connects"
    new_title = f"{title} im Kiez" if lang == "de" else f"{title} in the Kiez"
    _chat_to_a_stored_draft(page, chat, lang, organisation, title)
    _finish_on_the_page(page, chat, lang, title, new_title)
    context.close()
    shots.write("conversation.txt", [f"{who}: {said}" for who, said in chat.turns])
    _review(browser, running, reviewer, shots, lang, new_title, csv_check)
    shots.write("steps.txt", shots.steps)


@pytest.mark.parametrize("size", [(360, 640), (320, 568)], ids=["360x640", "320x568"])
def test_the_german_chat_on_a_phone(browser: Browser, running: RunningStack, size: tuple[int, int]) -> None:
    width, height = size
    context = browser.new_context(base_url=running.webform_url, viewport={"width": width, "height": height},
                                  is_mobile=True, has_touch=True, locale="de-DE")
    page = context.new_page()
    shots = Screenshots(f"de-phone-{width}px")
    chat = Chat(page, "de", shots, max_width_check=True)
    page.goto("/?lang=de")
    assert horizontal_overflow(page) == 0
    chat.send(Type("Wir suchen Förderung für unser Projekt"))
    every = answers("de", "Kiezküche Neukölln e.V.", "Kochen verbindet")
    chat.converse(every, done=asks(*OFFERS, lang="de"), shoot={"guidance:question_organisation_type"})
    shots.take(page, "recommendation")
    link = chat.log.get_by_role("link", name=re.compile(r"^Quelle: ")).first
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    # The answer buttons of the recommendation fit the screen too, and a tap sends the choice.
    chat.send(Choose(text("guidance", "button_start_draft", "de")))
    shots.take(page, "draft started")
    assert horizontal_overflow(page) == 0
    shots.write("conversation.txt", [f"{who}: {said}" for who, said in chat.turns])
    context.close()
