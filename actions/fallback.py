"""What the bot does when it did not understand: ask to rephrase once, then offer a person."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_utils
from actions.about_bot import answer_key, asks_about_assistant
from actions.messages import say, text

FALLBACK_INTENT = "nlu_fallback"
# After this many misunderstood messages in a row the bot stops asking to rephrase.
OFFER_HUMAN_AFTER = 2
# A message that ends by taking leave ("… Danke dir, tschüssi", "… Thanks, bye!") is a goodbye, whatever the
# sentences before it were about.
FAREWELL_AT_END = re.compile(
    r"\b(?:tsch[üu]ss?i?|tsch[öo]|tschau|ciao|servus|auf\s+wiedersehen|auf\s+wiederh[öo]ren|bis\s+dann|"
    r"bis\s+bald|sch[öo]nen\s+tag\s+noch|bye|bye\s+bye|goodbye|good\s+bye|see\s+you|cheers|"
    r"have\s+a\s+(?:good|nice|great)\s+(?:day|one|evening))\W*$",
    re.IGNORECASE,
)


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
        if FAREWELL_AT_END.search(asked):
            dispatcher.utter_message(response="utter_goodbye")
            return []
        person = {"title": text("button_talk_to_person", lang), "payload": "/request_human"}
        find = {"title": text("button_find_programme", lang), "payload": "/find_programme"}
        if consecutive_fallbacks(tracker.events) >= OFFER_HUMAN_AFTER:
            say(dispatcher, "fallback_offer_human", lang, buttons=[person, find])
        else:
            capabilities = {"title": text("button_capabilities", lang), "payload": "/ask_capabilities"}
            say(dispatcher, "fallback_rephrase", lang, buttons=[find, capabilities, person])
        return []
