"""Storing the application draft: only after check-your-answers and an explicit yes to storing, and
without losing an answer when the form service is down or refuses one."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_utils
from actions.draft import payload, questions
from actions.draft_steps import PENDING_STORE_SLOT as PENDING_SLOT
from actions.formservice import FormServiceError, UsesFormService
from actions.messages import DRAFT
from programmes.answers import FIELDS_BY_NAME, label

ATTEMPT_SLOT = "draft_attempt"
say, text = DRAFT.say, DRAFT.text


def _attempt(tracker: Tracker) -> int:
    value = tracker.get_slot(ATTEMPT_SLOT)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


class ActionSubmitDraft(UsesFormService, Action):
    """POST /api/drafts after consent; keeps every answer when the form service is down or slow."""

    def name(self) -> str:
        return "action_submit_draft"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "try_again" and not tracker.get_slot(PENDING_SLOT):
            say(dispatcher, "nothing_to_retry", lang)
            return []
        if not tracker.get_slot("programme"):
            # The person left at the programme question: no draft.
            buttons = [
                {"title": text("button_find_programme", lang), "payload": "/find_programme"},
                {"title": text("button_talk_to_person", lang), "payload": "/request_human"},
            ]
            say(dispatcher, "draft_not_started", lang, buttons=buttons)
            return [SlotSet(PENDING_SLOT, None)]
        if tracker.get_slot(questions.CONSENT) is not True:
            say(
                dispatcher,
                "consent_declined",
                lang,
                buttons=[{"title": text("button_continue", lang), "payload": "/start_application"}],
            )
            return [SlotSet(questions.CONSENT, None), SlotSet(PENDING_SLOT, False)]
        body = payload.draft_body(tracker.slots, tracker.sender_id, lang)
        attempt = _attempt(tracker)
        key = payload.idempotency_key(tracker.sender_id, attempt, body)
        try:
            stored = self.client.create_draft(body, key)
        except FormServiceError as error:
            return self._not_stored(dispatcher, error, lang)
        say(
            dispatcher, "draft_stored", lang, draft_id=stored.get("id"), edit_url=stored.get("edit_url")
        )
        return [
            SlotSet("draft_id", str(stored.get("id"))),
            SlotSet("draft_edit_url", stored.get("edit_url")),
            SlotSet(ATTEMPT_SLOT, attempt + 1),
            SlotSet(PENDING_SLOT, False),
            SlotSet(questions.REVIEW, None),
            SlotSet(questions.CONSENT, None),
        ]

    @staticmethod
    def _not_stored(
        dispatcher: CollectingDispatcher, error: FormServiceError, lang: str
    ) -> list[dict[str, Any]]:
        errors = (error.body or {}).get("errors") if isinstance(error.body, dict) else None
        if error.status == 422 and isinstance(errors, dict) and errors:
            # The form service refused an answer: ask for it again, then check and consent again.
            field, message = next(iter(errors.items()))
            field_name = label(field, lang) if field in FIELDS_BY_NAME else field
            say(
                dispatcher,
                "draft_rejected",
                lang,
                label=field_name,
                message=message,
                buttons=[{"title": text("button_continue", lang), "payload": "/start_application"}],
            )
            events = [
                SlotSet(questions.REVIEW, None),
                SlotSet(questions.CONSENT, None),
                SlotSet(PENDING_SLOT, False),
            ]
            return [*events, SlotSet(field, None)] if field in questions.FIELDS else events
        say(
            dispatcher,
            "draft_service_down",
            lang,
            buttons=[{"title": text("button_try_again", lang), "payload": "/try_again"}],
        )
        return [SlotSet(PENDING_SLOT, True)]
