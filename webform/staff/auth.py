"""Who is signed in to the staff pages, and the decorators that let only signed-in staff (or only
maintainers) through."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, g, redirect, request, session, url_for

from webform import repository
from webform.models.staff import StaffUser

STAFF_SESSION_KEY = "staff_user_id"

F = TypeVar("F", bound=Callable[..., Any])


def load_signed_in_user() -> None:
    """Puts the signed-in, still active staff account (or None) into g.staff_user for this request."""
    user_id = session.get(STAFF_SESSION_KEY)
    g.staff_user = repository.active_staff(user_id) if user_id is not None else None


def staff_login_required(view: F) -> F:
    """Sends visitors who are not signed in (or whose account was disabled) to the sign-in page."""

    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if getattr(g, "staff_user", None) is None:
            session.pop(STAFF_SESSION_KEY, None)
            return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return checked  # type: ignore[return-value]


def maintainer_required(view: F) -> F:
    """Like staff_login_required; a signed-in reviewer gets the 403 page: the maintainer pages show what
    people wrote in the chat, which reviewing drafts does not need."""

    @wraps(view)
    @staff_login_required
    def checked(*args: Any, **kwargs: Any) -> Any:
        if not g.staff_user.is_maintainer:
            abort(403)
        return view(*args, **kwargs)

    return checked  # type: ignore[return-value]


def sign_in(user: StaffUser) -> None:
    """A fresh session at sign-in, so an old session id cannot be reused; the language choice stays."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    session[STAFF_SESSION_KEY] = user.id


def sign_out() -> None:
    session.pop(STAFF_SESSION_KEY, None)


def safe_next_url(target: str | None, fallback: str) -> str:
    """Only same-site paths: a sign-in link must not send people to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback
