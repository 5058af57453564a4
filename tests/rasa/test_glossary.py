"""The glossary (programmes/glossary.yml), questions about a word (bot/nlu/term_questions.py), the answer
to them (actions/glossary.py), and what such a question changes in the draft: nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecutionRejected
from rasa_sdk.executor import CollectingDispatcher

from actions.draft import questions
from actions.draft_form import ValidateDraftForm
from actions.glossary import ActionExplainTerm
from bot.nlu.term_questions import asks_about_term, demote_term_intent, term_intent
from programmes.answers import FIELD_NAMES
from programmes.catalogue import default_catalogue
from programmes.facts import programme_facts
from programmes.formatting import today
from programmes.glossary import GlossaryError, find_terms, glossary, load_glossary

DOMAIN = {"forms": {"draft_form": {"required_slots": list(questions.FORM_SLOTS)}}, "slots": {}}


@pytest.fixture(autouse=True)
def _pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIEZLOTSE_TODAY", "2026-11-22")


# --- The glossary itself ---


def test_every_draft_field_is_explained_in_both_languages() -> None:
    for field in FIELD_NAMES:
        term = glossary().for_field(field)
        assert term is not None, field
        assert term.text.de and term.text.en and term.names["de"] and term.names["en"]


def test_every_programme_rule_a_term_points_to_is_a_catalogue_fact_with_source_and_period() -> None:
    catalogue = default_catalogue()
    current = [p for p in catalogue.programmes.values() if not p.is_closed]
    for term in glossary().terms.values():
        for key in term.facts:
            stated = [
                fact
                for programme in current
                for fact in programme_facts(programme, catalogue, "en", today())
                if fact["key"] == key and fact["value"] is not None
            ]
            # Some current programme states the rule, each statement with its source and period.
            assert stated, (term.id, key)
            assert all(f["source"] and f["period"] for f in stated), (term.id, key)


def test_no_name_belongs_to_two_terms() -> None:
    seen: dict[str, str] = {}
    for term in glossary().terms.values():
        for names in term.names.values():
            for name in names:
                key = name.casefold()
                assert seen.setdefault(key, term.id) == term.id, name


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("x:\n  names: {de: [X], en: [X]}\n  text: {de: Ein X.}\n", "text.en is missing"),
        ("x:\n  field: nope\n  names: {de: [X], en: [X]}\n  text: {de: X, en: X}\n", "no draft field"),
        ("x:\n  names: {de: [X], en: [X]}\n  text: {de: X, en: X}\n  facts: [price]\n", "no catalogue facts"),
        ("x:\n  names: {de: [], en: [X]}\n  text: {de: X, en: X}\n", "names.de"),
    ],
)
def test_a_broken_glossary_names_the_term_and_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError, match=problem):
        load_glossary(path)


@pytest.mark.parametrize(
    ("text", "term", "written"),
    [
        ("Was genau meinen Sie mit Rechtsform?", "legal_form", "Rechtsform"),
        ("Zählen die Betreuer auch als Teilnehmende?", "participants", "Teilnehmende"),
        ("What do you mean by contact person?", "contact_name", "contact person"),
        ("wat is'n ne Kofinanzirung", "co_financing", "Kofinanzirung"),
        ("Was sind förderfähige Gesamtausgaben?", "total_budget_eur", "förderfähige Gesamtausgaben"),
        ("Liegt unser Kiez in einem Soziale-Stadt-Gebiet?", "area", "Soziale-Stadt-Gebiet"),
        ("Are volunteers participants?", "participants", "participants"),
        ("was heißt Ko-Finanzierung", "co_financing", "Ko-Finanzierung"),
    ],
)
def test_a_term_is_found_inflected_hyphenated_or_with_one_typo(text: str, term: str, written: str) -> None:
    assert [(m.term, m.text) for m in find_terms(text)] == [(term, written)]


@pytest.mark.parametrize("text", ["Mara Beispiel", "Sorten und Worte", "Kiezküche Neukölln e.V.", "Kochen verbindet"])
def test_names_and_everyday_words_are_no_terms(text: str) -> None:
    assert find_terms(text) == []


# --- Which messages ask what a word means ---


@pytest.mark.parametrize(
    "text",
    [
        "Was genau meinen Sie mit Rechtsform?",
        "Zählen die Betreuer auch als Teilnehmende?",
        "What do you mean by contact person?",
        "wat meenste mit Fördergebiet",
        "Was ist eine Kofinanzierung?",
        "what's an own contribution?",
        "Rechtsform?",
        "Do volunteers count as participants?",
        "Versteh ick nich, wat is'n Eigenanteil?",
        "Können Sie mir den Begriff Förderquote erklären?",
    ],
)
def test_a_question_about_a_word_is_ask_term_whatever_the_classifier_said(text: str) -> None:
    assert term_intent(text, "ask_capabilities") == "ask_term"


@pytest.mark.parametrize(
    "text",
    [
        "Was ist die Fördersumme bei LSI?",  # LSI's amount: the programme answer
        "Was ist die Laufzeit?",  # a value, asked with the definite article
        "what's the funding rate?",
        "Laufzeit?",
        "Wir rechnen mit 20 Teilnehmenden",
        "Unser Projekt zählt als Entwicklungsprojekt, wir sind ein e.V.",
        "Was passiert mit meiner E-Mail-Adresse?",
        "Was ist LSI?",
        "/inform{\"legal_form\":\"e.V.\"}",
    ],
)
def test_answers_and_programme_questions_are_no_question_about_a_word(text: str) -> None:
    assert term_intent(text, "inform") is None


def test_ask_term_without_a_term_but_with_a_programme_asks_about_the_programme() -> None:
    assert demote_term_intent("Was ist eigentlich BIWAQ?", "ask_term")
    assert not demote_term_intent("Was meinen Sie damit?", "ask_term")
    assert not asks_about_term("Was meinen Sie damit?")


# --- The answer ---


def term_tracker(text: str, entities: list[dict[str, Any]] | None = None, slots: dict[str, Any] | None = None,
                 requested: str | None = None, lang: str = "de", loop: str | None = None) -> Tracker:
    all_slots: dict[str, Any] = {"language": lang, "requested_slot": requested, **(slots or {})}
    latest = {"intent": {"name": "ask_term", "confidence": 1.0}, "entities": entities or [], "text": text}
    return Tracker(sender_id="t1", slots=all_slots, latest_message=latest,
                   events=[{"event": "user", "timestamp": 1.0, "text": text, "parse_data": latest}],
                   paused=False, followup_action=None, active_loop={"name": loop} if loop else {},
                   latest_action_name="action_listen")


def explain(current: Tracker) -> tuple[list[dict[str, Any]], list[str]]:
    dispatcher = CollectingDispatcher()
    events = ActionExplainTerm().run(dispatcher, current, DOMAIN)
    return events, [m["text"] for m in dispatcher.messages]


def test_the_term_entity_is_explained_and_nothing_is_set() -> None:
    events, said = explain(term_tracker("Was genau meinen Sie mit Rechtsform?",
                                        [{"entity": "term", "value": "legal_form", "start": 25, "end": 35}]))
    assert events == []
    assert said[0].startswith("Die Rechtsform sagt, was Ihre Organisation rechtlich ist")


def test_a_term_without_entity_is_found_in_the_text_in_english() -> None:
    _, said = explain(term_tracker("Does our coach count as a participant?", lang="en"))
    assert said[0].startswith("Participants are the people of your target group")
    assert "do not count" in said[0]


def test_a_programme_rule_comes_from_the_catalogue_with_source_and_period_for_the_programme_in_focus() -> None:
    _, said = explain(term_tracker("Was ist Kofinanzierung?", slots={"programme": "biwaq"}))
    assert said[0].startswith("Kofinanzierung ist Geld aus einer anderen Quelle")
    assert "BIWAQ" in said[1] and "90 %" in said[1] and "Quelle: https://" in said[1] and "Stand:" in said[1]
    assert "LSI" not in said[1]


def test_without_a_programme_in_focus_every_current_programme_that_states_the_rule_is_listed() -> None:
    _, said = explain(term_tracker("What is an own contribution?", lang="en"))
    rules = said[1]
    assert "LSI" in rules and "BIWAQ" in rules and "source: https://" in rules
    assert "PEB" not in rules  # ended programmes are left out


def test_in_the_draft_a_question_without_a_word_explains_the_open_question() -> None:
    _, said = explain(term_tracker("Was meinen Sie damit?", requested="contact_name", loop="draft_form"))
    assert said[0].startswith("Die Ansprechperson ist der Mensch")


def test_in_the_guidance_the_area_question_is_explained_with_the_programmes_that_need_an_area() -> None:
    _, said = explain(term_tracker("What do you mean by that?", requested="in_disadvantaged_area",
                                   loop="guidance_form", lang="en"))
    assert said[0].startswith("The eligible area is the neighbourhood")
    assert "BIWAQ" in said[1] and "Sozialer Zusammenhalt" in said[1]


def test_outside_a_form_a_question_without_a_word_asks_which_word() -> None:
    _, said = explain(term_tracker("What do you mean?", lang="en"))
    assert said == ["Which word shall I explain? For example: legal form, co-financing, eligible area, participants."]


# --- In the draft: the question changes nothing ---


def draft_tracker(text: str, requested: str, slots: dict[str, Any]) -> Tracker:
    latest = {"intent": {"name": "ask_term", "confidence": 1.0}, "entities": [], "text": text}
    return Tracker(sender_id="t2", slots={"language": "de", "requested_slot": requested, **slots},
                   latest_message=latest,
                   events=[{"event": "user", "timestamp": 1.0, "text": text, "parse_data": latest}],
                   paused=False, followup_action=None, active_loop={"name": "draft_form"},
                   latest_action_name="action_listen")


@pytest.mark.parametrize(
    ("requested", "text"),
    [
        ("legal_form", "Was genau meinen Sie mit Rechtsform?"),
        ("participants", "Zählen die Betreuer auch als Teilnehmende?"),
        ("contact_name", "What do you mean by contact person?"),
        ("contact_name", "Ansprechperson?"),
        ("total_budget_eur", "Gehört die Miete zu den Gesamtkosten?"),
        ("area", "Was ist ein Fördergebiet?"),
    ],
)
def test_a_question_about_a_word_at_a_draft_question_is_left_to_the_rules_and_stores_nothing(
    requested: str, text: str
) -> None:
    slots = {"programme": "lsi", "lsi_type": "A", "organisation_name": "Kiezküche Neukölln e.V."}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateDraftForm().run(dispatcher, draft_tracker(text, requested, slots), DOMAIN))
    assert [e for e in events if e.get("event") == "slot" and e["name"] in FIELD_NAMES] == []
    assert ActionExecutionRejected("draft_form") in events
    assert dispatcher.messages == []
