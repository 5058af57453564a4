"""Entities of labelled chat messages as spans of the masked text (webform.inbox.entities) and their
annotations in the NLU export (webform.inbox.nlu_export)."""

from __future__ import annotations

import yaml

from programmes.personal_data import name_pattern
from webform.inbox.entities import (
    Span,
    SpanProblem,
    annotated_example,
    find_part,
    predicted_spans,
    read_annotations,
)
from webform.inbox.nlu_export import Labelled, export, stand_ins

TYPES = ("district", "email", "organisation_type", "phone", "goal")


def test_predicted_entities_move_onto_the_masked_text() -> None:
    text = "Ich bin Anna Beispiel aus Kreuzberg, anna@example.org"
    predicted = [
        {"entity": "district", "value": "Friedrichshain-Kreuzberg", "start": 26, "end": 35},
        {"entity": "state", "value": "BE", "start": 26, "end": 35, "implied_by": "district"},
        {"entity": "email", "value": "anna@example.org", "start": 37, "end": 53},
        {"entity": "contact_name", "value": "Anna Beispiel", "start": 8, "end": 21},  # no domain entity
        {"entity": "goal", "value": "x", "start": 10, "end": 15},  # masking cuts through it
        {"entity": "district", "value": "Mitte"},  # no span
    ]
    spans = predicted_spans(text, name_pattern({"Anna Beispiel"}), predicted, TYPES)
    masked = "Ich bin [name] aus Kreuzberg, [e-mail]"
    assert [(masked[s.start:s.end], s.entity, s.value) for s in spans] == [
        ("Kreuzberg", "district", "Friedrichshain-Kreuzberg"), ("[e-mail]", "email", None)]


def test_a_part_is_found_by_its_appearance_and_never_cuts_a_masked_part() -> None:
    text = "Verein sucht [e-mail], kleiner verein"
    assert find_part(text, " verein ", 1, [])[0] == Span(31, 37, "")  # exact case first
    assert find_part(text, "Verein", 2, [])[1] is SpanProblem.NO_SUCH_OCCURRENCE
    assert find_part(text, "VEREIN", 2, []) == (Span(31, 37, ""), None)  # then any case
    assert find_part(text, "mail", 1, [])[1] is SpanProblem.CUTS_MASK
    assert find_part(text, "sucht [e-mail]", 1, [])[1] is None
    assert find_part(text, "Verein sucht", 1, [Span(0, 6, "organisation_type")])[1] is SpanProblem.OVERLAPS
    assert find_part(text, "Geld", 1, [])[1] is SpanProblem.NOT_FOUND
    assert find_part(text, "  ", 1, [])[1] is SpanProblem.EMPTY


def test_annotations_read_back_as_rasa_reads_them() -> None:
    text = "Wir,  ein [name]-Verein\naus Kreuzberg: [e-mail]"
    spans = [Span(10, 16, "organisation_type", "association"),
             Span(28, 37, "district", "Friedrichshain-Kreuzberg"), Span(39, 47, "email")]
    made = annotated_example(text, spans, stand_ins("de"))
    assert made is not None
    plain, annotated = made
    assert plain == "Wir, ein Alex Beispiel-Verein aus Kreuzberg: info@beispiel.de"
    assert annotated == ('Wir, ein [Alex Beispiel]{"entity": "organisation_type", "value": "association"}'
                         '-Verein aus [Kreuzberg]{"entity": "district", "value": "Friedrichshain-Kreuzberg"}: '
                         "[info@beispiel.de](email)")
    assert read_annotations(annotated)[0] == plain


def test_an_example_rasa_would_misread_is_left_out() -> None:
    # "[Hilfe][Verein](organisation_type)" reads as one annotation of a list of entities to Rasa
    made = export([Labelled("[Hilfe]Verein", "find_programme", (Span(7, 13, "organisation_type"),)),
                   Labelled("Hilfe [bitte](goal)", "find_programme")], "de", set())
    assert made.examples == 0 and made.unwritable == ["Hilfe [bitte](goal)", "[Hilfe]Verein"]


def test_the_export_writes_each_wording_once_with_the_first_labels_entities() -> None:
    made = export([
        Labelled("Geld für unseren Verein?", "find_programme", (Span(17, 23, "organisation_type",
                                                                         "association"),)),
        Labelled("geld für unseren verein", "find_programme"),
        Labelled("Geld für Kinder", "find_programme"),
        Labelled("Geld für Kinder", "ask_programme_amount"),
        Labelled("Hallo", "greet", (Span(0, 5, "goal"),)),
    ], "de", known={"hallo"})
    data = yaml.safe_load(made.yaml)
    assert data["nlu"] == [{"intent": "find_programme", "examples":
                            '- Geld für unseren [Verein]{"entity": "organisation_type", "value": "association"}?\n'}]
    assert made.conflicts == ["Geld für Kinder"] and made.already_known == 1
