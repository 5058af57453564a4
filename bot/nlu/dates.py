"""Dates in German and English → ISO dates, relative expressions counted from `today`.

"1. März 2027", "March 2027", "ab März 2027" → "2027-03-01"; "01.03.2027", "2027-03-01";
"ab nächstem Monat" / "next month" → the first of next month; "Mitte 2027" → "2027-07-01".
A month without a year means its next occurrence (this month counts).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "januar jänner january jan",
        "februar february feb",
        "märz maerz marz march mär mar",
        "april apr",
        "mai may",
        "juni june jun",
        "juli july jul",
        "august aug",
        "september sept sep",
        "oktober october okt oct",
        "november nov",
        "dezember december dez dec",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>20\d\d|'\d\d)"
_PART = r"(?P<part>anfang|beginn|mitte|ende|early|mid|late|end\s+of|beginning\s+of|start\s+of)"
_ORDINAL = r"(?P<day>[0-3]?\d)(?:\.|st|nd|rd|th)?"
_CUE = r"(?:ab|vom|von|zum|im|in|from|starting|start|beginning|on|am|bis|until|by)"

_PATTERNS = [
    ("iso", r"(?P<year>20\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)"),
    ("numeric", r"(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.\s?(?P<year>20\d\d|\d\d)\b"),
    ("day_month", rf"{_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*{_YEAR})?"),
    ("month_day", rf"{_MONTH}\s+{_ORDINAL},?\s+{_YEAR}"),
    ("month", rf"(?:{_PART}\s+)?{_MONTH}\s*{_YEAR}"),
    ("cued_month", rf"(?P<cue>{_CUE}\s+)(?:dem\s+|the\s+)?(?:{_PART}\s+)?{_MONTH}(?:\s*{_YEAR})?(?!\w)"),
    ("part_month", rf"{_PART}\s+{_MONTH}(?!\w)"),
    ("year_part", rf"{_PART}\s+{_YEAR}"),
    ("cued_year", r"(?P<cue>(?:ab|from|starting(?:\s+in)?|im\s+jahr|in)\s+)(?P<year>20\d\d)(?![\d.,])"),
    ("next_month", r"(?:nächste[nmr]?|naechste[nmr]?|kommende[nmr]?|next|coming)\s+(?:monat|month)"),
    ("next_year", r"(?:nächste[nms]?|naechste[nms]?|kommende[nms]?|next|coming)\s+(?:jahr|year)"),
    ("in_months", r"(?:in|within)\s+(?P<n>\d+|zwei|drei|vier|sechs|two|three|four|six)\s+(?:monaten|months)"),
    ("today", r"ab\s+sofort|ab\s+heute|from\s+now\s+on|starting\s+(?:now|today|immediately)|asap"),
]
_ALTERNATIVES = "|".join(
    f"(?P<{name}>{pattern.replace('(?P<', f'(?P<{name}_')})" for name, pattern in _PATTERNS
)
DATE = re.compile(rf"(?<![\w.])(?:{_ALTERNATIVES})(?![\w])", re.IGNORECASE)
_SMALL_NUMBERS = {"zwei": 2, "drei": 3, "vier": 4, "sechs": 6, "two": 2, "three": 3, "four": 4, "six": 6}
_AMBIGUOUS_BARE_MONTHS = {"may", "mar"}  # lower case, without a year: the English verbs


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    text: str
    value: str


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def _year(raw: str | None, month: int, today: dt.date) -> int:
    if raw:
        return 2000 + int(raw.lstrip("'")) if len(raw.lstrip("'")) == 2 else int(raw)
    return today.year if month >= today.month else today.year + 1


def _day_for_part(part: str | None, year: int, month: int) -> int:
    part = (part or "").lower()
    if part.startswith(("mitte", "mid")):
        return 15
    if part.startswith(("ende", "end", "late")):
        return calendar.monthrange(year, month)[1]
    return 1


def _resolve(kind: str, g: dict[str, str | None], today: dt.date) -> dt.date | None:
    def month_of(key: str) -> int:
        raw = (g[f"{kind}_{key}"] or "").lower()
        return int(raw) if raw.isdigit() else MONTHS[raw]

    if kind in ("iso", "numeric", "day_month", "month_day"):
        month = month_of("month")
        year = _year(g[f"{kind}_year"], month, today)
        return dt.date(year, month, int(g[f"{kind}_day"] or 1))
    if kind == "month":
        month = month_of("month")
        year = _year(g["month_year"], month, today)
        return dt.date(year, month, _day_for_part(g["month_part"], year, month))
    if kind == "cued_month":
        if g["cued_month_month"] in _AMBIGUOUS_BARE_MONTHS and not g["cued_month_year"]:
            return None
        month = month_of("month")
        year = _year(g["cued_month_year"], month, today)
        return dt.date(year, month, _day_for_part(g["cued_month_part"], year, month))
    if kind == "part_month":
        month = month_of("month")
        year = _year(None, month, today)
        return dt.date(year, month, _day_for_part(g["part_month_part"], year, month))
    if kind == "year_part":
        part, year = (g["year_part_part"] or "").lower(), int(g["year_part_year"] or 0)
        if part.startswith(("mitte", "mid")):
            return dt.date(year, 7, 1)
        if part.startswith(("ende", "end", "late")):
            return dt.date(year, 12, 1)
        return dt.date(year, 1, 1)
    if kind == "cued_year":
        return dt.date(int(g["cued_year_year"] or 0), 1, 1)
    if kind == "next_month":
        return _add_months(today, 1)
    if kind == "next_year":
        return dt.date(today.year + 1, 1, 1)
    if kind == "in_months":
        raw = (g["in_months_n"] or "").lower()
        return _add_months(today, int(raw) if raw.isdigit() else _SMALL_NUMBERS[raw])
    if kind == "today":
        return today
    return None


def find_dates(text: str, today: dt.date | None = None) -> list[FoundDate]:
    today = today or dt.date.today()
    found: list[FoundDate] = []
    for match in DATE.finditer(text):
        groups = match.groupdict()
        kind = next(name for name, _ in _PATTERNS if groups[name])
        try:
            date = _resolve(kind, groups, today)
        except (ValueError, KeyError):  # 31.02.2027, an unknown month
            continue
        if date is None:
            continue
        start = (
            match.end(f"{kind}_cue") if groups.get(f"{kind}_cue") else match.start()
        )  # "ab", "from" are no part
        found.append(FoundDate(start, match.end(), text[start : match.end()], date.isoformat()))
    return found
