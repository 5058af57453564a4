"""Every page of the website passes axe-core with no serious or critical violation, in German and English:
the start page with a conversation in it, the finder and its results, privacy, the applicant's pages
(form, errors, warnings, check, sent, withdraw, delete, a wrong link) and the staff pages (the maintainer
pages too: inbox, groups, conversation, a message's intent and entities, evaluation report with and without
a report, programme facts). Pages are
scanned in Debian's chromium as a person reaches them, with axe-core from the axe-playwright-python
package. Results per page: test-output/axe/<language>.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from bot.evaluation.report import build_report
from tests import tracker_events
from tests.drafts_factories import callback_body, complete_draft
from tests.e2e.browser import AxeReport, launch
from tests.form_service import STAFF_PASSWORD, RunningFormService, form_service

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

ONE_PIXEL_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                              "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a3c10000000049454e44ae426082")

IBB = "https://www.ibb.de/de/foerderprogramme/lokale-foerderung-sozialer-integration-und-innovation.html"
CHAT_REPLY = {
    "de": [{"text": f"LSI passt (Quelle: {IBB}, Stand: 2021–2027). Soll ich einen Antragsentwurf anlegen?",
            "buttons": [{"title": "Ja", "payload": "/affirm"}, {"title": "Nein", "payload": "/deny"}]}],
    "en": [{"text": f"LSI fits (source: {IBB}, as of: 2021–2027). Shall I start an application draft?",
            "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]}],
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("report")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, report_dir: Path) -> Iterator[RunningFormService]:
    with form_service(tmp_path_factory.mktemp("accessibility"),
                      env={"EVALUATION_REPORT_DIR": str(report_dir)}) as running:
        running.create_staff("alice", role="maintainer")
        running.api("POST", "/api/callbacks", callback_body())
        store = tracker_events.create_store(running.tracker_store_url)
        tracker_events.write(store, "axe-inbox", [
            tracker_events.user("Kriegt unser Verein Kohle?", "nlu_fallback", 0.4, 1795600000.0,
                                ranking=[("find_programme", 0.4)], language="de"),
            tracker_events.action("action_handle_fallback", 1795600001.0),
            tracker_events.bot("Entschuldigung, das habe ich nicht verstanden.", 1795600002.0),
        ])
        yield running


def _link_path(service: RunningFormService, **changes: object) -> str:
    link = service.api("POST", "/api/drafts", complete_draft(**changes))["edit_url"]
    return "/d/" + link.rsplit("/d/", 1)[1]


def _submit(page: Page) -> None:
    """The page's main form's first submit button (not the language switch in the header)."""
    page.locator("main form button[type=submit]").first.click()


class Scanner:
    def __init__(self, page: Page, report: AxeReport) -> None:
        self.page, self.report = page, report

    def __call__(self, label: str) -> None:
        expect(self.page.locator("h1")).to_be_visible()
        self.report.scan(self.page, label)


def _chat_pages(page: Page, scan: Scanner, lang: str) -> None:
    def assistant(route: Route) -> None:
        if route.request.method == "OPTIONS":
            route.fulfill(status=204, headers={"Access-Control-Allow-Origin": "*",
                                               "Access-Control-Allow-Headers": "Content-Type"})
        else:
            route.fulfill(headers={"Access-Control-Allow-Origin": "*"}, content_type="application/json",
                          body=json.dumps(CHAT_REPLY[lang]))

    page.goto(f"/?lang={lang}")
    scan("home")
    page.route("**/webhooks/rest/webhook", assistant)
    page.locator("#chat-input").fill("LSI")
    page.locator("#chat-input").press("Enter")
    expect(page.locator(".chat-buttons button")).to_have_count(2)
    scan("home, chat with sources and answer buttons")
    page.unroute("**/webhooks/rest/webhook")
    page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    page.locator("#chat-input").fill("LSI")
    page.locator("#chat-input").press("Enter")
    expect(page.locator(".chat-retry")).to_be_visible()
    scan("home, assistant unreachable")
    page.unroute("**/webhooks/rest/webhook")
    page.goto("/privacy")
    scan("privacy")


def _finder_pages(page: Page, scan: Scanner) -> None:
    page.goto("/finder")
    scan("finder")
    page.locator("#budget_eur").fill("a lot")
    _submit(page)
    expect(page.locator(".error-summary")).to_be_visible()
    scan("finder, errors")
    page.locator("#applicant_type").check()
    page.locator("#district").select_option("Neukölln")
    page.locator("#budget_eur").fill("15000")
    _submit(page)
    expect(page.locator(".results")).to_be_visible()
    scan("finder, results")


def _applicant_pages(page: Page, scan: Scanner, service: RunningFormService, lang: str) -> None:
    path = _link_path(service, language=lang, conversation_id=f"axe-{lang}")
    page.goto(path)
    scan("applicant form")
    page.locator("#requested_amount_eur").fill("0,500")
    _submit(page)
    expect(page.locator(".error-summary")).to_be_visible()
    scan("applicant form, errors")
    page.goto(path + "/check")
    scan("check your answers")
    page.locator("#send").click()
    expect(page.get_by_role("status")).to_be_visible()
    scan("application sent")
    page.goto(path + "/withdraw")
    scan("withdraw")
    page.goto(path + "/delete")
    scan("delete")
    _submit(page)
    scan("deleted")
    page.goto(path)
    scan("wrong or expired link (404)")



def _write_report(directory: Path) -> None:
    """A small report as `make evaluate` writes it, with a one-pixel picture for each confusion matrix."""
    examples = [{"text": "Hallo", "intent": "greet", "entities": []},
                {"text": "Tschüss", "intent": "goodbye", "entities": []}]
    report = build_report({"de": examples, "en": examples},
                          lambda texts: [{"intent": {"name": "greet", "confidence": 0.8}} for _ in texts],
                          "kiezlotse-axe.tar.gz", suite_dir=directory / "no-suite")
    for language, section in report["languages"].items():
        section["confusion_png"] = f"confusion_{language}.png"
        (directory / section["confusion_png"]).write_bytes(ONE_PIXEL_PNG)
    report["comparison"] = {"regressions": ["de: intent_macro_f1 0.333 is 66.7 points below the baseline"],
                            "notes": [], "changes": []}
    (directory / "report.json").write_text(json.dumps(report), encoding="utf-8")


def _maintainer_pages(page: Page, scan: Scanner, report_dir: Path) -> None:
    page.goto("/staff/maintain/inbox")
    page.locator("a[href*='/staff/maintain/messages/']").first.click()
    scan("maintainer message, not labelled")
    page.locator("#message-intent").select_option("find_programme")
    page.locator("form[action$='/labels'] button[type=submit]").click()
    expect(page.locator("#entity-part")).to_be_visible()
    scan("maintainer message, entities")
    page.locator("form[action$='/entities'] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    scan("maintainer message, entity refused")
    for old in report_dir.iterdir():
        old.unlink()
    page.goto("/staff/maintain/report")
    scan("maintainer evaluation report, none yet")
    _write_report(report_dir)
    page.goto("/staff/maintain/report")
    expect(page.locator("figure img")).to_have_count(2)
    scan("maintainer evaluation report")
    page.goto("/staff/maintain/facts")
    scan("maintainer programme facts")


def _staff_pages(page: Page, scan: Scanner, service: RunningFormService, lang: str) -> None:
    _link_path(service, language=lang, conversation_id=f"axe-staff-{lang}")
    page.goto("/staff/login")
    scan("staff sign-in")
    page.locator("#username").fill("alice")
    page.locator("#password").fill("wrong")
    _submit(page)
    scan("staff sign-in, error")
    page.locator("#password").fill(STAFF_PASSWORD)
    _submit(page)
    expect(page.locator("table")).to_be_visible()
    scan("staff drafts list")
    page.locator("tbody a").first.click()
    scan("staff draft detail")
    page.locator("#note").fill("Rückfrage zum Budget")
    page.locator("form[action$='/notes'] button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    scan("staff draft detail, after a note")
    page.locator("form[action$='/notes'] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    scan("staff draft detail, empty note refused")
    page.goto("/staff/dashboard")
    scan("staff dashboard")
    page.goto("/staff/callbacks")
    scan("staff callbacks")
    page.goto("/staff/maintain/inbox")
    expect(page.locator("input[name=event]")).to_have_count(1)
    scan("maintainer inbox")
    page.goto("/staff/maintain/inbox?from=yesterday")
    expect(page.locator(".error-summary")).to_be_visible()
    scan("maintainer inbox, bad filter")
    page.goto("/staff/maintain/groups")
    scan("maintainer groups")
    page.goto("/staff/maintain/conversations/axe-inbox")
    scan("maintainer conversation review")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_has_no_serious_or_critical_accessibility_violation(
    browser: Browser, service: RunningFormService, report_dir: Path, lang: str
) -> None:
    context = browser.new_context(base_url=service.url)
    page = context.new_page()
    report = AxeReport(lang)
    scan = Scanner(page, report)
    try:
        _chat_pages(page, scan, lang)
        _finder_pages(page, scan)
        _applicant_pages(page, scan, service, lang)
        _staff_pages(page, scan, service, lang)
        _maintainer_pages(page, scan, report_dir)
    finally:
        context.close()
    assert all(p["lang"] == lang for p in report.pages), [(p["page"], p["lang"]) for p in report.pages]
    assert len(report.pages) >= 29
    assert report.blocking() == []


def test_the_scan_finds_what_it_should(browser: Browser) -> None:
    """The scan is no formality: a form field without a label and an image without a text fail it."""
    page = browser.new_page()
    page.set_content('<html lang="de"><title>t</title><main><h1>t</h1><img src="data:,">'
                     '<input type="text"></main></html>')
    found = {v["id"] for v in AxeReport("self-check").scan(page, "broken on purpose")}
    page.close()
    assert {"image-alt", "label"} <= found


@pytest.mark.parametrize(("lang", "skip"), [("de", "Zum Hauptinhalt springen"), ("en", "Skip to main content")])
def test_the_skip_link_comes_first_and_every_focus_is_visible(
    browser: Browser, service: RunningFormService, lang: str, skip: str
) -> None:
    page = browser.new_context(base_url=service.url).new_page()
    page.goto(f"/?lang={lang}")
    page.keyboard.press("Tab")
    link = page.get_by_role("link", name=skip)
    expect(link).to_be_focused()
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # on screen once focused
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # Each control reached with the keyboard shows a focus ring (outline plus a contrasting ring).
    reached = []
    for _ in range(6):  # the finder link, start over, the log, the message field, send, privacy
        page.keyboard.press("Tab")
        ring = page.evaluate(
            "() => { const e = document.activeElement, s = getComputedStyle(e);"
            " return [e.tagName + ':' + (e.id || e.textContent.trim().slice(0, 30)), s.outlineStyle, s.outlineWidth,"
            " s.boxShadow, s.color, s.backgroundColor]; }"
        )
        reached.append(ring[0])
        assert ring[1] == "solid" and ring[2] == "3px" and ring[3] != "none", ring
        assert ring[4] != ring[5], ring  # the text stays readable on its focus background
    assert len(set(reached)) == 6, reached
    page.goto(f"/privacy?lang={lang}")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the skip link to the first header link
    colours = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                            " return [document.activeElement.tagName, s.color, s.backgroundColor]; }")
    assert colours == ["A", "rgb(11, 12, 12)", "rgb(255, 221, 0)"], colours  # ink on yellow
    page.context.close()
