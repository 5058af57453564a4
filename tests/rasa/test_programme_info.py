"""Questions about a programme: answered from the API with source and period, unknown facts say who knows."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import match_client
from actions.programme_info import ActionAnswerProgrammeQuestion
from actions.render import fact_for_question
from tests.rasa.guidance_fakes import FakeFormService, entity, make_tracker, texts


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    match_client.clear_cache()


def _ask(intent: str, slots: dict[str, Any] | None = None, programme: str | None = None,
         service: FakeFormService | None = None) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    entities = [entity("programme", programme)] if programme else []
    tracker = make_tracker(slots, intent=intent, entities=entities)
    events = ActionAnswerProgrammeQuestion(service or FakeFormService()).run(dispatcher, tracker, {})
    return events, dispatcher


def test_who_may_apply_with_source_and_period() -> None:
    events, dispatcher = _ask("ask_programme_who", programme="wdm")
    assert texts(dispatcher) == [
        "BETA – Who may apply [en]: BETA applicants [en] (source: https://example.org/who, as of: 2021–2027)"]
    # A question is no answer: only the topic of follow-up questions moves, the draft's programme stays.
    assert events == [{"event": "slot", "timestamp": None, "name": "discussed_programme", "value": "wdm"}]


def test_without_a_programme_entity_the_programme_in_focus_is_used() -> None:
    for slots in ({"recommended_programme": "lsi"}, {"programme": "lsi"}, {"discussed_programme": "lsi"}):
        events, dispatcher = _ask("ask_programme_amount", {**slots, "language": "de"})
        assert texts(dispatcher) == [
            "ALPHA – How much [de]: ALPHA up to 1 euro [de] (Quelle: https://example.org/amount, Stand: 2024)"]
        assert all(e["name"] == "discussed_programme" for e in events)


def test_a_fact_without_a_source_is_given_without_one() -> None:
    _, dispatcher = _ask("ask_programme_what", programme="lsi")
    assert texts(dispatcher) == ["ALPHA – What it is [en]: ALPHA summary [en]"]


def test_deadline_is_given_as_of_the_availability_date() -> None:
    _, dispatcher = _ask("ask_programme_deadline", programme="lsi")
    assert texts(dispatcher)[0].endswith("(source: https://example.org/calls, as of: 2026-11-22)")


def test_an_unknown_fact_says_so_and_who_knows() -> None:
    dispatcher = CollectingDispatcher()
    ActionAnswerProgrammeQuestion(FakeFormService()).run(
        dispatcher, make_tracker({"programme": "lsi"}, intent="ask_programme_duration"), {})
    # The fake has no duration fact at all; the bot must not invent one but name whom to ask.
    assert texts(dispatcher) == ["I have no information on this for ALPHA. Please ask: ALPHA desk [en]"]


def test_unknown_target_groups_name_who_knows() -> None:
    from actions.render import fact_answer

    detail = FakeFormService().programme("lsi", "en")
    assert fact_answer(detail, "target_groups", "en") == "ALPHA – Target groups [en]: Unknown [en]. Ask the office."


def test_no_programme_known_asks_which_with_the_same_question_on_the_buttons() -> None:
    events, dispatcher = _ask("ask_programme_contact")
    assert texts(dispatcher) == ["Which programme would you like to know this about?"]
    assert dispatcher.messages[0]["buttons"][0] == {"title": "ALPHA", "payload": '/ask_programme_contact{"programme":"lsi"}'}
    assert events == []


def test_contact_question_also_names_the_district_office() -> None:
    _, dispatcher = _ask("ask_programme_contact", {"district": "Pankow"}, programme="lsi")
    assert texts(dispatcher)[1] == "Whom to contact: Talk to the office in Pankow [en]: https://example.org/office"


def test_unknown_programme_lists_the_known_ones() -> None:
    events, dispatcher = _ask("ask_programme_what", programme="xyz")
    assert texts(dispatcher) == ["I don't know this programme. I know: ALPHA, BETA, GAMMA."]
    assert events[0]["value"] is None


def test_service_down() -> None:
    _, dispatcher = _ask("ask_programme_what", programme="lsi", service=FakeFormService(down=True))
    assert "can't be reached" in texts(dispatcher)[0]


DETAIL = {
    "id": "wdm",
    "short_name": "WdM",
    "successor": None,
    "availability": {"status": "no_open_call"},
    "facts": [{"key": "region", "value": "Berlin"}],
}
NAMES = {"lsi": "LSI", "wdm": "WdM", "peb": "PEB"}


def test_the_direct_answer_comes_first_yes_no_or_possibly_for_this_applicant() -> None:
    from actions.render import direct_answer

    no = direct_answer(DETAIL, "ask_programme_who", {"organisation_type": "small_business"}, NAMES, "de")
    assert no == "Nein – Sie können WdM nicht selbst beantragen: das können nur Bezirksämter."
    yes = direct_answer({**DETAIL, "id": "lsi", "short_name": "LSI"}, "ask_programme_who",
                        {"organisation_type": "association"}, NAMES, "en")
    assert yes == "Yes – as an association you may apply for LSI."
    possible = direct_answer({**DETAIL, "id": "lsi", "short_name": "LSI"}, "ask_programme_who",
                             {"organisation_type": "initiative"}, NAMES, "de")
    assert possible.startswith("Vielleicht") and "Rechtsform oder einen Partner" in possible
    elsewhere = direct_answer({**DETAIL, "id": "lsi", "short_name": "LSI"}, "ask_programme_who",
                              {"organisation_type": "association", "state": "HH"}, NAMES, "de")
    assert elsewhere == "Nein – LSI gilt nur in Berlin."


def test_an_ended_programme_says_so_first_with_what_replaced_it() -> None:
    from actions.render import direct_answer

    ended = {**DETAIL, "id": "peb", "short_name": "PEB", "successor": "lsi", "availability": {"status": "closed"}}
    for intent in ("ask_programme_deadline", "ask_programme_who", "ask_programme_amount"):
        assert direct_answer(ended, intent, {}, NAMES, "en") == (
            "No – PEB has ended; it takes no more applications. Today, look at LSI instead.")
    assert direct_answer(DETAIL, "ask_programme_deadline", {}, NAMES, "de") == "Für WdM ist gerade kein Aufruf offen."


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("muss man da eigentlich was selbst dazu bezahlen?", "funding_rate"),
        ("Wie hoch ist der Eigenanteil bei BIWAQ?", "funding_rate"),
        ("do we need our own contribution?", "funding_rate"),
        ("is it fully funded?", "funding_rate"),
        ("wie viel Prozent wird gefördert?", "funding_rate"),
        ("Wie viel Geld gibt es bei LSI?", "amount"),
        ("how much does LSI pay?", "amount"),
    ],
)
def test_a_question_about_the_own_contribution_is_answered_by_the_funding_rate(question: str, fact: str) -> None:
    assert fact_for_question("ask_programme_amount", question) == fact
    assert fact_for_question("ask_programme_deadline", question) == "deadline"


def test_a_question_about_the_difference_between_the_types_gets_the_types() -> None:
    assert fact_for_question("ask_programme_what", "wat is'n da der Unterschied?") == "amount"
    assert fact_for_question("ask_programme_what", "und was heißt das?", "lsi_type") == "amount"
    assert fact_for_question("ask_programme_what", "Was ist LSI?") == "summary"


def test_a_figure_stated_beside_a_question_is_stated_one_inside_the_question_is_supposed() -> None:
    from actions.programme_info import stated_entity

    stated = "Wir möchten uns für PEB bewerben, ca. 200.000 €, 30 Monate. Läuft gerade ein Wettbewerb?"
    supposed = "Darf ein LSI-Projekt auch 30 Monate laufen?"
    for message, expected in ((stated, "30"), (supposed, None)):
        start = message.index("30 Monate")
        found = {"entity": "duration", "value": "30", "start": start, "end": start + 9}
        assert stated_entity(make_tracker(text=message, entities=[found]), "duration") == expected


def test_a_deadline_question_about_one_project_type_gets_that_types_last_call() -> None:
    from actions.render import fact_answer

    detail = {
        "short_name": "LSI",
        "facts": [{"key": "deadline", "label": "Fristen", "value": "kein offener Aufruf"}],
        "availability": {
            "source": "https://example.org/calls",
            "as_of": "2026-11-30",
            "last_call": {"variant": "C"},
            "last_by_variant": {
                "B": {"text": "Zuletzt für Typ B: zweiter Aufruf, 5. Mai – 31. Juli 2025.",
                      "source": "https://example.org/b", "closes": "2025-07-31"},
                "C": {"text": "Zuletzt für Typ C: …", "source": "https://example.org/c", "closes": "2025-09-30"},
            },
        },
    }
    answer = fact_answer(detail, "deadline", "de", variant="B")
    assert "Zuletzt für Typ B: zweiter Aufruf, 5. Mai – 31. Juli 2025." in answer
    assert "https://example.org/b" in answer
    # The type whose call was the last one overall needs no second sentence.
    assert "Zuletzt für Typ C" not in fact_answer(detail, "deadline", "de", variant="C")
    assert "Zuletzt für Typ" not in fact_answer(detail, "deadline", "de")
