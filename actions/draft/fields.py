"""Reads and checks one draft answer as people type it, in German or English.

Every reader returns the normalised value or raises FieldError with the key of the re-ask text in
actions/draft/messages.yml and the values it needs (already formatted for the language).
The form service checks the same fields again (webform/draft_input.py); these checks exist so the
bot can re-ask at once, in the conversation's words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import get_month_names
from babel.numbers import NumberFormatError, parse_decimal

from actions.draft import formats
from actions.draft.programme_rules import Limits
from programmes.districts import normalise_district, official_names
from programmes.messages import LABELS
from programmes.vocabulary import APPLICANT_TYPES, TARGET_GROUPS

TEXT_LIMITS = {
    "organisation_name": 200,
    "legal_form": 100,
    "contact_name": 100,
    "city": 100,
    "municipality": 100,
    "area": 200,
    "project_title": 200,
    "project_summary": 5000,
}
MIN_SUMMARY_WORDS = 6
MAX_PARTICIPANTS = 100000
MAX_MONTHS = 120
MAX_AMOUNT = Decimal("100000000")

EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
EMAIL_LIKE = re.compile(r"\S+@\S*")
PHONE = re.compile(r"\+?\d[\d ()/\-]{4,38}\d")
MIN_PHONE_DIGITS = 6
# "15.000" or "15,000": a group of three digits after the separator is a thousands separator in
# both languages (nobody asks for fifteen euros with three decimals), so it is read as 15000.
GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
# "20 000" (thousands grouped by spaces, as many people and Babel's fr/ch locales write) or "20.000,50".
AMOUNT_TOKEN = re.compile(r"-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?(?!\d)|-?\d[\d.,']*")
THOUSANDS = re.compile(r"^(k|tsd\.?|tausend|thousand)$", re.IGNORECASE)
MILLIONS = re.compile(r"^(mio\.?|millionen?|million|m)$", re.IGNORECASE)
CURRENCY = re.compile(r"€|\beur(?:o|os)?\b", re.IGNORECASE)

# Legal forms people write, the form stored in the draft, and the applicant type they imply.
LEGAL_FORMS: tuple[tuple[re.Pattern[str], str, str | None], ...] = (
    (
        re.compile(r"\be\.\s?V\.?(?=\s|$|,)|\beingetragener verein\b|\bregistered association\b", re.I),
        "e.V.",
        "association",
    ),
    (re.compile(r"\bgGmbH\b|\bgemeinnützige GmbH\b", re.I), "gGmbH", "social_enterprise"),
    (re.compile(r"\bgUG\b", re.I), "gUG (haftungsbeschränkt)", "social_enterprise"),
    (re.compile(r"\bUG\b|\bUnternehmergesellschaft\b", re.I), "UG (haftungsbeschränkt)", "small_business"),
    (re.compile(r"\bGmbH\b", re.I), "GmbH", "small_business"),
    (re.compile(r"\beG\b|\bGenossenschaft\b|\bcooperative\b", re.I), "eG", None),
    (re.compile(r"\bGbR\b", re.I), "GbR", None),
    (re.compile(r"\bStiftung\b|\bfoundation\b", re.I), "Stiftung", None),
    (
        re.compile(
            r"\bEinzelunternehmen\b|\bEinzelunternehmer(?:in)?\b|\bsole trader\b|\bsole proprietor", re.I
        ),
        "Einzelunternehmen",
        "small_business",
    ),
    (
        re.compile(r"\bBezirksamt\b|\bdistrict office\b", re.I),
        "Körperschaft des öffentlichen Rechts",
        "district_office",
    ),
    (
        re.compile(r"\bKommune\b|\bStadt\b|\bGemeinde\b|\bmunicipality\b|\bcity council\b", re.I),
        "Körperschaft des öffentlichen Rechts",
        "municipality",
    ),
)

# Words that name an applicant type or a target group, besides the vocabulary labels.
TYPE_WORDS = {
    "association": ("verein", "association", "e.v."),
    "small_business": ("unternehmen", "firma", "betrieb", "laden", "business", "company", "shop", "gmbh"),
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
    "youth": ("jugend", "junge menschen", "young people", "youth", "teen", "schüler", "azubi"),
    "migrants": ("migra", "geflüchtet", "flüchtling", "refugee", "zugewandert"),
    "women": ("frauen", "women", "mütter", "mothers"),
    "single_parents": ("alleinerziehend", "single parent"),
    "older_workers": ("ältere", "senior", "older", "über 55", "ab 55", "55+"),
    "people_with_disabilities": ("behinder", "disabilit", "disabled", "inklusi"),
    "residents": ("bewohner", "anwohner", "nachbarn ", "nachbarinnen", "resident", "neighbours", "neighbors"),
}
YES_WORDS = (
    "ja",
    "yes",
    "passt",
    "stimmt",
    "korrekt",
    "richtig",
    "correct",
    "ok",
    "okay",
    "einverstanden",
    "agree",
)
NO_WORDS = ("nein", "no", "nicht", "not", "falsch", "wrong")
NUMBER_WORDS = {
    "ein": 1,
    "einen": 1,
    "eine": 1,
    "einem": 1,
    "one": 1,
    "a": 1,
    "an": 1,
    "zwei": 2,
    "two": 2,
    "drei": 3,
    "three": 3,
    "vier": 4,
    "four": 4,
    "fünf": 5,
    "five": 5,
    "sechs": 6,
    "six": 6,
    "zwölf": 12,
    "twelve": 12,
    "achtzehn": 18,
    "eighteen": 18,
}


class FieldError(ValueError):
    """An answer that cannot be used; `key` names the re-ask text, `values` fill it."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return "" if value is None else str(value).strip()


def read_text(value: Any, field: str) -> str:
    text = " ".join(_text(value).split())
    if len(text) < 2:
        raise FieldError("invalid_text")
    limit = TEXT_LIMITS[field]
    if len(text) > limit:
        raise FieldError("text_too_long", limit=limit)
    return text


def read_summary(value: Any) -> str:
    """At least one sentence: enough words that a reviewer learns what the project does."""
    text = _text(value)
    if len(re.findall(r"\w+", text)) < MIN_SUMMARY_WORDS:
        raise FieldError("summary_too_short", words=MIN_SUMMARY_WORDS)
    if len(text) > TEXT_LIMITS["project_summary"]:
        raise FieldError("text_too_long", limit=TEXT_LIMITS["project_summary"])
    return text


def read_email(value: Any) -> str:
    text = _text(value)
    found = EMAIL.search(text)
    # An address must be the whole token: "anna@example" or "anna@@x.de" is not one.
    token = next((t.strip(".,;:()<>") for t in EMAIL_LIKE.findall(text)), None)
    if not found or token != found.group(0) or len(found.group(0)) > 254:
        raise FieldError("invalid_email")
    return found.group(0)


def read_phone(value: Any) -> str:
    found = PHONE.search(_text(value))
    if not found or sum(c.isdigit() for c in found.group(0)) < MIN_PHONE_DIGITS:
        raise FieldError("invalid_phone")
    return found.group(0).strip()


def _scale(text: str, end: int) -> int:
    following = text[end:].strip().split()
    word = following[0] if following else ""
    if THOUSANDS.match(word):
        return 1000
    if MILLIONS.match(word):
        return 1_000_000
    return 1


def _parse_number(token: str, lang: str) -> Decimal:
    token = re.sub(r"[ \u00a0\u202f']", "", token.rstrip(".,"))
    if GROUPED.fullmatch(token):
        return Decimal(re.sub(r"[.,]", "", token))
    for locale in (formats.locale(lang), formats.locale("en" if lang == "de" else "de")):
        try:
            return parse_decimal(token, locale=locale, strict=True)
        except NumberFormatError:
            continue
    raise FieldError("invalid_amount", example=formats.money(15000, lang))


def read_amount(value: Any, lang: str) -> Decimal:
    """An amount in euros: "15.000 €", "15,000", "15000", "15.000,50", "15k", "1,2 Mio."."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = CURRENCY.sub(" ", _text(value)).strip()
        token = AMOUNT_TOKEN.search(text)
        if token is None:
            raise FieldError("invalid_amount", example=formats.money(15000, lang))
        amount = _parse_number(token.group(0), lang) * _scale(text, token.end())
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT:
        raise FieldError("invalid_amount", example=formats.money(15000, lang))
    return amount.quantize(Decimal("0.01")).normalize() if amount % 1 else amount.quantize(Decimal("1"))


def amount_from_slot(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _month_numbers() -> dict[str, int]:
    months: dict[str, int] = {}
    for locale in ("de_DE", "en_GB"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                months[name.casefold().rstrip(".")] = number
    months["maerz"] = 3
    months["sept"] = 9
    return months


MONTHS = _month_numbers()
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
DOTTED_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{2,4})\b")
MONTH_YEAR = re.compile(r"\b(\d{1,2})[./](\d{4})\b")
NAMED_DATE = re.compile(r"(?:\b(\d{1,2})\.?\s+)?([A-Za-zÄÖÜäöü]{3,})\.?\s+(\d{1,2},\s+)?(\d{4})\b")


def read_date(value: Any, lang: str) -> dt.date:
    """A date: 2027-03-01, 1.3.2027, 01/03/2027, 1. März 2027, March 2027, 3/2027 (the 1st)."""
    text = _text(value)
    example = formats.day(formats.example_start(), lang)
    try:
        if found := ISO_DATE.search(text):
            return dt.date(int(found[1]), int(found[2]), int(found[3]))
        if found := DOTTED_DATE.search(text):
            year = int(found[3]) + (2000 if len(found[3]) == 2 else 0)
            return dt.date(year, int(found[2]), int(found[1]))
        if found := MONTH_YEAR.search(text):
            return dt.date(int(found[2]), int(found[1]), 1)
        for found in NAMED_DATE.finditer(text):
            month = MONTHS.get(found[2].casefold())
            if month:
                day_of_month = int(found[1] or (found[3] or "1").strip(", "))
                return dt.date(int(found[4]), month, day_of_month)
    except ValueError as error:
        raise FieldError("invalid_date", example=example) from error
    raise FieldError("invalid_date", example=example)


def check_start(start: dt.date, today: dt.date, lang: str) -> dt.date:
    if start <= today:
        example = formats.day(formats.example_start(), lang)
        raise FieldError("start_date_not_future", today=formats.day(today, lang), example=example)
    return start


def read_months(value: Any) -> int:
    """Months: "24", "24 Monate", "2 Jahre", "two years", "ein Jahr"."""
    text = _text(value).casefold()
    found = re.search(r"(\d+(?:[.,]5)?)\s*([a-zäöü]*)", text)
    if found:
        number, unit = Decimal(found[1].replace(",", ".")), found[2]
    else:
        words = re.findall(r"[a-zäöü]+", text)
        index = next((i for i, w in enumerate(words) if w in NUMBER_WORDS), None)
        if index is None:
            raise FieldError("invalid_duration")
        number = Decimal(NUMBER_WORDS[words[index]])
        unit = words[index + 1] if index + 1 < len(words) else ""
    months = number * 12 if unit.startswith(("jahr", "year")) else number
    if months != months.to_integral_value() or not 1 <= months <= MAX_MONTHS:
        raise FieldError("invalid_duration")
    return int(months)


def check_duration(months: int, limits: Limits, lang: str) -> int:
    if limits.max_months is not None and months > limits.max_months:
        raise FieldError("duration_above_limit", max_months=limits.max_months)
    if limits.min_months is not None and months < limits.min_months:
        raise FieldError("duration_below_limit", min_months=limits.min_months)
    return months


def check_requested(requested: Decimal, limits: Limits, total: Decimal | None, lang: str) -> Decimal:
    if limits.max_eur is not None and requested > limits.max_eur:
        raise FieldError("requested_above_limit", limit=formats.money(limits.max_eur, lang))
    if limits.min_eur is not None and requested < limits.min_eur:
        raise FieldError("requested_below_minimum", minimum=formats.money(limits.min_eur, lang))
    if total is not None and requested > total:
        raise FieldError("requested_above_total", total=formats.money(total, lang))
    return requested


def check_total(total: Decimal, requested: Decimal | None, lang: str) -> Decimal:
    if requested is not None and total < requested:
        raise FieldError("total_below_requested", requested=formats.money(requested, lang))
    return total


def read_participants(value: Any) -> int:
    found = re.search(r"\d[\d.,]*", _text(value))
    digits = re.sub(r"[.,]", "", found.group(0)) if found else ""
    if not digits or not 1 <= int(digits) <= MAX_PARTICIPANTS:
        raise FieldError("invalid_participants")
    return int(digits)


def read_district(value: Any) -> str:
    text = _text(value)
    district = normalise_district(text)
    if district is None:  # "in Neukölln, Nähe Hermannplatz": try each word and word pair
        words = re.findall(r"[\wäöüÄÖÜß\-]+", text)
        candidates = [" ".join(words[i : i + 2]) for i in range(len(words))] + words
        district = next((d for d in map(normalise_district, candidates) if d), None)
    if district is None:
        raise FieldError("invalid_district", districts=", ".join(official_names()))
    return district


def legal_form_in(text: str) -> tuple[str, str | None] | None:
    """The legal form a name or answer names ("Kiezküche e.V." → e.V., association), if any."""
    for pattern, legal_form, organisation_type in LEGAL_FORMS:
        if pattern.search(text):
            return legal_form, organisation_type
    return None


def read_legal_form(value: Any) -> str:
    text = _text(value)
    known = legal_form_in(text)
    if known:
        return known[0]
    return read_text(text, "legal_form")


def read_organisation_type(value: Any) -> str:
    text = _text(value).casefold()
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
    lowered = text.casefold()
    found = [group for group, words in GROUP_WORDS.items() if any(word in lowered for word in words)]
    if (
        "long_term_unemployed" in found
        and "unemployed" in found
        and lowered.count("arbeitslos") + lowered.count("unemployed") < 2
    ):
        found.remove("unemployed")  # "langzeitarbeitslos" also contains "arbeitslos"
    return found


def read_target_groups(value: Any) -> list[str]:
    if isinstance(value, list) and value and all(v in TARGET_GROUPS for v in value):
        return list(dict.fromkeys(value))
    groups = target_groups_in(_text(value))
    if not groups:
        raise FieldError("invalid_target_groups")
    return groups


def read_yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    words = set(re.findall(r"[\wäöü]+", _text(value).casefold()))
    if words & set(NO_WORDS):
        return False
    if words & set(YES_WORDS):
        return True
    raise FieldError("answer_yes_or_no")


def read_variant(value: Any, variants: Mapping[str, Iterable[str]]) -> str:
    """A project type by its letter ("B", "Typ B") or its name ("Mikroprojekt")."""
    text = _text(value)
    found = re.search(r"(?:\b(?:typ|type)\s*)?\b([A-Za-z])\b", text, re.IGNORECASE)
    if found and found[1].upper() in variants:
        return found[1].upper()
    lowered = text.casefold()
    for variant, names in variants.items():
        if any(name.casefold().rstrip("e") in lowered for name in names if name):
            return variant
    raise FieldError("invalid_variant", variants=", ".join(variants))
