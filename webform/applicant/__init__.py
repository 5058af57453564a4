"""Applicant pages: /d/<token> opens a draft from the chat to finish, check, submit, withdraw or delete.

The link token is the only key: it is never stored (only its sha256), and a wrong token is a plain 404,
so nobody can tell whether a draft exists.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from werkzeug.datastructures import MultiDict

from programmes.catalogue import default_catalogue
from programmes.districts import official_names
from programmes.vocabulary import APPLICANT_TYPES, TARGET_GROUPS
from webform import repository
from webform.draft_input import LSI_TYPES, missing_for_submission, parse_draft_fields, programme_ids
from webform.draft_labels import SECTIONS, choice_label, programme_name
from webform.i18n import current_language
from webform.models.drafts import APPLICANT_EDITABLE, DRAFT_FIELDS, Draft, DraftStatus, can_move

bp = Blueprint("applicant", __name__, url_prefix="/d")



@bp.after_request
def _keep_the_link_private(response: Response) -> Response:
    # The token is in the address: never send it on to other sites (same-origin, not no-referrer: over
    # HTTPS the CSRF check needs the referrer of the page's own forms), never keep personal data in caches.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def _load(token: str) -> Draft:
    draft = repository.draft_by_token(token)
    if draft is None:
        abort(404)
    # The page opens in the language of the conversation unless the person chose another one.
    if request.args.get("lang") is None and session.get("lang") is None:
        session["lang"] = draft.language
        refresh()
    return draft


def _form_text(draft: Draft) -> dict[str, Any]:
    """The stored answers as the form shows them (plain numbers, ISO dates)."""
    values: dict[str, Any] = {}
    for name, value in draft.fields().items():
        if name == "target_groups":
            values[name] = list(value or [])
        elif value is None:
            values[name] = ""
        elif name in ("total_budget_eur", "requested_amount_eur"):
            values[name] = f"{value:f}".removesuffix(".00")
        elif name == "start_date":
            values[name] = value.isoformat()
        else:
            values[name] = str(value)
    return values


def _posted(form: MultiDict[str, str]) -> dict[str, Any]:
    return {
        name: form.getlist(name) if name == "target_groups" else form.get(name, "")
        for name in DRAFT_FIELDS
    }


def _options() -> dict[str, list[tuple[str, str]]]:
    """(value, text) pairs for the choice questions, in the reader's language."""
    lsi = default_catalogue().programme("lsi")
    variants = {v.id: v.name.get(current_language()) for v in lsi.variants} if lsi else {}
    return {
        "programme": [(p, programme_name(p)) for p in programme_ids()],
        "lsi_type": [(t, f"{t}: {variants[t]}" if t in variants else t) for t in LSI_TYPES],
        "organisation_type": [(t, choice_label(t)) for t in APPLICANT_TYPES],
        "target_groups": [(g, choice_label(g)) for g in TARGET_GROUPS],
        "district": [(d, d) for d in official_names()],
    }


def _render_form(draft: Draft, token: str, values: dict[str, Any], errors: dict[str, str], code: int = 200):  # type: ignore[no-untyped-def]
    page = render_template(
        "applicant/edit.html", draft=draft, token=token, values=values, errors=errors, sections=SECTIONS,
        back_to_check=request.values.get("from") == "check", options=_options(),
    )
    return page, code


@bp.route("/<token>", methods=["GET", "POST"])
def edit(token: str):  # type: ignore[no-untyped-def]
    draft = _load(token)
    if draft.status not in APPLICANT_EDITABLE:
        return render_template("applicant/status.html", draft=draft, token=token, sections=SECTIONS,
                               can_withdraw=can_move(draft.status, DraftStatus.WITHDRAWN))
    if request.method == "GET":
        return _render_form(draft, token, _form_text(draft), {})
    posted = _posted(request.form)
    values, errors = parse_draft_fields(posted, json_types=False)
    if errors:
        return _render_form(draft, token, posted, errors, 400)
    repository.update_fields(draft, values, repository.APPLICANT)
    if request.form.get("action") == "save" and not request.form.get("from"):
        flash(_("Your answers have been saved. You can come back with the same link."), "success")
        return redirect(url_for("applicant.edit", token=token))
    return redirect(url_for("applicant.check", token=token))


@bp.route("/<token>/check", methods=["GET", "POST"])
def check(token: str):  # type: ignore[no-untyped-def]
    draft = _load(token)
    if draft.status not in APPLICANT_EDITABLE:
        return redirect(url_for("applicant.edit", token=token))
    errors: dict[str, str] = {}
    if request.method == "POST":
        errors = missing_for_submission(draft.fields())
        if not errors:
            repository.change_status(draft, DraftStatus.IN_REVIEW, repository.APPLICANT)
            flash(_("Thank you. Your application has been sent to the district office for review."),
                  "success")
            return redirect(url_for("applicant.edit", token=token))
    return render_template("applicant/check.html", draft=draft, token=token, sections=SECTIONS,
                           errors=errors), 400 if errors else 200


@bp.route("/<token>/withdraw", methods=["GET", "POST"])
def withdraw(token: str):  # type: ignore[no-untyped-def]
    draft = _load(token)
    if not can_move(draft.status, DraftStatus.WITHDRAWN):
        return redirect(url_for("applicant.edit", token=token))
    if request.method == "POST":
        repository.change_status(draft, DraftStatus.WITHDRAWN, repository.APPLICANT)
        flash(_("You have withdrawn your application. Nobody will review it."), "success")
        return redirect(url_for("applicant.edit", token=token))
    return render_template("applicant/withdraw.html", draft=draft, token=token)


@bp.route("/<token>/delete", methods=["GET", "POST"])
def delete(token: str):  # type: ignore[no-untyped-def]
    draft = _load(token)
    if request.method == "POST":
        repository.delete_draft(draft)
        return render_template("applicant/deleted.html")
    return render_template("applicant/delete.html", draft=draft, token=token)
