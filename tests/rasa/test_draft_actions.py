"""The draft's Rasa actions against a fake drafts API: extraction and checks in the form, why/skip/stop,
corrections, check-your-answers, consent, storing, and the form service being down."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.draft import questions
from actions.draft_form import (
    ASK_ACTIONS,
    AskDraftConfirmed,
    ValidateDraftForm,
    question_buttons,
    question_text,
)
from actions.draft_steps import (
    ActionCorrectDraftField,
    ActionExplainDraftQuestion,
    ActionPauseDraft,
    ActionSkipDraftQuestion,
    ActionStartDraft,
)
from actions.draft_submit import ActionSubmitDraft
from actions.formservice import FormServiceError

DOMAIN = {"forms": {"draft_form": {"required_slots": list(questions.FORM_SLOTS)}}, "slots": {}}
COMPLETE = {
    "programme": "lsi",
    "lsi_type": "A",
    "project_summary": "Wir kochen jede Woche mit Alleinerziehenden aus dem Kiez.",
    "organisation_name": "Kiezküche Neukölln e.V.",
    "legal_form": "e.V.",
    "organisation_type": "association",
    "contact_name": "Anna Beispiel",
    "contact_email": "anna@kiezkueche.de",
    "contact_phone": None,
    "district": "Neukölln",
    "project_title": "Kochen verbindet",
    "target_groups": ["single_parents"],
    "participants": "20",
    "start_date": "2027-03-01",
    "duration_months": "12",
    "total_budget_eur": "18000",
    "requested_amount_eur": "15000",
    "draft_skipped": ["contact_phone"],
    "draft_confirmed": True,
    "draft_consent": True,
    "match_result": {"programme": "lsi", "eligibility": "eligible"},
}


@pytest.fixture(autouse=True)
def _pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIEZLOTSE_TODAY", "2026-11-22")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://kiez.example")


class FakeDrafts:
    """POST /api/drafts: stores once per idempotency key, or fails like a down or slow service."""

    def __init__(self, failure: FormServiceError | None = None) -> None:
        self.failure = failure
        self.calls: list[tuple[dict[str, Any], str]] = []
        self.stored: dict[str, dict[str, Any]] = {}

    def create_draft(self, draft: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        self.calls.append((draft, idempotency_key))
        if self.failure is not None:
            raise self.failure
        if idempotency_key not in self.stored:
            number = len(self.stored) + 1
            self.stored[idempotency_key] = {"id": number, "status": "new",
                                            "edit_url": f"https://kiez.example/drafts/{number}/edit?token=t{number}"}
        return self.stored[idempotency_key]


def tracker(slots: dict[str, Any] | None = None, intent: str = "inform", text: str = "",
            entities: list[dict[str, Any]] | None = None, requested: str | None = None,
            sender_id: str = "conv-7") -> Tracker:
    all_slots: dict[str, Any] = {"language": "de", "requested_slot": requested}
    all_slots.update(slots or {})
    latest = {"intent": {"name": intent, "confidence": 0.9}, "entities": entities or [], "text": text}
    return Tracker(sender_id=sender_id, slots=all_slots, latest_message=latest,
                   events=[{"event": "user", "timestamp": 1.0, "text": text, "parse_data": latest}],
                   paused=False, followup_action=None, active_loop={"name": "draft_form"},
                   latest_action_name="action_listen")


def validate(current: Tracker) -> tuple[dict[str, Any], list[str]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateDraftForm().run(dispatcher, current, DOMAIN))
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}, [m["text"] for m in dispatcher.messages]


def run(action: Any, current: Tracker) -> tuple[dict[str, Any], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, current, DOMAIN)
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}, dispatcher


def test_a_plain_answer_fills_the_asked_field_and_the_next_question_follows() -> None:
    slots, said = validate(tracker({"programme": "wdm"}, text="Anna Beispiel", requested="contact_name"))
    assert slots["contact_name"] == "Anna Beispiel" and said == []
    assert slots["requested_slot"] == "project_summary"  # earlier open questions come first


def test_a_description_fills_several_fields_at_once() -> None:
    text = ("Wir sind der Kiezküche Neukölln e.V. und planen ab März 2027 für 12 Monate den Kochtreff "
            "„Kochen verbindet“ für Alleinerziehende in Neukölln. Gesamtkosten 18.000 €, wir beantragen 15.000 €.")
    slots, said = validate(tracker({"programme": "lsi", "lsi_type": "A"}, intent="describe_project", text=text,
                                   requested="project_summary"))
    # What was taken on the side is said, and marked for checking at the end.
    assert len(said) == 1 and said[0].startswith("Aus Ihrer Beschreibung habe ich übernommen: Organisation:")
    assert "Bezirk: Neukölln" in said[0] and "district" in slots["draft_inferred"]
    assert slots["project_summary"] == text
    assert (slots["organisation_name"], slots["legal_form"], slots["organisation_type"]) == (
        "Kiezküche Neukölln e.V.", "e.V.", "association")
    assert (slots["district"], slots["start_date"], slots["duration_months"]) == ("Neukölln", "2027-03-01", "12")
    assert (slots["total_budget_eur"], slots["requested_amount_eur"]) == ("18000", "15000")
    assert slots["requested_slot"] == "contact_name"


def test_an_answer_given_earlier_is_not_overwritten_by_a_description() -> None:
    slots, _ = validate(tracker({"programme": "wdm", "district": "Mitte"}, text=(
        "Wir bieten in Neukölln jede Woche eine Beratung für Frauen an, die Arbeit suchen."),
        requested="project_summary"))
    assert "district" not in slots or slots["district"] == "Mitte"


@pytest.mark.parametrize(
    ("field", "answer", "expected_start"),
    [
        ("contact_email", "anna@kiezkueche", "Das ist keine gültige E-Mail-Adresse"),
        ("requested_amount_eur", "viel", "Das konnte ich nicht als Betrag lesen"),
        ("start_date", "1.1.2020", "Der Projektbeginn muss nach dem heutigen Tag"),
        ("start_date", "irgendwann", "Das konnte ich nicht als Datum lesen"),
        ("duration_months", "48", "Das ist länger, als das Programm erlaubt"),
        ("district", "Atlantis", "Diesen Bezirk kenne ich nicht"),
        ("project_summary", "Kochen", "Bitte beschreiben Sie das Projekt in mindestens einem ganzen Satz"),
        ("participants", "viele", "Bitte nennen Sie die Zahl der Teilnehmenden"),
    ],
)
def test_each_unusable_answer_is_re_asked_with_a_clear_message(field: str, answer: str, expected_start: str) -> None:
    open_field = dict(COMPLETE, draft_confirmed=None, draft_consent=None, **{field: None})
    slots, said = validate(tracker(open_field, text=answer, requested=field))
    assert slots[field] is None and slots["requested_slot"] == field
    assert len(said) == 1 and said[0].startswith(expected_start)


def test_a_requested_amount_above_the_limit_says_the_limit_in_the_locale() -> None:
    _, said = validate(tracker({"programme": "lsi", "lsi_type": "A", "language": "en"}, text="25,000 euros",
                               requested="requested_amount_eur"))
    assert said == ["That's more than the programme allows for this type of project: at most €20,000. "
                    "Please give an amount up to €20,000."]


def test_a_duration_that_fits_another_type_offers_to_switch_to_it() -> None:
    dispatcher = CollectingDispatcher()
    current = tracker({"programme": "lsi", "lsi_type": "B", "language": "en"}, intent="inform",
                      text="but we need a whole year for the course", requested="duration_months")
    events = asyncio.run(ValidateDraftForm().run(dispatcher, current, DOMAIN))
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["duration_months"] is None
    assert dispatcher.messages[0]["text"].startswith("Type B allows at most 6 months. 12 months fit type A")
    assert dispatcher.messages[0]["buttons"] == [
        {"title": "Switch to type A",
         "payload": '/correct_answer{"field":"lsi_type","lsi_type":"A","duration":"12"}'}]
    # The button is a correction of the type (the form's rules run action_correct_draft_field) that carries
    # the rejected duration: after the switch it answers the open duration question.
    payload = dispatcher.messages[0]["buttons"][0]["payload"]
    carried = [{"entity": "field", "value": "lsi_type"}, {"entity": "lsi_type", "value": "A"},
               {"entity": "duration", "value": "12"}]
    switched, said = run(ActionCorrectDraftField(), tracker(
        {"programme": "lsi", "lsi_type": "B"}, intent="correct_answer", text=payload, entities=carried,
        requested="duration_months"))
    assert switched["lsi_type"] == "A" and switched["duration_months"] == "12"
    assert said.messages[0]["text"].startswith("Geändert: Projektart")
    assert said.messages[1]["text"].startswith("Geändert: Dauer")
    # A duration the new type does not allow either stays open and is asked again.
    too_long = [*carried[:2], {"entity": "duration", "value": "48"}]
    switched, _ = run(ActionCorrectDraftField(), tracker(
        {"programme": "lsi", "lsi_type": "B"}, intent="correct_answer", text=payload, entities=too_long,
        requested="duration_months"))
    assert switched["lsi_type"] == "A" and "duration_months" not in switched


def test_a_requested_amount_above_the_total_budget_is_re_asked() -> None:
    slots, said = validate(tracker({"programme": "wdm", "total_budget_eur": "10000"},
                                   entities=[{"entity": "amount", "value": "12000"}], text="12.000 €",
                                   requested="requested_amount_eur"))
    assert slots["requested_amount_eur"] is None and "10.000 €" in said[0]


def test_interruptions_are_left_to_the_rules() -> None:
    for intent in ("ask_why_needed", "stop", "skip", "correct_answer", "ask_programme_amount"):
        slots, said = validate(tracker({"programme": "wdm"}, intent=intent, text="warum?", requested="contact_name"))
        assert "contact_name" not in slots and said == []


def test_review_yes_and_no_and_consent() -> None:
    slots, _ = validate(tracker(dict(COMPLETE, draft_confirmed=None, draft_consent=None), intent="affirm",
                                text="ja", requested="draft_confirmed"))
    assert slots["draft_confirmed"] is True and slots["requested_slot"] == "draft_consent"
    dispatcher = CollectingDispatcher()
    current = tracker(dict(COMPLETE, draft_confirmed=None, draft_consent=None), intent="deny", text="nein",
                      requested="draft_confirmed")
    events = asyncio.run(ValidateDraftForm().run(dispatcher, current, DOMAIN))
    assert {"event": "slot", "name": "draft_confirmed", "value": None, "timestamp": None} in events
    assert dispatcher.messages[0]["text"] == "Was möchten Sie ändern?" and dispatcher.messages[0]["buttons"]
    slots, _ = validate(tracker(dict(COMPLETE, draft_consent=None), intent="deny", text="nein",
                                requested="draft_consent"))
    assert slots["draft_consent"] is False and slots["requested_slot"] is None


def test_check_your_answers_lists_every_value_with_change_buttons() -> None:
    _, dispatcher = run(AskDraftConfirmed(), tracker(dict(COMPLETE, language="en")))
    message = dispatcher.messages[0]
    assert "Total budget: €18,000" in message["text"] and "Start: 1 March 2027" in message["text"]
    assert "Phone: Not provided" in message["text"]
    assert message["buttons"][0] == {"title": "All correct", "payload": "/affirm"}
    assert len(message["buttons"]) == 1 + len(questions.draft_fields(COMPLETE))


def test_consent_question_links_the_privacy_page() -> None:
    text = question_text("draft_consent", COMPLETE, "en")
    assert "https://kiez.example/privacy" in text
    assert [b["payload"] for b in question_buttons("draft_consent", COMPLETE, "en")] == ["/affirm", "/deny"]
    assert "Höchstens 20.000 €." in question_text("requested_amount_eur", COMPLETE, "de")


def test_why_explains_the_current_question() -> None:
    _, dispatcher = run(ActionExplainDraftQuestion(), tracker(requested="contact_email", intent="ask_why_needed"))
    assert dispatcher.messages[0]["text"].startswith("Ich frage, weil Rückfragen und Bescheide per E-Mail kommen")


def test_skip_leaves_out_an_optional_question_and_offers_to_leave_a_required_one_open() -> None:
    slots, dispatcher = run(ActionSkipDraftQuestion(), tracker(requested="contact_phone", intent="skip"))
    assert slots["draft_skipped"] == ["contact_phone"]
    slots, dispatcher = run(ActionSkipDraftQuestion(), tracker(requested="contact_email", intent="skip"))
    assert slots == {"draft_pending_answer": {"field": "contact_email", "kind": "defer", "value": None}}
    assert dispatcher.messages[0]["text"].startswith("Diese Angabe braucht der Antrag.")
    assert dispatcher.messages[0]["buttons"][0] == {"title": "Offen lassen, später ergänzen", "payload": "/skip"}


def test_stop_keeps_the_answers_and_offers_to_continue() -> None:
    slots, dispatcher = run(ActionPauseDraft(), tracker(COMPLETE, intent="stop"))
    assert slots == {"requested_slot": None, "draft_pending_answer": None}  # no answer is cleared
    assert dispatcher.messages[0]["buttons"] == [{"title": "Antrag fortsetzen", "payload": "/start_application"}]


def test_resume_says_how_many_answers_are_missing() -> None:
    partial = {"programme": "wdm", "project_summary": COMPLETE["project_summary"], "contact_name": "Anna"}
    slots, dispatcher = run(ActionStartDraft(), tracker(partial, intent="start_application"))
    assert dispatcher.messages[0]["text"].startswith("Willkommen zurück!")
    assert slots == {"draft_confirmed": None, "draft_consent": None, "draft_pending_answer": None,
                     "draft_repeats": None}
    _, dispatcher = run(ActionStartDraft(), tracker(COMPLETE))
    assert dispatcher.messages[0]["text"].startswith("Willkommen zurück! Ihre Antworten sind vollständig")
    _, dispatcher = run(ActionStartDraft(), tracker({"programme": "lsi", "language": "en"}))
    assert dispatcher.messages[0]["text"].startswith("Good, let's prepare an application draft for LSI.")


def test_a_description_from_the_guidance_is_offered_as_the_summary_when_its_question_comes() -> None:
    described = "Wir kochen jede Woche mit Alleinerziehenden in Neukölln und helfen ihnen bei Bewerbungen."
    slots, dispatcher = run(ActionStartDraft(), tracker(
        {"programme": "lsi", "project_description": described}, intent="affirm", text="ja"))
    # What it says about place and people is taken now (and marked); the text itself waits for its question.
    assert "project_summary" not in slots and slots["district"] == "Neukölln"
    offer = slots["draft_pending_answer"]
    assert offer == {"field": "project_summary", "kind": "offer", "value": described}
    # Answering the project type keeps the offer for later.
    answered, _ = validate(tracker({"programme": "lsi", "draft_pending_answer": offer}, text="A",
                                   requested="lsi_type"))
    assert answered["lsi_type"] == "A" and "draft_pending_answer" not in answered
    ask = next(a for a in ASK_ACTIONS if a().field == "project_summary")
    asked, dispatcher = run(ask(), tracker({"programme": "lsi", "lsi_type": "A", "draft_pending_answer": offer},
                                          requested="project_summary"))
    assert dispatcher.messages[0]["text"].startswith("Soll ich Ihre Beschreibung von vorhin")
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny"]
    waiting = asked["draft_pending_answer"]
    taken, _ = validate(tracker({"programme": "lsi", "lsi_type": "A", "draft_pending_answer": waiting},
                                intent="affirm", text="/affirm", requested="project_summary"))
    assert taken["project_summary"] == described
    own = "Ein wöchentlicher Kochtreff für Alleinerziehende mit Bewerbungstraining in Neukölln."
    rewritten, _ = validate(tracker({"programme": "lsi", "lsi_type": "A", "draft_pending_answer": waiting},
                                    intent="describe_project", text=own, requested="project_summary"))
    assert rewritten["project_summary"] == own


def test_a_correction_with_a_new_value_is_checked_and_set() -> None:
    current = tracker(COMPLETE, intent="correct_answer", text="Ändere das Budget auf 19.000 €",
                      entities=[{"entity": "field", "value": "total_budget_eur"},
                                {"entity": "amount", "value": "19000"}])
    slots, dispatcher = run(ActionCorrectDraftField(), current)
    assert slots["total_budget_eur"] == "19000" and slots["draft_confirmed"] is None
    assert dispatcher.messages[0]["text"] == "Geändert: Gesamtkosten ist jetzt 19.000 €."


def test_a_correction_below_the_requested_amount_is_refused_and_asked_again() -> None:
    current = tracker(COMPLETE, intent="correct_answer", text="change the budget to 1.000 €",
                      entities=[{"entity": "amount", "value": "1000"}])
    slots, dispatcher = run(ActionCorrectDraftField(), current)
    assert slots["total_budget_eur"] is None
    assert dispatcher.messages[0]["text"].startswith("Die Gesamtkosten können nicht niedriger sein")


def test_the_email_is_wrong_asks_for_it_again() -> None:
    current = tracker(COMPLETE, intent="correct_answer", text="die E-Mail ist falsch",
                      entities=[{"entity": "field", "value": "contact_email"}])
    slots, dispatcher = run(ActionCorrectDraftField(), current)
    assert slots["contact_email"] is None and slots["draft_consent"] is None
    assert dispatcher.messages[0]["text"] == "Gut, ändern wir: E-Mail."


def test_a_correction_without_a_field_asks_what_to_change() -> None:
    _slots, dispatcher = run(ActionCorrectDraftField(), tracker(COMPLETE, intent="correct_answer", text="das stimmt nicht"))
    assert dispatcher.messages[0]["text"] == "Was möchten Sie ändern?" and dispatcher.messages[0]["buttons"]


def test_storing_posts_the_draft_once_and_shows_the_private_link() -> None:
    service = FakeDrafts()
    slots, dispatcher = run(ActionSubmitDraft(service), tracker(COMPLETE, intent="affirm"))
    body, key = service.calls[0]
    assert body["conversation_id"] == "conv-7" and body["language"] == "de"
    assert body["match"] == COMPLETE["match_result"] and body["requested_amount_eur"] == 15000
    assert "contact_phone" not in body and key.startswith("draft-conv-7-1-")
    assert "https://kiez.example/drafts/1/edit?token=t1" in dispatcher.messages[0]["text"]
    assert slots["draft_id"] == "1" and slots["draft_attempt"] == 2 and slots["draft_consent"] is None


def test_no_consent_stores_nothing() -> None:
    service = FakeDrafts()
    _slots, dispatcher = run(ActionSubmitDraft(service), tracker(dict(COMPLETE, draft_consent=False), intent="deny"))
    assert service.calls == [] and dispatcher.messages[0]["text"].startswith("In Ordnung, ich speichere nichts.")


def test_an_applicant_who_may_not_apply_keeps_the_answer_and_is_asked_for_another_programme() -> None:
    slots, said = validate(tracker({"programme": "biwaq", "project_summary": "Wir bilden Kiezlotsen aus."},
                                   text="Nachbarschaftsladen Wrangelkiez e.V.", requested="organisation_name"))
    assert slots["organisation_name"] == "Nachbarschaftsladen Wrangelkiez e.V."
    assert slots["organisation_type"] == "association" and slots["programme"] is None
    assert said[0].startswith("BIWAQ können nur") and "LSI" in said[0]
    assert slots["requested_slot"] == "programme"


def test_leaving_at_the_programme_question_ends_the_form_and_stores_nothing() -> None:
    current = tracker({"organisation_type": "association"}, intent="deny", text="nee, dann lass ich das",
                      requested="programme")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateDraftForm().run(dispatcher, current, DOMAIN))
    assert {"event": "slot", "timestamp": None, "name": "requested_slot", "value": None} in events
    service = FakeDrafts()
    _slots, dispatcher = run(ActionSubmitDraft(service), tracker({"organisation_type": "association"}))
    assert service.calls == []
    assert dispatcher.messages[0]["text"].startswith("In Ordnung, dann lege ich keinen Antrag an")


def test_service_down_keeps_the_answers_and_try_again_stores_exactly_once() -> None:
    service = FakeDrafts(FormServiceError("form service unreachable"))
    slots, dispatcher = run(ActionSubmitDraft(service), tracker(COMPLETE, intent="affirm"))
    assert slots == {"draft_pending": True}  # nothing else changes: no answer is lost
    assert dispatcher.messages[0]["buttons"] == [{"title": "Nochmal versuchen", "payload": "/try_again"}]
    # The first request reached the service but timed out; the retry sends the same key.
    service.failure = None
    retry = tracker(dict(COMPLETE, draft_pending=True), intent="try_again", text="nochmal versuchen")
    slots, dispatcher = run(ActionSubmitDraft(service), retry)
    run(ActionSubmitDraft(service), retry)
    assert service.calls[0][1] == service.calls[1][1] == service.calls[2][1]
    assert len(service.stored) == 1 and slots["draft_pending"] is False


def test_try_again_with_nothing_pending_says_so() -> None:
    service = FakeDrafts()
    _, dispatcher = run(ActionSubmitDraft(service), tracker(dict(COMPLETE, draft_pending=False), intent="try_again"))
    assert service.calls == [] and dispatcher.messages[0]["text"].startswith("Gerade wartet nichts")


def test_a_field_the_form_service_refuses_is_asked_again() -> None:
    service = FakeDrafts(FormServiceError("422", 422, {"errors": {"contact_email": "Enter an e-mail address."}}))
    slots, dispatcher = run(ActionSubmitDraft(service), tracker(dict(COMPLETE, language="en"), intent="affirm"))
    assert slots["contact_email"] is None and slots["draft_confirmed"] is None
    assert dispatcher.messages[0]["text"] == (
        "The application form did not accept an answer: E-mail – Enter an e-mail address.")


def test_closed_questions_offer_their_answers_as_buttons() -> None:
    from actions.draft_form import question_buttons

    districts = question_buttons("district", {"programme": "lsi"}, "de")
    assert len(districts) == 12 and {"title": "Neukölln", "payload": '/inform{"district":"Neukölln"}'} in districts
    forms = question_buttons("legal_form", {"programme": "lsi"}, "en")
    assert [b["title"] for b in forms] == ["e.V.", "gGmbH", "GmbH", "UG (haftungsbeschränkt)", "GbR", "No legal form"]
    assert forms[-1]["payload"] == '/inform{"legal_form":"ohne Rechtsform"}'


def test_a_value_the_profile_took_from_the_opening_is_confirmed_and_marked_like_the_others() -> None:
    opening = "Wir sind ein Verein in Tempelhof und wollen einen Antrag für LSI: ein Bewerbungscafé für Ältere."
    current = tracker({"programme": "lsi", "target_groups": ["older_workers"]}, intent="start_application",
                      text=opening, entities=[{"entity": "target_group", "value": "older_workers"}])
    # The profile's slot mapping filled target_groups from this same message.
    current.events.append({"event": "slot", "name": "target_groups", "value": ["older_workers"]})
    slots, dispatcher = run(ActionStartDraft(), current)
    assert "target_groups" in slots["draft_inferred"]
    assert any("ältere Beschäftigte" in m["text"] for m in dispatcher.messages)
    # An answer to a question of the guidance (the district) is an answer, no inferred fact.
    earlier = tracker({"programme": "lsi", "district": "Tempelhof-Schöneberg"}, intent="start_application",
                      text=opening)
    slots, _ = run(ActionStartDraft(), earlier)
    assert "district" not in (slots.get("draft_inferred") or [])


def test_what_the_guidance_read_without_asking_is_noted_in_a_fresh_draft_and_a_fuller_description_adds() -> None:
    described = "We want to start a sewing workshop where single mothers learn tailoring and find a job."
    slots, dispatcher = run(ActionStartDraft(), tracker(
        {"programme": "lsi", "language": "en", "project_description": described, "target_groups": ["single_parents"],
         "legal_form": "e.V.", "city": "Berlin"}, intent="affirm", text="yes"))
    assert slots["target_groups"] == ["women", "single_parents"]
    assert {"target_groups", "legal_form"} <= set(slots["draft_inferred"])
    assert "city" not in slots["draft_inferred"]  # no question of an LSI draft
    assert any("Legal form: e.V." in m["text"] for m in dispatcher.messages)


def test_what_was_said_during_the_guidance_is_not_asked_again_in_the_draft() -> None:
    described = "Wir qualifizieren Migrantinnen in Tempelhof-Schöneberg zu Pflegehelferinnen, sagen Sie uns was passt."
    said = [described, "Na gut. Förderanteil neunzehntausend Euro, Laufzeit zehn Monate, etwa sieben Teilnehmerinnen.",
            "Dürfen es auch 30 Teilnehmende sein?", "Ja, gerne einen Entwurf."]
    current = tracker({"programme": "lsi", "project_description": described, "requested_amount_eur": "19000",
                       "duration_months": "10"}, intent="start_application", text=said[-1])
    current.events = [{"event": "user", "timestamp": 1.0, "text": t} for t in said]
    slots, _ = run(ActionStartDraft(), current)
    # the number of participants stated beside the amount; the one inside a question is no answer
    assert slots["participants"] == "7"


def test_a_question_at_the_type_question_goes_to_its_rule_and_what_the_message_states_is_kept() -> None:
    said = "was ist denn der unterschied zwischen B und C genau? wir wollen eigentlich 1 jahr laufen"
    current = tracker({"programme": "lsi"}, intent="ask_programme_what", text=said, requested="lsi_type")
    current.events.append({"event": "action", "name": "action_extract_slots"})
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateDraftForm().run(dispatcher, current, DOMAIN))
    assert events[-1]["event"] == "action_execution_rejected"
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots.get("duration_months") == "12" and "lsi_type" not in slots


def test_no_phone_beside_the_contact_name_answers_the_phone_question() -> None:
    said = "Deniz Yilmaz, deniz@kiezjugend-fhain.de, no phone"
    email = {"entity": "email", "value": "deniz@kiezjugend-fhain.de", "start": 14, "end": 39}
    current = tracker({"programme": "lsi", "language": "en"}, text=said, entities=[email], requested="contact_name")
    slots, _ = validate(current)
    assert slots["contact_name"] == "Deniz Yilmaz" and slots["contact_email"] == "deniz@kiezjugend-fhain.de"
    assert slots["draft_skipped"] == ["contact_phone"]

def test_a_project_type_named_before_the_draft_is_taken_and_a_question_about_one_is_not() -> None:
    opening = ("Guten Tag, wir sind die Kiezwerk gGmbH aus Marzahn-Hellersdorf. Wir möchten für 24 Monate ein "
               "Modellprojekt machen.")
    current = tracker({"programme": "lsi"}, intent="affirm", text="Ja, bitte anlegen.")
    current.events.insert(0, {"event": "user", "text": opening, "parse_data": {
        "intent": {"name": "describe_project"}, "entities": [{"entity": "lsi_type", "value": "C"}]}})
    slots, dispatcher = run(ActionStartDraft(), current)
    assert slots["lsi_type"] == "C" and "lsi_type" in slots["draft_inferred"]
    assert any("Projektart" in m["text"] for m in dispatcher.messages)
    # The yes that starts the draft may name it too.
    said = tracker({"programme": "lsi"}, intent="affirm", text="Ja bitte, Mikroprojekt.",
                   entities=[{"entity": "lsi_type", "value": "A"}])
    slots, _ = run(ActionStartDraft(), said)
    assert slots["lsi_type"] == "A"
    # A question about the types chooses none.
    asked = tracker({"programme": "lsi"}, intent="affirm", text="ja")
    asked.events.insert(0, {"event": "user", "text": "Was ist der Unterschied zwischen B und C?", "parse_data": {
        "intent": {"name": "ask_term"}, "entities": [{"entity": "lsi_type", "value": "B"}]}})
    slots, _ = run(ActionStartDraft(), asked)
    assert "lsi_type" not in slots


def test_a_request_to_apply_that_says_what_the_project_does_is_offered_as_the_summary() -> None:
    opening = ("Hi, I'm Sven from Nachbarschaftsverein Fennpfuhl e.V. in Lichtenberg. We want to apply for an LSI "
               "micro-project: a bike workshop where young unemployed adults learn repairs, 12 months.")
    slots, _ = run(ActionStartDraft(), tracker({"programme": "lsi", "lsi_type": "A", "language": "en"},
                                               intent="start_application", text=opening))
    assert slots["draft_pending_answer"] == {"field": "project_summary", "kind": "offer", "value": opening[4:]}
    request = "Ich möchte einen Antrag für LSI stellen, wir sind ein Verein in Neukölln"
    slots, _ = run(ActionStartDraft(), tracker({"programme": "lsi"}, intent="start_application", text=request))
    assert "draft_pending_answer" not in slots or slots["draft_pending_answer"] is None


def test_a_figure_the_opening_gave_without_its_role_is_read_again_from_the_description() -> None:
    opening = ("Nordlicht gGmbH from Reinickendorf here: a social supermarket where long-term unemployed people are "
               "trained in retail. Total cost two hundred thousand, we'd request one hundred and eighty thousand.")
    current = tracker({"programme": "lsi", "lsi_type": "C", "language": "en", "requested_amount_eur": "200000",
                       "project_description": opening}, intent="affirm", text="Absolutely.")
    current.events[:0] = [{"event": "user", "text": opening, "parse_data": {"intent": {"name": "describe_project"}}},
                          {"event": "slot", "name": "requested_amount_eur", "value": "200000"}]
    slots, _ = run(ActionStartDraft(), current)
    assert (slots["total_budget_eur"], slots["requested_amount_eur"]) == ("200000", "180000")
    # An amount the person gave as the answer to its own question stays.
    current.events.insert(1, {"event": "user", "text": "200.000", "parse_data": {"intent": {"name": "inform"}}})
    slots, _ = run(ActionStartDraft(), current)
    assert slots.get("requested_amount_eur", "200000") == "200000"


def test_a_project_type_named_beside_a_question_is_taken_and_one_inside_a_question_is_not() -> None:
    opening = ("Hi, I am chairman of Polnischer Kulturverein Lichtenberg e.V. We want apply for LSI micro project. "
               "How we start?")
    named = {"entity": "lsi_type", "value": "A", "start": opening.index("micro")}
    current = tracker({"programme": "lsi"}, intent="affirm", text="yes please, start draft")
    current.events.insert(0, {"event": "user", "text": opening, "parse_data": {
        "intent": {"name": "ask_programme_amount"}, "entities": [named]}})
    slots, _ = run(ActionStartDraft(), current)
    assert slots["lsi_type"] == "A"
    question = "Darf ein Entwicklungsprojekt bei LSI auch 12 Monate laufen?"
    supposed = {"entity": "lsi_type", "value": "B", "start": question.index("Entwicklung")}
    current = tracker({"programme": "lsi"}, intent="affirm", text="Ja, bitte")
    current.events.insert(0, {"event": "user", "text": question, "parse_data": {
        "intent": {"name": "ask_programme_duration"}, "entities": [supposed]}})
    slots, _ = run(ActionStartDraft(), current)
    assert "lsi_type" not in slots
