"""The data-access layer: every query and write of drafts, history, callbacks, staff and message labels goes
through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from programmes.answers import FIELD_NAMES
from webform.extensions import db
from webform.inbox.entities import Span
from webform.models.base import utcnow
from webform.models.callbacks import Callback, CallbackStatus
from webform.models.drafts import APPLICANT_EDITABLE, Draft, DraftEvent, DraftStatus, can_move
from webform.models.labels import NOISE, EntityOrigin, MessageEntity, MessageLabel
from webform.models.staff import StaffRole, StaffUser
from webform.search import draft_search_text, search_words
from webform.security import hash_token, new_link_token

APPLICANT = "applicant"
CHAT = "chat"
SYSTEM = "system"


class TransitionNotAllowed(ValueError):
    """The workflow does not allow this status after the current one (models.drafts.TRANSITIONS)."""


class StaleDraft(Exception):
    """A change was sent from a page that showed an older version of the draft; nothing was written.

    `draft` is the current state, `missed` the history lines written since the version the page showed.
    """

    def __init__(self, draft: Draft, missed: Sequence[DraftEvent]) -> None:
        super().__init__(f"draft {draft.id} is at version {draft.version}")
        self.draft = draft
        self.missed = missed


class NotEditable(Exception):
    """The applicant sent answers while the draft's status does not allow changes (e.g. under review)."""


def staff_actor(username: str) -> str:
    return f"staff:{username}"


def _json_safe(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _record(
    draft: Draft,
    actor: str,
    action: str,
    version: int,
    changes: Mapping[str, Any] | None = None,
    note: str | None = None,
) -> DraftEvent:
    event = DraftEvent(draft=draft, actor=actor, action=action, version=version,
                       changes=dict(changes) if changes else None, note=note)
    db.session.add(event)
    return event


def _compare_and_set(draft: Draft, expected_version: int, **values: Any) -> bool:
    """Writes `values` and the next version only if the draft is still at `expected_version`.

    One UPDATE ... WHERE version = expected: on PostgreSQL a concurrent writer waits for the row lock and
    then finds the version moved on; SQLite lets one writer at a time. Either way exactly one of two
    concurrent changes from the same version succeeds. False when another change came first.
    """
    result = db.session.execute(
        update(Draft)
        .where(Draft.id == draft.id, Draft.version == expected_version)
        .values(version=expected_version + 1, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def events_since(draft: Draft, version: int) -> Sequence[DraftEvent]:
    """The history lines that moved the draft past `version`: what a page showing that version missed."""
    return db.session.scalars(
        select(DraftEvent)
        .where(DraftEvent.draft_id == draft.id, DraftEvent.version > version)
        .order_by(DraftEvent.id)
    ).all()


def _reload(draft: Draft) -> Draft:
    db.session.rollback()
    db.session.refresh(draft)
    return draft


# --- drafts ---------------------------------------------------------------------------------------------


def draft_by_idempotency_key(key: str) -> Draft | None:
    return db.session.scalar(select(Draft).where(Draft.idempotency_key == key))


@dataclass(frozen=True)
class CreatedDraft:
    id: int
    status: str
    token: str  # the only time the link token exists in clear: it goes into the answer, never the database


def create_draft(
    values: Mapping[str, Any],
    language: str,
    conversation_id: str | None,
    match: Any,
    idempotency_key: str | None = None,
    fingerprint: str | None = None,
    actor: str = CHAT,
) -> CreatedDraft | None:
    """Stores a new draft with its first history line.

    None when the Idempotency-Key is already stored (by an earlier or a concurrent request): the caller
    answers with that draft. Inserting first and looking up only on conflict keeps the usual case to one
    round of writes.
    """
    token = new_link_token()
    draft = Draft(
        token_hash=hash_token(token),
        status=DraftStatus.NEW,
        language=language,
        conversation_id=conversation_id,
        match=match,
        idempotency_key=idempotency_key,
        request_fingerprint=fingerprint,
        version=1,
        search_text=draft_search_text(values),
        **{name: values[name] for name in FIELD_NAMES if name in values},
    )
    db.session.add(draft)
    filled = {name: [None, _json_safe(values[name])] for name in FIELD_NAMES if values.get(name) is not None}
    _record(draft, actor, "created", 1, filled)
    try:
        db.session.flush()
        created = CreatedDraft(draft.id, draft.status, token)  # read before commit expires the object
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if idempotency_key is not None and draft_by_idempotency_key(idempotency_key) is not None:
            return None
        raise
    return created


def renew_link(draft: Draft, actor: str) -> str:
    """A fresh link token for an existing draft (a repeated request must still answer with a working link)."""
    token = new_link_token()
    draft.token_hash = hash_token(token)
    _record(draft, actor, "link_renewed", draft.version)
    db.session.commit()
    return token


def draft_by_token(token: str) -> Draft | None:
    if not token or len(token) > 200:
        return None
    return db.session.scalar(select(Draft).where(Draft.token_hash == hash_token(token)))


def get_draft(draft_id: int) -> Draft | None:
    return db.session.get(Draft, draft_id)


@dataclass(frozen=True)
class DraftFilters:
    programme: str | None = None
    status: str | None = None
    district: str | None = None
    language: str | None = None
    conversation_id: str | None = None
    created_from: dt.date | None = None
    created_to: dt.date | None = None
    search: str | None = None


def _filtered(query: Select[Any], filters: DraftFilters) -> Select[Any]:
    for column, value in (
        (Draft.programme, filters.programme),
        (Draft.status, filters.status),
        (Draft.district, filters.district),
        (Draft.language, filters.language),
        (Draft.conversation_id, filters.conversation_id),
    ):
        if value:
            query = query.where(column == value)
    if filters.created_from:
        query = query.where(Draft.created_at >= _day_start(filters.created_from))
    if filters.created_to:
        query = query.where(Draft.created_at < _day_start(filters.created_to + dt.timedelta(days=1)))
    for word in search_words(filters.search or ""):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Draft.search_text.like(f"%{escaped}%", escape="\\"))
    return query


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def list_drafts(filters: DraftFilters, limit: int | None = None, offset: int = 0) -> Sequence[Draft]:
    query = _filtered(select(Draft), filters).order_by(Draft.created_at.desc(), Draft.id.desc())
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return db.session.scalars(query).all()


def count_drafts(filters: DraftFilters) -> int:
    return db.session.scalar(_filtered(select(func.count(Draft.id)), filters)) or 0


def counts_by(field: str) -> list[tuple[str | None, int]]:
    """How many drafts per value of programme, district or status, most first."""
    column = {"programme": Draft.programme, "district": Draft.district, "status": Draft.status}[field]
    rows = db.session.execute(
        select(column, func.count(Draft.id)).group_by(column).order_by(func.count(Draft.id).desc(), column)
    ).all()
    return [(value, count) for value, count in rows]


def update_fields(
    draft: Draft, values: Mapping[str, Any], actor: str, expected_version: int
) -> dict[str, list[Any]]:
    """Writes the changed answers and one history line naming them (old and new value per field).

    Nothing is written when nothing changed. Raises StaleDraft when the draft moved past
    `expected_version` since the form was shown, NotEditable when its status no longer allows changes.
    """
    changes = {
        name: [_json_safe(getattr(draft, name)), _json_safe(values[name])]
        for name in FIELD_NAMES
        if name in values and getattr(draft, name) != values[name]
    }
    if not changes:
        return {}
    if draft.version != expected_version:
        raise StaleDraft(draft, events_since(draft, expected_version))
    if draft.status not in APPLICANT_EDITABLE:
        raise NotEditable(draft.status)
    merged = {**draft.fields(), **{name: values[name] for name in changes}}
    written = _compare_and_set(
        draft, expected_version, search_text=draft_search_text(merged),
        **{name: values[name] for name in changes},
    )
    if not written:
        _reload(draft)
        raise StaleDraft(draft, events_since(draft, expected_version))
    _record(draft, actor, "updated", expected_version + 1, changes)
    db.session.commit()
    return changes


def change_status(
    draft: Draft, target: DraftStatus, actor: str, expected_version: int, note: str | None = None
) -> bool:
    """Moves the draft to `target` with one history line; True when it moved.

    False when the draft already has that status because an earlier or concurrent request (a repeated
    tap, a colleague) set it: nothing is written, so every real change has exactly one history line.
    Raises StaleDraft when the draft changed otherwise since `expected_version`, TransitionNotAllowed
    when the workflow does not lead from the current status to `target`.
    """
    if draft.version != expected_version:
        if draft.status == target:
            return False
        raise StaleDraft(draft, events_since(draft, expected_version))
    if not can_move(draft.status, target):
        raise TransitionNotAllowed(f"{draft.status} → {target}")
    previous = draft.status
    extra: dict[str, Any] = {"status": str(target)}
    if target is DraftStatus.IN_REVIEW and actor == APPLICANT:
        extra["submitted_at"] = utcnow()
    if not _compare_and_set(draft, expected_version, **extra):
        _reload(draft)
        if draft.status == target:
            return False
        raise StaleDraft(draft, events_since(draft, expected_version))
    _record(draft, actor, "status", expected_version + 1, {"status": [previous, str(target)]}, note)
    db.session.commit()
    return True


def add_note(draft: Draft, actor: str, note: str) -> None:
    """Adds a note to the history. A note overrides nothing, so it needs no version and changes none."""
    _record(draft, actor, "note", draft.version, note=note)
    draft.updated_at = utcnow()  # a note is activity: it keeps the draft from being purged
    db.session.commit()


def history(draft: Draft) -> Sequence[DraftEvent]:
    return db.session.scalars(
        select(DraftEvent).where(DraftEvent.draft_id == draft.id).order_by(DraftEvent.id)
    ).all()


def delete_draft(draft: Draft) -> None:
    """Erases the draft and its history for good (the applicant's right to erasure, or retention)."""
    _delete_drafts([draft.id])
    db.session.commit()


def _delete_drafts(ids: Sequence[int]) -> None:
    # Bulk deletes: the history is append-only for the ORM, and only erasure may remove it.
    db.session.execute(delete(DraftEvent).where(DraftEvent.draft_id.in_(ids)))
    db.session.execute(delete(Draft).where(Draft.id.in_(ids)))
    db.session.expire_all()


def purge_inactive(days: int, now: dt.datetime | None = None) -> tuple[int, int]:
    """Deletes drafts (with their history) and callback requests untouched for `days` days."""
    cutoff = (now or utcnow()) - dt.timedelta(days=days)
    expired = select(Draft.id).where(Draft.updated_at < cutoff)
    drafts = db.session.scalar(select(func.count()).select_from(expired.subquery())) or 0
    # Subqueries, not a list of ids: a purge of many drafts stays one statement per table.
    db.session.execute(delete(DraftEvent).where(DraftEvent.draft_id.in_(expired)))
    db.session.execute(delete(Draft).where(Draft.updated_at < cutoff))
    old_callbacks = select(Callback.id).where(Callback.updated_at < cutoff)
    callbacks = db.session.scalar(select(func.count()).select_from(old_callbacks.subquery())) or 0
    db.session.execute(delete(Callback).where(Callback.updated_at < cutoff))
    db.session.commit()
    db.session.expire_all()
    return drafts, callbacks


# --- callbacks ------------------------------------------------------------------------------------------


def callback_by_idempotency_key(key: str) -> Callback | None:
    return db.session.scalar(select(Callback).where(Callback.idempotency_key == key))


def create_callback(
    values: Mapping[str, Any], idempotency_key: str | None, fingerprint: str
) -> Callback | None:
    """The stored request, or None when a concurrent request stored the same key first."""
    callback = Callback(
        status=CallbackStatus.NEW, idempotency_key=idempotency_key, request_fingerprint=fingerprint, **values
    )
    db.session.add(callback)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if idempotency_key is not None and callback_by_idempotency_key(idempotency_key) is not None:
            return None
        raise
    return callback


def list_callbacks(status: str | None = None) -> Sequence[Callback]:
    query = select(Callback).order_by(Callback.created_at.desc(), Callback.id.desc())
    if status:
        query = query.where(Callback.status == status)
    return db.session.scalars(query).all()


def get_callback(callback_id: int) -> Callback | None:
    return db.session.get(Callback, callback_id)


def mark_callback_done(callback: Callback, username: str) -> None:
    callback.status = CallbackStatus.DONE
    callback.handled_by = username
    db.session.commit()


# --- staff ----------------------------------------------------------------------------------------------


def create_staff(username: str, password: str, role: StaffRole | None = None) -> StaffUser:
    """Creates an account (a reviewer unless `role` says otherwise), or sets a new password for an existing
    one; an existing account keeps its role unless `role` is given."""
    user = db.session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None:
        user = StaffUser(username=username, active=True, role=role or StaffRole.REVIEWER)
        db.session.add(user)
    elif role is not None:
        user.role = role
    user.set_password(password)
    user.active = True
    db.session.commit()
    return user


def authenticate(username: str, password: str) -> StaffUser | None:
    user = db.session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None or not user.active or not user.check_password(password):
        return None
    return user


def active_staff(user_id: Any) -> StaffUser | None:
    if not isinstance(user_id, int):
        return None
    user = db.session.get(StaffUser, user_id)
    return user if user is not None and user.active else None


# --- message labels (maintainer pages) ------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledMessage:
    """What a label is given to: a message of the tracker store, with its masked text and the entities
    the assistant found in it (spans of the masked text)."""

    sender_id: str
    event_id: int
    language: str
    text: str
    predicted_intent: str | None
    entities: tuple[Span, ...] = ()


def _predicted_entities(label: MessageLabel, spans: Sequence[Span]) -> None:
    label.entities = [
        MessageEntity(start=s.start, end=s.end, entity=s.entity, value=s.value, origin=EntityOrigin.PREDICTED)
        for s in spans
    ]


def label_messages(messages: Sequence[LabelledMessage], intent: str, username: str) -> int:
    """Gives every message the intent (or "noise"); a message labelled before gets the new label and
    keeps its entities. A message labelled for the first time (or whose masked text changed since) takes
    over the entities the assistant found. Returns how many messages were labelled."""
    for message in messages:
        label = db.session.scalar(select(MessageLabel).where(
            MessageLabel.sender_id == message.sender_id, MessageLabel.event_id == message.event_id))
        if label is None:
            label = MessageLabel(sender_id=message.sender_id, event_id=message.event_id)
            db.session.add(label)
            _predicted_entities(label, message.entities)
        elif label.text != message.text:
            _predicted_entities(label, message.entities)
        label.language = message.language
        label.text = message.text
        label.predicted_intent = message.predicted_intent
        label.intent = intent
        label.labelled_by = username
        label.labelled_at = utcnow()
    db.session.commit()
    return len(messages)


def label_of_event(event_id: int) -> MessageLabel | None:
    return db.session.scalar(select(MessageLabel).where(MessageLabel.event_id == event_id))


def add_entity(label: MessageLabel, span: Span, username: str) -> MessageEntity:
    """Marks a span of the label's masked text as an entity (the caller checked the span)."""
    added = MessageEntity(start=span.start, end=span.end, entity=span.entity, value=span.value,
                          origin=EntityOrigin.MAINTAINER, changed_by=username)
    label.entities.append(added)
    label.entities.sort(key=lambda e: e.start)
    db.session.commit()
    return added


def remove_entity(label: MessageLabel, entity_id: int) -> MessageEntity | None:
    """Removes one of the label's entities; None when the label has no entity of that id."""
    found = next((e for e in label.entities if e.id == entity_id), None)
    if found is not None:
        label.entities.remove(found)
        db.session.commit()
    return found


def entity_spans(label: MessageLabel) -> tuple[Span, ...]:
    return tuple(Span(e.start, e.end, e.entity, e.value) for e in label.entities)


def labels_by_event(event_ids: Sequence[int] | None = None) -> dict[int, MessageLabel]:
    """Labels keyed by tracker event id: of the given events, or all."""
    query = select(MessageLabel)
    if event_ids is not None:
        query = query.where(MessageLabel.event_id.in_(list(event_ids)))
    return {label.event_id: label for label in db.session.scalars(query)}


def labels_of_conversation(sender_id: str) -> dict[int, MessageLabel]:
    labels = db.session.scalars(select(MessageLabel).where(MessageLabel.sender_id == sender_id))
    return {label.event_id: label for label in labels}


def labels_in(language: str) -> Sequence[MessageLabel]:
    """Every label of messages in this language, oldest first."""
    return db.session.scalars(
        select(MessageLabel).where(MessageLabel.language == language).order_by(MessageLabel.id)
    ).all()


def labelled_examples(language: str) -> list[tuple[str, str, tuple[Span, ...]]]:
    """(masked text, intent, entities) of every message in `language` labelled with an intent, not as
    noise."""
    return [(label.text, label.intent, entity_spans(label)) for label in labels_in(language)
            if label.intent != NOISE]
