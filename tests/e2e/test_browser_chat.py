"""A person's view of the chat: Debian's chromium, driven by Playwright, against the real servers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.e2e.conftest import RunningStack

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
# Without these flags chromium keeps trying to reach Google's services from this closed network.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, running: RunningStack) -> Iterator[Page]:
    context = browser.new_context(base_url=running.webform_url)
    # nginx serves the pages and routes the widget's messages to Rasa on the same origin.
    page = context.new_page()
    yield page
    context.close()


def test_chat_answers_in_the_page_language(page: Page, running: RunningStack) -> None:
    page.goto("/?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Your message").fill("Hello")
    page.get_by_role("button", name="Send").click()
    log = page.get_by_role("log")
    expect(log).to_contain_text("Hello! I'm Kiezlotse", timeout=15_000)


def test_german_page_gets_german_answers(page: Page, running: RunningStack) -> None:
    page.goto("/?lang=de")
    page.get_by_label("Ihre Nachricht").fill("Hallo")
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_role("log")).to_contain_text("Hallo! Ich bin Kiezlotse", timeout=15_000)


def test_unreachable_assistant_keeps_the_message_and_offers_a_retry(
    page: Page, running: RunningStack
) -> None:
    page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    page.goto("/?lang=en")
    page.get_by_label("Your message").fill("Hello")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status")).to_contain_text("cannot be reached")
    page.unroute("**/webhooks/rest/webhook")
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("log")).to_contain_text("Hello! I'm Kiezlotse", timeout=15_000)
