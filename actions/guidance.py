"""Programme guidance: the `guidance_form` asks only what changes the match, then recommends.

The questions come from the form service: POST /api/match lists, per programme, the answers still
missing. The form asks those (at most five), each with its reason, and `action_recommend_programme`
presents the best programme with reasons, calls, limits, contact and alternatives.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecutionRejected, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import render, tracker_utils
from actions.draft import description
from actions.forms import CheckedForm
from actions.formservice import FormServiceError, UsesFormService
from actions.match_client import MatchingAction, check_answer, match_profile
from actions.messages import say, text
from actions.profile import (
    GUIDANCE_SLOTS,
    KEY_FOR_SLOT,
    alternatives,
    best_result,
    build_profile,
    questions_to_ask,
)
from bot.nlu.commands import is_question, statements
from bot.nlu.intents import PROGRAMME_QUESTIONS
from bot.nlu.polarity import UNSURE, polarity
from bot.nlu.programme_questions import KINDS as QUESTION_KINDS
from programmes import answers as fields
from programmes import districts, rules
from programmes.answers import FieldError

FORM = "guidance_form"
REPEATS_SLOT = "guidance_repeats"
# A question that came twice without an answer is left open the third time: never a loop.
GIVE_UP_AFTER = 2
# Eligible areas as people name them; "kein QM-Gebiet" / "not in a Soziale Stadt area" say the opposite.
ELIGIBLE_AREA = re.compile(
    r"\b(?:soziale[rn]?\s+stadt|soziale-stadt|soziale[rn]?\s+zusammenhalt\w*|quartiersmanagement\w*|"
    r"qm[-\s]?gebiet\w*|fördergebiet\w*|social\s+city|neighbou?rhood\s+management|stadtumbau)\b",
    re.IGNORECASE,
)
NOT_IN_AREA = re.compile(
    r"\b(?:kein(?:em|en|e)?|nicht|not|no|outside|außerhalb)\b(?:\s+\w+){0,3}\s+(?:soziale|sozialen|qm|"
    r"quartiersmanagement|fördergebiet|social|neighbou?rhood|gebiet|area)",
    re.IGNORECASE,
)
# "Wir kochen mit Arbeitslosen" says what a project does; "Kochen" does not.
MIN_DESCRIPTION_WORDS = 3
# Earlier messages of the conversation read for what the project does before the guidance asks for it.
LOOK_BACK_MESSAGES = 5
# A question during the guidance that may come together with the answer to "what does the project do?"
# ("Alleinerziehende bekommen Bewerbungscoaching … Wann ist die nächste Frist?"): the answer is kept, the
# question goes to its rule.
QUESTIONS_WITH_AN_ANSWER = frozenset(
    {
        *PROGRAMME_QUESTIONS,
        "ask_term",
        "nlu_fallback",
    }
)
# The programme the guidance recommended last; "yes" to the offer starts the draft for it.
RECOMMENDED_SLOT = "recommended_programme"
ASKED_SLOT = "guidance_asked"
SKIPPED_SLOT = "guidance_skipped"

ORGANISATION_BUTTONS = (
    "association",
    "small_business",
    "startup",
    "initiative",
    "social_enterprise",
    "district_office",
    # Outside Berlin the municipality applies (BIWAQ); people from a city administration need a button.
    "municipality",
)


# Intents the rules in data/rules/guidance.yml handle while the form is active: the form rejects them
# even when they carry entities ("Dürfen Vereine LSI beantragen?"), so the rules answer and come back.
INTERRUPTIONS = frozenset(
    {
        *PROGRAMME_QUESTIONS,
        "ask_why_needed",
        "ask_term",
        "stop",
        "skip",
        "request_human",
        "nlu_fallback",
        "other_language",
    }
)
# Questions back about a guidance question are answered from the catalogue fact on the same subject.
FACT_OF_QUESTION = {"requested_amount_eur": "amount", "duration_months": "duration"}
# How a question back is classified when it names no programme: "what is normal?" reads like a question
# about the assistant or a programme in general.
QUESTION_BACK_INTENTS = frozenset(
    {"ask_programme_what", "ask_capabilities", "nlu_fallback", "inform", "describe_project", "affirm"}
)
USUAL = re.compile(
    r"\b(?:normal\w*|typical\w*|typisch\w*|usual\w*|üblich\w*|gängig\w*|viel|much|many|lange?|long|"
    r"average|durchschnitt\w*|realisti\w*|a\s+lot)\b",
    re.IGNORECASE,
)
# Intents whose message still answers the question when it names a fact ("weiß nicht, vllt 8000").
MAY_CARRY_AN_ANSWER = frozenset({"nlu_fallback", "skip"})
# Intents no rule handles during the form: when such a message answers nothing ("ja" to the amount
# question), the form says so and asks again instead of falling silent.
ANSWER_INTENTS = frozenset(
    {"affirm", "inform", "describe_project", "find_programme", "correct_answer", "try_again"}
)
# Entities that answer a guidance question or change the match.
PROFILE_ENTITIES = frozenset(
    {
        "organisation_type",
        "legal_form",
        "state",
        "city",
        "district",
        "amount",
        "duration",
        "target_group",
        "goal",
    }
)


def _answered_something(tracker: Tracker, events: list[dict[str, Any]]) -> bool:
    requested = tracker.get_slot("requested_slot")
    if any(e.get("entity") in PROFILE_ENTITIES for e in tracker.latest_message.get("entities") or []):
        return True
    return any(
        e.get("event") == "slot" and e.get("name") == requested and e.get("value") is not None
        for e in events
    )


def _asked_twice(tracker: Tracker, slot: str | None) -> bool:
    """The question for `slot` was asked GIVE_UP_AFTER times in a row."""
    repeats = tracker.get_slot(REPEATS_SLOT)
    return (
        isinstance(repeats, dict)
        and repeats.get("slot") == slot
        and int(repeats.get("count") or 0) >= GIVE_UP_AFTER
    )


def _sets_requested_slot(event: dict[str, Any]) -> bool:
    return event.get("event") == "slot" and event.get("name") == "requested_slot"


def _next_requested(events: list[dict[str, Any]]) -> str | None:
    """The question the form will ask next, as the validation decided it."""
    return next((e.get("value") for e in reversed(events) if _sets_requested_slot(e)), None)


# Two amounts this close are one amount said twice ("knapp zwanzigtausend, so neunzehntausendfünfhundert").
SAME_AMOUNT_RATIO = Decimal("1.5")


def _trailing_zeros(value: Decimal) -> int:
    digits = str(int(value))
    return len(digits) - len(digits.rstrip("0"))


def _requested_amount(tracker: Tracker) -> str | None:
    """The amount a message asks for: the one its words call the requested one ("insgesamt 52k, davon 45k
    gefördert"), else the most exact of amounts that are the same figure said twice ("knapp zwanzigtausend,
    so neunzehntausendfünfhundert" → 19,500; the later one on a tie), else the first."""
    amounts = [
        e
        for e in tracker.latest_message.get("entities") or []
        if e.get("entity") == "amount" and not e.get("implied_by")
    ]
    if len(amounts) < 2:
        return str(amounts[0]["value"]) if amounts else None
    message = tracker.latest_message.get("text") or ""
    by_role = description.amounts_by_role(message, tracker_utils.language(tracker))
    if by_role.get("requested_amount_eur"):
        return str(by_role["requested_amount_eur"])
    try:
        values = [Decimal(str(e["value"])) for e in amounts]
    except InvalidOperation:
        return str(amounts[0]["value"])
    if min(values) > 0 and max(values) <= min(values) * SAME_AMOUNT_RATIO:
        exact = max(range(len(values)), key=lambda i: (-_trailing_zeros(values[i]), i))
        return str(amounts[exact]["value"])
    return str(amounts[0]["value"])

def _says_who_applies(tracker: Tracker) -> bool:
    entities = tracker.latest_message.get("entities") or []
    return any(e.get("entity") in ("organisation_type", "legal_form") for e in entities)


def _list_slot(tracker: Tracker, name: str) -> list[str]:
    value = tracker.get_slot(name)
    return list(value) if isinstance(value, list) else []


def _buttons(slot: str, lang: str) -> list[dict[str, str]]:
    """Buttons where the answers are few; free-text answers get a 'not sure yet' button only."""
    skip = {"title": text("button_skip", lang), "payload": "/skip"}
    if slot == "organisation_type":
        return [
            {
                "title": text(f"button_{kind}", lang),
                "payload": f'/inform{{"organisation_type":"{kind}"}}',
            }
            for kind in ORGANISATION_BUTTONS
        ]
    if slot == "state":
        return [
            {"title": text("button_berlin", lang), "payload": '/inform{"state":"BE"}'},
            {"title": text("button_nrw", lang), "payload": '/inform{"state":"NW"}'},
            skip,
        ]
    if slot == "in_disadvantaged_area":
        return [
            {"title": text("button_yes", lang), "payload": "/affirm"},
            {"title": text("button_no", lang), "payload": "/deny"},
            {"title": text("button_dont_know", lang), "payload": "/skip"},
        ]
    return [skip]


def text_of(key: str, tracker: Tracker) -> str:
    return text(key, tracker_utils.language(tracker))


class ValidateGuidanceForm(UsesFormService, CheckedForm):
    """Decides the guidance form's questions from the form service and checks each answer there."""

    def name(self) -> str:
        return "validate_guidance_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        answering = tracker_utils.answering_form(tracker, FORM)
        intent = tracker_utils.intent(tracker)
        names_a_fact = any(
            e.get("entity") in PROFILE_ENTITIES for e in tracker.latest_message.get("entities") or []
        )
        question_back = answering and self._asks_back(tracker, intent)
        if (
            answering
            and intent in INTERRUPTIONS
            and not (intent in MAY_CARRY_AN_ANSWER and names_a_fact)
            and not question_back
        ):
            # "keine ahnung, vllt 8000?" or an unsure classification that names a district or an amount is an
            # answer; a question or a request is for the rules. A description with a question after it is
            # both: the description is kept, and the rule answers the question.
            described = self._described_with_question(tracker, intent)
            kept = [SlotSet("project_description", described)] if described else []
            return [*kept, ActionExecutionRejected(FORM)]
        requested = tracker.get_slot("requested_slot")
        events: list[dict[str, Any]] = await super().run(dispatcher, tracker, domain)
        lang = tracker_utils.language(tracker)
        if question_back:
            # "I dont know. what is normal?", "vllt achttausend? is das viel?": what the programmes that fit
            # so far allow, then (unless it was answered too) the question once more.
            self._say_what_is_usual(dispatcher, tracker, FACT_OF_QUESTION[requested])
        elif (
            answering
            and intent in ANSWER_INTENTS
            and not _answered_something(tracker, events)
        ):
            if polarity(tracker.latest_message.get("text") or "").value == UNSURE:
                # "Keene Ahnung ehrlich, paar Tausender": not known yet, which is an answer too
                dispatcher.utter_message(text=text("question_skipped", lang))
                skipped = [*_list_slot(tracker, SKIPPED_SLOT), requested]
                tracker.slots[SKIPPED_SLOT] = skipped
                following = await self.next_requested_slot(dispatcher, tracker, domain)
                events = [e for e in events if not _sets_requested_slot(e)]
                events += [SlotSet(SKIPPED_SLOT, skipped), SlotSet(REPEATS_SLOT, None)]
                return [*events, following] if following else events
            if not _asked_twice(tracker, requested):
                # Rasa would reject the form and no rule follows: say so; the form asks its question again.
                dispatcher.utter_message(text=text("answer_not_understood", lang))
                return [*events, SlotSet(requested, None)]
        next_slot = _next_requested(events)
        if next_slot and _asked_twice(tracker, next_slot) and tracker.get_slot(next_slot) is None:
            # Asked twice without an answer (whatever came in between: a question, a message not
            # understood): leave it open and go on with what is known, never a third time.
            dispatcher.utter_message(text=text("question_left_open", lang))
            skipped = [*_list_slot(tracker, SKIPPED_SLOT), next_slot]
            tracker.slots[SKIPPED_SLOT] = skipped
            tracker.slots[REPEATS_SLOT] = None
            following = await self.next_requested_slot(dispatcher, tracker, domain)
            events = [e for e in events if not _sets_requested_slot(e)]
            events += [SlotSet(SKIPPED_SLOT, skipped), SlotSet(REPEATS_SLOT, None)]
            if following:
                events.append(following)
        return events

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        filled = [slot for slot in GUIDANCE_SLOTS if tracker.get_slot(slot) is not None]
        profile = build_profile(tracker.slots, tracker_utils.language(tracker))
        try:
            results = match_profile(self.client, profile).results
        except FormServiceError:
            return filled  # nothing more to ask; the recommendation says the service is down
        ask = questions_to_ask(
            results, tracker.slots, _list_slot(tracker, SKIPPED_SLOT), _list_slot(tracker, ASKED_SLOT)
        )
        return filled + ask

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        # Custom slots are extracted whatever is being asked: a describe_project message may
        # contain the amount although the form has not asked for it yet.
        events: list[dict[str, Any]] = []
        for slot in (
            "requested_amount_eur",
            "duration_months",
            "in_disadvantaged_area",
            "district",
            "project_description",
        ):
            extracted = await self._extract_slot(slot, dispatcher, tracker, domain)
            tracker.slots.update(extracted)
            events += [SlotSet(name, value) for name, value in extracted.items()]
        return events

    def extract_requested_amount_eur(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # "240.000 € Gesamtkosten, beantragt davon 180.000", "900.000 Euro, Eigenanteil 10 %": the grant
        message = tracker.latest_message.get("text") or ""
        requested = description.requested_amount(message, tracker_utils.language(tracker))
        if requested:
            return {"requested_amount_eur": requested}
        amount = _requested_amount(tracker)
        if amount:
            return {"requested_amount_eur": amount}
        # A bare number answering the amount question ("20.000") carries no currency, so no entity.
        if tracker.get_slot("requested_slot") != "requested_amount_eur":
            return {}
        try:
            read = fields.read_amount(
                tracker.latest_message.get("text"), tracker_utils.language(tracker)
            )
        except FieldError:
            return {}
        return {"requested_amount_eur": str(read)}

    def extract_duration_months(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # The duration entity fills the slot through its mapping; a bare "24" answers the question too.
        if tracker.get_slot("requested_slot") != "duration_months" or tracker_utils.latest_entity(
            tracker, "duration"
        ):
            return {}
        try:
            return {"duration_months": str(fields.read_months(tracker.latest_message.get("text")))}
        except FieldError:
            return {}

    @staticmethod
    def _asks_back(tracker: Tracker, intent: str) -> bool:
        """A question about the question asked, naming no programme: "what is normal?" to the amount
        question, "wie lange geht das denn?" to the duration question."""
        requested = tracker.get_slot("requested_slot")
        message = tracker.latest_message.get("text") or ""
        if requested not in FACT_OF_QUESTION or tracker_utils.latest_entity(tracker, "programme"):
            return False
        on_subject = intent == f"ask_programme_{FACT_OF_QUESTION[requested]}"
        return is_question(message) and (
            on_subject or (intent in QUESTION_BACK_INTENTS and bool(USUAL.search(message)))
        )

    def _say_what_is_usual(self, dispatcher: CollectingDispatcher, tracker: Tracker, fact: str) -> None:
        """The catalogue's fact (amounts or durations per project type, with source) of the programme that
        fits best so far."""
        lang = tracker_utils.language(tracker)
        try:
            best = best_result(match_profile(self.client, build_profile(tracker.slots, lang)).results)
            detail = self.client.programme(best["programme"], lang) if best else None
        except FormServiceError:
            return
        if detail:
            dispatcher.utter_message(text=render.fact_answer(detail, fact, lang))

    def extract_project_description(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """What the project does, from what the person already wrote, whatever else the message was (a
        question, a greeting with the project in it, a message after one in another language): the latest
        earlier message in which the form service reads an activity. Once asked, the answer counts (slot
        mapping; `_description`)."""
        if (
            tracker.get_slot("project_description")
            or tracker.get_slot("requested_slot") == "project_description"
            or "project_description" in _list_slot(tracker, ASKED_SLOT)
        ):
            return {}
        lang = tracker_utils.language(tracker)
        for message in tracker_utils.user_messages(tracker, LOOK_BACK_MESSAGES):
            if len(message.split()) > MIN_DESCRIPTION_WORDS and self._reads_activities(message, lang):
                return {"project_description": message}
        return {}

    def _reads_activities(self, message: str, lang: str) -> bool:
        try:
            match = match_profile(self.client, {"lang": lang, "project_description": message[:1000]})
        except FormServiceError:
            return False
        return bool(match.outcome.get("project_activities"))

    def _described_with_question(self, tracker: Tracker, intent: str) -> str | None:
        """The description part of an answer to the description question that also asks something."""
        if (
            intent not in QUESTIONS_WITH_AN_ANSWER
            or tracker.get_slot("requested_slot") != "project_description"
        ):
            return None
        stated = statements(tracker.latest_message.get("text") or "")
        if len(stated.split()) < MIN_DESCRIPTION_WORDS:
            return None
        return stated if self._reads_activities(stated, tracker_utils.language(tracker)) else None

    def extract_district(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """An answer to the district question that names it by a word the entity rules take only after a
        cue ("Wedding hab ick doch jesacht. Is doch Mitte, oda?"): asked for a district, it is one."""
        if (
            tracker.get_slot("requested_slot") != "district"
            or tracker.get_slot("district")
            or tracker_utils.latest_entity(tracker, "district")
            or not tracker_utils.answering_form(tracker, FORM)
        ):
            return {}
        named = districts.named_in(tracker.latest_message.get("text"))
        return {"district": named} if named else {}

    def extract_in_disadvantaged_area(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A yes or no to the area question, or an area named in any answer ("ein Gebiet Sozialer
        Zusammenhalt", "our QM area") — never from a question ("Gilt das nur in Soziale-Stadt-Gebieten?")."""
        message = tracker.latest_message.get("text") or ""
        # Sentence by sentence: "… in Marxloh (a Soziale Stadt area) … What are our options?" states it.
        for sentence in re.split(r"(?<=[.!?])\s+", message):
            if ELIGIBLE_AREA.search(sentence) and not is_question(sentence):
                return {"in_disadvantaged_area": not NOT_IN_AREA.search(sentence)}
        if tracker.get_slot("requested_slot") != "in_disadvantaged_area":
            return {}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in ("affirm", "deny"):
            return {"in_disadvantaged_area": intent == "affirm"}
        return {}

    def _description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """What the project does. An opening that only says who they are ("Wir sind ein Verein in Neukölln
        und suchen Förderung") is no description: when the form service reads no activity from it, the
        guidance asks. An answer to that question is kept (asking again would not help)."""
        text = str(value or "").strip()
        asked = tracker.get_slot("requested_slot") == "project_description"
        if asked and is_question(text):
            text = statements(text)  # "Wir machen X. Wann ist die Frist?": the description is X
        if asked and len(text.split()) < MIN_DESCRIPTION_WORDS:
            dispatcher.utter_message(text=text_of("project_description_too_short", tracker))
            return {"project_description": None}
        if not asked:
            lang = tracker_utils.language(tracker)
            earlier = tracker_utils.slot_before_latest_message(tracker, "project_description")
            if earlier and _says_who_applies(tracker):
                # "hang on, small business? we're an e.V." corrects who applies, not what the project does
                return {"project_description": earlier}
            try:
                probe = self.client.match({"lang": lang, "project_description": text})
            except FormServiceError:
                return {"project_description": text}
            if not (probe.get("outcome") or {}).get("project_activities"):
                # "ok, 6 months and 40k, let's do the draft" says nothing new about the project: what an
                # earlier message said still holds.
                earlier = (
                    m
                    for m in tracker_utils.user_messages(tracker, LOOK_BACK_MESSAGES)
                    if m != text
                    and len(m.split()) > MIN_DESCRIPTION_WORDS
                    and self._reads_activities(m, lang)
                )
                return {"project_description": next(earlier, None)}
        return {"project_description": text}

    def _checked(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Keeps the answer if the form service accepts it, else says why and asks again."""
        lang = tracker_utils.language(tracker)
        probe = build_profile({slot: value}, lang)
        key = KEY_FOR_SLOT[slot]
        if key not in probe:
            dispatcher.utter_message(text=text("answer_not_understood", lang))
            return {slot: None}
        message = check_answer(self.client, key, probe[key], lang)
        if message:
            dispatcher.utter_message(text=message)
            return {slot: None}
        return {slot: value}

    def check(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """One answer of the guidance: what the form service reads (place, amount, duration) is checked
        there; the project description needs a few words; the rest is taken as the NLU gave it."""
        if slot in ("district", "state", "requested_amount_eur", "duration_months"):
            return self._checked(slot, value, dispatcher, tracker)
        if slot == "project_description":
            return self._description(value, dispatcher, tracker)
        if slot == "in_disadvantaged_area":
            return {slot: value if isinstance(value, bool) else None}
        return {slot: value}


class AskGuidanceQuestion(Action):
    """`action_ask_<slot>`: one question, its reason and answer buttons; counts it towards the five."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        previous = tracker.get_slot(REPEATS_SLOT)
        count = (
            int(previous.get("count") or 0) + 1
            if isinstance(previous, dict) and previous.get("slot") == self.slot
            else 1
        )
        question = f"{text(f'question_{self.slot}', lang)} {text(f'reason_{self.slot}', lang)}"
        if count > 1:  # the second time, in other words, with the way to leave it open
            question = text(
                "question_again_or_skip", lang, question=text(f"question_{self.slot}", lang)
            )
        dispatcher.utter_message(text=question, buttons=_buttons(self.slot, lang))
        asked = _list_slot(tracker, ASKED_SLOT)
        events: list[dict[str, Any]] = [SlotSet(REPEATS_SLOT, {"slot": self.slot, "count": count})]
        return events if self.slot in asked else [*events, SlotSet(ASKED_SLOT, [*asked, self.slot])]


class AskProjectDescription(AskGuidanceQuestion):
    slot = "project_description"


class AskOrganisationType(AskGuidanceQuestion):
    slot = "organisation_type"


class AskState(AskGuidanceQuestion):
    slot = "state"


class AskDistrict(AskGuidanceQuestion):
    slot = "district"


class AskInDisadvantagedArea(AskGuidanceQuestion):
    slot = "in_disadvantaged_area"


class AskRequestedAmount(AskGuidanceQuestion):
    slot = "requested_amount_eur"


class AskDurationMonths(AskGuidanceQuestion):
    slot = "duration_months"


class ActionSkipQuestion(Action):
    """The user does not know or does not want to answer: never ask this question again."""

    def name(self) -> str:
        return "action_skip_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        requested = tracker.get_slot("requested_slot")
        # "Ist das für WdM denn relevant? Meines Wissens nicht.": whether it counts for that programme first
        named = tracker_utils.latest_entity(tracker, "programme")
        note = render.relevance_note(named, requested, lang) if requested in GUIDANCE_SLOTS else ""
        if note:
            dispatcher.utter_message(text=note)
        if not note or rules.question_matters(named, requested):
            say(dispatcher, "question_skipped", lang)
        skipped = _list_slot(tracker, SKIPPED_SLOT)
        if requested not in GUIDANCE_SLOTS or requested in skipped:
            return []
        return [SlotSet(SKIPPED_SLOT, [*skipped, requested])]


class ActionExplainQuestion(Action):
    """Why the current question is needed."""

    def name(self) -> str:
        return "action_explain_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        requested = tracker.get_slot("requested_slot")
        lang = tracker_utils.language(tracker)
        # "Ist das für WdM denn relevant?": whether it counts for the programme named comes first.
        named = tracker_utils.latest_entity(tracker, "programme")
        note = render.relevance_note(named, requested, lang) if requested in GUIDANCE_SLOTS else ""
        if note:
            dispatcher.utter_message(text=note)
            skipped = _list_slot(tracker, SKIPPED_SLOT)
            if rules.question_matters(named, requested) or requested in skipped:
                return []
            return [SlotSet(SKIPPED_SLOT, [*skipped, requested])]  # left open, as the note says
        key = f"reason_{requested}" if requested in GUIDANCE_SLOTS else "reason_general"
        say(dispatcher, key, lang)
        return []


class ActionRecommendProgramme(MatchingAction):
    """Presents the best programme; keeps it in `recommended_programme` and the match in `match_result`."""

    def name(self) -> str:
        return "action_recommend_programme"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        client = self.client
        try:
            match = self.match_conversation(tracker, lang)
            names = {p["id"]: p["short_name"] for p in client.programmes(lang)}
            best = best_result(match.results)
            detail = client.programme(best["programme"], lang) if best else None
        except FormServiceError:
            say(dispatcher, "service_unavailable", lang)
            return []
        compact = render.compact_match(match.results, match.profile)
        events: list[dict[str, Any]] = [SlotSet("match_result", compact)]
        if best is not None and same_advice(tracker.get_slot("match_result"), compact):
            # One more detail after the recommendation ("12 months") changed nothing: say so in one line
            # instead of repeating the whole recommendation.
            short_name = names.get(best["programme"], best["programme"])
            asked = _question_about_programme(tracker.latest_message.get("text") or "")
            if asked and detail is not None:
                # "Gibt es dafür feste Fristen?" after the recommendation asks about the recommended
                # programme: the answer, not "that changes nothing".
                fact = render.fact_for_question(asked, tracker.latest_message.get("text") or "")
                dispatcher.utter_message(text=render.fact_answer(detail, fact, lang))
            else:
                say(dispatcher, "recommend_unchanged", lang, short_name=short_name)
            partner = (best.get("next_step") or {}).get("kind") == "partner"
            offer = text("recommend_partner_no_draft", lang, short_name=short_name) if partner else None
            self._offer_draft(dispatcher, best["programme"], names, lang, offer, partner)
            return [*events, SlotSet(RECOMMENDED_SLOT, best["programme"])]
        if best is None or detail is None:
            lines = render.nothing_fits(match.results, match.outcome, names, lang)
            for line in lines[:-1]:
                dispatcher.utter_message(text=line)
            dispatcher.utter_message(
                text=lines[-1],
                buttons=[{"title": text("button_talk_to_person", lang), "payload": "/request_human"}],
            )
            return [*events, SlotSet(RECOMMENDED_SLOT, None)]
        known = match.profile.get("budget_eur") is not None
        lines = render.recommendation(best, detail, alternatives(match.results, best), names, lang, known)
        for line in lines[:-1]:
            dispatcher.utter_message(text=line)
        partner = (best.get("next_step") or {}).get("kind") == "partner"
        self._offer_draft(dispatcher, best["programme"], names, lang, lines[-1], partner)
        return [*events, SlotSet(RECOMMENDED_SLOT, best["programme"])]

    @staticmethod
    def _offer_draft(
        dispatcher: CollectingDispatcher,
        programme_id: str,
        names: dict[str, str],
        lang: str,
        offer: str | None = None,
        partner: bool = False,
    ) -> None:
        offer = offer or text(
            "recommend_offer_draft", lang, short_name=names.get(programme_id, programme_id)
        )
        start = {"title": text("button_start_draft", lang), "payload": "/start_application"}
        dispatcher.utter_message(
            text=offer,
            buttons=[
                *([] if partner else [start]),
                {
                    "title": text("button_how_to_apply", lang),
                    "payload": f'/ask_programme_apply{{"programme":"{programme_id}"}}',
                },
                {"title": text("button_talk_to_person", lang), "payload": "/request_human"},
                {"title": text("button_no_draft", lang), "payload": "/deny"},
            ],
        )


def _question_about_programme(message: str) -> str | None:
    """The kind of programme question a message asks ("Gibt es dafür feste Fristen?" → deadline), if it
    asks one."""
    if not is_question(message):
        return None
    return next((kind for kind, pattern in QUESTION_KINDS if pattern.search(message)), None)


def same_advice(previous: Any, current: dict[str, Any]) -> bool:
    """The recommendation would read the same: same programmes in the same order and eligibility, same
    fitting variants, same place (which decides the contact office)."""
    if not isinstance(previous, dict):
        return False
    place = ("state", "city", "district")
    return (
        previous.get("ranking") == current["ranking"]
        and previous.get("fitting_variants") == current["fitting_variants"]
        and all(
            (previous.get("profile") or {}).get(key) == current["profile"].get(key) for key in place
        )
    )
