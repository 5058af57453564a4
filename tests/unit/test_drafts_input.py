"""The draft validator: JSON from the chat is strict, a web form is read as people write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from flask import Flask

from webform.draft_input import missing_for_submission, parse_draft_fields
from webform.models.drafts import TRANSITIONS, DraftStatus, can_move
from webform.security import hash_token, new_link_token, request_fingerprint


@pytest.fixture
def english(app: Flask):  # type: ignore[no-untyped-def]
    with app.test_request_context("/?lang=en"):
        yield


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("text", "amount"),
    [("15000", Decimal("15000.00")), ("15.000", Decimal("15000.00")), ("15,000.50", Decimal("15000.50")),
     ("15.000,50 €", Decimal("15000.50")), ("1.000,- €", Decimal("1000.00")), ("EUR 1.000", Decimal("1000.00")),
     ("1.000,50", Decimal("1000.50")), ("1,000.50", Decimal("1000.50")), ("15k", Decimal("15000.00"))],
)
def test_form_amounts_are_read_as_written(text: str, amount: Decimal) -> None:
    values, errors = parse_draft_fields({"total_budget_eur": text}, json_types=False)
    assert errors == {} and values["total_budget_eur"] == amount


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("text", ["0,500", "0.500", "EUR 0,500"])
def test_an_ambiguous_amount_is_asked_back(text: str) -> None:
    _values, errors = parse_draft_fields({"total_budget_eur": text}, json_types=False)
    assert errors == {"total_budget_eur": "Did you mean €500 or €0.50? Enter the amount without a leading zero."}


@pytest.mark.usefixtures("english")
def test_form_values_are_text_and_empty_means_no_answer() -> None:
    values, errors = parse_draft_fields(
        {"participants": " 12 ", "duration_months": "6", "target_groups": "youth", "city": "  ", "lsi_type": "b",
         "start_date": "2027-03-01", "programme": "lsi"},
        json_types=False,
    )
    assert errors == {}
    assert values == {"participants": 12, "duration_months": 6, "target_groups": ["youth"], "city": None,
                      "lsi_type": "B", "start_date": dt.date(2027, 3, 1), "programme": "lsi"}


@pytest.mark.usefixtures("english")
def test_json_needs_json_types() -> None:
    _values, errors = parse_draft_fields({"participants": "12", "duration_months": "6"}, json_types=True)
    assert set(errors) == {"participants", "duration_months"}


@pytest.mark.usefixtures("english")
def test_a_form_ignores_fields_it_does_not_know_but_json_does_not() -> None:
    assert parse_draft_fields({"csrf_token": "x"}, json_types=False)[1] == {}
    assert parse_draft_fields({"csrf_token": "x"}, json_types=True)[1] == {"csrf_token": "Unknown field."}


@pytest.mark.usefixtures("english")
def test_an_email_address_is_read_by_the_shared_rule() -> None:
    values, _errors = parse_draft_fields({"contact_email": " Ayse@example.org "}, json_types=True)
    assert values["contact_email"] == "Ayse@example.org"


@pytest.mark.usefixtures("english")
def test_what_a_complete_application_still_needs() -> None:
    missing = missing_for_submission({"programme": "lsi", "total_budget_eur": Decimal(0)})
    assert missing["lsi_type"] == "Choose the project type."
    assert missing["total_budget_eur"] == "Enter the total budget of the project."
    assert missing["district"] == "Choose the Berlin district where the project takes place."
    assert "programme" not in missing and "contact_phone" not in missing and "city" not in missing
    assert "municipality" not in missing and "area" not in missing
    elsewhere = missing_for_submission({"programme": "biwaq", "city": "Gelsenkirchen"})
    assert "district" not in elsewhere and "city" not in elsewhere and "lsi_type" not in elsewhere
    assert {"municipality", "area"} <= set(elsewhere)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"programme": "lsi", "lsi_type": "B", "duration_months": 12}, "duration_months",
         "LSI projects of type B (development projects) can run for at most 6 months."),
        ({"programme": "lsi", "lsi_type": "A", "duration_months": 3}, "duration_months",
         "LSI projects of type A (micro-projects) run for at least 6 months."),
        ({"programme": "lsi", "lsi_type": "A", "requested_amount_eur": 25000}, "requested_amount_eur",
         "LSI projects of type A (micro-projects) can receive at most €20,000."),
        ({"programme": "lsi", "duration_months": 30}, "duration_months",
         "LSI projects can run for at most 24 months."),
        ({"legal_form": "e.V.", "organisation_type": "startup"}, "organisation_type",
         "The legal form e.V. does not go with the type of organisation “start-up”."),
        ({"programme": "wdm", "lsi_type": "A"}, "lsi_type", "Only LSI projects have a project type."),
        ({"start_date": "2026-11-22"}, "start_date", "The project must start after today (22 November 2026)."),
    ],
)
def test_answers_that_break_the_catalogue_limits_or_contradict_each_other_are_refused(
    answers: dict[str, object], field: str, message: str
) -> None:
    _values, errors = parse_draft_fields(answers, json_types=True)
    assert list(errors) == [field] and errors[field].startswith(message)


@pytest.mark.usefixtures("english")
def test_the_limits_come_from_the_catalogue_not_a_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    from programmes import rules

    monkeypatch.setattr(rules, "limits", lambda programme, variant=None: rules.Limits(max_months=3))
    _values, errors = parse_draft_fields({"programme": "lsi", "lsi_type": "A", "duration_months": 4}, json_types=True)
    assert "at most 3 months" in errors["duration_months"]


def test_a_programme_limit_in_german(app: Flask) -> None:
    with app.test_request_context("/?lang=de"):
        _values, errors = parse_draft_fields({"programme": "lsi", "lsi_type": "B", "duration_months": 12},
                                             json_types=True)
    assert errors["duration_months"].startswith(
        "LSI-Projekte des Typs B (Entwicklungsprojekte) dürfen höchstens 6 Monate laufen."
    )


def test_german_messages(app: Flask) -> None:
    with app.test_request_context("/?lang=de"):
        _values, errors = parse_draft_fields({"duration_months": 200}, json_types=True)
    assert errors["duration_months"] == "Geben Sie eine Laufzeit zwischen 1 und 120 Monaten ein."


def test_the_workflow() -> None:
    assert can_move("new", "in_review") and can_move("in_review", "changes_requested")
    assert can_move("changes_requested", "in_review") and can_move("in_review", "ready")
    assert can_move("ready", "archived") and can_move("in_review", "rejected") and can_move("rejected", "archived")
    assert not can_move("new", "ready") and not can_move("archived", "new") and not can_move("new", "nonsense")
    assert TRANSITIONS[DraftStatus.ARCHIVED] == frozenset()
    assert all(DraftStatus.NEW not in targets for targets in TRANSITIONS.values())


def test_link_tokens_are_long_random_and_hashed() -> None:
    tokens = {new_link_token() for _ in range(100)}
    assert len(tokens) == 100 and all(len(t) >= 43 for t in tokens)  # 256 bits, ≥ 128 required
    token = tokens.pop()
    assert hash_token(token) == hash_token(token) and len(hash_token(token)) == 64 and token not in hash_token(token)


def test_the_fingerprint_ignores_key_order() -> None:
    assert request_fingerprint({"a": 1, "b": [1, 2]}) == request_fingerprint({"b": [1, 2], "a": 1})
    assert request_fingerprint({"a": 1}) != request_fingerprint({"a": 2})
