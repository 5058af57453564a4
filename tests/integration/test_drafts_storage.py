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
    assert repository.update_fields(draft, {"programme": "lsi"}, repository.APPLICANT, 1) == {}
    repository.update_fields(draft, {"project_title": "Kiezküche"}, repository.APPLICANT, 1)
    repository.change_status(draft, DraftStatus.IN_REVIEW, repository.APPLICANT, 2)
    repository.add_note(draft, "staff:alice", "Bitte Kostenplan nachreichen")
    events = repository.history(draft)
    assert [(e.actor, e.action) for e in events] == [
        ("chat", "created"), ("applicant", "updated"), ("applicant", "status"), ("staff:alice", "note"),
    ]
    assert events[0].changes == {"programme": [None, "lsi"], "total_budget_eur": [None, "20000.50"]}
    assert events[1].changes == {"project_title": [None, "Kiezküche"]}
    assert events[2].changes == {"status": ["new", "in_review"]}
    assert draft.submitted_at is not None
    # Answers and status raise the version; a note changes nothing and keeps it.
    assert [e.version for e in events] == [1, 2, 3, 3] and draft.version == 3


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
        repository.change_status(draft, DraftStatus.READY, "staff:alice", draft.version)
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


SEARCHES = {
    "Ökowerk": {"Ökowerk Straße e.V."}, "ökowerk": {"Ökowerk Straße e.V."}, "ÖKOWERK": {"Ökowerk Straße e.V."},
    "oekowerk": {"Ökowerk Straße e.V."}, "strasse": {"Ökowerk Straße e.V."}, "STRAẞE": {"Ökowerk Straße e.V."},
    "Kiezkueche": {"Kiezküche gGmbH"}, "küche": {"Kiezküche gGmbH"}, "cafe": {"Kiezküche gGmbH"},
    "neukoelln": {"Kiezküche gGmbH"}, "e.v.": {"Ökowerk Straße e.V."}, "werk": {"Ökowerk Straße e.V."},
    "gelsenkirchen": {"Ökowerk Straße e.V."}, "zz": set(), "ökowerk kiezküche": set(),
}


def test_search_is_german_aware_and_the_same_on_both_databases(db_app: Flask) -> None:
    _draft(organisation_name="Ökowerk Straße e.V.", city="Gelsenkirchen", project_title="Reparieren")
    _draft(organisation_name="Kiezküche gGmbH", project_title="Café Neukölln", contact_name="Zoë Brandt")
    found = {query: {d.organisation_name for d in repository.list_drafts(repository.DraftFilters(search=query))}
             for query in SEARCHES}
    assert found == SEARCHES


def test_the_search_text_follows_changes_and_has_an_index(db_app: Flask) -> None:
    draft_id, _token = _draft(organisation_name="Alte Werkstatt")
    draft = repository.get_draft(draft_id)
    assert draft is not None
    repository.update_fields(draft, {"organisation_name": "Grünhof"}, repository.APPLICANT, draft.version)
    assert [d.id for d in repository.list_drafts(repository.DraftFilters(search="gruenhof"))] == [draft_id]
    assert repository.list_drafts(repository.DraftFilters(search="werkstatt")) == []
    if db.engine.dialect.name == "postgresql":
        definition = db.session.execute(sa.text(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_drafts_search_text'")).scalar_one()
        assert "USING gin" in definition and "gin_trgm_ops" in definition
    else:
        names = db.session.execute(sa.text("PRAGMA index_list('drafts')")).all()
        assert "ix_drafts_search_text" in {row[1] for row in names}


def test_a_change_against_an_older_version_writes_nothing(db_app: Flask) -> None:
    draft_id, _token = _draft()
    draft = repository.get_draft(draft_id)
    assert draft is not None
    repository.change_status(draft, DraftStatus.IN_REVIEW, "staff:alice", 1)
    with pytest.raises(repository.StaleDraft) as stale:
        repository.change_status(draft, DraftStatus.REJECTED, "staff:bob", 1)
    assert [(e.actor, e.changes) for e in stale.value.missed] == [("staff:alice", {"status": ["new", "in_review"]})]
    assert repository.change_status(draft, DraftStatus.IN_REVIEW, "staff:bob", 1) is False  # already so
    assert draft.status == "in_review" and len(repository.history(draft)) == 2


def test_a_change_that_loses_the_race_after_reading_writes_nothing(db_app: Flask) -> None:
    """Another request commits between this one's read and its write: the guarded UPDATE finds no row."""
    draft_id, _token = _draft()
    draft = repository.get_draft(draft_id)
    assert draft is not None and draft.version == 1  # read, as a request does first
    with db.engine.begin() as other:  # a colleague's request commits now
        other.execute(sa.text("UPDATE drafts SET status = 'rejected', version = 2 WHERE id = :id"), {"id": draft_id})
    with pytest.raises(repository.StaleDraft):
        repository.change_status(draft, DraftStatus.IN_REVIEW, repository.APPLICANT, 1)
    assert draft.status == "rejected" and len(repository.history(draft)) == 1
    with db.engine.begin() as other:
        other.execute(sa.text("UPDATE drafts SET status = 'new', version = 3 WHERE id = :id"), {"id": draft_id})
    stale_copy = draft
    db.session.expire_all()
    assert repository.update_fields(stale_copy, {"project_title": "Spät"}, repository.APPLICANT, 3)
    assert stale_copy.version == 4  # read again; the next write races with the colleague below
    with db.engine.begin() as other:
        other.execute(sa.text("UPDATE drafts SET version = 5 WHERE id = :id"), {"id": draft_id})
    with pytest.raises(repository.StaleDraft):
        repository.update_fields(stale_copy, {"project_title": "Noch später"}, repository.APPLICANT, 4)
    db.session.expire_all()
    assert repository.get_draft(draft_id).project_title == "Spät"  # type: ignore[union-attr]


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
