"""Answers questions about one programme from the catalogue API, with source and "as of" period."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import render, tracker_utils
from actions.formservice import FormServiceClient, FormServiceError, UsesFormService
from actions.match_client import match_profile
from actions.messages import say, text
from actions.profile import best_result, build_profile
from bot.nlu.commands import is_question
from programmes.activities import read_activities
from programmes.rules import applicant_verdict

DISCUSSED_SLOT = "discussed_programme"


def programme_in_question(tracker: Tracker) -> str | None:
    """The programme named in this message, else the one discussed, drafted or recommended last."""
    return tracker_utils.programme_in_focus(tracker)


# Who and where the applicant is: a question naming these describes someone looking for funding.
APPLICANT_ENTITIES = frozenset({"organisation_type", "legal_form", "district", "city", "state"})
PROJECT_ENTITIES = frozenset({"target_group", "goal", "amount", "duration"})


def _describes_applicant(tracker: Tracker) -> bool:
    """The question says who is asking, and no form is open (the draft or the guidance goes on by itself)."""
    if (tracker.active_loop or {}).get("name"):
        return False
    entities = tracker.latest_message.get("entities") or []
    return any(e.get("entity") in APPLICANT_ENTITIES and not e.get("implied_by") for e in entities)


def _describes_project(tracker: Tracker) -> bool:
    """The question also says what the project does or needs (people, money, time, or activities the
    programmes' purposes name). A long question alone ("a friend said the round is open … is that right?")
    describes no project."""
    entities = tracker.latest_message.get("entities") or []
    text = tracker.latest_message.get("text") or ""
    return any(e.get("entity") in PROJECT_ENTITIES for e in entities) or bool(read_activities(text))


def _variant_named(tracker: Tracker) -> str | None:
    """The project type the question names ("Ist der Aufruf für Typ B noch offen?"), if any."""
    return next(
        (
            str(e["value"])
            for e in tracker.latest_message.get("entities") or []
            if e.get("entity") == "lsi_type" and e.get("value")
        ),
        None,
    )


def stated_entity(tracker: Tracker, name: str) -> Any:
    """The value of an entity said in a sentence that asks nothing ("… 200.000 €, 30 Monate. Läuft gerade
    ein Wettbewerb?" states 30 months); None when it is only inside a question ("Darf ein Projekt auch
    12 Monate laufen?" supposes them)."""
    message = tracker.latest_message.get("text") or ""
    ends = [m.end() for m in re.finditer(r"[.!?]+(?=\s|$)", message)]
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") != name or entity.get("implied_by") or entity.get("start") is None:
            continue
        start = int(entity["start"])
        begin = max((end for end in ends if end <= start), default=0)
        finish = min((end for end in ends if end > start), default=len(message))
        if not is_question(message[begin:finish]):
            return entity.get("value")
    return None


class ActionAnswerProgrammeQuestion(UsesFormService, Action):
    def name(self) -> str:
        return "action_answer_programme_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        asking = tracker.get_slot("requested_slot") if tracker.active_loop_name == "draft_form" else None
        fact_key = render.fact_for_question(intent, tracker.latest_message.get("text") or "", asking)
        client = self.client
        programme_id = programme_in_question(tracker) or self._best_so_far(tracker, lang)
        try:
            if not programme_id and tracker.active_loop_name == "guidance_form":
                # "vllt achttausend? is das viel?" while the guidance is looking: its recommendation answers
                # with the programme and its limits, so no "which programme?" in between
                say(dispatcher, "depends_on_programme", lang)
                return []
            if not programme_id:
                return self._ask_which(dispatcher, client, intent, lang)
            detail = client.programme(programme_id, lang)
        except FormServiceError as error:
            if error.status == 404:
                known = ", ".join(p["short_name"] for p in client.programmes(lang))
                say(dispatcher, "programme_unknown", lang, programmes=known)
                return [SlotSet(DISCUSSED_SLOT, None)]
            say(dispatcher, "service_unavailable", lang)
            return []
        names = {p["id"]: p["short_name"] for p in client.programmes(lang)}
        profile = {key: tracker.get_slot(key) for key in ("organisation_type", "state")}
        # "we are not association … only women who meet. Can we still apply?": who they say they are in
        # the question is who the answer is for
        said_type = tracker_utils.latest_entity(tracker, "organisation_type")
        if said_type:
            profile["organisation_type"] = said_type
        profile["text"] = (tracker.latest_message or {}).get("text") or ""
        direct = render.direct_answer(detail, intent, profile, names, lang)
        closed = (detail.get("availability") or {}).get("status") == "closed"
        if closed and fact_key == "deadline":
            fact_key = (
                "status"  # for an ended programme, when and how it ended answers "is it still open?"
            )
        variant = _variant_named(tracker) or tracker.get_slot("lsi_type")
        answer = render.fact_answer(detail, fact_key, lang, variant=variant)
        dispatcher.utter_message(text=render.join(direct, answer))
        named = [
            e.get("value")
            for e in tracker.latest_message.get("entities") or []
            if e.get("entity") == "programme"
        ]
        for other in dict.fromkeys(str(v) for v in named if v and v != programme_id):
            note = render.ended_note(other, names, lang)  # "the LSI equivalent of PEB": PEB's successor type
            if note:
                dispatcher.utter_message(text=note)
        for further in render.further_facts(tracker.latest_message.get("text") or "", fact_key):
            if render.fact_of(detail, further):  # each thing asked is answered
                dispatcher.utter_message(text=render.fact_answer(detail, further, lang))
        applicant = tracker.get_slot("organisation_type")
        cannot_apply = bool(applicant) and applicant_verdict(programme_id, str(applicant)) == "not_eligible"
        partner = (
            render.partner_note(programme_id, lang)
            if (direct.startswith(("Nein", "No")) or cannot_apply) and not closed
            else ""
        )
        if partner:  # who cannot apply may still take part (catalogue: applicants.partner_note)
            dispatcher.utter_message(text=partner)
        if (fact_key == "contact" or partner) and tracker.get_slot("district"):
            self._district_contact(dispatcher, client, tracker, programme_id, lang)
        # A question is no answer: the draft's programme stays; only the topic of follow-up questions moves.
        events: list[dict[str, Any]] = (
            []
            if tracker.get_slot(DISCUSSED_SLOT) == programme_id
            else [SlotSet(DISCUSSED_SLOT, programme_id)]
        )
        if _describes_applicant(tracker) and (
            closed or direct.startswith(("Nein", "No")) or _describes_project(tracker)
        ):
            # The question is answered; so what fits them? Someone who described their project goes
            # straight on ("Wir hatten ein LSK-Projekt mit Frauen in Spandau … gibt's LSK noch?", "… 900,000
            # EUR over 27 months … When is the BIWAQ deadline?"); someone told no is asked.
            if _describes_project(tracker):
                say(dispatcher, "what_fits_instead", lang)
                # The question described the project: the guidance reads what it does from it (and asks
                # when it cannot).
                described = (tracker.latest_message.get("text") or "").strip()
                if not tracker.get_slot("project_description"):
                    events.append(SlotSet("project_description", described))
                months = stated_entity(tracker, "duration")
                if months and not tracker.get_slot("duration_months"):
                    events.append(SlotSet("duration_months", str(months)))
                events.append(FollowupAction("guidance_form"))
            else:
                find = {"title": text("button_find_programme", lang), "payload": "/find_programme"}
                say(dispatcher, "offer_what_fits", lang, buttons=[find])
        return events

    def _best_so_far(self, tracker: Tracker, lang: str) -> str | None:
        """During the guidance a question that names no programme ("when can we apply?") is about the
        programme that fits best from what the person said so far."""
        if tracker.active_loop_name != "guidance_form":
            return None
        try:
            best = best_result(match_profile(self.client, build_profile(tracker.slots, lang)).results)
        except FormServiceError:
            return None
        return str(best["programme"]) if best else None

    @staticmethod
    def _ask_which(
        dispatcher: CollectingDispatcher, client: FormServiceClient, intent: str, lang: str
    ) -> list[dict[str, Any]]:
        # The buttons repeat the same question with the programme, so the same rule answers it.
        question = intent if intent in render.FACT_FOR_INTENT else "ask_programme_what"
        buttons = [
            {"title": p["short_name"], "payload": f'/{question}{{"programme":"{p["id"]}"}}'}
            for p in client.programmes(lang)
        ]
        say(dispatcher, "which_programme", lang, buttons=buttons)
        return []

    @staticmethod
    def _district_contact(
        dispatcher: CollectingDispatcher,
        client: FormServiceClient,
        tracker: Tracker,
        programme_id: str,
        lang: str,
    ) -> None:
        """For a known district, also the district's own office, as the matching names it."""
        try:
            results = match_profile(client, build_profile(tracker.slots, lang)).results
        except FormServiceError:
            return
        result = next((r for r in results if r["programme"] == programme_id), None)
        contact = render.contact_text((result or {}).get("next_step"))
        if contact and (result or {}).get("next_step", {}).get("kind") in ("district_office", "partner"):
            dispatcher.utter_message(text=text("recommend_contact", lang, contact=contact))
