"""Reading a profile from form text: amounts as Germans and English speakers write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import Flask

from webform.profile_input import parse_profile


@pytest.mark.parametrize(
    ("typed", "euros"),
    [
        ("15000", Decimal("15000")),
        ("15.000", Decimal("15000")),
        ("15,000", Decimal("15000")),
        ("15 000", Decimal("15000")),
        ("15.000 €", Decimal("15000")),
        ("15000 EUR", Decimal("15000")),
        ("20.000,00", Decimal("20000")),
        ("20,000.00", Decimal("20000")),
        ("1.500.000", Decimal("1500000")),
        ("1,500,000", Decimal("1500000")),
        ("15000,50", Decimal("15000.50")),
        ("15000.50", Decimal("15000.50")),
        ("1.000,- €", Decimal("1000")),
        ("EUR 1.000", Decimal("1000")),
        ("15k", Decimal("15000")),  # the finder reads amounts as the chat does
        ("1,5 Mio.", Decimal("1500000")),
    ],
)
def test_form_amounts_are_read_as_people_write_them(app: Flask, typed: str, euros: Decimal) -> None:
    with app.test_request_context("/?lang=en"):
        profile, errors = parse_profile({"budget_eur": typed}, from_form=True)
    assert errors == {} and profile is not None
    assert profile.budget_eur == euros


@pytest.mark.parametrize("typed", ["lots", "0", "15..000", "€", "nan", "-1", "0,500"])
def test_form_amounts_that_are_not_amounts_are_field_errors(app: Flask, typed: str) -> None:
    with app.test_request_context("/?lang=en"):
        profile, errors = parse_profile({"budget_eur": typed}, from_form=True)
    assert profile is None and set(errors) == {"budget_eur"}


def test_a_form_may_carry_other_fields_but_json_may_not(app: Flask) -> None:
    with app.test_request_context("/?lang=en"):
        from_form, form_errors = parse_profile({"csrf_token": "x", "goals": "networking"}, from_form=True)
        _, json_errors = parse_profile({"csrf_token": "x", "goals": "networking"})
    assert form_errors == {} and from_form is not None and from_form.goals == ("networking",)
    assert set(json_errors) == {"csrf_token", "goals"}


def test_form_yes_no_and_unknown_answers(app: Flask) -> None:
    with app.test_request_context("/?lang=en"):
        answers = [parse_profile({"in_disadvantaged_area": v}, from_form=True)[0] for v in ("yes", "no", "")]
    assert [p.in_disadvantaged_area for p in answers if p] == [True, False, None]
