"""Ranking: among programmes that do not fit, the order follows how far each is from fitting.

Hard blockers (the programme has ended, the region, the applicant type, the eligible area, the project's
purpose) weigh more than an exceeded limit; a limit exceeded by little weighs less than one exceeded by
much. The table fixes the order for typical applicants. Dates are pinned: 2026-11-22.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from programmes.matching import Profile, match

TODAY = dt.date(2026, 11, 22)
JOBS = ("jobs_for_disadvantaged",)
ENDED = ["aktiv_fuer_arbeit", "lsk", "peb"]


def _ranking(**values: Any) -> list[str]:
    if "budget_eur" in values:
        values["budget_eur"] = Decimal(values["budget_eur"])
    return [r.programme for r in match(Profile(**values), "en", TODAY)]


# (case, profile, the programmes in the order they must come; others may stand between them)
TABLE: list[tuple[str, dict[str, Any], list[str]]] = [
    (
        "NRW municipality in a Soziale-Stadt area, 700,000 EUR, 32 months: only BIWAQ's duration is off",
        {
            "applicant_type": "municipality",
            "state": "NW",
            "in_disadvantaged_area": True,
            "budget_eur": 700000,
            "duration_months": 32,
            "goals": JOBS,
        },
        ["biwaq", "lsi", *ENDED],
    ),
    (
        "the same without a stated purpose",
        {
            "applicant_type": "municipality",
            "state": "NW",
            "in_disadvantaged_area": True,
            "budget_eur": 700000,
            "duration_months": 32,
        },
        ["biwaq", "wdm"],
    ),
    (
        "Berlin association asking 400,000 EUR: LSI is only over its limit",
        {"applicant_type": "association", "district": "Wedding", "budget_eur": 400000, "goals": JOBS},
        ["lsi", "biwaq", *ENDED],
    ),
    (
        "association in Hamburg: BIWAQ runs there (a partner route), LSI does not",
        {"applicant_type": "association", "state": "HH", "goals": JOBS},
        ["biwaq", "lsi", *ENDED],
    ),
    (
        "Berlin company renovating shop fronts: LSI is only off in purpose",
        {
            "applicant_type": "small_business",
            "district": "Spandau",
            "budget_eur": 120000,
            "project_description": "renovate the shop fronts of our shopping arcade",
        },
        ["lsi", "wdm"],
    ),
    (
        "district office, 37 months of location marketing: WdM is only too long",
        {
            "applicant_type": "district_office",
            "district": "Pankow",
            "duration_months": 37,
            "goals": ("business_location",),
        },
        ["wdm", "lsi"],
    ),
    (
        "association in Munich, nothing known about the project: ended programmes come last",
        {"applicant_type": "association", "city": "München", "state": "BY"},
        ["biwaq", "lsi", "wdm", *ENDED],
    ),
]


@pytest.mark.parametrize(("case", "profile", "order"), TABLE, ids=[row[0] for row in TABLE])
def test_programmes_that_do_not_fit_are_ranked_by_how_far_they_are(
    case: str, profile: dict[str, Any], order: list[str]
) -> None:
    ranking = _ranking(**profile)
    assert [p for p in ranking if p in order] == order


def test_the_nrw_municipality_is_shown_biwaq_first_with_its_one_blocker() -> None:
    results = match(
        Profile(
            applicant_type="municipality",
            state="NW",
            in_disadvantaged_area=True,
            budget_eur=Decimal(700000),
            duration_months=32,
            goals=JOBS,
        ),
        "en",
        TODAY,
    )
    biwaq, lsi = results[0], next(r for r in results if r.programme == "lsi")
    assert biwaq.programme == "biwaq"
    assert [b["key"] for b in biwaq.blockers] == ["duration"]
    assert {b["key"] for b in lsi.blockers} == {"region", "budget"}
    assert biwaq.distance < lsi.distance


def test_hard_blockers_weigh_more_than_any_exceeded_limit() -> None:
    far_over_limit = match(
        Profile(applicant_type="association", district="Mitte", goals=JOBS, budget_eur=Decimal(50_000_000)),
        "en",
        TODAY,
    )
    lsi = next(r for r in far_over_limit if r.programme == "lsi")
    assert [b["hard"] for b in lsi.blockers] == [False]
    hardest_limit = lsi.distance
    wrong_region = match(Profile(applicant_type="association", state="HH", goals=JOBS), "en", TODAY)
    assert next(r for r in wrong_region if r.programme == "lsi").distance > hardest_limit


def test_a_limit_exceeded_by_little_weighs_less_than_one_exceeded_by_much() -> None:
    def lsi_distance(amount: int) -> int:
        results = match(
            Profile(applicant_type="association", district="Mitte", goals=JOBS, budget_eur=Decimal(amount)),
            "en",
            TODAY,
        )
        return next(r for r in results if r.programme == "lsi").distance

    assert 0 < lsi_distance(310_000) < lsi_distance(900_000)


def test_eligible_and_possible_results_come_before_those_that_do_not_fit() -> None:
    results = match(Profile(applicant_type="initiative", district="Pankow", goals=JOBS), "en", TODAY)
    order = {"eligible": 0, "possible": 1, "not_eligible": 2}
    keys = [(order[r.eligibility], r.distance) for r in results]
    assert keys == sorted(keys)
    assert results[0].programme == "lsi" and results[0].eligibility == "possible"
