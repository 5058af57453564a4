"""The three real servers, started once per test session exactly as `make run` starts them,
except that conversations live in Redis shared by two Rasa worker processes, as in production."""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ops.model import model_path
from ops.stack import ConversationStore, Stack, free_ports


class RunningStack:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.ports = stack.ports
        self.env = stack.env
        self.webform_url = f"http://127.0.0.1:{stack.ports.webform}"
        self.rasa_url = f"http://127.0.0.1:{stack.ports.rasa}"

    def say(self, sender: str, message: str, language: str | None = None) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"sender": sender, "message": message}
        if language:
            body["metadata"] = {"language": language}
        return post_json(f"{self.rasa_url}/webhooks/rest/webhook", body)

    def texts(self, sender: str, message: str, language: str | None = None) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, message, language))

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
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="session")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    model = model_path()
    if not model.exists():
        pytest.fail(f"no trained model for the current sources at {model}: run `make train` first")
    var_dir: Path = tmp_path_factory.mktemp("stack")
    stack = Stack(
        model=model,
        ports=free_ports(),
        var_dir=var_dir,
        extra_env={"KIEZLOTSE_TODAY": "2026-11-22"},
        conversations=ConversationStore("redis", rasa_workers=2),
    )
    stack.start()
    try:
        stack.wait_until_ready()
        yield RunningStack(stack)
    finally:
        stack.stop()


@pytest.fixture
def sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"
