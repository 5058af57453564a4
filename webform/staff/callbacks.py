"""The callback queue: people who asked in the chat to be contacted by staff."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webform import repository
from webform.models.callbacks import CallbackStatus
from webform.security import staff_login_required
from webform.staff import bp


@bp.get("/callbacks")
@staff_login_required
def callbacks():  # type: ignore[no-untyped-def]
    status = request.args.get("status", CallbackStatus.NEW)
    shown = status if status in list(CallbackStatus) else None
    return render_template("staff/callbacks.html", callbacks=repository.list_callbacks(shown), status=shown)


@bp.post("/callbacks/<int:callback_id>/done")
@staff_login_required
def callback_done(callback_id: int):  # type: ignore[no-untyped-def]
    callback = repository.get_callback(callback_id)
    if callback is None:
        abort(404)
    repository.mark_callback_done(callback, g.staff_user.username)
    flash(_("Marked as done."), "success")
    return redirect(url_for("staff.callbacks"))
