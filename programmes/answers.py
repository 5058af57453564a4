"""The application draft's fields and the rules for reading and checking each answer, shared by the chat
(actions/, bot/) and the form service (webform/).

- `DRAFT_FIELDS`: every field in the order the chat asks it, with its kind, length limit and whether a
  complete application needs it; `fields_for` narrows them to one programme's draft.
- readers (`read_text`, `read_email`, `read_phone`, `read_date`, `read_months`, `read_participants`,
  `read_district`, `read_city`, `read_municipality`, `read_legal_form`, `read_organisation_type`,
  `read_target_groups`, `read_variant`, and `read_amount` from programmes.amounts) take an answer as
  people type it, in German or English, and return the normalised value or raise FieldError with a key
  and values;
- checks against the programme's limits from the catalogue (`check_duration`, `check_requested`, …).
Each consumer words the FieldError keys itself: actions/draft/messages.yml and webform/draft_messages.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from programmes import formatting, rules
from programmes.amounts import MAX_AMOUNT, NOT_MONEY, find_amounts, read_amount
from programmes.answer_frames import without_frame
from programmes.catalogue import Localised
from programmes.dates import first_date, library_date
from programmes.districts import normalise_district, official_names
from programmes.durations import find_durations
from programmes.errors import FieldError
from programmes.messages import LABELS
from programmes.places import place_answer
from programmes.quantities import bare_numbers
from programmes.rules import Limits
from programmes.vocabulary import APPLICANT_TYPES, TARGET_GROUPS

__all__ = ["MAX_AMOUNT", "FieldError", "read_amount"]


@dataclass(frozen=True)
class DraftField:
    """One answer of the application draft.

    label: its name for people, in German and English (check-your-answers, the web form, the history; the
    NLU also reads it as the field's name in "Organisation ändern").
    kind: "choice" (a closed set), "text", "email", "phone", "district", "groups" (target groups),
    "count" (people), "date", "months" or "money" (EUR). max_length: characters, for text.
    required: a complete application needs it (where the programme asks it at all, see `fields_for`).
    """

    name: str
    label: Localised
    kind: str
    max_length: int | None = None
    required: bool = True


# In the order the chat asks them: the description first, so one long answer fills several later fields.
DRAFT_FIELDS: tuple[DraftField, ...] = (
    DraftField("programme", Localised("Programm", "Programme"), "choice"),
    DraftField("lsi_type", Localised("Projektart", "Project type"), "choice"),
    DraftField(
        "project_summary",
        Localised("Projektbeschreibung", "Project description"),
        "text",
        max_length=5000,
    ),
    DraftField("organisation_name", Localised("Organisation", "Organisation"), "text", max_length=200),
    DraftField("legal_form", Localised("Rechtsform", "Legal form"), "text", max_length=100),
    DraftField(
        "organisation_type", Localised("Art der Organisation", "Kind of organisation"), "choice"
    ),
    DraftField("contact_name", Localised("Ansprechperson", "Contact person"), "text", max_length=100),
    DraftField("contact_email", Localised("E-Mail", "E-mail"), "email", max_length=254),
    DraftField("contact_phone", Localised("Telefon", "Phone"), "phone", max_length=40, required=False),
    DraftField("district", Localised("Bezirk", "District"), "district", max_length=100),
    DraftField(
        "city", Localised("Stadt oder Gemeinde", "City or municipality"), "text", max_length=100
    ),
    DraftField(
        "municipality",
        Localised("Antragstellende Kommune", "Applying municipality"),
        "text",
        max_length=100,
    ),
    DraftField("area", Localised("Fördergebiet", "Eligible area"), "text", max_length=200),
    DraftField("project_title", Localised("Projekttitel", "Project title"), "text", max_length=200),
    DraftField("target_groups", Localised("Zielgruppen", "Target groups"), "groups"),
    DraftField("participants", Localised("Teilnehmende", "Participants"), "count", required=False),
    DraftField("start_date", Localised("Beginn", "Start"), "date"),
    DraftField("duration_months", Localised("Dauer", "Duration"), "months"),
    DraftField("total_budget_eur", Localised("Gesamtkosten", "Total budget"), "money"),
    DraftField("requested_amount_eur", Localised("Beantragte Förderung", "Funding requested"), "money"),
)
FIELD_NAMES = tuple(f.name for f in DRAFT_FIELDS)
FIELDS_BY_NAME = {f.name: f for f in DRAFT_FIELDS}


def label(field: str, lang: str) -> str:
    """A field's name for people: label("contact_email", "de") → "E-Mail"."""
    return FIELDS_BY_NAME[field].label.get(lang)


OPTIONAL = tuple(f.name for f in DRAFT_FIELDS if not f.required)
TEXT_LIMITS = {f.name: f.max_length for f in DRAFT_FIELDS if f.kind == "text" and f.max_length}
MIN_SUMMARY_WORDS = 6
MAX_PARTICIPANTS = 100000
MAX_MONTHS = 120
MAX_DATE_WORDS = 6  # a longer answer is no date that only dateparser reads
# Where our date rules find nothing, dateparser reads the answer only if it counts days or weeks
# ("heute in drei Wochen"): it would guess at a day or year in "Feber 27".
_LIBRARY_ONLY = re.compile(r"(?i)\b(?:tag|tage|tagen|woche|wochen|days?|weeks?|fortnight)\b")
# After a bare number at the duration question: what it counts is not months ("20 Leute", "5.000 €").
_NOT_MONTHS = re.compile(rf"\s*(?:{NOT_MONEY}|€|eur\b|euro)", re.IGNORECASE)


def uses_district(
    programme_id: str | None, state: str | None = None, district: str | None = None
) -> bool:
    """Berlin projects name their Bezirk, others their city."""
    return rules.berlin_only(programme_id) or state == "BE" or bool(district)


def fields_for(
    programme_id: str | None, state: str | None = None, district: str | None = None
) -> list[str]:
    """The fields of one programme's draft, in the order the chat asks them.

    The project type only where the programme has several (LSI); the Bezirk in Berlin, else the city;
    the applying municipality and the eligible area where only public bodies apply (BIWAQ).
    """
    berlin = uses_district(programme_id, state, district)
    skip = {
        "lsi_type": not rules.asks_variant(programme_id),
        "district": not berlin,
        "city": berlin,
        "municipality": not rules.asks_municipality(programme_id),
        "area": not rules.asks_area(programme_id),
    }
    return [name for name in FIELD_NAMES if not skip.get(name, False)]


def required_fields(
    programme_id: str | None, state: str | None = None, district: str | None = None
) -> list[str]:
    """What a complete application for this programme needs before it can be submitted for review."""
    return [name for name in fields_for(programme_id, state, district) if FIELDS_BY_NAME[name].required]


EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
EMAIL_LIKE = re.compile(r"\S+@\S*")
# A telephone number as people write it: "030 1234567", "+49 (30) 123-45 67", "0176/12345678".
PHONE = re.compile(r"\+?\d[\d ()/\-]{4,38}\d")
MIN_PHONE_DIGITS = 6
# Digits said one by one: "null drei null, zwei drei vier …" is 030 234….
_DIGIT_WORDS = {
    **dict.fromkeys(("null", "zero", "oh"), "0"),
    **dict.fromkeys(("eins", "one"), "1"),
    **dict.fromkeys(("zwei", "zwo", "two"), "2"),
    **dict.fromkeys(("drei", "three"), "3"),
    **dict.fromkeys(("vier", "four"), "4"),
    **dict.fromkeys(("fünf", "fuenf", "five"), "5"),
    **dict.fromkeys(("sechs", "six"), "6"),
    **dict.fromkeys(("sieben", "seven"), "7"),
    **dict.fromkeys(("acht", "eight"), "8"),
    **dict.fromkeys(("neun", "nine"), "9"),
}
_SPOKEN_DIGITS = re.compile(
    r"(?i)\b(?:" + "|".join(_DIGIT_WORDS) + r")(?:[\s,;/-]+(?:" + "|".join(_DIGIT_WORDS) + r"|\d+))*\b"
)
# "Vorname(at)verein.de", "name [at] verein [dot] de": an address written to keep robots out.
_AT = re.compile(r"\s*(?:\(at\)|\[at\]|\{at\}|\s\(?at\)?\s|\(ät\))\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*(?:\(dot\)|\[dot\]|\(punkt\)|\[punkt\])\s*", re.IGNORECASE)
MAX_PHONE_DIGITS = 15  # ITU-T E.164

# Legal forms as people write them → (the form stored in the draft, the applicant type it implies or None).
# The NLU's entity patterns (bot/nlu/lexicon.py) are built from this table too.
LEGAL_FORMS: dict[str, tuple[str, str | None]] = {
    "e.V.": ("e.V.", "association"),
    "eV": ("e.V.", "association"),
    "e. V.": ("e.V.", "association"),
    "e.V": ("e.V.", "association"),
    "eingetragener Verein": ("e.V.", "association"),
    "eingetragenen Verein": ("e.V.", "association"),
    "registered association": ("e.V.", "association"),
    "gGmbH": ("gGmbH", "social_enterprise"),
    "gemeinnützige GmbH": ("gGmbH", "social_enterprise"),
    "gemeinnützigen GmbH": ("gGmbH", "social_enterprise"),
    "non-profit GmbH": ("gGmbH", "social_enterprise"),
    "gUG": ("gUG (haftungsbeschränkt)", "social_enterprise"),
    "gemeinnützige UG": ("gUG (haftungsbeschränkt)", "social_enterprise"),
    "gAG": ("gAG", "social_enterprise"),
    "GmbH": ("GmbH", "small_business"),
    "UG": ("UG (haftungsbeschränkt)", "small_business"),
    "UG (haftungsbeschränkt)": ("UG (haftungsbeschränkt)", "small_business"),
    "Unternehmergesellschaft": ("UG (haftungsbeschränkt)", "small_business"),
    "GbR": ("GbR", None),
    "OHG": ("OHG", None),
    "KG": ("KG", None),
    "GmbH & Co. KG": ("GmbH & Co. KG", None),
    "AG": ("AG", None),
    "eG": ("eG", None),
    "Genossenschaft": ("eG", None),
    "eingetragene Genossenschaft": ("eG", None),
    "cooperative": ("eG", None),
    # a sole trader is a natural person, not a company: no legal person under private law
    "Einzelunternehmen": ("Einzelunternehmen", "other"),
    "Einzelunternehmer": ("Einzelunternehmen", "other"),
    "Einzelunternehmerin": ("Einzelunternehmen", "other"),
    "sole trader": ("Einzelunternehmen", "other"),
    "sole proprietor": ("Einzelunternehmen", "other"),
    "sole proprietorship": ("Einzelunternehmen", "other"),
    "Stiftung": ("Stiftung", "other"),
    "foundation": ("Stiftung", "other"),
    "Körperschaft des öffentlichen Rechts": ("KdöR", None),
    "KdöR": ("KdöR", None),
    "Anstalt des öffentlichen Rechts": ("AöR", None),
    "AöR": ("AöR", None),
    "PartG": ("PartG", None),
    "Partnerschaftsgesellschaft": ("PartG", None),
}
# In an organisation's name only (not as a legal form in a sentence): public bodies and what they are.
PUBLIC_BODY_NAMES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\bBezirksamt\b|\bdistrict office\b", re.I), "KdöR", "district_office"),
    (
        re.compile(
            r"\b(?:Stadt|Kommune|Gemeinde|Landeshauptstadt|Stadtverwaltung)\b|\bcity of\b|\bcity council\b",
            re.I,
        ),
        "KdöR",
        "municipality",
    ),
)


def _legal_form_pattern(phrase: str) -> re.Pattern[str]:
    body = r"\s*".join(re.escape(part) for part in phrase.split())
    # a form ends at a space, punctuation or the end: "Kiez e.V.," but not "UG" inside "UGANDA"
    return re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE if len(phrase) > 3 else 0)


# Longest phrase first, so "gemeinnützige GmbH" wins over "GmbH".
_LEGAL_FORM_PATTERNS = [
    (_legal_form_pattern(phrase), value)
    for phrase, value in sorted(LEGAL_FORMS.items(), key=lambda item: -len(item[0]))
]

# Words that name an applicant type besides the vocabulary's labels.
TYPE_WORDS = {
    "association": ("verein", "association", "e.v."),
    "small_business": (
        "unternehmen",
        "firma",
        "betrieb",
        "laden",
        "business",
        "company",
        "shop",
        "gmbh",
    ),
    "startup": ("start-up", "startup", "gründung", "gründerin", "gründer"),
    "initiative": ("initiative", "nachbarschaftsinitiative", "group", "gruppe"),
    "social_enterprise": ("sozialunternehmen", "social enterprise", "ggmbh"),
    "training_provider": ("bildungsträger", "training provider", "träger"),
    "district_office": ("bezirksamt", "district office"),
    "municipality": ("kommune", "municipality", "stadtverwaltung", "gemeinde"),
}
GROUP_WORDS = {
    "long_term_unemployed": ("langzeitarbeitslos", "long-term unemployed", "long term unemployed"),
    "unemployed": ("arbeitslos", "erwerbslos", "unemployed", "jobless", "jobsuchend"),
    "youth": ("jugend", "junge menschen", "young people", "youth", " teen", "schüler", "azubi"),
    "migrants": ("migra", "geflüchtet", "flüchtling", "refugee", "zugewandert"),
    # "alleinerziehende Mütter", "single mums": single parents and women, two groups
    "women": ("frauen", "women", "mütter", "mothers", "mums", "moms", "mamas"),
    "single_parents": ("alleinerziehend", "single parent"),
    # "Seniorinnen und Senioren" are retired people a project may serve, not older workers
    "older_workers": ("ältere", "older", "über 55", "ab 55", "55+"),
    "people_with_disabilities": ("behinder", "disabilit", "disabled", "inklusi"),
    "residents": (
        "bewohner",
        "anwohner",
        "nachbarn ",
        "nachbarinnen",
        "resident",
        "neighbours",
        "neighbors",
    ),
}
GROUP_WORDS["long_term_unemployed"] += (
    "long-time unemployed",
    "langjährig arbeitslos",
    "dauerhaft arbeitslos",
    "lange arbeitslos",
    "lange zeit arbeitslos",
    "länger arbeitslos",
    "seit langem arbeitslos",
    "seit jahren arbeitslos",
    "unemployed for a long time",
    "out of work for a long time",
    "unemployed for years",
)
GROUP_WORDS["single_parents"] += (
    "single mother",
    "single mum",
    "single mom",
    "single father",
    "single dad",
)
GROUP_WORDS["youth"] += ("young ", "junge ", "jungen ", "kids", "jugendliche")
# female forms that name only women: "Migrantinnen", "Zuwanderinnen" (not "Bürgerinnen und Bürger")
GROUP_WORDS["women"] += ("frau ", "mädchen", "girls", "woman", "migrantinnen", "zuwanderinnen")
GROUP_WORDS["older_workers"] += (
    "over 50",
    "over 55",
    "over 60",
    "ab 50",
    "über 50",
    "55 plus",
    "50 plus",
    "50+",
    "aged 50",
    "aged 55",
)
# People named by a language other than German are people with a migration story ("arabischsprachige
# Nachbarn", "Turkish-speaking mothers").
GROUP_WORDS["migrants"] += (
    "arabisch",
    "arabic",
    "türkisch",
    "turkish",
    "russisch",
    "russian",
    "ukrainisch",
    "ukrainian",
    "kurdisch",
    "kurdish",
    "persisch",
    "farsi",
    "syrisch",
    "syrian",
    "afghanisch",
    "afghan",
    "polnisch",
    "polish",
    "rumänisch",
    "romanian",
    "bulgarisch",
    "bulgarian",
    "vietnamesisch",
    "vietnamese",
)


def as_text(value: Any) -> str:
    """An answer as one stripped string (a list of words is joined; None is empty)."""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return "" if value is None else str(value).strip()


def read_text(value: Any, field: str) -> str:
    """A short free text (a name, a title, a place), spaces tidied, without a remark around it ("Hab ich
    doch gesagt: …", "… (wie oben)"; programmes.answer_frames).

    Raises FieldError "invalid_text" under 2 characters and "text_too_long" (values: limit, characters)
    above the field's limit in TEXT_LIMITS; over-long text is refused, never cut.
    """
    text = " ".join(without_frame(as_text(value)).split())
    if len(text) < 2:
        raise FieldError("invalid_text")
    limit = TEXT_LIMITS[field]
    if len(text) > limit:
        raise FieldError("text_too_long", limit=limit)
    return text


_NAME_PARTICLES = frozenset(
    "von van de der den zu zur al el bin ibn di da le la dos du ten ter mc mac".split()  # noqa: SIM905
)
# Forms of address and diplomas before a name: "Herr Dipl.-Päd. Ralf Kühne" is Ralf Kühne (a doctor keeps
# the "Dr.", which is part of the name).
_ADDRESS = re.compile(r"^(?:(?:herr|frau|mr|mrs|ms|miss|dipl\.?-?\s?[\wä]+)\.?\s+)+", re.IGNORECASE)


def looks_like_person_name(text: str) -> bool:
    """ "Mark Jensen", "Anna-Lena von Bülow", "A. Yilmaz": two to five capitalised words (or name particles),
    no digits, no sentence."""
    tokens = text.strip().split()
    if not 2 <= len(tokens) <= 5 or re.search(r"\d|[?!:;]", text):
        return False
    return all(
        t.casefold() in _NAME_PARTICLES or re.fullmatch(r"[A-ZÄÖÜ][\wäöüß'’.-]*,?", t) for t in tokens
    ) and any(len(t.strip(".,")) > 2 for t in tokens)


def person_name(text: str) -> str | None:
    """The person's name in a short text, without a form of address: "Herr Dipl.-Päd. Ralf Kühne" → "Ralf
    Kühne", "Dr. Helga Baumann" stays; None when the text is no name."""
    name = _ADDRESS.sub("", text.strip(" .)(")).strip()
    return name if looks_like_person_name(name) else None


def read_contact_name(value: Any) -> str:
    """The contact person's name: "Dr. Helga Baumann, head of projects" → "Dr. Helga Baumann", "me, Tobias
    Krüger, you can" → "Tobias Krüger", "Herr Ralf Kühne" → "Ralf Kühne": of the parts the answer's commas
    separate, the first that is a person's name; an answer with none ("Birgit", "die Vorsitzende") is kept
    as written. Raises FieldError as `read_text`."""
    text = read_text(value, "contact_name")
    return contact_name_in(text) or text


def contact_name_in(text: str) -> str | None:
    """The first part of `text` (between commas) that is a person's name, without a form of address."""
    for part in re.split(r"\s*[,;/|(]\s*|\s+[–-]\s+", text):
        if name := person_name(part):
            return name
    return None


# A short remark about the answer before a colon: "Lieber nur den inhaltlichen Teil: …", "Nein, neu: …",
# "Here it is: …". The description is what follows.
_LEAD_IN = re.compile(r"^\s*([^:.!?\n]{1,60}):\s+(?=\S)")
MAX_LEAD_IN_WORDS = 6
# Words such a remark is made of (it talks about the answer, not the project): every word must be one.
_LEAD_IN_WORDS = re.compile(
    r"(?i)(?:nein|nee|no|nope|ja|yes|ok|okay|also|so|neu\w*|new|lieber|rather|besser|better|nur|just|only|"
    r"den|die|das|der|the|a|an|it|is|this|that|here|hier|ist|inhalt\w*|teil|part|beschreibung|description|"
    r"text|version|kurz\w*|short\w*|stattdessen|instead|korrig\w*|correct\w*|bitte|please|dann|then|"
    r"mein\w*|my|unser\w*|our|so|wie|folgt|follows|eigentlich|actually|sorry|genauer|more|precisely)"
)


def without_lead_in(text: str) -> str:
    """A description without a short remark before a colon, when what follows is a description by itself
    ("Nein, neu: Jugendliche ohne Job machen …" → "Jugendliche ohne Job machen …")."""
    found = _LEAD_IN.match(text)
    words = re.findall(r"\w+", found.group(1)) if found else []
    if not found or len(words) > MAX_LEAD_IN_WORDS or not all(_LEAD_IN_WORDS.fullmatch(w) for w in words):
        return text
    rest = text[found.end() :]
    return rest if len(re.findall(r"\w+", rest)) >= MIN_SUMMARY_WORDS else text


def read_summary(value: Any) -> str:
    """The project description: at least MIN_SUMMARY_WORDS words, so a reviewer learns what the project does;
    a lead-in about the conversation ("nee, lieber so: …") is not part of it.

    Raises FieldError "summary_too_short" (values: words) or "text_too_long" (values: limit).
    """
    text = without_frame(as_text(value))
    if len(re.findall(r"\w+", text)) < MIN_SUMMARY_WORDS:
        raise FieldError("summary_too_short", words=MIN_SUMMARY_WORDS)
    if len(text) > TEXT_LIMITS["project_summary"]:
        raise FieldError("text_too_long", limit=TEXT_LIMITS["project_summary"])
    return text


def read_email(value: Any) -> str:
    """The e-mail address in an answer ("Meine Adresse: anna@kiez.de."). Raises FieldError "invalid_email"."""
    text = as_text(value)
    if "@" not in text:
        text = _DOT.sub(".", _AT.sub("@", text))
    found = EMAIL.search(text)
    # An address must be the whole token: "anna@example" or "anna@@x.de" is not one.
    token = next((t.strip(".,;:()<>") for t in EMAIL_LIKE.findall(text)), None)
    if not found or token != found.group(0) or len(found.group(0)) > 254:
        raise FieldError("invalid_email")
    return found.group(0)


def read_phone(value: Any) -> str:
    """A telephone number as written, 6 to 15 digits ("030 1234567", "+49 30 1234567"); digits said one by
    one are written as digits, grouped as said ("null drei null, zwei drei vier …" → "030 234…").

    Raises FieldError "invalid_phone".
    """
    text = as_text(value)
    spoken = _SPOKEN_DIGITS.search(text)
    if spoken and len(re.findall(r"\w+", spoken.group())) >= MIN_PHONE_DIGITS:
        groups = re.split(r"\s*[,;/-]\s*", spoken.group())
        said = [
            "".join(_DIGIT_WORDS.get(w.lower(), w) for w in re.findall(r"\w+", group)) for group in groups
        ]
        text = text[: spoken.start()] + " ".join(d for d in said if d) + text[spoken.end() :]
    found = PHONE.search(text)
    digits = sum(c.isdigit() for c in found.group(0)) if found else 0
    if not found or not MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
        raise FieldError("invalid_phone")
    return found.group(0).strip()


def amount_from_slot(value: Any) -> Decimal | None:
    """A stored amount ("15000", 15000.5) as a Decimal; None when empty or not a number."""
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def read_date(value: Any, lang: str) -> dt.date:
    """A date as people write it, by the rules of programmes.dates (one table says what a vague date
    means): 2027-03-01, 1.3.2027, 01/03/2027 (day first), 1. März 2027, March 2027, 3/2027, "Anfang 2027",
    "übernächsten Monat", "in drei Monaten", "Mitte nächsten Jahres", "im Frühjahr 2027", "in zwei Wochen".
    Relative dates count from programmes.formatting.today() (KIEZLOTSE_TODAY pins it); the first date of
    the answer counts. `lang` ("de"/"en") is the language read first and of the example.

    Raises FieldError "invalid_date" (values: example, a date in the language's long format).
    """
    text = as_text(value)
    today = formatting.today()
    found = first_date(text, today, lang)
    if found is None and _LIBRARY_ONLY.search(text) and len(text.split()) <= MAX_DATE_WORDS:
        found = library_date(text, today, lang)  # counted days and weeks in words our rules do not know
    if found is None:
        raise FieldError("invalid_date", example=formatting.day(formatting.example_start(today), lang))
    return found


def check_start(start: dt.date, today: dt.date, lang: str) -> dt.date:
    """A start date must lie after today.

    Raises FieldError "start_date_not_future" (values: today, example).
    """
    if start <= today:
        example = formatting.day(formatting.example_start(today), lang)
        raise FieldError("start_date_not_future", today=formatting.day(today, lang), example=example)
    return start


def read_months(value: Any) -> int:
    """A duration in whole months: "24", "24 Monate", "2 Jahre", "two years", "ein Jahr", "1,5 Jahre",
    "anderthalb Jahre", "vierundzwanzig Monate", "ein Jahr und sechs Monate" (programmes.durations); a
    bare number is months.

    Raises FieldError "invalid_duration" outside 1–MAX_MONTHS months, for a fraction of a month, and for an
    answer with no duration or with several different bare numbers ("12 oder 18").
    """
    text = as_text(value)
    durations = find_durations(text)
    if durations:
        return int(durations[0].value)
    numbers = [n for n in bare_numbers(text, durations=False) if not _NOT_MONTHS.match(n.after)]
    if len({n.value for n in numbers}) != 1 or numbers[0].negative or numbers[0].in_range:
        raise FieldError("invalid_duration")
    months = numbers[0].value
    if months != months.to_integral_value() or not 1 <= months <= MAX_MONTHS:
        raise FieldError("invalid_duration")
    return int(months)


def check_duration(months: int, limits: Limits) -> int:
    """Months within the programme's limits (programmes.rules.limits, from the catalogue).

    Raises FieldError "duration_above_limit" (values: max_months) or "duration_below_limit" (min_months).
    """
    if limits.max_months is not None and months > limits.max_months:
        raise FieldError("duration_above_limit", max_months=limits.max_months)
    if limits.min_months is not None and months < limits.min_months:
        raise FieldError("duration_below_limit", min_months=limits.min_months)
    return months


def check_requested(requested: Decimal, limits: Limits, total: Decimal | None, lang: str) -> Decimal:
    """The requested grant (EUR) within the programme's limits and not above the total budget.

    Raises FieldError "requested_above_limit" (values: limit), "requested_below_minimum" (minimum) or
    "requested_above_total" (total), amounts formatted for `lang`.
    """
    if limits.max_eur is not None and requested > limits.max_eur:
        raise FieldError("requested_above_limit", limit=formatting.money(limits.max_eur, lang))
    if limits.min_eur is not None and requested < limits.min_eur:
        raise FieldError("requested_below_minimum", minimum=formatting.money(limits.min_eur, lang))
    if total is not None and requested > total:
        raise FieldError("requested_above_total", total=formatting.money(total, lang))
    return requested


def check_total(
    total: Decimal, requested: Decimal | None, lang: str, limits: Limits | None = None
) -> Decimal:
    """The total budget (EUR): at least the requested grant, and within the programme's limits on eligible
    total expenditure where the catalogue states them so (BIWAQ VI: €300,000–€1,200,000).

    Raises FieldError "total_below_requested" (values: requested), "total_below_minimum" (minimum) or
    "total_above_limit" (limit), amounts formatted for `lang`.
    """
    if requested is not None and total < requested:
        raise FieldError("total_below_requested", requested=formatting.money(requested, lang))
    if limits is not None and limits.min_total_eur is not None and total < limits.min_total_eur:
        raise FieldError("total_below_minimum", minimum=formatting.money(limits.min_total_eur, lang))
    if limits is not None and limits.max_total_eur is not None and total > limits.max_total_eur:
        raise FieldError("total_above_limit", limit=formatting.money(limits.max_total_eur, lang))
    return total


# The number that sums up the others: "…, also insgesamt 24", "so twelve", "24 in total", "= 12".
_TOTAL_BEFORE = re.compile(
    r"(?i)(?:\b(?:also|insgesamt|zusammen|gesamt|macht|sind\s+das|das\s+sind|so|that's|thats|that\s+is|"
    r"in\s+total|total|altogether|overall|all\s+together|makes|i\.\s?e\.)|=)\s*(?:(?:also|insgesamt|so|"
    r"in\s+total|total|dann|then|about|etwa|ca\.)\s*)?[:,]?\s*$"
)
_HEDGE_BEFORE = re.compile(
    r"(?i)[,;(–-]\s*(?:or\s+|oder\s+)?(?:maybe|perhaps|possibly|vielleicht|eventuell|evtl\.|möglicherweise)"
    r"(?:\s+(?:even|auch|sogar|up\s+to|bis\s+zu))?\s*$"
)
_TOTAL_AFTER = re.compile(
    r"(?i)\s*(?:\w+\s+)?(?:insgesamt|zusammen|in\s+total|total|altogether|overall|all\s+together|"
    r"in\s+all|gesamt)\b"
)


def read_participants(value: Any) -> int:
    """How many people take part, 1–MAX_PARTICIPANTS: "20", "etwa 20 Leute", "ungefähr zwanzig Leute",
    "about a dozen", "zwei Dutzend", "1.200"; of several counts the one that sums them up ("sechs pro Runde,
    zwei Runden, also zwölf", "24 in total, in two groups of twelve"), the count said before a hedge ("forty,
    maybe forty-five").

    Only a count: ages ("Menschen 50+", "über 50-Jährige"), dates ("Anfang März 2027"), durations
    ("12 Monate"), amounts ("5.000 €") and shares ("10 %") are none. Raises FieldError
    "invalid_participants" for no count, a range ("20 bis 25") or several different counts, a fraction,
    or a count outside 1–MAX_PARTICIPANTS.
    """
    text = as_text(value)
    money = [(a.start, a.end) for a in find_amounts(text)]
    readable = _cut(text, money) if money else text
    numbers = bare_numbers(readable)
    counts = {n.value for n in numbers}
    if len(counts) > 1:
        # "sechs pro Runde, zwei Runden, also zwölf", "Twenty-four in total, in two groups of twelve";
        # "forty, maybe forty-five": the count said, not the one wondered about
        totals = {n.value for n in numbers if _TOTAL_BEFORE.search(n.before) or _TOTAL_AFTER.match(n.after)}
        said = {n.value for n in numbers if not _HEDGE_BEFORE.search(n.before)}
        counts = totals or said
        numbers = [n for n in numbers if n.value in counts]
    if len(counts) != 1 or any(n.in_range or n.negative for n in numbers):
        raise FieldError("invalid_participants")
    count = counts.pop()
    if count != count.to_integral_value() or not 1 <= count <= MAX_PARTICIPANTS:
        raise FieldError("invalid_participants")
    return int(count)


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def read_district(value: Any) -> str:
    """The official Berlin Bezirk for a Bezirk, Ortsteil or alias in the answer ("in Moabit" → "Mitte").

    Raises FieldError "invalid_district" (values: districts, the 12 official names).
    """
    text = as_text(value)
    district = normalise_district(text)
    if district is None:  # "in Neukölln, Nähe Hermannplatz": try each word and word pair
        words = re.findall(r"[\wäöüÄÖÜß\-]+", text)
        candidates = [" ".join(words[i : i + 2]) for i in range(len(words))] + words
        district = next((d for d in map(normalise_district, candidates) if d), None)
    if district is None:
        raise FieldError("invalid_district", districts=", ".join(official_names()))
    return district


def read_city(value: Any) -> str:
    """The city or municipality where the project takes place, its name normalised where the answer is a
    German place and nothing more (programmes.places, from GeoNames): "essen", "in Essen" and "Stadt Essen"
    → "Essen"; "Cologne" → "Köln"; "gelsenkirchen-ückendorf" → "Gelsenkirchen-Ückendorf"; a Berlin Bezirk
    or Ortsteil → "Berlin". Any other answer (a village GeoNames does not list, "Katernberg, Essen") is
    kept as written.

    Raises FieldError "invalid_text" or "text_too_long" (values: limit) as `read_text`.
    """
    text = read_text(value, "city")
    if normalise_district(text):
        return "Berlin"
    place = place_answer(text)
    if place is None:
        return text
    if place.quarter and not place.district:
        return read_text(f"{place.city.name}-{place.quarter}", "city")
    return place.city.name


_MUNICIPALITY_CUES = re.compile(
    r"\b(?:stadt|gemeinde|kommune|landkreis|kreis|bezirksamt|markt|samtgemeinde|amt|verbandsgemeinde|"
    r"city|town|municipality|council|district office|borough)\b",
    re.IGNORECASE,
)
_YES_NO_WORDS = re.compile(
    r"^\W*(?:ja|nein|yes|no|ok|okay|jo|nö|nee|klar|sure|weiß nicht|keine ahnung)\W*$", re.I
)


def read_municipality(value: Any) -> str:
    """The municipality that applies ("Stadt Essen", "Gelsenkirchen", "Bezirksamt Neukölln"). An answer
    that is a German place with at most its title is normalised: "stadtverwaltung essen" → "Stadt Essen",
    "City of Cologne" → "Stadt Köln", "Landeshauptstadt Duesseldorf" → "Landeshauptstadt Düsseldorf",
    "Essen-Katernberg" → "Essen" (the city applies, not its quarter); other answers are kept as written.

    Raises FieldError "invalid_municipality" for a yes, a no or too little, and
    "district_is_no_municipality" (values: district) for a bare Berlin district name, which applies through
    its Bezirksamt.
    """
    text = " ".join(as_text(value).split())
    if len(text) < 3 or _YES_NO_WORDS.match(text) or not re.search(r"[A-Za-zÄÖÜäöüß]{3}", text):
        raise FieldError("invalid_municipality")
    district = normalise_district(text)
    if district and not _MUNICIPALITY_CUES.search(text):
        raise FieldError("district_is_no_municipality", district=district)
    place = place_answer(text)
    if place is not None and place.city.name != "Berlin":  # Berlin applies through its Bezirksämter
        return f"{place.title} {place.city.name}" if place.title else place.city.name
    return read_text(text, "municipality")


# Words around a name in a chatty answer: "ach so, dann Schalke-Nord, das ist bei uns Gebiet Sozialer
# Zusammenhalt" names Schalke-Nord.
_LEADING_FILLER = re.compile(
    r"^(?:(?:ach\s*so|achso|ah|aha|ach|oh|ok|okay|also|dann|then|so|well|gut|na|ja|yes|right|alright|"
    r"das\s+ist|es\s+ist|it'?s|it\s+is|that'?s)\b[\s,.:;!–-]*)+",
    re.IGNORECASE,
)
_EXPLANATION = re.compile(
    r"^(?:das|dies|es|that|this|it|which|where|wo|welche\w*|bei\s+uns|in\s+dem|ein|eine|a|an)\b",
    re.IGNORECASE,
)


def name_in_answer(text: str) -> str:
    """The name a chatty answer gives, without fillers before it and an explanation after it: "ach so, dann
    Schalke-Nord, das ist bei uns Gebiet Sozialer Zusammenhalt" → "Schalke-Nord"; an answer that is
    nothing but the name stays as it is."""
    parts = [p.strip() for p in text.split(",")]
    while len(parts) > 1 and _EXPLANATION.match(parts[-1]):
        parts.pop()
    name = _LEADING_FILLER.sub("", ", ".join(parts)).strip()
    return name if len(name) >= 3 else text


def read_area(value: Any) -> str:
    """The eligible area's name ("Soziale Stadt Essen-Katernberg"), without the words around it in a chatty
    answer (`name_in_answer`). Raises FieldError "invalid_area"."""
    text = name_in_answer(" ".join(as_text(value).split()))
    if len(text) < 3 or _YES_NO_WORDS.match(text) or not re.search(r"[A-Za-zÄÖÜäöüß]{3}", text):
        raise FieldError("invalid_area")
    return read_text(text, "area")


def legal_form_in(text: str) -> tuple[str, str | None] | None:
    """The legal form a name or answer names and the applicant type it implies, if any.

    "Kiezküche e.V." → ("e.V.", "association"); "Repair Kiez gGmbH" → ("gGmbH", "social_enterprise");
    "Bezirksamt Mitte" → ("KdöR", "district_office").
    """
    for pattern, value in _LEGAL_FORM_PATTERNS:
        if pattern.search(text):
            return value
    for pattern, legal_form, organisation_type in PUBLIC_BODY_NAMES:
        if pattern.search(text):
            return legal_form, organisation_type
    return None


NO_LEGAL_FORM = "ohne Rechtsform"
# Offered as buttons at the legal-form question, the forms applicants of the programmes have most often
# (any other is typed); NO_LEGAL_FORM is offered beside them.
COMMON_LEGAL_FORMS = ("e.V.", "gGmbH", "GmbH", "UG (haftungsbeschränkt)", "GbR")
_NO_LEGAL_FORM = re.compile(
    r"\b(?:keine\w*\s+(?:eigene\s+)?rechtsform|ohne\s+rechtsform|nicht\s+eingetragen\w*|kein\w*\s+(?:e\.?\s?v\.?|"
    r"eingetragene\w*\s+verein)|no\s+legal\s+form|without\s+(?:a\s+)?legal\s+form|not\s+registered|unregistered|"
    r"(?:we\s+)?don'?t\s+have\s+one|haben\s+wir\s+(?:noch\s+)?nicht|gibt\s+es\s+(?:noch\s+)?nicht)\b"
    r"|^\W*(?:keine|none|nein|no|gar\s+keine)\W*$",
    re.IGNORECASE,
)
_REGISTERED_ASSOCIATION = re.compile(
    r"\b(?:eingetragen\w*\b.*\bverein|verein\w*\b.*\beingetragen|registered\b.*\bassociation|"
    r"association\b.*\bregistered)\b",
    re.IGNORECASE,
)


def read_legal_form(value: Any) -> str:
    """A known legal form in its usual spelling ("e.V.", "gGmbH"), NO_LEGAL_FORM for a group that has none
    ("wir sind nicht eingetragen", "we don't have one"), else the answer as written (up to 100 characters)."""
    text = as_text(value)
    if _NO_LEGAL_FORM.search(text):
        return NO_LEGAL_FORM
    known = legal_form_in(text)
    if known:
        return known[0]
    if _REGISTERED_ASSOCIATION.search(text):
        return "e.V."
    return read_text(text, "legal_form")


# Legal forms that several kinds of applicant use: a gGmbH may be a social enterprise or a training
# provider, a GmbH or UG a small business or a start-up. They suggest a type but never settle it.
SHARED_LEGAL_FORMS = frozenset(
    {"gGmbH", "gUG (haftungsbeschränkt)", "gAG", "GmbH", "UG (haftungsbeschränkt)"}
)


def legal_form_type(legal_form: str) -> str | None:
    """The applicant type a stored legal form settles ("e.V." → association, NO_LEGAL_FORM → initiative);
    None for a form several kinds of applicant use (SHARED_LEGAL_FORMS: then ask, see likely_type)."""
    if legal_form == NO_LEGAL_FORM:
        return "initiative"
    if legal_form in SHARED_LEGAL_FORMS:
        return None
    known = legal_form_in(legal_form)
    return known[1] if known else None


def likely_type(legal_form: str | None) -> str | None:
    """The applicant type a legal form suggests, also for shared forms ("gGmbH" → social_enterprise)."""
    if not legal_form:
        return None
    if legal_form == NO_LEGAL_FORM:
        return "initiative"
    known = legal_form_in(legal_form)
    return known[1] if known else None


def read_organisation_type(value: Any) -> str:
    """An applicant type of programmes.vocabulary from a code, a label or a word for it.

    Raises FieldError "invalid_organisation_type".
    """
    text = as_text(value).casefold()
    if text in APPLICANT_TYPES:
        return text
    for kind in APPLICANT_TYPES:
        labels = LABELS.get(kind, {})
        if any(label.casefold() in text for label in labels.values()):
            return kind
    for kind, words in TYPE_WORDS.items():
        if any(word in text for word in words):
            return kind
    raise FieldError("invalid_organisation_type")


def target_groups_in(text: str) -> list[str]:
    """The target groups (programmes.vocabulary) a text names, in vocabulary order."""
    lowered = f" {text.casefold()} "
    found = [group for group, words in GROUP_WORDS.items() if any(word in lowered for word in words)]
    if (
        "long_term_unemployed" in found
        and "unemployed" in found
        and lowered.count("arbeitslos") + lowered.count("unemployed") < 2
    ):
        found.remove("unemployed")  # "langzeitarbeitslos" also contains "arbeitslos"
    if "residents" in found and len(found) > 1:
        found.remove("residents")  # "arbeitslose Nachbarn" are unemployed people of the neighbourhood
    return found


# Businesses a project serves (WdM: "die kleinen Einzelhändler an der Straße", "mainly the small businesses in
# the area"). Read only in an answer to the target-group question: in a description the same words say who
# applies ("Wir sind ein kleines Unternehmen").
BUSINESS_WORDS = re.compile(
    r"\b(?:gewerbetreibend\w*|einzelhändler\w*|händler\w*|geschäftsleute|geschäftsinhaber\w*|betriebe[n]?|"
    r"unternehmen|firmen|kmu|small\s+businesses|local\s+businesses|businesses|retailers|traders|shop\s+owners|"
    r"shopkeepers|companies|smes)\b",
    re.IGNORECASE,
)


def read_target_groups(value: Any) -> list[str]:
    """Target groups from codes or words; businesses the project serves count only here (BUSINESS_WORDS).
    Raises FieldError "invalid_target_groups"."""
    if isinstance(value, list) and value and all(v in TARGET_GROUPS for v in value):
        return list(dict.fromkeys(value))
    groups = target_groups_in(as_text(value))
    if BUSINESS_WORDS.search(as_text(value)):
        groups.append("local_businesses")
    if not groups:
        raise FieldError("invalid_target_groups")
    return groups


def variant_names(programme_id: str | None) -> dict[str, list[str]]:
    """A programme's project types with their German and English names ({"A": ["Mikroprojekte", …]})."""
    found = rules.programme(programme_id)
    ids = rules.variant_ids(programme_id)
    if found is None:
        return {}
    return {v.id: [v.name.de, v.name.en] for v in found.variants if v.id in ids}


def read_variant(value: Any, variants: Mapping[str, Iterable[str]]) -> str:
    """A project type by its letter ("B", "Typ B") or its name ("Mikroprojekt").

    Raises FieldError "invalid_variant" (values: variants, the letters).
    """
    text = as_text(value)
    found = re.search(r"(?:\b(?:typ|type)\s*)?\b([A-Za-z])\b", text, re.IGNORECASE)
    if found and found[1].upper() in variants:
        return found[1].upper()
    lowered = text.casefold()
    for variant, names in variants.items():
        if any(name.casefold().rstrip("e") in lowered for name in names if name):
            return variant
    # The first part of a type's name stands for it: "Mikro", "the development one", "Modell"
    stems = {
        variant: {_VARIANT_SUFFIX.sub("", name.casefold()) for name in names if name}
        for variant, names in variants.items()
    }
    for variant, words in stems.items():
        if any(len(w) >= 4 and re.search(rf"\b{re.escape(w)}", lowered) for w in words):
            return variant
    # "the small one", "die kleinste Art", "the big one": the catalogue lists the types from small to large
    order = list(variants)
    if order and _SMALLEST.search(lowered):
        return order[0]
    if order and _LARGEST.search(lowered):
        return order[-1]
    raise FieldError("invalid_variant", variants=", ".join(variants))


_SMALLEST = re.compile(r"\b(?:small|smallest|smaller|little|klein\w*|kleen\w*)\b")
_LARGEST = re.compile(r"\b(?:big|biggest|large|largest|groß\w*|gross\w*|größt\w*)\b")


# "Mikroprojekte", "micro-projects", "model projects": the part after the type's own word
# ("Entwicklungsprojekte": also the linking s)
_VARIANT_SUFFIX = re.compile(r"(?<=\w{5})s?[\s-]*(?:projekte?|projects?)\s*$")


# Applicant types a legal form rules out: a registered association is no company and no public body; a
# company (also a non-profit one) is no association and no informal initiative; a body under public law is
# neither an association nor a business. Forms that several kinds of applicant use (GbR, eG, Stiftung, …)
# rule nothing out.
_COMPANY_EXCLUDES = frozenset({"association", "initiative", "municipality", "district_office"})
_PUBLIC_LAW_EXCLUDES = frozenset(
    {"association", "initiative", "small_business", "startup", "social_enterprise"}
)
LEGAL_FORM_EXCLUDES: dict[str, frozenset[str]] = {
    "e.V.": frozenset({"small_business", "startup", "municipality", "district_office"}),
    "GmbH": _COMPANY_EXCLUDES,
    "UG (haftungsbeschränkt)": _COMPANY_EXCLUDES,
    "gGmbH": _COMPANY_EXCLUDES,
    "gUG (haftungsbeschränkt)": _COMPANY_EXCLUDES,
    "gAG": _COMPANY_EXCLUDES,
    "Einzelunternehmen": _COMPANY_EXCLUDES,
    "KdöR": _PUBLIC_LAW_EXCLUDES,
    "AöR": _PUBLIC_LAW_EXCLUDES,
}


def check_legal_form(legal_form: str, organisation_type: str) -> None:
    """The legal form and the applicant type must not contradict each other ("e.V." and "startup" do).

    Raises FieldError "legal_form_contradicts_type" (values: legal_form, in its usual spelling, and
    organisation_type, the code).
    """
    known = legal_form_in(legal_form)
    spelling = known[0] if known else legal_form.strip()
    if organisation_type in LEGAL_FORM_EXCLUDES.get(spelling, frozenset()):
        raise FieldError(
            "legal_form_contradicts_type", legal_form=spelling, organisation_type=organisation_type
        )
