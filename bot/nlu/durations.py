"""Durations → whole months as a string: "2 Jahre" → "24", "18 months" → "18", "ein halbes Jahr" → "6"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from programmes.amounts import parse_number

WORD_NUMBERS: dict[str, Decimal] = {
    word: Decimal(value)
    for value, words in {
        1: "ein eine einen einem einer eins one a an",
        2: "zwei two couple",
        3: "drei three",
        4: "vier four",
        5: "fünf fuenf five",
        6: "sechs six",
        7: "sieben seven",
        8: "acht eight",
        9: "neun nine",
        10: "zehn ten",
        11: "elf eleven",
        12: "zwölf zwoelf twelve",
        15: "fünfzehn fifteen",
        18: "achtzehn eighteen",
        24: "vierundzwanzig twenty-four",
        36: "sechsunddreißig thirty-six",
    }.items()
    for word in words.split()
}
WORD_NUMBERS |= {"anderthalb": Decimal("1.5"), "eineinhalb": Decimal("1.5"), "zweieinhalb": Decimal("2.5")}

_NUMBER_WORD = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_UNIT_MONTHS = {
    "monat": 1,
    "month": 1,
    "mon": 1,
    "jahr": 12,
    "year": 12,
    "yr": 12,
    "woche": Decimal("0.25"),
    "week": Decimal("0.25"),
    "quartal": 3,
    "quarter": 3,
    "semester": 6,
}
_UNIT = (
    r"(?P<unit>(?:monat(?:e|en|s)?|months?|jahr(?:e|en|es)?|years?|yrs?|woche(?:n)?|weeks?"
    r"|quartale?|quarters?|semester)\b|mon\.)"
)
DURATION = re.compile(
    r"(?<![\w.,])(?:"
    r"(?P<half>(?:ein(?:em)?\s+)?halbe[ns]?\s+jahr(?:e?s)?|half\s+a\s+year|a\s+half\s+year|six\s+months?)"
    rf"|(?P<number>\d+(?:[.,]\d+)?|{_NUMBER_WORD})(?P<and_half>\s+(?:and\s+a\s+half|einhalb))?[\s-]*{_UNIT}"
    r"(?P<and_half2>\s+and\s+a\s+half|\s+und\s+ein\s+halb)?"
    r")(?!\s+(?:alt|old|und\s+älter|and\s+older))",  # "50 Jahre alt" is an age
    re.IGNORECASE,
)
MAX_MONTHS = 120


@dataclass(frozen=True)
class Duration:
    start: int
    end: int
    text: str
    value: str


def _months(match: re.Match[str]) -> Decimal | None:
    if match.group("half"):
        return Decimal(6)
    raw = match.group("number").lower()
    number = WORD_NUMBERS.get(raw) if raw in WORD_NUMBERS else parse_number(raw)
    if number is None:
        return None
    if match.group("and_half") or match.group("and_half2"):
        number += Decimal("0.5")
    unit = match.group("unit").lower().rstrip(".")
    per_unit = next(months for stem, months in _UNIT_MONTHS.items() if unit.startswith(stem))
    return number * Decimal(per_unit)


def find_durations(text: str) -> list[Duration]:
    found: list[Duration] = []
    for match in DURATION.finditer(text):
        months = _months(match)
        if months is None or not 0 < months <= MAX_MONTHS or months != months.to_integral_value():
            continue
        found.append(Duration(match.start(), match.end(), match.group(), str(int(months))))
    return found
