"""Guidance that tells the truth: verdicts, what is missing, the project's purpose and a next step.

"You can apply now" only while a call is open; a fitting programme without an open call says when the
last one closed; every outcome names whom to ask, with a source; no applicant type gets a wrong label.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from programmes.matching import Profile, Result, match, outcome_of
from programmes.messages import AS_APPLICANT
from programmes.verdicts import VERDICTS
from programmes.vocabulary import APPLICANT_TYPES
from tests.unit.test_matching import CASES

TODAY = dt.date(2026, 11, 22)
IN_BIWAQ_VI_CALL = dt.date(2025, 9, 1)
NRW_TOWN = {
    "applicant_type": "municipality",
    "state": "NW",
    "in_disadvantaged_area": True,
    "goals": ("jobs_for_disadvantaged",),
    "budget_eur": Decimal(700000),
    "duration_months": 24,
}


def _results(lang: str = "en", today: dt.date = TODAY, **values: Any) -> dict[str, Result]:
    return {r.programme: r for r in match(Profile(**values), lang, today)}


def _profile(values: dict[str, Any]) -> Profile:
    values = dict(values)
    if "budget_eur" in values:
        values["budget_eur"] = Decimal(values["budget_eur"])
    for name in ("goals", "target_groups", "activities"):
        if name in values:
            values[name] = tuple(values[name])
    return Profile(**values)


# --- open vs closed ---------------------------------------------------------------------------------


def test_apply_now_only_while_the_call_is_open() -> None:
    during = _results(today=IN_BIWAQ_VI_CALL, **NRW_TOWN)["biwaq"].verdict
    after = _results(**NRW_TOWN)["biwaq"].verdict
    assert during["key"] == "apply_now" and during["can_apply_now"] and during["call_open"]
    assert "you can apply now" in during["headline"] and "15 October 2025" in during["headline"]
    assert after["key"] == "fits_no_open_call" and not after["can_apply_now"] and not after["call_open"]
    assert "no call is open now (last closed on 15 October 2025" in after["headline"]
    assert "can apply" not in after["text"]


def test_a_closed_round_is_never_presented_as_open_in_german_either() -> None:
    verdict = _results("de", **NRW_TOWN)["biwaq"].verdict
    assert verdict["headline"].startswith("BIWAQ passt nach Ihren Angaben; derzeit ist kein Aufruf offen")
    assert "zuletzt geschlossen am 15. Oktober 2025" in verdict["headline"]
    assert "bewerben" not in verdict["text"]
    assert verdict["text"].endswith(verdict["next_step"]) and "Nächster Schritt:" in verdict["text"]


@pytest.mark.parametrize("day", [dt.date(2022, 11, 20), dt.date(2024, 2, 1), dt.date(2025, 6, 1), TODAY])
@pytest.mark.parametrize(("case", "values", "expected"), CASES, ids=[c[0] for c in CASES])
def test_no_verdict_says_apply_now_without_an_open_call(
    day: dt.date, case: str, values: dict[str, Any], expected: dict[str, str]
) -> None:
    for result in match(_profile(values), "en", day):
        verdict = result.verdict
        if verdict["key"] == "apply_now":
            assert result.eligibility == "eligible" and result.availability["status"] == "open_call"
            assert verdict["open_call"] is not None
        else:
            assert "apply now" not in verdict["text"] and not verdict["can_apply_now"]
        assert verdict["text"], result.programme


def test_a_fitting_programme_without_any_known_call_says_so() -> None:
    verdict = _results(applicant_type="district_office", district="Mitte", goals=("local_economy",))[
        "wdm"
    ].verdict
    assert verdict["key"] == "fits_no_open_call"
    # Without any call dates in the catalogue we cannot say that no call is open, only that we know of none.
    assert "we know of no fixed call dates" in verdict["headline"]
    assert "no call is open" not in verdict["headline"]


def test_someone_pointed_to_join_a_closed_round_hears_that_no_call_is_open() -> None:
    profile = Profile(
        applicant_type="association", city="Köln", state="NW", in_disadvantaged_area=True,
        activities=("employment",), budget_eur=Decimal(350000), duration_months=24,
    )
    for lang, said in (("en", "No BIWAQ call is open now (last closed on 15 October 2025"),
                       ("de", "Für BIWAQ ist derzeit kein Aufruf offen (zuletzt geschlossen am 15. Oktober 2025")):
        steps = outcome_of(match(profile, lang, TODAY), profile, lang)["next_steps"]
        assert any(step["kind"] == "partner" and said in step["text"] for step in steps)


def test_an_ended_programme_says_it_ended_and_names_its_successor() -> None:
    verdict = _results(applicant_type="association", district="Mitte")["peb"].verdict
    assert verdict["key"] == "ended"
    assert verdict["headline"].startswith("PEB has ended")
    assert "Lokal-Sozial-Innovativ" in verdict["headline"]


# --- what is missing ----------------------------------------------------------------------------------


def test_a_group_without_legal_form_is_told_what_it_needs() -> None:
    for lang, needed in (("en", "a legal entity"), ("de", "juristische Person")):
        lsi = _results(
            lang, applicant_type="initiative", district="Pankow", goals=("jobs_for_disadvantaged",)
        )["lsi"]
        assert lsi.eligibility == "possible"
        assert any(needed in c and ("partner" in c.lower()) for c in lsi.conditions)
        assert needed in lsi.verdict["headline"]


def test_a_possible_result_names_the_open_answers() -> None:
    lsi = _results(applicant_type="association")["lsi"]
    assert lsi.verdict["key"] == "possible"
    assert (
        "still open: the state, what the project will do, the amount of funding and the Berlin district"
        in lsi.verdict["headline"]
    )
    assert [m["label"] for m in lsi.missing][:2] == ["the state", "what the project will do"]


def test_a_small_biwaq_grant_says_the_rest_comes_from_own_funds() -> None:
    biwaq = _results(**{**NRW_TOWN, "budget_eur": Decimal(100000)})["biwaq"]
    assert biwaq.eligibility == "possible"
    assert "eligible total expenditure of at least €300,000" in biwaq.conditions[0]


# --- purpose ------------------------------------------------------------------------------------------


def test_shop_fronts_are_not_recommended_for_lsi() -> None:
    values = {
        "applicant_type": "small_business",
        "district": "Spandau",
        "budget_eur": Decimal(120000),
        "project_description": "We're a GmbH in Spandau and want to renovate the shop fronts of our arcade.",
    }
    results = match(Profile(**values), "en", TODAY)
    lsi = next(r for r in results if r.programme == "lsi")
    assert lsi.eligibility == "not_eligible" and lsi.purpose["status"] == "outside"
    assert lsi.purpose["activities"] == ["building_works", "own_business"]
    reason = lsi.blockers[0]["text"]
    assert "LSI funds: The social integration" in reason and "building or renovation works" in reason
    assert "None of the programmes we know funds building or renovation works" in reason
    outcome = outcome_of(results, Profile(**values), "en")
    assert outcome["key"] == "nothing_fits"
    assert outcome["next_steps"] and all(step["text"] for step in outcome["next_steps"])


def test_an_unknown_purpose_is_asked_for() -> None:
    lsi = _results("de", applicant_type="association", district="Neukölln")["lsi"]
    assert lsi.eligibility == "possible" and lsi.purpose["status"] == "unknown"
    question = next(m for m in lsi.missing if m["key"] == "project_description")
    assert question["question"].startswith("Was soll Ihr Projekt genau tun")
    assert any(r.startswith("Es kommt darauf an, was das Projekt tun soll") for r in lsi.reasons)


def test_a_project_outside_one_purpose_is_pointed_to_what_might_fit() -> None:
    lsi = _results(applicant_type="district_office", district="Mitte", goals=("business_location",))["lsi"]
    assert lsi.purpose["might_fit"] == ["wdm"]
    assert "What might fit: WdM." in lsi.blockers[-1]["text"]


def test_part_of_a_project_outside_the_purpose_is_said_so() -> None:
    lsi = _results(
        applicant_type="association",
        district="Mitte",
        goals=("jobs_for_disadvantaged",),
        activities=("equipment",),
    )["lsi"]
    assert lsi.eligibility == "eligible" and lsi.purpose["status"] == "partly"
    assert any("Not part of its purpose: buying equipment" in r for r in lsi.reasons)


def test_a_project_mostly_outside_one_purpose_ranks_after_the_programme_it_fits() -> None:
    traders = {
        "applicant_type": "small_business",
        "district": "Friedrichshain-Kreuzberg",
        "activities": ("networking", "local_economy", "location_marketing"),
        "budget_eur": Decimal(60000),
        "duration_months": 24,
    }
    results = match(Profile(**traders), "en", TODAY)
    lsi = next(r for r in results if r.programme == "lsi")
    assert results[0].programme == "wdm" and lsi.eligibility == "possible"
    assert any("Not part of its purpose: location marketing" in c for c in lsi.conditions)


def test_no_programme_is_said_to_fund_nothing_of_what_runs_only_elsewhere() -> None:
    garden = {"applicant_type": "association", "city": "Hamburg", "state": "HH", "activities": ("social_integration",)}
    for lang, wrong, right in (
        ("en", "None of the programmes we know funds", "For projects in Hamburg, none of the programmes"),
        ("de", "Keines der Programme, die wir kennen, fördert", "Für Projekte in Hamburg fördert keines"),
    ):
        texts = [b["text"] for r in _results(lang, **garden).values() for b in r.blockers]
        assert not any(wrong in text for text in texts)
        assert any(right in text for text in texts)


def test_joining_someone_else_s_project_is_not_offered_for_a_project_outside_its_purpose() -> None:
    shop_fronts = {
        "applicant_type": "small_business",
        "district": "Spandau",
        "activities": ("building_works",),
        "budget_eur": Decimal(120000),
    }
    profile = Profile(**shop_fronts)
    for lang in ("de", "en"):
        results = match(profile, lang, TODAY)
        steps = outcome_of(results, profile, lang)["next_steps"]
        assert steps and all(step["kind"] != "partner" for step in steps)
        assert not any("BIWAQ" in step["text"] for step in steps)


# --- a next step in every outcome --------------------------------------------------------------------


@pytest.mark.parametrize(("case", "values", "expected"), CASES, ids=[c[0] for c in CASES])
def test_every_outcome_names_a_next_step(case: str, values: dict[str, Any], expected: dict[str, str]) -> None:
    profile = _profile(values)
    for lang in ("de", "en"):
        outcome = outcome_of(match(profile, lang, TODAY), profile, lang)
        assert outcome["next_steps"], case
        assert all(step["text"] for step in outcome["next_steps"]), case


def _steps(lang: str = "en", **values: Any) -> list[dict[str, Any]]:
    profile = Profile(**values)
    return outcome_of(match(profile, lang, TODAY), profile, lang)["next_steps"]


def test_an_association_in_gelsenkirchen_is_sent_to_its_city_and_the_state_advice() -> None:
    steps = _steps(
        applicant_type="association", city="Gelsenkirchen", state="NW", goals=("jobs_for_disadvantaged",)
    )
    kinds = [step["kind"] for step in steps]
    assert kinds == ["partner", "contact"]
    assert "office for urban renewal" in steps[0]["text"] and "BIWAQ project you can join" in steps[0]["text"]
    assert steps[0]["source"].startswith("https://www.biwaq.de/") and steps[0]["period"] == "2021–2027"
    assert steps[1]["name"].startswith("G.I.B.") and steps[1]["source"].startswith("https://")
    assert "Städtenetz" not in steps[1]["text"]  # its first consultation is for municipalities


@pytest.mark.parametrize("state", ["HH", "BY"])
def test_an_association_in_hamburg_or_munich_gets_the_biwaq_route(state: str) -> None:
    steps = _steps("de", applicant_type="association", state=state, goals=("jobs_for_disadvantaged",))
    assert [step["kind"] for step in steps] == ["partner"]
    assert "Amt für Stadterneuerung" in steps[0]["text"]


def test_a_berlin_applicant_whom_nothing_fits_is_sent_to_the_district_alliance_office() -> None:
    steps = _steps(applicant_type="small_business", district="Neukölln", activities=("building_works",))
    assert steps[0]["kind"] in ("district_office", "partner") and steps[0]["district"] == "Neukölln"
    assert steps[0]["source"].startswith("http")


def test_a_berlin_district_with_an_unknown_office_says_it_is_unknown() -> None:
    for district in ("Spandau", "Marzahn-Hellersdorf", "Charlottenburg-Wilmersdorf"):
        step = _results("de", applicant_type="association", district=district)["lsi"].next_step
        assert step["name"] == "Investitionsbank Berlin (IBB)"  # whom we know instead
        assert f"Eine Ansprechstelle des Bündnisses in {district} ist uns nicht bekannt" in step["text"]


def test_a_programme_out_of_region_is_not_sent_to_its_berlin_contacts() -> None:
    step = _results(applicant_type="association", state="NW")["lsi"].next_step
    assert step["kind"] == "none" and "only runs in Berlin" in step["text"]
    assert "IBB" not in step["text"]


# --- no wrong labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("applicant", APPLICANT_TYPES)
def test_every_reason_names_the_applicant_type_it_was_given(lang: str, applicant: str) -> None:
    results = match(
        Profile(applicant_type=applicant, district="Mitte", goals=("jobs_for_disadvantaged",)), lang, TODAY
    )
    subject = AS_APPLICANT[applicant][lang]
    others = [AS_APPLICANT[a][lang] for a in APPLICANT_TYPES if a != applicant]
    texts = [text for r in results for text in (*r.reasons, *r.conditions, r.verdict["text"])]
    assert any(subject in text for text in texts)
    assert not any(other + " " in text for text in texts for other in others)


def test_a_gGmbH_is_a_social_enterprise_never_a_small_business() -> None:
    for lang, wrong in (("en", "small business"), ("de", "kleines Unternehmen")):
        results = match(
            Profile(applicant_type="social_enterprise", state="BE", goals=("jobs_for_disadvantaged",)),
            lang,
            TODAY,
        )
        assert not any(wrong in reason for r in results for reason in r.reasons)


def test_english_subjects_read_as_english() -> None:
    assert AS_APPLICANT["other"]["en"] == "As an organisation of another kind"
    assert all(not value["en"].startswith("As a a") for value in AS_APPLICANT.values())


# --- amounts say what they are -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "label", "grant"),
    [
        ("en", "eligible total expenditure €300,000 to €1,200,000", "so at most €1,080,000"),
        ("de", "förderfähige Gesamtausgaben 300.000 € bis 1.200.000 €", "also höchstens 1.080.000 €"),
    ],
)
def test_biwaq_amounts_are_labelled_as_total_expenditure(lang: str, label: str, grant: str) -> None:
    biwaq = _results(lang, **NRW_TOWN)["biwaq"]
    text = " ".join(biwaq.reasons)
    assert label in text and grant in text
    too_much = _results(lang, **{**NRW_TOWN, "budget_eur": Decimal(1200000)})["biwaq"]
    assert "1.080.000 €" in too_much.blockers[0]["text"] or "€1,080,000" in too_much.blockers[0]["text"]


def test_every_verdict_key_is_a_documented_one() -> None:
    keys = {r.verdict["key"] for case in CASES for r in match(_profile(case[1]), "en", TODAY)}
    assert keys == set(VERDICTS) - {"apply_now"}  # nothing is open on the pinned date


def test_an_office_remark_about_one_programme_is_not_given_for_another() -> None:
    mitte = {"district": "Mitte", "in_disadvantaged_area": True, "activities": ("employment",),
             "duration_months": 12}
    biwaq = _results(applicant_type="district_office", budget_eur=Decimal(900000), **mitte)["biwaq"]
    lsi = _results(applicant_type="association", budget_eur=Decimal(15000), **mitte)["lsi"]
    assert "Mitte district office" in biwaq.next_step["text"]
    assert "LSI" not in biwaq.next_step["text"]
    assert "contact before applying for LSI" in lsi.next_step["text"]


def test_a_shop_takes_part_in_wdm_through_the_district_office_s_business_development_unit() -> None:
    for lang, words in (("de", "Wirtschaftsförderung des Bezirksamts"), ("en", "business development unit")):
        wdm = _results(lang, applicant_type="small_business", district="Pankow",
                       activities=("location_marketing",))["wdm"]
        assert wdm.eligibility != "not_eligible"
        assert wdm.next_step["kind"] == "partner" and words in wdm.next_step["text"]
        assert "Pankow" in wdm.next_step["text"]
    office = _results("de", applicant_type="district_office", district="Pankow",
                      activities=("location_marketing",))["wdm"]
    assert office.next_step["kind"] == "district_office"  # the district office applies itself


def test_a_programme_without_a_known_next_round_says_so() -> None:
    municipality = _results(applicant_type="municipality", state="NW", in_disadvantaged_area=True)["biwaq"]
    assert municipality.verdict["next_round_known"] is False
    assert _results(applicant_type="association", district="Neukölln")["lsi"].verdict["next_round_known"] is True
