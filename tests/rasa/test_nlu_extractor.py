"""The rule-based entity extractor: tokens, gazetteer from the catalogue, typos, normalised values."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu.extractor import EntityFinder
from bot.nlu.gazetteer import phrases
from bot.nlu.text import edit_distance, fold, tokenize
from programmes.catalogue import default_catalogue
from programmes.districts import official_names

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def finder() -> EntityFinder:
    return EntityFinder("de")


def found(finder: EntityFinder, text: str, intent: str | None = None) -> list[tuple[str, str, str]]:
    """(type, words, value) of the entities the person wrote (not the implied ones)."""
    return [(e.entity, e.text, e.value) for e in finder.find(text, TODAY, intent) if not e.implied_by]


def test_tokens_keep_names_legal_forms_and_addresses_whole() -> None:
    words = [p.text for p in tokenize("Ein e.V. in Friedrichshain-Kreuzberg, gGmbH, info@verein-x.de: 5.000€")]
    assert words == ["Ein", "e.V.", "in", "Friedrichshain-Kreuzberg", ",", "gGmbH", ",", "info@verein-x.de", ":",
                     "5.000", "€"]


def test_fold_ignores_case_umlauts_and_hyphens() -> None:
    assert fold("Neu-Kölln") == fold("NEUKOLLN") == "neukolln"


def test_edit_distance_gives_up_early() -> None:
    assert edit_distance("neukolln", "neukoln", 1) == 1
    assert edit_distance("kreuzberg", "spandau", 2) == 3


def test_every_programme_and_district_is_in_the_gazetteer() -> None:
    values = {(p.label, p.value) for p in phrases()}
    assert {("programme", pid) for pid in default_catalogue().programmes} <= values
    assert {("district", name) for name in official_names()} <= values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kreuzberg", [("district", "Kreuzberg", "Friedrichshain-Kreuzberg")]),
        ("wir sind im Wedding", [("district", "Wedding", "Mitte")]),
        ("Prenzlauer Berg", [("district", "Prenzlauer Berg", "Pankow")]),
        ("Neuköln", [("district", "Neuköln", "Neukölln")]),  # typo
        ("NEUKOELLN", [("district", "NEUKOELLN", "Neukölln")]),
        ("Charlottenburg-Wilmersdorff", [("district", "Charlottenburg-Wilmersdorff", "Charlottenburg-Wilmersdorf")]),
        ("Mitte", [("district", "Mitte", "Mitte")]),
        ("Mitte März", [("date", "Mitte März", "2027-03-15")]),
        ("das Buch ist gut", []),
        ("Was ist LSI?", [("programme", "LSI", "lsi")]),
        ("was ist biwak", [("programme", "biwak", "biwaq")]),
        ("Lokal Sozial Inovativ", [("programme", "Lokal Sozial Inovativ", "lsi")]),
        ("unser LSI-Antrag", [("programme", "LSI", "lsi")]),
        ("ein Mikroprojekt", [("lsi_type", "Mikroprojekt", "A")]),
        ("LSI Typ C", [("programme", "LSI", "lsi"), ("lsi_type", "C", "C")]),
        ("sounds like B", [("lsi_type", "B", "B")]), ("dann eher C", [("lsi_type", "C", "C")]),
        ("I'd like a draft", []),
        ("kleiner Laden", [("organisation_type", "kleiner Laden", "small_business")]),
        ("wir sind eine gGmbH", [("legal_form", "gGmbH", "gGmbH")]),
        # spoken German without "ich", and a trade of one's own
        ("Servus, hab ne kleine Tischlerei", [("organisation_type", "kleine Tischlerei", "small_business")]),
        ("ich betreibe eine Druckerei", [("organisation_type", "Druckerei", "small_business")]),
        ("Kurse in einer Tischlerei", []),
        # Berlin dialect denies the type too
        ("ne lose Truppe, keen Verein", [("organisation_type", "lose Truppe", "initiative")]),
        # people who deny being an association, and say nothing else they are, are a group without legal form
        ("Wir sind fünf. Wir haben noch kein Verein.", [("organisation_type", "kein Verein", "initiative")]),
        ("wir sind eine GmbH, kein Verein", [("legal_form", "GmbH", "GmbH")]),
        # squares and Kieze people name instead of the Bezirk
        ("vom Leopoldplatz", [("district", "Leopoldplatz", "Mitte")]),
        ("am Hermannplatz", [("district", "Hermannplatz", "Neukölln")]),
        ("e.g. an example", []),
        ("aus Duisburg", [("city", "Duisburg", "Duisburg")]),
        ("Essen für alle", []),
        ("in NRW", [("state", "NRW", "NW")]),
        ("mit Langzeitarbeitslosen", [("target_group", "Langzeitarbeitslosen", "long_term_unemployed")]),
        ("Standortmarketing", [("goal", "Standortmarketing", "business_location")]),
        ("info@verein.de", [("email", "info@verein.de", "info@verein.de")]),
        ("Tel: +49 30 1234567", [("phone", "+49 30 1234567", "+49301234567")]),
        ("English please", [("language", "English", "en")]),
    ],
)
def test_entities_have_normalised_values(finder: EntityFinder, text: str, expected: list) -> None:
    assert found(finder, text) == expected


def test_a_description_fills_many_fields_at_once(finder: EntityFinder) -> None:
    text = "Wir sind ein e.V. in Kreuzberg und brauchen ab März 2027 für 2 Jahre 5.000 € für Alleinerziehende"
    assert found(finder, text) == [
        ("legal_form", "e.V.", "e.V."),
        ("district", "Kreuzberg", "Friedrichshain-Kreuzberg"),
        ("date", "März 2027", "2027-03-01"),
        ("duration", "2 Jahre", "24"),
        ("amount", "5.000 €", "5000"),
        ("target_group", "Alleinerziehende", "single_parents"),
    ]


def test_implied_entities_are_marked(finder: EntityFinder) -> None:
    implied = {(e.entity, e.value, e.implied_by) for e in finder.find("ein e.V. in Kreuzberg", TODAY) if e.implied_by}
    assert implied == {
        ("organisation_type", "association", "legal_form"),
        ("city", "Berlin", "district"),
        ("state", "BE", "district"),
    }


def test_what_the_person_said_outranks_what_is_implied(finder: EntityFinder) -> None:
    entities = finder.find("Wir sind ein Startup, eine GmbH und ein e.V.", TODAY)
    assert [e.value for e in entities if e.entity == "organisation_type"] == ["startup"]


def test_a_field_name_counts_only_in_corrections_and_why_questions(finder: EntityFinder) -> None:
    assert ("field", "Budget", "total_budget_eur") in found(finder, "Das Budget ist falsch", "correct_answer")
    assert ("field", "E-Mail", "contact_email") in found(finder, "Wozu die E-Mail?", "ask_why_needed")
    assert [e for e in found(finder, "Unser Budget ist 5.000 €", "describe_project") if e[0] == "field"] == []


def test_offsets_point_into_the_message(finder: EntityFinder) -> None:
    text = "Wir brauchen 5.000€ in Neukölln"
    for entity in finder.find(text, TODAY):
        assert text[entity.start : entity.end] == entity.text


def test_numbers_and_dates_in_words_become_entities_with_their_written_offsets(finder: EntityFinder) -> None:
    text = "Wir brauchen fünfzigtausend Euro ab übernächsten Monat für anderthalb Jahre"
    assert found(finder, text) == [
        ("amount", "fünfzigtausend Euro", "50000"),
        ("date", "übernächsten Monat", "2027-01-01"),
        ("duration", "anderthalb Jahre", "18"),
    ]


def test_in_three_months_is_a_date_not_a_duration(finder: EntityFinder) -> None:
    assert found(finder, "Wir starten in drei Monaten") == [("date", "in drei Monaten", "2027-02-01")]


@pytest.mark.parametrize(
    ("lang", "text", "business"),
    [
        ("en", "we want to run a repair cafe where unemployed people learn to fix bikes", False),
        ("en", "We'd like to open a community shop for refugees", False),
        ("de", "Wir wollen ein Café für Arbeitslose eröffnen", False),
        ("en", "Hi, I own a bakery with 12 employees in Spandau", True),
        ("de", "Wir haben ein Café in Wedding und wollen Langzeitarbeitslose einstellen", True),
        ("de", "Ich hab nen Fahrradladen in Pankow", True),
    ],
)
def test_a_cafe_the_project_sets_up_is_no_business_of_the_applicant(lang: str, text: str, business: bool) -> None:
    kinds = [e.value for e in EntityFinder(lang).find(text, TODAY) if e.entity == "organisation_type"]
    assert ("small_business" in kinds) is business


@pytest.mark.parametrize(
    ("lang", "text", "kinds"),
    [
        # a few private persons are a group without a legal form, never a company
        ("de", "Wir sind nur ein paar Rentnerinnen, die Bewerbungstraining machen wollen", ["initiative"]),
        ("de", "ich bin 19 und hab mit paar freundinnen ne idee", ["initiative"]),
        ("en", "we're five neighbours in Schöneberg and want to run a job café for unemployed people", ["initiative"]),
        ("de", "Kann ich als Privatperson LSI beantragen?", ["initiative"]),
        # a type asked back about is not stated; what they say they are is
        ("de", "wieso unternehmen?? wir sind einfach freundinnen", ["initiative"]),
        ("en", "hang on, small business? we're a registered association (e.V.)", ["association"]),
        ("de", "Darf ein Verein LSI beantragen?", ["association"]),
        ("de", "Verein?", ["association"]),
        # someone working on their own account is no company
        ("en", "I'm a freelance designer (sole trader, no company yet) in Tempelhof", ["other"]),
        ("de", "Ich bin Einzelunternehmerin in Pankow", ["other"]),
    ],
)
def test_who_the_applicant_is_read_from_what_they_say_they_are(lang: str, text: str, kinds: list[str]) -> None:
    found = {e.value for e in EntityFinder(lang).find(text, TODAY) if e.entity == "organisation_type"}
    assert sorted(found) == kinds


@pytest.mark.parametrize(
    ("lang", "text", "goal"),
    [
        ("en", "a BIWAQ draft for our Sozialer Zusammenhalt area Silberhöhe", False),
        ("de", "für unser Gebiet Sozialer Zusammenhalt in Silberhöhe", False),
        ("de", "Wir wollen den sozialen Zusammenhalt im Kiez stärken", True),
        ("en", "we want more social cohesion in the area", True),
    ],
)
def test_the_name_of_an_eligible_area_is_no_goal(lang: str, text: str, goal: bool) -> None:
    assert any(e.entity == "goal" for e in EntityFinder(lang).find(text, TODAY)) is goal


@pytest.mark.parametrize(
    ("lang", "text", "kinds"),
    [
        # organisations a project serves or works with are not the applicant
        ("en", "job coaching with the Jobcenter, plus advice for small local businesses", []),
        ("de", "Wir möchten ein Standortmarketing für die Gewerbetreibenden aufbauen", []),
        ("de", "Wir sind ein Verein und beraten Läden", ["association"]),
        # whom an application is for, and one's own firm, are
        ("de", "Ich möchte einen Antrag für einen Verein in Neukölln stellen", ["association"]),
        ("de", "Ich bin mit meiner Firma in Pankow", ["small_business"]),
        # whom they will call is not who they are; where they work is
        ("en", "I'll just ring the Bezirksamt then. cheers", []),
        ("de", "Alles klar, dann meld ich mich beim Bezirksamt.", []),
        ("en", "can you help me write a BIWAQ application so I can bring it to the city?", []),
        ("en", "Hello, I work for the city of Herne (NRW)", ["municipality"]),
        ("de", "Ich arbeite beim Bezirksamt Neukölln", ["district_office"]),
        ("de", "ich schreibe für das Bezirksamt Neukölln", ["district_office"]),
        ("de", "Ich frage für einen Verein in Neukölln", ["association"]),
        ("en", "Anna here, with the Nachbarschaftsverein Kiez", ["association"]),
    ],
)
def test_organisations_a_project_serves_are_not_the_applicant(lang: str, text: str, kinds: list[str]) -> None:
    found = {e.value for e in EntityFinder(lang).find(text, TODAY) if e.entity == "organisation_type"}
    assert sorted(found) == kinds


@pytest.mark.parametrize(
    "text",
    ["We are group of women, we do sewing together every week in the Nachbarschaftshaus.",
     "Wir treffen uns jeden Dienstag im Jugendclub."],
)
def test_a_place_where_people_meet_is_no_applicant_type(text: str) -> None:
    assert not [e for e in EntityFinder().find(text) if e.entity == "organisation_type"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Ich arbeite im Bezirksamt Neukölln.", "district_office"),
     ("In unserem Verein machen wir Sport mit Arbeitslosen.", "association"),
     ("Wir sind ein Verein im Stadtteilzentrum.", "association")],
)
def test_where_someone_works_and_their_own_organisation_still_count(text: str, value: str) -> None:
    assert [e.value for e in EntityFinder().find(text) if e.entity == "organisation_type"] == [value]
