"""Actions for language and for what Kiezlotse can do."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import tracker_utils
from actions.formservice import FormServiceClient, FormServiceError
from actions.language import Turn, choose_language, word_count
from actions.messages import say


class ActionUpdateLanguage(Action):
    """Custom slot mapping for `language`, run by Rasa after every user message."""

    def name(self) -> str:
        return "action_update_language"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        message = tracker.latest_message
        guess = message.get("language_guess") or {}
        explicit = (
            tracker_utils.latest_entity(tracker, "language")
            if (message.get("intent") or {}).get("name") == "change_language"
            else None
        )
        turn = Turn(
            current=tracker.get_slot("language"),
            first_user_message=tracker_utils.user_messages_in_session(tracker) <= 1,
            channel_language=tracker_utils.latest_metadata(tracker).get("language"),
            explicit_request=explicit,
            guessed=guess.get("language"),
            guess_confidence=float(guess.get("confidence") or 0.0),
            word_count=word_count(message.get("text") or ""),
        )
        chosen = choose_language(turn)
        if chosen == tracker.get_slot("language"):
            return []
        return [SlotSet("language", chosen)]


class ActionExplainCapabilities(Action):
    """Says what Kiezlotse does, naming the programmes the form service's catalogue holds."""

    def name(self) -> str:
        return "action_explain_capabilities"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        try:
            programmes = FormServiceClient().programmes(lang)
        except FormServiceError:
            say(dispatcher, "service_unavailable", lang)
            return []
        names = ", ".join(p["short_name"] for p in programmes)
        say(dispatcher, "capabilities", lang, programmes=names)
        return []
