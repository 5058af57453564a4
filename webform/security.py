"""Secrets and checks: applicant link tokens and their hashes, API bearer tokens, request fingerprints.

The staff sign-in check lives beside the staff pages (webform/staff/auth.py)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import current_app, jsonify, request
from flask_babel import gettext as _

# 32 random bytes = 256 bits, well above the 128 bits an unguessable link needs.
TOKEN_BYTES = 32

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
