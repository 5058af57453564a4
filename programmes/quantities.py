"""The bare numbers of an answer that can be the figure asked for, not a date, a duration or an age.

At the amount question "12 Monate" gives no amount, at the participants question "Anfang März 2027" gives no
count and "Menschen 50+" no count either: the readers (`read_amount`, `read_participants`, `read_months`)
take only the numbers `bare_numbers` leaves them. Number words are read first (programmes.numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from programmes.dates import find_dates
from programmes.durations import find_durations
from programmes.numbers import parse_number, with_digits

DIGITS = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_PEOPLE = (
    r"(?:leute|menschen|personen|teilnehm\w*|jugendlich\w*|kinder\w*|frauen|männer|people|persons|"
    r"participants|women|men|kids|children)\b"
)
# Ages and age groups: "50+", "Ü50", "U25", "über 50" (not "über 50 Leute"), "18-Jährige", "aged 50", "50s".
AGE = re.compile(
    rf"(?<![\w.,])\d+\s*\+|\b[üuÜU]\s?\d+\b|\b(?:über|ueber|ab|unter|bis|over|under|aged?|ages|above|below)\s+"
    rf"\d+(?![\d.,])(?:\s*(?:-|–|bis|to)\s*\d+(?![\d.,]))?(?!\s*{_PEOPLE})"
    r"|\d+\s*(?:-|–)?\s*(?:jährig\w*|jaehrig\w*|years?\s+old|year-olds?|jahre\s+alt)|\b\d+s\b",
    re.IGNORECASE,
)
# Shares are no amount and no count: "10 %", "50 Prozent".
SHARE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|prozent\b|percent\b|per\s+cent\b)", re.IGNORECASE)
# "20 bis 25", "20-25 Personen", "20 or 30": two numbers where one is asked.
RANGE = re.compile(
    rf"(?<![\w.,])(?:{DIGITS})\s*(?:-|–|—|bis|to|oder|or|/)\s*(?:{DIGITS})(?![\d.,])(?!\s*(?:jährig|jaehrig))"
    rf"|\b(?:zwischen|between)\s+(?:{DIGITS})\D{{0,12}}?\s(?:und|and)\s+(?:{DIGITS})",
    re.IGNORECASE,
)


def is_range(text: str, lang: str | None = None) -> bool:
    """Whether the answer gives a range where one figure is asked: "20 bis 25", "15-20k", "zwischen
    10.000 und 15.000 €", "zwanzig oder dreißig"."""
    return bool(RANGE.search(with_digits(text, lang, ordinals=False).text))
_NUMBER = re.compile(rf"(?P<sign>-)?(?<![\w.,])(?P<num>{DIGITS})(?![\d])")


@dataclass(frozen=True)
class BareNumber:
    """A number of the answer (with its number words in digits) that is neither a date, a duration, an age
    nor a share; `after` and `before` are the texts that follow and precede it (for the caller's own
    checks), `start` and `end` its place in the text as written."""

    value: Decimal
    negative: bool
    after: str
    in_range: bool
    before: str = ""
    start: int = 0
    end: int = 0


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and end > a for a, b in spans)


def bare_numbers(text: str, lang: str | None = None, durations: bool = True) -> list[BareNumber]:
    """The numbers of `text` that can be the figure asked, in order.

    Left out: numbers inside a date written with words or separators ("Anfang März 2027", "1.3.2027"; a
    bare "2027" stays), inside a duration ("12 Monate"; with durations=False they stay, for the duration
    reader itself), ages ("50+", "über 50", "18-Jährige") and shares ("10 %"). Never raises.
    """
    rewritten = with_digits(text, lang, ordinals=False)
    readable = rewritten.text
    blocked = [(m.start(), m.end()) for pattern in (AGE, SHARE) for m in pattern.finditer(readable)]
    blocked += [(d.start, d.end) for d in find_dates(readable, lang=lang) if not d.text.strip().isdigit()]
    if durations:
        blocked += [(d.start, d.end) for d in find_durations(readable, lang)]
    ranges = [(m.start(), m.end()) for m in RANGE.finditer(readable)]
    found: list[BareNumber] = []
    for match in _NUMBER.finditer(readable):
        if _overlaps(match.start("num"), match.end("num"), blocked):
            continue
        value = parse_number(match.group("num"))
        if value is None:
            continue
        found.append(
            BareNumber(
                value,
                bool(match.group("sign")),
                readable[match.end() :],
                _overlaps(match.start("num"), match.end("num"), ranges),
                readable[: match.start()],
                *rewritten.span(match.start("num"), match.end("num"))[:2],
            )
        )
    return found
