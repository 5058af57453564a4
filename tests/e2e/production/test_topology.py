"""The production topology through nginx's one public port: replicas take turns, conversations live in
PostgreSQL, only the chat of Rasa is public, limits and headers hold, concurrent applicants lose nothing."""

from __future__ import annotations

import itertools
import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.applicants import Applicant, complete_application, drafts_of
from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e


def _request(url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _chat_log(running: RunningStack) -> list[str]:
    return (running.stack.log_dir / "nginx-chat.log").read_text().splitlines()


def test_messages_of_one_conversation_alternate_between_the_rasa_replicas(running: RunningStack, sender: str) -> None:
    before = len(_chat_log(running))
    assert "English" in running.texts(sender, "English please", language="de")
    for _ in range(5):
        assert "Kiezlotse" in running.texts(sender, "hi there")
    deadline = time.monotonic() + 5  # nginx writes the log line just after the answer
    while len(_chat_log(running)) < before + 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    upstreams = [line.split()[3] for line in _chat_log(running)[before:]]
    replicas = {f"127.0.0.1:{port}" for port in running.ports.rasa}
    assert len(upstreams) == 6 and set(upstreams) == replicas
    assert all(a != b for a, b in itertools.pairwise(upstreams)), upstreams  # strict turns
    # the language chosen in the first message held on both replicas
    assert running.tracker(sender, replica=0)["slots"]["language"] == "en"
    assert running.tracker(sender, replica=1)["slots"]["language"] == "en"


def test_conversations_are_kept_in_postgresql_not_in_redis(running: RunningStack, sender: str) -> None:
    running.say(sender, "Hello", language="en")
    assert running.postgres is not None and running.redis is not None
    stored = running.postgres.execute(f"SELECT count(*) FROM events WHERE sender_id = '{sender}'",
                                      "kiezlotse_conversations")
    assert int(stored) >= 3  # session start, the message, the answer
    import subprocess

    keys = subprocess.run(["redis-cli", "-p", str(running.redis.port), "-n", "1", "--scan"],
                          capture_output=True, text=True, check=True).stdout
    assert sender not in keys


def test_only_the_chat_of_rasa_is_public(running: RunningStack, sender: str) -> None:
    running.say(sender, "Hello", language="en")
    public = running.webform_url
    for method, path in [("GET", f"/conversations/{sender}/tracker"), ("POST", f"/conversations/{sender}/tracker/events"),
                         ("PUT", "/model"), ("GET", "/status"), ("GET", "/webhooks/rest/")]:
        status, _, _ = _request(public + path, method, b"{}" if method != "GET" else None)
        assert status == 404, (method, path, status)
    status, headers, body = _request(f"{public}/webhooks/rest/webhook")
    assert status == 405 and headers["Allow"] == "POST" and "POST" in json.loads(body)["error"]
    # Rasa's own port (loopback only) wants the token for its API
    direct = running.rasa_api_url
    assert _request(f"{direct}/conversations/{sender}/tracker")[0] == 401
    assert _request(f"{direct}/model", "PUT", b'{"model_file": "/tmp/x.tar.gz"}',
                    {"Content-Type": "application/json"})[0] == 401
    assert running.tracker(sender)["sender_id"] == sender


def test_rasa_allows_cross_origin_calls_only_from_the_site(running: RunningStack) -> None:
    def preflight(origin: str) -> dict[str, str]:
        return _request(f"{running.rasa_api_url}/webhooks/rest/webhook", "OPTIONS", None, {
            "Origin": origin, "Access-Control-Request-Method": "POST"})[1]

    assert preflight(running.env["PUBLIC_BASE_URL"]).get("Access-Control-Allow-Origin") == running.env["PUBLIC_BASE_URL"]
    assert "Access-Control-Allow-Origin" not in preflight("https://elsewhere.example")


def test_oversized_bodies_are_refused_by_nginx_in_both_languages(running: RunningStack) -> None:
    status, _, body = _request(running.chat_url, "POST", json.dumps({"sender": "x", "message": "a" * 200_000}).encode(),
                               {"Content-Type": "application/json"})
    assert status == 413 and "too long" in json.loads(body)["error"]
    status, _, body = _request(f"{running.webform_url}/finder", "POST", b"a=" + b"b" * 300_000,
                               {"Content-Type": "application/x-www-form-urlencoded"})
    page = body.decode()
    assert status == 413 and "zu groß" in page and "too large" in page


def test_a_flood_of_chat_requests_gets_429_with_a_retry_hint(running: RunningStack) -> None:
    # GET costs nginx nothing but counts towards the limit like a message (limit 100/s, burst 200 here).
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: _request(running.chat_url), range(1000)))
    limited = [a for a in answers if a[0] == 429]
    assert limited, [a[0] for a in answers]
    _, headers, body = limited[0]
    assert headers["Retry-After"] and "wait" in json.loads(body)["error"]
    time.sleep(200 / 100 + 1)  # the burst drains before the next test chats


def test_pages_through_nginx_carry_the_security_headers(running: RunningStack) -> None:
    status, headers, body = _request(f"{running.webform_url}/?lang=en")
    assert status == 200, status
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert b'data-rasa-url="/webhooks/rest/webhook"' in body  # the chat goes to the same origin
    status, headers, _ = _request(f"{running.webform_url}/static/js/chat.js")
    assert status == 200 and headers["X-Content-Type-Options"] == "nosniff"
    # over HTTPS (TLS ends in front of nginx, which forwards the scheme) the browser is told to stay there
    _, headers, _ = _request(f"{running.stack.public_url}/", headers={"X-Forwarded-Proto": "https"})
    assert "max-age=" in headers.get("Strict-Transport-Security", "")


def test_ten_applicants_at_once_each_get_exactly_their_own_draft(running: RunningStack) -> None:
    applicants = [Applicant(i) for i in range(10)]
    with ThreadPoolExecutor(max_workers=len(applicants)) as pool:
        links = list(pool.map(
            lambda a: complete_application(running.chat_url, a, lambda s: running.tracker(s)["slots"]), applicants
        ))
    assert all(links), links
    wrong: dict[str, Any] = {}
    for applicant in applicants:
        drafts = drafts_of(running.webform_url, running.env["STAFF_API_TOKEN"], applicant.sender)
        assert len(drafts) == 1, (applicant.sender, len(drafts))  # none lost, none duplicated
        if applicant.differences(drafts[0]):
            wrong[applicant.sender] = applicant.differences(drafts[0])
    assert not wrong
