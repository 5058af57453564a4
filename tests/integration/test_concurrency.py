"""Changes at the same moment, as real servers see them: parallel requests on SQLite and PostgreSQL.

Each test starts its requests in threads released together by a barrier, so they reach the database at
once; exactly one change from a given version may win, the others are told or found to be repeats.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.drafts_factories import (
    STAFF_PASSWORD,
    complete_draft,
    fresh_g_per_request,
    link_path,
    login,
    post_draft,
)
from webform import repository
from webform.models.drafts import DraftStatus


@pytest.fixture(autouse=True)
def _fresh_g(db_app: Flask) -> None:
    fresh_g_per_request(db_app)


def _parallel(calls: list[Callable[[], Any]]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except BaseException as error:  # reported in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def _form_fields(client: FlaskClient, page: str) -> dict[str, str]:
    html = client.get(page).get_data(as_text=True)
    fields = {}
    for name in ("csrf_token", "version"):
        found = re.search(rf'name="{name}" value="([^"]+)"', html)
        if found:
            fields[name] = found.group(1)
    return fields


def _reviewer(app: Flask, name: str) -> FlaskClient:
    repository.create_staff(name, STAFF_PASSWORD)
    client = app.test_client()
    assert login(client, name).status_code == 302
    return client


def test_two_reviewers_changing_the_status_at_once_one_wins_the_other_is_told(db_app: Flask) -> None:
    draft_id = post_draft(db_app.test_client()).get_json()["id"]
    draft = repository.get_draft(draft_id)
    assert draft is not None
    repository.change_status(draft, DraftStatus.IN_REVIEW, "staff:carla", draft.version)
    alice, bob = _reviewer(db_app, "alice"), _reviewer(db_app, "bob")
    page = f"/staff/drafts/{draft_id}"
    seen = {"alice": _form_fields(alice, page), "bob": _form_fields(bob, page)}
    answers = _parallel([
        lambda: alice.post(page + "/status", data={**seen["alice"], "status": "changes_requested"}),
        lambda: bob.post(page + "/status", data={**seen["bob"], "status": "rejected"}),
    ])
    assert sorted(a.status_code for a in answers) == [302, 409]
    winner = "changes_requested" if answers[0].status_code == 302 else "rejected"
    loser_page = next(a for a in answers if a.status_code == 409).get_data(as_text=True)
    assert "Es wurde nichts gespeichert." in loser_page
    repository.db.session.expire_all()
    draft = repository.get_draft(draft_id)
    assert draft is not None and draft.status == winner and draft.version == 3
    changes = [e.changes for e in repository.history(draft) if e.action == "status"]
    assert changes == [{"status": ["new", "in_review"]}, {"status": ["in_review", winner]}]


def test_three_submissions_at_once_are_recorded_once(db_app: Flask) -> None:
    client = db_app.test_client()
    path = link_path(post_draft(client, complete_draft()))
    version = _form_fields(client, path + "/check")["version"]
    taps = [db_app.test_client() for _ in range(3)]
    answers = _parallel([lambda c=c: c.post(path + "/check", data={"version": version}) for c in taps])
    assert [a.status_code for a in answers] == [302, 302, 302]
    repository.db.session.expire_all()
    draft = repository.draft_by_token(path.rsplit("/", 1)[1])
    assert draft is not None and draft.status == "in_review" and draft.version == 2
    assert [e.action for e in repository.history(draft)] == ["created", "status"]


def test_two_windows_saving_answers_at_once_never_lose_one_silently(db_app: Flask) -> None:
    client = db_app.test_client()
    path = link_path(post_draft(client, complete_draft()))
    version = _form_fields(client, path)["version"]
    body = {k: v for k, v in complete_draft().items() if k not in ("language", "conversation_id", "match")}
    form = {k: v if isinstance(v, list) else str(v) for k, v in body.items()}

    def save(title: str) -> Any:
        return db_app.test_client().post(path, data={**form, "project_title": title, "version": version,
                                                      "action": "save"})

    answers = _parallel([lambda: save("Erstes Fenster"), lambda: save("Zweites Fenster")])
    assert sorted(a.status_code for a in answers) == [302, 409]
    refused = next(a for a in answers if a.status_code == 409).get_data(as_text=True)
    repository.db.session.expire_all()
    draft = repository.draft_by_token(path.rsplit("/", 1)[1])
    assert draft is not None and draft.version == 2
    kept = draft.project_title
    lost = "Zweites Fenster" if kept == "Erstes Fenster" else "Erstes Fenster"
    assert f'value="{lost}"' in refused  # the refused window still shows what was typed
