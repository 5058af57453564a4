"""The chat widget in Debian's chromium, against the real form service, with the assistant's answers
played by the test (so every case is exact and quick), under a Content-Security-Policy without
'unsafe-inline': links with short labels, answer buttons, typing indicator, the live log, focus, an
unreachable assistant, reload and start over, and a 320 px screen."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route, expect

from tests.e2e.browser import Screenshots, horizontal_overflow, launch
from tests.form_service import RunningFormService, form_service

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

WEBHOOK = "**/webhooks/rest/webhook"
# What a production Content-Security-Policy allows: scripts and styles from the site only.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self' http://localhost:* http://127.0.0.1:*; form-action 'self'; frame-ancestors 'none'")
IBB = "https://www.ibb.de/de/foerderprogramme/lokale-foerderung-sozialer-integration-und-innovation.html"
OFFICE = "https://www.berlin.de/ba-neukoelln/politik-und-verwaltung/aemter/amt-fuer-weiterbildung-und-kultur/artikel.1234567.php"
PRIVATE = "http://localhost:8000/d/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd"

SOURCES_DE = (f"LSI passt zu Ihrem Projekt (Quelle: {IBB}, Stand: 2021–2027). "
              f"Sprechen Sie mit der Geschäftsstelle in Neukölln: {OFFICE}. Fragen? kontakt@example.org")
SOURCES_EN = f"LSI fits your project (source: {IBB}, as of: 2021–2027). Ask the Neukölln office: {OFFICE}"
CONSENT_DE = ("Darf ich Ihre Angaben als Antragsentwurf speichern? Wir verwenden sie nur für diesen Antrag. "
              "Mehr dazu: http://localhost:8000/privacy")
DRAFT_DE = ("Ihr Antragsentwurf ist gespeichert (Nummer 7). Hier können Sie ihn ansehen, ergänzen und "
            f"einreichen – bitte geben Sie diesen privaten Link nicht weiter: {PRIVATE}")
DRAFT_EN = f"Your application draft is saved (number 7). Please don't share this private link: {PRIVATE}"
YES_NO_DE = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nein", "payload": "/deny"}]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningFormService]:
    with form_service(tmp_path_factory.mktemp("chat-widget")) as running:
        yield running


class Assistant:
    """Plays Rasa's REST channel: answers each message with the next prepared reply, records what the
    widget sent, and can hold its answers back (a slow assistant) or be unreachable."""

    def __init__(self) -> None:
        self.replies: list[list[dict[str, Any]]] = []
        self.received: list[dict[str, Any]] = []
        self.hold = False
        self.held: list[Route] = []
        self.reachable = True

    def reply(self, *messages: dict[str, Any]) -> None:
        self.replies.append(list(messages))

    def handle(self, route: Route, request: Request) -> None:
        if request.method == "OPTIONS":
            route.fulfill(status=204, headers=_cors())
            return
        if not self.reachable:
            route.abort()
            return
        self.received.append(json.loads(request.post_data or "{}"))
        if self.hold:
            self.held.append(route)
        else:
            self.answer(route)

    def answer(self, route: Route) -> None:
        body = self.replies.pop(0) if self.replies else [{"text": "…"}]
        route.fulfill(status=200, headers=_cors(), content_type="application/json", body=json.dumps(body))

    def release(self) -> None:
        self.hold = False
        while self.held:
            self.answer(self.held.pop(0))


def _cors() -> dict[str, str]:
    return {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Content-Type",
            "Access-Control-Allow-Methods": "POST, OPTIONS"}


def _with_csp(route: Route) -> None:
    if route.request.resource_type != "document":
        route.fallback()
        return
    response = route.fetch()
    route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})


@pytest.fixture
def context(browser: Browser, service: RunningFormService) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=service.url)
    context.route("**/*", _with_csp)
    yield context
    context.close()


@pytest.fixture
def assistant(context: BrowserContext) -> Assistant:
    assistant = Assistant()
    context.route(WEBHOOK, assistant.handle)
    return assistant


@pytest.fixture
def page(context: BrowserContext, assistant: Assistant) -> Iterator[Page]:
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    assert refused == [], f"the Content-Security-Policy refused: {refused}"


def _say(page: Page, text: str) -> None:
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")


def _log_text(page: Page) -> str:
    return page.get_by_role("log").inner_text()


@pytest.mark.parametrize(
    ("lang", "reply", "source", "office", "draft_label"),
    [
        ("de", SOURCES_DE, "Quelle: IBB, Stand 2021–2027", "berlin.de", "Ihr Entwurf"),
        ("en", SOURCES_EN, "Source: IBB, as of 2021–2027", "berlin.de", "Your draft"),
    ],
)
def test_addresses_read_as_short_labelled_links_never_as_raw_text(
    page: Page, assistant: Assistant, lang: str, reply: str, source: str, office: str, draft_label: str
) -> None:
    assistant.reply({"text": reply})
    assistant.reply({"text": DRAFT_DE if lang == "de" else DRAFT_EN})
    page.goto(f"/?lang={lang}")
    _say(page, "Hallo")
    log = page.get_by_role("log")
    expect(log.get_by_role("link", name=source)).to_have_attribute("href", IBB)
    expect(log.get_by_role("link", name=office, exact=True)).to_have_attribute("href", OFFICE)
    _say(page, "ja")
    expect(log.get_by_role("link", name=draft_label)).to_have_attribute("href", PRIVATE)
    if lang == "de":
        assistant.reply({"text": CONSENT_DE})
        _say(page, "ja")
        expect(log.get_by_role("link", name="Datenschutzhinweise")).to_have_attribute(
            "href", "http://localhost:8000/privacy")
        expect(log.get_by_role("link", name="kontakt@example.org")).to_have_attribute(
            "href", "mailto:kontakt@example.org")
        expect(log).to_contain_text("Neukölln: berlin.de. Fragen?")  # the sentence's full stop stays text
    assert "http" not in _log_text(page)


def test_every_button_is_shown_and_sends_its_payload_then_focus_returns_to_the_input(
    page: Page, assistant: Assistant
) -> None:
    assistant.reply({"text": "Soll ich einen Antragsentwurf für LSI anlegen?", "buttons": YES_NO_DE})
    assistant.reply({"text": "Welcher Projekttyp?", "buttons": [
        {"title": "Typ A", "payload": '/inform{"lsi_type": "A"}'},
        {"title": "Typ B", "payload": '/inform{"lsi_type": "B"}'},
        {"title": "Typ C", "payload": '/inform{"lsi_type": "C"}'},
        {"title": "Überspringen", "payload": "/skip"},
    ]})
    assistant.reply({"text": "Danke."})
    page.goto("/?lang=de")
    _say(page, "LSI")
    options = page.get_by_role("group", name="Antwortmöglichkeiten")
    expect(options.get_by_role("button")).to_have_count(2)
    options.get_by_role("button", name="Ja").click()
    expect(page.locator("#chat-input")).to_be_focused()
    expect(page.get_by_role("group", name="Antwortmöglichkeiten").get_by_role("button")).to_have_count(4)
    assert assistant.received[-1]["message"] == "/affirm"
    assert assistant.received[-1]["metadata"] == {"language": "de"}
    expect(page.locator(".chat-user").last).to_have_text("Sie: Ja")  # the title, not the payload

    # Keyboard: Shift+Tab from the input reaches the newest answer buttons.
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Überspringen")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("log")).to_contain_text("Danke.")
    assert assistant.received[-1]["message"] == '/inform{"lsi_type": "C"}'
    expect(page.locator("#chat-input")).to_be_focused()
    expect(page.locator(".chat-buttons")).to_have_count(0)  # answered questions keep no buttons


def test_a_typed_message_keeps_focus_in_the_input_and_the_typing_indicator_shows_while_waiting(
    page: Page, assistant: Assistant
) -> None:
    assistant.hold = True
    assistant.reply({"text": "Hallo! Ich bin Kiezlotse."})
    page.goto("/?lang=de")
    typing = page.locator(".chat-typing")
    expect(typing).to_be_hidden()
    page.get_by_label("Ihre Nachricht").fill("Hallo")
    page.get_by_role("button", name="Senden").click()
    expect(typing).to_be_visible()
    expect(typing).to_contain_text("Kiezlotse schreibt")
    expect(page.locator("#chat-input")).to_be_focused()
    assistant.release()
    expect(page.get_by_role("log")).to_contain_text("Hallo! Ich bin Kiezlotse.")
    expect(typing).to_be_hidden()


def test_the_log_announces_each_new_message_on_its_own(page: Page, assistant: Assistant) -> None:
    assistant.reply({"text": "Erste Antwort."}, {"text": "Zweite Antwort."})
    page.goto("/?lang=de")
    log = page.get_by_role("log", name="Gespräch")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log).to_have_attribute("aria-relevant", "additions")
    assert log.get_attribute("aria-atomic") in (None, "false")  # a log reads what is added, not all of it
    _say(page, "Hallo")
    expect(log.locator(".chat-message")).to_have_count(3)
    # Each message is a node of its own, added at the end; earlier ones are not touched.
    messages = log.locator(":scope > .chat-message")
    expect(messages.nth(0)).to_have_text("Sie: Hallo")
    expect(messages.nth(2)).to_have_text("Kiezlotse: Zweite Antwort.")


def test_the_transcript_survives_a_reload_and_start_over_begins_a_new_conversation(
    page: Page, assistant: Assistant
) -> None:
    assistant.reply({"text": f"Gern (Quelle: {IBB}, Stand: 2021–2027). Weiter?", "buttons": YES_NO_DE})
    page.goto("/?lang=de")
    _say(page, "Hallo")
    expect(page.get_by_role("button", name="Ja")).to_be_visible()
    first_sender = assistant.received[-1]["sender"]

    page.reload()
    log = page.get_by_role("log")
    expect(log.locator(".chat-message")).to_have_count(2)
    expect(log.get_by_role("link", name="Quelle: IBB, Stand 2021–2027")).to_be_visible()
    expect(log).to_have_attribute("aria-live", "polite")  # live again after the quiet restore
    assistant.reply({"text": "Weiter geht's."})
    page.get_by_role("button", name="Ja").click()  # the open question's buttons came back too
    expect(log).to_contain_text("Weiter geht's.")
    assert assistant.received[-1]["sender"] == first_sender

    page.get_by_role("button", name="Neu beginnen").click()
    expect(log.locator(".chat-message")).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text("Ein neues Gespräch hat begonnen.")
    expect(page.locator("#chat-input")).to_be_focused()
    page.reload()
    expect(log.locator(".chat-message")).to_have_count(0)
    _say(page, "Hallo")
    expect(log.locator(".chat-message")).to_have_count(2)
    assert assistant.received[-1]["sender"] != first_sender


def test_an_unreachable_assistant_gets_a_clear_message_and_a_retry_that_sends_it_again(
    page: Page, assistant: Assistant
) -> None:
    assistant.reachable = False
    page.goto("/?lang=en")
    _say(page, "Hello")
    status = page.get_by_role("status")
    expect(status).to_contain_text("The assistant cannot be reached right now. Your message is kept.")
    expect(page.locator(".chat-typing")).to_be_hidden()
    expect(page.get_by_role("log")).to_contain_text("Hello")
    assistant.reachable = True
    assistant.reply({"text": "Hello! I'm Kiezlotse."})
    status.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("log")).to_contain_text("Hello! I'm Kiezlotse.")
    expect(status).to_have_text("")
    expect(page.locator("#chat-input")).to_be_focused()
    assert [m["message"] for m in assistant.received] == ["Hello"]
    expect(page.locator(".chat-user")).to_have_count(1)  # the retried message is not shown twice


@pytest.mark.parametrize("width", [320, 360])
def test_long_addresses_and_words_wrap_on_a_phone(browser: Browser, service: RunningFormService, width: int) -> None:
    context = browser.new_context(base_url=service.url, viewport={"width": width, "height": 640},
                                  is_mobile=True, has_touch=True)
    assistant = Assistant()
    context.route(WEBHOOK, assistant.handle)
    long_word = "Arbeitsmarktintegrationsförderungsmaßnahmenträgergesellschaft"
    assistant.reply({"text": f"{SOURCES_DE} {long_word} {OFFICE}/{long_word}", "buttons": [
        {"title": "Langzeitarbeitslose Menschen und Alleinerziehende im Quartier", "payload": "/x"}]})
    page = context.new_page()
    page.goto("/?lang=de")
    page.locator("#chat-input").fill(long_word * 2)
    page.locator("#chat-input").press("Enter")
    expect(page.get_by_role("log")).to_contain_text(long_word)
    assert horizontal_overflow(page) == 0
    # The reply is shown from its first line, even where it is taller than the log.
    log, reply = page.get_by_role("log").bounding_box(), page.locator(".chat-bot").last.bounding_box()
    assert log and reply and log["y"] - 1 <= reply["y"] < log["y"] + log["height"]
    Screenshots(f"chat-widget-{width}px").take(page, "long addresses and words")
    context.close()


def test_the_restart_button_is_only_there_when_the_chat_can_run(browser: Browser, service: RunningFormService) -> None:
    page = browser.new_context(base_url=service.url, java_script_enabled=False).new_page()
    page.goto("/?lang=de")
    expect(page.get_by_role("button", name="Neu beginnen")).to_be_hidden()
    page.context.close()
