"""The catalogue loads, every fact is sourced, and a broken file is named with its field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from programmes.catalogue import CATALOGUE_DIR, CatalogueError, Fact, load_catalogue
from programmes.districts import name_key, normalise_district, official_names

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


def test_every_known_fact_has_a_source_url() -> None:
    for programme in load_catalogue().programmes.values():
        facts = [value for value in vars(programme).values() if isinstance(value, Fact)]
        facts.append(programme.applicants.fact)
        for fact in facts:
            if fact.known:
                assert fact.source and fact.source.startswith("http"), programme.id
        for variant in programme.variants:
            assert variant.source.startswith("http")
        for call in programme.calls:
            assert call.source.startswith("http")


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
        "wirtschaftsdienliche-massnahmen.html\n  period: null\nfund:", "  source: null\n  period: null\nfund:"
    )
    with pytest.raises(CatalogueError, match=r"funder\.source"):
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
