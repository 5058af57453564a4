"""The guidance form's questions, answers and the recommendation, against a fake form service."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import match_client
from actions.formservice import FormServiceError
from actions.guidance import (
    ActionExplainQuestion,
    ActionRecommendProgramme,
    ActionSkipQuestion,
    AskInDisadvantagedArea,
    AskOrganisationType,
    ValidateGuidanceForm,
)
from tests.rasa.guidance_fakes import FakeFormService, entity, make_tracker, texts

DOMAIN: dict[str, Any] = {
    "slots": {},
    "forms": {"guidance_form": {"required_slots": ["organisation_type", "state", "district", "in_disadvantaged_area",
                                                   "requested_amount_eur", "duration_months"]}},
}


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    match_client.clear_cache()


def _slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def _validate(tracker: Any, service: FakeFormService) -> tuple[dict[str, Any], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateGuidanceForm(service).run(dispatcher, tracker, DOMAIN))
    return _slot_events(events), dispatcher


def test_asks_first_what_the_form_service_says_is_missing() -> None:
    tracker = make_tracker({"district": "Neukölln"}, intent="describe_project",
                           entities=[entity("district", "Neukölln")])
    slots, _ = _validate(tracker, FakeFormService())
    assert slots["requested_slot"] == "organisation_type"


def test_a_describe_project_message_fills_several_slots_and_the_amount() -> None:
    tracker = make_tracker(
        {"organisation_type": "association", "district": "Neukölln"},
        intent="describe_project",
        entities=[entity("organisation_type", "association"), entity("district", "Neukölln"),
                  entity("amount", "15000")],
    )
    slots, _ = _validate(tracker, FakeFormService())
    assert slots["requested_amount_eur"] == "15000"
    # Only the area question of the second programme is still open.
    assert slots["requested_slot"] == "in_disadvantaged_area"


def test_yes_to_the_area_question_fills_it_and_ends_the_form() -> None:
    tracker = make_tracker(
        {"organisation_type": "association", "district": "Neukölln", "requested_amount_eur": "15000",
         "requested_slot": "in_disadvantaged_area"},
        intent="affirm",
    )
    slots, _ = _validate(tracker, FakeFormService())
    assert slots["in_disadvantaged_area"] is True
    assert slots["requested_slot"] is None


def test_skipped_questions_are_not_asked_again() -> None:
    tracker = make_tracker({"organisation_type": "association", "district": "Neukölln",
                            "guidance_skipped": ["requested_amount_eur", "in_disadvantaged_area"]})
    assert asyncio.run(ValidateGuidanceForm(FakeFormService()).required_slots([], CollectingDispatcher(), tracker,
                                                                              DOMAIN)) == [
        "organisation_type", "district"]


def test_a_district_the_form_service_rejects_is_asked_again_with_its_message() -> None:
    tracker = make_tracker({"district": "Atlantis", "requested_slot": "district"},
                           entities=[entity("district", "Atlantis")])
    dispatcher = CollectingDispatcher()
    result = ValidateGuidanceForm(FakeFormService()).check("district", "Atlantis", dispatcher, tracker)
    assert result == {"district": None}
    assert texts(dispatcher) == ["Enter one of the 12 Berlin districts."]


def test_an_amount_that_is_not_a_number_is_asked_again() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"language": "de"})
    result = ValidateGuidanceForm(FakeFormService()).check("requested_amount_eur", "viel", dispatcher, tracker)
    assert result == {"requested_amount_eur": None}
    assert texts(dispatcher) == ["Das konnte ich leider nicht als Antwort verwenden."]


def test_when_the_service_is_down_the_form_asks_nothing_more() -> None:
    tracker = make_tracker({"organisation_type": "association"})
    required = asyncio.run(ValidateGuidanceForm(FakeFormService(down=True)).required_slots(
        [], CollectingDispatcher(), tracker, DOMAIN))
    assert required == ["organisation_type"]


def test_one_match_call_per_profile_in_a_turn() -> None:
    service = FakeFormService()
    tracker = make_tracker({"district": "Neukölln"})
    _validate(tracker, service)
    assert len(service.match_calls) == 1


@pytest.mark.parametrize(("lang", "expected"), [("en", "Who would apply?"), ("de", "Wer würde den Antrag stellen?")])
def test_each_question_has_a_reason_buttons_and_counts(lang: str, expected: str) -> None:
    dispatcher = CollectingDispatcher()
    events = AskOrganisationType().run(dispatcher, make_tracker({"language": lang}), DOMAIN)
    message = dispatcher.messages[0]
    assert message["text"].startswith(expected) and len(message["text"]) > len(expected) + 20
    assert {"title": "Verein" if lang == "de" else "Association",
            "payload": '/inform{"organisation_type":"association"}'} in message["buttons"]
    assert _slot_events(events) == {"guidance_asked": ["organisation_type"],
                                    "guidance_repeats": {"slot": "organisation_type", "count": 1}}


def test_asking_again_does_not_count_twice_and_says_it_can_be_left_open() -> None:
    dispatcher = CollectingDispatcher()
    asked = {"guidance_asked": ["in_disadvantaged_area"],
             "guidance_repeats": {"slot": "in_disadvantaged_area", "count": 1}}
    events = AskInDisadvantagedArea().run(dispatcher, make_tracker(asked), DOMAIN)
    assert _slot_events(events) == {"guidance_repeats": {"slot": "in_disadvantaged_area", "count": 2}}
    assert dispatcher.messages[0]["text"].startswith("Let me ask once more:")
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny", "/skip"]


def test_a_question_asked_twice_without_an_answer_is_left_open() -> None:
    import asyncio

    from actions.guidance import ValidateGuidanceForm

    events_before = [{"event": "action", "name": "action_extract_slots"}]
    tracker = make_tracker({"requested_slot": "district", "organisation_type": "association", "state": "BE",
                            "guidance_repeats": {"slot": "district", "count": 2}}, intent="inform", text="bei uns um die Ecke",
                           events=[{"event": "user", "timestamp": 1.0, "text": "bei uns um die Ecke",
                                    "parse_data": {"intent": {"name": "inform"}, "entities": []}}, *events_before])
    tracker.active_loop = {"name": "guidance_form"}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateGuidanceForm(FakeFormService()).run(dispatcher, tracker, DOMAIN))
    assert _slot_events(events)["guidance_skipped"] == ["district"]
    assert _slot_events(events)["requested_slot"] == "in_disadvantaged_area"
    assert texts(dispatcher) == ["Let's leave that open; I'll recommend with what I know."]


def test_after_an_interruption_a_question_asked_twice_is_not_asked_a_third_time() -> None:
    # The second answer was not understood (the fallback answered it); the form comes back to its question.
    tracker = make_tracker({"requested_slot": "district", "organisation_type": "association", "state": "BE",
                            "guidance_repeats": {"slot": "district", "count": 2}}, intent="nlu_fallback",
                           text="hä?", events=[{"event": "user", "timestamp": 1.0, "text": "hä?"},
                                               {"event": "action", "name": "action_handle_fallback"}])
    tracker.active_loop = {"name": "guidance_form"}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateGuidanceForm(FakeFormService()).run(dispatcher, tracker, DOMAIN))
    slots = _slot_events(events)
    assert slots["guidance_skipped"] == ["district"]
    assert slots["requested_slot"] == "in_disadvantaged_area"
    assert texts(dispatcher) == ["Let's leave that open; I'll recommend with what I know."]


@pytest.mark.parametrize(
    ("answer", "district"),
    [("Wedding hab ick doch jesacht. Is doch Mitte, oda?", "Mitte"), ("Na Berlin, wo denn sonst, Wedding!", "Mitte"),
     ("in Buch", "Pankow")],
)
def test_a_district_named_by_an_everyday_word_answers_the_district_question(answer: str, district: str) -> None:
    tracker = make_tracker({"requested_slot": "district", "organisation_type": "association", "state": "BE",
                            "language": "de"}, intent="inform", text=answer,
                           events=[{"event": "user", "timestamp": 1.0, "text": answer}])
    tracker.active_loop = {"name": "guidance_form"}
    slots, dispatcher = _validate(tracker, FakeFormService())
    assert slots["district"] == district
    assert slots["requested_slot"] == "in_disadvantaged_area"
    assert texts(dispatcher) == []


def test_a_district_word_outside_the_district_question_is_no_answer() -> None:
    tracker = make_tracker({"requested_slot": "requested_amount_eur", "organisation_type": "association",
                            "state": "BE"}, intent="inform", text="so in der Mitte, 5000 Euro",
                           entities=[entity("amount", "5000")],
                           events=[{"event": "user", "timestamp": 1.0, "text": "so in der Mitte, 5000 Euro"}])
    tracker.active_loop = {"name": "guidance_form"}
    slots, _ = _validate(tracker, FakeFormService())
    assert "district" not in slots


def test_skip_remembers_the_question() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": "requested_amount_eur", "guidance_skipped": ["district"]}, intent="skip")
    events = ActionSkipQuestion().run(dispatcher, tracker, DOMAIN)
    assert _slot_events(events) == {"guidance_skipped": ["district", "requested_amount_eur"]}
    assert texts(dispatcher) == ["All right, we'll leave that open."]


def test_why_needed_explains_the_current_question() -> None:
    dispatcher = CollectingDispatcher()
    ActionExplainQuestion().run(dispatcher, make_tracker({"requested_slot": "district"}), DOMAIN)
    assert "district" in texts(dispatcher)[0] and "contact" in texts(dispatcher)[0]


def test_asked_whether_a_question_counts_for_a_programme_the_catalogue_answers() -> None:
    area = {"requested_slot": "in_disadvantaged_area", "language": "de"}
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(area, intent="ask_why_needed", entities=[entity("programme", "wdm")],
                           text="Ist das für WdM denn relevant?")
    events = ActionExplainQuestion().run(dispatcher, tracker, DOMAIN)
    # WdM needs no eligible area: said so, and the question is left open; BIWAQ needs one
    assert texts(dispatcher)[0].startswith("Für WdM spielt das keine Rolle") and "BIWAQ" in texts(dispatcher)[0]
    assert _slot_events(events) == {"guidance_skipped": ["in_disadvantaged_area"]}
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(area, intent="ask_why_needed", entities=[entity("programme", "biwaq")])
    assert ActionExplainQuestion().run(dispatcher, tracker, DOMAIN) == []
    assert texts(dispatcher)[0].startswith("Ja, für BIWAQ zählt das. Ich frage, weil")


def test_recommendation_has_programme_reasons_calls_limits_contact_alternatives_and_draft_offer() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"organisation_type": "association", "district": "Neukölln", "requested_amount_eur": "15000"})
    events = ActionRecommendProgramme(FakeFormService()).run(dispatcher, tracker, DOMAIN)
    body = "\n".join(texts(dispatcher))
    # The headline is the verdict of the form service: "fits, no call is open", never "you can apply".
    assert body.startswith("ALPHA fits; no call is open now [en].") and "you can apply" not in body
    assert "ALPHA reason [en]." in body
    # the amount is known: the reasons name the type it is for, not the limits of every type
    assert "ALPHA up to 1 euro [en]." not in body
    assert "Talk to the office in Neukölln [en]: https://example.org/office" in body
    assert "Also possible: BETA." in body and "GAMMA" not in body
    last = dispatcher.messages[-1]
    assert last["text"] == "Shall I start an application draft for ALPHA? It gets you ready for the next call."
    assert [b["payload"] for b in last["buttons"]] == [
        "/start_application", '/ask_programme_apply{"programme":"lsi"}', "/request_human", "/deny"]
    slots = _slot_events(events)
    assert slots["recommended_programme"] == "lsi" and "programme" not in slots
    assert slots["match_result"]["programme"] == "lsi"
    assert slots["match_result"]["profile"]["budget_eur"] == 15000
    assert [r["programme"] for r in slots["match_result"]["ranking"]] == ["lsi", "wdm", "biwaq"]


def test_recommendation_in_german() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"language": "de", "organisation_type": "association", "district": "Neukölln"})
    ActionRecommendProgramme(FakeFormService()).run(dispatcher, tracker, DOMAIN)
    assert texts(dispatcher)[0].startswith("ALPHA fits; no call is open now [de].")
    assert texts(dispatcher)[-1] == (
        "Soll ich einen Antragsentwurf für ALPHA anlegen? Damit sind Sie für den nächsten Aufruf vorbereitet.")


def test_when_nothing_fits_it_says_why_and_offers_a_person() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"organisation_type": "association", "requested_amount_eur": "5000000"})
    events = ActionRecommendProgramme(FakeFormService()).run(dispatcher, tracker, DOMAIN)
    body = "\n".join(texts(dispatcher))
    assert body.startswith("Nothing fits [en].")
    assert "ALPHA: too much [en]." in body and "BETA: BETA reason [en]." in body
    assert "What you can do next: Ask the advice office [en]: https://example.org/advice" in body
    assert "GAMMA" not in body  # ended programmes are not listed
    assert dispatcher.messages[-1]["buttons"] == [{"title": "Talk to a person", "payload": "/request_human"}]
    assert _slot_events(events)["recommended_programme"] is None


def test_recommendation_when_the_service_is_down() -> None:
    dispatcher = CollectingDispatcher()
    events = ActionRecommendProgramme(FakeFormService(down=True)).run(dispatcher, make_tracker(), DOMAIN)
    assert events == []
    assert texts(dispatcher) == ["Sorry, our programme directory can't be reached right now. Please try again in a moment."]


def test_profile_rejected_twice_is_an_error() -> None:
    class AlwaysRejects(FakeFormService):
        def match(self, profile: dict[str, Any]) -> dict[str, Any]:
            raise FormServiceError("422", 422, {"errors": {"district": "bad", "state": "bad"}})

    with pytest.raises(FormServiceError):
        match_client.match_profile(AlwaysRejects(), {"lang": "en", "district": "x", "state": "y"})


def test_rejected_district_is_left_out_of_the_match() -> None:
    match = match_client.match_profile(FakeFormService(), {"lang": "en", "district": "Atlantis"})
    assert "district" not in match.profile and match.rejected == {"district": "Enter one of the 12 Berlin districts."}
    assert match.results[0]["programme"] == "lsi"


def test_you_can_apply_only_while_a_call_is_open() -> None:
    from actions.render import recommendation

    best = {"programme": "lsi", "eligibility": "eligible", "reasons": [], "next_step": None,
            "verdict": {"can_apply_now": True, "headline": "Sie können ALPHA jetzt beantragen."}}
    lines = recommendation(best, {"short_name": "ALPHA", "facts": []}, [], {}, "de")
    assert lines == ["Sie können ALPHA jetzt beantragen.", "Soll ich einen Antragsentwurf für ALPHA anlegen?"]


def test_one_more_detail_that_changes_nothing_gets_one_line_not_the_whole_recommendation() -> None:
    profile = {"organisation_type": "association", "district": "Neukölln", "requested_amount_eur": "15000"}
    first = CollectingDispatcher()
    events = ActionRecommendProgramme(FakeFormService()).run(first, make_tracker(profile), DOMAIN)
    previous = _slot_events(events)["match_result"]
    again = CollectingDispatcher()
    tracker = make_tracker({**profile, "duration_months": "12", "match_result": previous})
    events = ActionRecommendProgramme(FakeFormService()).run(again, tracker, DOMAIN)
    assert texts(again) == [
        "Thanks, noted. That doesn't change my recommendation: ALPHA is still the best fit.",
        "Shall I start an application draft for ALPHA?",
    ]
    assert again.messages[-1]["buttons"] == first.messages[-1]["buttons"]
    assert _slot_events(events)["recommended_programme"] == "lsi"


def test_a_question_after_the_recommendation_that_changes_nothing_gets_its_answer() -> None:
    profile = {"organisation_type": "association", "district": "Neukölln", "requested_amount_eur": "15000"}
    events = ActionRecommendProgramme(FakeFormService()).run(CollectingDispatcher(), make_tracker(profile), DOMAIN)
    previous = _slot_events(events)["match_result"]
    again = CollectingDispatcher()
    tracker = make_tracker({**profile, "match_result": previous, "language": "de"}, intent="find_programme",
                           text="Gibt es dafür feste Fristen?")
    ActionRecommendProgramme(FakeFormService()).run(again, tracker, DOMAIN)
    assert texts(again)[0].startswith("ALPHA – Deadline [de]: Next call unknown [de]")


def test_a_new_district_repeats_the_recommendation_with_its_contact() -> None:
    profile = {"organisation_type": "association", "district": "Neukölln", "requested_amount_eur": "15000"}
    events = ActionRecommendProgramme(FakeFormService()).run(CollectingDispatcher(), make_tracker(profile), DOMAIN)
    previous = _slot_events(events)["match_result"]
    moved = {**profile, "district": "Pankow", "match_result": previous}
    dispatcher = CollectingDispatcher()
    ActionRecommendProgramme(FakeFormService()).run(dispatcher, make_tracker(moved), DOMAIN)
    assert len(texts(dispatcher)) > 2 and "still the best fit" not in "\n".join(texts(dispatcher))



def test_without_any_known_call_dates_the_draft_is_offered_without_a_next_call() -> None:
    from actions import render

    best = {"programme": "alpha", "verdict": {"key": "fits_no_open_call", "can_apply_now": False,
                                              "headline": "ALPHA fits; we know of no fixed call dates."}}
    lines = render.recommendation(best, {"short_name": "ALPHA"}, [], {"alpha": "ALPHA"}, "en")
    assert lines[-1] == "Shall I start an application draft for ALPHA?"


def _user(text: str, intent: str) -> dict[str, Any]:
    return {"event": "user", "timestamp": 1.0, "text": text, "parse_data": {"intent": {"name": intent}}}


def test_the_project_said_in_a_question_before_the_guidance_is_not_asked_for() -> None:
    opening = "We teach unemployed women to sew. Do we need a district?"
    tracker = make_tracker({"organisation_type": "association", "district": "Neukölln"}, intent="affirm",
                           text="yes", events=[_user(opening, "ask_programme_who"),
                                               {"event": "action", "name": "action_answer_programme_question"},
                                               _user("yes", "affirm")])
    slots, _ = _validate(tracker, FakeFormService())
    assert slots["project_description"] == opening


def test_an_opening_without_an_activity_is_no_description() -> None:
    tracker = make_tracker({"organisation_type": "association"}, intent="find_programme",
                           text="We are an association in Neukölln looking for money",
                           events=[_user("We are an association in Neukölln looking for money", "find_programme")])
    slots, _ = _validate(tracker, FakeFormService())
    assert slots.get("project_description") is None


def test_a_description_with_a_question_after_it_is_kept_and_the_question_goes_to_its_rule() -> None:
    answer = "Single parents who are unemployed get coaching from us. When is the next deadline?"
    tracker = make_tracker({"requested_slot": "project_description", "organisation_type": "association"},
                           intent="ask_programme_deadline", text=answer,
                           events=[_user(answer, "ask_programme_deadline"),
                                   {"event": "action", "name": "action_extract_slots"}])
    tracker.active_loop = {"name": "guidance_form"}
    events = asyncio.run(ValidateGuidanceForm(FakeFormService()).run(CollectingDispatcher(), tracker, DOMAIN))
    assert _slot_events(events) == {"project_description": "Single parents who are unemployed get coaching from us."}
    assert events[-1]["event"] == "action_execution_rejected"


def test_an_answer_with_a_question_keeps_what_it_says_about_the_project() -> None:
    answer = "Wir coachen Alleinerziehende ohne Arbeit. Geht das?"
    tracker = make_tracker({"requested_slot": "project_description", "language": "de"}, intent="describe_project",
                           text=answer)
    result = ValidateGuidanceForm(FakeFormService()).check("project_description", answer, CollectingDispatcher(),
                                                           tracker)
    assert result == {"project_description": "Wir coachen Alleinerziehende ohne Arbeit."}


def test_a_later_message_without_an_activity_does_not_erase_the_description() -> None:
    opening = "We coach unemployed single parents in Neukölln, about 40k"
    later = "ok whatever, 6 months and 40k, let's do it"
    tracker = make_tracker({"project_description": later, "organisation_type": "association"},
                           intent="find_programme", text=later,
                           events=[_user(opening, "find_programme"), {"event": "action", "name": "utter_x"},
                                   _user(later, "find_programme")])
    result = ValidateGuidanceForm(FakeFormService()).check("project_description", later, CollectingDispatcher(),
                                                           tracker)
    assert result == {"project_description": opening}


def _answering(slots: dict[str, Any], text: str, intent: str,
               entities: list[dict[str, Any]] | None = None) -> Any:
    tracker = make_tracker(slots, intent=intent, text=text, entities=entities,
                           events=[_user(text, intent), {"event": "action", "name": "action_extract_slots"}])
    tracker.active_loop = {"name": "guidance_form"}
    return tracker


@pytest.mark.parametrize("intent", ["ask_capabilities", "ask_programme_amount", "nlu_fallback"])
def test_what_is_normal_at_the_amount_question_gets_the_amounts_of_the_best_programme(intent: str) -> None:
    tracker = _answering({"requested_slot": "requested_amount_eur", "organisation_type": "association",
                          "district": "Neukölln", "in_disadvantaged_area": False}, "I dont know. what is normal?",
                         intent)
    slots, dispatcher = _validate(tracker, FakeFormService())
    assert texts(dispatcher) == ["ALPHA – How much [en]: ALPHA up to 1 euro [en] (source: https://example.org/amount, "
                                 "as of: 2024)"]
    assert slots["requested_slot"] == "requested_amount_eur"  # asked once more


def test_an_amount_with_a_question_back_is_taken_and_the_question_answered() -> None:
    tracker = _answering({"requested_slot": "requested_amount_eur", "organisation_type": "association",
                          "district": "Neukölln", "language": "de"}, "kp, vllt achttausend? is das viel?",
                         "ask_programme_amount", [entity("amount", "8000")])
    slots, dispatcher = _validate(tracker, FakeFormService())
    assert slots["requested_amount_eur"] == "8000"
    assert texts(dispatcher)[0].startswith("ALPHA")


def test_a_question_about_something_else_goes_to_its_rule() -> None:
    tracker = _answering({"requested_slot": "requested_amount_eur"}, "when is the deadline?", "ask_programme_deadline")
    events = asyncio.run(ValidateGuidanceForm(FakeFormService()).run(CollectingDispatcher(), tracker, DOMAIN))
    assert [e["event"] for e in events] == ["action_execution_rejected"]


def test_not_knowing_the_answer_leaves_the_question_open_without_calling_it_not_understood() -> None:
    tracker = _answering({"requested_slot": "requested_amount_eur", "organisation_type": "association",
                          "district": "Neukölln", "language": "de"},
                         "Keene Ahnung ehrlich. Paar Tausender für Werkzeuch wärn schon jut", "describe_project")
    slots, dispatcher = _validate(tracker, FakeFormService())
    assert slots["guidance_skipped"] == ["requested_amount_eur"]
    assert slots["requested_slot"] == "in_disadvantaged_area"
    assert texts(dispatcher) == ["In Ordnung, das lassen wir offen."]


@pytest.mark.parametrize(
    ("said", "amounts", "requested"),
    [("Knapp zwanzigtausend, so neunzehntausendfünfhundert.", ["20000", "19500"], "19500"),
     ("insgesamt 52k, davon wollen wir 45k gefördert haben", ["52000", "45000"], "45000"),
     ("ca 15.000, eher 16.000", ["15000", "16000"], "16000"),
     ("5.000 jetzt und 40.000 später", ["5000", "40000"], "5000")],
)
def test_of_several_amounts_the_requested_one_is_taken(said: str, amounts: list[str], requested: str) -> None:
    tracker = _answering({"requested_slot": "requested_amount_eur", "language": "de"}, said, "inform",
                         [entity("amount", a) for a in amounts])
    slots, _ = _validate(tracker, FakeFormService())
    assert slots["requested_amount_eur"] == requested

def test_no_draft_is_offered_for_a_programme_the_applicant_only_takes_part_in_as_a_partner() -> None:
    from actions.render import recommendation

    best = {"programme": "wdm", "verdict": {"headline": "WdM could fit."}, "reasons": [],
            "next_step": {"kind": "partner", "text": "Talk to the business development unit."}}
    lines = recommendation(best, {"short_name": "WdM", "facts": []}, [], {"wdm": "WdM"}, "en")
    assert lines[-1].startswith("Only the district office applies for WdM") and "draft for WdM" not in lines[-1]


def test_a_skip_that_asks_whether_the_question_counts_for_a_programme_gets_the_answer() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": "in_disadvantaged_area", "language": "de"}, intent="skip",
                           entities=[entity("programme", "wdm")], text="Ist das für WdM denn relevant? Meines Wissens nicht.")
    events = ActionSkipQuestion().run(dispatcher, tracker, DOMAIN)
    assert texts(dispatcher) == [
        "Für WdM spielt das keine Rolle, deshalb lasse ich die Frage offen (zählen würde sie für BIWAQ)."]
    assert _slot_events(events) == {"guidance_skipped": ["in_disadvantaged_area"]}


def test_without_an_amount_the_recommendation_gives_the_limits_of_every_type() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"organisation_type": "association", "district": "Neukölln"})
    ActionRecommendProgramme(FakeFormService()).run(dispatcher, tracker, DOMAIN)
    assert "ALPHA up to 1 euro [en]. (source: https://example.org/amount, as of: 2024)" in "\n".join(texts(dispatcher))


def test_no_draft_is_offered_as_preparation_for_a_next_call_nobody_knows_of() -> None:
    from actions.render import recommendation

    verdict = {"headline": "BIWAQ fits.", "last_closed": {"closes": "2025-10-15"}, "can_apply_now": False,
               "next_round_known": False}
    best = {"programme": "biwaq", "verdict": verdict, "reasons": [], "next_step": {}}
    last = recommendation(best, {"short_name": "BIWAQ", "facts": []}, [], {}, "de")[-1]
    assert "nächsten Aufruf vorbereitet" not in last and "nicht bekannt" in last


def test_with_the_amount_known_the_limits_in_the_reasons_carry_their_source() -> None:
    from actions import render

    best = {"programme": "alpha", "reasons": ["€15,000 fits type A (grant up to €20,000)"],
            "verdict": {"headline": "ALPHA fits."}}
    detail = {"short_name": "ALPHA", "facts": [{"key": "amount", "value": "A: up to €20,000",
                                                 "source": "https://example.org/amount", "period": "2021–2027"}]}
    with_amount = render.recommendation(best, detail, [], {"alpha": "ALPHA"}, "en", amount_known=True)
    assert "https://example.org/amount" in with_amount[0]
    assert not any(line.startswith("Limits") for line in with_amount[1:])
