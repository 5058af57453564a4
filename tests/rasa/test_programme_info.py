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
    # the catalogue's condition for a group without legal form: a no for itself, and what it needs
    assert possible.startswith("Eine Gruppe ohne Rechtsform kann LSI nicht selbst beantragen")
    assert "Partner mit Rechtsform" in possible
    elsewhere = direct_answer({**DETAIL, "id": "lsi", "short_name": "LSI"}, "ask_programme_who",
                              {"organisation_type": "association", "state": "HH"}, NAMES, "de")
    assert elsewhere == "Nein – LSI gilt nur in Berlin."


def test_an_ended_programme_says_so_first_with_what_replaced_it() -> None:
    from actions.render import direct_answer

    ended = {**DETAIL, "id": "peb", "short_name": "PEB", "successor": "lsi", "availability": {"status": "closed"}}
    for intent in ("ask_programme_deadline", "ask_programme_who", "ask_programme_amount"):
        assert direct_answer(ended, intent, {}, NAMES, "en") == (
            "No – PEB has ended; it takes no more applications. Today, look at LSI type C (model projects) instead.")
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


def test_during_the_guidance_a_question_without_a_programme_is_about_the_best_fit_so_far() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"organisation_type": "association", "district": "Neukölln"},
                           intent="ask_programme_deadline")
    tracker.active_loop = {"name": "guidance_form"}
    ActionAnswerProgrammeQuestion(FakeFormService()).run(dispatcher, tracker, {})
    assert "ALPHA – Deadline [en]" in texts(dispatcher)[0]

def test_an_ended_programme_without_successor_names_whom_to_ask_today() -> None:
    from actions.render import direct_answer

    ended = {**DETAIL, "id": "aktiv_fuer_arbeit", "short_name": "Aktiv für Arbeit", "availability": {"status": "closed"}}
    answer = direct_answer(ended, "ask_programme_who", {}, NAMES, "en")
    assert answer.startswith("No – Aktiv für Arbeit has ended") and "G.I.B." in answer


def test_a_second_question_about_the_eligible_area_is_answered_too() -> None:
    from actions.render import further_facts

    both = "would three years and eight hundred thousand euros fit BIWAQ, and does Herne-Mitte count as an eligible area?"
    assert further_facts(both, "amount") == ["area"]
    assert further_facts("Zählt unser Gebiet als Fördergebiet?", "area") == []
    assert further_facts("How much does LSI pay?", "amount") == []


def test_a_question_naming_an_ended_programme_beside_its_successor_gets_the_type_that_took_over() -> None:
    from actions.render import ended_note, further_facts

    question = "What's the LSI equivalent of PEB then? And is there a co-financing requirement like we had with PEB?"
    assert "funding_rate" in further_facts(question, "applicants")
    assert ended_note("peb", NAMES, "en").endswith("Today, look at LSI type C (model projects) instead.")
    assert ended_note("lsi", NAMES, "en") == ""


def test_a_long_question_alone_describes_no_project() -> None:
    from actions.programme_info import _describes_project

    long_question = ("Hello, quick question: a friend said the LSI micro-project round is open right now with a "
                     "deadline in mid-December. Is that right? We're an association in Charlottenburg.")
    assert not _describes_project(make_tracker(text=long_question))
    described = "Is LSK still running? We want to train older unemployed people in Spandau."
    assert _describes_project(make_tracker(text=described))


def test_whether_it_is_possible_for_us_is_answered_for_the_applicant() -> None:
    from actions.render import direct_answer

    biwaq = {**DETAIL, "id": "biwaq", "short_name": "BIWAQ"}
    profile = {"organisation_type": "district_office",
               "text": "Wir möchten einen BIWAQ-Antrag vorbereiten. Ist das möglich, obwohl wir ein Bezirk sind?"}
    assert direct_answer(biwaq, "ask_programme_what", profile, NAMES, "de").startswith("Ja – als Bezirksamt")
    assert direct_answer(biwaq, "ask_programme_what", {"text": "Was ist BIWAQ?"}, NAMES, "de") == ""


def test_a_programme_question_during_the_guidance_waits_for_its_recommendation_when_nothing_fits_yet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"language": "de"}, intent="ask_programme_amount", text="vllt achttausend? is das viel?")
    tracker.active_loop = {"name": "guidance_form"}
    monkeypatch.setattr(ActionAnswerProgrammeQuestion, "_best_so_far", lambda self, tracker, lang: None)
    events = ActionAnswerProgrammeQuestion(FakeFormService()).run(dispatcher, tracker, {})
    assert events == [] and texts(dispatcher) == ["Das hängt vom Programm ab; ich nenne es Ihnen gleich mit seinen Grenzen."]


def test_how_to_get_the_money_anyway_gets_the_way_for_this_applicant() -> None:
    from actions.render import direct_answer

    lsi = {**DETAIL, "id": "lsi", "short_name": "LSI"}
    group = {"organisation_type": "initiative", "text": "und wie kommen wir dann trotzdem an geld? 🙁"}
    answer = direct_answer(lsi, "ask_programme_amount", group, NAMES, "de")
    assert "Partner" in answer and "nicht selbst" in answer
    association = {"organisation_type": "association", "text": "und wie kommen wir dann an Geld?"}
    assert direct_answer(lsi, "ask_programme_amount", association, NAMES, "de") == ""


def test_any_question_about_a_programme_the_applicant_cannot_apply_for_names_the_partner_route() -> None:
    _, dispatcher = _ask("ask_programme_deadline", {"organisation_type": "association"}, programme="biwaq")
    assert any("municipality may pass funds on" in t for t in texts(dispatcher))

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


@pytest.mark.parametrize(
    "said",
    ["Moment, i bin aber koi GmbH, nur Einzelunternehmer mit Gewerbeschein. Darf i des trotzdem beantrage?",
     "I'm a freelancer, no company. Can I apply?"],
)
def test_a_sole_trader_hears_no_and_how_it_works_instead(said: str) -> None:
    from actions.render import direct_answer

    lsi = {**DETAIL, "id": "lsi", "short_name": "LSI"}
    answer = direct_answer(lsi, "ask_programme_who", {"organisation_type": "other", "text": said}, NAMES, "de")
    assert answer.startswith("Nein – als Einzelunternehmer") and "natürliche Person" in answer


def test_who_they_say_they_are_in_the_question_is_who_the_answer_is_for() -> None:
    said = "wait, we are not association, not e.V. We are only women who meet, no papers. Can we still apply?"
    group = [{"entity": "organisation_type", "value": "initiative", "start": 50, "end": 55}]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"organisation_type": "association"}, intent="ask_programme_who", text=said,
                           entities=[{"entity": "programme", "value": "lsi"}, *group])
    ActionAnswerProgrammeQuestion(FakeFormService()).run(dispatcher, tracker, {})
    answer = texts(dispatcher)[0]
    assert "as an association" not in answer and answer.startswith("A group without a legal form cannot apply")
