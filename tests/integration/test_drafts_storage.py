"""The data-access layer on SQLite and PostgreSQL: drafts, history, workflow, retention, staff, callbacks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask

from webform import repository
from webform.extensions import db
from webform.models import Base, DraftEvent, DraftStatus
from webform.models.base import utcnow
from webform.security import hash_token


def _draft(**values: object) -> tuple[int, str]:
    created = repository.create_draft(
        {"programme": "lsi", "total_budget_eur": Decimal("20000.50"), **values}, "de", "conv", {"results": []}
    )
    assert created is not None and created.status == "new"
    return created.id, created.token


def test_the_migrated_schema_matches_the_models(db_app: Flask) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_only_the_hash_of_the_link_token_is_stored(db_app: Flask) -> None:
    draft_id, token = _draft()
    stored = db.session.execute(sa.text("SELECT token_hash FROM drafts")).scalar_one()
    assert stored == hash_token(token) and token not in stored and len(stored) == 64
    assert repository.draft_by_token(token).id == draft_id  # type: ignore[union-attr]
    assert repository.draft_by_token(token + "x") is None
    assert repository.draft_by_token("") is None


def test_money_and_dates_keep_their_types(db_app: Flask) -> None:
    draft_id, _token = _draft(start_date=dt.date(2027, 3, 1), target_groups=["youth"])
    db.session.expire_all()
    draft = repository.get_draft(draft_id)
    assert draft is not None
    assert draft.total_budget_eur == Decimal("20000.50")
    assert draft.start_date == dt.date(2027, 3, 1) and draft.target_groups == ["youth"]
    assert draft.created_at.tzinfo is not None and draft.match == {"results": []}


def test_every_change_is_in_the_history(db_app: Flask) -> None:
    draft_id, _token = _draft()
    draft = repository.get_draft(draft_id)
    assert draft is not None
    assert repository.update_fields(draft, {"programme": "lsi"}, repository.APPLICANT) == {}
    repository.update_fields(draft, {"project_title": "Kiezküche"}, repository.APPLICANT)
    repository.change_status(draft, DraftStatus.IN_REVIEW, repository.APPLICANT)
    repository.add_note(draft, "staff:alice", "Bitte Kostenplan nachreichen")
    events = repository.history(draft)
    assert [(e.actor, e.action) for e in events] == [
        ("chat", "created"), ("applicant", "updated"), ("applicant", "status"), ("staff:alice", "note"),
    ]
    assert events[0].changes == {"programme": [None, "lsi"], "total_budget_eur": [None, "20000.50"]}
    assert events[1].changes == {"project_title": [None, "Kiezküche"]}
    assert events[2].changes == {"status": ["new", "in_review"]}
    assert draft.submitted_at is not None


def test_a_stored_idempotency_key_is_not_stored_twice(db_app: Flask) -> None:
    first = repository.create_draft({}, "de", "conv", None, idempotency_key="k", fingerprint="f")
    assert first is not None
    assert repository.create_draft({}, "de", "conv", None, idempotency_key="k", fingerprint="f") is None
    assert repository.draft_by_idempotency_key("k").id == first.id  # type: ignore[union-attr]
    assert repository.count_drafts(repository.DraftFilters()) == 1


def test_history_lines_cannot_be_changed(db_app: Flask) -> None:
    _draft()
    event = db.session.scalars(sa.select(DraftEvent)).one()
    event.note = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        db.session.commit()
    db.session.rollback()


def test_a_transition_outside_the_workflow_is_refused(db_app: Flask) -> None:
    draft_id, _token = _draft()
    draft = repository.get_draft(draft_id)
    assert draft is not None
    with pytest.raises(repository.TransitionNotAllowed):
        repository.change_status(draft, DraftStatus.READY, "staff:alice")
    assert draft.status == "new" and len(repository.history(draft)) == 1


def test_filters_and_search(db_app: Flask) -> None:
    _draft(organisation_name="Kiezküche e.V.", district="Neukölln")
    _draft(organisation_name="50%_Rabatt GmbH", district="Mitte")
    F = repository.DraftFilters
    assert [d.organisation_name for d in repository.list_drafts(F(search="KIEZ"))] == ["Kiezküche e.V."]
    assert [d.organisation_name for d in repository.list_drafts(F(search="%_"))] == ["50%_Rabatt GmbH"]
    assert repository.count_drafts(F(district="Mitte")) == 1
    today = utcnow().date()
    assert repository.count_drafts(F(created_from=today, created_to=today)) == 2
    assert repository.count_drafts(F(created_to=today - dt.timedelta(days=1))) == 0
    assert dict(repository.counts_by("district")) == {"Mitte": 1, "Neukölln": 1}
    assert dict(repository.counts_by("status")) == {"new": 2}


def test_purge_deletes_inactive_drafts_with_their_history_and_old_callbacks(db_app: Flask) -> None:
    old_id, _old = _draft()
    fresh_id, _fresh = _draft()
    repository.create_callback(
        {"language": "de", "conversation_id": "c", "name": "A", "contact": "a@example.org", "consent": True},
        None, "f",
    )
    long_ago = utcnow() - dt.timedelta(days=40)
    db.session.execute(sa.text("UPDATE drafts SET updated_at = :t WHERE id = :id"), {"t": long_ago, "id": old_id})
    db.session.execute(sa.text("UPDATE callbacks SET updated_at = :t"), {"t": long_ago})
    db.session.commit()

    assert repository.purge_inactive(30) == (1, 1)
    assert repository.get_draft(old_id) is None and repository.get_draft(fresh_id) is not None
    remaining = db.session.scalars(sa.select(DraftEvent.draft_id)).all()
    assert remaining == [fresh_id]
    assert repository.purge_inactive(30) == (0, 0)


def test_deleting_a_draft_erases_its_history(db_app: Flask) -> None:
    draft_id, _token = _draft()
    draft = repository.get_draft(draft_id)
    assert draft is not None
    repository.add_note(draft, "staff:alice", "note")
    repository.delete_draft(draft)
    assert repository.get_draft(draft_id) is None
    assert db.session.scalar(sa.select(sa.func.count(DraftEvent.id))) == 0


def test_staff_passwords_are_hashed_and_checked(db_app: Flask) -> None:
    user = repository.create_staff("alice", "correct-horse-battery")
    stored = db.session.execute(sa.text("SELECT password_hash FROM staff_users")).scalar_one()
    assert "correct-horse-battery" not in stored and stored.startswith(("scrypt:", "pbkdf2:"))
    assert repository.authenticate("alice", "correct-horse-battery").id == user.id  # type: ignore[union-attr]
    assert repository.authenticate("alice", "wrong") is None
    assert repository.authenticate("bob", "correct-horse-battery") is None
    repository.create_staff("alice", "another-long-password")  # a new password for the same account
    assert repository.authenticate("alice", "correct-horse-battery") is None
    assert repository.active_staff(user.id) is not None and repository.active_staff("1") is None
