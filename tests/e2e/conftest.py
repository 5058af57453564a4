"""The real servers in the production topology, started once per test session as
`KIEZLOTSE_ENV=production make run` starts them: nginx on one public port in front of two Rasa servers,
two action servers and gunicorn, all under supervisord; conversations in PostgreSQL, locks in Redis.

PostgreSQL and Redis are the session's own (tests/backends.py), so the fault tests in
tests/e2e/production may stop and restart them; those tests run last (see pytest_collection_modifyitems).

Rasa's HTTP API is not public: read a conversation with `running.tracker(sender)`, which asks a Rasa
server directly with the stack's `RASA_AUTH_TOKEN` (also in `running.env`).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ops.databases import ensure_database
from ops.model import model_path
from ops.stack import Stack
from ops.topology import Backends, Ports, Topology
from tests.backends import PrivatePostgres, PrivateRedis

TODAY = "2026-11-22"
TOPOLOGY = Topology(production=True, rasa_replicas=2, action_replicas=2, webform_workers=2)


class RunningStack:
    def __init__(self, stack: Stack, postgres: PrivatePostgres | None = None, redis: PrivateRedis | None = None) -> None:
        self.stack = stack
        self.ports = stack.ports
        self.env = stack.env
        self.postgres = postgres
        self.redis = redis
        # The website and the chat, as a browser reaches them (nginx in production).
        self.webform_url = stack.public_url
        self.rasa_url = stack.public_url if stack.topology.production else stack.rasa_api_url()
        self.chat_url = stack.chat_url
        # Rasa's HTTP API (loopback only, needs the token).
        self.rasa_api_url = stack.rasa_api_url()

    def say(self, sender: str, message: str, language: str | None = None) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"sender": sender, "message": message}
        if language:
            body["metadata"] = {"language": language}
        return post_json(self.chat_url, body)

    def texts(self, sender: str, message: str, language: str | None = None) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, message, language))

    def tracker(self, sender: str, replica: int | None = None) -> dict[str, Any]:
        """GET /conversations/<sender>/tracker with the auth token, from the given Rasa server or from
        the first one that answers (one may be restarting)."""
        token = urllib.parse.quote(self.env["RASA_AUTH_TOKEN"])
        replicas = [replica] if replica is not None else list(range(len(self.ports.rasa)))
        for index in replicas:
            try:
                return get_json(f"{self.stack.rasa_api_url(index)}/conversations/{sender}/tracker?token={token}")
            except OSError:  # refused, or the connection dropped while the replica stops
                if index == replicas[-1]:
                    raise
        raise AssertionError("no Rasa server to ask")

    def staff_get(self, path: str) -> Any:
        request = urllib.request.Request(
            self.webform_url + path,
            headers={"Authorization": f"Bearer {self.env['STAFF_API_TOKEN']}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())


def post_json(url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def start_production_stack(var_dir: Path, extra_env: dict[str, str] | None = None) -> RunningStack:
    """Private PostgreSQL and Redis, the two databases, then the whole production topology."""
    model = model_path()
    if not model.exists():
        pytest.fail(f"no trained model for the current sources at {model}: run `make train` first")
    postgres, redis = PrivatePostgres(), PrivateRedis()
    postgres.start()
    redis.start()
    backends = Backends(postgres.url("kiezlotse"), postgres.url("kiezlotse_conversations"), redis.url)
    ensure_database(backends.database_url)
    ensure_database(backends.tracker_url)
    ports = Ports.free(TOPOLOGY)
    env = {
        "KIEZLOTSE_TODAY": TODAY,
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{ports.public}",
        "PUBLIC_HOST": "127.0.0.1",
        # The tests talk plain HTTP to nginx; behind TLS the session cookie is Secure.
        "SESSION_COOKIE_SECURE": "0",
        # Room for the concurrent-applicant tests from one address; the limit itself is tested too.
        "CHAT_RATE_LIMIT": "100",
        "CHAT_BURST": "200",
        **(extra_env or {}),
    }
    stack = Stack(model=model, ports=ports, var_dir=var_dir, extra_env=env, topology=TOPOLOGY, backends=backends)
    running = RunningStack(stack, postgres, redis)
    try:
        stack.start()
        stack.wait_until_ready()
    except BaseException:
        stop_production_stack(running)
        raise
    return running


def stop_production_stack(running: RunningStack) -> None:
    running.stack.stop()
    if running.redis is not None:
        running.redis.stop()
    if running.postgres is not None:
        running.postgres.remove()


@pytest.fixture(scope="session")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    stack = start_production_stack(tmp_path_factory.mktemp("stack"))
    try:
        yield stack
    finally:
        stop_production_stack(stack)


@pytest.fixture
def sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Fault tests stop and restart servers of the shared stack: they run after everything else."""
    items.sort(key=lambda item: item.get_closest_marker("faults") is not None)
