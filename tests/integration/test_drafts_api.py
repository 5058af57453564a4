"""POST/GET /api/drafts and POST /api/callbacks over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.drafts_factories import (
    FORM_HEADERS,
    STAFF_HEADERS,
    callback_body,
    complete_draft,
    post_draft,
)


def test_a_draft_is_stored_and_answers_with_its_edit_link(db_client: FlaskClient) -> None:
    response = post_draft(db_client)
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "new" and isinstance(body["id"], int)
    assert body["edit_url"].startswith("http://localhost:8000/d/")
    assert len(body["edit_url"].rsplit("/", 1)[1]) >= 43  # 32 random bytes, base64url
    assert response.headers["Location"] == f"/api/drafts/{body['id']}"


def test_staff_read_every_field_back(db_client: FlaskClient) -> None:
    draft_id = post_draft(db_client).get_json()["id"]
    stored = db_client.get(f"/api/drafts/{draft_id}", headers=STAFF_HEADERS).get_json()
    sent = complete_draft()
    for name, value in sent.items():
        assert stored[name] == value, name
    assert stored["status"] == "new" and stored["submitted_at"] is None
    assert stored["version"] == 1 and stored["warnings"] == {}
    assert stored["created_at"].endswith("+00:00") and stored["updated_at"].endswith("+00:00")


def test_a_stored_draft_that_breaks_the_limits_carries_warnings(db_client: FlaskClient, db_app: Any) -> None:
    """A draft stored before the catalogue changed: the API says what is wrong, per field."""
    from webform import repository

    draft_id = post_draft(db_client, complete_draft(lsi_type="B", duration_months=6)).get_json()["id"]
    draft = repository.get_draft(draft_id)
    repository.update_fields(draft, {"duration_months": 12}, "system", draft.version)
    stored = db_client.get(f"/api/drafts/{draft_id}", headers={**STAFF_HEADERS, "Accept-Language": "en"}).get_json()
    assert stored["version"] == 2
    assert stored["warnings"] == {"duration_months": "LSI projects of type B (development projects) can run for "
                                                     "at most 6 months. Enter a shorter duration. Or choose another "
                                                     "project type."}
    listed = db_client.get("/api/drafts", headers={**STAFF_HEADERS, "Accept-Language": "de"}).get_json()
    assert listed["drafts"][0]["warnings"]["duration_months"].startswith("LSI-Projekte des Typs B")


def test_an_incomplete_draft_is_accepted(db_client: FlaskClient) -> None:
    body = {"language": "en", "conversation_id": "c-9", "programme": "biwaq", "city": "Gelsenkirchen"}
    response = post_draft(db_client, body)
    assert response.status_code == 201
    stored = db_client.get(f"/api/drafts/{response.get_json()['id']}", headers=STAFF_HEADERS).get_json()
    assert stored["programme"] == "biwaq" and stored["organisation_name"] is None and stored["match"] is None


def test_a_district_is_stored_by_its_official_name(db_client: FlaskClient) -> None:
    draft_id = post_draft(db_client, complete_draft(district="Kreuzberg")).get_json()["id"]
    stored = db_client.get(f"/api/drafts/{draft_id}", headers=STAFF_HEADERS).get_json()
    assert stored["district"] == "Friedrichshain-Kreuzberg"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"contact_email": "not-an-address"}, "contact_email", "Enter an e-mail address in the correct format"),
        ({"total_budget_eur": 15000, "requested_amount_eur": 16000}, "requested_amount_eur",
         "cannot be more than the total budget (€15,000)"),
        ({"requested_amount_eur": 30000, "total_budget_eur": 40000}, "requested_amount_eur",
         "LSI projects of type A (micro-projects) can receive at most €20,000."),
        ({"lsi_type": "B", "duration_months": 12}, "duration_months",
         "LSI projects of type B (development projects) can run for at most 6 months."),
        ({"legal_form": "e.V.", "organisation_type": "startup"}, "organisation_type",
         "The legal form e.V. does not go with the type of organisation “start-up”."),
        ({"total_budget_eur": 0}, "total_budget_eur", "Enter an amount in euros"),
        ({"project_summary": "Kochen."}, "project_summary", "at least 6 words"),
        ({"total_budget_eur": -1}, "total_budget_eur", "cannot be negative"),
        ({"total_budget_eur": "20000"}, "total_budget_eur", "Enter an amount in euros"),
        ({"programme": "lottery"}, "programme", "Choose one of"),
        ({"lsi_type": "D"}, "lsi_type", "Choose one of: A, B, C"),
        ({"programme": "peb", "lsi_type": "A"}, "lsi_type", "Only LSI projects"),
        ({"organisation_type": "company"}, "organisation_type", "Choose one of"),
        ({"target_groups": "youth"}, "target_groups", "Give a list"),
        ({"target_groups": ["youth", "pets"]}, "target_groups", "Unknown value pets"),
        ({"start_date": "01.03.2027"}, "start_date", "Send the date as YYYY-MM-DD"),
        ({"start_date": "2026-11-01"}, "start_date", "must start after today"),
        ({"duration_months": 0}, "duration_months", "between 1 and 120"),
        ({"duration_months": 6.5}, "duration_months", "between 1 and 120"),
        ({"participants": True}, "participants", "whole number"),
        ({"district": "Atlantis"}, "district", "12 Berlin districts"),
        ({"organisation_name": "x" * 201}, "organisation_name", "Enter at most 200 characters. You entered 201."),
        ({"contact_phone": "call me"}, "contact_phone", "telephone number"),
        ({"colour": "blue"}, "colour", "Unknown field."),
        ({"match": "eligible"}, "match", "JSON object"),
        ({"conversation_id": 7}, "conversation_id", "conversation id"),
    ],
)
def test_each_bad_value_gets_a_message_for_its_field(
    db_client: FlaskClient, changes: dict[str, Any], field: str, message: str
) -> None:
    response = post_draft(db_client, complete_draft(language="en", **changes))
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert list(errors) == [field] and message in errors[field]
    assert db_client.get("/api/drafts", headers=STAFF_HEADERS).get_json()["total"] == 0


def test_messages_come_in_the_language_of_the_draft(db_client: FlaskClient) -> None:
    german = post_draft(db_client, complete_draft(language="de", contact_email="kaputt")).get_json()
    assert german["errors"]["contact_email"].startswith("Geben Sie eine E-Mail-Adresse")


@pytest.mark.parametrize("body", [None, [], "text", {"conversation_id": "c"}, {"language": "fr"}])
def test_a_body_without_object_or_language_is_refused(db_client: FlaskClient, body: Any) -> None:
    response = db_client.post("/api/drafts", json=body, headers=FORM_HEADERS)
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) <= {"body", "language"}


def test_the_same_idempotency_key_and_body_store_once(db_client: FlaskClient) -> None:
    first = post_draft(db_client, key="conv-1-draft")
    again = post_draft(db_client, key="conv-1-draft")
    assert again.status_code == first.status_code == 201
    assert again.get_json()["id"] == first.get_json()["id"]
    assert db_client.get("/api/drafts", headers=STAFF_HEADERS).get_json()["total"] == 1
    # Only the hash of a link is stored, so the repeated answer carries a new link, and that one works.
    assert db_client.get("/d/" + again.get_json()["edit_url"].rsplit("/d/", 1)[1]).status_code == 200


def test_the_same_key_with_another_body_is_a_conflict(db_client: FlaskClient) -> None:
    post_draft(db_client, key="k-1")
    response = post_draft(db_client, complete_draft(project_title="Something else"), key="k-1")
    assert response.status_code == 409 and "Idempotency-Key" in response.get_json()["errors"]


def test_different_keys_store_different_drafts(db_client: FlaskClient) -> None:
    assert post_draft(db_client, key="a").get_json()["id"] != post_draft(db_client, key="b").get_json()["id"]


def test_an_overlong_idempotency_key_is_refused(db_client: FlaskClient) -> None:
    assert post_draft(db_client, key="k" * 201).status_code == 422


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "test-form-token"}, STAFF_HEADERS],
)
def test_posting_a_draft_needs_the_form_token(db_client: FlaskClient, headers: dict[str, str]) -> None:
    response = db_client.post("/api/drafts", json=complete_draft(), headers=headers)
    assert response.status_code == 401 and "error" in response.get_json()
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("path", ["/api/drafts", "/api/drafts/1"])
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, FORM_HEADERS])
def test_reading_drafts_needs_the_staff_token(db_client: FlaskClient, path: str, headers: dict[str, str]) -> None:
    post_draft(db_client)
    response = db_client.get(path, headers=headers)
    assert response.status_code == 401 and "error" in response.get_json()


def test_an_unset_token_closes_the_api(db_app: Any) -> None:
    db_app.config["FORM_API_TOKEN"] = ""
    response = db_app.test_client().post("/api/drafts", json=complete_draft(), headers={"Authorization": "Bearer "})
    assert response.status_code == 401


def test_the_list_filters_by_programme_status_district_and_conversation(db_client: FlaskClient) -> None:
    post_draft(db_client, complete_draft(conversation_id="a"))
    post_draft(db_client, complete_draft(conversation_id="b", programme="peb", lsi_type=None, district="Mitte"))
    post_draft(db_client, complete_draft(conversation_id="c", district="Kreuzberg"))

    def ids(query: str) -> list[str]:
        body = db_client.get(f"/api/drafts?{query}", headers=STAFF_HEADERS).get_json()
        assert body["total"] == len(body["drafts"])
        return sorted(d["conversation_id"] for d in body["drafts"])

    assert ids("") == ["a", "b", "c"]
    assert ids("programme=lsi") == ["a", "c"]
    assert ids("district=Mitte") == ["b"]
    assert ids("district=Friedrichshain-Kreuzberg") == ["c"]
    assert ids("conversation_id=b") == ["b"]
    assert ids("status=new") == ["a", "b", "c"]
    assert ids("status=ready") == []
    assert ids("programme=lsi&district=Neukölln") == ["a"]


def test_the_list_is_paged(db_client: FlaskClient) -> None:
    for n in range(3):
        post_draft(db_client, complete_draft(conversation_id=f"c{n}"))
    body = db_client.get("/api/drafts?limit=2&offset=2", headers=STAFF_HEADERS).get_json()
    assert body["total"] == 3 and len(body["drafts"]) == 1


@pytest.mark.parametrize("query", ["status=done", "programme=x", "district=Atlantis", "limit=0", "limit=x", "offset=-1"])
def test_bad_list_filters_are_422(db_client: FlaskClient, query: str) -> None:
    response = db_client.get(f"/api/drafts?{query}", headers=STAFF_HEADERS)
    assert response.status_code == 422 and response.get_json()["errors"]


def test_an_unknown_draft_is_404_json(db_client: FlaskClient) -> None:
    response = db_client.get("/api/drafts/999", headers=STAFF_HEADERS)
    assert response.status_code == 404 and response.get_json()["error"]


# --- callbacks ---


def test_a_callback_request_is_stored_once_per_key(db_client: FlaskClient, db_app: Any) -> None:
    headers = {**FORM_HEADERS, "Idempotency-Key": "callback-conv-2-1"}
    first = db_client.post("/api/callbacks", json=callback_body(), headers=headers)
    again = db_client.post("/api/callbacks", json=callback_body(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.get_json() == again.get_json() == {"id": first.get_json()["id"], "status": "new"}
    from webform import repository

    stored = repository.list_callbacks()
    assert len(stored) == 1 and stored[0].district == "Friedrichshain-Kreuzberg" and stored[0].consent is True
    other = db_client.post("/api/callbacks", json=callback_body(name="Else"), headers=headers)
    assert other.status_code == 409


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": False}, "consent"),
        ({"consent": "yes"}, "consent"),
        ({"contact": "tomorrow"}, "contact"),
        ({"contact": "a@b"}, "contact"),
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"conversation_id": ""}, "conversation_id"),
        ({"topic": "x" * 1001}, "topic"),
        ({"phone": "123"}, "phone"),
    ],
)
def test_a_bad_callback_request_is_refused_per_field(
    db_client: FlaskClient, changes: dict[str, Any], field: str
) -> None:
    body = callback_body(**changes)
    if changes.get("consent") is None and "consent" in changes:
        del body["consent"]
    response = db_client.post("/api/callbacks", json=body, headers=FORM_HEADERS)
    assert response.status_code == 422 and list(response.get_json()["errors"]) == [field]


def test_a_callback_without_consent_field_is_refused_in_german(db_client: FlaskClient) -> None:
    body = callback_body(language="de")
    del body["consent"]
    errors = db_client.post("/api/callbacks", json=body, headers=FORM_HEADERS).get_json()["errors"]
    assert errors["consent"].startswith("Wir speichern die Anfrage nur mit Einwilligung")


def test_a_callback_accepts_an_email_address(db_client: FlaskClient) -> None:
    response = db_client.post("/api/callbacks", json=callback_body(contact="sam@example.org", district=None),
                              headers=FORM_HEADERS)
    assert response.status_code == 201


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}, STAFF_HEADERS])
def test_callbacks_need_the_form_token(db_client: FlaskClient, headers: dict[str, str]) -> None:
    assert db_client.post("/api/callbacks", json=callback_body(), headers=headers).status_code == 401


def test_the_openapi_document_describes_drafts_and_callbacks(db_client: FlaskClient) -> None:
    document = db_client.get("/api/openapi.json").get_json()
    assert {"/api/drafts", "/api/drafts/{id}", "/api/callbacks"} <= set(document["paths"])
    schema = document["paths"]["/api/drafts"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert set(complete_draft()) <= set(schema["properties"])
    assert schema["properties"]["lsi_type"]["enum"] == ["A", "B", "C", None]  # from the catalogue
    assert schema["properties"]["project_summary"]["maxLength"] == 5000
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_a_storage_failure_is_a_json_500_without_internals(db_client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from webform import repository

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("secret internals: connection string postgres://user:pw@host")

    monkeypatch.setattr(repository, "create_draft", broken)
    response = post_draft(db_client)
    assert response.status_code == 500
    assert set(response.get_json()) == {"error"} and "internals" not in response.get_data(as_text=True)
