"""Periods and "as of" dates in the language of the answer: a German answer never shows "1 Jul 2026"."""

from __future__ import annotations

import datetime as dt

import pytest

from programmes import formatting
from programmes.catalogue import Localised, Period, default_catalogue
from programmes.facts import programme_facts

TODAY = dt.date(2026, 11, 22)
DASH = " – "  # two dates in words, as every date of the chat and the pages
BIWAQ_VI = Localised("BIWAQ VI", "BIWAQ VI")


@pytest.mark.parametrize(
    ("period", "german", "english"),
    [
        (Period(2021, 2027), "2021–2027", "2021–2027"),
        (Period(2016, 2016), "2016", "2016"),
        (Period(2019, None), "seit 2019", "since 2019"),
        (Period(None, 2021), "bis 2021", "until 2021"),
        (
            Period(dt.date(2026, 7, 1), dt.date(2028, 9, 30), BIWAQ_VI),
            f"BIWAQ VI, 1. Juli 2026{DASH}30. September 2028",
            f"BIWAQ VI, 1 July 2026{DASH}30 September 2028",
        ),
        (Period(2003, dt.date(2021, 5, 28)), "2003 – 28. Mai 2021", "2003 – 28 May 2021"),
        (Period(dt.date(2025, 11, 1), None), "ab 1. November 2025", "from 1 November 2025"),
        (Period(undated=True), "ohne Datum", "undated"),
    ],
)
def test_periods_are_written_for_each_language(period: Period, german: str, english: str) -> None:
    assert formatting.fact_period(period, "de") == german
    assert formatting.fact_period(period, "en") == english


def _facts(programme_id: str, lang: str) -> dict[str, dict[str, object]]:
    catalogue = default_catalogue()
    facts = programme_facts(catalogue.programmes[programme_id], catalogue, lang, TODAY)
    return {str(f["key"]): f for f in facts}


def test_biwaq_amounts_read_as_total_expenditure_in_both_languages() -> None:
    german, english = _facts("biwaq", "de")["amount"], _facts("biwaq", "en")["amount"]
    assert "förderfähige Gesamtausgaben 300.000 € bis 1.200.000 €" in str(german["value"])
    assert "Zuschuss bis 90 %, also höchstens 1.080.000 €" in str(german["value"])
    assert "eligible total expenditure €300,000 to €1,200,000" in str(english["value"])
    assert german["period"] == f"BIWAQ VI, 1. Juli 2026{DASH}30. September 2028"
    assert english["period"] == f"BIWAQ VI, 1 July 2026{DASH}30 September 2028"
    assert german["period_data"] == {
        "name": "BIWAQ VI",
        "start": "2026-07-01",
        "end": "2028-09-30",
        "undated": False,
    }
    assert "BIWAQ V, 2023–2026: förderfähige Gesamtausgaben 300.000 € bis 2.000.000 €" in str(german["value"])


def test_lsi_rounds_read_correctly_in_both_languages() -> None:
    german = str(_facts("lsi", "de")["deadline"]["value"])
    english = str(_facts("lsi", "en")["deadline"]["value"])
    assert "Stand 22. November 2026: kein offener Aufruf bekannt" in german
    assert "As of 22 November 2026: no open call known" in english
    assert "gefunden haben wir die Runden 2022 und 2023/24" in german
    how = _facts("lsi", "de")["how_to_apply"]
    assert "zwingend" in str(how["value"]) and len(how["sources"]) == 2  # type B: contact the office first


def test_the_second_micro_project_round_and_the_second_type_b_opening_are_in_the_catalogue() -> None:
    calls = default_catalogue().programmes["lsi"].calls
    windows = {(c.variant, c.opens, c.closes) for c in calls}
    assert ("A", dt.date(2023, 11, 13), dt.date(2023, 12, 11)) in windows
    assert ("A", dt.date(2024, 1, 15), dt.date(2024, 2, 16)) in windows
    assert ("B", dt.date(2025, 5, 5), dt.date(2025, 7, 31)) in windows
    ibb_round = next(c for c in calls if c.opens == dt.date(2024, 1, 15))
    assert ibb_round.project_period == Period(dt.date(2024, 8, 1), None)


def test_wdm_rates_say_what_is_known_and_what_is_not() -> None:
    for lang, unknown, earlier in (
        ("de", "wissen wir nicht", "Ohne Datum: ältere Angabe – höchstens 250.000 € aus dem EFRE"),
        ("en", "We do not know", "Undated: older figure – at most €250,000 from the ERDF"),
    ):
        facts = _facts("wdm", lang)
        rate = str(facts["funding_rate"]["value"])
        assert unknown in rate and "40" not in rate
        assert earlier in str(facts["amount"]["value"])
        assert "300.000 €" in str(facts["amount"]["value"]) or "€300,000" in str(facts["amount"]["value"])
        assert facts["region"]["period"] == ("ohne Datum" if lang == "de" else "undated")
        how = str(facts["how_to_apply"]["value"])
        assert ("nicht bestätigt" in how) if lang == "de" else ("unconfirmed" in how)


@pytest.mark.parametrize("programme_id", ["lsi", "lsk", "peb", "wdm", "biwaq", "aktiv_fuer_arbeit"])
def test_no_german_fact_shows_an_english_date(programme_id: str) -> None:
    months = (
        "Jan ",
        "Feb ",
        "Mar ",
        "Apr ",
        "May ",
        "Jun ",
        "Jul ",
        "Aug ",
        "Sep ",
        "Sept ",
        "Oct ",
        "Nov ",
        "Dec ",
        "round",
        "undated",
        "since ",
    )
    for fact in _facts(programme_id, "de").values():
        texts = [str(fact["value"] or ""), str(fact["period"] or "")]
        texts += [str(source["period"] or "") for source in fact["sources"]]  # type: ignore[attr-defined]
        for text in texts:
            assert not any(f" {m}" in f" {text}" for m in months), (programme_id, fact["key"], text)
