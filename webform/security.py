"""Secrets and checks: applicant link tokens, API bearer tokens, staff login, request fingerprints."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import current_app, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _

# 32 random bytes = 256 bits, well above the 128 bits an unguessable link needs.
TOKEN_BYTES = 32
STAFF_SESSION_KEY = "staff_user_id"

F = TypeVar("F", bound=Callable[..., Any])


def new_link_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def request_fingerprint(body: Any) -> str:
    """The same JSON body gives the same fingerprint, whatever the key order or spacing."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def bearer_token_matches(config_key: str) -> bool:
    expected = current_app.config.get(config_key) or ""
    scheme, _sep, sent = request.headers.get("Authorization", "").partition(" ")
    # An unset token never matches, so a forgotten secret closes the API instead of opening it.
    if not expected or scheme.lower() != "bearer" or not sent:
        return False
    return hmac.compare_digest(sent.strip().encode("utf-8"), expected.encode("utf-8"))


def require_bearer(config_key: str) -> Callable[[F], F]:
    def decorate(view: F) -> F:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if not bearer_token_matches(config_key):
                response = jsonify(error=_("You need to sign in or send a valid token."))
                response.headers["WWW-Authenticate"] = "Bearer"
                return response, 401
            return view(*args, **kwargs)

        return checked  # type: ignore[return-value]

    return decorate


def staff_login_required(view: F) -> F:
    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> Any:
        from webform import repository

        user_id = session.get(STAFF_SESSION_KEY)
        if user_id is None or repository.active_staff(user_id) is None:
            session.pop(STAFF_SESSION_KEY, None)
            return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return checked  # type: ignore[return-value]


def safe_next_url(target: str | None, fallback: str) -> str:
    """Only same-site paths: a login link must not send people to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback
