"""The draft's plain modules: checking answers against the programme, the order of the questions, the
description extractor, check-your-answers and the POST body."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from actions.draft import answers, description, payload, questions, review
from actions.messages import DRAFT
from programmes import formatting as formats
from programmes import rules as programme_rules
from programmes.answers import FieldError

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIEZLOTSE_TODAY", TODAY.isoformat())


def _error(call, *args) -> FieldError:  # type: ignore[no-untyped-def]
    with pytest.raises(FieldError) as caught:
        call(*args)
    return caught.value


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
    # BIWAQ VI limits the eligible total expenditure; the grant is at most 90 % of it and has no own minimum.
    assert (limits.min_total_eur, limits.max_total_eur) == (300000, 1200000)
    assert (limits.max_eur, limits.min_eur) == (1080000, None)
    assert limits.max_months is not None
    error = _error(answers.check, "requested_amount_eur", str(limits.max_eur + 1), {"programme": "biwaq"}, "en", TODAY)
    assert error.key == "requested_above_limit"
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


def test_an_ended_programme_names_only_what_this_applicant_may_apply_for_where_the_project_is() -> None:
    association = {"organisation_type": "association", "state": "BE"}
    running = _error(answers.check, "programme", "PEB", association, "de", TODAY).values["programmes"]
    assert "LSI" in running and "BIWAQ" not in running and "WdM" not in running
    assert "offen" not in running  # no call is claimed open
    nrw_association = {"organisation_type": "association", "state": "NW"}
    assert _error(answers.check, "programme", "PEB", nrw_association, "de", TODAY).values["programmes"] == ""


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


@pytest.mark.parametrize(
    ("text", "participants", "months"),
    [
        ("Ab 1. März 2027 wollen wir zwölf Monate lang in Neukölln 15 langzeitarbeitslose Frauen zu "
         "Kita-Helferinnen qualifizieren.", "15", "12"),
        ("Wir sind seit 10 Jahren aktiv und wollen ein ganzes Jahr lang mit zwanzig Jugendlichen kochen.", "20", "12"),
        ("We'll train 12 young refugees as bike mechanics over a year and a half.", "12", "18"),
        ("In drei Monaten starten wir einen Kochtreff für Menschen über 50 Jahre.", None, None),
        # the size of the applicant's own team is no count of participants
        ("We run a small start-up (UG, 3 people) and teach refugee women to code.", None, None),
        ("Wir sind 5 Frauen aus der Ukraine und wollen eine Nähwerkstatt für 12 Frauen ohne Arbeit.", "12", None),
        ("We are a team of 4 and want to train 15 young refugees.", "15", None),
    ],
)
def test_a_description_gives_the_count_of_people_and_how_long_not_since_when(
    text: str, participants: str | None, months: str | None
) -> None:
    found = description.extract(text, "en" if text.startswith("We") else "de")
    assert (found.get("participants"), found.get("duration_months")) == (participants, months)


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

    for key, texts in DRAFT.messages.items():
        assert set(texts) == {"de", "en"}, key
        assert placeholders(texts["de"]) == placeholders(texts["en"]), key
    for field in (*questions.FIELDS,):
        assert f"question_{field}" in DRAFT and f"reason_{field}" in DRAFT and f"example_{field}" in DRAFT


def test_the_domain_asks_every_field_of_the_shared_field_list() -> None:
    from pathlib import Path

    import yaml

    from programmes.answers import FIELD_NAMES

    root = Path(__file__).resolve().parents[2]
    domain = {}
    for path in (root / "domain").glob("*.yml"):
        data = yaml.safe_load(path.read_text()) or {}
        for key in ("slots", "forms"):
            domain.setdefault(key, {}).update(data.get(key) or {})
    asked = domain["forms"]["draft_form"]["required_slots"]
    assert [f for f in asked if f in FIELD_NAMES] == list(FIELD_NAMES)
    assert set(FIELD_NAMES) <= set(domain["slots"])
    for field in FIELD_NAMES:
        assert f"question_{field}" in DRAFT and f"example_{field}" in DRAFT, field


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Hi! Wir sind Ja zum Kiez gGmbH, ein Bildungsträger im Wedding.", "Ja zum Kiez gGmbH",
         "training_provider"),
        ("We are Help for Helpers e.V. in Wedding and cook with refugees.", "Help for Helpers e.V.", "association"),
        ("Ein Projekt mit der Kiez gGmbH in Neukölln für Jugendliche.", "Kiez gGmbH", "social_enterprise"),
        ("Wir sind die Stadtteil gGmbH, ein Sozialunternehmen aus Moabit.", "Stadtteil gGmbH", "social_enterprise"),
    ],
)
def test_a_name_may_hold_lower_case_words_and_a_self_description_says_which_type_a_shared_form_is(
    text: str, name: str, kind: str
) -> None:
    found = description.extract(text, "en" if text.startswith("We") else "de")
    assert found["organisation_name"] == name and found["organisation_type"] == kind


def test_a_question_at_the_programme_question_gets_what_this_applicant_can_do() -> None:
    slots = {"organisation_type": "association", "state": "BE", "district": "Treptow-Köpenick"}
    error = _error(answers.check, "programme", "aha. und wat kann ick dann machen?", slots, "de", TODAY)
    assert error.key == "programme_options"
    options = error.values["options"]
    assert "LSI können Sie selbst beantragen" in options and "als Partner" in options
    assert "Bezirksamt Treptow-Köpenick" in options


@pytest.mark.parametrize(
    ("message", "grant"),
    [
        ("Gesamtvolumen etwa 900.000 Euro über gut zwei Jahre, Eigenanteil 10 Prozent.", "810000"),
        ("Wir rechnen mit rund zweihundertvierzigtausend Euro Gesamtkosten über drei Jahre, beantragt würden davon "
         "etwa hundertachtzigtausend.", "180000"),
        ("Insgesamt 18.000 €, davon beantragen wir 15.000", "15000"),
        ("so um die 80.000", None),
        ("around nine hundred thousand euros total", None),
    ],
)
def test_the_grant_asked_for_beside_a_total(message: str, grant: str | None) -> None:
    from actions.draft.description import requested_amount

    assert requested_amount(message, "de") == grant

def test_a_title_in_single_quotes_after_heisst_is_the_title() -> None:
    text = ("Hallo, wir (Kulturverein Bunte Bühne e.V., Spandau) wollen ein Projekt anmelden, das heißt 'Lass uns neu "
            "anfangen'. Theater mit arbeitslosen Jugendlichen, die dabei Bühnentechnik lernen.")
    assert description.extract(text, "de")["project_title"] == "Lass uns neu anfangen"
    assert "project_title" not in description.extract("We're a club in Wedding and we'd like to apply.", "en")


def test_the_kind_of_organisation_its_name_says_wins_over_a_shop_the_project_runs() -> None:
    text = ("Hello! Nordlicht Sozialunternehmen gGmbH from Reinickendorf here. We want to prepare an LSI "
            "application: a model project, a social supermarket where long-term unemployed people are trained.")
    assert description.extract(text, "en")["organisation_type"] == "social_enterprise"


def test_a_public_body_that_applies_itself_is_the_applying_municipality() -> None:
    slots = {"programme": "biwaq", "organisation_type": "municipality", "legal_form": "KdöR"}
    updates = answers.check("organisation_name", "Stadt Herne", slots, "de", TODAY)
    assert updates["municipality"] == "Stadt Herne"
    association = answers.check("organisation_name", "Kiezküche e.V.", {"programme": "lsi"}, "de", TODAY)
    assert "municipality" not in association
