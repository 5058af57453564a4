"""Places in messages: what the entity extractor reads as city, state and Berlin Bezirk.

The city and its state come from the GeoNames gazetteer (programmes/places.py), Berlin's Bezirke and
Ortsteile from the catalogue; names that are also everyday words need a cue.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from bot.nlu.extractor import EntityFinder
from programmes.places import fold
from programmes.places import gazetteer as places_gazetteer

TODAY = dt.date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def finders() -> dict[str, EntityFinder]:
    return {"de": EntityFinder("de"), "en": EntityFinder("en")}


def place(finder: EntityFinder, text: str) -> tuple[str | None, str | None, str | None]:
    """(city, state, Berlin Bezirk) the message names, said or implied."""
    entities = finder.find(text, TODAY)
    value = {e.entity: e.value for e in reversed(entities)}  # the first of each type
    return value.get("city"), value.get("state"), value.get("district")


NONE = (None, None, None)
PHRASINGS = [
    # German, cued and uncued
    ("de", "Hier schreibt die Stadtverwaltung Essen", ("Essen", "NW", None)),
    ("de", "Wir sind ein Verein aus Essen", ("Essen", "NW", None)),
    ("de", "Ich bin bei der Stadt Dortmund, Amt für Stadterneuerung.", ("Dortmund", "NW", None)),
    ("de", "Projekt in der Dortmunder Nordstadt, Stadt Dortmund", ("Dortmund", "NW", None)),
    ("de", "Dortmund Nordstadt", ("Dortmund", "NW", None)),
    ("de", "Landeshauptstadt Düsseldorf", ("Düsseldorf", "NW", None)),
    ("de", "Stadt Gelsenkirchen", ("Gelsenkirchen", "NW", None)),
    ("de", "Die Gemeinde Hünxe plant ein Projekt", ("Hünxe", "NW", None)),
    ("de", "Wir sind aus Marl", ("Marl", "NW", None)),
    ("de", "Marl", ("Marl", "NW", None)),
    ("de", "Gladbeck (NRW)", ("Gladbeck", "NW", None)),
    ("de", "Projekt in Halle", ("Halle (Saale)", "ST", None)),
    ("de", "Hof", ("Hof", "BY", None)),
    ("de", "Frankfurt", ("Frankfurt am Main", "HE", None)),
    ("de", "Frankfurt (Oder)", ("Frankfurt (Oder)", "BB", None)),
    ("de", "Wir sitzen in Muenchen", ("München", "BY", None)),
    ("de", "Kiel", ("Kiel", "SH", None)),
    ("de", "Hamm", ("Hamm", "NW", None)),
    ("de", "Gelsenkirschen", ("Gelsenkirchen", "NW", None)),  # a typo in a large city's name
    ("de", "Essen (Oldenburg)", ("Essen (Oldenburg)", "NI", None)),
    ("de", "Wir verteilen Essen in Gelsenkirchen", ("Gelsenkirchen", "NW", None)),
    # NRW and other quarters
    ("de", "Gelsenkirchen-Ückendorf", ("Gelsenkirchen", "NW", None)),
    ("de", "Wir sind ein Verein in Duisburg-Marxloh", ("Duisburg", "NW", None)),
    ("de", "Essen-Katernberg", ("Essen", "NW", None)),
    ("de", "Wir sind ein Verein in Essen-Steele", ("Essen", "NW", None)),
    ("de", "Essen-Nord hat ein Quartiersbüro", ("Essen", "NW", None)),
    ("de", "Wir sind in Wattenscheid", ("Bochum", "NW", None)),
    ("de", "Büro in Hamburg-Altona", ("Hamburg", "HH", None)),
    # Berlin: the city, its Bezirke and Ortsteile
    ("de", "Berlin-Friedrichshain", ("Berlin", "BE", "Friedrichshain-Kreuzberg")),
    ("de", "Wir sind in Moabit", ("Berlin", "BE", "Mitte")),
    ("de", "Wir sind im Wedding", ("Berlin", "BE", "Mitte")),
    ("de", "Prenzlauer Berg", ("Berlin", "BE", "Pankow")),
    ("de", "in Mitte", ("Berlin", "BE", "Mitte")),
    ("de", "Berlin", ("Berlin", "BE", None)),
    # states alone
    ("de", "Wir sind eine Kommune in NRW", (None, "NW", None)),
    ("de", "Nordrhein-Westfalen", (None, "NW", None)),
    ("de", "Brandenburg", (None, "BB", None)),
    # common-word traps
    ("de", "Wir kochen Essen für Bedürftige", NONE),
    ("de", "Essen für alle", NONE),
    ("de", "Nach dem Essen gibt es Beratung", NONE),
    ("de", "Essen-Ausgabe jeden Montag", NONE),
    ("de", "Unsere Essen-Spende geht an die Tafel", NONE),
    ("de", "Wir haben einen Hof mit Garten", NONE),
    ("de", "Wir mieten eine Halle", NONE),
    ("de", "Weil wir arbeitslos sind", NONE),
    ("de", "Das Wetter ist schlecht", NONE),
    ("de", "Treffen im Zoo, bei Regen in der Halle", NONE),
    ("de", "Mitte März", (None, None, None)),
    ("de", "Mein Name ist Lena Hagen", NONE),  # Hagen is also a first name: a city only with a cue
    ("de", "Frankfurter Allee 12", NONE),  # a street, not a typo of Frankfurt
    ("de", "Gemeinde Senden", NONE),  # two towns of that name, neither clearly meant
    # English
    ("en", "We are based in Cologne", ("Köln", "NW", None)),
    ("en", "Our office is in Munich", ("München", "BY", None)),
    ("en", "Greetings from the City of Essen", ("Essen", "NW", None)),
    ("en", "the city of Gelsenkirchen wants to apply", ("Gelsenkirchen", "NW", None)),
    ("en", "We work in Duisburg-Marxloh with migrant women", ("Duisburg", "NW", None)),
    ("en", "a neighbourhood group from Hagen", ("Hagen", "NW", None)),
    ("en", "We're a charity in Bavaria", (None, "BY", None)),
    ("en", "we are in North Rhine-Westphalia", (None, "NW", None)),
    ("en", "our association is in Kreuzberg", ("Berlin", "BE", "Friedrichshain-Kreuzberg")),
    ("en", "Hanover", ("Hannover", "NI", None)),
    ("en", "We cook food and share Essen recipes", NONE),
    ("en", "Our project is in Essen-Katernberg", ("Essen", "NW", None)),
    ("en", "We're from Dortmund", ("Dortmund", "NW", None)),
    ("en", "We are based in Frankfurt", ("Frankfurt am Main", "HE", None)),
    ("en", "Nuremberg", ("Nürnberg", "BY", None)),
    ("en", "A project in Berlin-Neukölln", ("Berlin", "BE", "Neukölln")),
    ("en", "We're in Marl, North Rhine-Westphalia", ("Marl", "NW", None)),
    ("en", "the municipality of Gladbeck", ("Gladbeck", "NW", None)),
    ("en", "The hall is too small for our group", NONE),
    ("en", "Ask Lena Hagen about it", NONE),
]


@pytest.mark.parametrize(("language", "text", "expected"), PHRASINGS)
def test_places_resolve_to_city_state_and_district(
    finders: dict[str, EntityFinder], language: str, text: str, expected: tuple
) -> None:
    assert place(finders[language], text) == expected


def test_the_table_covers_both_languages_and_the_traps() -> None:
    assert len(PHRASINGS) >= 40
    assert {lang for lang, _, _ in PHRASINGS} == {"de", "en"}
    assert sum(1 for *_, expected in PHRASINGS if expected == NONE) >= 10


@pytest.mark.parametrize(
    "text",
    [
        "Hier schreibt die Stadtverwaltung Essen",
        "Die Stadt Gelsenkirchen will im Quartier die lokale Ökonomie stärken",
        "Ich bin bei der Stadt Dortmund",
        "Landeshauptstadt Düsseldorf",
        "Hansestadt Rostock",
        "the City of Essen applies",
    ],
)
def test_an_administrative_word_before_a_city_names_a_municipality(
    finders: dict[str, EntityFinder], text: str
) -> None:
    types = [e.value for e in finders["de"].find(text, TODAY) if e.entity == "organisation_type"]
    assert types == ["municipality"]


@pytest.mark.parametrize(
    "text", ["Wir sind ein Verein aus der Stadt Essen", "an association in the city of Essen"]
)
def test_a_city_after_a_preposition_is_where_they_are_not_who_applies(
    finders: dict[str, EntityFinder], text: str
) -> None:
    types = {e.value for e in finders["de"].find(text, TODAY) if e.entity == "organisation_type"}
    assert "municipality" not in types
    assert place(finders["de"], text)[:2] == ("Essen", "NW")


def _examples(language: str) -> list[tuple[str, set[tuple[str, str]]]]:
    """Every NLU example (training and held out) as text with its annotated cities."""
    annotation = re.compile(r"\[([^\]]*)\]\{([^}]*)\}")
    found: list[tuple[str, set[tuple[str, str]]]] = []
    for folder in (ROOT / "data" / "nlu" / language, ROOT / "tests" / "nlu" / language):
        for path in sorted(folder.glob("*.yml")):
            for line in path.read_text(encoding="utf-8").splitlines():
                example = re.match(r"\s+- (.+)$", line)
                if not example or example.group(1).startswith(("intent:", "synonym:", "regex:", "lookup:")):
                    continue
                raw, text, cities, position = example.group(1), "", set(), 0
                for match in annotation.finditer(raw):
                    meta = json.loads("{" + match.group(2) + "}")
                    text += raw[position : match.start()] + match.group(1)
                    if meta.get("entity") == "city":
                        cities.add((match.group(1), meta.get("value")))
                    position = match.end()
                found.append((text + raw[position:], cities))
    return found


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_city_in_the_nlu_data_is_read_from_a_word_that_is_no_place(
    finders: dict[str, EntityFinder], language: str
) -> None:
    """Over every training and held-out example: each city found is annotated as one, or its words are a
    German place's name (uncued or cued by the rules), never a word typo tolerance bent into one."""
    examples = _examples(language)
    assert len(examples) > 500
    wrong = []
    for text, annotated in examples:
        for entity in finders[language].find(text, TODAY):
            if entity.entity != "city" or entity.implied_by or (entity.text, entity.value) in annotated:
                continue
            if not places_gazetteer().is_place_name(entity.text):
                wrong.append((text, entity.text, entity.value))
    assert wrong == []
    annotated_cities = [(text, c) for text, cities in examples for c in cities]
    missed = [
        (text, city)
        for text, city in annotated_cities
        if (city[0], city[1]) not in {(e.text, e.value) for e in finders[language].find(text, TODAY)}
    ]
    assert missed == []


def test_only_large_cities_that_are_no_everyday_words_count_without_a_cue() -> None:
    names = [fold(name) for name, _ in places_gazetteer().standalone_names()]
    assert "gelsenkirchen" in names and "essen" not in names  # Essen is an everyday word
