"""Flask commands: create-staff, purge-expired, translate."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import Flask

from tests.drafts_factories import complete_draft, post_draft
from webform import repository
from webform.extensions import db
from webform.models.base import utcnow


def test_create_staff_hashes_the_password(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["create-staff", "alice", "--password", "correct-horse-battery"])
    assert result.exit_code == 0 and "alice" in result.output
    assert repository.authenticate("alice", "correct-horse-battery") is not None


def test_create_staff_refuses_a_short_password(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["create-staff", "alice", "--password", "short"])
    assert result.exit_code != 0 and "at least 12 characters" in result.output
    assert repository.authenticate("alice", "short") is None


def test_create_staff_asks_for_the_password_twice(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["create-staff", "bob"],
                                          input="a-long-password\na-long-password\n")
    assert result.exit_code == 0 and repository.authenticate("bob", "a-long-password") is not None


def test_purge_expired(app: Flask) -> None:
    client = app.test_client()
    old = post_draft(client, complete_draft(conversation_id="old")).get_json()["id"]
    post_draft(client, complete_draft(conversation_id="new"))
    db.session.execute(sa.text("UPDATE drafts SET updated_at = :t WHERE id = :id"),
                       {"t": utcnow() - dt.timedelta(days=200), "id": old})
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge-expired", "--days", "180"])
    assert result.exit_code == 0 and "deleted 1 drafts and 0 callback requests" in result.output
    assert [d.conversation_id for d in repository.list_drafts(repository.DraftFilters())] == ["new"]


def test_purge_expired_needs_a_positive_number_of_days(app: Flask) -> None:
    assert app.test_cli_runner().invoke(args=["purge-expired", "--days", "0"]).exit_code != 0
    assert app.test_cli_runner().invoke(args=["purge-expired"]).exit_code != 0


def test_translate_commands_exist(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["translate", "--help"])
    assert result.exit_code == 0 and "update" in result.output and "compile" in result.output


def test_create_staff_makes_reviewers_unless_told_and_keeps_the_role_on_a_new_password(app: Flask) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["create-staff", "rita", "--password", "correct-horse-battery"]).exit_code == 0
    assert repository.authenticate("rita", "correct-horse-battery").role == "reviewer"  # type: ignore[union-attr]
    made = runner.invoke(args=["create-staff", "mia", "--role", "maintainer", "--password", "correct-horse-battery"])
    assert made.exit_code == 0 and "(maintainer)" in made.output
    again = runner.invoke(args=["create-staff", "mia", "--password", "another-long-password"])
    assert again.exit_code == 0
    assert repository.authenticate("mia", "another-long-password").is_maintainer  # type: ignore[union-attr]


def test_create_staff_refuses_an_unknown_role(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["create-staff", "max", "--role", "admin", "--password", "correct-horse-battery"])
    assert result.exit_code != 0 and "maintainer" in result.output
    assert repository.authenticate("max", "correct-horse-battery") is None
