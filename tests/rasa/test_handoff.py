"""Hand-over to a person, the callback request (only with consent), and the fallback."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import match_client
from actions.fallback import ActionHandleFallback, consecutive_fallbacks
from actions.handoff import ActionOfferHuman, ActionSubmitCallback, ValidateCallbackForm, contact_from_text
from tests.rasa.guidance_fakes import FakeFormService, make_tracker, texts


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    match_client.clear_cache()


def _user(intent: str, timestamp: float = 1.0) -> dict[str, Any]:
    return {"event": "user", "timestamp": timestamp, "parse_data": {"intent": {"name": intent}}}


def test_offer_names_the_district_office_and_offers_a_callback() -> None:
    dispatcher = CollectingDispatcher()
    ActionOfferHuman(FakeFormService()).run(dispatcher, make_tracker({"district": "Mitte"}, intent="request_human"), {})
    assert texts(dispatcher)[0] == (
        "Of course. Someone who can help you in person: Talk to the office in Mitte [en]: https://example.org/office")
    assert "get back to you" in texts(dispatcher)[1]
    assert [b["payload"] for b in dispatcher.messages[1]["buttons"]] == ["/affirm", "/deny"]


def test_offer_names_the_contact_of_the_programme_discussed() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"programme": "biwaq", "language": "de"}, intent="request_human")
    ActionOfferHuman(FakeFormService()).run(dispatcher, tracker, {})
    assert texts(dispatcher)[0] == "Gern. Persönlich weiterhelfen kann Ihnen: GAMMA desk [de]: https://example.org/gamma"


def test_offer_still_offers_a_callback_when_the_directory_is_down() -> None:
    dispatcher = CollectingDispatcher()
    ActionOfferHuman(FakeFormService(down=True)).run(dispatcher, make_tracker(intent="request_human"), {})
    assert len(texts(dispatcher)) == 1 and "get back to you" in texts(dispatcher)[0]


def test_callback_is_stored_only_with_consent_and_the_details_are_forgotten() -> None:
    service = FakeFormService()
    dispatcher = CollectingDispatcher()
    slots = {"callback_name": "Ayşe", "callback_contact": "ayse@example.org", "callback_consent": True,
             "district": "Neukölln", "programme": "lsi", "language": "de"}
    events = ActionSubmitCallback(service).run(dispatcher, make_tracker(slots, intent="affirm", sender_id="abc"), {})
    assert service.callbacks == [(
        {"language": "de", "conversation_id": "abc", "name": "Ayşe", "contact": "ayse@example.org", "consent": True,
         "district": "Neukölln", "topic": "lsi"},
        "callback-abc-1700000000.5",
    )]
    assert texts(dispatcher) == [
        "Danke, Ayşe! Ihr Rückrufwunsch ist notiert. Unser Team meldet sich unter ayse@example.org."]
    assert {e["name"]: e["value"] for e in events} == {
        "callback_name": None, "callback_contact": None, "callback_consent": None}


@pytest.mark.parametrize("consent", [False, None])
def test_without_consent_nothing_is_stored(consent: bool | None) -> None:
    service = FakeFormService()
    dispatcher = CollectingDispatcher()
    slots = {"callback_name": "Ayşe", "callback_contact": "030 1234567", "callback_consent": consent}
    events = ActionSubmitCallback(service).run(dispatcher, make_tracker(slots, intent="deny"), {})
    assert service.callbacks == []
    assert texts(dispatcher) == [
        "All right, I won't store anything. You can contact the office I named directly at any time."]
    assert all(e["value"] is None for e in events)


def test_callback_when_the_service_is_down() -> None:
    dispatcher = CollectingDispatcher()
    slots = {"callback_name": "A", "callback_contact": "a@example.org", "callback_consent": True}
    ActionSubmitCallback(FakeFormService(down=True)).run(dispatcher, make_tracker(slots), {})
    assert texts(dispatcher)[0].startswith("Sorry, I couldn't pass on your callback request just now; nothing was stored.")


@pytest.mark.parametrize(
    ("written", "contact"),
    [
        ("meine Mail ist name@beispiel.de danke", "name@beispiel.de"),
        ("030 1234567", "030 1234567"),
        ("+49 (30) 123-45", "+49 (30) 123-45"),
        ("call me tomorrow", None),
        ("12", None),
    ],
)
def test_contact_is_found_in_free_text(written: str, contact: str | None) -> None:
    assert contact_from_text(written) == contact


def test_an_unusable_contact_is_asked_again_with_an_example() -> None:
    dispatcher = CollectingDispatcher()
    result = ValidateCallbackForm().validate_callback_contact("morgen", dispatcher, make_tracker({"language": "de"}), {})
    assert result == {"callback_contact": None}
    assert "name@beispiel.de" in texts(dispatcher)[0]


def test_an_empty_or_too_long_name_is_asked_again() -> None:
    form = ValidateCallbackForm()
    assert form.validate_callback_name("  Jo  ", CollectingDispatcher(), make_tracker(), {}) == {"callback_name": "Jo"}
    dispatcher = CollectingDispatcher()
    assert form.validate_callback_name("x" * 101, dispatcher, make_tracker(), {}) == {"callback_name": None}
    assert "at most 100" in texts(dispatcher)[0]


def test_consecutive_fallbacks_are_counted_within_the_session() -> None:
    events = [_user("nlu_fallback"), {"event": "session_started"}, _user("greet"), {"event": "bot"},
              _user("nlu_fallback"), {"event": "action"}, _user("nlu_fallback")]
    assert consecutive_fallbacks(events) == 2
    assert consecutive_fallbacks(events[:-2]) == 1
    assert consecutive_fallbacks(events[:4]) == 0  # the last message was understood
    assert consecutive_fallbacks(events[:2]) == 0  # a new session starts afresh


def test_first_fallback_asks_to_rephrase_with_suggestions_second_offers_a_person() -> None:
    first = CollectingDispatcher()
    ActionHandleFallback().run(first, make_tracker(intent="nlu_fallback", events=[_user("greet"), _user("nlu_fallback")]), {})
    assert texts(first)[0].startswith("Sorry, I didn't understand that.")
    assert [b["payload"] for b in first.messages[0]["buttons"]] == ["/find_programme", "/ask_capabilities", "/request_human"]
    second = CollectingDispatcher()
    events = [_user("nlu_fallback"), _user("nlu_fallback")]
    ActionHandleFallback().run(second, make_tracker({"language": "de"}, intent="nlu_fallback", events=events), {})
    assert texts(second)[0] == "Ich verstehe Sie leider immer noch nicht. Möchten Sie mit einem Menschen sprechen?"
    assert second.messages[0]["buttons"][0]["payload"] == "/request_human"


@pytest.mark.parametrize("message", ["Ok, dann meld ick mir bei der Europabeauftragten in Mitte. Danke dir, tschüssi",
                                     "Danke. Wir suchen erst Partner mit Verein. Tschüss!", "ok I'll ask them. bye!"])
def test_a_message_that_ends_by_taking_leave_gets_a_goodbye(message: str) -> None:
    dispatcher = CollectingDispatcher()
    ActionHandleFallback().run(dispatcher, make_tracker(intent="nlu_fallback", text=message,
                                                        events=[_user("nlu_fallback")]), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_goodbye"]


def test_without_a_programme_a_berlin_user_gets_the_district_office_others_the_best_contact() -> None:
    from actions.handoff import handoff_contact

    office = {"kind": "district_office", "text": "office"}
    desk = {"kind": "contact", "text": "desk"}
    results = [{"programme": "biwaq", "eligibility": "possible", "next_step": desk},
               {"programme": "lsi", "eligibility": "possible", "next_step": office}]
    assert handoff_contact(results, None, None) is office
    assert handoff_contact(results, None, "NW") is desk
    assert handoff_contact(results, "biwaq", "BE") is desk
    assert handoff_contact([], None, None) is None


def test_an_unsure_message_with_a_value_at_a_form_question_is_left_to_the_form() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": "requested_amount_eur"}, intent="nlu_fallback",
                           text="na 90 Prozent davon, also 720.000",
                           entities=[{"entity": "amount", "value": "720000", "start": 25, "end": 32}],
                           events=[_user("nlu_fallback")])
    tracker.active_loop = {"name": "guidance_form"}
    assert ActionHandleFallback().run(dispatcher, tracker, {}) == [] and dispatcher.messages == []


def test_an_unsure_message_without_a_value_at_a_form_question_is_still_not_understood() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": "requested_amount_eur"}, intent="nlu_fallback", text="hmm hmm",
                           events=[_user("nlu_fallback")])
    tracker.active_loop = {"name": "guidance_form"}
    ActionHandleFallback().run(dispatcher, tracker, {})
    assert texts(dispatcher)[0].startswith("Sorry, I didn't understand that.")
