"""The catalogue loads, every fact is sourced and dated, and a broken file is named with its field."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from programmes.catalogue import CATALOGUE_DIR, CatalogueError, Period, load_catalogue
from programmes.districts import name_key, normalise_district, official_names
from programmes.vocabulary import AMOUNT_BASES

EXPECTED_IDS = {"lsi", "lsk", "peb", "wdm", "biwaq", "aktiv_fuer_arbeit"}


def test_the_six_programmes_load() -> None:
    catalogue = load_catalogue()
    assert set(catalogue.programmes) == EXPECTED_IDS
    assert len(catalogue.districts) == 12


def test_closed_programmes_name_their_status_and_successor() -> None:
    programmes = load_catalogue().programmes
    assert programmes["lsk"].is_closed and programmes["lsk"].successor == "lsi"
    assert programmes["peb"].is_closed and programmes["peb"].successor == "lsi"
    assert programmes["aktiv_fuer_arbeit"].is_closed
    assert not programmes["lsi"].is_closed and not programmes["biwaq"].is_closed


def test_lsi_limits_per_type_come_from_the_catalogue() -> None:
    variants = {v.id: v for v in load_catalogue().programmes["lsi"].variants}
    assert (variants["A"].max_eur, variants["B"].max_eur, variants["C"].max_eur) == (20000, 50000, 300000)
    assert (variants["A"].min_months, variants["A"].max_months) == (6, 12)


# The whole catalogue, checked the same way for every programme, contact and district office.

def _first_day(value: dt.date | int) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date(value, 1, 1)


def _last_day(value: dt.date | int) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date(value, 12, 31)


def _ordered(period: Period | None) -> bool:
    return period is None or period.start is None or period.end is None or (
        _first_day(period.start) <= _last_day(period.end)
    )


def _is_period(value: object) -> bool:
    return isinstance(value, Period) and (value.undated or value.start is not None or value.end is not None)


def test_every_fact_has_a_source_and_a_period() -> None:
    catalogue = load_catalogue()
    missing = []
    for programme in catalogue.programmes.values():
        for name, fact in programme.facts():
            if fact.known and not (fact.source and fact.source.startswith("http") and _is_period(fact.period)):
                missing.append(f"{programme.id}.{name}")
        for index, variant in enumerate(programme.variants):
            if not (variant.source.startswith("http") and _is_period(variant.period)):
                missing.append(f"{programme.id}.variants[{index}]")
        for index, call in enumerate(programme.calls):
            if not (call.source.startswith("http") and _is_period(call.period)):
                missing.append(f"{programme.id}.calls[{index}]")
    offices = [d.office for d in catalogue.districts]
    for contact in [*catalogue.contacts.values(), *offices]:
        if contact.text and not (contact.source and _is_period(contact.period)):
            missing.append(contact.id)
    assert missing == []


def test_unknown_facts_stay_unknown_and_are_counted() -> None:
    catalogue = load_catalogue()
    unknown = sorted(
        f"{p.id}.{name}" for p in catalogue.programmes.values() for name, fact in p.facts() if not fact.known
    )
    assert unknown == ["aktiv_fuer_arbeit.funding_rate", "wdm.target_groups"]
    unknown_offices = sorted(d.name for d in catalogue.districts if d.office.text is None)
    assert unknown_offices == ["Charlottenburg-Wilmersdorf", "Marzahn-Hellersdorf", "Spandau"]


def test_no_alias_names_two_programmes() -> None:
    owners: dict[str, set[str]] = {}
    for programme in load_catalogue().programmes.values():
        for alias in (programme.short_name, *programme.aliases):
            owners.setdefault(name_key(alias), set()).add(programme.id)
    assert {alias: ids for alias, ids in owners.items() if len(ids) > 1} == {}
    # LSK funded micro-projects too: the word is no name of LSI.
    assert "Mikroprojekte" not in load_catalogue().programmes["lsi"].aliases


def test_call_dates_and_periods_are_ordered() -> None:
    for programme in load_catalogue().programmes.values():
        for call in programme.calls:
            assert call.opens is None or call.closes is None or call.opens <= call.closes, programme.id
            assert _ordered(call.period) and _ordered(call.project_period), programme.id
            if call.project_period and call.project_period.start and call.closes:
                assert call.closes <= _first_day(call.project_period.start), programme.id
        for _, fact in programme.facts():
            assert _ordered(fact.period), programme.id


def test_every_amount_says_whether_it_is_the_grant_or_the_total_cost() -> None:
    for programme in load_catalogue().programmes.values():
        for variant in programme.variants:
            if variant.max_eur is not None or variant.min_eur is not None:
                assert variant.amount_basis in AMOUNT_BASES, programme.id


def test_biwaq_vi_amounts_are_eligible_total_expenditure_with_a_grant_of_up_to_90_percent() -> None:
    (variant,) = load_catalogue().programmes["biwaq"].variants
    assert (variant.amount_basis, variant.min_eur, variant.max_eur) == ("total_cost", 300000, 1200000)
    assert variant.max_grant_eur == 1080000 and variant.min_grant_eur is None


# "1 Jul 2026" in a German text, "1. Juli 2026" in an English one: dates belong in dates, not in text.
_ENGLISH_DATE = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{4}")
_GERMAN_DATE = re.compile(r"\b\d{1,2}\. ?(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}|\d{1,2}\.\d{1,2}\.\d{4}")


def test_texts_carry_no_date_written_for_the_other_language() -> None:
    wrong = []
    for programme in load_catalogue().programmes.values():
        texts = [("label", c.label) for c in programme.calls] + [
            (name, fact.text) for name, fact in programme.facts() if fact.text
        ]
        for name, text in texts:
            if _ENGLISH_DATE.search(text.de) or _GERMAN_DATE.search(text.en):
                wrong.append(f"{programme.id}.{name}")
    assert wrong == []


def test_a_period_written_as_text_is_refused(tmp_path: Path) -> None:
    directory = _broken_copy(tmp_path, "lsi.yml", "period: {from: 2021, to: 2027}", 'period: "2021–2027"')
    with pytest.raises(CatalogueError, match=r"region\.period.*no text"):
        load_catalogue(directory)


def test_an_amount_without_its_basis_is_refused(tmp_path: Path) -> None:
    directory = _broken_copy(tmp_path, "wdm.yml", "    amount_basis: grant\n", "")
    with pytest.raises(CatalogueError, match=r"variants\[0\]\.amount_basis"):
        load_catalogue(directory)


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    directory = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, directory)
    path = directory / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return directory


@pytest.mark.parametrize(
    ("file", "old", "new", "field"),
    [
        ("lsi.yml", "max_eur: 20000", "max_eur: twenty", "variants[0].max_eur"),
        ("lsi.yml", "lifecycle: current", "lifecycle: maybe", "lifecycle"),
        ("lsi.yml", "eligible: [small_business,", "eligible: [bakery,", "applicants.eligible"),
        ("lsk.yml", "successor: lsi", "successor: nothing", "successor"),
        ("biwaq.yml", "opens: 2025-08-01", "opens: 2026-08-01", "calls[1]"),
        ("lsi.yml", "period: {from: 2021, to: 2027}", "period: {from: 2027, to: 2021}", "region.period.to"),
        ("lsi.yml", "excludes: [building_works,", "excludes: [bulldozers,", "purpose.excludes"),
        ("wdm.yml", "contacts: [district_office, senweb_wdm]", "contacts: [district_office, nobody]", "contacts"),
        ("wdm.yml", "aliases: [WdM,", "aliases: [BIWAQ, WdM,", "aliases"),
    ],
)
def test_a_broken_fact_names_the_file_and_field(tmp_path: Path, file: str, old: str, new: str, field: str) -> None:
    directory = _broken_copy(tmp_path, file, old, new)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(directory)
    assert raised.value.file == file
    assert raised.value.field == field


# Words people use in any sentence about funding: as an alias they would make the bot see a programme
# in every message (an unquoted "Bildung, Wirtschaft, Arbeit im Quartier" once split into such words).
EVERYDAY_WORDS = {
    "bildung", "wirtschaft", "arbeit", "quartier", "stadtteil", "kiez", "förderung", "projekt", "projekte",
    "netzwerk", "kapital", "innovation", "beschäftigung", "partnerschaft", "entwicklung", "integration",
    "education", "economy", "work", "funding", "project", "neighbourhood",
}


def test_aliases_name_the_programme_and_are_no_everyday_words() -> None:
    for programme in load_catalogue().programmes.values():
        assert programme.short_name in programme.aliases, programme.id
        ordinary = [a for a in programme.aliases if a.casefold() in EVERYDAY_WORDS]
        assert ordinary == [], programme.id
    biwaq = load_catalogue().programmes["biwaq"]
    assert "Bildung, Wirtschaft, Arbeit im Quartier" in biwaq.aliases


def test_a_fact_without_source_is_rejected(tmp_path: Path) -> None:
    directory = _broken_copy(
        tmp_path, "wdm.yml", "  source: https://foerderdatenbank.de/FDB/Content/DE/Foerderprogramm/Land/Berlin/"
        "wirtschaftsdienliche-massnahmen.html\n  period: {undated: true}\nfund:",
        "  source: null\n  period: {undated: true}\nfund:",
    )
    with pytest.raises(CatalogueError, match=r"funder\.source"):
        load_catalogue(directory)


def test_a_fact_without_period_is_rejected(tmp_path: Path) -> None:
    directory = _broken_copy(
        tmp_path, "wdm.yml", "wirtschaftsdienliche-massnahmen.html\n  period: {undated: true}\nfund:",
        "wirtschaftsdienliche-massnahmen.html\n  period: null\nfund:",
    )
    with pytest.raises(CatalogueError, match=r"funder\.period"):
        load_catalogue(directory)


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("Kreuzberg", "Friedrichshain-Kreuzberg"),
        ("friedrichshain", "Friedrichshain-Kreuzberg"),
        ("Neukoelln", "Neukölln"),
        ("NEUKÖLLN", "Neukölln"),
        ("Wedding", "Mitte"),
        ("Prenzlauer Berg", "Pankow"),
        ("Hohenschönhausen", "Lichtenberg"),
        ("Marzahn", "Marzahn-Hellersdorf"),
        ("Tempelhof Schöneberg", "Tempelhof-Schöneberg"),
        ("Köpenick", "Treptow-Köpenick"),
        ("Märkisches Viertel", "Reinickendorf"),
        ("Paris", None),
        ("", None),
    ],
)
def test_district_names_are_normalised_to_the_bezirk(text: str, district: str | None) -> None:
    assert normalise_district(text) == district


def test_every_official_name_maps_to_itself() -> None:
    for name in official_names():
        assert normalise_district(name) == name
    assert name_key("Friedrichshain-Kreuzberg") == name_key("friedrichshain kreuzberg")
