"""Turns the form service's answers (match results, programme facts) into the sentences the bot sends.

Every programme fact in these sentences comes from the API response; this module only adds the
framing texts of actions/messages.yml in the conversation's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from actions.messages import text
from bot.nlu.programme_questions import KINDS
from programmes import rules
from programmes.messages import label_with_article, plural_label

# The intent of a question about a programme and the catalogue fact that answers it.
FACT_FOR_INTENT = {
    "ask_programme_what": "summary",
    "ask_programme_who": "applicants",
    "ask_programme_amount": "amount",
    "ask_programme_duration": "duration",
    "ask_programme_deadline": "deadline",
    "ask_programme_apply": "how_to_apply",
    "ask_programme_contact": "contact",
}


# Kinds of programme question whose words are clear enough to answer them when the classifier said "what is".
MONEY_OR_TIME = frozenset({"ask_programme_amount", "ask_programme_duration"})
# "Müssen wir was selbst bezahlen?", "is there an own contribution?": a question about money that asks
# which share the programme pays, answered by the funding rate (catalogue: funding_rate).
CO_FINANCING = re.compile(
    r"\b(?:eigenanteil\w*|eigenmittel\w*|eigenbeteiligung\w*|eigene[nm]?\s+(?:anteil|geld|mittel)|"
    r"selbst\s+(?:\w+\s+){0,2}(?:bezahl\w*|zahl\w*|tragen|aufbringen|beisteuern|finanzier\w*)|"
    r"selber\s+(?:\w+\s+){0,2}(?:bezahl\w*|zahl\w*)|kofinanz\w*|ko-finanz\w*|förderquote|fördersatz|"
    r"prozent|co-?financ\w*|own\s+(?:contribution|funds|money|share)|match(?:ed)?\s+funding|"
    r"pay\s+(?:\w+\s+){0,2}ourselves|contribute\s+ourselves|funding\s+rate|percent\w*|per\s+cent|"
    r"full(?:y)?\s+fund\w*|vollfinanzier\w*|100\s*%)",
    re.IGNORECASE,
)


# "Was ist der Unterschied?", "which type fits us?": the project types, which the amount fact lists with
# their grant and months.
TYPES_QUESTION = re.compile(
    r"\b(?:unterschied\w*|unterscheid\w*|difference\w*|differ|typen|types|projektart\w*|variante\w*|"
    r"variants?|welche[rns]?\s+typ|which\s+type)\b",
    re.IGNORECASE,
)


def fact_for_question(intent: str, question: str, open_question: str | None = None) -> str:
    """The catalogue fact that answers a programme question: FACT_FOR_INTENT, except that a money
    question about the own contribution or the share paid is answered by the funding rate, and a
    general question about the project types (or any general question while the draft asks for the type)
    by the amount fact, which lists each type's grant and months."""
    key = FACT_FOR_INTENT.get(intent, "summary")
    if key in ("amount", "summary") and CO_FINANCING.search(question):
        return "funding_rate"
    if key == "summary" and open_question != "lsi_type":
        # "Wat kricht'n man bei LSI so an Kohle?" taken for "what is LSI?": its words ask for the amount
        kinds = (kind for kind, pattern in KINDS if kind in MONEY_OR_TIME and pattern.search(question))
        asked = next(kinds, None)
        if asked:
            return FACT_FOR_INTENT[asked]
    if key == "summary" and (TYPES_QUESTION.search(question) or open_question == "lsi_type"):
        return "amount"
    return key


# "… and does Herne-Mitte count as an eligible area?": a question about the eligible area beside another one.
AREA_QUESTION = re.compile(
    r"\b(?:fördergebiet\w*|eligible\s+areas?|programmgebiet\w*|"
    r"(?:gebiet|area)\b[^.?!]{0,40}\b(?:zählt|zählen|gilt|gelten|counts?|qualif\w*|förderfähig\w*))",
    re.IGNORECASE,
)


def further_facts(question: str, answered: str) -> list[str]:
    """Facts a question asks for besides the one answered first ("would 800k over three years fit, and does
    the area count?" → the eligible area after the amount; "… and is there a co-financing requirement?" →
    the funding rate)."""
    further = []
    if answered != "area" and AREA_QUESTION.search(question):
        further.append("area")
    if answered != "funding_rate" and CO_FINANCING.search(question):
        further.append("funding_rate")
    return further


def ended_note(programme_id: str, names: Mapping[str, str], lang: str) -> str:
    """ "No – PEB has ended …; today, look at LSI type C instead", for an ended programme named beside the one
    asked about ("What's the LSI equivalent of PEB?"); empty for a running one."""
    found = rules.programme(programme_id)
    if found is None or not found.is_closed:
        return ""
    instead = (
        _successor(found.id, names.get(found.successor, found.successor), lang)
        if found.successor
        else _ask_instead(found.id, lang)
    )
    return join(text("direct_closed", lang, short_name=found.short_name), instead)


def source_note(source: str | None, period: str | None, lang: str) -> str:
    if source and period:
        return text("source_with_period", lang, source=source, period=period)
    if source:
        return text("source_only", lang, source=source)
    if period:
        return text("as_of_only", lang, period=period)
    return ""


def join(*parts: str) -> str:
    """Sentences joined by a space, empty ones left out."""
    return " ".join(part for part in parts if part)


def fact_of(detail: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
    return next((fact for fact in detail.get("facts") or [] if fact.get("key") == key), None)


def fact_answer(
    detail: Mapping[str, Any], key: str, lang: str, variant: str | None = None
) -> str:
    """One fact of a programme with its source and period, or who knows it when we do not."""
    fact = fact_of(detail, key)
    if fact is None:
        contact = (fact_of(detail, "contact") or {}).get("value") or detail.get("short_name", "")
        return text(
            "programme_fact_missing", lang, short_name=detail.get("short_name", ""), contact=contact
        )
    label = fact.get("label") or key
    if fact.get("value") is None:
        hint = fact.get("unknown_hint") or ""
        return text(
            "programme_fact", lang, short_name=detail.get("short_name", ""), label=label, value=hint
        )
    value = text(
        "programme_fact",
        lang,
        short_name=detail.get("short_name", ""),
        label=label,
        value=fact["value"],
    )
    if key == "deadline":
        availability = detail.get("availability") or {}
        answer = join(value, source_note(availability.get("source"), availability.get("as_of"), lang))
        last = (availability.get("last_call") or {}).get("variant")
        own = (availability.get("last_by_variant") or {}).get(variant or "")
        if own and last != variant:  # the type asked about had its own, earlier last call
            note = source_note(own.get("source"), availability.get("as_of"), lang)
            answer = join(answer, own["text"], note)
        return answer
    return join(value, source_note(fact.get("source"), fact.get("period"), lang))


# "wie kommen wir dann trotzdem an Geld?", "how can we still get it?": the way to the money for this
# applicant.
HOW_TO_GET = re.compile(
    r"\b(?:wie\s+(?:\w+\s+){0,4}(?:an\s+(?:das\s+|\w+\s+)?geld|an\s+die\s+förderung|bekommen|kriegen)|"
    r"how\s+(?:do|can|could|would)\s+(?:we|i)\s+(?:\w+\s+){0,2}(?:get|receive)\s+(?:the\s+|any\s+|some\s+)?"
    r"(?:money|funding|it|grant))",
    re.IGNORECASE,
)
# "Ist das möglich, obwohl wir ein Bezirk sind?", "can we do that as a gGmbH?": whether the one asking may
# apply.
ASKS_WHO = re.compile(
    r"\b(?:ist\s+das\s+möglich|geht\s+das|möglich|darf|dürfen|berechtigt|zulässig|erlaubt|allowed|eligible|"
    r"possible|can\s+(?:we|i)|may\s+(?:we|i)|können\s+wir|kann\s+ich)\b",
    re.IGNORECASE,
)
# "als Privatperson", "as an individual": no programme we know takes applications from private persons.
PRIVATE_PERSON = re.compile(
    r"\b(?:privatperson\w*|privat\s*person\w*|als\s+einzelperson|private\s+(?:person|individual)|"
    r"as\s+an?\s+individual|myself\s+as\s+a\s+person)\b",
    re.IGNORECASE,
)

# "nur Einzelunternehmer mit Gewerbeschein", "I'm a freelancer": a natural person, whom no programme we know
# takes as applicant (LSI: legal persons and partnerships; WdM: district offices; BIWAQ: municipalities).
SOLE_TRADER = re.compile(
    r"\b(?:einzelunternehm\w*|einzelkauf\w*|freiberuf\w*|solo-?selbst\w*|freelanc\w*|sole\s+(?:trader|proprietor)\w*|"
    r"self-employed)\b",
    re.IGNORECASE,
)

def direct_answer(
    detail: Mapping[str, Any],
    intent: str,
    profile: Mapping[str, Any],
    names: Mapping[str, str],
    lang: str,
) -> str:
    """The answer to what was asked, in one sentence before the rule and its source: "No – PEB has ended",
    "No – only district offices can apply for WdM", "There is no open call right now". Empty when the
    facts alone answer it (what is it, how to apply)."""
    short_name = detail.get("short_name") or detail.get("id") or ""
    availability = detail.get("availability") or {}
    if availability.get("status") == "closed":
        successor = detail.get("successor")
        instead = (
            _successor(str(detail.get("id")), names.get(successor, successor), lang)
            if successor
            else _ask_instead(str(detail.get("id")), lang)
        )
        return join(text("direct_closed", lang, short_name=short_name), instead)
    found = rules.programme(str(detail.get("id")))
    state = profile.get("state")
    asked = str(profile.get("text") or "")
    applicant_type = profile.get("organisation_type")
    if applicant_type and found and HOW_TO_GET.search(asked) and rules.applicant_verdict(
        found.id, str(applicant_type)
    ) in ("possible", "not_eligible"):
        # "und wie kommen wir dann trotzdem an Geld?" after a no: the way for this applicant comes first
        intent = "ask_programme_who"
    if intent == "ask_programme_what" and applicant_type and ASKS_WHO.search(asked):
        # "Wir möchten einen BIWAQ-Antrag vorbereiten. Ist das möglich, obwohl wir ein Bezirk sind?"
        intent = "ask_programme_who"
    if intent == "ask_programme_who" and found and found.states and state and state not in found.states:
        region = next(
            (f.get("value") for f in detail.get("facts") or [] if f.get("key") == "region"), ""
        )
        return text("direct_region_no", lang, short_name=short_name, region=region)
    if intent == "ask_programme_who" and PRIVATE_PERSON.search(str(profile.get("text") or "")):
        return text("direct_private_person", lang, short_name=short_name)
    if intent == "ask_programme_who" and SOLE_TRADER.search(str(profile.get("text") or "")):
        return text("direct_sole_trader", lang, short_name=short_name)
    applicant_type = profile.get("organisation_type")
    if intent == "ask_programme_who" and applicant_type:
        verdict = rules.applicant_verdict(str(detail.get("id")), applicant_type)
        applicant = label_with_article(applicant_type, lang)
        if verdict == "eligible":
            return text("direct_who_yes", lang, short_name=short_name, applicant=applicant)
        if verdict == "possible":
            # The catalogue's condition for this applicant says what is missing, and whether that is a no
            # ("A group without a legal form cannot apply for LSI itself: you need …").
            condition = found.applicants.conditions.get(applicant_type) if found else None
            if condition:
                return condition.get(lang)
            return text("direct_who_possible", lang, short_name=short_name, applicant=applicant)
        if verdict == "not_eligible":
            eligible = found.applicants.eligible if found else ()
            joined = f" {text('word_and', lang)} ".join(plural_label(kind, lang) for kind in eligible)
            return text("direct_who_no", lang, short_name=short_name, eligible=joined)
    if intent == "ask_programme_deadline":
        if availability.get("status") == "open_call":
            return text("direct_call_open", lang, short_name=short_name)
        if availability.get("status") == "no_open_call":
            return text("direct_no_call", lang, short_name=short_name)
    return ""


def _successor(programme_id: str, successor: str, lang: str) -> str:
    """ "Today, look at LSI type C (model projects) instead": the successor, with the project type that took
    over when the catalogue names it (successor_variant)."""
    found = rules.programme(programme_id)
    variant = found.successor_variant if found else None
    variant_name = rules.variant_name(found.successor, variant, lang) if found and variant else None
    if variant and variant_name:
        return text(
            "direct_successor_variant", lang, successor=successor, variant=variant, variant_name=variant_name
        )
    return text("direct_successor", lang, successor=successor)


def _ask_instead(programme_id: str, lang: str) -> str:
    """For an ended programme without a successor: whom its catalogue entry names to ask (NRW: G.I.B.)."""
    found = rules.programme(programme_id)
    contacts = rules.contacts_of(programme_id)
    if found is None or not contacts:
        return ""
    names = [c.name.get(lang) for c in contacts if c.name]
    if not names:
        return ""
    return text("direct_ask_instead", lang, contacts=f" {text('word_and', lang)} ".join(names))


def partner_note(programme_id: str, lang: str) -> str:
    """How someone who cannot apply can still take part (catalogue: applicants.partner_note), or ""."""
    found = rules.programme(programme_id)
    note = (
        found.applicants.partner_note.get(lang).rstrip(".")
        if found and found.applicants.partner_note
        else ""
    )
    return f"{note}." if note else ""


def contact_text(next_step: Mapping[str, Any] | None) -> str:
    """The localised contact sentence of a match result's next step, with its web address."""
    if not next_step or not next_step.get("text"):
        return ""
    link = next_step.get("email") or next_step.get("url") or ""
    sentence = str(next_step["text"]).rstrip(". ")
    return f"{sentence}: {link}" if link else f"{sentence}."


def _sentences(items: list[str]) -> str:
    return " ".join(item if item.rstrip().endswith((".", "!", "?")) else f"{item}." for item in items)


def _next_step_text(step: Mapping[str, Any], lang: str) -> str:
    """One next step with its address and source: "Sprechen Sie mit …: https://… (Quelle: …, Stand: …)"."""
    return join(
        contact_text(step),
        source_note(step.get("source"), step.get("period"), lang)
        if not (step.get("url") and step.get("url") == step.get("source"))
        else "",
    )


def recommendation(
    best: Mapping[str, Any],
    detail: Mapping[str, Any],
    others: list[Mapping[str, Any]],
    names: Mapping[str, str],
    lang: str,
    amount_known: bool = False,
) -> list[str]:
    """The recommendation as separate chat messages: the verdict and why, limits, the next step, the
    alternatives, and the offer of a draft. The verdict says "you can apply now" only while a call is open;
    otherwise that it fits, that no call is open (last closed …) and what to do next (POST /api/match).
    With the amount known, the reasons name the type it is for with its limits, so the limits of every
    type are left out (€3,000 is no model project of up to €300,000)."""
    short_name = detail.get("short_name") or names.get(best["programme"], best["programme"])
    verdict = best.get("verdict") or {}
    headline = verdict.get("headline") or text(
        "recommend_fallback_headline", lang, short_name=short_name
    )
    lines = [headline]
    if best.get("reasons"):
        lines[0] = join(
            lines[0], text("recommend_why", lang, reasons=_sentences(list(best["reasons"])))
        )
    amount = fact_of(detail, "amount")
    if amount and amount.get("value") and amount_known and best.get("reasons"):
        # the reasons name the type's limits: their source goes with them
        lines[0] = join(lines[0], source_note(amount.get("source"), amount.get("period"), lang))
    if amount and amount.get("value") and not amount_known:
        lines.append(
            join(
                text("recommend_limits", lang, limits=_sentences([amount["value"]])),
                source_note(amount.get("source"), amount.get("period"), lang),
            )
        )
    step = best.get("next_step")
    if step and step.get("text"):
        lines.append(text("recommend_contact", lang, contact=_next_step_text(step, lang)))
    if others:
        listed = ", ".join(names.get(o["programme"], o["programme"]) for o in others)
        lines.append(text("recommend_alternatives", lang, alternatives=listed))
    if (best.get("next_step") or {}).get("kind") == "partner":
        # Taking part in a project someone else applies for (a shop and WdM): no draft of one's own.
        lines.append(text("recommend_partner_no_draft", lang, short_name=short_name))
        return lines
    # A draft is for the open call, or ready for the next one; without any known call dates (WdM) neither.
    dated = verdict.get("last_closed") or verdict.get("next_call")
    ready_for_next = dated and not verdict.get("can_apply_now")
    key = "recommend_offer_draft_next_call" if ready_for_next else "recommend_offer_draft"
    if ready_for_next and verdict.get("next_round_known") is False:
        key = "recommend_offer_draft_no_round"  # no later round known: not "ready for the next call"
    lines.append(text(key, lang, short_name=short_name))
    return lines


def nothing_fits(
    results: Sequence[Mapping[str, Any]], outcome: Mapping[str, Any], names: Mapping[str, str], lang: str
) -> list[str]:
    """Why no programme fits, per programme, and whom to ask instead (the match's outcome)."""
    lines = [outcome.get("headline") or text("recommend_none", lang)]
    # Ended programmes would only add noise; the running ones say what stands in the way.
    running = [r for r in results if (r.get("availability") or {}).get("status") != "closed"]
    for result in running or results:
        reasons = [b.get("text") for b in result.get("blockers") or [] if b.get("text")]
        reasons = reasons or list(result.get("reasons") or [])
        if reasons:
            short_name = names.get(result["programme"], result["programme"])
            lines.append(
                text("recommend_none_reason", lang, short_name=short_name, reasons=_sentences(reasons))
            )
    steps = [
        _next_step_text(step, lang) for step in outcome.get("next_steps") or [] if step.get("text")
    ]
    lines.append(
        text("recommend_none_next_steps", lang, steps=" ".join(steps))
        if steps
        else text("recommend_none_next", lang)
    )
    return lines


def compact_match(results: Sequence[Mapping[str, Any]], profile: Mapping[str, Any]) -> dict[str, Any]:
    """What the application draft needs to know about the match, small enough for a slot."""
    best = next((r for r in results if r.get("eligibility") != "not_eligible"), None)
    return {
        "profile": dict(profile),
        "programme": best["programme"] if best else None,
        "eligibility": best["eligibility"] if best else None,
        "fitting_variants": list(best.get("fitting_variants") or []) if best else [],
        "ranking": [{"programme": r["programme"], "eligibility": r["eligibility"]} for r in results],
    }


def relevance_note(programme_id: str | None, question: str | None, lang: str) -> str:
    """ "Ist das für WdM denn relevant?" at a guidance question: whether the answer counts for the programme
    named, and for which running programmes it does instead (catalogue, programmes.rules.question_matters).
    Empty when no programme is named or the question is not one of the guidance's."""
    found = rules.programme(programme_id)
    if found is None or not question:
        return ""
    if rules.question_matters(found.id, question):
        reason = text(f"reason_{question}", lang)
        return text("question_relevant_for", lang, short_name=found.short_name, reason=reason)
    others = [
        p.short_name
        for p in rules.current_programmes()
        if p.id != found.id and rules.question_matters(p.id, question)
    ]
    if not others:
        return text("question_irrelevant_for_any", lang, short_name=found.short_name)
    joined = f" {text('word_and', lang)} ".join(others)
    return text("question_irrelevant_for", lang, short_name=found.short_name, others=joined)
