"""What the bot does when it did not understand: ask to rephrase once, then offer a person."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_utils
from actions.about_bot import answer_key, asks_about_assistant
from actions.messages import say, text
from bot.nlu.commands import takes_leave

FALLBACK_INTENT = "nlu_fallback"
# After this many misunderstood messages in a row the bot stops asking to rephrase.
OFFER_HUMAN_AFTER = 2


def consecutive_fallbacks(events: list[dict[str, Any]]) -> int:
    """How many of the latest user messages in a row were not understood."""
    count = 0
    for event in reversed(events):
        if event.get("event") == "session_started":
            break
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent != FALLBACK_INTENT:
            break
        count += 1
    return count


def form_reads_it(tracker: Tracker) -> bool:
    """A form is asking and the unsure message carries a value for it ("na 90 Prozent davon, also 720.000"
    at the amount question): the form reads it next, so no "not understood" comes before its answer."""
    if not tracker.active_loop_name or not tracker.get_slot("requested_slot"):
        return False
    entities = tracker.latest_message.get("entities") or []
    return any(e.get("entity") != "language" for e in entities)


class ActionHandleFallback(Action):
    def name(self) -> str:
        return "action_handle_fallback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        asked = tracker.latest_message.get("text") or ""
        if asks_about_assistant(asked):
            # "Wie lange gibt es dich schon?" left the classifier unsure; its words say what it asks.
            say(dispatcher, answer_key(asked), lang)
            return []
        if takes_leave(asked):
            dispatcher.utter_message(response="utter_goodbye")
            return []
        if form_reads_it(tracker):
            return []  # the form's own validation takes the value or asks again with its own hint
        person = {"title": text("button_talk_to_person", lang), "payload": "/request_human"}
        find = {"title": text("button_find_programme", lang), "payload": "/find_programme"}
        if consecutive_fallbacks(tracker.events) >= OFFER_HUMAN_AFTER:
            say(dispatcher, "fallback_offer_human", lang, buttons=[person, find])
        else:
            capabilities = {"title": text("button_capabilities", lang), "payload": "/ask_capabilities"}
            say(dispatcher, "fallback_rephrase", lang, buttons=[find, capabilities, person])
        return []
