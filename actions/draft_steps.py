"""What happens around the draft form's questions: start or resume, why, skip or leave open, pause, change.

Each of these runs from a rule (data/rules/draft.yml) and hands back to the form, which asks again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_utils
from actions.draft import answers, description, questions, review, turn
from actions.draft.corrections import Correction, parse_corrections
from actions.draft.state import (
    INFERRED_SLOT,
    PENDING_SLOT,
    REPEATS_SLOT,
    SKIPPED_SLOT,
    field_label,
    list_slot,
    noted_facts,
)
from actions.messages import DRAFT
from bot.nlu.commands import is_question, statements
from programmes import formatting, rules
from programmes.activities import read_activities
from programmes.answers import OPTIONAL, FieldError, label
from programmes.messages import label_with_article

PENDING_STORE_SLOT = "draft_pending"
RECOMMENDED_SLOT = "recommended_programme"
# What an opening request may already say ("für die Kiezküche Neukölln e.V. einen LSI-Antrag für ein
# Modellprojekt, 15.000 €"): the programme and type come through their slot mappings, these from the text.
OPENING_FIELDS = (
    "organisation_name",
    "legal_form",
    "organisation_type",
    "project_title",
    "contact_name",
    "contact_email",
    "contact_phone",
    "target_groups",
    "participants",
    "start_date",
    "duration_months",
    "total_budget_eur",
    "requested_amount_eur",
)


# A request to apply ("Ich möchte einen Antrag für LSI stellen, wir sind ein Verein in Neukölln") is no
# description of the project, however long it is, unless it also says what the project does ("… for an LSI
# micro-project: a bike workshop where young unemployed adults learn repairs").
# "Hallo!", "hi there,", "Guten Tag," before a description belong to the conversation, not the summary.
GREETING_OPENING = re.compile(
    r"^\s*(?:hallo|hello|hi|hey|moin|servus|guten\s+(?:tag|morgen|abend)|good\s+(?:morning|afternoon|evening))"
    r"(?:\s+(?:there|zusammen|everyone|all))?\s*[!,.:–-]*\s*",
    re.IGNORECASE,
)
DESCRIPTION_INTENTS = frozenset({"describe_project", "find_programme", "inform"})


def earlier_description(tracker: Tracker) -> str | None:
    """The project description the person gave earlier in this conversation (during the guidance or in
    the opening), so the draft does not ask for it again: the latest such message long enough to describe
    a project, and not a question."""
    for event in tracker_utils.user_events_in_session(tracker):
        text = (event.get("text") or "").strip()
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        describes = intent in DESCRIPTION_INTENTS or (
            intent == "start_application" and bool(read_activities(text))
        )
        if describes and description.is_description(text) and not is_question(text):
            return text
    return None


# How many of the person's earlier messages the draft reads for answers they already gave.
LOOK_BACK_MESSAGES = 10


def _earlier_statements(tracker: Tracker, description_text: str | None) -> list[str]:
    """The sentences that state something in the person's messages before the request for the draft,
    newest first, without the project description (read on its own) and without questions ("Darf es
    auch 12 Monate laufen?" supposes a duration, it does not give one)."""
    earlier = tracker_utils.user_messages(tracker, LOOK_BACK_MESSAGES)[1:]
    found = []
    for message in earlier:
        said = statements(message)
        if said and said != description_text and message != description_text:
            found.append(said)
    return found


def _opening_facts(tracker: Tracker, slots: dict[str, Any], lang: str) -> dict[str, Any]:
    """Checked answers the opening request gives beside the programme, for fields still open."""
    latest = tracker.latest_message or {}
    text = (latest.get("text") or "").strip()
    if text.startswith("/") or (latest.get("intent") or {}).get("name") != "start_application":
        return {}
    found = description.extract(text, lang)
    facts: dict[str, Any] = {}
    # The profile's slot mappings may have filled a field from this same message ("für Ältere" → target
    # groups): that value is the opening's too, and is confirmed and marked like the others.
    mapped = _set_by_latest_message(tracker)
    for field in OPENING_FIELDS:
        if field not in found or (slots.get(field) not in (None, "", []) and field not in mapped):
            continue
        try:
            facts.update(
                answers.check(field, found[field], {**slots, **facts}, lang, formatting.today())
            )
        except FieldError:
            continue
    return facts


# Messages that may name the project type for the draft: the opening, what the person told the guidance, and
# the yes that starts the draft ("Ja bitte, Mikroprojekt."); never a question.


def _in_a_question(text: str, start: Any) -> bool:
    """The sentence of `text` around character `start` asks something (the whole text when unknown)."""
    if not isinstance(start, int):
        return is_question(text)
    begin = max((m.end() for m in re.finditer(r"[.!?]+\s+", text[:start])), default=0)
    end = re.search(r"[.!?]+(?:\s|$)", text[start:])
    return is_question(text[begin : start + end.end()] if end else text[begin:])


def say_changed(
    dispatcher: CollectingDispatcher,
    field: str,
    before: Mapping[str, Any],
    updates: Mapping[str, Any],
    lang: str,
) -> None:
    """ "Geändert: Bezirk ist jetzt Neukölln", then each earlier answer the change made invalid and why
    (a duration beyond the new project type's limit)."""
    slots = {**before, **updates}
    shown = review.shown_value(field, updates[field], slots, lang)
    DRAFT.say(dispatcher, "draft_changed", lang, label=label(field, lang), value=shown)
    for dropped, reason in review.dropped_values(before, dict(updates), lang):
        value = review.shown_value(dropped, before.get(dropped), slots, lang)
        DRAFT.say(
            dispatcher, "value_dropped", lang, label=field_label(dropped, lang), value=value, reason=reason
        )


def earlier_variant(tracker: Tracker, slots: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The project type the person named before the draft began ("ein Modellprojekt" in the opening, "Ja
    bitte, Mikroprojekt" to the offer of a draft), checked for the chosen programme: the latest message of
    this conversation that names exactly one type in a sentence that asks nothing. Empty when the
    programme has no types, the type is known, or nobody named one."""
    if slots.get("lsi_type") or not rules.variant_ids(slots.get("programme")):
        return {}
    for event in tracker_utils.user_events_in_session(tracker):
        text = (event.get("text") or "").strip()
        parse = event.get("parse_data") or {}
        intent = (parse.get("intent") or {}).get("name")
        if intent == "deny" or text.startswith("/"):
            continue
        # "We want apply for LSI micro project. … How we start?": the type is named in a sentence that
        # asks nothing, whatever the message asks after it; "Darf ein Entwicklungsprojekt …?" supposes one.
        named = {
            e.get("value")
            for e in parse.get("entities") or []
            if e.get("entity") == "lsi_type" and not _in_a_question(text, e.get("start"))
        }
        if len(named) != 1:
            continue
        try:
            return answers.check("lsi_type", named.pop(), slots, lang, formatting.today())
        except FieldError:
            return {}
    return {}


# Draft fields the guidance fills from entities in any message but never asks for (domain/profile.yml).
UNASKED_PROFILE_FIELDS = ("legal_form", "city", "target_groups")


def _unasked_profile_values(
    slots: Mapping[str, Any], facts: Mapping[str, Any], inferred: list[str]
) -> dict[str, Any]:
    """Values of UNASKED_PROFILE_FIELDS already set, not yet taken or marked: inferred, never answered."""
    return {
        # a group named twice in the message is one group
        name: list(dict.fromkeys(slots[name])) if isinstance(slots[name], list) else slots[name]
        for name in UNASKED_PROFILE_FIELDS
        if slots.get(name) not in (None, "", []) and name not in facts and name not in inferred
    }


# Figures the profile's slot mappings may take from a description without knowing their role ("Total cost
# 200,000, we'd request 180,000" gave the first amount as the grant): the description's own reading wins.
FIGURES = ("total_budget_eur", "requested_amount_eur", "duration_months", "start_date", "participants")


def _figures_set_by(tracker: Tracker, text: str) -> set[str]:
    """FIGURES set right after the person's message `text` (by its slot mappings or the guidance's reading
    of it), not by a later answer."""
    names: set[str] = set()
    found = False
    for event in tracker.events:
        if event.get("event") == "user":
            if found:
                break
            found = (event.get("text") or "").strip().endswith(text)
        elif found and event.get("event") == "slot" and event.get("name") in FIGURES:
            names.add(event["name"])
    return names


def _set_by_latest_message(tracker: Tracker) -> set[str]:
    """The slots set since the latest user message (by the slot mappings of that message)."""
    names: set[str] = set()
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot":
            names.add(event.get("name"))
    return names


def _answers(count: int, lang: str) -> str:
    """ "eine Angabe" / "3 Angaben", "one more answer" / "3 more answers"."""
    return (
        DRAFT.text("answers_one", lang) if count == 1 else DRAFT.text("answers_many", lang, count=count)
    )


class ActionStartDraft(Action):
    """Opens (or resumes) the draft: which programme, what the opening already said, how much is left."""

    def name(self) -> str:
        return "action_start_draft"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lang = tracker_utils.language(tracker)
        slots = dict(tracker.slots)
        # Every new start ends with a fresh check of the answers and a fresh consent.
        events: list[EventType] = [
            SlotSet(questions.REVIEW, None),
            SlotSet(questions.CONSENT, None),
            SlotSet(PENDING_SLOT, None),
            SlotSet(REPEATS_SLOT, None),
        ]
        slots.update({questions.REVIEW: None, questions.CONSENT: None})
        if not slots.get("programme") and slots.get(RECOMMENDED_SLOT):
            # "Ja" to the offer after the recommendation: the draft is for the recommended programme.
            slots["programme"] = slots[RECOMMENDED_SLOT]
            events.append(SlotSet("programme", slots["programme"]))
        # What the opening says about the applicant counts for the programme check below.
        facts = _opening_facts(tracker, slots, lang)
        if slots.get("programme"):
            try:
                updates = answers.check(
                    "programme", slots["programme"], {**slots, **facts}, lang, formatting.today()
                )
            except FieldError as error:
                # A closed programme or one this applicant may not apply for: say so before any question.
                DRAFT.say(dispatcher, error.key, lang, **error.values)
                slots["programme"] = None
                events.append(SlotSet("programme", None))
                if error.key == "programme_not_eligible" and not error.values.get("alternatives"):
                    # Nothing this applicant may apply for here: no draft; the guidance or a person helps.
                    buttons = [
                        {"title": DRAFT.text("button_find_programme", lang), "payload": "/find_programme"},
                        {"title": DRAFT.text("button_talk_to_person", lang), "payload": "/request_human"},
                    ]
                    DRAFT.say(dispatcher, "draft_not_possible", lang, buttons=buttons)
                    return [*events, FollowupAction("action_listen")]
            else:
                events += [SlotSet(k, v) for k, v in updates.items() if slots.get(k) != v]
                slots.update(updates)
                variant = earlier_variant(tracker, {**slots, **facts}, lang)
                # the type is noted with the other facts; answers it rules out are asked again
                facts.update({k: v for k, v in variant.items() if v is not None})
                dropped = {k: v for k, v in variant.items() if v is None}
                events += [SlotSet(k, None) for k in dropped]
                slots.update(dropped)
        earlier = None
        if slots.get("project_summary") is None:
            # A fresh draft: what the guidance read from the person's messages without asking is shown as
            # taken and marked, so a fuller description may still add to it.
            unasked = _unasked_profile_values(slots, facts, list_slot(tracker, INFERRED_SLOT))
            fields = questions.draft_fields(slots)
            facts.update({name: value for name, value in unasked.items() if name in fields})
            slots[INFERRED_SLOT] = [*list_slot(tracker, INFERRED_SLOT), *facts]
            # What the project does, as the guidance understood it, else the person's earlier description.
            earlier = slots.get("project_description") or earlier_description(tracker)
            earlier = GREETING_OPENING.sub("", earlier).strip() if earlier else None
        if earlier:
            # The description itself is offered when its question comes (the person may rather write one
            # for the application); what it says about place, people, money and time is taken now.
            summary = answers.check("project_summary", earlier, slots, lang, formatting.today())
            offer = {"field": "project_summary", "kind": "offer", "value": summary["project_summary"]}
            events.append(SlotSet(PENDING_SLOT, offer))
            # A figure the same message gave through a slot mapping is read again with its role.
            again = {name: None for name in _figures_set_by(tracker, earlier) if name not in facts}
            described = turn.description_facts(earlier, {**slots, **facts, **again}, lang, formatting.today())
            facts.update({k: v for k, v in described.items() if k not in again or v != slots.get(k)})
        if slots.get("project_summary") is None:
            # What the person said while the guidance asked ("Förderanteil 19.000 €, zehn Monate, etwa
            # sieben Teilnehmerinnen") is not asked again: the newest statement of a field counts.
            for said in _earlier_statements(tracker, earlier):
                facts.update(turn.description_facts(said, {**slots, **facts}, lang, formatting.today()))
        slots.update(facts)
        events += [SlotSet(k, v) for k, v in facts.items()]
        programme = rules.programme(slots.get("programme"))
        open_count = len(questions.open_questions(slots, list_slot(tracker, SKIPPED_SLOT)))
        answered = [f for f in questions.FIELDS if f != "programme" and tracker.get_slot(f) is not None]
        if tracker.get_slot(PENDING_STORE_SLOT):
            pass  # the answers are complete; the form goes straight to the check
        elif programme is None:
            DRAFT.say(dispatcher, "draft_intro_no_programme", lang)
        elif tracker.get_slot("project_summary") is not None and answered:
            if open_count:
                DRAFT.say(dispatcher, "draft_resume", lang, answers=_answers(open_count, lang))
            else:
                DRAFT.say(dispatcher, "draft_resume_complete", lang)
        else:
            answers_left = _answers(open_count, lang)
            DRAFT.say(
                dispatcher, "draft_intro", lang, programme=programme.short_name, answers=answers_left
            )
        applicant = slots.get("organisation_type")
        if (
            programme is not None
            and applicant
            and rules.applicant_verdict(programme.id, applicant) == "possible"
        ):
            applicant_name = label_with_article(applicant, lang)
            DRAFT.say(
                dispatcher,
                "applicant_needs_partner",
                lang,
                applicant=applicant_name,
                programme=programme.short_name,
            )
        if facts:
            DRAFT.say(dispatcher, "opening_noted", lang, facts=noted_facts(facts, slots, lang))
            inferred = list_slot(tracker, INFERRED_SLOT)
            events.append(SlotSet(INFERRED_SLOT, [*inferred, *(f for f in facts if f not in inferred)]))
        return events


class ActionExplainDraftQuestion(Action):
    """Why the current question (or the field the user names) is needed."""

    def name(self) -> str:
        return "action_explain_draft_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        field = tracker_utils.latest_entity(tracker, "field") or tracker.get_slot("requested_slot")
        key = f"reason_{field}"
        DRAFT.say(
            dispatcher, key if key in DRAFT else "reason_programme", tracker_utils.language(tracker)
        )
        return []


def offer_defer(dispatcher: CollectingDispatcher, field: str, lang: str) -> list[EventType]:
    """For a required question the person cannot answer yet: how to answer it roughly (texts
    `unsure_<field>`, where there are any) and the offer to leave it open for the draft's web page."""
    if f"unsure_{field}" in DRAFT:
        DRAFT.say(dispatcher, f"unsure_{field}", lang)
    buttons = [
        {"title": DRAFT.text("button_leave_open", lang), "payload": "/skip"},
        {"title": DRAFT.text("button_answer_now", lang), "payload": "/deny"},
        {"title": DRAFT.text("button_talk_to_person", lang), "payload": "/request_human"},
    ]
    DRAFT.say(dispatcher, "offer_defer", lang, buttons=buttons)
    return [SlotSet(PENDING_SLOT, {"field": field, "kind": "defer", "value": None})]


class ActionSkipDraftQuestion(Action):
    """Skips an optional question for good; for a required one, offers to leave it open for later."""

    def name(self) -> str:
        return "action_skip_draft_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lang = tracker_utils.language(tracker)
        requested = tracker.get_slot("requested_slot")
        if requested not in questions.FIELDS:
            DRAFT.say(dispatcher, "draft_cannot_skip", lang)
            return []
        if requested not in OPTIONAL:
            return offer_defer(dispatcher, requested, lang)
        DRAFT.say(dispatcher, "draft_skipped", lang)
        skipped = list_slot(tracker, SKIPPED_SLOT)
        return [SlotSet(SKIPPED_SLOT, [*skipped, requested]), SlotSet(requested, None)]


class ActionPauseDraft(Action):
    """'Stop' during the draft: the answers stay in the conversation; one word resumes."""

    def name(self) -> str:
        return "action_pause_draft"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        lang = tracker_utils.language(tracker)
        buttons = [{"title": DRAFT.text("button_continue", lang), "payload": "/start_application"}]
        DRAFT.say(dispatcher, "draft_paused", lang, buttons=buttons)
        return [SlotSet("requested_slot", None), SlotSet(PENDING_SLOT, None)]


class ActionCorrectDraftField(Action):
    """'Nicht Moabit, sondern Neukölln', 'change the budget to 15.000 €' set the new value (checked like any
    answer); 'die E-Mail ist falsch' or 'Organisation ändern' asks for it again. Either way the answers are
    checked once more before storing."""

    def name(self) -> str:
        return "action_correct_draft_field"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return correction_events(dispatcher, tracker)


def refused_programme(
    dispatcher: CollectingDispatcher, slots: dict[str, Any], lang: str
) -> list[EventType]:
    """When the answers show an applicant who may not apply for the chosen programme: says so (who may,
    how they can take part, what they may apply for instead) and empties the programme and its project
    type, so the programme question comes next; every other answer stays."""
    error = answers.refusal(slots, lang)
    if error is None:
        return []
    DRAFT.say(dispatcher, error.key, lang, **error.values)
    return [SlotSet("programme", None), SlotSet("lsi_type", None)]


def correction_events(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """What a correction in the latest message changes, said to the person; the draft form's validation
    uses it too when a message corrects an answer however the classifier named it."""
    lang = tracker_utils.language(tracker)
    again: list[EventType] = [
        SlotSet(questions.REVIEW, None),
        SlotSet(questions.CONSENT, None),
        SlotSet(PENDING_SLOT, None),
    ]
    fields = questions.draft_fields(tracker.slots)
    latest = tracker.latest_message or {}
    corrections = parse_corrections(
        latest.get("text") or "", latest.get("entities") or [], fields, tracker.slots
    )
    if len(corrections) > 1:
        return [*again, *_several_corrections(dispatcher, tracker, corrections, lang)]
    correction = corrections[0]
    if correction.field is None:
        DRAFT.say(dispatcher, "draft_change_which", lang, buttons=review.buttons(fields, lang)[1:])
        # The buttons are the choice: check-your-answers does not list everything again right after.
        waiting = {"field": questions.REVIEW, "kind": "change", "value": None}
        return [*again[:2], SlotSet(PENDING_SLOT, waiting), SlotSet("requested_slot", None)]
    field = correction.field
    skipped = [s for s in list_slot(tracker, SKIPPED_SLOT) if s != field]
    events = [*again, SlotSet(SKIPPED_SLOT, skipped)]
    inferred = [s for s in list_slot(tracker, INFERRED_SLOT) if s != field]
    if correction.value is None:
        DRAFT.say(dispatcher, "draft_change_field", lang, label=label(field, lang))
        return [*events, SlotSet(INFERRED_SLOT, inferred), SlotSet(field, None)]
    try:
        updates = answers.check(field, correction.value, tracker.slots, lang, formatting.today())
    except FieldError as error:
        DRAFT.say(dispatcher, error.key, lang, **error.values)
        return [*events, SlotSet(field, None)]
    slots = {**tracker.slots, **updates}
    say_changed(dispatcher, field, tracker.slots, updates, lang)
    carried = _carried_duration(field, latest, slots, lang)
    if carried:
        updates = {**updates, **carried}
        slots = {**slots, **carried}
        shown = review.shown_value("duration_months", carried["duration_months"], slots, lang)
        DRAFT.say(dispatcher, "draft_changed", lang, label=label("duration_months", lang), value=shown)
    refused = refused_programme(dispatcher, slots, lang)
    return [
        *events,
        SlotSet(INFERRED_SLOT, inferred),
        *(SlotSet(k, v) for k, v in updates.items()),
        *refused,
    ]


def _several_corrections(
    dispatcher: CollectingDispatcher, tracker: Tracker, corrections: list[Correction], lang: str
) -> list[EventType]:
    """Several answers corrected in one message, each checked like an answer and confirmed with its
    field and new value; one that cannot be used is said and asked again."""
    slots = dict(tracker.slots)
    events: list[EventType] = []
    changed = [c.field for c in corrections if c.field]
    for correction in corrections:
        field = str(correction.field)
        try:
            updates = answers.check(field, correction.value, slots, lang, formatting.today())
        except FieldError as error:
            DRAFT.say(dispatcher, error.key, lang, **error.values)
            events.append(SlotSet(field, None))
            slots[field] = None
            continue
        before = dict(slots)
        slots.update(updates)
        say_changed(dispatcher, field, before, updates, lang)
        events += [SlotSet(k, v) for k, v in updates.items()]
    skipped = [s for s in list_slot(tracker, SKIPPED_SLOT) if s not in changed]
    inferred = [s for s in list_slot(tracker, INFERRED_SLOT) if s not in changed]
    return [
        SlotSet(SKIPPED_SLOT, skipped),
        SlotSet(INFERRED_SLOT, inferred),
        *events,
        *refused_programme(dispatcher, slots, lang),
    ]


def _carried_duration(
    field: str, latest: Mapping[str, Any], slots: Mapping[str, Any], lang: str
) -> dict[str, Any]:
    """The duration a "switch to type X" button carries (actions/draft_form.py): it was the answer that
    only the other type allows, so after the switch it answers the still open duration question. Empty when
    the message carries none, the duration is already set, or it does not fit the new type either."""
    if field != "lsi_type" or slots.get("duration_months"):
        return {}
    entities = latest.get("entities") or []
    months = next((e.get("value") for e in entities if e.get("entity") == "duration"), None)
    if months is None:
        return {}
    try:
        return answers.check("duration_months", str(months), slots, lang, formatting.today())
    except FieldError:
        return {}
