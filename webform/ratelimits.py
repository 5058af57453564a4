"""Rate limits of the public endpoints, applied by endpoint name when the app is created.

Counted per client address (behind nginx: the address nginx saw), except where a rule names another key.
The chat's own calls from the action server (bearer FORM_API_TOKEN) are limited per conversation
instead: the chat itself is limited per address by nginx before Rasa sees a message.

| endpoint | limit | why |
|---|---|---|
| POST /api/match | 60 a minute per address | public and costly: matching every programme |
| POST /api/callbacks | 5 an hour per conversation; 20 a minute per address | each request reaches staff |
| POST /api/drafts | 30 an hour per conversation; 20 a minute per address | one conversation, a few drafts |
| /d/<token> pages | 60 a minute per address; 20 unknown links an hour | links cannot be guessed by trying |
| POST /staff/login | 20 a minute per address; 5 failed sign-ins per user name in 15 minutes | lockout |

When a limit is reached the answer is 429 with Retry-After, as a translated page or JSON (webform/errors.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, request
from flask_limiter import Limiter

from webform.security import bearer_token_matches

# A locked-out user name stays locked for the rest of this window.
LOGIN_LOCKOUT = "5 per 15 minutes"


def client_address() -> str:
    return request.remote_addr or "unknown"


def conversation() -> str:
    """The conversation a chat request belongs to, from its JSON body (the address if there is none)."""
    body = request.get_json(silent=True)
    conversation_id = body.get("conversation_id") if isinstance(body, dict) else None
    if isinstance(conversation_id, str) and conversation_id:
        return "conversation:" + conversation_id[:200]
    return client_address()


def login_name() -> str:
    return "user:" + request.form.get("username", "").strip().casefold()[:150]


def from_the_chat() -> bool:
    """The action server's calls: limited per conversation, not per address (they all come from it)."""
    return bearer_token_matches("FORM_API_TOKEN")


def _failed_login(response: Response) -> bool:
    return response.status_code == 400


def _unknown_link(response: Response) -> bool:
    return response.status_code == 404


@dataclass(frozen=True)
class Rule:
    limit: str
    key: Callable[[], str] = client_address
    methods: tuple[str, ...] | None = None
    deduct_when: Callable[[Response], bool] | None = None
    exempt_when: Callable[[], bool] | None = None
    # Limits that share a scope count together across the endpoints that name it.
    scope: str | None = None


RULES: dict[str, list[Rule]] = {
    "api.match_profile": [Rule("60 per minute", exempt_when=from_the_chat)],
    "api.create_callback": [
        Rule("5 per hour", key=conversation, methods=("POST",)),
        Rule("20 per minute", methods=("POST",), exempt_when=from_the_chat),
    ],
    "api.create_draft": [
        Rule("30 per hour", key=conversation, methods=("POST",)),
        Rule("20 per minute", methods=("POST",), exempt_when=from_the_chat),
    ],
    "applicant.*": [
        Rule("60 per minute", scope="applicant-pages"),
        Rule("20 per hour", deduct_when=_unknown_link, scope="applicant-unknown-links"),
    ],
    "staff.login": [
        Rule("20 per minute", methods=("POST",)),
        Rule(LOGIN_LOCKOUT, key=login_name, methods=("POST",), deduct_when=_failed_login,
             scope="login-lockout"),
    ],
}


def register(app: Flask) -> None:
    """Binds the limiter to the app and wraps every view function whose endpoint a rule names.

    Call after all blueprints are registered. A pattern "blueprint.*" covers every endpoint of it.
    Storage and switches come from the app config (RATELIMIT_*)."""
    limiter = Limiter(key_func=client_address, app=app)
    # The limits hold only a weak reference to their limiter: the app keeps it alive.
    app.extensions["kiezlotse.limiter"] = limiter
    for endpoint in list(app.view_functions):
        for rule in _rules_for(endpoint):
            if rule.scope:
                decorate = limiter.shared_limit(
                    rule.limit, scope=rule.scope, key_func=rule.key, methods=rule.methods,
                    deduct_when=rule.deduct_when, exempt_when=rule.exempt_when,
                )
            else:
                decorate = limiter.limit(
                    rule.limit, key_func=rule.key, methods=rule.methods,
                    deduct_when=rule.deduct_when, exempt_when=rule.exempt_when,
                )
            app.view_functions[endpoint] = decorate(app.view_functions[endpoint])


def _rules_for(endpoint: str) -> list[Rule]:
    blueprint = endpoint.rpartition(".")[0]
    return RULES.get(endpoint, []) + RULES.get(f"{blueprint}.*", [])
