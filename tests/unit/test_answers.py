"""The shared answer rules of the application draft (programmes/answers.py, programmes/amounts.py,
programmes/rules.py): how answers are read in German and English and checked against the catalogue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from programmes import answers as fields
from programmes import rules as programme_rules
from programmes.answers import FieldError
from programmes.catalogue import default_catalogue

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIEZLOTSE_TODAY", TODAY.isoformat())


def _error(call, *args) -> FieldError:  # type: ignore[no-untyped-def]
    with pytest.raises(FieldError) as caught:
        call(*args)
    return caught.value


@pytest.mark.parametrize(
    ("written", "lang", "euros"),
    [
        ("15.000 €", "de", "15000"),
        ("15.000", "en", "15000"),  # a three-digit group is thousands in both languages
        ("15,000", "de", "15000"),
        ("15,000.50", "en", "15000.5"),
        ("15.000,50 €", "de", "15000.5"),
        ("1,5", "de", "1.5"),
        ("1.5", "en", "1.5"),
        ("15k", "en", "15000"),
        ("20 Tsd. Euro", "de", "20000"),
        ("1,2 Mio.", "de", "1200000"),
        ("EUR 12500", "en", "12500"),
        ("5000", "de", "5000"),
        ("1.000,- €", "de", "1000"),
        ("1.000,-", "de", "1000"),
        ("EUR 1.000", "de", "1000"),
        ("1,000.50", "en", "1000.5"),
        ("1.000,50", "de", "1000.5"),
        ("ca 15.000", "de", "15000"),
        ("so 20 000 Euro", "de", "20000"),
        (15000, "de", "15000"),
    ],
)
def test_amounts_are_read_as_people_write_them_in_each_language(written: str, lang: str, euros: str) -> None:
    assert fields.read_amount(written, lang) == Decimal(euros)


@pytest.mark.parametrize("written", ["", "viel Geld", "-500", "0", "0 €", "15..000", "1.,5 €"])
def test_unreadable_amounts_are_re_asked_with_an_example_in_the_locale(written: str) -> None:
    error = _error(fields.read_amount, written, "de")
    assert error.key == "invalid_amount"
    assert error.values["example"] == "15.000 €"
    assert _error(fields.read_amount, written, "en").values["example"] == "€15,000"


@pytest.mark.parametrize(
    ("written", "expected"),
    [("anna@kiezkueche.de", "anna@kiezkueche.de"), ("Meine Adresse: a.b-c+d@mail.example.org.", "a.b-c+d@mail.example.org")],
)
def test_email_addresses_are_found_in_the_answer(written: str, expected: str) -> None:
    assert fields.read_email(written) == expected


@pytest.mark.parametrize("written", ["anna@kiezkueche", "anna.kiezkueche.de", "anna@@kiez.de", "@kiez.de", "anna"])
def test_broken_email_addresses_are_refused(written: str) -> None:
    assert _error(fields.read_email, written).key == "invalid_email"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2027-03-01", "2027-03-01"),
        ("1.3.2027", "2027-03-01"),
        ("01.03.27", "2027-03-01"),
        ("1. März 2027", "2027-03-01"),
        ("März 2027", "2027-03-01"),
        ("1 April 2027", "2027-04-01"),
        ("April 1, 2027", "2027-04-01"),
        ("from September 2027", "2027-09-01"),
        ("03/2027", "2027-03-01"),
    ],
)
def test_dates_are_read_in_german_and_english_forms(written: str, iso: str) -> None:
    assert fields.read_date(written, "de").isoformat() == iso


def test_a_start_date_must_lie_in_the_future_and_the_re_ask_gives_a_valid_example() -> None:
    error = _error(fields.check_start, TODAY, TODAY, "de")
    assert error.key == "start_date_not_future"
    assert error.values == {"today": "22. November 2026", "example": "1. Januar 2027"}
    assert fields.check_start(TODAY + dt.timedelta(days=1), TODAY, "de") == TODAY + dt.timedelta(days=1)
    assert _error(fields.read_date, "31.02.2027", "en").values["example"] == "1 January 2027"


@pytest.mark.parametrize(("written", "months"), [("24", 24), ("18 Monate", 18), ("2 Jahre", 24), ("one year", 12),
                                                 ("ein Jahr", 12), ("1,5 Jahre", 18)])
def test_durations_are_read_in_months(written: str, months: int) -> None:
    assert fields.read_months(written) == months


def test_summaries_need_at_least_a_sentence() -> None:
    assert _error(fields.read_summary, "Kochkurs").key == "summary_too_short"
    assert fields.read_summary("Wir kochen jede Woche mit Nachbarn aus dem Kiez.")


def test_districts_are_normalised_to_the_official_bezirk() -> None:
    assert fields.read_district("Kreuzberg") == "Friedrichshain-Kreuzberg"
    assert fields.read_district("in Wedding, nahe Leopoldplatz") == "Mitte"
    error = _error(fields.read_district, "Atlantis")
    assert error.key == "invalid_district" and "Neukölln" in error.values["districts"]


def test_a_legal_form_in_a_name_gives_legal_form_and_organisation_type() -> None:
    assert fields.legal_form_in("Kiezküche Neukölln e.V.") == ("e.V.", "association")
    assert fields.legal_form_in("Werkstatt gGmbH") == ("gGmbH", "social_enterprise")
    assert fields.legal_form_in("Café Glück GmbH") == ("GmbH", "small_business")
    assert fields.legal_form_in("Kiezküche") is None


def test_target_groups_come_from_words_in_both_languages() -> None:
    assert set(fields.read_target_groups("Jugendliche und Alleinerziehende")) == {"youth", "single_parents"}
    assert fields.read_target_groups("long-term unemployed people") == ["long_term_unemployed"]
    assert fields.read_target_groups(["youth", "youth"]) == ["youth"]
    assert _error(fields.read_target_groups, "alle").key == "invalid_target_groups"


def test_limits_come_from_the_catalogue_for_the_chosen_type() -> None:
    lsi = default_catalogue().programme("lsi")
    assert lsi is not None
    type_a = next(v for v in lsi.variants if v.id == "A")
    limits = programme_rules.limits("lsi", "A")
    assert (limits.max_eur, limits.min_months, limits.max_months) == (type_a.max_eur, type_a.min_months,
                                                                         type_a.max_months)
    loosest = programme_rules.limits("lsi", None)
    assert loosest.max_eur == max(v.max_eur for v in lsi.variants if v.max_eur)
    assert programme_rules.asks_variant("lsi") and not programme_rules.asks_variant("wdm")
    assert programme_rules.asks_area("biwaq") and programme_rules.asks_municipality("biwaq")
    assert not programme_rules.asks_municipality("lsi")


@pytest.mark.parametrize("written", ["0,500", "0.500 €", "EUR 0,500"])
def test_an_amount_with_a_leading_zero_and_three_digits_is_asked_back_not_guessed(written: str) -> None:
    error = _error(fields.read_amount, written, "de")
    assert error.key == "amount_ambiguous"
    assert error.values == {"as_euros": "500 €", "as_cents": "0,50 €"}


@pytest.mark.parametrize(
    ("legal_form", "organisation_type"),
    [("e.V.", "startup"), ("eingetragener Verein", "small_business"), ("GmbH", "association"),
     ("UG (haftungsbeschränkt)", "initiative"), ("KdöR", "startup")],
)
def test_a_legal_form_that_rules_out_the_applicant_type_is_a_contradiction(legal_form: str, organisation_type: str) -> None:
    error = _error(fields.check_legal_form, legal_form, organisation_type)
    assert error.key == "legal_form_contradicts_type" and error.values["organisation_type"] == organisation_type


@pytest.mark.parametrize(
    ("legal_form", "organisation_type"),
    [("e.V.", "association"), ("e.V.", "training_provider"), ("GmbH", "startup"), ("gGmbH", "social_enterprise"),
     ("GbR", "startup"), ("Stiftung", "other"), ("KdöR", "district_office"), ("irgendwas", "startup")],
)
def test_legal_forms_that_fit_the_applicant_type_pass(legal_form: str, organisation_type: str) -> None:
    fields.check_legal_form(legal_form, organisation_type)
