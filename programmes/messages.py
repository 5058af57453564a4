"""Every text the matching engine produces, once in German and once in English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from programmes import formatting

LABELS: dict[str, dict[str, str]] = {
    # applicant types
    "small_business": {"de": "kleines Unternehmen", "en": "small business"},
    "startup": {"de": "Gründung / Start-up", "en": "start-up"},
    "association": {"de": "Verein", "en": "association"},
    "initiative": {"de": "Initiative (ohne Rechtsform)", "en": "initiative (no legal form)"},
    "social_enterprise": {"de": "Sozialunternehmen", "en": "social enterprise"},
    "training_provider": {"de": "Bildungsträger", "en": "training provider"},
    "district_office": {"de": "Bezirksamt", "en": "district office"},
    "municipality": {"de": "Kommune", "en": "municipality"},
    "other": {"de": "andere Organisation", "en": "other organisation"},
    # goals
    "jobs_for_disadvantaged": {
        "de": "Arbeit für benachteiligte Menschen",
        "en": "jobs for disadvantaged people",
    },
    "local_economy": {"de": "lokale Wirtschaft stärken", "en": "strengthen the local economy"},
    "social_cohesion": {"de": "sozialer Zusammenhalt", "en": "social cohesion"},
    "networking": {"de": "Vernetzung", "en": "networking"},
    "business_location": {"de": "Wirtschaftsstandort", "en": "business location"},
    # target groups
    "long_term_unemployed": {"de": "Langzeitarbeitslose", "en": "long-term unemployed people"},
    "unemployed": {"de": "Arbeitslose", "en": "unemployed people"},
    "youth": {"de": "Jugendliche", "en": "young people"},
    "migrants": {"de": "Menschen mit Migrationsgeschichte", "en": "migrants"},
    "women": {"de": "Frauen", "en": "women"},
    "single_parents": {"de": "Alleinerziehende", "en": "single parents"},
    "older_workers": {"de": "ältere Beschäftigte", "en": "older workers"},
    "people_with_disabilities": {"de": "Menschen mit Behinderung", "en": "people with disabilities"},
    "residents": {"de": "Bewohnerinnen und Bewohner", "en": "residents"},
    # eligibility
    "eligible": {"de": "passt", "en": "eligible"},
    "possible": {"de": "möglich", "en": "possible"},
    "not_eligible": {"de": "passt nicht", "en": "not eligible"},
    # availability
    "open_call": {"de": "Aufruf offen", "en": "open call"},
    "no_open_call": {"de": "derzeit kein offener Aufruf", "en": "no open call at present"},
    "closed": {"de": "beendet", "en": "closed"},
}

# Applicant types in the plural, for "Nur Bezirksämter können WdM beantragen".
PLURAL_LABELS: dict[str, dict[str, str]] = {
    "small_business": {"de": "kleine Unternehmen", "en": "small businesses"},
    "startup": {"de": "Gründungen / Start-ups", "en": "start-ups"},
    "association": {"de": "Vereine", "en": "associations"},
    "initiative": {"de": "Initiativen (ohne Rechtsform)", "en": "initiatives (without legal form)"},
    "social_enterprise": {"de": "Sozialunternehmen", "en": "social enterprises"},
    "training_provider": {"de": "Bildungsträger", "en": "training providers"},
    "district_office": {"de": "Bezirksämter", "en": "district offices"},
    "municipality": {"de": "Kommunen", "en": "municipalities"},
    "other": {"de": "andere Organisationen", "en": "other organisations"},
}

FACT_LABELS: dict[str, dict[str, str]] = {
    "summary": {"de": "Worum geht es", "en": "What it is"},
    "status": {"de": "Stand", "en": "Status"},
    "region": {"de": "Wo", "en": "Where"},
    "funder": {"de": "Fördergeber", "en": "Funder"},
    "fund": {"de": "Fonds", "en": "Fund"},
    "applicants": {"de": "Wer darf beantragen", "en": "Who may apply"},
    "area": {"de": "Fördergebiet", "en": "Eligible area"},
    "goals": {"de": "Handlungsfelder", "en": "Fields of action"},
    "target_groups": {"de": "Zielgruppen", "en": "Target groups"},
    "amount": {"de": "Wie viel", "en": "How much"},
    "duration": {"de": "Wie lange", "en": "How long"},
    "funding_rate": {"de": "Förderquote", "en": "Funding rate"},
    "deadline": {"de": "Fristen und Aufrufe", "en": "Deadlines and calls"},
    "how_to_apply": {"de": "Wie beantragen", "en": "How to apply"},
    "contact": {"de": "Ansprechpartner", "en": "Whom to contact"},
}

MESSAGES: dict[str, dict[str, str]] = {
    "closed": {
        "de": "{name} ist beendet: {note}",
        "en": "{name} has ended: {note}",
    },
    "closed_successor": {
        "de": "Nachfolger ist {successor}.",
        "en": "Its successor is {successor}.",
    },
    "region_ok": {
        "de": "Sie sind in {region}, wo das Programm gilt.",
        "en": "You are in {region}, where it applies.",
    },
    "region_wrong": {
        "de": "Das Programm gilt nur in {region}, Ihr Projekt liegt in {state}.",
        "en": "The programme only applies in {region}; your project is in {state}.",
    },
    "applicant_ok": {
        "de": "Als {type} dürfen Sie beantragen: {rule}.",
        "en": "As {type} you may apply: {rule}.",
    },
    "applicant_possible": {
        "de": "Als {type} geht es vielleicht: {rule}.",
        "en": "As {type} it may be possible: {rule}.",
    },
    "applicant_wrong": {
        "de": "Als {type} können Sie nicht selbst beantragen: {rule}.",
        "en": "As {type} you cannot apply yourself: {rule}.",
    },
    "area_ok": {
        "de": "Ihr Projekt liegt in einem Fördergebiet: {rule}.",
        "en": "Your project is in an eligible area: {rule}.",
    },
    "area_wrong": {
        "de": "Das Programm setzt ein Fördergebiet voraus: {rule}.",
        "en": "The programme needs an eligible area: {rule}.",
    },
    "budget_fits": {
        "de": "{amount} passt zu {variants}.",
        "en": "{amount} fits {variants}.",
    },
    "budget_too_high": {
        "de": "{amount} liegt über der Obergrenze von {limit}.",
        "en": "{amount} is above the limit of {limit}.",
    },
    "budget_too_low": {
        "de": "{amount} liegt unter der Untergrenze von {limit}.",
        "en": "{amount} is below the minimum of {limit}.",
    },
    "duration_wrong": {
        "de": "{months} Monate passen zu keiner Projektart (Laufzeiten: {ranges}).",
        "en": "{months} months fit no project type (durations: {ranges}).",
    },
    "budget_duration_wrong": {
        "de": "Kein Projekttyp passt zu {amount} und {months} Monaten ({ranges}).",
        "en": "No project type fits {amount} and {months} months ({ranges}).",
    },
    "goals_match": {"de": "Passt zu Ihrem Ziel: {goals}.", "en": "Matches your goal: {goals}."},
    "goals_differ": {
        "de": "Der Schwerpunkt des Programms liegt woanders: {focus}.",
        "en": "The programme's focus is elsewhere: {focus}.",
    },
    "groups_match": {"de": "Zielgruppen passen: {groups}.", "en": "Target groups match: {groups}."},
    "variant": {
        "de": "Typ {id} {name} (bis {limit}, {months})",
        "en": "type {id} {name} (up to {limit}, {months})",
    },
    "variant_plain": {"de": "{name} (bis {limit}, {months})", "en": "{name} (up to {limit}, {months})"},
    "months_range": {"de": "{low}–{high} Monate", "en": "{low}–{high} months"},
    "months_max": {"de": "bis {high} Monate", "en": "up to {high} months"},
    "months_unknown": {"de": "Laufzeit unbekannt", "en": "duration unknown"},
    "limit_unknown": {"de": "Obergrenze unbekannt", "en": "limit unknown"},
    # availability
    "availability_open": {
        "de": "Aufruf offen: {label} bis {closes}.",
        "en": "Open call: {label} until {closes}.",
    },
    "availability_next": {
        "de": "Nächster bekannter Aufruf: {label} ab {opens}.",
        "en": "Next known call: {label} from {opens}.",
    },
    "availability_none": {
        "de": "Stand {today}: kein offener Aufruf bekannt.",
        "en": "As of {today}: no open call known.",
    },
    "availability_last": {"de": "Zuletzt: {label}, {window}.", "en": "Last call: {label}, {window}."},
    "window_until": {"de": "bis {closes}", "en": "until {closes}"},
    "availability_closed": {
        "de": "Das Programm ist beendet; es gibt keine Aufrufe mehr.",
        "en": "The programme has ended; there are no more calls.",
    },
    # next steps
    "next_district_office": {
        "de": "Sprechen Sie mit der Geschäftsstelle des Bündnisses für Wirtschaft und Arbeit in "
        "{district}: {office}",
        "en": "Talk to the alliance office for business and work in {district}: {office}",
    },
    "next_district_office_unknown": {
        "de": "Uns fehlen Angaben zur Geschäftsstelle in {district}. Fragen Sie im Bezirksamt {district} "
        "nach dem Bezirklichen Bündnis für Wirtschaft und Arbeit oder sehen Sie auf bbwa-berlin.de nach.",
        "en": "We lack details of the office in {district}. Ask the {district} district office for the "
        "district alliance for business and work (Bezirkliches Bündnis für Wirtschaft und Arbeit) "
        "or look at bbwa-berlin.de.",
    },
    "next_district_unknown": {
        "de": "Jeder Berliner Bezirk hat eine eigene Geschäftsstelle. Nennen Sie Ihren Bezirk, dann nenne "
        "ich Ihnen die richtige; die Übersicht steht auf bbwa-berlin.de.",
        "en": "Each Berlin district has its own office. Tell me your district and I will name the right "
        "one; the overview is on bbwa-berlin.de.",
    },
    "next_contact": {"de": "Ansprechpartner: {name} – {text}", "en": "Contact: {name} – {text}"},
    "next_successor": {
        "de": "Sehen Sie sich stattdessen {successor} an.",
        "en": "Look at {successor} instead.",
    },
    "next_partner": {"de": "{note}", "en": "{note}"},
    # questions whose answers change the result
    "question_applicant_type": {
        "de": "Wer würde beantragen – ein Verein, ein Unternehmen, eine Initiative, ein Bezirksamt …?",
        "en": "Who would apply – an association, a business, an initiative, a district office …?",
    },
    "question_state": {
        "de": "In welchem Bundesland liegt Ihr Projekt?",
        "en": "In which German state is your project?",
    },
    "question_district": {
        "de": "In welchem Berliner Bezirk liegt Ihr Projekt?",
        "en": "In which Berlin district is your project?",
    },
    "question_in_disadvantaged_area": {
        "de": "Liegt Ihr Projekt in einem Gebiet „Sozialer Zusammenhalt“, „Soziale Stadt“ oder einem "
        "Quartiersmanagement-Gebiet?",
        "en": 'Is your project in a "Sozialer Zusammenhalt" or "Soziale Stadt" area or a neighbourhood '
        "management (Quartiersmanagement) area?",
    },
    "question_budget_eur": {
        "de": "Wie viel Förderung brauchen Sie ungefähr (in Euro)?",
        "en": "About how much funding do you need (in euros)?",
    },
    "question_duration_months": {
        "de": "Wie lange soll das Projekt laufen (in Monaten)?",
        "en": "How long should the project run (in months)?",
    },
    "district_office_generic": {
        "de": "die Geschäftsstelle des Bündnisses für Wirtschaft und Arbeit in Ihrem Bezirk",
        "en": "the alliance office for business and work in your district",
    },
    "unknown_fact": {
        "de": "Das wissen wir nicht. Fragen Sie {who}.",
        "en": "We do not know this. Ask {who}.",
    },
}

def fact_label(key: str, lang: str) -> str:
    return FACT_LABELS[key]["en" if lang == "en" else "de"]


def label(key: str, lang: str) -> str:
    return LABELS[key]["en" if lang == "en" else "de"]


def label_with_article(key: str, lang: str) -> str:
    """The label as it follows "als" / "as": "Verein" in German, "an association" in English."""
    name = label(key, lang)
    if lang != "en":
        return name
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def plural_label(key: str, lang: str) -> str:
    return PLURAL_LABELS[key]["en" if lang == "en" else "de"]


def t(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key]["en" if lang == "en" else "de"].format(**values)


def format_eur(amount: Decimal | int, lang: str) -> str:
    """Euros as people write them: "20.000 €" in German, "€20,000" in English (programmes.formatting)."""
    return formatting.money(amount, lang)


def format_date(day: dt.date, lang: str) -> str:
    """A date in words for the language: "1. März 2027", "1 March 2027" (programmes.formatting)."""
    return formatting.day(day, lang)
