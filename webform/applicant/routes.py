"""The applicant's views. The link token is the only key: it is never stored (only its sha256), and a
wrong token is a plain 404, so nobody can tell whether a draft exists.

The link also authorises changes: a forged request from another site would have to know the link, so
these pages need no session (a lost session cookie loses nothing) and no session-bound CSRF token; a
browser that says a request comes from another site (Sec-Fetch-Site) is refused all the same.
Every change carries the draft version the page showed: a change against a newer version is refused with
what changed, and a repeated submission or withdrawal is recorded once.
"""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh

from webform import repository
from webform.applicant import bp, forms
from webform.draft_input import draft_warnings, parse_draft_fields, problems_for_submission
from webform.draft_labels import SECTIONS
from webform.models.drafts import APPLICANT_EDITABLE, Draft, DraftEvent, DraftStatus, can_move

SAME_SITE = ("same-origin", "none")


@bp.after_request
def _keep_the_link_private(response: Response) -> Response:
    # The token is in the address: never send it on to other sites, never keep personal data in caches.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.before_request
def _only_from_this_site() -> None:
    if request.method == "POST" and request.headers.get("Sec-Fetch-Site", "same-origin") not in SAME_SITE:
        abort(403)


def _load(token: str) -> Draft:
    draft = repository.draft_by_token(token)
    if draft is None:
        abort(404)
    # The page opens in the language of the conversation unless the person chose another one.
    if request.args.get("lang") is None and session.get("lang") is None:
        session["lang"] = draft.language
        refresh()
    return draft


def _status_page(draft: Draft, token: str, missed: list[DraftEvent] | None = None, code: int = 200):  # type: ignore[no-untyped-def]
    page = render_template("applicant/status.html", draft=draft, token=token, sections=SECTIONS,
                           can_withdraw=can_move(draft.status, DraftStatus.WITHDRAWN), missed=missed)
    return page, code


def _form_page(
    draft: Draft,
    token: str,
    values: dict[str, Any],
    version: int,
    errors: dict[str, str] | None = None,
    warnings: dict[str, str] | None = None,
    missed: list[DraftEvent] | None = None,
    code: int = 200,
):  # type: ignore[no-untyped-def]
    action = url_for("applicant.edit", token=token)
    page = render_template(
        "applicant/edit.html", draft=draft, token=token, values=values, version=version, errors=errors or {},
        field_warnings=warnings or {}, missed=missed, sections=SECTIONS, options=forms.options(),
        back_to_check=request.values.get("from") == "check",
        field_input=forms.field_input, form_id=forms.FORM_ID,
        lang_form={"id": forms.FORM_ID, "action": action},
    )
    return page, code


@bp.route("/<token>", methods=["GET", "POST"])
def edit(token: str):  # type: ignore[no-untyped-def]
    draft = _load(token)
    if draft.status not in APPLICANT_EDITABLE:
        if request.method == "POST":  # sent from a page shown before the office took the draft over
            missed = repository.events_since(draft, forms.read_version(request.form) or 0)
            return _status_page(draft, token, list(missed), 409)
        return _status_page(draft, token)
    if request.method == "GET":
        return _form_page(draft, token, forms.form_text(draft), draft.version,
                          warnings=draft_warnings(draft.fields()))
    typed = forms.posted(request.form)
    version = forms.read_version(request.form) or 0
    if request.form.get("switch_language"):
        return _form_page(draft, token, typed, version)  # the same answers, now in the other language
    values, errors = parse_draft_fields(typed, json_types=False)
    if errors:
        return _form_page(draft, token, typed, version, errors, code=400)
    try:
        repository.update_fields(draft, values, repository.APPLICANT, version)
    except repository.StaleDraft as stale:
        if stale.draft.status not in APPLICANT_EDITABLE:
            return _status_page(stale.draft, token, list(stale.missed), 409)
        # Shown again as typed, against the current version: saving again keeps them, knowingly.
        return _form_page(stale.draft, token, typed, stale.draft.version, missed=list(stale.missed), code=409)
    except repository.NotEditable:
        return _status_page(draft, token, code=409)
    if request.form.get("action") == "save" and not request.form.get("from"):
        flash(_("Your answers have been saved. You can come back with the same link."), "success")
        return redirect(url_for("applicant.edit", token=token))
    return redirect(url_for("applicant.check", token=token))


def _check_page(draft: Draft, token: str, errors: dict[str, str], missed: list[DraftEvent] | None = None,
                code: int = 200):  # type: ignore[no-untyped-def]
    page = render_template("applicant/check.html", draft=draft, token=token, sections=SECTIONS, errors=errors,
                           warnings=draft_warnings(draft.fields()), missed=missed)
    return page, code


def _move(draft: Draft, token: str, target: DraftStatus) -> tuple[bool | None, Any]:
    """Moves the draft as the applicant; (moved, None), or (None, the page to answer) on a conflict."""
    version = forms.read_version(request.form) or 0
    try:
        return repository.change_status(draft, target, repository.APPLICANT, version), None
    except repository.StaleDraft as stale:
        if stale.draft.status in APPLICANT_EDITABLE:
            return None, _check_page(stale.draft, token, {}, list(stale.missed), 409)
        return None, _status_page(stale.draft, token, list(stale.missed), 409)
    except repository.TransitionNotAllowed:
        return None, redirect(url_for("applicant.edit", token=token))


@bp.route("/<token>/check", methods=["GET", "POST"])
def check(token: str):  # type: ignore[no-untyped-def]
    draft = _load(token)
    if request.method == "GET":
        if draft.status not in APPLICANT_EDITABLE:
            return redirect(url_for("applicant.edit", token=token))
        return _check_page(draft, token, {})
    if draft.status in APPLICANT_EDITABLE:
        errors = problems_for_submission(draft.fields())
        if errors:
            return _check_page(draft, token, errors, code=400)
    _moved, answer = _move(draft, token, DraftStatus.IN_REVIEW)
    if answer is not None:
        return answer
    # Sent now or by the same tap a moment ago: one history line either way.
    flash(_("Thank you. Your application has been sent to the district office for review."), "success")
    return redirect(url_for("applicant.edit", token=token))


@bp.route("/<token>/withdraw", methods=["GET", "POST"])
def withdraw(token: str):  # type: ignore[no-untyped-def]
    draft = _load(token)
    if request.method == "GET":
        if not can_move(draft.status, DraftStatus.WITHDRAWN):
            return redirect(url_for("applicant.edit", token=token))
        return render_template("applicant/withdraw.html", draft=draft, token=token)
    _moved, answer = _move(draft, token, DraftStatus.WITHDRAWN)
    if answer is not None:
        return answer
    flash(_("You have withdrawn your application. Nobody will review it."), "success")
    return redirect(url_for("applicant.edit", token=token))


@bp.route("/<token>/delete", methods=["GET", "POST"])
def delete(token: str):  # type: ignore[no-untyped-def]
    draft = _load(token)
    if request.method == "POST":
        repository.delete_draft(draft)
        return render_template("applicant/deleted.html")
    return render_template("applicant/delete.html", draft=draft, token=token)
