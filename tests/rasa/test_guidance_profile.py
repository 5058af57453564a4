"""Slots to matching profile, and which questions are worth asking (plain logic, no Rasa)."""

from __future__ import annotations

from actions.profile import (
    MAX_QUESTIONS,
    build_profile,
    drop_rejected_fields,
    missing_slots,
    questions_to_ask,
)


def _result(eligibility: str, *keys: str) -> dict:
    return {"eligibility": eligibility, "missing": [{"key": k, "question": "?"} for k in keys]}


def test_profile_uses_the_api_names_and_types() -> None:
    slots = {
        "organisation_type": "association",
        "district": "Neukölln",
        "city": "Berlin",
        "in_disadvantaged_area": False,
        "target_groups": ["youth", "youth", "migrants"],
        "goals": "social_cohesion",
        "requested_amount_eur": "5000",
        "duration_months": "24",
        "programme": "lsi",
    }
    assert build_profile(slots, "de") == {
        "lang": "de",
        "applicant_type": "association",
        "city": "Berlin",
        "district": "Neukölln",
        "in_disadvantaged_area": False,
        "goals": ["social_cohesion"],
        "target_groups": ["youth", "migrants"],
        "budget_eur": 5000,
        "duration_months": 24,
    }


def test_profile_leaves_out_what_is_unknown_or_unusable() -> None:
    slots = {"requested_amount_eur": "fünftausend", "duration_months": "0", "in_disadvantaged_area": None, "state": ""}
    assert build_profile(slots, "en") == {"lang": "en"}
    assert build_profile({"requested_amount_eur": "2500.50"}, "en")["budget_eur"] == 2500.5


def test_missing_slots_come_from_programmes_still_in_the_running() -> None:
    results = [
        _result("possible", "applicant_type", "budget_eur"),
        _result("possible", "district", "applicant_type", "unknown_key"),
        _result("not_eligible", "state"),
    ]
    # Who applies, then where, then how much: the order of GUIDANCE_SLOTS, not of the results.
    assert missing_slots(results) == ["organisation_type", "district", "requested_amount_eur"]


def test_questions_skip_what_is_filled_or_skipped() -> None:
    results = [_result("possible", "applicant_type", "district", "budget_eur", "in_disadvantaged_area")]
    asked = questions_to_ask(results, {"district": "Mitte"}, skipped=["requested_amount_eur"], asked=[])
    assert asked == ["organisation_type", "in_disadvantaged_area"]


def test_at_most_five_questions_and_a_repeated_question_costs_nothing() -> None:
    results = [_result("possible", "applicant_type", "state", "district", "in_disadvantaged_area", "budget_eur",
                       "duration_months")]
    assert len(questions_to_ask(results, {}, [], [])) == MAX_QUESTIONS
    four_asked = ["organisation_type", "state", "district", "in_disadvantaged_area"]
    assert questions_to_ask(results, {}, [], four_asked) == [*four_asked, "requested_amount_eur"]
    five_asked = [*four_asked, "requested_amount_eur"]
    assert questions_to_ask(results, {"organisation_type": "association"}, [], five_asked) == five_asked[1:]


def test_rejected_fields_are_dropped_but_the_language_stays() -> None:
    profile = {"lang": "de", "district": "Atlantis", "applicant_type": "association"}
    assert drop_rejected_fields(profile, {"district": "…", "lang": "…"}) == {"lang": "de", "applicant_type": "association"}


def test_a_programme_the_applicant_can_only_join_as_a_partner_is_no_alternative() -> None:
    from actions.profile import alternatives

    lsi = {"programme": "lsi", "eligibility": "eligible", "next_step": {"kind": "district_office"}}
    wdm = {"programme": "wdm", "eligibility": "possible", "next_step": {"kind": "partner"}}
    biwaq = {"programme": "biwaq", "eligibility": "not_eligible", "next_step": {"kind": "partner"}}
    other = {"programme": "x", "eligibility": "possible", "next_step": {"kind": "contact"}}
    assert alternatives([lsi, wdm, biwaq, other], lsi) == [other]
