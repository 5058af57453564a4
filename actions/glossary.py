"""Explains a word of the draft or of the programmes (`ask_term`): "Was meinen Sie mit Rechtsform?".

The explanation comes from the glossary (programmes/glossary.yml). Where the word is a programme rule
(own contribution, eligible area, who may apply), the rule follows as the catalogue states it, with source
and period: for the programme in focus, else for every current programme that states it. Inside a form
the rules (data/rules/draft.yml, data/stories/guidance.yml) hand back to it, and it asks its question again;
nothing is stored.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import render, tracker_utils
from actions.messages import say
from programmes import formatting, rules
from programmes.catalogue import default_catalogue
from programmes.facts import programme_detail
from programmes.glossary import Term, find_terms, glossary

# At most this many words are explained from one message ("Eigenanteil und Kofinanzierung?").
MAX_TERMS = 3
# The guidance asks some questions under its own slot names; the term that explains each.
GUIDANCE_TERMS = {"in_disadvantaged_area": "area"}
EXAMPLE_TERMS = ("legal_form", "co_financing", "area", "participants")


def terms_asked(tracker: Tracker) -> list[Term]:
    """The terms the latest message asks about: its `term` entities, else the glossary names in its text,
    else, inside a form, the term of the question the form asked last ("Was meinen Sie damit?")."""
    entities = tracker.latest_message.get("entities") or []
    found = [e.get("value") for e in entities if e.get("entity") == "term"]
    if not found:
        found = [m.term for m in find_terms(tracker.latest_message.get("text") or "")]
    known = glossary().terms
    ids = [t for t in dict.fromkeys(found) if t in known][:MAX_TERMS]
    if ids:
        return [known[t] for t in ids]
    requested = tracker.get_slot("requested_slot") if tracker.active_loop_name else None
    term = glossary().for_field(requested) or (
        known.get(GUIDANCE_TERMS[requested]) if requested in GUIDANCE_TERMS else None
    )
    return [term] if term else []


def _programmes_for(term: Term, in_focus: str | None) -> list[str]:
    """Whose rules to show: the programme in focus (if the term concerns it), else the term's own
    programmes, else every current programme."""
    if in_focus and (not term.programmes or in_focus in term.programmes):
        return [in_focus]
    if term.programmes:
        return list(term.programmes)
    return [p.id for p in rules.current_programmes()]


def rule_lines(term: Term, in_focus: str | None, lang: str) -> list[str]:
    """The catalogue facts behind a term, one line per programme and fact, each with source and period.

    For the programme in focus an unknown fact says whom to ask; across all programmes only the known
    facts are listed."""
    if not term.facts:
        return []
    catalogue = default_catalogue()
    lines: list[str] = []
    chosen = _programmes_for(term, in_focus)
    for programme_id in chosen:
        programme = catalogue.programme(programme_id)
        if programme is None:
            continue
        detail = programme_detail(programme, catalogue, lang, formatting.today())
        for key in term.facts:
            fact = render.fact_of(detail, key)
            if fact is None or (fact.get("value") is None and len(chosen) > 1):
                continue
            lines.append(render.fact_answer(detail, key, lang))
    return lines


class ActionExplainTerm(Action):
    """What a term means (glossary), then the programme rules behind it (catalogue, with source)."""

    def name(self) -> str:
        return "action_explain_term"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        terms = terms_asked(tracker)
        if not terms:
            examples = ", ".join(glossary().term(t).name(lang) for t in EXAMPLE_TERMS)
            say(dispatcher, "term_which", lang, examples=examples)
            return []
        in_focus = tracker_utils.programme_in_focus(tracker)
        for term in terms:
            say(dispatcher, "term_explained", lang, name=term.name(lang), text=term.text.get(lang))
            lines = rule_lines(term, in_focus, lang)
            if lines:
                say(dispatcher, "term_rules", lang, rules="\n".join(lines))
        return []
