"""The form service on real databases: SQLite (a file) and PostgreSQL (127.0.0.1:5432, database `test`).

Each test session gets its own PostgreSQL schema, created here and dropped afterwards; the schema is built
by the Alembic migrations (not create_all), so these tests also prove the migrations work on both.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from webform import create_app
from webform.config import TestConfig
from webform.extensions import db

PG_SERVER = os.environ.get("KIEZLOTSE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TABLES = ("draft_events", "drafts", "callbacks", "message_entities", "message_labels", "staff_users")


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str]:
    schema = f"kiezlotse_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_SERVER}?options=-csearch_path%3D{schema}"
    finally:
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(scope="session")
def migrated_pg(pg_schema_url: str) -> str:
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=pg_schema_url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return pg_schema_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """The app on a freshly migrated, empty database of each kind."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'webform.db'}"
    else:
        url = request.getfixturevalue("migrated_pg")
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, TODAY="2026-11-22")
    with app.app_context():
        if request.param == "sqlite":
            upgrade()
        yield app
        db.session.remove()
        if request.param == "postgres":
            with db.engine.begin() as connection:
                connection.execute(sa.text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


@pytest.fixture
def db_client(db_app: Flask) -> FlaskClient:
    return db_app.test_client()
