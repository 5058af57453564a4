"""Fills several draft fields from one free-text project description.

"Wir sind der Kiezküche Neukölln e.V. und planen ab März 2027 für 12 Monate einen Kochtreff für
Alleinerziehende mit 20 Teilnehmenden. Gesamtkosten 18.000 €, wir beantragen 15.000 €."
gives organisation_name, legal_form, organisation_type, district, start_date, duration_months,
target_groups, participants, total_budget_eur, requested_amount_eur and the summary itself.
Values are raw answers: the form's validation checks each like any other answer.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from programmes import answers as fields
from programmes.amounts import find_amounts
from programmes.answers import person_name
from programmes.durations import find_durations
from programmes.numbers import with_digits
from programmes.quantities import bare_numbers

TOTAL_WORDS = re.compile(
    r"gesamt|insgesamt|zusammen|kostet|kosten|budget|total|overall|together|altogether|all in all|"
    r"everything|costs?\b",
    re.IGNORECASE,
)
REQUESTED_WORDS = re.compile(
    r"beantrag|förder|brauchen|benötig|request|apply for|asking for|need|funding|zuschuss|\bget\b|"
    r"from you|von euch|von ihnen|von dir|bekommen|kriegen|\bgrant\b",
    re.IGNORECASE,
)
# The applicant's own share is neither amount: "2.000 zahlen wir selbst", "pay 2,000 ourselves".
OWN_SHARE_WORDS = re.compile(
    r"selbst|eigenanteil|eigenmittel|eigene?n?\b|ourselves|our own|own (?:share|funds|money|contribution)",
    re.IGNORECASE,
)
# At an amount question every number from MIN_BARE_AMOUNT on is money ("alles zusammen 18.000, 16.000
# von euch"); in a description only numbers with a currency, a scale or a role word before them are.
MIN_BARE_AMOUNT = 100
# A count of people: a number, at most two describing words, a word for people ("15 langzeitarbeitslose
# Frauen", "zwölf Teilnehmende", "20 young refugees"). Number words are read first (programmes.numbers).
PARTICIPANTS = re.compile(
    r"(?<![\d.,])(\d+)\s+(?:[a-zäöüß-]+\s+){0,2}?"
    r"(?:teilnehm\w*|participants?|personen|persons|people|leute|menschen|jugendliche\w*|frauen|women|"
    r"männer|men|kinder|children|kids|mütter|mothers|eltern|parents|alleinerziehende\w*|bewohner\w*|"
    r"residents?|senior\w*|migrant\w*|geflüchtete\w*|refugees|arbeitslose\w*|langzeitarbeitslose\w*|"
    r"schüler\w*|students|azubis|auszubildende\w*|trainees|mädchen|girls|boys|youngsters|teenager\w*)\b",
    re.IGNORECASE,
)
# Who the applicants are is no count of participants: "(UG, 3 people)", "Tischlerei mit 6 Leuten", "we're a
# team of 4", "Wir sind 5 Frauen aus der Ukraine".
TEAM_SIZE_BEFORE = re.compile(
    r"(?:\b(?:UG|GmbH|gGmbH|e\.\s?V\.|GbR|AG|eG|Verein|start-?up|Firma|Unternehmen|company|business|team|Laden|"
    r"shop|Betrieb|\w+erei|Büro|office)\b[^.;!?]{0,20}?(?:,|\(|\bmit|\bwith|\bof)\s*"
    r"|\b(?:wir\s+sind|sind\s+wir|we\s+are|we're|we\s+r)\s+(?:(?:nur|only|just|zu|etwa|about)\s+)?)$",
    re.IGNORECASE,
)
# "seit 10 Jahren", "in drei Monaten", "within 6 months": since when or when, not how long
NOT_A_DURATION_BEFORE = re.compile(
    r"\b(?:seit|since|vor|in|nach|within|innerhalb|binnen|for the past|über)\s*$", re.IGNORECASE
)
START = re.compile(
    r"\b(ab|from|starting|start(?:en|et)?|beginn\w*|begin\w*|im|in)\s+(.{3,25})", re.IGNORECASE
)
# Quotation marks, not apostrophes: "we're … We'd" holds no title.
QUOTED_TITLE = re.compile(r"[„\"“»«‚]([^\"“”»«]{3,80})[\"“”»«‘]")
NAMED_TITLE = re.compile(
    r"(?:heißt|namens|titel|titled|called|named)\s*:?\s+['‚„\"“»]?([A-ZÄÖÜ0-9][^.,;!?\n'‘’\"“”«»]{2,60})",
    re.IGNORECASE,
)
ORGANISATION = re.compile(
    # "&" and "+" join the words of one name: "Kaffee & Kuchen GbR", "Rad + Tat e.V."
    r"((?:(?:[A-ZÄÖÜ0-9][\w\-äöüß&]*|[&+])\s+){0,5}?[A-ZÄÖÜ0-9][\w\-äöüß&]*)\s+"
    r"(e\.\s?V\.|gGmbH|gUG|GmbH|UG(?:\s*\(haftungsbeschränkt\))?|eG|GbR)",
)
# Lower-case words inside a name ("Ja zum Kiez gGmbH", "Hilfe für Helfer e.V."): the name may start one or
# two capitalised words before them, where a name can start (after "wir sind", "we are", a comma or at the
# start).
_CONNECTORS = (
    r"(?:zum|zur|für|fuer|im|am|an|auf|aus|der|die|das|den|dem|des|und|von|vom|in|mit|ohne"
    r"|of|for|the|and|on|at|with)"
)
NAME_HEAD = re.compile(
    r"(?:^|(?<=[,;:!?.(])|\b(?:sind|heißen|heissen|heißt|heisst|namens|are|called|named|is)\b)\s*"
    rf"((?:[A-ZÄÖÜ0-9][\w\-äöüß&]*\s+{_CONNECTORS}\s+(?:{_CONNECTORS}\s+)?){{1,2}})$"
)
# Types a legal form shared by several kinds of applicant may stand for; a word for one of them outside the
# name ("Ja zum Kiez gGmbH, ein Bildungsträger") says which.
SELF_DESCRIBED_TYPES = frozenset({"social_enterprise", "training_provider", "small_business", "startup"})
# A determiner or verb the organisation pattern may swallow at the start of a name.
NAME_NOISE = re.compile(r"^(?:Wir|We|Der|Die|Das|Unser|Unsere|Our|The|Sind|Are)\s+", re.IGNORECASE)
# A phone number only counts after a word that says it is one: "2027 – 2028" is not a number to call.
PHONE_HINT = re.compile(
    r"(?:tel\.?|telefon\w*|phone|handy|mobil\w*|call us)\s*:?\s*(?:unter\s+|on\s+|at\s+)?"
    r"(\+?\d[\d ()/\-]{4,38}\d)",
    re.IGNORECASE,
)
# Where an answer about the organisation goes on to name its contact person: "…, ich bin die Vorsitzende, Gül
# Aksoy", "… Contact is Mr Jonas Weber", "…, Ansprechpartnerin: Frau Lehmann".
CONTACT_INTRO = re.compile(
    r"(?:^|[,.;:–-]|\s)\s*(?:ich\s+bin|i'?m|i\s+am|this\s+is|my\s+name\s+is|mein\s+name\s+ist|"
    r"(?:the\s+)?contact(?:\s+person)?(?:\s+is)?|ansprechp(?:artner|erson)\w*(?:\s+ist)?|"
    r"kontakt(?:person)?(?:\s+ist)?)\b\s*:?",
    re.IGNORECASE,
)
def contact_beside(text: str, alone: bool = False) -> tuple[str, str] | None:
    """(what comes before, the person's name) when an answer goes on to name a contact person: "Nadel &
    Faden Rixdorf e.V., ich bin die Vorsitzende, Gül Aksoy" → ("Nadel & Faden Rixdorf e.V.", "Gül
    Aksoy"). The name is the first part after the introduction that looks like a person's name (a role
    such as "die Vorsitzende" before it is no name); None when there is none or (unless `alone`) nothing
    before it."""
    for intro in CONTACT_INTRO.finditer(text):
        before = text[: intro.start()].strip(" ,;:–-")
        if not re.search(r"(?:\b\w\.)+$", before):  # "e.V." keeps its full stop, a sentence does not
            before = before.rstrip(".")
        if not before and not alone:
            continue
        for part in re.split(r"\s*[,;(]\s*|\s+[–-]\s+", text[intro.end() :]):
            if name := person_name(part):
                return before, name
    return None


MIN_DESCRIPTION_WORDS = 12


def is_description(text: str) -> bool:
    return len(re.findall(r"\w+", text)) >= MIN_DESCRIPTION_WORDS


# "wir beantragen 18.000", "Kosten 19.500": a number without a currency counts right after such a word.
BARE_AFTER_ROLE = re.compile(
    r"\b(?:beantrag\w*|förder\w*|brauchen|benötig\w*|request\w*|apply(?:ing)? for|asking for|need|"
    r"gesamt\w*|insgesamt|kost\w*|budget|total|costs?)\b\D{0,24}?(\d{1,3}(?:[.,\s]\d{3})+|\d{4,9})(?!\d|[.,]\d)",
    re.IGNORECASE,
)


def _amounts(text: str, lang: str | None = None, answer: bool = False) -> list[tuple[str, int]]:
    """Amount texts with their position, e.g. ("18.000 €", 42): amounts with a currency or a scale
    (programmes/amounts.py), and plain numbers right after a word that says which amount they are; in the
    answer to an amount question (`answer`) every plain number from MIN_BARE_AMOUNT on."""
    amounts = find_amounts(text, lang)
    found = [(a.text, a.start) for a in amounts]
    taken = [(a.start, a.end) for a in amounts]
    for match in BARE_AFTER_ROLE.finditer(text):
        if not any(start <= match.start(1) < end for start, end in taken):
            found.append((match.group(1), match.start(1)))
            taken.append((match.start(1), match.end(1)))
    if answer:
        for number in bare_numbers(text, lang):
            if number.value >= MIN_BARE_AMOUNT and not any(
                start <= number.start < end for start, end in taken
            ):
                found.append((text[number.start : number.end], number.start))
    return sorted(found, key=lambda item: item[1])


def _clause_after(text: str, position: int) -> str:
    """From `position` to the end of its clause."""
    ends = [i for i in (text.find(sep, position) for sep in (".", ";", ",", "\n", " und ", " and ")) if i > 0]
    # a separator inside the number itself ("2,000") does not end the clause
    ends = [i for i in ends if not re.match(r"[.,]\d", text[i : i + 2])]
    return text[position : min(ends, default=len(text))]


def _clause_before(text: str, position: int) -> str:
    start = max(text.rfind(sep, 0, position) for sep in (".", ";", ",", "\n", " und ", " and "))
    clause = text[start + 1 : position]
    if start > 0 and re.match(r"\s*(?:sondern|but|aber)\b", clause, re.IGNORECASE):
        # "wir beantragen nicht 19.000, sondern nur 18.000": the clause it corrects says which amount
        return _clause_before(text, start) + clause
    return clause


def amounts_by_role(text: str, lang: str) -> dict[str, str]:
    """The total budget and the requested grant the answer to an amount question names ("Insgesamt
    18.000 €, davon beantragen wir 15.000", "everything together is 18,000 - we'd get 16,000 from you and
    pay 2,000 ourselves"), by the words around each amount; one amount alone is the requested one; the
    applicant's own share is neither. Values in EUR."""
    out: dict[str, Any] = {}
    _money(text, lang, out, answer=True)
    return out


# "Eigenanteil 10 Prozent", "10 % Eigenanteil", "own share of 10%": the share of the total the applicant pays.
OWN_SHARE = re.compile(
    r"(?:eigenanteil\w*|eigenmittel\w*|eigenbeteiligung|kofinanzierung|own\s+(?:share|contribution|funds)|"
    r"co-?financing)\D{0,20}?(\d{1,2})\s*(?:%|prozent|percent|per\s+cent)"
    r"|(\d{1,2})\s*(?:%|prozent|percent|per\s+cent)\s+(?:eigenanteil\w*|eigenmittel\w*|own\s+(?:share|contribution|funds))",
    re.IGNORECASE,
)


def requested_amount(text: str, lang: str) -> str | None:
    """The grant a message asks for, in EUR: the requested amount it names beside a total ("240.000 Euro
    Gesamtkosten, beantragt würden davon 180.000" → 180000), or the total less the own share it names
    ("Gesamtvolumen 900.000 Euro, Eigenanteil 10 Prozent" → 810000); None when it names no total."""
    text = with_digits(text, lang, ordinals=False).text  # "beantragt würden davon hundertachtzigtausend"
    by_role = amounts_by_role(text, lang)
    total = by_role.get("total_budget_eur")
    if total is None:
        return None
    if "requested_amount_eur" in by_role:
        return by_role["requested_amount_eur"]
    share = OWN_SHARE.search(text)
    if share is None:
        return None
    percent = int(share.group(1) or share.group(2))
    grant = int(total) * (100 - percent) // 100
    return str(grant)


def _money(text: str, lang: str, out: dict[str, Any], answer: bool = False) -> None:
    amounts = _amounts(text, lang, answer)
    for amount_text, position in amounts:
        before = _clause_before(text, position)
        clause = before + text[position : position + 40]
        own = OWN_SHARE_WORDS.search(before + _clause_after(text, position))
        if own and not (TOTAL_WORDS.search(before) or REQUESTED_WORDS.search(before)):
            continue
        if TOTAL_WORDS.search(clause) and "total_budget_eur" not in out:
            slot = "total_budget_eur"
        elif (REQUESTED_WORDS.search(clause) and "requested_amount_eur" not in out) or len(
            amounts
        ) == 1:
            slot = "requested_amount_eur"
        else:
            continue
        try:
            out[slot] = str(fields.read_amount(amount_text, lang))
        except fields.FieldError:
            continue


def _start(text: str, lang: str) -> str | None:
    # Overlapping search: in "in Neukölln, starting 1 March 2027" the window after "in" covers
    # "starting", which must still get its own try.
    match = START.search(text)
    while match:
        try:
            return fields.read_date(match.group(2), lang).isoformat()
        except fields.FieldError:
            match = START.search(text, match.start() + 1)
    return None


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def extract(text: str, lang: str) -> dict[str, Any]:
    """Raw answers found in a description; the summary is the description itself."""
    out: dict[str, Any] = {}
    with contextlib.suppress(fields.FieldError):
        out["project_summary"] = fields.read_summary(text)
    # Words inside a name or title say nothing about place or people: "Kiezküche Neukölln e.V." names no
    # district, "Jugend hilft" no target group. They are blanked before those are looked for.
    rest = text
    if organisation := ORGANISATION.search(text):
        name_start = organisation.start()
        if head := NAME_HEAD.search(text[:name_start]):
            name_start = head.start(1)
        name = NAME_NOISE.sub("", NAME_NOISE.sub("", text[name_start : organisation.end()].strip()))
        out["organisation_name"] = name
        rest = _blank(rest, name_start, organisation.end())
    if known := fields.legal_form_in(text):
        out["legal_form"], organisation_type = known
        if organisation_type:
            out["organisation_type"] = organisation_type
        if known[0] in fields.SHARED_LEGAL_FORMS:
            # What the name says first ("Nordlicht Sozialunternehmen gGmbH"), then what the message says
            # the organisation is; a shop the project runs ("a social supermarket") is in neither.
            name_words = (out.get("organisation_name") or "").replace(known[0], " ")
            for said in (name_words, rest):
                with contextlib.suppress(fields.FieldError):
                    named = fields.read_organisation_type(said)
                    if named in SELF_DESCRIBED_TYPES:
                        out["organisation_type"] = named
                        break
    if title := QUOTED_TITLE.search(text) or NAMED_TITLE.search(text):
        out["project_title"] = title.group(1).strip()
        rest = _blank(rest, title.start(1), title.end(1))
    if contact := contact_beside(text, alone=True):
        out["contact_name"] = contact[1]
    with contextlib.suppress(fields.FieldError):
        out["contact_email"] = fields.read_email(text)
    if phone := PHONE_HINT.search(text):
        out["contact_phone"] = phone.group(1).strip()
    with contextlib.suppress(fields.FieldError):
        out["district"] = fields.read_district(rest)
    if groups := fields.target_groups_in(rest):
        out["target_groups"] = groups
    readable = with_digits(text, lang)
    counts = (
        m
        for m in PARTICIPANTS.finditer(readable.text)
        if not TEAM_SIZE_BEFORE.search(readable.text[max(0, m.start() - 40) : m.start()])
    )
    if participants := next(counts, None):
        out["participants"] = participants.group(1)
    months = [
        d for d in find_durations(text, lang) if not NOT_A_DURATION_BEFORE.search(text[: d.start])
    ]
    if months:
        out["duration_months"] = months[0].value
    if start := _start(text, lang):
        out["start_date"] = start
    _money(text, lang, out)
    return out
