"""Every text the matching engine produces, once in German and once in English."""

from __future__ import annotations

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
    "local_businesses": {"de": "Gewerbetreibende und kleine Unternehmen", "en": "local businesses"},
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

# Legal forms people know by their words, not by the abbreviation the draft stores ("KdöR").
LEGAL_FORM_WORDS: dict[str, dict[str, str]] = {
    "KdöR": {
        "de": "Körperschaft des öffentlichen Rechts",
        "en": "public-law body (Körperschaft des öffentlichen Rechts)",
    },
    "AöR": {
        "de": "Anstalt des öffentlichen Rechts",
        "en": "public-law institution (Anstalt des öffentlichen Rechts)",
    },
}

# What a project does (programmes.vocabulary.ACTIVITIES); "networking" and "local_economy" are also goals.
ACTIVITY_LABELS: dict[str, dict[str, str]] = {
    "networking": {"de": "Vernetzung lokaler Akteure", "en": "networking of local actors"},
    "employment": {"de": "Menschen in Arbeit bringen", "en": "getting people into work"},
    "qualification": {"de": "Qualifizierung", "en": "training"},
    "social_integration": {
        "de": "soziale Integration und Teilhabe",
        "en": "social integration and participation",
    },
    "local_economy": {"de": "Unterstützung der lokalen Wirtschaft", "en": "support for the local economy"},
    "location_marketing": {"de": "Standortmarketing", "en": "location marketing"},
    "building_works": {"de": "Bau- oder Renovierungsarbeiten", "en": "building or renovation works"},
    "equipment": {"de": "Anschaffungen", "en": "buying equipment"},
    "own_business": {"de": "das eigene Geschäft eines Unternehmens", "en": "a company's own business"},
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
    "purpose": {"de": "Was gefördert wird", "en": "What it funds"},
    "history": {"de": "Frühere Runden und Angaben", "en": "Earlier rounds and figures"},
    "how_to_apply": {"de": "Wie beantragen", "en": "How to apply"},
    "contact": {"de": "Ansprechpartner", "en": "Whom to contact"},
}

# "As an association you may apply": the applicant type as the subject of a reason, per language.
AS_APPLICANT: dict[str, dict[str, str]] = {
    "small_business": {"de": "Als kleines Unternehmen", "en": "As a small business"},
    "startup": {"de": "Als Gründung oder Start-up", "en": "As a start-up"},
    "association": {"de": "Als Verein", "en": "As an association"},
    "initiative": {"de": "Als Initiative ohne Rechtsform", "en": "As an initiative without a legal form"},
    "social_enterprise": {"de": "Als Sozialunternehmen", "en": "As a social enterprise"},
    "training_provider": {"de": "Als Bildungsträger", "en": "As a training provider"},
    "district_office": {"de": "Als Bezirksamt", "en": "As a district office"},
    "municipality": {"de": "Als Kommune", "en": "As a municipality"},
    "other": {"de": "Als Organisation anderer Art", "en": "As an organisation of another kind"},
}

# What is still open, as the object of "offen ist noch: …" / "still open: …".
MISSING_LABELS: dict[str, dict[str, str]] = {
    "state": {"de": "das Bundesland", "en": "the state"},
    "applicant_type": {"de": "wer den Antrag stellt", "en": "who would apply"},
    "district": {"de": "der Berliner Bezirk", "en": "the Berlin district"},
    "in_disadvantaged_area": {
        "de": "ob das Projekt in einem Fördergebiet liegt",
        "en": "whether the project is in an eligible area",
    },
    "budget_eur": {"de": "die Höhe der Förderung", "en": "the amount of funding"},
    "duration_months": {"de": "die Laufzeit", "en": "the duration"},
    "project_description": {"de": "was das Projekt tun soll", "en": "what the project will do"},
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
        "de": "Ihr Projekt liegt in {region}, wo das Programm gilt.",
        "en": "Your project is in {region}, where the programme applies.",
    },
    "region_wrong": {
        "de": "Das Programm gilt nur in {region}, Ihr Projekt liegt in {state}.",
        "en": "The programme only applies in {region}; your project is in {state}.",
    },
    "applicant_ok": {
        "de": "{applicant} dürfen Sie beantragen: {rule}.",
        "en": "{applicant} you may apply: {rule}.",
    },
    "applicant_possible": {
        "de": "{applicant} geht es vielleicht: {rule}.",
        "en": "{applicant} it may be possible: {rule}.",
    },
    "applicant_condition": {
        "de": "{applicant} geht es nur so: {condition}",
        "en": "{applicant} it only works like this: {condition}",
    },
    "applicant_wrong": {
        "de": "{applicant} können Sie nicht selbst beantragen: {rule}.",
        "en": "{applicant} you cannot apply yourself: {rule}.",
    },
    "area_ok": {
        "de": "Ihr Projekt liegt in einem Fördergebiet: {rule}.",
        "en": "Your project is in an eligible area: {rule}.",
    },
    "area_wrong": {
        "de": "Das Programm setzt ein Fördergebiet voraus: {rule}.",
        "en": "The programme needs an eligible area: {rule}.",
    },
    "purpose_fits": {
        "de": "Passt zum Förderzweck: {activities}.",
        "en": "Fits the programme's purpose: {activities}.",
    },
    "purpose_partly": {
        "de": "Nicht zum Förderzweck gehören dabei: {activities}; dafür gibt es aus {name} kein Geld.",
        "en": "Not part of its purpose: {activities}; {name} pays nothing for that.",
    },
    "purpose_outside": {
        "de": "{name} fördert: {funds}. Was Sie vorhaben ({activities}), gehört nicht dazu.",
        "en": "{name} funds: {funds}. What you plan ({activities}) is not part of that.",
    },
    "purpose_might_fit": {
        "de": "Eher passt: {programmes}.",
        "en": "What might fit: {programmes}.",
    },
    "purpose_none_fits": {
        "de": "Keines der Programme, die wir kennen, fördert {activities}.",
        "en": "None of the programmes we know funds {activities}.",
    },
    "purpose_none_fits_here": {
        "de": "Für Projekte in {region} fördert keines der Programme, die wir kennen, {activities}.",
        "en": "For projects in {region}, none of the programmes we know funds {activities}.",
    },
    "purpose_unknown": {
        "de": "Es kommt darauf an, was das Projekt tun soll. {name} fördert: {funds}.",
        "en": "It depends on what the project will do. {name} funds: {funds}.",
    },
    "budget_fits": {
        "de": "{amount} passt zu {variants}.",
        "en": "{amount} fits {variants}.",
    },
    "budget_too_high": {
        "de": "{amount} liegt über der Obergrenze von {limit}.",
        "en": "{amount} is above the limit of {limit}.",
    },
    "budget_too_high_total": {
        "de": "{amount} liegt über dem höchstmöglichen Zuschuss von {limit} ({percent} % von förderfähigen "
        "Gesamtausgaben bis {total}).",
        "en": "{amount} is above the largest possible grant of {limit} ({percent}% of eligible total "
        "expenditure up to {total}).",
    },
    "budget_too_low": {
        "de": "{amount} liegt unter der Untergrenze von {limit}.",
        "en": "{amount} is below the minimum of {limit}.",
    },
    "budget_total_minimum": {
        "de": "{name} verlangt förderfähige Gesamtausgaben von mindestens {minimum}; bei {amount} Förderung "
        "kommt der Rest aus Eigenmitteln oder anderen Quellen.",
        "en": "{name} needs eligible total expenditure of at least {minimum}; with {amount} of funding the "
        "rest comes from own funds or other sources.",
    },
    "duration_wrong": {
        "de": "{months} Monate passen zu keiner Projektart (Laufzeiten: {ranges}).",
        "en": "{months} months fit no project type (durations: {ranges}).",
    },
    "budget_duration_wrong": {
        "de": "Kein Projekttyp passt zu {amount} und {months} Monaten ({ranges}).",
        "en": "No project type fits {amount} and {months} months ({ranges}).",
    },
    "groups_match": {"de": "Zielgruppen passen: {groups}.", "en": "Target groups match: {groups}."},
    "variant": {
        "de": "Typ {id} {name} ({limits})",
        "en": "type {id} {name} ({limits})",
    },
    "variant_plain": {"de": "{name} ({limits})", "en": "{name} ({limits})"},
    "grant_limit": {"de": "Zuschuss bis {limit}", "en": "grant up to {limit}"},
    "total_range": {
        "de": "förderfähige Gesamtausgaben {low} bis {high}",
        "en": "eligible total expenditure {low} to {high}",
    },
    "total_limit": {"de": "Gesamtkosten bis {high}", "en": "total cost up to {high}"},
    "total_grant": {
        "de": "Zuschuss bis {percent} %, also höchstens {grant}",
        "en": "grant up to {percent}%, so at most {grant}",
    },
    "months_range": {"de": "{low}–{high} Monate", "en": "{low}–{high} months"},
    "months_max": {"de": "bis {high} Monate", "en": "up to {high} months"},
    "months_unknown": {"de": "Laufzeit unbekannt", "en": "duration unknown"},
    "limit_unknown": {"de": "Obergrenze unbekannt", "en": "limit unknown"},
    "earlier": {"de": "{period}: {text}", "en": "{period}: {text}"},
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
    "availability_last_variant": {
        "de": "Zuletzt für Typ {variant}: {label}, {window}.",
        "en": "Last call for type {variant}: {label}, {window}.",
    },
    "availability_projects": {"de": "Geförderte Projekte: {period}.", "en": "Funded projects: {period}."},
    "window_until": {"de": "bis {closes}", "en": "until {closes}"},
    "availability_closed": {
        "de": "Das Programm ist beendet; es gibt keine Aufrufe mehr.",
        "en": "The programme has ended; there are no more calls.",
    },
    # verdicts: the headline of a result
    "verdict_apply_now": {
        "de": "{name}: Sie können sich jetzt bewerben – {label}, bis {closes}.",
        "en": "{name}: you can apply now – {label}, until {closes}.",
    },
    "verdict_fits_no_call": {
        "de": "{name} passt nach Ihren Angaben; derzeit ist kein Aufruf offen{last}.",
        "en": "{name} fits from what you told me; no call is open now{last}.",
    },
    "verdict_possible": {
        "de": "{name} könnte passen; offen ist noch: {missing}.",
        "en": "{name} could fit; still open: {missing}.",
    },
    "verdict_possible_plain": {"de": "{name} könnte passen.", "en": "{name} could fit."},
    "verdict_possible_open": {
        "de": "Ein Aufruf ist offen bis {closes}.",
        "en": "A call is open until {closes}.",
    },
    "verdict_possible_no_call": {
        "de": "Derzeit ist kein Aufruf offen{last}.",
        "en": "No call is open now{last}.",
    },
    "verdict_last_closed": {
        "de": " (zuletzt geschlossen am {date}: {label})",
        "en": " (last closed on {date}: {label})",
    },
    "verdict_no_dates": {"de": " (Aufruftermine kennen wir nicht)", "en": " (we know of no call dates)"},
    "verdict_fits_no_fixed_calls": {
        "de": "{name} passt nach Ihren Angaben; feste Aufruftermine sind uns nicht bekannt.",
        "en": "{name} fits from what you told me; we know of no fixed call dates.",
    },
    "verdict_possible_no_fixed_calls": {
        "de": "Feste Aufruftermine sind uns nicht bekannt.",
        "en": "We know of no fixed call dates.",
    },
    "partner_no_call": {
        "de": "Für {name} ist derzeit kein Aufruf offen{last}.",
        "en": "No {name} call is open now{last}.",
    },
    "verdict_next_call": {
        "de": "Nächster bekannter Aufruf: {label} ab {date}.",
        "en": "Next known call: {label} from {date}.",
    },
    "verdict_not_eligible": {"de": "{name} passt nicht: {reason}", "en": "{name} does not fit: {reason}"},
    "verdict_ended": {
        "de": "{name} ist beendet; es gibt keine Aufrufe mehr.",
        "en": "{name} has ended; there are no more calls.",
    },
    "verdict_next_step": {"de": "Nächster Schritt: {step}", "en": "Next step: {step}"},
    "outcome_nothing_fits": {
        "de": "Nach Ihren Angaben passt derzeit keines der Programme, die wir kennen.",
        "en": "From what you told me, none of the programmes we know fits at the moment.",
    },
    # next steps
    "next_district_office": {
        "de": "Sprechen Sie mit der Geschäftsstelle des Bündnisses für Wirtschaft und Arbeit in "
        "{district}: {office}",
        "en": "Talk to the alliance office for business and work in {district}: {office}",
    },
    "next_district_office_unknown": {
        "de": "Eine Ansprechstelle des Bündnisses in {district} ist uns nicht bekannt. Fragen Sie im "
        "Bezirksamt {district} nach dem Bezirklichen Bündnis für Wirtschaft und Arbeit oder sehen Sie auf "
        "bbwa-berlin.de nach.",
        "en": "We do not know the alliance's office in {district}. Ask the {district} district office for "
        "the district alliance for business and work (Bezirkliches Bündnis für Wirtschaft und Arbeit) "
        "or look at bbwa-berlin.de.",
    },
    "next_district_unknown": {
        "de": "Jeder Berliner Bezirk hat eine eigene Geschäftsstelle. Nennen Sie Ihren Bezirk, dann nenne "
        "ich Ihnen die richtige; die Übersicht steht auf bbwa-berlin.de.",
        "en": "Each Berlin district has its own office. Tell me your district and I will name the right "
        "one; the overview is on bbwa-berlin.de.",
    },
    "next_partner_business_development": {
        "de": "{name} beantragt das Bezirksamt{district}; Sie wirken als Partner mit. Sprechen Sie mit der "
        "Wirtschaftsförderung des Bezirksamts, ob Ihr Vorhaben Teil eines {name}-Projekts werden kann.",
        "en": "Your district office{district} applies for {name}; you take part as a partner. Talk to the "
        "district office's business development unit (Wirtschaftsförderung) about whether your plan can "
        "become part of a {name} project.",
    },
    "next_district_partner": {
        "de": "In Berlin beantragt Ihr Bezirk. Fragen Sie die Geschäftsstelle des Bündnisses für Wirtschaft "
        "und Arbeit in Ihrem Bezirk, ob das Bezirksamt ein {name}-Projekt plant, bei dem Sie mitmachen "
        "können.",
        "en": "In Berlin your district applies. Ask the alliance office for business and work in your "
        "district whether the district office plans a {name} project you can join.",
    },
    "next_contact": {"de": "Ansprechpartner: {name} – {text}", "en": "Contact: {name} – {text}"},
    "next_successor": {
        "de": "Sehen Sie sich stattdessen {successor} an.",
        "en": "Look at {successor} instead.",
    },
    "next_region": {
        "de": "{name} gilt nur in {region}; für Ihr Vorhaben führt hier kein Weg hinein.",
        "en": "{name} only runs in {region}; it offers no way in for your project.",
    },
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
    "question_project_description": {
        "de": "Was soll Ihr Projekt genau tun – zum Beispiel Menschen in Arbeit bringen, qualifizieren, "
        "Nachbarn zusammenbringen, Betriebe vernetzen, etwas bauen oder etwas anschaffen?",
        "en": "What exactly will your project do – for example get people into work, train them, bring "
        "neighbours together, connect local businesses, build something or buy equipment?",
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


def legal_form_words(legal_form: str, lang: str) -> str:
    """A stored legal form as people should read it: "KdöR" → "Körperschaft des öffentlichen Rechts";
    forms everyone knows by their abbreviation ("e.V.", "gGmbH") stay as they are."""
    words = LEGAL_FORM_WORDS.get(legal_form)
    return words["en" if lang == "en" else "de"] if words else legal_form


def plural_label(key: str, lang: str) -> str:
    return PLURAL_LABELS[key]["en" if lang == "en" else "de"]


def t(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key]["en" if lang == "en" else "de"].format(**values)


def as_applicant(applicant_type: str, lang: str) -> str:
    return AS_APPLICANT[applicant_type]["en" if lang == "en" else "de"]


def activity_label(key: str, lang: str) -> str:
    return ACTIVITY_LABELS[key]["en" if lang == "en" else "de"]


def missing_label(key: str, lang: str) -> str:
    return MISSING_LABELS[key]["en" if lang == "en" else "de"]


def listing(items: list[str], lang: str) -> str:
    """ "a, b und c" / "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    joiner = " and " if lang == "en" else " und "
    return ", ".join(items[:-1]) + joiner + items[-1]
