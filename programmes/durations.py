"""Durations as people write them in German and English → whole months.

"2 Jahre" → 24, "18 months" → 18, "ein halbes Jahr" → 6, "anderthalb Jahre" → 18, "vierundzwanzig Monate"
→ 24, "ein Jahr und sechs Monate" → 18, "ein ganzes Jahr" → 12, "sechs Quartale" → 18, "vier Semester" → 24,
"zwee Jahre" → 24.
Number words are read by programmes.numbers (text2num) first. A week is a quarter of a month, so only
whole months count ("8 Wochen" → 2). Ages are no duration ("30 Jahre alt", "50 years and older"), and
neither is anything above MAX_MONTHS ("Menschen über 50 Jahre").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from programmes.numbers import parse_number, with_digits

MAX_MONTHS = 120
# Number words text2num leaves to us: a lone "ein" or "one" is no number by itself, but is one before a unit.
WORD_NUMBERS: dict[str, Decimal] = {
    word: Decimal(1)
    for word in ["ein", "eine", "einen", "einem", "einer", "eins", "een", "eene", "eenen", "one", "a", "an"]
}
WORD_NUMBERS |= {"couple": Decimal(2)}
_NUMBER_WORD = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_UNIT_MONTHS: dict[str, Decimal] = {
    "monat": Decimal(1),
    "month": Decimal(1),
    "mth": Decimal(1),
    "mon": Decimal(1),
    "jahr": Decimal(12),
    "year": Decimal(12),
    "yr": Decimal(12),
    "woche": Decimal("0.25"),
    "week": Decimal("0.25"),
    "quartal": Decimal(3),
    "quarter": Decimal(3),
    "semester": Decimal(6),
}
_UNIT = (
    r"(?P<unit>(?:monat(?:e|en|s)?|months?|mths?|jahr(?:e|en|es)?|years?|yrs?|woche(?:n)?|weeks?"
    r"|quartale?|quarters?|semester)\b|mon\.)"
)
# "ein ganzes Jahr", "zwei volle Jahre", "a whole year", "three full months": the same months
_WHOLE = r"(?:(?:ganze[nms]?|volle[nms]?|komplette[nms]?|whole|full|entire|complete)\s+)?"
DURATION = re.compile(
    r"(?<![\w.,])(?:"
    r"(?P<half>(?:ein(?:em)?\s+)?halbe[ns]?\s+jahr(?:e?s)?|half\s+a\s+year|a\s+half\s+year)"
    rf"|(?P<number>\d+(?:[.,]\d+)?|{_NUMBER_WORD})(?P<and_half>\s+(?:and\s+a\s+half|einhalb))?[\s-]*"
    rf"{_WHOLE}{_UNIT}"
    r"(?P<and_half2>\s+and\s+a\s+half|\s+und\s+ein\s+halb)?"
    r")(?!\s+(?:alt|old|und\s+älter|and\s+older|and\s+over))",  # "50 Jahre alt" is an age
    re.IGNORECASE,
)
# "ein Jahr und sechs Monate", "2 years, 3 months": one duration
_JOINED = re.compile(r"\s*(?:,|und|and|plus)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    """A duration in a text: its offsets and words as written, and whole months as a string ("24")."""

    start: int
    end: int
    text: str
    value: str


def _months(match: re.Match[str]) -> tuple[Decimal, str] | None:
    if match.group("half"):
        return Decimal(6), "month"
    raw = match.group("number").lower()
    number = WORD_NUMBERS.get(raw) if raw in WORD_NUMBERS else parse_number(raw)
    if number is None:
        return None
    if match.group("and_half") or match.group("and_half2"):
        number += Decimal("0.5")
    unit = match.group("unit").lower().rstrip(".")
    stem = next(stem for stem in _UNIT_MONTHS if unit.startswith(stem))
    return number * _UNIT_MONTHS[stem], stem


@lru_cache(maxsize=1024)
def _find(text: str, lang: str | None) -> tuple[Duration, ...]:
    readable = with_digits(text, lang)
    parts: list[tuple[int, int, Decimal, str]] = []
    for match in DURATION.finditer(readable.text):
        read = _months(match)
        if read is None:
            continue
        months, unit = read
        previous = parts[-1] if parts else None
        if (
            previous
            and previous[3] in ("jahr", "year", "yr")
            and unit in ("monat", "month", "mth", "mon", "woche", "week")
            and _JOINED.fullmatch(readable.text[previous[1] : match.start()])
        ):
            parts[-1] = (previous[0], match.end(), previous[2] + months, unit)  # "1 Jahr und 6 Monate"
            continue
        parts.append((match.start(), match.end(), months, unit))
    found: list[Duration] = []
    for start, end, months, _unit in parts:
        if not 0 < months <= MAX_MONTHS or months != months.to_integral_value():
            continue
        old_start, old_end, words = readable.span(start, end)
        found.append(Duration(old_start, old_end, words, str(int(months))))
    return tuple(found)


def find_durations(text: str, lang: str | None = None) -> list[Duration]:
    """Every duration in `text`, in order, in whole months (1–MAX_MONTHS) as a string: "2 Jahre" → "24".

    Offsets point into `text`. `lang` ("de"/"en", None: both) is the language of number words. Never raises.
    """
    return list(_find(text, lang))
