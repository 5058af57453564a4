"""The programmes and matching API over HTTP (Flask test client), including every kind of bad input."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient


def test_list_programmes_in_both_languages(client: FlaskClient) -> None:
    english = client.get("/api/programmes?lang=en").get_json()
    german = client.get("/api/programmes?lang=de").get_json()
    assert [p["id"] for p in english["programmes"]] == ["biwaq", "lsi", "wdm", "aktiv_fuer_arbeit", "lsk", "peb"]
    assert english["as_of"] == "2026-11-22"
    lsi_en = next(p for p in english["programmes"] if p["id"] == "lsi")
    lsi_de = next(p for p in german["programmes"] if p["id"] == "lsi")
    assert lsi_en["short_name"] == "LSI" and lsi_en["summary"] != lsi_de["summary"]
    assert lsi_en["status"] == "no_open_call"


def test_programme_detail_gives_each_fact_with_source_and_period(client: FlaskClient) -> None:
    body = client.get("/api/programmes/lsi?lang=en").get_json()
    facts = {fact["key"]: fact for fact in body["facts"]}
    assert "€20,000" in facts["amount"]["value"]
    assert facts["amount"]["source"].startswith("https://")
    assert facts["funding_rate"]["period"] == "2021–2027"
    assert facts["funding_rate"]["period_data"] == {"name": None, "start": "2021", "end": "2027", "undated": False}
    assert "poverty" in facts["target_groups"]["value"]
    assert "shortfall financing" in facts["funding_rate"]["value"]
    wdm = {fact["key"]: fact for fact in client.get("/api/programmes/wdm?lang=en").get_json()["facts"]}
    assert wdm["target_groups"]["value"] is None
    assert wdm["target_groups"]["unknown_hint"].startswith("We do not know this. Ask")


@pytest.mark.parametrize(
    ("lang", "as_of", "period", "funds"),
    [("de", "22. November 2026", "BIWAQ VI, 1. Juli 2026 – 30. September 2028", "Menschen in Arbeit bringen"),
     ("en", "22 November 2026", "BIWAQ VI, 1 July 2026 – 30 September 2028", "getting people into work")],
)
def test_dates_and_periods_are_in_the_language_of_the_answer(
    client: FlaskClient, lang: str, as_of: str, period: str, funds: str
) -> None:
    body = client.get(f"/api/programmes/biwaq?lang={lang}").get_json()
    assert body["availability"]["as_of"] == "2026-11-22"
    assert body["availability"]["as_of_label"] == as_of
    amount = next(fact for fact in body["facts"] if fact["key"] == "amount")
    assert amount["period"] == period
    assert body["purpose"]["funds"][0]["label"] == funds
    assert body["purpose"]["source"].startswith("https://www.biwaq.de/")
    listing = client.get(f"/api/programmes?lang={lang}").get_json()
    assert listing["as_of_label"] == as_of


def test_unknown_programme_is_a_translated_404(client: FlaskClient) -> None:
    response = client.get("/api/programmes/nothing?lang=de")
    assert response.status_code == 404
    assert response.get_json() == {"error": "Es gibt kein Programm mit dieser Kennung."}


def test_bad_language_parameter_is_a_422(client: FlaskClient) -> None:
    response = client.get("/api/programmes?lang=fr")
    assert response.status_code == 422
    assert "lang" in response.get_json()["errors"]


def test_match_returns_ranked_results_with_explanations(client: FlaskClient) -> None:
    response = client.post(
        "/api/match",
        json={"lang": "en", "applicant_type": "association", "district": "Kreuzberg", "budget_eur": 15000,
              "goals": ["jobs_for_disadvantaged"], "target_groups": ["long_term_unemployed"]},
    )
    assert response.status_code == 200
    results = response.get_json()["results"]
    best = results[0]
    assert best["programme"] == "lsi" and best["eligibility"] == "eligible"
    assert best["next_step"]["district"] == "Friedrichshain-Kreuzberg"
    assert best["availability"]["as_of"] == "2026-11-22"
    assert set(best) >= {"programme", "eligibility", "score", "reasons", "missing", "availability", "successor",
                         "next_step"}
    lsk = next(r for r in results if r["programme"] == "lsk")
    assert lsk["successor"] == "lsi"
    assert best["verdict"]["key"] == "fits_no_open_call" and not best["verdict"]["can_apply_now"]
    assert "no call is open now (last closed on 30 September 2025" in best["verdict"]["headline"]
    body = response.get_json()
    assert body["outcome"]["key"] == "fits_no_open_call" and body["outcome"]["programme"] == "lsi"
    assert body["outcome"]["next_steps"][0]["district"] == "Friedrichshain-Kreuzberg"
    assert body["as_of_label"] == "22 November 2026"


def test_match_reads_what_the_project_does(client: FlaskClient) -> None:
    body = client.post(
        "/api/match",
        json={"lang": "en", "applicant_type": "small_business", "district": "Spandau", "budget_eur": 120000,
              "project_description": "We want to renovate the shop fronts of our shopping arcade."},
    ).get_json()
    assert body["outcome"]["key"] == "nothing_fits"
    assert [a["key"] for a in body["outcome"]["project_activities"]] == ["building_works", "own_business"]
    lsi = next(r for r in body["results"] if r["programme"] == "lsi")
    assert lsi["purpose"]["status"] == "outside" and lsi["blockers"][0]["key"] == "purpose"
    assert body["outcome"]["next_steps"] and body["outcome"]["next_steps"][0]["text"]
    known = client.post(
        "/api/match",
        json={"lang": "de", "applicant_type": "association", "district": "Wedding", "activities": ["employment"]},
    ).get_json()
    assert known["results"][0]["purpose"]["status"] == "fits"


def test_an_nrw_municipality_gets_biwaq_ranked_first(client: FlaskClient) -> None:
    body = client.post(
        "/api/match",
        json={"lang": "de", "applicant_type": "municipality", "state": "NW", "in_disadvantaged_area": True,
              "budget_eur": 700000, "duration_months": 32},
    ).get_json()
    assert body["results"][0]["programme"] == "biwaq"
    assert [b["key"] for b in body["results"][0]["blockers"]] == ["duration"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"lang": "en", "applicant_type": "bakery"}, "applicant_type", "Choose one of"),
        ({"lang": "en", "budget_eur": -1}, "budget_eur", "cannot be negative"),
        ({"lang": "en", "budget_eur": "lots"}, "budget_eur", "Enter an amount in euros"),
        ({"lang": "en", "budget_eur": True}, "budget_eur", "Enter an amount in euros"),
        ({"lang": "en", "duration_months": 0}, "duration_months", "between 1 and 120"),
        ({"lang": "en", "duration_months": 1.5}, "duration_months", "whole months"),
        ({"lang": "en", "goals": ["fame"]}, "goals", "Unknown value fame"),
        ({"lang": "en", "goals": ["jobs_for_disadvantaged"]}, None, None),
        ({"lang": "en", "goals": "jobs_for_disadvantaged"}, "goals", "Give a list"),
        ({"lang": "en", "budget_eur": "15000"}, "budget_eur", "Enter an amount in euros"),
        ({"lang": "en", "budget_eur": ""}, "budget_eur", "Enter an amount in euros"),
        ({"lang": "en", "budget_eur": [15000]}, "budget_eur", "Enter an amount in euros"),
        ({"lang": "en", "budget_eur": 100_000_001}, "budget_eur", "at most 100,000,000"),
        ({"lang": "en", "budget_eur": 1e308}, "budget_eur", "at most 100,000,000"),
        ({"lang": "en", "duration_months": "12"}, "duration_months", "whole months"),
        ({"lang": "en", "duration_months": 12.0}, None, None),
        ({"lang": "en", "duration_months": 1e30}, "duration_months", "between 1 and 120"),
        ({"lang": "en", "in_disadvantaged_area": "yes"}, "in_disadvantaged_area", "Answer yes, no"),
        ({"lang": "en", "in_disadvantaged_area": 1}, "in_disadvantaged_area", "Answer yes, no"),
        ({"lang": "en", "in_disadvantaged_area": None}, None, None),
        ({"lang": "en", "district": 5}, "district", "Enter the name as text"),
        ({"lang": "en", "district": "x" * 101}, "district", "at most 100 characters"),
        ({"lang": "en", "applicant_type": ["association"]}, "applicant_type", "Choose one of"),
        ({"lang": ["en"]}, "lang", "Erforderlich: die Sprache"),
        ({"lang": "en", "target_groups": [1, 2]}, "target_groups", "Give a list"),
        ({"lang": "en", "district": "Schwabing"}, "district", "12 Berlin districts"),
        ({"lang": "en", "state": "XX"}, "state", "Choose one of"),
        ({"lang": "en", "state": "NW", "district": "Mitte"}, "district", "only goes with the state BE"),
        ({"lang": "en", "in_disadvantaged_area": "perhaps"}, "in_disadvantaged_area", "Answer yes, no"),
        ({"lang": "en", "colour": "blue"}, "colour", "Unknown field"),
        ({"lang": "en", "city": 42}, "city", "Enter the name as text"),
        ({"applicant_type": "association"}, "lang", "Erforderlich: die Sprache"),
        ({"lang": "fr"}, "lang", "Erforderlich: die Sprache"),
        ({"lang": "de", "budget_eur": -5}, "budget_eur", "darf nicht negativ sein"),
        ({"lang": "de", "city": ["Berlin"]}, "city", "Geben Sie den Namen als Text ein."),
        ({"lang": "en", "activities": ["bulldozing"]}, "activities", "Unknown value bulldozing"),
        ({"lang": "en", "activities": "employment"}, "activities", "Give a list"),
        ({"lang": "en", "activities": ["employment"]}, None, None),
        ({"lang": "en", "project_description": 5}, "project_description", "Describe the project in words."),
        ({"lang": "de", "project_description": "x" * 1001}, "project_description", "höchstens 1000 Zeichen"),
        ({"lang": "en", "project_description": "Sprachkurse für Geflüchtete"}, None, None),
    ],
)
def test_bad_profiles_get_a_message_per_field(client: FlaskClient, body: dict[str, Any], field: str | None,
                                              message: str | None) -> None:
    response = client.post("/api/match", json=body)
    if field is None:
        assert response.status_code == 200
        return
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert message in errors[field]


def test_without_lang_the_error_follows_accept_language(client: FlaskClient) -> None:
    response = client.post("/api/match", json={}, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert response.get_json()["errors"]["lang"] == "Required: the language of the answer, de or en."


@pytest.mark.parametrize("data", ["not json", "[1, 2]", "null", ""])
def test_a_body_that_is_not_a_json_object_is_a_422(client: FlaskClient, data: str) -> None:
    response = client.post("/api/match", data=data, content_type="application/json")
    assert response.status_code == 422
    assert "body" in response.get_json()["errors"]


def test_openapi_document_describes_the_api(client: FlaskClient) -> None:
    document = client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert {"/api/health", "/api/programmes", "/api/programmes/{id}", "/api/match"} <= set(document["paths"])
    schema = document["paths"]["/api/match"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["lang"] and schema["additionalProperties"] is False


def test_unknown_api_route_is_json_not_html(client: FlaskClient) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.is_json


def test_health_checks_the_database(client: FlaskClient) -> None:
    assert client.get("/api/health").get_json() == {"status": "ok", "database": "ok"}


def test_every_bad_field_gets_its_own_message_in_one_answer(client: FlaskClient) -> None:
    response = client.post(
        "/api/match",
        json={"lang": "de", "applicant_type": "bakery", "budget_eur": -1, "duration_months": "zwölf",
              "goals": ["fame"], "colour": "blue"},
    )
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert set(errors) == {"applicant_type", "budget_eur", "duration_months", "goals", "colour"}
    assert errors["colour"] == "Unbekanntes Feld."


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "integer": (int,), "number": (int, float),
    "boolean": (bool,), "null": (type(None),),
}


def _schema_errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """The parts of JSON Schema the OpenAPI document uses: type, enum, required, properties, items, bounds."""
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else types
    if types and not any(
        isinstance(value, _JSON_TYPES[t]) and not (isinstance(value, bool) and t in ("integer", "number"))
        for t in types
    ):
        return [f"{where}: {value!r} is not {types}"]
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, dict):
        errors += [f"{where}: missing {key}" for key in schema.get("required", []) if key not in value]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += _schema_errors(value[key], sub, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += _schema_errors(item, schema["items"], f"{where}[{index}]")
    is_integer = isinstance(value, int) and not isinstance(value, bool)
    if is_integer and not schema.get("minimum", value) <= value <= schema.get("maximum", value):
        errors.append(f"{where}: {value} out of bounds")
    return errors


def test_the_schema_checker_finds_mistakes() -> None:
    schema = {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer", "maximum": 3}}}
    assert _schema_errors({"a": 2}, schema) == []
    assert _schema_errors({}, schema) == ["$: missing a"]
    assert _schema_errors({"a": True}, schema) and _schema_errors({"a": 4}, schema)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_answers_match_their_openapi_schemas(client: FlaskClient, lang: str) -> None:
    paths = client.get("/api/openapi.json").get_json()["paths"]

    def schema(path: str, method: str) -> dict[str, Any]:
        return paths[path][method]["responses"]["200"]["content"]["application/json"]["schema"]

    listing = client.get(f"/api/programmes?lang={lang}").get_json()
    assert _schema_errors(listing, schema("/api/programmes", "get")) == []
    for programme in listing["programmes"]:
        detail = client.get(f"/api/programmes/{programme['id']}?lang={lang}").get_json()
        assert _schema_errors(detail, schema("/api/programmes/{id}", "get")) == []
    for profile in (
        {},
        {"applicant_type": "association", "district": "Spandau", "budget_eur": 20000},
        {"applicant_type": "district_office", "district": "Reinickendorf", "in_disadvantaged_area": True},
        {"applicant_type": "municipality", "state": "NW", "goals": ["social_cohesion"], "duration_months": 30},
        {"applicant_type": "initiative", "district": "Pankow", "project_description": "Nachbarn kochen zusammen"},
        {"applicant_type": "small_business", "district": "Spandau", "activities": ["building_works"]},
    ):
        answer = client.post("/api/match", json={"lang": lang, **profile}).get_json()
        assert _schema_errors(answer, schema("/api/match", "post")) == []
    errors = client.post("/api/match", json={"lang": lang, "budget_eur": -1}).get_json()
    error_schema = paths["/api/match"]["post"]["responses"]["422"]["content"]["application/json"]["schema"]
    assert _schema_errors(errors, error_schema) == []
