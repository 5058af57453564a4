"""The maintainers' inbox reads what people really wrote: a conversation driven through the chat (REST
channel, production topology, conversations in PostgreSQL) shows up in the inbox of a form service that
reads the same conversation store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.drafts_factories import STAFF_PASSWORD, fresh_g_per_request, login
from tests.e2e.conftest import RunningStack
from webform import create_app, repository
from webform.config import TestConfig, tracker_database_url
from webform.extensions import db
from webform.models.staff import StaffRole

pytestmark = pytest.mark.e2e


@pytest.fixture
def inbox_app(running: RunningStack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    monkeypatch.setenv("TRACKER_DATABASE_URL", running.env["TRACKER_DATABASE_URL"])
    app = create_app(TestConfig, TRACKER_DATABASE_URL=tracker_database_url())
    fresh_g_per_request(app)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()


def test_a_message_the_person_says_was_misunderstood_is_in_the_inbox(
    running: RunningStack, sender: str, inbox_app: Flask
) -> None:
    asked = "Wie viel Geld bekommt unser Sportverein eigentlich für die Flutlichtanlage?"
    running.say(sender, asked, language="de")
    running.say(sender, "Nein, das meinte ich nicht", language="de")
    client = inbox_app.test_client()
    client.get("/staff/login?lang=en")
    repository.create_staff("inbox-maintainer", STAFF_PASSWORD, StaffRole.MAINTAINER)
    assert login(client, "inbox-maintainer").status_code == 302
    page = client.get("/staff/maintain/inbox?lang=en").get_data(as_text=True)
    assert asked in page and "Person said it was misunderstood" in page
    assert f"/staff/maintain/conversations/{sender}" in page
