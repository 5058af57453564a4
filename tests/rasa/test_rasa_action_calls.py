"""Rasa's calls to the action server over kept connections answer as Rasa's own calls do."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from jsonschema.exceptions import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from ops import rasa_action_calls

ORIGINAL_VALIDATE = RemoteAction._validate_action_result


async def _serving(
    scenario: Callable[[str, list[tuple[str, int]]], Awaitable[None]],
) -> None:
    """Runs `scenario(base_url, peers)` against a small action-like server that records the client
    address of every request."""
    peers: list[tuple[str, int]] = []

    async def webhook(request: web.Request) -> web.StreamResponse:
        peers.append(request.transport.get_extra_info("peername") if request.transport else ("", 0))
        body = await request.json()
        if body.get("next_action") == "broken":
            return web.Response(status=500, text="boom")
        if body.get("next_action") == "plain":
            return web.Response(text="not json")
        return web.json_response({"events": [], "responses": [{"text": body["tracker"]["text"]}]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        await scenario(f"http://127.0.0.1:{port}/webhook", peers)
    finally:
        await runner.cleanup()


def test_calls_share_one_connection_and_answer_as_before() -> None:
    rasa_action_calls.install()
    endpoint = EndpointConfig(url="http://placeholder/webhook")

    async def scenario(url: str, peers: list[tuple[str, int]]) -> None:
        endpoint.url = url
        for text in ("erste", "zweite", "dritte"):
            answer = await endpoint.request(json={"next_action": "a", "tracker": {"text": text}})
            assert answer == {"events": [], "responses": [{"text": text}]}
        assert len(peers) == 3 and len(set(peers)) == 1  # one kept connection
        with pytest.raises(ClientResponseError) as failed:
            await endpoint.request(json={"next_action": "broken", "tracker": {}})
        assert failed.value.status == 500
        assert await endpoint.request(json={"next_action": "plain", "tracker": {}}) is None
        await endpoint._kept_session[1].close()  # type: ignore[attr-defined]

    asyncio.run(_serving(scenario))


def test_a_new_event_loop_gets_a_new_session() -> None:
    rasa_action_calls.install()
    endpoint = EndpointConfig(url="http://placeholder/webhook")
    sessions: list[Any] = []

    async def scenario(url: str, peers: list[tuple[str, int]]) -> None:
        endpoint.url = url
        await endpoint.request(json={"next_action": "a", "tracker": {"text": "x"}})
        sessions.append(endpoint._kept_session[1])  # type: ignore[attr-defined]

    asyncio.run(_serving(scenario))
    asyncio.run(_serving(scenario))
    assert sessions[0] is not sessions[1]
    for session in sessions:
        asyncio.run(session.close())


def test_a_stopped_server_is_not_called_on_a_dead_connection() -> None:
    rasa_action_calls.install()
    endpoint = EndpointConfig(url="http://placeholder/webhook")

    async def scenario() -> None:
        async def first(url: str, peers: list[tuple[str, int]]) -> None:
            endpoint.url = url
            await endpoint.request(json={"next_action": "a", "tracker": {"text": "vorher"}})

        await _serving(first)  # the server stops and closes the kept connection

        async def second(url: str, peers: list[tuple[str, int]]) -> None:
            endpoint.url = url
            answer = await endpoint.request(json={"next_action": "a", "tracker": {"text": "nachher"}})
            assert answer["responses"] == [{"text": "nachher"}]

        await _serving(second)
        await endpoint._kept_session[1].close()  # type: ignore[attr-defined]

    asyncio.run(scenario())


def test_bodies_are_the_same_json_and_big_numbers_still_encode() -> None:
    body = {"tracker": {"events": [{"text": "Grüße / 5.000 €", "confidence": 0.1 + 0.2}]}, "n": [1, None]}
    assert json.loads(rasa_action_calls.dumps(body)) == body
    huge = {"requested_amount_eur": 10**30}
    assert json.loads(rasa_action_calls.dumps(huge)) == huge


@pytest.mark.parametrize(
    "answer",
    [
        {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hi"}]},
        {"events": [], "responses": []},
        {"events": [{"event": "slot", "name": "x", "value": None, "timestamp": None}, {"event": "followup",
                    "name": "action_x"}, {"event": "active_loop", "name": None}, {"event": "bot", "text": "x"}]},
        {},
        {"events": [{"event": "nonsense"}], "responses": []},
        {"events": [{"event": "slot", "name": 3, "value": 1}]},
        {"events": [{"event": "slot", "name": "x", "timestamp": "yesterday"}]},
        {"events": [{"event": "action", "name": "x", "metadata": []}]},
        {"events": [{"name": "no event"}]},
        {"events": [{"event": 7}]},
        {"events": ["no object"]},
        {"events": [{"event": "user", "text": "hi", "parse_data": {"intent": {"name": 1}}}]},
        {"events": "no list", "responses": []},
        {"events": [], "responses": ["no object"]},
        [],
    ],
)
def test_answers_are_validated_as_rasa_validates_them(answer: Any) -> None:
    rasa_action_calls.install()
    action = RemoteAction("action_x", None)

    def outcome(validate: Callable[[RemoteAction, Any], bool]) -> tuple[bool, str | None]:
        try:
            return validate(action, answer), None
        except ValidationError as error:
            return False, error.message

    assert outcome(rasa_action_calls._validate_action_result) == outcome(ORIGINAL_VALIDATE)


def test_a_valid_answer_is_found_valid_without_the_full_schema() -> None:
    validator = rasa_action_calls._ResponseValidator(RemoteAction.action_response_format_spec())
    answer = {
        "events": [{"event": "slot", "name": "district", "value": "Neukölln", "timestamp": None},
                   {"event": "action_execution_rejected", "name": "guidance_form"}],
        "responses": [{"text": "Wie viel?", "buttons": [{"title": "weiß nicht", "payload": "/skip"}]}],
    }
    assert validator.is_valid(answer)
    assert not validator.is_valid({"events": [{"event": "nonsense"}]})


@pytest.mark.parametrize(("version", "installed"), [("3.6.21", True), ("3.7.0", False)])
def test_installed_only_for_the_rasa_version_it_replaces_methods_of(
    monkeypatch: pytest.MonkeyPatch, version: str, installed: bool
) -> None:
    import rasa

    from ops import rasa_channel

    calls: list[bool] = []
    monkeypatch.setattr(rasa, "__version__", version)
    monkeypatch.setattr(rasa_action_calls, "install", lambda: calls.append(True))
    rasa_channel.install_action_calls()
    assert calls == ([True] if installed else [])
