"""`flask --app webform db upgrade` (what `make run` calls) builds the schema and can be undone."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).parent / "flask")
TABLES = {"alembic_version", "callbacks", "draft_events", "drafts", "message_entities", "message_labels",
          "staff_users"}


def _flask_db(database: Path, *args: str) -> None:
    env = {**os.environ, "SECRET_KEY": "migration-test", "DATABASE_URL": f"sqlite:///{database}"}
    subprocess.run([FLASK, "--app", "webform", "db", *args], cwd=ROOT, env=env, check=True,
                   capture_output=True)


def _tables(database: Path) -> set[str]:
    with sqlite3.connect(database) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_upgrade_downgrade_upgrade_on_sqlite(tmp_path: Path) -> None:
    database = tmp_path / "webform.db"
    _flask_db(database, "upgrade")
    assert _tables(database) == TABLES
    _flask_db(database, "downgrade", "base")
    assert _tables(database) == {"alembic_version"}
    _flask_db(database, "upgrade")
    assert _tables(database) == TABLES


def test_the_upgrade_fills_the_search_text_of_existing_drafts(tmp_path: Path) -> None:
    database = tmp_path / "webform.db"
    _flask_db(database, "upgrade", "0001")
    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO drafts (token_hash, status, language, organisation_name, city, created_at, updated_at) "
            "VALUES ('h', 'new', 'de', 'Ökowerk Straße e.V.', 'Köln', '2026-11-01', '2026-11-01')"
        )
    _flask_db(database, "upgrade")
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT search_text, version FROM drafts").fetchone()
    assert row == ("oekowerk strasse e.v.\nkoeln", 1)


def test_accounts_that_exist_become_reviewers(tmp_path: Path) -> None:
    database = tmp_path / "webform.db"
    _flask_db(database, "upgrade", "0002")
    with sqlite3.connect(database) as connection:
        connection.execute("INSERT INTO staff_users (username, password_hash, active, created_at) "
                           "VALUES ('anna', 'hash', 1, '2026-11-01')")
    _flask_db(database, "upgrade")
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT role FROM staff_users").fetchone() == ("reviewer",)
