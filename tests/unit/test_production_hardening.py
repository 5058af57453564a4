"""Rate limits (with the failed sign-in lockout), security headers, database outages and undeclared
methods: what a client gets, in German and English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from ops.conversation_retention import purge
from tests.drafts_factories import complete_draft, csrf_token
from webform import create_app, repository
from webform.config import ProductionConfig, TestConfig
from webform.extensions import db

FORM = {"Authorization": "Bearer test-form-token"}


@pytest.fixture
def limited() -> Iterator[Flask]:
    # Requests run outside this setup's app context, each in its own as in production (the language
    # of an answer is chosen once per context).
    app = create_app(TestConfig, RATELIMIT_ENABLED=True, TODAY="2026-11-22")
    with app.app_context():
        db.create_all()
        repository.create_staff("anna", "a-long-enough-password")
    yield app
    with app.app_context():
        db.drop_all()


def test_match_is_limited_per_address_with_a_translated_json_429(limited: Flask) -> None:
    client = limited.test_client()
    for _ in range(60):
        assert client.post("/api/match", json={"lang": "en"}).status_code == 200
    refused = client.post("/api/match", json={"lang": "en"}, headers={"Accept-Language": "en"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Too many requests" in refused.get_json()["error"]
    german = client.post("/api/match", json={"lang": "de"}, headers={"Accept-Language": "de"})
    assert "Zu viele Anfragen" in german.get_json()["error"]
    # the chat's own calls (the action server, with its token) are not limited per address
    assert client.post("/api/match", json={"lang": "en"}, headers=FORM).status_code == 200


def test_callbacks_are_limited_per_conversation(limited: Flask) -> None:
    client = limited.test_client()
    body = {"language": "en", "conversation_id": "c1", "name": "Anna", "contact": "anna@example.org",
            "consent": True}
    for i in range(5):
        assert client.post("/api/callbacks", json=body, headers={**FORM, "Idempotency-Key": f"k{i}"}).status_code == 201
    assert client.post("/api/callbacks", json=body, headers={**FORM, "Idempotency-Key": "k9"}).status_code == 429
    other = {**body, "conversation_id": "c2"}
    assert client.post("/api/callbacks", json=other, headers={**FORM, "Idempotency-Key": "k10"}).status_code == 201


def _sign_in(client: FlaskClient, password: str) -> int:
    token = csrf_token(client, "/staff/login")
    return client.post("/staff/login", data={"username": "Anna", "password": password,
                                             "csrf_token": token}).status_code


def test_five_failed_sign_ins_lock_the_user_name_out_even_with_the_right_password(limited: Flask) -> None:
    client = limited.test_client()
    assert [_sign_in(client, "wrong") for _ in range(5)] == [400] * 5
    assert _sign_in(client, "a-long-enough-password") == 429
    token = csrf_token(client, "/staff/login?lang=en")
    locked = client.post("/staff/login?lang=en", data={"username": "anna", "password": "x", "csrf_token": token})
    assert locked.status_code == 429
    assert "sign-in is paused for 15 minutes" in locked.get_data(as_text=True)
    assert locked.headers["Retry-After"]


def test_wrong_applicant_links_are_limited(limited: Flask) -> None:
    client = limited.test_client()
    codes = [client.get(f"/d/not-a-token-{i}").status_code for i in range(21)]
    assert codes[:20] == [404] * 20 and codes[20] == 429


def test_pages_send_security_headers_without_inline_code() -> None:
    app = create_app(ProductionConfig, SECRET_KEY="k", SQLALCHEMY_DATABASE_URI="sqlite://", RATELIMIT_ENABLED=False)
    with app.app_context():
        db.create_all()
        client = app.test_client()
        plain = client.get("/")
        secure = client.get("/", base_url="https://kiezlotse.example")
    csp = plain.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and plain.headers["X-Frame-Options"] == "DENY"
    assert plain.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in plain.headers  # never over plain HTTP
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
    html = plain.get_data(as_text=True)
    assert "<script>" not in html and "<style" not in html and " style=" not in html and " on" + "click=" not in html


def test_undeclared_methods_get_405_with_allow(client: FlaskClient) -> None:
    for method, path, allowed in [("DELETE", "/api/match", {"POST", "OPTIONS"}),
                                  ("PUT", "/api/programmes", {"GET", "HEAD", "OPTIONS"}),
                                  ("PATCH", "/api/drafts", {"GET", "HEAD", "POST", "OPTIONS"})]:
        response = client.open(path, method=method)
        assert response.status_code == 405 and set(response.headers["Allow"].split(", ")) == allowed
        assert response.get_json()["error"]


def test_an_unreachable_database_is_a_503_with_retry_after_and_nothing_half_stored() -> None:
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI="postgresql+psycopg://postgres@127.0.0.1:1/none")
    client = app.test_client()
    response = client.post("/api/drafts", json=complete_draft(conversation_id="x"),
                           headers={**FORM, "Accept-Language": "en"})
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
    assert "not available right now" in response.get_json()["error"]
    page = client.get("/staff/", headers={"Accept-Language": "de"})
    assert page.status_code in (302, 503)


def test_conversations_older_than_the_retention_are_deleted() -> None:
    engine = sa.create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp FLOAT)"))
        rows = [("old", 1000.0), ("old", 2000.0), ("recent", 1000.0), ("recent", 90_000.0)]
        for sender, timestamp in rows:
            connection.execute(sa.text("INSERT INTO events (sender_id, timestamp) VALUES (:s, :t)"),
                               {"s": sender, "t": timestamp})
    assert purge(engine, retention_hours=24, now=90_000.0 + 3600) == 2
    with engine.connect() as connection:
        left = connection.execute(sa.text("SELECT DISTINCT sender_id FROM events")).scalars().all()
    assert left == ["recent"]  # a conversation goes whole, only after its last message is old
    assert purge(sa.create_engine("sqlite://"), 24) == 0  # before Rasa made its table
