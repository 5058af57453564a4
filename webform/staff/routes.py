"""The staff pages' views: sign-in and out, the drafts list, a draft's detail with status changes and
notes, the callback queue, the dashboard and the CSV export."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webform import repository
from webform.draft_input import draft_warnings
from webform.draft_labels import SECTIONS, programme_short_name, status_label
from webform.headers import no_store
from webform.i18n import current_language
from webform.models.callbacks import CallbackStatus
from webform.models.drafts import TRANSITIONS, Draft, DraftEvent, DraftStatus
from webform.staff import bp, charts, csv_export, forms
from webform.staff.auth import load_signed_in_user, safe_next_url, sign_in, sign_out, staff_login_required

PAGE_SIZE = 50

bp.before_request(load_signed_in_user)


bp.after_request(no_store)  # staff pages show personal data


# --- sign-in --------------------------------------------------------------------------------------------


@bp.route("/login", methods=["GET", "POST"])
def login():  # type: ignore[no-untyped-def]
    errors: dict[str, str] = {}
    username = ""
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        user = repository.authenticate(username, password) if username and password else None
        if user is not None:
            sign_in(user)
            return redirect(safe_next_url(request.args.get("next"), url_for("staff.index")))
        errors["username"] = _("Enter a correct user name and password.")
    page = render_template("staff/login.html", errors=errors, username=username)
    return page, 400 if errors else 200


@bp.post("/logout")
@staff_login_required
def logout():  # type: ignore[no-untyped-def]
    sign_out()
    flash(_("You have signed out."), "success")
    return redirect(url_for("staff.login"))


# --- drafts ---------------------------------------------------------------------------------------------


@bp.get("/")
@staff_login_required
def index():  # type: ignore[no-untyped-def]
    filters, chosen = forms.filters_from(request.args)
    page = max(1, int(request.args["page"])) if request.args.get("page", "").isdigit() else 1
    total = repository.count_drafts(filters)
    drafts = repository.list_drafts(filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    query = {k: v for k, v in chosen.items() if v}
    return render_template(
        "staff/index.html", drafts=drafts, total=total, chosen=chosen, options=forms.filter_options(),
        page=page, pages=max(1, -(-total // PAGE_SIZE)), query=query,
        csv_variant=current_language(), csv_variants=csv_export.VARIANTS,
    )


def _draft_or_404(draft_id: int) -> Draft:
    draft = repository.get_draft(draft_id)
    if draft is None:
        abort(404)
    return draft


def _detail_page(
    draft: Draft,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
    missed: list[DraftEvent] | None = None,
    code: int = 200,
):  # type: ignore[no-untyped-def]
    """The detail page; `typed` re-shows what was typed into its forms (status, reason, note)."""
    page = render_template(
        "staff/detail.html", draft=draft, sections=SECTIONS, history=repository.history(draft),
        next_statuses=sorted(TRANSITIONS[DraftStatus(draft.status)]), errors=errors or {},
        typed=typed or {}, missed=missed, warnings=draft_warnings(draft.fields()),
    )
    return page, code


@bp.get("/drafts/<int:draft_id>")
@staff_login_required
def detail(draft_id: int):  # type: ignore[no-untyped-def]
    return _detail_page(_draft_or_404(draft_id))


@bp.post("/drafts/<int:draft_id>/status")
@staff_login_required
def change_status(draft_id: int):  # type: ignore[no-untyped-def]
    draft = _draft_or_404(draft_id)
    sent = forms.read_status_form(request.form)
    typed = {"status": sent.target, "reason": sent.reason}
    if sent.errors:
        return _detail_page(draft, sent.errors, typed, code=400)
    actor = repository.staff_actor(g.staff_user.username)
    try:
        changed = repository.change_status(draft, DraftStatus(sent.target), actor, sent.version or 0,
                                           sent.reason or None)
    except repository.StaleDraft as stale:
        # Someone else changed the draft since this page was loaded: write nothing, show what happened.
        return _detail_page(stale.draft, typed=typed, missed=list(stale.missed), code=409)
    except (ValueError, repository.TransitionNotAllowed):
        flash(_("This status change is not possible. Choose one of the statuses offered."), "error")
        return redirect(url_for("staff.detail", draft_id=draft.id))
    if not changed:
        flash(_("The status already is: %(status)s. Nothing was changed.", status=status_label(sent.target)),
              "success")
        if sent.reason:  # the reason was not stored with a change: offer it as a note instead
            return _detail_page(draft, typed={"note": sent.reason})
        return redirect(url_for("staff.detail", draft_id=draft.id))
    flash(_("Status changed to: %(status)s.", status=status_label(sent.target)), "success")
    return redirect(url_for("staff.detail", draft_id=draft.id))


@bp.post("/drafts/<int:draft_id>/notes")
@staff_login_required
def add_note(draft_id: int):  # type: ignore[no-untyped-def]
    draft = _draft_or_404(draft_id)
    note, errors = forms.read_note(request.form)
    if errors:
        return _detail_page(draft, errors, typed={"note": note}, code=400)
    repository.add_note(draft, repository.staff_actor(g.staff_user.username), note)
    flash(_("Note added."), "success")
    return redirect(url_for("staff.detail", draft_id=draft.id))


@bp.get("/export.csv")
@staff_login_required
def export_csv() -> Response:
    filters, _chosen = forms.filters_from(request.args)
    variant = request.args.get("variant")
    variant = variant if variant in csv_export.VARIANTS else current_language()
    return Response(
        csv_export.drafts_csv(repository.list_drafts(filters), variant),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=kiezlotse-drafts-{variant}.csv"},
    )


# --- callbacks and dashboard ------------------------------------------------------------------------------


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


@bp.get("/dashboard")
@staff_login_required
def dashboard():  # type: ignore[no-untyped-def]
    not_given = _("Not provided")

    def counts(field: str, name: Any) -> list[tuple[str, int]]:
        return [(name(v) if v else not_given, c) for v, c in repository.counts_by(field)]

    drawn = [
        charts.chart(_("Drafts per programme"), counts("programme", programme_short_name), _("Programme")),
        charts.chart(_("Drafts per district"), counts("district", str), _("District")),
        charts.chart(_("Drafts per status"), counts("status", status_label), _("Status")),
    ]
    return render_template("staff/dashboard.html", charts=drawn, label_width=charts.LABEL_WIDTH,
                           bar_width=charts.BAR_WIDTH, bar_height=charts.BAR_HEIGHT)
