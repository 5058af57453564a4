"""Maintainer pages: roles, the inbox of misunderstood messages read from a conversation store written as
Rasa writes it, masking, filters, groups, conversation review, labelling and the exports."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from programmes.personal_data import mask, name_pattern
from tests import tracker_events as te
from tests.drafts_factories import csrf_token, fresh_g_per_request, signed_in_as
from webform import create_app, repository
from webform.config import TestConfig
from webform.extensions import db
from webform.inbox import triage
from webform.inbox.nlu_export import known_examples
from webform.models.staff import StaffRole

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC).timestamp()
FALLBACK_EVENT = 5  # the store's fifth event: the German message the assistant fell back on
FALLBACK_DE = "Entschuldigung, das habe ich nicht verstanden. Können Sie es anders sagen? Zum Beispiel:"


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'rasa-tracker.db'}"


@pytest.fixture
def app(store_url: str, tmp_path: Path) -> Iterator[Flask]:
    nlu = tmp_path / "nlu"
    for lang in ("de", "en"):
        (nlu / lang).mkdir(parents=True)
        (nlu / lang / "basics.yml").write_text(
            (ROOT / "data" / "nlu" / lang / "basics.yml").read_text(encoding="utf-8"), encoding="utf-8")
    app = create_app(TestConfig, TODAY="2026-11-22", TRACKER_DATABASE_URL=store_url, NLU_DATA_DIR=str(nlu))
    fresh_g_per_request(app)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()


@pytest.fixture
def store(store_url: str) -> te.sa.Engine:
    engine = te.create_store(store_url)
    # A German conversation: the name is collected, a message falls back, the person complains.
    te.write(engine, "conv-de", [
        te.action("action_session_start", DAY),
        te.user("Hallo, ich bin Anna Beispiel", "greet", 0.98, DAY + 1, language="de"),
        te.bot("Hallo! Wie kann ich helfen?", DAY + 2),
        te.slot("contact_name", "Anna Beispiel", DAY + 3),
        te.user("Kriegt unser Sportverein Kohle? Mail an anna@example.org, Tel 030 1234567",
                "nlu_fallback", 0.4, DAY + 4, ranking=[("find_programme", 0.4), ("ask_programme_amount", 0.35)],
                language="de", entities=[
                    {"entity": "organisation_type", "value": "association", "start": 13, "end": 24},
                    {"entity": "city", "value": "Berlin", "start": 13, "end": 24, "implied_by": "district"},
                    {"entity": "email", "value": "anna@example.org", "start": 40, "end": 56}]),
        te.action("action_handle_fallback", DAY + 5),
        te.bot(FALLBACK_DE, DAY + 6),
        te.user("Welche Förderung passt zu uns?", "find_programme", 0.95, DAY + 7, language="de"),
        te.bot("Erzählen Sie mir von Ihrem Projekt.", DAY + 8),
        te.user("Nein, das meinte ich nicht", "deny", 0.9, DAY + 9, language="de"),
    ])
    # An English conversation a day later: unsure between two intents, then the question is asked again.
    te.write(engine, "conv-en", [
        te.user("how much money for how long", "ask_programme_amount", 0.5, DAY + 86400,
                ranking=[("ask_programme_duration", 0.45)], language="en"),
        te.bot("Which district is your project in?", DAY + 86401),
        te.user("the one with the park", "inform", 0.99, DAY + 86402, language="en"),
        te.bot("Which district is your project in?", DAY + 86403),
        te.user("/affirm", "affirm", 1.0, DAY + 86404),
    ])
    return engine


_account = signed_in_as  # pages in English unless a test asks for German


@pytest.fixture
def maintainer(client: FlaskClient) -> FlaskClient:
    return _account(client, StaffRole.MAINTAINER)


PAGES = ["/staff/maintain/", "/staff/maintain/inbox", "/staff/maintain/groups",
         "/staff/maintain/conversations/conv-de", "/staff/maintain/conversations/conv-de/case.yml",
         "/staff/maintain/export/nlu-de.yml", "/staff/maintain/messages/5", "/staff/maintain/report",
         "/staff/maintain/facts"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, store: object, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


@pytest.mark.parametrize("path", PAGES)
def test_reviewers_get_the_translated_403_page(client: FlaskClient, store: object, path: str) -> None:
    _account(client, StaffRole.REVIEWER)
    response = client.get(path + "?lang=de")
    assert response.status_code == 403
    assert "Das dürfen Sie nicht." in response.get_data(as_text=True)


def test_the_nav_offers_the_report_and_the_facts_to_maintainers(maintainer: FlaskClient, store: object) -> None:
    page = maintainer.get("/staff/").get_data(as_text=True)
    assert "/staff/maintain/report" in page and "/staff/maintain/facts" in page


@pytest.mark.parametrize("path", PAGES)
def test_maintainers_get_every_page(maintainer: FlaskClient, store: object, path: str) -> None:
    response = maintainer.get(path)
    assert response.status_code in (200, 302), path


def test_labelling_is_refused_to_reviewers_and_anonymous(client: FlaskClient, store: object) -> None:
    assert client.post("/staff/maintain/labels", data={"intent": "greet", "event": "2"}).status_code in (302, 400)
    assert repository.labels_by_event() == {}
    _account(client, StaffRole.REVIEWER)
    token = csrf_token(client, "/staff/")
    response = client.post("/staff/maintain/labels", data={"csrf_token": token, "intent": "greet", "event": "2"})
    assert response.status_code == 403 and repository.labels_by_event() == {}


def test_entity_changes_are_refused_to_reviewers_and_anonymous(client: FlaskClient, store: object) -> None:
    _account(client, StaffRole.MAINTAINER)
    _label(client, "find_programme", [FALLBACK_EVENT])
    [predicted] = [e for e in repository.label_of_event(FALLBACK_EVENT).entities if e.entity != "email"]
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    add = f"/staff/maintain/messages/{FALLBACK_EVENT}/entities"
    remove = f"/staff/maintain/messages/{FALLBACK_EVENT}/entities/{predicted.id}/remove"
    for path in (add, remove):
        response = client.post(path, data={"part": "Kohle", "entity": "goal"})
        assert response.status_code in (302, 400)
        assert response.status_code == 400 or "/staff/login" in response.headers["Location"]
    _account(client, StaffRole.REVIEWER)
    token = csrf_token(client, "/staff/")
    for path in (add, remove):
        assert client.post(path, data={"csrf_token": token, "part": "Kohle", "entity": "goal"}).status_code == 403
    entities = repository.label_of_event(FALLBACK_EVENT).entities
    assert [(e.entity, e.origin) for e in entities] == [("organisation_type", "predicted"), ("email", "predicted")]


def test_the_nav_offers_the_inbox_to_maintainers_only(client: FlaskClient, store: object) -> None:
    _account(client, StaffRole.REVIEWER)
    reviewer_nav = client.get("/staff/").get_data(as_text=True)
    assert "/staff/maintain/" not in reviewer_nav
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    _account(client, StaffRole.MAINTAINER)
    assert "/staff/maintain/inbox" in client.get("/staff/").get_data(as_text=True)


def test_the_inbox_finds_the_planted_fallback_and_the_other_reasons(maintainer: FlaskClient, store: object) -> None:
    page = maintainer.get("/staff/maintain/inbox?lang=en").get_data(as_text=True)
    assert "Kriegt unser Sportverein Kohle?" in page  # the fallback
    assert "Fell back" in page and "find_programme" in page and "0.40" in page
    assert "Welche Förderung passt zu uns?" in page and "Person said it was misunderstood" in page
    assert "how much money for how long" in page and "Unsure" in page
    assert "the one with the park" in page and "Asked again" in page
    assert "Hallo, ich bin" not in page  # understood well, no reason to show it
    assert "/affirm" not in page  # a button's payload is nothing the person wrote
    assert "Nein, das meinte ich nicht" not in page  # the complaint itself was understood
    assert "/staff/maintain/conversations/conv-de#e-" in page
    assert "4 messages found." in page
    assert "<svg" in page and "<table class=\"chart-table\">" in page


def test_the_inbox_masks_email_phone_and_the_collected_name(maintainer: FlaskClient, store: object) -> None:
    for path in ("/staff/maintain/inbox", "/staff/maintain/groups", "/staff/maintain/conversations/conv-de"):
        page = maintainer.get(path).get_data(as_text=True)
        assert "anna@example.org" not in page and "030 1234567" not in page, path
        assert "[e-mail]" in page and "[phone]" in page, path
    transcript = maintainer.get("/staff/maintain/conversations/conv-de").get_data(as_text=True)
    assert "Anna" not in transcript and "Beispiel" not in transcript and "[name]" in transcript


def test_masking_rules() -> None:
    names = name_pattern({"Anna-Lena Beispiel"})
    assert mask("Anna-Lena Beispiel, anna.b@kiez.de, +49 (30) 123-45 67", names) == "[name], [e-mail], [phone]"
    assert mask("ich heiße anna und lena beispiel", names) == "ich heiße [name] und [name] [name]"
    assert mask("Wir brauchen 150000 Euro ab 2027-03-01") == "Wir brauchen 150000 Euro ab 2027-03-01"
    assert mask("Rufen Sie 0176/12345678 an") == "Rufen Sie [phone] an"
    assert mask("Link: https://x.de/d/abcdefghijklmnopqrstuvwxyz123") == "Link: https://x.de/d/[private link]"


def test_dispute_phrases_and_unsure_predictions() -> None:
    assert triage.is_dispute("Nein, das meinte ich NICHT!") and triage.is_dispute("That's not what I asked")
    assert not triage.is_dispute("Ich meinte das Budget")
    unsure = triage.read_prediction({"intent": {"name": "inform", "confidence": 0.9},
                                     "intent_ranking": [{"name": "inform", "confidence": 0.9},
                                                        {"name": "deny", "confidence": 0.85}]})
    assert triage.is_unsure(unsure)
    assert not triage.is_unsure(triage.read_prediction({"intent": {"name": "greet", "confidence": 0.99}}))
    assert triage.read_prediction("garbage").intent is None


@pytest.mark.parametrize("query", ["language=xx", "intent=nope", "from=gestern", "from=2026-11-22&to=2026-11-01",
                                   "reason=<script>", "page=abc", "page=99999999999",
                                   "from=0001-01-01&to=9999-12-31"])
def test_bad_filters_give_a_message_not_an_error(maintainer: FlaskClient, store: object, query: str) -> None:
    response = maintainer.get(f"/staff/maintain/inbox?{query}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "There is a problem" in response.get_data(as_text=True)


def test_filters_narrow_the_inbox(maintainer: FlaskClient, store: object) -> None:
    english = maintainer.get("/staff/maintain/inbox?language=en").get_data(as_text=True)
    assert "2 messages found." in english and "Kriegt" not in english
    day = maintainer.get("/staff/maintain/inbox?from=2026-11-20&to=2026-11-20").get_data(as_text=True)
    assert "2 messages found." in day and "how much money" not in day
    intent = maintainer.get("/staff/maintain/inbox?intent=find_programme").get_data(as_text=True)
    assert "2 messages found." in intent


def test_the_inbox_reads_new_messages_and_starts_over_when_old_ones_were_deleted(
        maintainer: FlaskClient, store: te.sa.Engine) -> None:
    assert "4 messages found." in maintainer.get("/staff/maintain/inbox").get_data(as_text=True)
    te.write(store, "conv-3", [te.user("blub blub", "nlu_fallback", 0.2, DAY + 5000, language="de")])
    assert "5 messages found." in maintainer.get("/staff/maintain/inbox").get_data(as_text=True)
    with store.begin() as connection:
        connection.execute(te.EVENTS.delete().where(te.EVENTS.c.sender_id == "conv-en"))
    assert "3 messages found." in maintainer.get("/staff/maintain/inbox").get_data(as_text=True)


def test_the_pages_are_german_for_german_maintainers(maintainer: FlaskClient, store: object) -> None:
    page = maintainer.get("/staff/maintain/inbox?lang=de").get_data(as_text=True)
    assert "Posteingang" in page and "Zurückgefallen" in page


def test_conversation_review_shows_intents_entities_and_actions(maintainer: FlaskClient, store: object) -> None:
    page = maintainer.get("/staff/maintain/conversations/conv-de").get_data(as_text=True)
    assert "action_handle_fallback" in page and "nlu_fallback" in page and "find_programme" in page
    assert "organisation_type: association; city: Berlin; email: [e-mail]" in page
    assert "action_listen" not in page
    assert maintainer.get("/staff/maintain/conversations/unknown").status_code == 404


def _label(client: FlaskClient, intent: str, events: list[int]) -> None:
    token = csrf_token(client, "/staff/maintain/inbox")
    response = client.post("/staff/maintain/labels",
                           data={"csrf_token": token, "intent": intent, "event": [str(e) for e in events],
                                 "next": "/staff/maintain/inbox"})
    assert response.status_code == 302


def _event_ids(client: FlaskClient) -> dict[str, int]:
    page = client.get("/staff/maintain/inbox").get_data(as_text=True)
    rows = re.findall(r'name="event" value="(\d+)".*?<td>(.*?)</td>', page, re.S)
    return {text: int(event) for event, text in rows}


def test_labelling_a_group_and_exporting_nlu_yaml(maintainer: FlaskClient, store: object, app: Flask) -> None:
    ids = _event_ids(maintainer)
    fallback = next(i for t, i in ids.items() if t.startswith("Kriegt"))
    known = next(i for t, i in ids.items() if t.startswith("Welche"))
    _label(maintainer, "find_programme", [fallback, known])
    _label(maintainer, "noise", [ids["the one with the park"]])
    bad = maintainer.post("/staff/maintain/labels", data={
        "csrf_token": csrf_token(maintainer, "/staff/maintain/inbox"), "intent": "no_such_intent",
        "event": str(fallback)}, follow_redirects=True)
    assert "Choose the right intent" in bad.get_data(as_text=True)
    labels = repository.labels_by_event()
    assert labels[fallback].intent == "find_programme" and "[e-mail]" in labels[fallback].text
    assert "anna@example.org" not in labels[fallback].text

    exported = maintainer.get("/staff/maintain/export/nlu-de.yml")
    data = yaml.safe_load(exported.get_data(as_text=True))
    assert data["version"] == "3.1"
    assert data["nlu"] == [{"intent": "find_programme", "examples":
                            '- Kriegt unser [Sportverein]{"entity": "organisation_type", "value": "association"} '
                            "Kohle? Mail an [info@beispiel.de](email), Tel 030 1234567\n"
                            "- Welche Förderung passt zu uns?\n"}]
    nlu_dir = Path(app.config["NLU_DATA_DIR"])
    result = app.test_cli_runner().invoke(args=["export-nlu", "--lang", "de"])
    assert result.exit_code == 0, result.output
    written = nlu_dir / "de" / "inbox_labelled.yml"
    assert yaml.safe_load(written.read_text(encoding="utf-8")) == data
    # Exporting again gives the same file: its own examples do not count as known.
    assert app.test_cli_runner().invoke(args=["export-nlu", "--lang", "de"]).exit_code == 0
    assert yaml.safe_load(written.read_text(encoding="utf-8")) == data
    english = yaml.safe_load(maintainer.get("/staff/maintain/export/nlu-en.yml").get_data(as_text=True))
    assert english["nlu"] == []  # noise is not exported


def test_the_export_leaves_out_what_the_nlu_data_has(maintainer: FlaskClient, store: te.sa.Engine,
                                                     app: Flask) -> None:
    te.write(store, "conv-known", [te.user("HALLO, ich bin neu hier!!", "nlu_fallback", 0.3, DAY + 100,
                                           language="de")])
    _label(maintainer, "greet", [_event_ids(maintainer)["HALLO, ich bin neu hier!!"]])
    assert "hallo ich bin neu hier" in known_examples(Path(app.config["NLU_DATA_DIR"]))
    data = yaml.safe_load(maintainer.get("/staff/maintain/export/nlu-de.yml").get_data(as_text=True))
    assert data["nlu"] == []


def test_groups_put_similar_messages_together_and_label_them_at_once(maintainer: FlaskClient,
                                                                     store: te.sa.Engine) -> None:
    for n, text in enumerate(["Gibt es Geld für Sportvereine?", "gibt es geld für sportvereine",
                              "Geld für Sportverein?", "Gibt es Geld für Kinder?"]):
        te.write(store, f"sport-{n}", [te.user(text, "nlu_fallback", 0.3, DAY + 200 + n, language="de")])
    page = maintainer.get("/staff/maintain/groups").get_data(as_text=True)
    first = page.index("<section")
    assert "Gibt es Geld für Sportvereine?" in page[first:first + 400]
    assert "from 3 conversations" in page[first:first + 1500]
    group_form = page[first:page.index("</section>", first)]
    events = re.findall(r'name="event" value="(\d+)"', group_form)
    assert len(events) == 3
    _label(maintainer, "find_programme", [int(e) for e in events])
    assert "Gibt es Geld für Sportvereine?" not in maintainer.get("/staff/maintain/groups").get_data(as_text=True)


def test_a_conversation_exports_as_a_suite_case(maintainer: FlaskClient, store: object) -> None:
    ids = _event_ids(maintainer)
    _label(maintainer, "find_programme", [next(i for t, i in ids.items() if t.startswith("Kriegt"))])
    text = maintainer.get("/staff/maintain/conversations/conv-de/case.yml").get_data(as_text=True)
    suite = yaml.safe_load(text)
    [case] = suite["conversations"]
    assert case["lang"] == "de" and case["author"] == "team"
    assert case["steps"][0] == "Hallo, ich bin Alex Beispiel"
    assert case["steps"][1]["say"].startswith("Kriegt unser Sportverein Kohle? Mail an info@beispiel.de")
    assert case["steps"][1]["expect"]["not_contains"][0] == "Entschuldigung, das habe ich nicht verstanden"
    assert "anna" not in text.casefold()


def test_no_store_yet_shows_a_message_and_creates_no_file(maintainer: FlaskClient, store_url: str) -> None:
    response = maintainer.get("/staff/maintain/inbox")
    assert response.status_code == 200
    assert "No conversation store is set up" in response.get_data(as_text=True)
    assert not Path(store_url.removeprefix("sqlite:///")).exists()
    assert maintainer.get("/staff/maintain/conversations/conv-de").status_code == 404


def test_an_empty_store_shows_an_empty_inbox(maintainer: FlaskClient, store_url: str) -> None:
    te.create_store(store_url)
    response = maintainer.get("/staff/maintain/inbox")
    assert response.status_code == 200 and "No misunderstood messages." in response.get_data(as_text=True)


# --- entities of labelled messages -----------------------------------------------------------------------


def _entity_page(client: FlaskClient, event: int = FALLBACK_EVENT, lang: str = "en") -> str:
    return client.get(f"/staff/maintain/messages/{event}?lang={lang}").get_data(as_text=True)


def _mark(client: FlaskClient, event: int = FALLBACK_EVENT, **fields: str) -> TestResponse:
    token = csrf_token(client, f"/staff/maintain/messages/{event}")
    return client.post(f"/staff/maintain/messages/{event}/entities", data={"csrf_token": token, **fields})


def _entities(event: int = FALLBACK_EVENT) -> list[tuple[str, str, str | None, str]]:
    label = repository.label_of_event(event)
    assert label is not None
    return [(label.text[e.start:e.end], e.entity, e.value, e.origin) for e in label.entities]


def test_labelling_takes_over_the_entities_the_assistant_found_masked(maintainer: FlaskClient,
                                                                      store: object) -> None:
    before = _entity_page(maintainer)
    assert "Give the message its intent first" in before and "Entities the assistant found" in before
    assert "anna@example.org" not in before and "[e-mail]" in before
    _label(maintainer, "find_programme", [FALLBACK_EVENT])
    # the implied city shares the organisation type's span and is no annotation of its own
    assert _entities() == [("Sportverein", "organisation_type", "association", "predicted"),
                           ("[e-mail]", "email", None, "predicted")]
    page = _entity_page(maintainer)
    assert "anna@example.org" not in page and "Mark an entity" in page
    assert ('Kriegt unser [Sportverein]{&#34;entity&#34;: &#34;organisation_type&#34;, &#34;value&#34;: '
            '&#34;association&#34;} Kohle? Mail an [info@beispiel.de](email), Tel 030 1234567') in page
    # labelled again with another intent, the message keeps its entities
    _label(maintainer, "describe_project", [FALLBACK_EVENT])
    assert len(_entities()) == 2


def test_a_maintainer_marks_an_entity_with_its_value_and_removes_a_wrong_one(maintainer: FlaskClient,
                                                                            store: object) -> None:
    _label(maintainer, "find_programme", [FALLBACK_EVENT])
    response = _mark(maintainer, part="Kohle", entity="goal", value="funding")
    assert response.status_code == 302
    assert ("Kohle", "goal", "funding", "maintainer") in _entities()
    assert "Marked “Kohle” as goal." in _entity_page(maintainer)
    assert _mark(maintainer, part="Tel", entity="phone").status_code == 302
    assert ("Tel", "phone", None, "maintainer") in _entities()  # the value is the text itself
    wrong = next(e for e in repository.label_of_event(FALLBACK_EVENT).entities if e.entity == "organisation_type")
    token = csrf_token(maintainer, f"/staff/maintain/messages/{FALLBACK_EVENT}")
    removed = maintainer.post(f"/staff/maintain/messages/{FALLBACK_EVENT}/entities/{wrong.id}/remove",
                              data={"csrf_token": token}, follow_redirects=True)
    assert "Removed the entity organisation_type from “Sportverein”." in removed.get_data(as_text=True)
    assert [entity for _part, entity, _value, _origin in _entities()] == ["goal", "email", "phone"]
    again = maintainer.post(f"/staff/maintain/messages/{FALLBACK_EVENT}/entities/{wrong.id}/remove",
                            data={"csrf_token": token}, follow_redirects=True)
    assert "This entity was removed already." in again.get_data(as_text=True)

    data = yaml.safe_load(maintainer.get("/staff/maintain/export/nlu-de.yml").get_data(as_text=True))
    assert data["nlu"] == [{"intent": "find_programme", "examples":
                            '- Kriegt unser Sportverein [Kohle]{"entity": "goal", "value": "funding"}? '
                            "Mail an [info@beispiel.de](email), [Tel](phone) 030 1234567\n"}]


@pytest.mark.parametrize(("fields", "field_id", "message"), [
    ({"part": "", "entity": "goal"}, "entity-part", "Enter the part of the message that is the entity."),
    ({"part": "Geld", "entity": "goal"}, "entity-part", "exactly as it stands in the message"),
    ({"part": "Kohle", "entity": "no_such_type"}, "entity-type", "Choose one of the entity types offered."),
    ({"part": "Sportverein", "entity": "goal"}, "entity-part", "overlaps an entity already marked"),
    ({"part": "verein Kohle", "entity": "goal"}, "entity-part", "overlaps an entity already marked"),
    ({"part": "e-mail", "entity": "goal"}, "entity-part", "can only be marked as a whole"),
    ({"part": "(Kohle", "entity": "goal"}, "entity-part", "must not contain brackets"),
    ({"part": "Kohle", "entity": "goal", "occurrence": "2"}, "entity-occurrence", "enter a number from 1 to 1"),
    ({"part": "Kohle", "entity": "goal", "occurrence": "zwei"}, "entity-occurrence", "Enter a whole number"),
    ({"part": "Kohle", "entity": "goal", "value": "x" * 201}, "entity-value", "at most 200 characters"),
    ({"part": "Kohle", "entity": "goal", "value": "a}b"}, "entity-value", "must not contain brackets"),
])
def test_a_wrong_entity_gets_a_message_at_its_field(maintainer: FlaskClient, store: object,
                                                    fields: dict[str, str], field_id: str, message: str) -> None:
    _label(maintainer, "find_programme", [FALLBACK_EVENT])
    response = _mark(maintainer, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page and f'href="#{field_id}"' in page and message in page
    assert f'id="{field_id}-error"' in page and 'aria-invalid="true"' in page
    assert len(_entities()) == 2  # nothing was marked


def test_punctuation_other_than_brackets_may_be_marked(maintainer: FlaskClient, store: object) -> None:
    _label(maintainer, "find_programme", [FALLBACK_EVENT])
    assert _mark(maintainer, part="Kohle?", entity="goal").status_code == 302


def test_entity_errors_are_german_for_german_maintainers(maintainer: FlaskClient, store: object) -> None:
    _label(maintainer, "find_programme", [FALLBACK_EVENT])
    maintainer.get("/staff/maintain/inbox?lang=de")
    page = _mark(maintainer, part="Geld", entity="goal").get_data(as_text=True)
    assert "Geben Sie einen Teil der Nachricht genau so ein" in page and "Entität markieren" in page


def test_a_second_appearance_and_a_value_with_personal_data(maintainer: FlaskClient, store: te.sa.Engine) -> None:
    te.write(store, "conv-twice", [te.user("Verein sucht Geld, kleiner Verein in Neukölln", "nlu_fallback", 0.3,
                                           DAY + 300, language="de")])
    event = _event_ids(maintainer)["Verein sucht Geld, kleiner Verein in Neukölln"]
    _label(maintainer, "find_programme", [event])
    assert _mark(maintainer, event, part="verein", entity="organisation_type", occurrence="2",
                 value="association").status_code == 302
    label = repository.label_of_event(event)
    [marked] = label.entities
    second = label.text.index("Verein", 1)
    assert (marked.start, marked.end) == (second, second + len("Verein"))
    # a value a maintainer types is masked like the text
    assert _mark(maintainer, event, part="Neukölln", entity="district",
                 value="anna@example.org").status_code == 302
    assert ("Neukölln", "district", "[e-mail]", "maintainer") in _entities(event)


def test_entities_wait_for_an_intent_and_noise_has_none(maintainer: FlaskClient, store: object) -> None:
    refused = _mark(maintainer, part="Kohle", entity="goal")
    assert refused.status_code == 302 and repository.label_of_event(FALLBACK_EVENT) is None
    _label(maintainer, "noise", [FALLBACK_EVENT])
    assert "Labelled as noise" in _entity_page(maintainer)
    assert _mark(maintainer, part="Kohle", entity="goal").status_code == 302
    assert [e for e in _entities() if e[3] == "maintainer"] == []


def test_the_entity_page_outlives_the_conversation(maintainer: FlaskClient, store: te.sa.Engine) -> None:
    _label(maintainer, "find_programme", [FALLBACK_EVENT])
    with store.begin() as connection:  # deleted after a day
        connection.execute(te.EVENTS.delete().where(te.EVENTS.c.sender_id == "conv-de"))
    page = _entity_page(maintainer)
    assert "Kriegt unser Sportverein Kohle?" in page and "Sportverein" in page
    assert _mark(maintainer, part="Kohle", entity="goal").status_code == 302
    _label(maintainer, "describe_project", [FALLBACK_EVENT])  # labelled again: it keeps text and entities
    label = repository.label_of_event(FALLBACK_EVENT)
    assert label.intent == "describe_project" and len(label.entities) == 3
    assert maintainer.get("/staff/maintain/messages/999").status_code == 404


def test_the_inbox_and_the_transcript_link_to_the_entity_page(maintainer: FlaskClient, store: object) -> None:
    link = f'href="/staff/maintain/messages/{FALLBACK_EVENT}"'
    assert link in maintainer.get("/staff/maintain/inbox").get_data(as_text=True)
    transcript = maintainer.get("/staff/maintain/conversations/conv-de").get_data(as_text=True)
    assert link in transcript
    english = maintainer.get("/staff/maintain/conversations/conv-en").get_data(as_text=True)
    assert 'href="/staff/maintain/messages/11"' in english
    assert 'href="/staff/maintain/messages/15"' not in english  # "/affirm" is a button's payload
