"""Actions for the start of a conversation and for what Kiezlotse can do."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import tracker_utils
from actions.formservice import FormServiceError, UsesFormService
from actions.messages import say
from bot.nlu.language_choice import SUPPORTED

SESSION_METADATA_SLOT = "session_started_metadata"


class ActionSessionStart(Action):
    """Starts (and, after an hour's silence, restarts) a conversation in the website's language.

    Rasa passes the first message's metadata as the `session_started_metadata` slot; the chat widget
    puts the page language there. Slots carry over as with Rasa's own session start.
    """

    def name(self) -> str:
        return "action_session_start"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        metadata = tracker.get_slot(SESSION_METADATA_SLOT)
        events: list[dict[str, Any]] = [SessionStarted()]
        events += [SlotSet(name, value) for name, value in tracker.slots.items() if value is not None]
        channel_language = metadata.get("language") if isinstance(metadata, dict) else None
        if channel_language in SUPPORTED:
            events.append(SlotSet("language", channel_language))
        events.append(ActionExecuted("action_listen"))
        return events


class ActionExplainCapabilities(UsesFormService, Action):
    """Says what Kiezlotse does, naming the programmes the form service's catalogue holds."""

    def name(self) -> str:
        return "action_explain_capabilities"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        try:
            programmes = self.client.programmes(lang)
        except FormServiceError:
            say(dispatcher, "service_unavailable", lang)
            return []
        names = ", ".join(p["short_name"] for p in programmes)
        say(dispatcher, "capabilities", lang, programmes=names)
        return []
