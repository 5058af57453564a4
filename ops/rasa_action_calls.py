"""How the Rasa server calls the action server: over kept connections, with the answer's schema built
once and the request encoded by ujson (loaded by the Rasa server only; the chat channel installs it).

A message costs Rasa two to four action-server calls (a form's validation, the next question, a custom
answer). Profiled with py-spy on the Rasa server, those calls took over a quarter of its CPU time per
message, and most of it was not the call itself but three costs inside Rasa 3.6:

- `EndpointConfig.request` opens a new aiohttp session, i.e. a new TCP connection, for every call;
- `RemoteAction._validate_action_result` calls `jsonschema.validate`, which first checks Rasa's fixed
  response schema against the JSON Schema metaschema, on every call (8 % of Rasa's time alone), and
  then tests each returned event against all 23 kinds of event;
- the request body (the whole conversation and the domain) is encoded by the standard json module.

`install()` replaces these two methods with ones that behave the same towards the caller — the same
request, the same answer or error, the same validation errors with the same message — but keep one
session per event loop, build the response validator once, test an event against its own kind only
when that finds it valid, and encode with ujson (with the json module as fallback for what ujson
cannot encode, such as integers beyond 64 bits).

Kept connections are closed by this side after KEEPALIVE_SECONDS of idleness, before the action
server (Sanic: 5 s) or nginx (30 s) would close them, so an idle connection is never reused just as
the server drops it. A stopped action server closes its connections, which the pool then drops; the
next call opens a new one, or fails as it did before.
"""

from __future__ import annotations

import asyncio
import json
import os
import ssl
from typing import Any

import aiohttp
import ujson
from aiohttp.client_exceptions import ContentTypeError
from jsonschema.exceptions import ValidationError, best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.exceptions import FileNotFoundException
from rasa.utils.endpoints import ClientResponseError, EndpointConfig, concat_url

KEEPALIVE_SECONDS = 3.0

_installed = False
_response_validator: Any = None


def install() -> None:
    """Make this process's Rasa call endpoints over kept connections and validate action answers with
    a prebuilt validator. Idempotent."""
    global _installed
    if _installed:
        return
    EndpointConfig.request = _request  # type: ignore[method-assign]
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    _installed = True


def dumps(value: Any) -> str:
    """JSON text of `value`, by ujson; by the json module when ujson cannot encode it."""
    try:
        return str(ujson.dumps(value))
    except (OverflowError, TypeError, ValueError):
        return json.dumps(value)


def _session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """The endpoint's session for the running event loop, created on first use (Rasa's own `session()`
    settings: headers, basic auth, timeout)."""
    loop = asyncio.get_running_loop()
    kept: tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession] | None = getattr(
        endpoint, "_kept_session", None
    )
    if kept is not None and kept[0] is loop and not kept[1].closed:
        return kept[1]
    auth = None
    if endpoint.basic_auth:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
    session = aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        # no limit on connections at once, as with a session per call
        connector=aiohttp.TCPConnector(limit=0, keepalive_timeout=KEEPALIVE_SECONDS),
        json_serialize=dumps,
    )
    endpoint._kept_session = (loop, session)  # type: ignore[attr-defined]
    return session


async def _request(
    self: EndpointConfig,
    method: str = "post",
    subpath: str | None = None,
    content_type: str | None = "application/json",
    compress: bool = False,
    **kwargs: Any,
) -> Any:
    """`EndpointConfig.request` of Rasa 3.6 over the endpoint's kept session: the JSON answer, None
    for an answer that is no JSON, ClientResponseError for a status of 400 or more."""
    headers = {}
    if content_type:
        headers["Content-Type"] = content_type
    if "headers" in kwargs:
        headers.update(kwargs.pop("headers"))
    if self.headers:
        headers.update(self.headers)
    url = concat_url(self.url, subpath)
    sslcontext = None
    if self.cafile:
        try:
            sslcontext = ssl.create_default_context(cafile=self.cafile)
        except FileNotFoundError as error:
            raise FileNotFoundException(
                f"Failed to find certificate file, '{os.path.abspath(self.cafile)}' does not exist."
            ) from error
    async with _session(self).request(
        method,
        url,
        headers=headers,
        params=self.combine_parameters(kwargs),
        compress=compress,
        ssl=sslcontext,
        **kwargs,
    ) as response:
        if response.status >= 400:
            raise ClientResponseError(response.status, response.reason, await response.content.read())
        try:
            return await response.json()
        except ContentTypeError:
            return None


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result` of Rasa 3.6 (jsonschema.validate: the best-matching error,
    with Rasa's hint appended) without checking the fixed schema against the metaschema every time, and
    with a shortcut for a valid answer (`_ResponseValidator`)."""
    global _response_validator
    if _response_validator is None:
        _response_validator = _ResponseValidator(RemoteAction.action_response_format_spec())
    if _response_validator.is_valid(result):
        return True
    error: ValidationError | None = best_match(_response_validator.full.iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            "For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


class _ResponseValidator:
    """Rasa's response schema, checked once, and a quicker test of the same schema for valid answers.

    Rasa's event schema says an event is valid under exactly one (`oneOf`) of 23 schemas, each of which
    fixes the event's name (`"event": {"const": "slot"}`, …), so jsonschema tests every event against
    all 23. An event whose name is one of them can only be valid under that one (the others' `const`
    fails), so it is tested against the common part and that one schema alone. Whatever this quicker
    test does not find valid is judged by the full schema, which also words the error.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        cls = validator_for(schema)
        cls.check_schema(schema)
        self.full = cls(schema)
        self._by_event: dict[str, Any] = {}
        self._responses: Any = None
        properties = schema.get("properties", {})
        event_schema = properties.get("events", {}).get("items", {})
        branches = event_schema.get("oneOf")
        if set(schema) != {"type", "properties"} or set(properties) != {"events", "responses"}:
            return
        if not branches or set(properties["events"]) != {"type", "items"}:
            return
        common = {key: value for key, value in event_schema.items() if key != "oneOf"}
        for branch in branches:
            name = branch.get("properties", {}).get("event", {}).get("const")
            if not isinstance(name, str) or name in self._by_event:
                self._by_event.clear()
                return
            self._by_event[name] = cls({**common, "allOf": [branch]})
        self._responses = cls(properties["responses"])

    def is_valid(self, result: Any) -> bool:
        """True only for an answer the full schema finds valid; False means: ask the full schema."""
        if not self._by_event or not isinstance(result, dict):
            return False
        events = result.get("events", [])
        if not isinstance(events, list) or not self._responses.is_valid(result.get("responses", [])):
            return False
        for event in events:
            name = event.get("event") if isinstance(event, dict) else None
            validator = self._by_event.get(name) if isinstance(name, str) else None
            if validator is None or not validator.is_valid(event):
                return False
        return True
