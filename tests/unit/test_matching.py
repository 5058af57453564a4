"""Table-driven tests of the matching rules, including their edges. Dates are pinned: 2026-11-22."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from programmes.catalogue import default_catalogue
from programmes.matching import Profile, availability_of, match

TODAY = dt.date(2026, 11, 22)
E, P, N = "eligible", "possible", "not_eligible"


def _profile(**values: Any) -> Profile:
    if "budget_eur" in values:
        values["budget_eur"] = Decimal(values["budget_eur"])
    for name in ("goals", "target_groups"):
        if name in values:
            values[name] = tuple(values[name])
    return Profile(**values)


def _results(profile: Profile, lang: str = "en") -> dict[str, Any]:
    return {r.programme: r for r in match(profile, lang, TODAY)}


JOBS = {"goals": ["jobs_for_disadvantaged"]}  # the project gets people into work
BERLIN_ASSOC = {"applicant_type": "association", "district": "Neukölln", **JOBS}
NRW_TOWN = {"applicant_type": "municipality", "state": "NW", "in_disadvantaged_area": True, **JOBS}
DISTRICT = {"applicant_type": "district_office", "state": "BE"}
LOCAL_ECONOMY = {"goals": ["local_economy"]}

# (case, profile, expected eligibility per programme; programmes not named are not checked)
CASES: list[tuple[str, dict[str, Any], dict[str, str]]] = [
    ("association in Neukölln", BERLIN_ASSOC, {"lsi": E, "wdm": N, "biwaq": N, "lsk": N, "peb": N}),
    ("small business in Kreuzberg", {"applicant_type": "small_business", "district": "Kreuzberg", **JOBS},
     {"lsi": E}),
    ("startup in Mitte", {"applicant_type": "startup", "district": "Mitte", **JOBS}, {"lsi": E, "wdm": N}),
    ("social enterprise, state BE", {"applicant_type": "social_enterprise", "state": "BE", **JOBS}, {"lsi": E}),
    ("training provider, city Berlin", {"applicant_type": "training_provider", "city": "Berlin",
                                        "activities": ["qualification"]}, {"lsi": E}),
    ("informal initiative in Berlin", {"applicant_type": "initiative", "state": "BE", **JOBS}, {"lsi": P}),
    ("other organisation in Berlin", {"applicant_type": "other", "state": "BE", **JOBS}, {"lsi": P}),
    ("district office in Berlin", {"applicant_type": "district_office", "district": "Spandau", **LOCAL_ECONOMY},
     {"wdm": E, "lsi": N}),
    ("Berlin district in a QM area", {"applicant_type": "district_office", "district": "Mitte",
                                      "in_disadvantaged_area": True, "goals": ["jobs_for_disadvantaged",
                                                                               "local_economy"]},
     {"biwaq": E, "wdm": E}),
    ("Berlin district, area unknown", {**DISTRICT, **JOBS}, {"biwaq": P}),
    ("Berlin district, not in an area", {**DISTRICT, **JOBS, "in_disadvantaged_area": False}, {"biwaq": N}),
    ("municipality in NRW in area", NRW_TOWN, {"biwaq": E, "aktiv_fuer_arbeit": N, "lsi": N}),
    ("municipality in Bavaria, area unknown", {"applicant_type": "municipality", "state": "BY", **JOBS},
     {"biwaq": P, "lsi": N, "wdm": N}),
    ("municipality, area no", {"applicant_type": "municipality", "state": "SN", "in_disadvantaged_area": False},
     {"biwaq": N}),
    ("association in NRW", {"applicant_type": "association", "state": "NW"},
     {"lsi": N, "wdm": N, "biwaq": N, "aktiv_fuer_arbeit": N}),
    ("association in Hamburg", {"applicant_type": "association", "state": "HH"}, {"lsi": N}),
    ("association, state unknown", {"applicant_type": "association", **JOBS}, {"lsi": P, "wdm": N}),
    ("nothing known", {}, {"lsi": P, "wdm": P, "biwaq": P, "lsk": N, "peb": N, "aktiv_fuer_arbeit": N}),
    ("purpose unknown", {"applicant_type": "association", "district": "Neukölln"}, {"lsi": P}),
    ("description says what it does", {"applicant_type": "association", "district": "Neukölln",
                                        "project_description": "Sprachkurse und Bewerbungstraining für Geflüchtete"},
     {"lsi": E}),
    ("company renovating shop fronts", {"applicant_type": "small_business", "district": "Spandau",
                                        "budget_eur": 120000, "project_description": "We want to renovate the "
                                        "shop fronts of our shopping arcade."}, {"lsi": N, "wdm": N, "biwaq": N}),
    ("equipment alone", {**BERLIN_ASSOC, "goals": [], "activities": ["equipment"]}, {"lsi": N}),
    ("equipment for a job project", {**BERLIN_ASSOC, "activities": ["equipment"]}, {"lsi": E}),
    ("location marketing is WdM's, not LSI's", {"applicant_type": "district_office", "district": "Mitte",
                                                "goals": ["business_location"]}, {"wdm": E, "lsi": N}),
    ("WdM does not get people into work", {**DISTRICT, **JOBS}, {"wdm": N}),
    ("budget exactly 20000", {**BERLIN_ASSOC, "budget_eur": 20000}, {"lsi": E}),
    ("budget 20001", {**BERLIN_ASSOC, "budget_eur": 20001}, {"lsi": E}),
    ("budget exactly 50000", {**BERLIN_ASSOC, "budget_eur": 50000}, {"lsi": E}),
    ("budget exactly 300000", {**BERLIN_ASSOC, "budget_eur": 300000}, {"lsi": E}),
    ("budget 300001", {**BERLIN_ASSOC, "budget_eur": 300001}, {"lsi": N}),
    ("budget zero", {**BERLIN_ASSOC, "budget_eur": 0}, {"lsi": E}),
    ("duration 12 with small budget", {**BERLIN_ASSOC, "budget_eur": 15000, "duration_months": 12}, {"lsi": E}),
    ("duration 24", {**BERLIN_ASSOC, "duration_months": 24}, {"lsi": E}),
    ("duration 25", {**BERLIN_ASSOC, "duration_months": 25}, {"lsi": N}),
    ("budget 40000 for 12 months", {**BERLIN_ASSOC, "budget_eur": 40000, "duration_months": 12}, {"lsi": E}),
    ("budget 400000 for 12 months", {**BERLIN_ASSOC, "budget_eur": 400000, "duration_months": 12}, {"lsi": N}),
    # BIWAQ VI limits the eligible total (€300,000–€1,200,000) and pays up to 90 % of it as the grant.
    ("BIWAQ grant at the usual minimum", {**NRW_TOWN, "budget_eur": 270000}, {"biwaq": E}),
    ("BIWAQ grant needing more own funds", {**NRW_TOWN, "budget_eur": 200000}, {"biwaq": P}),
    ("BIWAQ grant at the largest possible", {**NRW_TOWN, "budget_eur": 1080000}, {"biwaq": E}),
    ("BIWAQ grant above the largest possible", {**NRW_TOWN, "budget_eur": 1080001}, {"biwaq": N}),
    ("BIWAQ grant equal to the total limit", {**NRW_TOWN, "budget_eur": 1200000}, {"biwaq": N}),
    ("WdM budget at the limit", {**DISTRICT, **LOCAL_ECONOMY, "budget_eur": 300000}, {"wdm": E}),
    ("WdM budget over the limit", {**DISTRICT, **LOCAL_ECONOMY, "budget_eur": 300001}, {"wdm": N}),
    ("WdM for 36 months", {**DISTRICT, **LOCAL_ECONOMY, "duration_months": 36}, {"wdm": E}),
    ("WdM for 37 months", {**DISTRICT, **LOCAL_ECONOMY, "duration_months": 37}, {"wdm": N}),
    ("unknown Ortsteil spelled loosely", {"applicant_type": "association", "district": "prenzlauer berg", **JOBS},
     {"lsi": E}),
    ("closed LSK always not eligible", {**BERLIN_ASSOC, "district": "Mitte", "budget_eur": 5000},
     {"lsk": N, "lsi": E}),
    ("closed PEB for model project", {"applicant_type": "social_enterprise", "state": "BE", **JOBS,
                                      "budget_eur": 250000, "duration_months": 24}, {"peb": N, "lsi": E}),
    ("NRW municipality and the ended programme", {"applicant_type": "municipality", "state": "NW"},
     {"aktiv_fuer_arbeit": N}),
    ("goals only", {"goals": ["local_economy"]}, {"lsi": N, "wdm": P}),
    ("target groups only", {"target_groups": ["youth"]}, {"lsi": P}),
    ("startup outside Berlin", {"applicant_type": "startup", "state": "BW", "budget_eur": 10000}, {"lsi": N}),
]


@pytest.mark.parametrize(("case", "values", "expected"), CASES, ids=[c[0] for c in CASES])
def test_eligibility(case: str, values: dict[str, Any], expected: dict[str, str]) -> None:
    results = _results(_profile(**values))
    assert {pid: results[pid].eligibility for pid in expected} == expected


def test_there_are_at_least_fifty_profiles() -> None:
    assert len(CASES) >= 50


def test_results_are_ranked_best_first() -> None:
    ranked = match(_profile(**BERLIN_ASSOC), "en", TODAY)
    assert ranked[0].programme == "lsi"
    order = {"eligible": 0, "possible": 1, "not_eligible": 2}
    keys = [(order[r.eligibility], r.distance) for r in ranked]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("budget", "variants"),
    [(20000, ["A", "B", "C"]), (20001, ["B", "C"]), (50000, ["B", "C"]), (50001, ["C"]), (300000, ["C"])],
)
def test_lsi_type_follows_the_budget_limits(budget: int, variants: list[str]) -> None:
    assert _results(_profile(**BERLIN_ASSOC, budget_eur=budget))["lsi"].fitting_variants == variants


def test_lsi_type_follows_the_duration() -> None:
    result = _results(_profile(**BERLIN_ASSOC, budget_eur=15000, duration_months=12))["lsi"]
    assert result.fitting_variants == ["A", "C"]  # type B runs at most 6 months


def test_missing_answers_are_the_ones_that_change_the_result() -> None:
    results = _results(_profile())
    assert [m["key"] for m in results["lsi"].missing] == [
        "state", "applicant_type", "project_description", "budget_eur", "district"
    ]
    assert "in_disadvantaged_area" in [m["key"] for m in results["biwaq"].missing]
    assert results["lsk"].missing == []  # closed: no answer changes that


def test_nothing_is_missing_once_a_known_fact_rules_a_programme_out() -> None:
    results = _results(_profile(applicant_type="association", state="BE"))
    assert results["biwaq"].eligibility == "not_eligible"
    assert results["biwaq"].missing == []


def test_reasons_and_questions_are_in_the_requested_language() -> None:
    german = _results(_profile(**BERLIN_ASSOC, budget_eur=15000), "de")["lsi"]
    english = _results(_profile(**BERLIN_ASSOC, budget_eur=15000), "en")["lsi"]
    assert any("15.000 €" in reason for reason in german.reasons)
    assert any("€15,000" in reason for reason in english.reasons)
    assert "Verein" in " ".join(german.reasons)
    assert "association" in " ".join(english.reasons)


def test_budget_over_the_limit_says_the_limit() -> None:
    result = _results(_profile(**BERLIN_ASSOC, budget_eur=300001))["lsi"]
    assert any("€300,000" in reason for reason in result.reasons)


def test_closed_programmes_point_to_their_successor() -> None:
    results = _results(_profile(**BERLIN_ASSOC))
    assert results["lsk"].successor == "lsi"
    assert results["lsk"].availability["status"] == "closed"
    assert results["lsk"].next_step == {
        "kind": "successor",
        "programme": "lsi",
        "text": "Look at Lokal-Sozial-Innovativ (LSI, local social innovation) instead.",
    }


def test_a_berlin_applicant_is_sent_to_the_office_of_their_district() -> None:
    step = _results(_profile(applicant_type="association", district="Reinickendorf"))["lsi"].next_step
    assert step["kind"] == "district_office"
    assert step["district"] == "Reinickendorf"
    assert step["email"] == "Europa@reinickendorf.berlin.de"
    assert step["period"] == "2023"


def test_a_district_whose_office_we_do_not_know_is_said_so() -> None:
    step = _results(_profile(applicant_type="association", district="Spandau"), "en")["lsi"].next_step
    assert "We do not know the alliance's office in Spandau" in step["text"]
    # whom we do know instead: the body that runs the programme, with its address
    assert step["name"] == "Investitionsbank Berlin (IBB)" and "IBB runs LSI" in step["text"]
    assert step["url"].startswith("https://www.ibb.de/")
    closed = _results(_profile(applicant_type="association", district="Charlottenburg-Wilmersdorf"), "en")
    assert "We do not know the alliance's office in Charlottenburg-Wilmersdorf" in closed["lsi"].next_step["text"]


def test_a_berlin_applicant_without_district_is_asked_for_it() -> None:
    result = _results(_profile(applicant_type="association", state="BE"))["lsi"]
    assert result.next_step["kind"] == "district_office" and result.next_step["district"] is None
    assert "district" in [m["key"] for m in result.missing]


def test_nrw_municipalities_are_sent_to_gib_and_the_staedtenetz() -> None:
    step = _results(_profile(applicant_type="municipality", state="NW"))["aktiv_fuer_arbeit"].next_step
    assert step["kind"] == "contact" and step["name"].startswith("G.I.B.")
    assert [c["name"].split(" – ")[0] for c in step["contacts"]] == ["G.I.B.", "Städtenetz Soziale Stadt NRW"]
    assert "Städtenetz Soziale Stadt NRW" in step["text"]
    assert all(c["url"].startswith("https://") for c in step["contacts"])


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (dt.date(2025, 8, 1), "open_call"),  # BIWAQ VI window opens
        (dt.date(2025, 10, 15), "open_call"),  # last day
        (dt.date(2025, 10, 16), "no_open_call"),
        (dt.date(2025, 7, 31), "no_open_call"),
    ],
)
def test_availability_is_computed_against_the_given_date(day: dt.date, status: str) -> None:
    biwaq = default_catalogue().programmes["biwaq"]
    assert availability_of(biwaq, "en", day)["status"] == status


def test_availability_names_the_next_known_call_before_it_opens() -> None:
    biwaq = default_catalogue().programmes["biwaq"]
    availability = availability_of(biwaq, "en", dt.date(2025, 6, 1))
    assert availability["next_call"]["opens"] == "2025-08-01"
    assert "Next known call" in availability["text"]


def test_availability_today_says_there_is_no_open_call_and_when_the_last_was() -> None:
    lsi = default_catalogue().programmes["lsi"]
    availability = availability_of(lsi, "de", TODAY)
    assert availability["status"] == "no_open_call"
    assert availability["last_call"]["closes"] == "2025-09-30"
    assert availability["as_of"] == "2026-11-22"
    assert availability["source"].startswith("https://")


@pytest.mark.parametrize(
    ("profile", "explained"),
    [
        ({"applicant_type": "small_business", "district": "Moabit"}, True),
        ({"applicant_type": "association"}, True),
        ({"applicant_type": "municipality", "state": "NW"}, False),
        ({"applicant_type": "association", "state": "BY"}, False),
    ],
)
def test_taking_part_as_a_partner_is_explained_only_where_wdm_runs(profile: dict[str, Any], explained: bool) -> None:
    reasons = " ".join(_results(_profile(**profile))["wdm"].reasons)
    assert ("partners of their district" in reasons) is explained


def test_each_project_type_keeps_its_own_last_call() -> None:
    lsi = default_catalogue().programmes["lsi"]
    by_type = availability_of(lsi, "de", TODAY)["last_by_variant"]
    # The last call overall was for model projects (C); development projects (B) closed earlier.
    assert by_type["B"]["closes"] == "2025-07-31"
    assert "Typ B" in by_type["B"]["text"] and "31. Juli 2025" in by_type["B"]["text"]
    assert by_type["C"]["closes"] == "2025-09-30"


def test_an_ended_programme_has_no_last_call_per_type() -> None:
    peb = default_catalogue().programmes["peb"]
    assert availability_of(peb, "en", TODAY)["last_by_variant"] == {}
