"""The application draft form (`draft_form`): its questions, the checks of each answer, and the
interruptions around it (why, skip, stop, change).

The decisions live in actions/draft/ (plain modules with unit tests); these actions read the tracker,
call them and send the texts of actions/draft/messages.yml.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_utils
from actions.draft import answers, description, questions, review
from actions.draft.texts import say, text
from programmes import formatting as formats
from programmes import rules as programme_rules
from programmes.answers import FieldError
from programmes.messages import LABELS
from programmes.vocabulary import TARGET_GROUPS

FORM = "draft_form"
SKIPPED_SLOT = "draft_skipped"
# Intents that interrupt the form rather than answer its question; rules in data/rules/draft.yml
# handle them and bring the form back.
INTERRUPTIONS = frozenset(
    {
        "stop",
        "skip",
        "ask_why_needed",
        "correct_answer",
        "request_human",
        "try_again",
        "change_language",
        "start_application",
        # Questions to the bot itself ("what exactly do you mean?", "are you a bot?") are no answer:
        # a free-text question like the organisation's name would otherwise take them as one.
        "ask_capabilities",
        "bot_challenge",
        "ask_programme_what",
        "ask_programme_who",
        "ask_programme_amount",
        "ask_programme_duration",
        "ask_programme_deadline",
        "ask_programme_apply",
        "ask_programme_contact",
    }
)
# The NLU entity that carries each field's answer, where there is one.
ENTITY_FOR_FIELD = {
    "programme": "programme",
    "lsi_type": "lsi_type",
    "organisation_type": "organisation_type",
    "legal_form": "legal_form",
    "district": "district",
    "city": "city",
    "contact_email": "email",
    "contact_phone": "phone",
    "start_date": "date",
    "duration_months": "duration",
    "total_budget_eur": "amount",
    "requested_amount_eur": "amount",
}
ORGANISATION_BUTTONS = (
    "association",
    "social_enterprise",
    "small_business",
    "startup",
    "initiative",
    "municipality",
)


def _intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def _skipped(tracker: Tracker) -> list[str]:
    value = tracker.get_slot(SKIPPED_SLOT)
    return list(value) if isinstance(value, list) else []


def _entities(tracker: Tracker, entity: str) -> list[Any]:
    return [e.get("value") for e in tracker.latest_message.get("entities") or [] if e.get("entity") == entity]


def raw_answer(field: str, tracker: Tracker) -> Any:
    """What the latest message says for one field: its entity if the NLU found one, else the text."""
    message_text = (tracker.latest_message.get("text") or "").strip()
    if field in answers.YES_NO_FIELDS:
        intent = _intent(tracker)
        return {"affirm": True, "deny": False}.get(intent, message_text)
    if field == "target_groups":
        groups = _entities(tracker, "target_group")
        return groups or message_text
    entity = ENTITY_FOR_FIELD.get(field)
    values = _entities(tracker, entity) if entity else []
    return values[0] if values else message_text


def privacy_url() -> str:
    return os.environ.get("PUBLIC_BASE_URL", "http://localhost:8000").rstrip("/") + "/privacy"


class ValidateDraftForm(FormValidationAction):
    """Extracts the answers of the latest message and checks each; asks the next open question."""

    def name(self) -> str:
        return "validate_draft_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        # A question or "stop" usually carries entities ("Wie viel gibt es bei LSI?"); Rasa would count
        # them as answers and the form would swallow the message. Rejecting hands it to the rules.
        if tracker_utils.answering_form(tracker, FORM) and _intent(tracker) in INTERRUPTIONS:
            return [ActionExecutionRejected(FORM)]
        return await super().run(dispatcher, tracker, domain)

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        return questions.required_slots(tracker.slots, _skipped(tracker))

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        requested = tracker.get_slot("requested_slot")
        if requested not in questions.FORM_SLOTS or _intent(tracker) in INTERRUPTIONS:
            return []
        lang = tracker_utils.language(tracker)
        message_text = (tracker.latest_message.get("text") or "").strip()
        found: dict[str, Any] = {}
        if requested == "project_summary" or _intent(tracker) == "describe_project":
            # A description fills every field it mentions that is still open.
            extracted = description.extract(message_text, lang)
            found.update({k: v for k, v in extracted.items() if tracker.get_slot(k) is None})
        if requested == "contact_email" and tracker.get_slot("contact_phone") is None:
            phone = _entities(tracker, "phone")
            if phone:
                found["contact_phone"] = phone[0]
        found[requested] = raw_answer(requested, tracker)
        tracker.slots.update(found)
        return [SlotSet(slot, value) for slot, value in found.items()]

    def _check(
        self, field: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """The checked answer; for the question just asked, a re-ask with an example when it fails.

        A value picked up on the side (from a description or an earlier message) that does not fit is
        dropped quietly: its own question comes later and explains then.
        """
        lang = tracker_utils.language(tracker)
        try:
            return answers.check(field, value, tracker.slots, lang, formats.today())
        except FieldError as error:
            if tracker.get_slot("requested_slot") == field:
                say(dispatcher, error.key, lang, **error.values)
            return {field: None}

    def validate_programme(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("programme", value, dispatcher, tracker)

    def validate_lsi_type(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("lsi_type", value, dispatcher, tracker)

    def validate_project_summary(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("project_summary", value, dispatcher, tracker)

    def validate_organisation_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("organisation_name", value, dispatcher, tracker)

    def validate_legal_form(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("legal_form", value, dispatcher, tracker)

    def validate_organisation_type(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("organisation_type", value, dispatcher, tracker)

    def validate_contact_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("contact_name", value, dispatcher, tracker)

    def validate_contact_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("contact_email", value, dispatcher, tracker)

    def validate_contact_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("contact_phone", value, dispatcher, tracker)

    def validate_district(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("district", value, dispatcher, tracker)

    def validate_city(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("city", value, dispatcher, tracker)

    def validate_municipality(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("municipality", value, dispatcher, tracker)

    def validate_area(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("area", value, dispatcher, tracker)

    def validate_project_title(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("project_title", value, dispatcher, tracker)

    def validate_target_groups(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("target_groups", value, dispatcher, tracker)

    def validate_participants(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("participants", value, dispatcher, tracker)

    def validate_start_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("start_date", value, dispatcher, tracker)

    def validate_duration_months(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("duration_months", value, dispatcher, tracker)

    def validate_total_budget_eur(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("total_budget_eur", value, dispatcher, tracker)

    def validate_requested_amount_eur(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("requested_amount_eur", value, dispatcher, tracker)

    def validate_draft_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        result = self._check("draft_confirmed", value, dispatcher, tracker)
        if result.get("draft_confirmed") is False:
            lang = tracker_utils.language(tracker)
            fields = questions.draft_fields(tracker.slots)
            say(dispatcher, "draft_change_which", lang, buttons=review.buttons(fields, lang)[1:])
            return {"draft_confirmed": None}
        return result

    def validate_draft_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._check("draft_consent", value, dispatcher, tracker)


def question_text(field: str, slots: dict[str, Any], lang: str) -> str:
    """The question for one field, with what the applicant needs to answer it well."""
    programme_id = slots.get("programme")
    if field == "lsi_type":
        found = programme_rules.programme(programme_id)
        variants = "; ".join(
            f"{v.id}: {v.name.get(lang)}"
            + (
                f" ({text('question_limit_hint', lang, limit=formats.money(v.max_eur, lang))})"
                if v.max_eur
                else ""
            )
            for v in (found.variants if found else ())
            if v.id
        )
        return text("question_lsi_type", lang, variants=variants)
    if field == "start_date":
        return text("question_start_date", lang, example=formats.day(formats.example_start(), lang))
    if field == "draft_consent":
        return text("question_draft_consent", lang, privacy_url=privacy_url())
    question = text(f"question_{field}", lang)
    if field == "requested_amount_eur":
        limit = programme_rules.limits(programme_id, slots.get("lsi_type")).max_eur
        if limit is not None:
            question = f"{question} {text('question_limit_hint', lang, limit=formats.money(limit, lang))}"
    return question


def question_buttons(field: str, slots: dict[str, Any], lang: str) -> list[dict[str, str]]:
    if field in questions.OPTIONAL:
        return [{"title": text("button_skip", lang), "payload": "/skip"}]
    if field == "programme":
        return [
            {"title": p.short_name, "payload": f'/inform{{"programme":"{p.id}"}}'}
            for p in programme_rules.current_programmes()
        ]
    if field == "lsi_type":
        return [
            {"title": f"{variant}", "payload": f'/inform{{"lsi_type":"{variant}"}}'}
            for variant in programme_rules.variant_ids(slots.get("programme"))
        ]
    if field == "organisation_type":
        return [
            {
                "title": LABELS[kind][lang if lang == "en" else "de"],
                "payload": f'/inform{{"organisation_type":"{kind}"}}',
            }
            for kind in ORGANISATION_BUTTONS
        ]
    if field == "target_groups":
        return [
            {
                "title": LABELS[group][lang if lang == "en" else "de"],
                "payload": f'/inform{{"target_group":"{group}"}}',
            }
            for group in TARGET_GROUPS
        ]
    if field == "draft_consent":
        return [
            {"title": text("button_yes_store", lang), "payload": "/affirm"},
            {"title": text("button_no_store", lang), "payload": "/deny"},
        ]
    return []


class AskDraftQuestion(Action, ABC):
    """`action_ask_draft_form_<field>`: the question and, where answers are few, buttons.

    The form's name in the action name keeps these apart from the guidance form's questions about
    the same slots (Rasa looks for `action_ask_<form>_<slot>` first)."""

    @abstractmethod
    def field(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{FORM}_{self.field()}"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        slots = dict(tracker.slots)
        dispatcher.utter_message(
            text=question_text(self.field(), slots, lang), buttons=question_buttons(self.field(), slots, lang)
        )
        return []


class AskDraftConfirmed(AskDraftQuestion):
    """Check your answers: every value formatted for the locale, with a Change button each."""

    def field(self) -> str:
        return questions.REVIEW

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        slots = dict(tracker.slots)
        dispatcher.utter_message(
            text=review.summary_text(slots, lang), buttons=review.buttons(questions.draft_fields(slots), lang)
        )
        return []


def _ask_action(field: str) -> type[AskDraftQuestion]:
    return type(
        f"AskDraft_{field}", (AskDraftQuestion,), {"field": lambda self: field, "__module__": __name__}
    )


# One ask action per question; check-your-answers has its own class above.
ASK_ACTIONS = [_ask_action(field) for field in (*questions.FIELDS, questions.CONSENT)]
