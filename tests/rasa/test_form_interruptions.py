"""Forms and what people actually write: questions carrying entities, bare numbers, unusable answers.

Found by QA conversations: "Wie viel Geld gibt es bei LSI maximal?" in the middle of the draft was
swallowed because the programme entity counted as an answer; "ja" or "20.000" to the guidance's amount
question got no reply at all.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import match_client, tracker_utils
from actions.draft_form import ValidateDraftForm
from actions.guidance import ValidateGuidanceForm
from programmes import answers as fields
from tests.rasa.guidance_fakes import FakeFormService, entity

GUIDANCE_DOMAIN: dict[str, Any] = {
    "slots": {},
    "forms": {"guidance_form": {"required_slots": ["organisation_type", "state", "district", "in_disadvantaged_area",
                                                   "requested_amount_eur", "duration_months"]}},
}


def _tracker(form: str, requested: str | None, intent: str, text: str = "",
             entities: list[dict[str, Any]] | None = None, slots: dict[str, Any] | None = None,
             events_before: list[dict[str, Any]] | None = None) -> Tracker:
    all_slots: dict[str, Any] = {"language": "de", "requested_slot": requested}
    all_slots.update(slots or {})
    latest = {"intent": {"name": intent, "confidence": 0.9}, "entities": entities or [], "text": text}
    user = {"event": "user", "timestamp": 1.0, "text": text, "parse_data": latest}
    events = [user, *(events_before or []), {"event": "action", "name": form}]
    return Tracker(sender_id="qa-1", slots=all_slots, latest_message=latest, events=events, paused=False,
                   followup_action=None, active_loop={"name": form}, latest_action_name=form)


def _run(action: Any, tracker: Tracker, domain: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    match_client.clear_cache()
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return events, [m["text"] for m in dispatcher.messages]


def _rejected(events: list[dict[str, Any]]) -> bool:
    return any(e.get("event") == "action_execution_rejected" for e in events)


def _slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_a_programme_question_with_the_programme_named_is_handed_to_the_rules_in_the_draft() -> None:
    tracker = _tracker("draft_form", "lsi_type", "ask_programme_amount", "Wie viel Geld gibt es bei LSI maximal?",
                       [entity("programme", "lsi")], {"programme": "lsi"})
    events, said = _run(ValidateDraftForm(), tracker, {"slots": {}, "forms": {}})
    assert _rejected(events) and said == []


def test_the_draft_form_coming_back_after_the_answer_is_not_rejected_again() -> None:
    # The rule answered the question (its action ran after the message): now the form asks again.
    tracker = _tracker("draft_form", "lsi_type", "ask_programme_amount", "Wie viel Geld gibt es bei LSI maximal?",
                       [entity("programme", "lsi")], {"programme": "lsi"},
                       [{"event": "action", "name": "action_answer_programme_question"}])
    events, _ = _run(ValidateDraftForm(), tracker, {"slots": {}, "forms": {}})
    assert not _rejected(events)


def test_a_programme_question_with_an_entity_is_handed_to_the_rules_in_the_guidance() -> None:
    tracker = _tracker("guidance_form", "requested_amount_eur", "ask_programme_who", "Dürfen Vereine LSI beantragen?",
                       [entity("organisation_type", "association"), entity("programme", "lsi")])
    events, said = _run(ValidateGuidanceForm(FakeFormService()), tracker, GUIDANCE_DOMAIN)
    assert _rejected(events) and said == []


def test_yes_to_the_amount_question_is_not_met_with_silence() -> None:
    tracker = _tracker("guidance_form", "requested_amount_eur", "affirm", "ja",
                       slots={"organisation_type": "association", "district": "Neukölln"})
    events, said = _run(ValidateGuidanceForm(FakeFormService()), tracker, GUIDANCE_DOMAIN)
    assert not _rejected(events)
    assert said == ["Das konnte ich leider nicht als Antwort verwenden."]
    # A slot event for the asked question keeps Rasa from rejecting the form, which then asks again.
    assert _slots(events)["requested_amount_eur"] is None


def test_a_bare_number_answers_the_amount_question() -> None:
    tracker = _tracker("guidance_form", "requested_amount_eur", "inform", "20.000",
                       slots={"organisation_type": "association", "district": "Neukölln"})
    events, said = _run(ValidateGuidanceForm(FakeFormService()), tracker, GUIDANCE_DOMAIN)
    assert _slots(events)["requested_amount_eur"] == "20000" and said == []


def test_a_bare_number_answers_the_duration_question() -> None:
    tracker = _tracker("guidance_form", "duration_months", "inform", "24",
                       slots={"organisation_type": "association", "district": "Neukölln"})
    events, _ = _run(ValidateGuidanceForm(FakeFormService()), tracker, GUIDANCE_DOMAIN)
    assert _slots(events)["duration_months"] == "24"


def test_a_new_district_while_the_amount_is_asked_is_an_answer_not_a_failure() -> None:
    tracker = _tracker("guidance_form", "requested_amount_eur", "correct_answer", "ach nee, wir sind in Pankow",
                       [entity("district", "Pankow")], {"organisation_type": "association", "district": "Pankow"})
    _, said = _run(ValidateGuidanceForm(FakeFormService()), tracker, GUIDANCE_DOMAIN)
    assert "Das konnte ich leider nicht als Antwort verwenden." not in said


def test_answering_form_is_false_during_activation_and_without_a_question() -> None:
    activation = _tracker("draft_form", "contact_name", "start_application", "Antrag stellen",
                          events_before=[{"event": "action", "name": "action_start_draft"}])
    assert not tracker_utils.answering_form(activation, "draft_form")
    assert not tracker_utils.answering_form(_tracker("draft_form", None, "stop", "stopp"), "draft_form")
    assert tracker_utils.answering_form(
        _tracker("draft_form", "contact_name", "stop", "stopp",
                 events_before=[{"event": "action", "name": "action_extract_slots"}]), "draft_form")


def test_amounts_with_thousands_grouped_by_spaces() -> None:
    assert fields.read_amount("so 20 000 Euro", "de") == 20000
    assert fields.read_amount("20 000,50 €", "de") == 20000.5
    assert fields.read_amount("15.000", "de") == 15000


def test_the_applicant_question_offers_a_municipality_button_in_both_languages() -> None:
    from actions.guidance import AskOrganisationType

    for lang, title in (("de", "Stadt / Gemeinde / Kreis"), ("en", "City / municipality / county")):
        tracker = _tracker("guidance_form", None, "find_programme", slots={"language": lang})
        dispatcher = CollectingDispatcher()
        AskOrganisationType().run(dispatcher, tracker, GUIDANCE_DOMAIN)
        buttons = dispatcher.messages[0]["buttons"]
        assert {"title": title, "payload": '/inform{"organisation_type":"municipality"}'} in buttons


def test_amounts_addresses_and_letters_are_no_evidence_of_a_language() -> None:
    from bot.nlu.language_choice import word_count

    # "100 000 €" once switched an English conversation to German in the middle of the draft.
    assert word_count("100 000 €") == 0
    assert word_count("max@beispiel.de https://kiez.example/x B") == 0
    assert word_count("Wir sind ein Verein, in Neukölln!") == 5  # a place name is no evidence either
    assert word_count("a long-term project") == 2


def test_starting_a_draft_for_a_closed_programme_says_so_at_once_and_asks_for_an_open_one() -> None:
    from actions.draft_steps import ActionStartDraft
    from programmes import rules as programme_rules
    from programmes.catalogue import default_catalogue

    closed = next(pid for pid in default_catalogue().programmes if programme_rules.is_closed(pid))
    name = default_catalogue().programme(closed).short_name
    tracker = _tracker("draft_form", None, "start_application", f"Ich will {name} beantragen",
                       [entity("programme", closed)], {"programme": closed},
                       [{"event": "action", "name": "action_start_draft"}])
    dispatcher = CollectingDispatcher()
    events = ActionStartDraft().run(dispatcher, tracker, {"slots": {}, "forms": {}})
    said = [m["text"] for m in dispatcher.messages]
    assert said[0].startswith(f"{name} ist beendet")
    assert f"für {name}" not in " ".join(said)
    assert _slots(events)["programme"] is None


def test_a_question_to_the_bot_is_not_taken_as_the_organisation_name() -> None:
    for intent in ("ask_capabilities", "bot_challenge"):
        tracker = _tracker("draft_form", "organisation_name", intent, "what exactly do you mean?",
                           slots={"programme": "wdm"})
        events, said = _run(ValidateDraftForm(), tracker, {"slots": {}, "forms": {}})
        assert _rejected(events) and "organisation_name" not in _slots(events) and said == []


def test_a_description_gives_the_start_date_after_a_place() -> None:
    from actions.draft import description

    found = description.extract(
        "We train long-term unemployed neighbours as café staff in our shop in Neukölln, "
        "starting 1 March 2027 for 24 months.", "en")
    assert found["start_date"] == "2027-03-01" and found["duration_months"] == "24"
