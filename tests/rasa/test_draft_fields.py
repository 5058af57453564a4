"""The draft's plain modules: reading answers, programme limits from the catalogue, the order of the
questions, the description extractor, check-your-answers and the POST body."""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal

import pytest

from actions.draft import answers, description, fields, formats, payload, programme_rules, questions, review
from actions.draft.fields import FieldError
from actions.draft.texts import messages
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
    ],
)
def test_amounts_are_read_as_people_write_them_in_each_language(written: str, lang: str, euros: str) -> None:
    assert fields.read_amount(written, lang) == Decimal(euros)


@pytest.mark.parametrize("written", ["", "viel Geld", "-500", "0", "0 €"])
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


def test_requested_amount_above_the_programme_limit_names_the_limit() -> None:
    limit = programme_rules.limits("lsi", "A").max_eur
    assert limit is not None
    slots = {"programme": "lsi", "lsi_type": "A"}
    error = _error(answers.check, "requested_amount_eur", str(limit + 1), slots, "de", TODAY)
    assert error.key == "requested_above_limit" and error.values["limit"] == formats.money(limit, "de")
    assert answers.check("requested_amount_eur", str(limit), slots, "de", TODAY) == {
        "requested_amount_eur": str(limit)}


def test_requested_amount_above_the_total_budget_is_refused_and_vice_versa() -> None:
    slots = {"programme": "wdm", "total_budget_eur": "10000"}
    error = _error(answers.check, "requested_amount_eur", "12.000 €", slots, "de", TODAY)
    assert error.key == "requested_above_total" and error.values["total"] == "10.000 €"
    error = _error(answers.check, "total_budget_eur", "5000", {"requested_amount_eur": "8000"}, "en", TODAY)
    assert error.key == "total_below_requested" and error.values["requested"] == "€8,000"


def test_biwaq_minimum_and_duration_limits_come_from_the_catalogue() -> None:
    limits = programme_rules.limits("biwaq")
    assert limits.min_eur is not None and limits.max_months is not None
    error = _error(answers.check, "requested_amount_eur", str(limits.min_eur - 1), {"programme": "biwaq"}, "en", TODAY)
    assert error.key == "requested_below_minimum"
    error = _error(answers.check, "duration_months", str(limits.max_months + 1), {"programme": "biwaq"}, "en", TODAY)
    assert error.key == "duration_above_limit" and error.values["max_months"] == limits.max_months


def test_lsi_type_a_needs_a_minimum_duration_from_the_catalogue() -> None:
    minimum = programme_rules.limits("lsi", "A").min_months
    assert minimum is not None
    slots = {"programme": "lsi", "lsi_type": "A"}
    assert _error(answers.check, "duration_months", str(minimum - 1), slots, "de", TODAY).key == "duration_below_limit"


def test_choosing_a_smaller_type_drops_an_amount_above_its_limit() -> None:
    limit_a = programme_rules.limits("lsi", "A").max_eur
    assert limit_a is not None
    slots = {"programme": "lsi", "requested_amount_eur": str(limit_a + 1000)}
    assert answers.check("lsi_type", "Typ A", slots, "de", TODAY) == {"lsi_type": "A", "requested_amount_eur": None}
    assert answers.check("lsi_type", "Mikroprojekte", {"programme": "lsi"}, "de", TODAY) == {"lsi_type": "A"}


def test_closed_and_unknown_programmes_are_refused_with_the_open_ones() -> None:
    error = _error(answers.check, "programme", "LSK", {}, "de", TODAY)
    assert error.key == "programme_closed" and "LSI" in error.values["programmes"]
    assert _error(answers.check, "programme", "Sparkasse", {}, "de", TODAY).key == "invalid_programme"
    assert answers.check("programme", "Lokal-Sozial-Innovativ", {}, "de", TODAY) == {"programme": "lsi"}


def test_an_organisation_name_with_a_legal_form_fills_legal_form_and_type_once() -> None:
    assert answers.check("organisation_name", "Kiezküche Neukölln e.V.", {}, "de", TODAY) == {
        "organisation_name": "Kiezküche Neukölln e.V.", "legal_form": "e.V.", "organisation_type": "association"}
    known = {"legal_form": "e.V.", "organisation_type": "initiative"}
    assert answers.check("organisation_name", "Kiez e.V.", known, "de", TODAY) == {"organisation_name": "Kiez e.V."}


def test_questions_depend_on_the_programme() -> None:
    assert questions.required_slots({}, []) == ["programme"]
    lsi = questions.required_slots({"programme": "lsi"}, [])
    assert lsi[:3] == ["programme", "lsi_type", "project_summary"] and "district" in lsi and "city" not in lsi
    assert lsi[-2:] == ["draft_confirmed", "draft_consent"]
    biwaq = questions.required_slots({"programme": "biwaq"}, [])
    assert {"municipality", "area", "city"} <= set(biwaq) and "lsi_type" not in biwaq
    assert "district" in questions.required_slots({"programme": "biwaq", "state": "BE"}, [])
    skipped = questions.required_slots({"programme": "wdm"}, ["contact_phone", "participants"])
    assert "contact_phone" not in skipped and "participants" not in skipped


def test_one_answer_per_turn_stays_within_the_turn_target() -> None:
    # Turns from "I want to apply" to a stored draft: the request, one answer per asked field
    # (optional ones skipped), check-your-answers and consent.
    asked = questions.open_questions({"programme": None}, []) + questions.open_questions({"programme": "lsi"}, [])[1:]
    required = [f for f in asked if f not in questions.OPTIONAL]
    inferred = {"legal_form", "organisation_type"}  # from a name like "Kiezküche Neukölln e.V."
    turns = 1 + len([f for f in asked if f not in inferred]) + 2
    assert turns <= len(required) + 3


def test_a_description_fills_many_fields() -> None:
    text = ("Wir sind der Kiezküche Neukölln e.V. und planen ab März 2027 für 12 Monate den Kochtreff "
            "„Kochen verbindet“ für Alleinerziehende mit 20 Teilnehmenden in Neukölln. Gesamtkosten 18.000 €, "
            "wir beantragen 15.000 €. Erreichbar unter anna@kiezkueche.de oder Tel. 030 1234567.")
    found = description.extract(text, "de")
    assert found == {
        "project_summary": text,
        "organisation_name": "Kiezküche Neukölln e.V.",
        "legal_form": "e.V.",
        "organisation_type": "association",
        "project_title": "Kochen verbindet",
        "contact_email": "anna@kiezkueche.de",
        "contact_phone": "030 1234567",
        "district": "Neukölln",
        "target_groups": ["single_parents"],
        "participants": "20",
        "duration_months": "12",
        "start_date": "2027-03-01",
        "total_budget_eur": "18000",
        "requested_amount_eur": "15000",
    }


def test_an_english_description_with_one_amount_is_the_requested_amount() -> None:
    found = description.extract(
        "We run a repair café for young people in Wedding and need 12,000 euros, starting 1 April 2027.", "en")
    assert found["requested_amount_eur"] == "12000" and "total_budget_eur" not in found
    assert found["district"] == "Mitte" and found["target_groups"] == ["youth"]
    assert found["start_date"] == "2027-04-01"


def test_check_your_answers_formats_money_and_dates_for_the_locale() -> None:
    slots = {"programme": "lsi", "lsi_type": "A", "total_budget_eur": "18000", "requested_amount_eur": "15000.5",
             "start_date": "2027-03-01", "duration_months": "12", "target_groups": ["youth"], "contact_phone": None}
    german = review.summary_text(slots, "de")
    assert "Gesamtkosten: 18.000 €" in german and "Beginn: 1. März 2027" in german
    assert "Beantragte Förderung: 15.000,50 €" in german and "Telefon: nicht angegeben" in german
    english = review.summary_text(slots, "en")
    assert "Total budget: €18,000" in english and "Start: 1 March 2027" in english
    assert "Phone: Not provided" in english and "Target groups: young people" in english
    buttons = review.buttons(questions.draft_fields(slots), "en")
    assert buttons[0]["payload"] == "/affirm"
    assert {"title": "Change: E-mail", "payload": '/correct_answer{"field":"contact_email"}'} in buttons


def test_the_draft_body_uses_json_types_and_only_the_programmes_fields() -> None:
    slots = {"programme": "lsi", "lsi_type": "A", "district": "Neukölln", "city": "Berlin",
             "total_budget_eur": "18000", "requested_amount_eur": "15000.5", "duration_months": "12",
             "participants": "20", "target_groups": ["youth"], "start_date": "2027-03-01", "contact_phone": None,
             "match_result": {"programme": "lsi"}}
    body = payload.draft_body(slots, "conv-9", "en")
    assert body == {"language": "en", "conversation_id": "conv-9", "match": {"programme": "lsi"}, "programme": "lsi",
                    "lsi_type": "A", "district": "Neukölln", "target_groups": ["youth"], "participants": 20,
                    "start_date": "2027-03-01", "duration_months": 12, "total_budget_eur": 18000,
                    "requested_amount_eur": 15000.5}


def test_the_idempotency_key_repeats_for_a_retry_and_changes_with_the_answers_or_attempt() -> None:
    body = {"programme": "lsi", "project_title": "Kiez"}
    key = payload.idempotency_key("conv-1", 1, body)
    assert key == payload.idempotency_key("conv-1", 1, dict(body))
    assert key.startswith("draft-conv-1-1-")
    assert key != payload.idempotency_key("conv-1", 2, body)
    assert key != payload.idempotency_key("conv-1", 1, {**body, "project_title": "Kiez 2"})
    assert len(payload.idempotency_key("x" * 500, 1, body)) <= payload.MAX_KEY_LENGTH


def test_every_draft_text_has_german_and_english_with_the_same_placeholders() -> None:
    def placeholders(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, texts in messages().items():
        assert set(texts) == {"de", "en"}, key
        assert placeholders(texts["de"]) == placeholders(texts["en"]), key
    for field in (*questions.FIELDS,):
        assert f"question_{field}" in messages() and f"reason_{field}" in messages() and f"label_{field}" in messages()
