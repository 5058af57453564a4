"""The data-access layer: every query and write of drafts, history, callbacks and staff goes through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from webform.extensions import db
from webform.models.base import utcnow
from webform.models.callbacks import Callback, CallbackStatus
from webform.models.drafts import DRAFT_FIELDS, Draft, DraftEvent, DraftStatus, can_move
from webform.models.staff import StaffUser
from webform.security import hash_token, new_link_token

APPLICANT = "applicant"
CHAT = "chat"
SYSTEM = "system"


class TransitionNotAllowed(ValueError):
    pass


def staff_actor(username: str) -> str:
    return f"staff:{username}"


def _json_safe(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _record(
    draft: Draft, actor: str, action: str, changes: Mapping[str, Any] | None = None, note: str | None = None
) -> DraftEvent:
    event = DraftEvent(draft=draft, actor=actor, action=action, changes=dict(changes) if changes else None,
                       note=note)
    db.session.add(event)
    return event


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
        **{name: values[name] for name in DRAFT_FIELDS if name in values},
    )
    db.session.add(draft)
    filled = {name: [None, _json_safe(values[name])] for name in DRAFT_FIELDS if values.get(name) is not None}
    _record(draft, actor, "created", filled)
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
    _record(draft, actor, "link_renewed")
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
    if filters.search:
        escaped = filters.search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            or_(*(
                func.lower(column).like(pattern, escape="\\")
                for column in (Draft.organisation_name, Draft.project_title, Draft.contact_name,
                               Draft.contact_email, Draft.city)
            ))
        )
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


def update_fields(draft: Draft, values: Mapping[str, Any], actor: str) -> dict[str, list[Any]]:
    """Writes the changed values and one history line naming them; nothing when nothing changed."""
    changes = {}
    for name in DRAFT_FIELDS:
        if name in values and getattr(draft, name) != values[name]:
            changes[name] = [_json_safe(getattr(draft, name)), _json_safe(values[name])]
            setattr(draft, name, values[name])
    if changes:
        _record(draft, actor, "updated", changes)
        db.session.commit()
    return changes


def change_status(draft: Draft, target: DraftStatus, actor: str, note: str | None = None) -> None:
    if not can_move(draft.status, target):
        raise TransitionNotAllowed(f"{draft.status} → {target}")
    _record(draft, actor, "status", {"status": [draft.status, str(target)]}, note)
    draft.status = target
    if target is DraftStatus.IN_REVIEW and actor == APPLICANT:
        draft.submitted_at = utcnow()
    db.session.commit()


def add_note(draft: Draft, actor: str, note: str) -> None:
    _record(draft, actor, "note", note=note)
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


def create_staff(username: str, password: str) -> StaffUser:
    user = db.session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None:
        user = StaffUser(username=username, active=True)
        db.session.add(user)
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
