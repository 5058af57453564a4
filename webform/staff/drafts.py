"""The drafts list with filters and search, the detail page, status changes and notes."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from programmes.districts import official_names
from webform import repository
from webform.draft_input import programme_ids
from webform.draft_labels import SECTIONS, programme_name, status_label
from webform.models.drafts import TRANSITIONS, DraftStatus
from webform.security import staff_login_required
from webform.staff import bp, parse_day

PAGE_SIZE = 50
MAX_NOTE = 5000


def filters_from(args: MultiDict[str, str]) -> tuple[repository.DraftFilters, dict[str, str]]:
    """The list filters from the query; values that are not valid choices are ignored, not an error."""
    chosen = {name: args.get(name, "").strip() for name in
              ("programme", "status", "district", "language", "from", "to", "q")}
    filters = repository.DraftFilters(
        programme=chosen["programme"] if chosen["programme"] in programme_ids() else None,
        status=chosen["status"] if chosen["status"] in list(DraftStatus) else None,
        district=chosen["district"] if chosen["district"] in official_names() else None,
        language=chosen["language"] if chosen["language"] in ("de", "en") else None,
        created_from=parse_day(chosen["from"]),
        created_to=parse_day(chosen["to"]),
        search=chosen["q"][:100] or None,
    )
    return filters, chosen


def filter_options() -> dict[str, list[tuple[str, str]]]:
    return {
        "programme": [(p, programme_name(p)) for p in programme_ids()],
        "status": [(s.value, status_label(s)) for s in DraftStatus],
        "district": [(d, d) for d in official_names()],
        "language": [("de", "Deutsch"), ("en", "English")],
    }


@bp.get("/")
@staff_login_required
def index():  # type: ignore[no-untyped-def]
    filters, chosen = filters_from(request.args)
    page = max(1, int(request.args["page"])) if request.args.get("page", "").isdigit() else 1
    total = repository.count_drafts(filters)
    drafts = repository.list_drafts(filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    query = {k: v for k, v in chosen.items() if v}
    return render_template(
        "staff/index.html", drafts=drafts, total=total, chosen=chosen, options=filter_options(),
        page=page, pages=max(1, -(-total // PAGE_SIZE)), query=query,
    )


def _draft_or_404(draft_id: int) -> Any:
    draft = repository.get_draft(draft_id)
    if draft is None:
        abort(404)
    return draft


def _detail_page(draft: Any, errors: dict[str, str], code: int = 200):  # type: ignore[no-untyped-def]
    page = render_template(
        "staff/detail.html", draft=draft, sections=SECTIONS, history=repository.history(draft),
        next_statuses=sorted(TRANSITIONS[DraftStatus(draft.status)]), errors=errors,
    )
    return page, code


@bp.get("/drafts/<int:draft_id>")
@staff_login_required
def detail(draft_id: int):  # type: ignore[no-untyped-def]
    return _detail_page(_draft_or_404(draft_id), {})


@bp.post("/drafts/<int:draft_id>/status")
@staff_login_required
def change_status(draft_id: int):  # type: ignore[no-untyped-def]
    draft = _draft_or_404(draft_id)
    target = request.form.get("status", "")
    note = request.form.get("note", "").strip()[:MAX_NOTE] or None
    actor = repository.staff_actor(g.staff_user.username)
    try:
        repository.change_status(draft, DraftStatus(target), actor, note)
    except (ValueError, repository.TransitionNotAllowed):
        flash(_("This status change is not possible. Choose one of the statuses offered."), "error")
    else:
        flash(_("Status changed to: %(status)s.", status=status_label(target)), "success")
    return redirect(url_for("staff.detail", draft_id=draft.id))


@bp.post("/drafts/<int:draft_id>/notes")
@staff_login_required
def add_note(draft_id: int):  # type: ignore[no-untyped-def]
    draft = _draft_or_404(draft_id)
    note = request.form.get("note", "").strip()
    if not note or len(note) > MAX_NOTE:
        return _detail_page(
            draft, {"note": _("Enter a note of at most %(length)s characters.", length=MAX_NOTE)}, 400
        )
    repository.add_note(draft, repository.staff_actor(g.staff_user.username), note)
    flash(_("Note added."), "success")
    return redirect(url_for("staff.detail", draft_id=draft.id))
