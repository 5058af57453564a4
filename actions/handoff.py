"""Hand-over to a person: the district alliance office or the programme's contact, and a callback
request for the staff queue (POST /api/callbacks), stored only with the user's explicit consent."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import render, tracker_utils
from actions.formservice import FormServiceError, UsesFormService
from actions.match_client import MatchingAction
from actions.messages import say, text
from actions.profile import best_result

CALLBACK_SLOTS = ("callback_name", "callback_contact", "callback_consent")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"\+?[\d][\d ()/\-]{4,}\d")
MIN_PHONE_DIGITS = 6
MAX_NAME = 100


def contact_from_text(value: str) -> str | None:
    """An e-mail address or phone number found in what the user wrote."""
    email = EMAIL.search(value)
    if email:
        return email.group(0)
    phone = PHONE.search(value)
    if phone and sum(c.isdigit() for c in phone.group(0)) >= MIN_PHONE_DIGITS:
        return phone.group(0).strip()
    return None


def handoff_contact(
    results: list[dict[str, Any]], programme: str | None, state: str | None = None
) -> dict[str, Any] | None:
    """Whom to name: the contact of the programme discussed; else, in Berlin or when we do not know
    where, the district alliance office; else the contact of the best programme."""
    people = ("district_office", "contact")
    discussed = next((r for r in results if r["programme"] == programme), None)
    if discussed and _step_kind(discussed) in people:
        return _next_step(discussed)
    if state in (None, "BE"):
        office = next((_next_step(r) for r in results if _step_kind(r) == "district_office"), None)
        if office:
            return office
    best = best_result(results) or (results[0] if results else None)
    if best and _step_kind(best) in people:
        return _next_step(best)
    return None


def _next_step(result: Mapping[str, Any]) -> dict[str, Any]:
    """A match result's next step (the API's `next_step` object; empty when it has none)."""
    step: dict[str, Any] = result.get("next_step") or {}
    return step


def _step_kind(result: Mapping[str, Any]) -> str | None:
    kind: str | None = _next_step(result).get("kind")
    return kind


def idempotency_key(tracker: Tracker) -> str:
    """Same conversation and same consent message give the same key, so a retried action stores once."""
    user_events = [e for e in tracker.events if e.get("event") == "user"]
    stamp = user_events[-1].get("timestamp") if user_events else 0
    return f"callback-{tracker.sender_id}-{stamp}"


class ActionOfferHuman(MatchingAction):
    def name(self) -> str:
        return "action_offer_human"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        try:
            results = self.match_conversation(tracker, lang).results
        except FormServiceError:
            results = []
        state = tracker.get_slot("state")
        contact = render.contact_text(
            handoff_contact(results, tracker_utils.programme_in_focus(tracker), state)
        )
        if contact:
            say(dispatcher, "handoff_contact", lang, contact=contact)
        say(
            dispatcher,
            "handoff_offer_callback",
            lang,
            buttons=[
                {"title": text("button_yes", lang), "payload": "/affirm"},
                {"title": text("button_no", lang), "payload": "/deny"},
            ],
        )
        return []


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> str:
        return "validate_callback_form"

    def validate_callback_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        name = str(value or "").strip()
        if not name or len(name) > MAX_NAME:
            say(dispatcher, "callback_name_invalid", tracker_utils.language(tracker))
            return {"callback_name": None}
        return {"callback_name": name}

    def validate_callback_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        contact = contact_from_text(str(value or ""))
        if contact is None:
            say(dispatcher, "callback_contact_invalid", tracker_utils.language(tracker))
        return {"callback_contact": contact}


class AskCallbackQuestion(Action):
    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        buttons = (
            [
                {"title": text("button_yes", lang), "payload": "/affirm"},
                {"title": text("button_no", lang), "payload": "/deny"},
            ]
            if self.slot == "callback_consent"
            else []
        )
        say(dispatcher, f"question_{self.slot}", lang, buttons=buttons)
        return []


class AskCallbackName(AskCallbackQuestion):
    slot = "callback_name"


class AskCallbackContact(AskCallbackQuestion):
    slot = "callback_contact"


class AskCallbackConsent(AskCallbackQuestion):
    slot = "callback_consent"


class ActionSubmitCallback(UsesFormService, Action):
    """Stores the callback request only after an explicit yes; forgets the details either way."""

    def name(self) -> str:
        return "action_submit_callback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        forget = [SlotSet(slot, None) for slot in CALLBACK_SLOTS]
        if tracker.get_slot("callback_consent") is not True:
            say(dispatcher, "callback_not_stored", lang)
            return forget
        request = {
            "language": lang,
            "conversation_id": tracker.sender_id,
            "name": tracker.get_slot("callback_name"),
            "contact": tracker.get_slot("callback_contact"),
            "consent": True,
        }
        if tracker.get_slot("district"):
            request["district"] = tracker.get_slot("district")
        if tracker_utils.programme_in_focus(tracker):
            request["topic"] = tracker_utils.programme_in_focus(tracker)
        try:
            self.client.create_callback(request, idempotency_key(tracker))
        except FormServiceError:
            say(dispatcher, "callback_failed", lang)
            return forget
        say(dispatcher, "callback_stored", lang, name=request["name"], contact=request["contact"])
        return forget
