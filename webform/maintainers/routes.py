"""The maintainer pages' views: the inbox of misunderstood messages, groups of similar messages, the
review of one conversation, labelling (intents and entities), the exports (NLU YAML, a conversation-suite
case), the latest evaluation report and the programme facts' freshness.

Every page is for maintainers only (staff.auth.maintainer_required) and shows chat text masked
(programmes.personal_data).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import format_date, format_decimal, format_percent, format_time
from flask_babel import gettext as _

from programmes.personal_data import mask, name_pattern
from webform import clock, repository
from webform.headers import no_store
from webform.inbox import entities, grouping, nlu_export, suite_export, tracker
from webform.inbox.intents import domain_entities, domain_intents
from webform.inbox.triage import guess_language
from webform.maintainers import bp, evaluation, forms
from webform.maintainers import facts as facts_module
from webform.models.labels import NOISE, MessageLabel
from webform.staff import charts
from webform.staff.auth import load_signed_in_user, maintainer_required, safe_next_url

PAGE_SIZE = 50
GROUPS_SHOWN = 100
MEMBERS_SHOWN = 5

bp.before_request(load_signed_in_user)


bp.after_request(no_store)  # what people wrote in the chat


@bp.context_processor
def _formatting() -> dict[str, object]:
    return {"format_decimal": format_decimal, "format_time": format_time, "format_date": format_date,
            "format_percent": format_percent}


def _intents() -> tuple[str, ...]:
    return domain_intents(current_app.config["DOMAIN_DIR"])


def _entity_types() -> tuple[str, ...]:
    return domain_entities(current_app.config["DOMAIN_DIR"])


@dataclass(frozen=True)
class Row:
    """A message as the inbox shows it: masked."""

    event_id: int
    sender_id: str
    text: str
    intent: str | None
    confidence: float | None
    language: str
    when: dt.datetime
    reasons: list[str]
    label: str | None


@dataclass(frozen=True)
class Found:
    """The misunderstood messages that pass the filters, oldest first, and their counts per day."""

    messages: list[tracker.LoggedMessage]
    per_day: charts.ColumnChart


def _found(filters: forms.InboxFilters) -> tuple[tracker.InboxIndex | None, Found]:
    """The store's index (None without a store) and what passes the filters; kept while paging through
    the same filters until the store changes."""
    index = tracker.index()
    if index is None:
        return None, Found([], charts.day_columns([]))
    start, end = _bounds(filters)

    def select() -> Found:
        found = [m for m in index.misunderstood() if start <= m.timestamp < end]
        if filters.language is not None:
            found = [m for m in found if m.language == filters.language]
        if filters.intent is not None:
            found = [m for m in found if m.prediction.intent == filters.intent]
        if filters.reason is not None:
            found = [m for m in found if filters.reason in m.reasons]
        return Found(found, charts.day_columns(_per_day(found)))

    key = ("found", filters.language, filters.intent, filters.reason, start, end)
    return index, index.remember(key, select)


def _transcript(sender_id: str) -> tuple[list[tracker.Turn], set[str], str | None]:
    store = tracker.engine()
    return tracker.conversation(store, sender_id) if store is not None else ([], set(), None)


def _bounds(filters: forms.InboxFilters) -> tuple[float, float]:
    """The filter's days as seconds since the epoch (UTC), the end day included."""
    def at(day: dt.date) -> float:
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()

    start = at(filters.start) if filters.start else float("-inf")
    last = filters.end
    end = at(last + dt.timedelta(days=1)) if last and last < dt.date.max else float("inf")
    return start, end


def _per_day(messages: list[tracker.LoggedMessage]) -> list[tuple[str, int]]:
    """Messages per UTC day, every day from the first to the last (days without any count 0)."""
    counted = Counter(int(m.timestamp // 86400) for m in messages)
    if not counted:
        return []
    first, last = min(counted), max(counted)
    first = max(first, last - charts.MAX_DAYS + 1)
    return [(dt.date.fromordinal(dt.date(1970, 1, 1).toordinal() + day).isoformat(), counted.get(day, 0))
            for day in range(first, last + 1)]


@bp.get("/")
@maintainer_required
def home():  # type: ignore[no-untyped-def]
    return redirect(url_for("maintainers.inbox"))


@bp.get("/inbox")
@maintainer_required
def inbox():  # type: ignore[no-untyped-def]
    intents = _intents()
    filters = forms.read_filters(request.args, intents)
    page = forms.read_page(request.args)
    index, selected = _found(filters)
    found = selected.messages
    total = len(found)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    shown = found[::-1][(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    labels = repository.labels_by_event([m.event_id for m in shown]) if shown else {}
    rows = [
        Row(m.event_id, m.sender_id, index.masked(m), m.prediction.intent, m.prediction.confidence,
            m.language, m.when, sorted(m.reasons),
            labels[m.event_id].intent if m.event_id in labels else None)
        for m in shown if index is not None
    ]
    page_html = render_template(
        "maintainers/inbox.html", rows=rows, total=total, page=page, pages=pages, filters=filters,
        intents=intents, reasons=forms.reason_labels(),
        chart=selected.per_day,
        no_store=index is None, noise=NOISE, query=filters.query(),
    )
    return page_html, 400 if filters.errors else 200


@bp.get("/groups")
@maintainer_required
def groups():  # type: ignore[no-untyped-def]
    intents = _intents()
    filters = forms.read_filters(request.args, intents)
    index, selected = _found(filters)
    found = selected.messages
    labels = repository.labels_by_event() if found else {}
    unlabelled = [m for m in found if m.event_id not in labels]
    grouped = grouping.group([
        grouping.Groupable(m.event_id, m.sender_id, m.language, index.masked(m), m.prediction.confidence,
                           m.prediction.intent)
        for m in unlabelled if index is not None
    ])
    page_html = render_template(
        "maintainers/groups.html", groups=grouped[:GROUPS_SHOWN], total=len(grouped), filters=filters,
        intents=intents, reasons=forms.reason_labels(), members_shown=MEMBERS_SHOWN, noise=NOISE,
        labelled=len(found) - len(unlabelled), no_store=index is None,
    )
    return page_html, 400 if filters.errors else 200


@bp.post("/labels")
@maintainer_required
def label():  # type: ignore[no-untyped-def]
    back = safe_next_url(request.form.get("next"), url_for("maintainers.inbox"))
    sent = forms.read_label_form(request.form, _intents())
    if sent.error:
        flash(sent.error, "error")
        return redirect(back)
    index = tracker.index()
    messages = [m for m in (index.message(i) for i in sent.event_ids) if m is not None] if index else []
    found = [
        repository.LabelledMessage(m.sender_id, m.event_id, m.language, index.masked(m), m.prediction.intent,
                                   tuple(index.masked_entities(m, _entity_types())))
        for m in messages if index is not None
    ]
    # A labelled message whose conversation was deleted since (after a day) keeps its stored text.
    gone = set(sent.event_ids) - {m.event_id for m in messages}
    found += [
        repository.LabelledMessage(old.sender_id, old.event_id, old.language, old.text, old.predicted_intent)
        for old in repository.labels_by_event(sorted(gone)).values()
    ] if gone else []
    if not found:
        flash(_("These messages are no longer in the conversation store."), "error")
        return redirect(back)
    labelled = repository.label_messages(found, sent.intent, g.staff_user.username)
    flash(_("Labelled %(count)s messages as: %(intent)s.", count=labelled, intent=sent.intent), "success")
    return redirect(back)


@dataclass(frozen=True)
class MessageView:
    """One message as the entity page shows it: masked, with what the assistant made of it (when the
    conversation store still has it) and its label."""

    event_id: int
    sender_id: str
    language: str
    text: str
    predicted_intent: str | None
    confidence: float | None
    predicted: list[entities.Span]
    label: MessageLabel | None


def _message_view(event_id: int) -> MessageView:
    """The message of `event_id` from its label or the conversation store; 404 when neither has it (a
    label outlives the conversation, which is deleted after a day)."""
    label = repository.label_of_event(event_id)
    index = tracker.index()
    logged = index.message(event_id) if index is not None else None
    if label is None and (logged is None or index is None):
        abort(404)
    if logged is not None and index is not None:
        text = label.text if label is not None else index.masked(logged)
        predicted = index.masked_entities(logged, _entity_types()) if text == index.masked(logged) else []
        return MessageView(event_id, logged.sender_id, logged.language, text, logged.prediction.intent,
                           logged.prediction.confidence, predicted, label)
    assert label is not None
    return MessageView(event_id, label.sender_id, label.language, label.text, label.predicted_intent, None,
                       [], label)


def _message_page(view: MessageView, sent: forms.EntityForm | None = None, code: int = 200):  # type: ignore[no-untyped-def]
    label = view.label
    spans = repository.entity_spans(label) if label is not None else ()
    example = entities.annotated_example(view.text, spans, nlu_export.stand_ins(view.language))
    page = render_template(
        "maintainers/message.html", message=view, intents=_intents(), entity_types=_entity_types(),
        noise=NOISE, sent=sent or forms.EntityForm({}), example=example[1] if example else None,
        marked=[(e, view.text[e.start:e.end]) for e in label.entities] if label is not None else [],
        predicted=[(s, view.text[s.start:s.end]) for s in view.predicted],
    )
    return page, code


@bp.get("/messages/<int:event_id>")
@maintainer_required
def message(event_id: int):  # type: ignore[no-untyped-def]
    return _message_page(_message_view(event_id))


def _labelled_or_back(view: MessageView) -> MessageLabel | None:
    if view.label is None or view.label.intent == NOISE:
        flash(_("Give the message its intent first; then correct its entities."), "error")
        return None
    return view.label


@bp.post("/messages/<int:event_id>/entities")
@maintainer_required
def add_entity(event_id: int):  # type: ignore[no-untyped-def]
    view = _message_view(event_id)
    label = _labelled_or_back(view)
    if label is None:
        return redirect(url_for("maintainers.message", event_id=event_id))
    sent = forms.read_entity_form(request.form, _entity_types(), label.text, repository.entity_spans(label))
    if sent.errors or sent.span is None:
        return _message_page(view, sent, 400)
    repository.add_entity(label, sent.span, g.staff_user.username)
    flash(_("Marked “%(part)s” as %(entity)s.", part=label.text[sent.span.start:sent.span.end],
            entity=sent.span.entity), "success")
    return redirect(url_for("maintainers.message", event_id=event_id))


@bp.post("/messages/<int:event_id>/entities/<int:entity_id>/remove")
@maintainer_required
def remove_entity(event_id: int, entity_id: int):  # type: ignore[no-untyped-def]
    view = _message_view(event_id)
    label = _labelled_or_back(view)
    if label is None:
        return redirect(url_for("maintainers.message", event_id=event_id))
    removed = repository.remove_entity(label, entity_id)
    if removed is None:
        flash(_("This entity was removed already."), "error")
    else:
        flash(_("Removed the entity %(entity)s from “%(part)s”.", entity=removed.entity,
                part=label.text[removed.start:removed.end]), "success")
    return redirect(url_for("maintainers.message", event_id=event_id))


@bp.get("/conversations/<path:sender_id>")
@maintainer_required
def conversation(sender_id: str):  # type: ignore[no-untyped-def]
    turns, names, language = _transcript(sender_id)
    if not turns:
        abort(404)
    pattern = name_pattern(names)
    labels = repository.labels_of_conversation(sender_id)
    entities = {
        t.event_id: [(str(e.get("entity")), mask(str(e.get("value")), pattern))
                     for e in t.prediction.entities]
        for t in turns if t.prediction is not None
    }
    return render_template(
        "maintainers/conversation.html", sender_id=sender_id, language=language, labels=labels,
        turns=[(t, mask(t.text, pattern)) for t in turns], entities=entities, intents=_intents(), noise=NOISE,
    )


@bp.get("/conversations/<path:sender_id>/case.yml")
@maintainer_required
def conversation_case(sender_id: str) -> Response:
    turns, names, language = _transcript(sender_id)
    users = [t for t in turns if t.kind == "user" and t.text.strip()]
    if not users:
        abort(404)
    index = tracker.index()
    first = index.message(users[0].event_id) if index is not None else None
    lang = language or (first.language if first is not None else guess_language(users[0].text))
    labels = repository.labels_of_conversation(sender_id)
    pattern = name_pattern(names)
    steps = [suite_export.Step(t.event_id, mask(t.text, pattern),
                               labels[t.event_id].intent if t.event_id in labels else None) for t in users]
    name = f"Inbox conversation {sender_id[:12]} of {users[0].when.date().isoformat()}"
    openings = suite_export.fallback_openings(lang)
    text = suite_export.suite_yaml([suite_export.case(name, lang, steps, openings)])
    return Response(text, mimetype="application/yaml", headers={
        "Content-Disposition": f"attachment; filename=conversation-{lang}-{users[0].event_id}.yml"})


@bp.get("/export/nlu-<lang>.yml")
@maintainer_required
def export_nlu(lang: str) -> Response:
    if lang not in forms.LANGUAGES:
        abort(404)
    labelled = [nlu_export.Labelled(text, intent, entities)
                for text, intent, entities in repository.labelled_examples(lang)]
    made = nlu_export.export_for(Path(current_app.config["NLU_DATA_DIR"]), lang, labelled)
    return Response(made.yaml, mimetype="application/yaml", headers={
        "Content-Disposition": f"attachment; filename={lang}-{nlu_export.EXPORT_FILE}"})


# --- evaluation report and programme facts ---------------------------------------------------------------


@bp.get("/report")
@maintainer_required
def report():  # type: ignore[no-untyped-def]
    directory = Path(current_app.config["EVALUATION_REPORT_DIR"])
    baseline = Path(current_app.config["EVALUATION_BASELINE"])
    latest: evaluation.Report | None = None
    unreadable: str | None = None
    try:
        latest = evaluation.load_report(directory, baseline)
    except evaluation.ReportUnreadable as error:
        unreadable = str(error)
    return render_template("maintainers/report.html", report=latest, unreadable=unreadable,
                           measures=_measure_labels(), language_names=_language_names())


@bp.get("/report/confusion-<lang>.png")
@maintainer_required
def report_picture(lang: str) -> Response:
    path = evaluation.picture_path(Path(current_app.config["EVALUATION_REPORT_DIR"]), lang, forms.LANGUAGES)
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/png", max_age=0)


@bp.get("/report/<any('report.json', 'summary.md'):name>")
@maintainer_required
def report_download(name: str) -> Response:
    path = Path(current_app.config["EVALUATION_REPORT_DIR"]) / name
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype=evaluation.DOWNLOADS[name], as_attachment=True, download_name=name,
                     max_age=0)


@bp.get("/facts")
@maintainer_required
def facts():  # type: ignore[no-untyped-def]
    state = facts_module.facts_state(Path(current_app.config["CATALOGUE_DIR"]), clock.today())
    return render_template("maintainers/facts.html", state=state, headings=_finding_headings())


def _measure_labels() -> dict[str, str]:
    return {"intent_macro_f1": _("Intent macro-F1"), "entity_macro_f1": _("Entity macro-F1")}


def _language_names() -> dict[str, str]:
    return {"de": _("German"), "en": _("English")}


def _finding_headings() -> dict[str, str]:
    """The kinds of finding of `make check-facts`, as the page names them."""
    return {
        "unreadable": _("Files that are no YAML (fix)"),
        "missing_source": _("Facts without a source (fix)"),
        "missing_period": _("Facts without a period (fix)"),
        "call_passed": _("Calls whose closing date has passed (look for a new call)"),
        "period_ended": _("Facts whose period has ended (look for a newer statement at the source)"),
        "shared_source": _("Sources cited for unrelated facts (check each cites the right page)"),
    }
