"""Storing the application draft, and what happens around the form: start, resume, why, skip,
stop, change. Storing happens only after check-your-answers and an explicit yes to storing."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_utils
from actions.draft import answers, payload, questions, review
from actions.draft.texts import say, text
from actions.draft_form import SKIPPED_SLOT, raw_answer
from actions.formservice import FormServiceError, UsesFormService
from programmes import formatting as formats
from programmes import rules as programme_rules
from programmes.answers import FieldError, legal_form_in

PENDING_SLOT = "draft_pending"
ATTEMPT_SLOT = "draft_attempt"
# Which field a correction without a `field` entity means, judged by the entity it carries.
FIELD_FOR_ENTITY = {
    "email": "contact_email",
    "phone": "contact_phone",
    "date": "start_date",
    "duration": "duration_months",
    "district": "district",
    "city": "city",
    "programme": "programme",
    "lsi_type": "lsi_type",
    "organisation_type": "organisation_type",
    "target_group": "target_groups",
}
TOTAL_WORDS = ("budget", "gesamt", "total", "kosten")


def _attempt(tracker: Tracker) -> int:
    value = tracker.get_slot(ATTEMPT_SLOT)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


class ActionStartDraft(Action):
    """Opens (or resumes) the draft: which programme, how many answers are still needed."""

    def name(self) -> str:
        return "action_start_draft"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        slots = dict(tracker.slots)
        # Every new start ends with a fresh check of the answers and a fresh consent.
        slots.update({questions.REVIEW: None, questions.CONSENT: None})
        programme = programme_rules.programme(slots.get("programme"))
        events: list[dict[str, Any]] = [SlotSet(questions.REVIEW, None), SlotSet(questions.CONSENT, None)]
        if programme is not None and programme_rules.is_closed(programme.id):
            # "Ich will LSK beantragen": say at once that it is closed, not "a draft for LSK" and then
            # a question for the programme; the form asks which open programme it should be.
            say(dispatcher, "programme_closed", lang, programme=programme.short_name,
                programmes=", ".join(p.short_name for p in programme_rules.current_programmes()))
            slots["programme"] = programme = None
            events.append(SlotSet("programme", None))
        open_count = len(questions.open_questions(slots, tracker.get_slot(SKIPPED_SLOT) or []))
        answered = [f for f in questions.FIELDS if f != "programme" and slots.get(f) is not None]
        if tracker.get_slot(PENDING_SLOT):
            pass  # the answers are complete; the form goes straight to the check
        elif programme is None:
            say(dispatcher, "draft_intro_no_programme", lang)
        elif tracker.get_slot("project_summary") is not None and answered:
            if open_count:
                say(dispatcher, "draft_resume", lang, count=open_count)
            else:
                say(dispatcher, "draft_resume_complete", lang)
        else:
            say(dispatcher, "draft_intro", lang, programme=programme.short_name, count=open_count)
        return events


class ActionExplainDraftQuestion(Action):
    """Why the current question (or the field the user names) is needed."""

    def name(self) -> str:
        return "action_explain_draft_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        field = tracker_utils.latest_entity(tracker, "field") or tracker.get_slot("requested_slot")
        key = f"reason_{field}"
        say(dispatcher, key if key in _texts() else "reason_programme", tracker_utils.language(tracker))
        return []


def _texts() -> dict[str, Any]:
    from actions.draft.texts import messages

    return messages()


class ActionSkipDraftQuestion(Action):
    """Skips an optional question for good; a required one is asked again with the reason why."""

    def name(self) -> str:
        return "action_skip_draft_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        requested = tracker.get_slot("requested_slot")
        if requested not in questions.OPTIONAL:
            say(dispatcher, "draft_cannot_skip", lang)
            return []
        say(dispatcher, "draft_skipped", lang)
        skipped = list(tracker.get_slot(SKIPPED_SLOT) or [])
        return [SlotSet(SKIPPED_SLOT, [*skipped, requested]), SlotSet(requested, None)]


class ActionPauseDraft(Action):
    """'Stop' during the draft: the answers stay in the conversation; one word resumes."""

    def name(self) -> str:
        return "action_pause_draft"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        say(
            dispatcher,
            "draft_paused",
            lang,
            buttons=[{"title": text("button_continue", lang), "payload": "/start_application"}],
        )
        return [SlotSet("requested_slot", None)]


def field_to_correct(tracker: Tracker) -> str | None:
    """The field a correction names, or the one its new value belongs to ("change the budget to …")."""
    named = tracker_utils.latest_entity(tracker, "field")
    if named in questions.FIELDS:
        return named
    message_text = (tracker.latest_message.get("text") or "").casefold()
    if tracker_utils.latest_entity(tracker, "amount"):
        return "total_budget_eur" if any(w in message_text for w in TOTAL_WORDS) else "requested_amount_eur"
    for entity, field in FIELD_FOR_ENTITY.items():
        if tracker_utils.latest_entity(tracker, entity):
            return field
    return None


def _new_value(field: str, tracker: Tracker) -> Any:
    """The new value a correction carries, if any: an entity, or a legal form in the text."""
    if field == "target_groups":
        groups = [
            e.get("value")
            for e in tracker.latest_message.get("entities") or []
            if e.get("entity") == "target_group"
        ]
        return groups or None
    entity = {"legal_form": "legal_form", **{f: e for e, f in FIELD_FOR_ENTITY.items()}}.get(field)
    if field in ("total_budget_eur", "requested_amount_eur"):
        entity = "amount"
    if entity and tracker_utils.latest_entity(tracker, entity):
        return raw_answer(field, tracker)
    if field == "legal_form" and legal_form_in(tracker.latest_message.get("text") or ""):
        return tracker.latest_message.get("text")
    return None


class ActionCorrectDraftField(Action):
    """'Change the budget to 15.000 €' sets it (checked like any answer); 'the e-mail is wrong' asks
    for it again. Either way the answers are checked once more before storing."""

    def name(self) -> str:
        return "action_correct_draft_field"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        again = [SlotSet(questions.REVIEW, None), SlotSet(questions.CONSENT, None)]
        field = field_to_correct(tracker)
        if field is None:
            fields = questions.draft_fields(tracker.slots)
            say(dispatcher, "draft_change_which", lang, buttons=review.buttons(fields, lang)[1:])
            return [*again, SlotSet("requested_slot", None)]
        label = text(f"label_{field}", lang)
        value = _new_value(field, tracker)
        skipped = [s for s in tracker.get_slot(SKIPPED_SLOT) or [] if s != field]
        events = [*again, SlotSet(SKIPPED_SLOT, skipped)]
        if value is not None:
            try:
                updates = answers.check(field, value, tracker.slots, lang, formats.today())
            except FieldError as error:
                say(dispatcher, error.key, lang, **error.values)
                return [*events, SlotSet(field, None)]
            slots = {**tracker.slots, **updates}
            say(
                dispatcher,
                "draft_changed",
                lang,
                label=label,
                value=review.shown_value(field, updates[field], slots, lang),
            )
            return [*events, *(SlotSet(k, v) for k, v in updates.items())]
        say(dispatcher, "draft_change_field", lang, label=label)
        return [*events, SlotSet(field, None)]


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
        say(dispatcher, "draft_stored", lang, draft_id=stored.get("id"), edit_url=stored.get("edit_url"))
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
            label = text(f"label_{field}", lang) if f"label_{field}" in _texts() else field
            say(
                dispatcher,
                "draft_rejected",
                lang,
                label=label,
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
