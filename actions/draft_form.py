"""The application draft form (`draft_form`): its questions and what each answer means.

`validate_draft_form` reads the message that answers the open question with actions/draft/turn.py
(answer, request, unclear, unusable, later) and checks it against the shared rules of programmes/answers.py;
`action_ask_draft_form_<field>` asks one question, with buttons where the answers are few, and offers a
way out when the same question comes a third time. Texts: actions/draft/messages.yml.
"""

from __future__ import annotations

import json
import os
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_utils
from actions.draft import questions, review, turn
from actions.draft.state import (
    INFERRED_SLOT,
    PENDING_SLOT,
    REPEATS_SLOT,
    SKIPPED_SLOT,
    field_label,
    list_slot,
    noted_facts,
)
from actions.draft_steps import correction_events, offer_defer, refused_programme
from actions.messages import DRAFT
from bot.nlu.commands import statements
from programmes import districts, formatting, rules
from programmes.answers import COMMON_LEGAL_FORMS, NO_LEGAL_FORM, OPTIONAL, FieldError, likely_type
from programmes.messages import LABELS
from programmes.vocabulary import TARGET_GROUPS

FORM = "draft_form"
ORGANISATION_BUTTONS = (
    "association",
    "social_enterprise",
    "small_business",
    "startup",
    "initiative",
    "training_provider",
    "municipality",
    "district_office",
)
# The third time the same question comes, it comes with an example and ways out.
HELP_AT_REPEAT = 3


def privacy_url() -> str:
    return os.environ.get("PUBLIC_BASE_URL", "http://localhost:8000").rstrip("/") + "/privacy"


# Returned by the validation, this ends the form without another question (see Rasa's FormAction.is_done).
ENDS_FORM = SlotSet("requested_slot", None)

def _clarify(
    dispatcher: CollectingDispatcher, decision: turn.Clarify, slots: dict[str, Any], lang: str
) -> None:
    if decision.kind == "yes_no":
        if decision.field == questions.CONSENT:
            DRAFT.say(
                dispatcher,
                "clarify_consent",
                lang,
                buttons=question_buttons(decision.field, slots, lang),
            )
        else:
            DRAFT.say(
                dispatcher,
                "clarify_review",
                lang,
                buttons=review.buttons(questions.draft_fields(slots), lang),
            )
        return
    label = field_label(decision.field, lang)
    buttons = [
        {"title": DRAFT.text("button_take_answer", lang, label=label), "payload": "/affirm"},
        {"title": DRAFT.text("button_other_answer", lang), "payload": "/deny"},
    ]
    if decision.alternative and f"clarify_alternative_{decision.alternative}" in DRAFT:
        title = DRAFT.text(f"clarify_alternative_{decision.alternative}", lang)
        buttons.insert(1, {"title": title, "payload": f"/{decision.alternative}"})
    value = (
        review.shown_value(decision.field, decision.value, slots, lang)
        if decision.shown
        else decision.value
    )
    DRAFT.say(dispatcher, "clarify_answer", lang, buttons=buttons, value=value, label=label)


def _ways_forward(error: FieldError, lang: str) -> list[dict[str, str]] | None:
    """Buttons for a rejected answer that has a way forward: a duration that fits another project type
    offers to switch to it; the button carries the duration, which the switch then takes as the answer."""
    if error.key == "duration_fits_other_type":
        other, months = error.values["other"], error.values["months"]
        payload = f'/correct_answer{{"field":"lsi_type","lsi_type":"{other}","duration":"{months}"}}'
        return [{"title": DRAFT.text("button_switch_type", lang, other=other), "payload": payload}]
    return None


class ValidateDraftForm(FormValidationAction):
    """Reads the answer to the open question (actions/draft/turn.py) and decides the next question."""

    def name(self) -> str:
        return "validate_draft_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return questions.required_slots(tracker.slots, list_slot(tracker, SKIPPED_SLOT))

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        requested = tracker.get_slot("requested_slot")
        events: list[EventType] = []
        if tracker_utils.answering_form(tracker, FORM) and requested in questions.FORM_SLOTS:
            answered = self.answer(requested, dispatcher, tracker)
            if any(e.get("event") == "action_execution_rejected" for e in answered):
                return answered
            if ENDS_FORM in answered:
                return answered  # the form ends; action_submit_draft says that nothing is stored
            events += answered
            tracker.slots.update(
                {e["name"]: e.get("value") for e in events if e.get("event") == "slot"}
            )
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return [*events, next_slot] if next_slot else events

    def answer(self, field: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """The events for the message that answers `field`, and what the person is told."""
        lang = tracker_utils.language(tracker)
        slots = dict(tracker.slots)
        pending = tracker.get_slot(PENDING_SLOT)
        decision = turn.decide(field, tracker.latest_message, slots, lang, formatting.today(), pending)
        # An ask-back is answered by this message; a value offered for a later question waits for it.
        waits = isinstance(pending, dict) and pending.get("kind") == "offer" and pending.get("field") != field
        events: list[EventType] = [SlotSet(PENDING_SLOT, None)] if pending and not waits else []
        if isinstance(decision, turn.Reject):
            # "Was ist der Unterschied zwischen B und C? Wir wollen eigentlich 1 Jahr laufen": the rule
            # answers the question; what the other sentences state for open questions is kept.
            stated = statements(tracker.latest_message.get("text") or "")
            if decision.intent in turn.QUESTION_INTENTS and stated:
                facts = turn.description_facts(stated, slots, lang, formatting.today())
                events += [SlotSet(name, value) for name, value in facts.items() if name != field]
            return [*events, ActionExecutionRejected(FORM)]
        if isinstance(decision, turn.Explain):
            key = f"reason_{field}"
            DRAFT.say(dispatcher, key if key in DRAFT else "reason_programme", lang)
            return events
        if isinstance(decision, turn.Correct):
            return [*events, *correction_events(dispatcher, tracker)]
        if isinstance(decision, turn.OfferDefer):
            return offer_defer(dispatcher, field, lang)
        if isinstance(decision, turn.Leave):
            return [*events, SlotSet(PENDING_SLOT, None), ENDS_FORM]
        if isinstance(decision, turn.Clarify):
            _clarify(dispatcher, decision, slots, lang)
            return [
                SlotSet(PENDING_SLOT, {"field": field, "kind": decision.kind, "value": decision.value})
            ]
        if isinstance(decision, turn.Retry):
            if decision.error is not None:
                DRAFT.say(
                    dispatcher,
                    decision.error.key,
                    lang,
                    buttons=_ways_forward(decision.error, lang),
                    **decision.error.values,
                )
            return [*events, SlotSet(field, None)]
        if isinstance(decision, turn.Skip | turn.Defer):
            if isinstance(decision, turn.Skip):
                DRAFT.say(dispatcher, "draft_skipped", lang)
            else:
                DRAFT.say(dispatcher, "deferred", lang, label=field_label(field, lang))
            skipped = list_slot(tracker, SKIPPED_SLOT)
            events += [SlotSet(SKIPPED_SLOT, [*skipped, field]), SlotSet(REPEATS_SLOT, None)]
            return [*events, *self.side_noted(decision.side, field, dispatcher, tracker, lang)]
        if field == questions.REVIEW and decision.updates.get(field) is False:
            # "Nein" at check-your-answers: which answer? The list is not shown again while this is open.
            buttons = review.buttons(questions.draft_fields(slots), lang)[1:]
            DRAFT.say(dispatcher, "draft_change_which", lang, buttons=buttons)
            return [
                SlotSet(field, None),
                SlotSet(PENDING_SLOT, {"field": field, "kind": "change", "value": None}),
            ]
        events += self.accepted(field, decision, dispatcher, tracker, lang)
        skipped = list_slot(tracker, SKIPPED_SLOT)
        if (
            field in ("contact_name", "contact_email")
            and turn.NO_PHONE.search(tracker.latest_message.get("text") or "")
            and not slots.get("contact_phone")
            and "contact_phone" not in skipped
        ):
            events.append(SlotSet(SKIPPED_SLOT, [*skipped, "contact_phone"]))
        return events

    @staticmethod
    def side_noted(
        side: dict[str, Any], field: str, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> list[EventType]:
        """Facts given beside the answer, set, confirmed and marked for checking in the review."""
        if not side:
            return []
        slots = {**tracker.slots, **side}
        key = "description_noted" if field == "project_summary" else "side_noted"
        DRAFT.say(dispatcher, key, lang, facts=noted_facts(side, slots, lang))
        inferred = list_slot(tracker, INFERRED_SLOT)
        return [
            *(SlotSet(name, value) for name, value in side.items()),
            SlotSet(INFERRED_SLOT, [*inferred, *(k for k in side if k not in inferred)]),
        ]

    @staticmethod
    def accepted(
        field: str, decision: turn.Answer, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> list[EventType]:
        """Slot events for an accepted answer; facts taken on the side are confirmed and marked."""
        slots = {**tracker.slots, **decision.updates, **decision.side}
        side = dict(decision.side)
        events = [SlotSet(name, value) for name, value in {**decision.updates, **decision.side}.items()]
        if side:
            key = "description_noted" if field == "project_summary" else "side_noted"
            DRAFT.say(dispatcher, key, lang, facts=noted_facts(side, slots, lang))
            inferred = list_slot(tracker, INFERRED_SLOT)
            events.append(SlotSet(INFERRED_SLOT, [*inferred, *(k for k in side if k not in inferred)]))
        for dropped, reason in review.dropped_values(tracker.slots, decision.updates, lang):
            DRAFT.say(
                dispatcher,
                "value_dropped",
                lang,
                label=field_label(dropped, lang),
                value=review.shown_value(dropped, tracker.get_slot(dropped), slots, lang),
                reason=reason,
            )
        return [*events, *refused_programme(dispatcher, slots, lang), SlotSet(REPEATS_SLOT, None)]


def question_text(field: str, slots: dict[str, Any], lang: str) -> str:
    """The question for one field, with what the applicant needs to answer it well."""
    programme_id = slots.get("programme")
    if field == "lsi_type":
        found = rules.programme(programme_id)
        variants = "; ".join(
            f"{v.id}: {v.name.get(lang)}"
            + (
                f" ({DRAFT.text('question_limit_hint', lang, limit=formatting.money(v.max_eur, lang))})"
                if v.max_eur
                else ""
            )
            for v in (found.variants if found else ())
            if v.id
        )
        return DRAFT.text("question_lsi_type", lang, variants=variants)
    if field == "start_date":
        return DRAFT.text(
            "question_start_date", lang, example=formatting.day(formatting.example_start(), lang)
        )
    if field == questions.CONSENT:
        return DRAFT.text("question_draft_consent", lang, privacy_url=privacy_url())
    question = DRAFT.text(f"question_{field}", lang)
    if field == "requested_amount_eur":
        limit = rules.limits(programme_id, slots.get("lsi_type")).max_eur
        if limit is not None:
            hint = DRAFT.text("question_limit_hint", lang, limit=formatting.money(limit, lang))
            question = f"{question} {hint}"
    return question


def _label(kind: str, lang: str) -> str:
    return LABELS[kind]["en" if lang == "en" else "de"]


def _inform(entity: str, value: str) -> str:
    """A button's payload that answers with one entity value ("/inform{"district":"Neukölln"}")."""
    return "/inform" + json.dumps({entity: value}, ensure_ascii=False, separators=(",", ":"))


def question_buttons(field: str, slots: dict[str, Any], lang: str) -> list[dict[str, str]]:
    """Buttons for questions with few answers: yes/no, project type, programme, kind of organisation, Berlin
    district, common legal forms, target groups, skip."""
    if field in OPTIONAL:
        return [{"title": DRAFT.text("button_skip", lang), "payload": "/skip"}]
    if field == "programme":
        # Only what this applicant may apply for in their region, when that is known.
        applicant, state = slots.get("organisation_type"), slots.get("state")
        open_to_them = [
            p
            for p in rules.current_programmes()
            if (not applicant or rules.may_apply(p.id, applicant)) and rules.applies_in(p.id, state)
        ]
        return [
            {"title": p.short_name, "payload": f'/inform{{"programme":"{p.id}"}}'}
            for p in open_to_them or rules.current_programmes()
        ]
    if field == "lsi_type":
        return [
            {"title": variant, "payload": f'/inform{{"lsi_type":"{variant}"}}'}
            for variant in rules.variant_ids(slots.get("programme"))
        ]
    if field == "organisation_type":
        # The kind the legal form suggests first ("gGmbH": social enterprise), the others after it.
        likely = likely_type(slots.get("legal_form"))
        kinds = sorted(ORGANISATION_BUTTONS, key=lambda kind: kind != likely)
        return [
            {"title": _label(kind, lang), "payload": f'/inform{{"organisation_type":"{kind}"}}'}
            for kind in kinds
        ]
    if field == "district":
        return [{"title": name, "payload": _inform("district", name)} for name in districts.official_names()]
    if field == "legal_form":
        forms = [{"title": form, "payload": _inform("legal_form", form)} for form in COMMON_LEGAL_FORMS]
        none = _inform("legal_form", NO_LEGAL_FORM)
        return [*forms, {"title": DRAFT.text("button_no_legal_form", lang), "payload": none}]
    if field == "target_groups":
        return [
            {"title": _label(group, lang), "payload": f'/inform{{"target_group":"{group}"}}'}
            for group in TARGET_GROUPS
        ]
    if field == questions.CONSENT:
        return [
            {"title": DRAFT.text("button_yes_store", lang), "payload": "/affirm"},
            {"title": DRAFT.text("button_no_store", lang), "payload": "/deny"},
        ]
    return []


def _way_out_buttons(field: str, lang: str) -> list[dict[str, str]]:
    later = {"title": DRAFT.text("button_leave_open", lang), "payload": "/skip"}
    person = {"title": DRAFT.text("button_talk_to_person", lang), "payload": "/request_human"}
    pause = {"title": DRAFT.text("button_pause", lang), "payload": "/stop"}
    return [later, person, pause] if field != "programme" else [person, pause]


def repeats_after_asking(tracker: Tracker, field: str) -> int:
    """How many times in a row this question has now been asked (1 the first time)."""
    previous = tracker.get_slot(REPEATS_SLOT)
    if (
        isinstance(previous, dict)
        and previous.get("field") == field
        and tracker.get_slot(field) is None
    ):
        return int(previous.get("count") or 0) + 1
    return 1


class AskDraftQuestion(Action, ABC):
    """`action_ask_draft_form_<field>`: the question, with buttons where answers are few.

    Asked a third time in a row, it comes with an example and ways out (leave open, a person, pause); after
    that it alternates, so the same words never come three times in a row. While an ask-back for this
    field waits for its answer, nothing more is asked.
    """

    @property
    @abstractmethod
    def field(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{FORM}_{self.field}"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        pending = tracker.get_slot(PENDING_SLOT)
        lang = tracker_utils.language(tracker)
        if isinstance(pending, dict) and pending.get("field") == self.field:
            if pending.get("kind") != "offer":
                return []  # the ask-back waits for its answer
            # A value from earlier in the conversation, offered when its question comes: yes takes it,
            # a new answer replaces it (turn.decide reads the reply as to an ask-back).
            buttons = [
                {"title": DRAFT.text("button_use_summary", lang), "payload": "/affirm"},
                {"title": DRAFT.text("button_new_summary", lang), "payload": "/deny"},
            ]
            DRAFT.say(dispatcher, "summary_offer", lang, buttons=buttons, value=pending["value"])
            return [SlotSet(PENDING_SLOT, {**pending, "kind": "offered"})]
        slots = dict(tracker.slots)
        count = repeats_after_asking(tracker, self.field)
        helped = self.ask(dispatcher, slots, lang, count)
        events: list[EventType] = [SlotSet(REPEATS_SLOT, {"field": self.field, "count": count})]
        if helped:  # its "leave open" button leaves it open at once
            events.append(SlotSet(PENDING_SLOT, {"field": self.field, "kind": "defer", "value": None}))
        return events

    def ask(
        self, dispatcher: CollectingDispatcher, slots: dict[str, Any], lang: str, count: int
    ) -> bool:
        """Sends the question; True when it came with the ways out."""
        question = question_text(self.field, slots, lang)
        buttons = question_buttons(self.field, slots, lang)
        helped = count >= HELP_AT_REPEAT and count % 2 == 1 and self.field in questions.FIELDS
        if helped:
            example = DRAFT.text(
                f"example_{self.field}", lang, example=formatting.day(formatting.example_start(), lang)
            )
            question = DRAFT.text("question_help", lang, question=question, example=example)
            buttons = [*buttons, *_way_out_buttons(self.field, lang)]
        elif count > HELP_AT_REPEAT:
            question = DRAFT.text("question_again", lang, question=question)
        dispatcher.utter_message(text=question, buttons=buttons)
        return helped


class AskDraftConfirmed(AskDraftQuestion):
    """Check your answers: every value formatted for the locale, with a Change button each."""

    field = questions.REVIEW

    def ask(
        self, dispatcher: CollectingDispatcher, slots: dict[str, Any], lang: str, count: int
    ) -> bool:
        dispatcher.utter_message(
            text=review.summary_text(slots, lang),
            buttons=review.buttons(questions.draft_fields(slots), lang),
        )
        return False


def _ask_action(field: str) -> type[AskDraftQuestion]:
    return type(f"AskDraft_{field}", (AskDraftQuestion,), {"field": field, "__module__": __name__})


# One ask action per question; check-your-answers has its own class above.
ASK_ACTIONS = [_ask_action(field) for field in (*questions.FIELDS, questions.CONSENT)]
