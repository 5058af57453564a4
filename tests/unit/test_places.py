"""The place gazetteer: the shipped GeoNames file, the rules for recognising places, and the readers of the
draft's city and municipality answers and the finder's city field."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from programmes import answers
from programmes.places import (
    DATA_FILE,
    STANDALONE_POPULATION,
    Gazetteer,
    Place,
    city_named,
    find_places,
    place_answer,
    read_places,
)
from programmes.vocabulary import STATES
from webform.profile_input import parse_profile

# -- the shipped file ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> list[Place]:
    return read_places()


def test_the_file_credits_geonames_and_its_licence() -> None:
    header = [line for line in DATA_FILE.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = " ".join(header)
    assert "GeoNames" in text and "CC BY 4.0" in text and "ops/build_places.py" in text


def test_the_file_covers_every_state_with_its_capital(shipped: list[Place]) -> None:
    assert len(shipped) > 5000
    assert {p.state for p in shipped} == set(STATES)
    capitals = {"Düsseldorf": "NW", "München": "BY", "Kiel": "SH", "Erfurt": "TH", "Saarbrücken": "SL"}
    for name, state in capitals.items():
        assert any(p.name == name and p.state == state for p in shipped), name


def test_berlin_is_one_city_and_its_ortsteile_stay_with_the_catalogue(shipped: list[Place]) -> None:
    assert [p.name for p in shipped if p.state == "BE"] == ["Berlin"]


def test_spellings_include_transliterations_short_forms_and_english_names(shipped: list[Place]) -> None:
    by_name = {p.name: p for p in shipped if not p.is_quarter}
    assert {"Muenchen", "Munich"} <= set(by_name["München"].spellings)
    assert "Cologne" in by_name["Köln"].spellings
    assert "Frankfurt" in by_name["Frankfurt am Main"].spellings
    assert "Halle" in by_name["Halle (Saale)"].spellings
    assert "Essen" in by_name["Essen"].common  # the verb and the food


def test_quarters_name_their_city(shipped: list[Place]) -> None:
    quarters = {p.name: p.municipality for p in shipped if p.is_quarter}
    assert quarters["Wattenscheid"] == "Bochum"
    assert quarters["Altona"] == "Hamburg"
    assert "Offenbach" not in quarters  # a city of its own, whatever one alternate name says


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "places.tsv"
    header = "geonameid\tname\tstate\tpopulation\tmunicipality\tspellings\tcommon"
    path.write_text("# comment\n" + "\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_malformed_row_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="line 3"):
        read_places(_write(tmp_path, "1\tEssen\tXX\t100\t\t\t"))
    with pytest.raises(ValueError, match="line 3: 3 columns"):
        read_places(_write(tmp_path, "1\tEssen\tNW"))
    with pytest.raises(ValueError, match="no spelling"):
        read_places(_write(tmp_path, "1\tEssen\tNW\t100\t\t\tFood"))
    (tmp_path / "empty.tsv").write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no header"):
        read_places(tmp_path / "empty.tsv")


def test_a_row_reads_into_a_place(tmp_path: Path) -> None:
    [place] = read_places(_write(tmp_path, "7\tEssen\tNW\t593085\t\tEssen-Ruhr\tEssen"))
    assert place == Place(7, "Essen", "NW", 593085, "Essen", ("Essen", "Essen-Ruhr"), frozenset({"Essen"}))
    assert not place.is_quarter


# -- the rules, on a small gazetteer ---------------------------------------------------------------------


def _place(gid: int, name: str, state: str, population: int, *, quarter_of: str = "", common: bool = False,
           spellings: tuple[str, ...] = ()) -> Place:
    return Place(gid, name, state, population, quarter_of or name, (name, *spellings),
                 frozenset({name}) if common else frozenset())


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer([
        _place(1, "Essen", "NW", 593_085, common=True),
        _place(2, "Essen", "NI", 8_185, common=True, spellings=("Essen (Oldenburg)",)),
        _place(3, "Dortmund", "NW", 588_462),
        _place(4, "Marl", "NW", 91_398),
        _place(5, "Neustadt an der Weinstraße", "RP", 53_984, spellings=("Neustadt",)),
        _place(6, "Neustadt am Rübenberge", "NI", 44_668, spellings=("Neustadt",)),
        _place(7, "Wattenscheid", "NW", 73_965, quarter_of="Dortmund"),
        _place(8, "Regen", "BY", 12_296, common=True),
        _place(9, "Mitte", "HE", 10_687),
        _place(10, "Linden", "NI", 38_284),
        _place(11, "Linden", "HE", 12_000),
        _place(12, "Grosstadt", "BY", STANDALONE_POPULATION - 1),
    ])


def cities(gazetteer: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.city.name, m.how) for m in gazetteer.find(text)]


def test_a_large_city_counts_without_a_cue_a_smaller_one_with(small: Gazetteer) -> None:
    assert cities(small, "Dortmund plant ein Projekt") == [("Dortmund", "Dortmund", "name")]
    assert cities(small, "Marl plant ein Projekt") == []
    assert cities(small, "Grosstadt plant ein Projekt") == []  # one inhabitant short of a Großstadt
    assert cities(small, "Projekt in Marl") == [("Marl", "Marl", "cue")]
    assert cities(small, "Marl") == [("Marl", "Marl", "alone")]
    assert cities(small, "Marl, NRW") == [("Marl", "Marl", "state")]


def test_an_everyday_word_needs_a_cue_and_a_small_one_more_than_a_preposition(small: Gazetteer) -> None:
    assert cities(small, "Wir kochen Essen") == []
    assert cities(small, "Wir sind aus Essen") == [("Essen", "Essen", "cue")]
    assert cities(small, "Treffen bei Regen") == []  # a town of 12,296: the weather, not the place
    assert cities(small, "Stadt Regen") == [("Regen", "Regen", "cue")]


def test_a_shared_name_means_the_clearly_larger_place_or_none(small: Gazetteer) -> None:
    assert small.lookup("Essen").city.state == "NW"  # 593,085 against 8,185
    assert small.lookup("Neustadt") is None  # 53,984 against 44,668
    assert small.lookup("Essen (Oldenburg)").city.name == "Essen (Oldenburg)"


def test_cities_are_named_uniquely(small: Gazetteer) -> None:
    assert small.city_named("Essen").state == "NW"
    assert small.city_named("Essen (Oldenburg)").state == "NI"
    assert small.city_named("Linden (HE)").population == 12_000


def test_a_quarter_gives_its_city_and_never_counts_alone(small: Gazetteer) -> None:
    assert cities(small, "Wattenscheid plant") == []
    assert cities(small, "in Wattenscheid") == [("Wattenscheid", "Dortmund", "cue")]


def test_berlin_names_are_berlins(small: Gazetteer) -> None:
    assert small.lookup("Mitte") is None


def test_a_state_narrows_a_shared_name(small: Gazetteer) -> None:
    assert small.answer("Essen", "NI").city.name == "Essen (Oldenburg)"
    assert small.answer("Essen", "BY") is None


# -- the shipped gazetteer: whole answers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "city", "title", "quarter"),
    [
        ("Stadt Essen", "Essen", "Stadt", None),
        ("stadtverwaltung essen", "Essen", "Stadt", None),
        ("in Dortmund", "Dortmund", None, None),
        ("Wir sind die Stadt Dortmund", "Dortmund", "Stadt", None),
        ("City of Cologne", "Köln", "Stadt", None),
        ("Landeshauptstadt Duesseldorf", "Düsseldorf", "Landeshauptstadt", None),
        ("gelsenkirchen-ückendorf", "Gelsenkirchen", None, "Ückendorf"),
        ("Berlin-Friedrichshain", "Berlin", None, "Friedrichshain"),
    ],
)
def test_an_answer_that_is_a_place(text: str, city: str, title: str | None, quarter: str | None) -> None:
    found = place_answer(text)
    assert found is not None and (found.city.name, found.title, found.quarter) == (city, title, quarter)


@pytest.mark.parametrize("text", ["Katernberg, Essen", "Kleinkleckersdorf", "Essen für alle", "ja"])
def test_an_answer_that_says_more_or_names_no_known_place(text: str) -> None:
    assert place_answer(text) is None


def test_a_mention_knows_its_berlin_district() -> None:
    [city, district] = find_places("Berlin-Friedrichshain")
    assert (city.city.name, district.district) == ("Berlin", "Friedrichshain-Kreuzberg")
    assert city_named("Halle (Saale)").state == "ST"


# -- readers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("essen", "Essen"),
        ("in Essen", "Essen"),
        ("Stadt Essen", "Essen"),
        ("Cologne", "Köln"),
        ("Muenchen", "München"),
        ("gelsenkirchen-ückendorf", "Gelsenkirchen-Ückendorf"),
        ("Neukölln", "Berlin"),
        ("Berlin-Friedrichshain", "Berlin"),
        ("Katernberg, Essen", "Katernberg, Essen"),  # more than a place: kept as written
        ("Kleinkleckersdorf", "Kleinkleckersdorf"),  # not in GeoNames' list: kept as written
    ],
)
def test_the_city_answer_is_normalised_where_it_is_a_known_place(typed: str, stored: str) -> None:
    assert answers.read_city(typed) == stored


def test_the_city_answer_keeps_the_text_rules() -> None:
    with pytest.raises(answers.FieldError) as error:
        answers.read_city("x")
    assert error.value.key == "invalid_text"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("stadtverwaltung essen", "Stadt Essen"),
        ("City of Cologne", "Stadt Köln"),
        ("Landeshauptstadt Duesseldorf", "Landeshauptstadt Düsseldorf"),
        ("gelsenkirchen", "Gelsenkirchen"),
        ("Essen-Katernberg", "Essen"),  # the city applies, not its quarter
        ("Gemeinde Hünxe", "Gemeinde Hünxe"),
        ("Stadt Essen, Amt für Stadterneuerung", "Stadt Essen, Amt für Stadterneuerung"),
        ("Bezirksamt Neukölln", "Bezirksamt Neukölln"),
    ],
)
def test_the_municipality_answer_is_normalised_where_it_is_a_place_with_its_title(
    typed: str, stored: str
) -> None:
    assert answers.read_municipality(typed) == stored


def test_a_bare_berlin_district_is_still_no_municipality() -> None:
    with pytest.raises(answers.FieldError) as error:
        answers.read_municipality("Neukölln")
    assert error.value.key == "district_is_no_municipality"


@pytest.mark.parametrize(
    ("data", "city", "state"),
    [
        ({"city": "essen"}, "Essen", "NW"),
        ({"city": "Cologne"}, "Köln", "NW"),
        ({"city": "Essen", "state": "NI"}, "Essen (Oldenburg)", "NI"),
        ({"city": "Essen", "state": "BY"}, "Essen", "BY"),  # a chosen state is never overruled
        ({"city": "Kleinkleckersdorf"}, "Kleinkleckersdorf", None),
        ({"city": "Gelsenkirchen-Ückendorf"}, "Gelsenkirchen-Ückendorf", "NW"),
    ],
)
def test_the_finder_reads_the_city_and_its_state(app: Flask, data: dict, city: str, state: str | None) -> None:
    with app.test_request_context("/?lang=en"):
        profile, errors = parse_profile(data, from_form=True)
    assert errors == {} and profile is not None
    assert (profile.city, profile.state) == (city, state)
