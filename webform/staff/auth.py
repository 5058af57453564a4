"""Staff sign-in and sign-out. Passwords are checked against salted hashes; the session is renewed."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from webform import repository
from webform.security import STAFF_SESSION_KEY, safe_next_url, staff_login_required
from webform.staff import bp


@bp.before_request
def _load_user() -> None:
    user_id = session.get(STAFF_SESSION_KEY)
    g.staff_user = repository.active_staff(user_id) if user_id is not None else None


@bp.route("/login", methods=["GET", "POST"])
def login():  # type: ignore[no-untyped-def]
    errors: dict[str, str] = {}
    username = ""
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        user = repository.authenticate(username, password) if username and password else None
        if user is not None:
            lang = session.get("lang")
            session.clear()  # a fresh session at sign-in, so an old session id cannot be reused
            if lang:
                session["lang"] = lang
            session[STAFF_SESSION_KEY] = user.id
            return redirect(safe_next_url(request.args.get("next"), url_for("staff.index")))
        errors["username"] = _("Enter a correct user name and password.")
    page = render_template("staff/login.html", errors=errors, username=username)
    return page, 400 if errors else 200


@bp.post("/logout")
@staff_login_required
def logout():  # type: ignore[no-untyped-def]
    session.pop(STAFF_SESSION_KEY, None)
    flash(_("You have signed out."), "success")
    return redirect(url_for("staff.login"))
