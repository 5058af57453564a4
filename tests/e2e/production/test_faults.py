"""Faults in the production topology, each with what the person in the chat sees.

These stop, kill and restart servers of the shared stack, so they run after every other test (marker
`faults`); each leaves the stack healthy again.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.applicants import Applicant, drafts_of
from tests.e2e.conftest import RunningStack

pytestmark = [pytest.mark.e2e, pytest.mark.faults]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _requested(running: RunningStack, applicant: Applicant) -> str | None:
    return running.tracker(applicant.sender)["slots"].get("requested_slot")


def _answer(running: RunningStack, applicant: Applicant, questions: int) -> list[str]:
    """Starts the draft if needed and answers the next `questions` questions the form asks."""
    replies = []
    if "requested_slot" not in running.tracker(applicant.sender)["slots"] or not any(
        e.get("event") == "user" for e in running.tracker(applicant.sender)["events"]
    ):
        replies.append(running.texts(applicant.sender, "Ich möchte einen Antrag für LSI stellen", language="de"))
    for _ in range(questions):
        answer = applicant.answer_for(_requested(running, applicant))
        replies.append(running.texts(applicant.sender, answer, language="de"))
    return replies


def _finish(running: RunningStack, applicant: Applicant) -> str:
    """Answers until the draft is stored; returns the last reply."""
    reply = ""
    for _ in range(40):
        slots = running.tracker(applicant.sender)["slots"]
        if slots.get("draft_id"):
            return reply
        reply = running.texts(applicant.sender, applicant.answer_for(slots.get("requested_slot")), language="de")
    raise AssertionError(f"no stored draft after 40 answers; last reply: {reply}")


def _the_draft_is_exactly_as_sent(running: RunningStack, applicant: Applicant) -> None:
    drafts = drafts_of(running.webform_url, running.env["STAFF_API_TOKEN"], applicant.sender)
    assert len(drafts) == 1
    assert applicant.differences(drafts[0]) == {}


def _supervisor_log(running: RunningStack) -> str:
    return (running.stack.log_dir / "supervisord.log").read_text()


def _wait_for(condition, timeout: float = 60.0, what: str = "condition") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met after {timeout:.0f} s")
        time.sleep(0.2)


@pytest.fixture
def applicant() -> Applicant:
    return Applicant(3)


def test_a_killed_action_server_is_bypassed_and_restarted(running: RunningStack, applicant: Applicant) -> None:
    supervisor = running.stack.supervisor
    _answer(running, applicant, 3)
    asked = _requested(running, applicant)
    old = supervisor.pid("actions-1")
    os.kill(old, signal.SIGKILL)
    # the next answer goes to the other action server: the person notices nothing
    assert _answer(running, applicant, 1)[-1]
    assert _requested(running, applicant) != asked  # the answer was taken, the form moved on
    _wait_for(lambda: supervisor.states()["actions-1"]["statename"] == "RUNNING"
              and supervisor.pid("actions-1") != old, what="actions-1 restarted")
    log = _supervisor_log(running)
    assert "exited: actions-1 (terminated by SIGKILL; not expected)" in log
    assert log.rindex("spawned: 'actions-1'") > log.rindex("exited: actions-1")
    running.stack.wait_until_healthy(["actions-1"], timeout=60)
    _finish(running, applicant)
    _the_draft_is_exactly_as_sent(running, applicant)


def test_all_action_servers_killed_mid_form_the_person_is_told_and_resumes(running: RunningStack) -> None:
    supervisor = running.stack.supervisor
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=running.webform_url)
        page.goto("/?lang=de")
        log = page.get_by_role("log")

        def send(text: str) -> None:
            page.get_by_label("Ihre Nachricht").fill(text)
            page.get_by_role("button", name="Senden").click()

        send("Ich möchte einen Antrag für LSI stellen")
        expect(log).to_contain_text("Welche Projektart", timeout=20_000)
        for name in ("actions-1", "actions-2"):
            os.kill(supervisor.pid(name), signal.SIGKILL)
        send("Typ A")
        status = page.get_by_role("status")
        expect(status).to_contain_text("nicht erreichbar", timeout=20_000)
        expect(status).to_contain_text("Ihre Nachricht bleibt erhalten")
        # the answers so far stay in the conversation
        conversation = page.evaluate("sessionStorage.getItem('kiezlotse-conversation')")
        assert running.tracker(conversation)["slots"]["programme"] == "lsi"
        running.stack.wait_until_healthy(["actions-1", "actions-2"], timeout=90)
        time.sleep(2.5)  # nginx tries a failed server again after 2 s
        page.get_by_role("button", name="Erneut versuchen").click()
        expect(log).to_contain_text("Beschreiben Sie Ihr Projekt", timeout=20_000)
        browser.close()
    assert running.tracker(conversation)["slots"]["lsi_type"] == "A"
    log_text = _supervisor_log(running)
    assert "exited: actions-2 (terminated by SIGKILL; not expected)" in log_text


def test_restarting_a_rasa_replica_mid_conversation(running: RunningStack, applicant: Applicant) -> None:
    supervisor = running.stack.supervisor
    _answer(running, applicant, 3)
    restart = threading.Thread(target=supervisor.restart, args=("rasa-1",))
    restart.start()
    try:
        # while rasa-1 stops and loads its model again, rasa-2 answers every message
        replies = _answer(running, applicant, 4)
        assert all(replies), replies
    finally:
        restart.join(timeout=300)
    running.stack.wait_until_healthy(["rasa-1"], timeout=420)
    assert "Ihr Antragsentwurf ist gespeichert" in _finish(running, applicant)
    _the_draft_is_exactly_as_sent(running, applicant)


def _set_forms_database(running: RunningStack, available: bool) -> None:
    assert running.postgres is not None
    running.postgres.execute(f"ALTER DATABASE kiezlotse ALLOW_CONNECTIONS {str(available).lower()}")
    if not available:
        running.postgres.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'kiezlotse'")


def test_form_service_database_unavailable(running: RunningStack, applicant: Applicant) -> None:
    _answer(running, applicant, 0)
    for _ in range(40):  # everything up to the question whether to store the draft
        if _requested(running, applicant) == "draft_consent":
            break
        _answer(running, applicant, 1)
    _set_forms_database(running, available=False)
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{running.ports.webform}/api/drafts",
            data=json.dumps({"language": "en", "conversation_id": "direct"}).encode(),
            headers={"Authorization": f"Bearer {running.env['FORM_API_TOKEN']}", "Accept-Language": "en",
                     "Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 503 and int(refused.value.headers["Retry-After"]) > 0
        assert "try again" in json.loads(refused.value.read())["error"]
        reply = running.say(applicant.sender, "/affirm", language="de")  # "yes, store it"
        buttons = [b["payload"] for m in reply for b in m.get("buttons") or []]
        assert "/try_again" in buttons, reply
        assert "gespeichert" not in " ".join(m.get("text", "") for m in reply).split("nicht")[0][-40:]
    finally:
        _set_forms_database(running, available=True)
    assert drafts_of(running.webform_url, running.env["STAFF_API_TOKEN"], applicant.sender) == []  # nothing half-stored
    assert "Ihr Antragsentwurf ist gespeichert" in running.texts(applicant.sender, "/try_again", language="de")
    _the_draft_is_exactly_as_sent(running, applicant)


def test_postgresql_restart_mid_conversation(running: RunningStack, applicant: Applicant) -> None:
    assert running.postgres is not None
    _answer(running, applicant, 6)
    running.postgres.restart()
    # no manual step: the Rasa servers and the form service reconnect by themselves
    assert "Ihr Antragsentwurf ist gespeichert" in _finish(running, applicant)
    _the_draft_is_exactly_as_sent(running, applicant)


def test_redis_restart_loses_no_conversation(running: RunningStack, applicant: Applicant) -> None:
    assert running.redis is not None
    _answer(running, applicant, 8)
    before = running.tracker(applicant.sender)["slots"]
    running.redis.restart()
    after = running.tracker(applicant.sender)["slots"]
    assert after == before and after["organisation_name"] == applicant.organisation
    assert "Ihr Antragsentwurf ist gespeichert" in _finish(running, applicant)
    _the_draft_is_exactly_as_sent(running, applicant)


@pytest.fixture(autouse=True)
def _healthy_afterwards(running: RunningStack) -> Iterator[None]:
    yield
    running.stack.wait_until_healthy([p.name for p in running.stack.programs if p.health_url], timeout=180)
