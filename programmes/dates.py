"""Dates as people write them in German and English → calendar dates, counted from today.

The one place that says what a date that is not a day means. A project starts on a day; where people name
a month, a season or a part of a year, it starts on the first day of it:

Written (today: 22 November 2026) → resolves to:
- a month: "März 2027", "03/2027", "ab März 2027", "beginning of March 2027" → 1 March 2027; without a
  year its next occurrence, this month counting ("Anfang März", "start of March" → 1 March 2027);
- "Mitte März", "mid-March" → 15 March; "Ende Januar 2027", "end of January 2027" → 31 January 2027;
- a year: "2027", "ab 2027", "im Jahr 2027", "Anfang 2027", "early 2027", "beginning of 2027" → 1 January
  2027; "Mitte 2027", "mid-2027" → 1 July 2027; "Ende 2027", "late 2027", "end of 2027" → 1 December 2027;
- seasons: "im Frühjahr 2027", "Frühling", "spring" → 1 March; "Sommer", "summer" → 1 June; "Herbst",
  "autumn", "fall" → 1 September (without a year the next one, this month counting);
- "Q2 2027", "2. Quartal 2027", "second quarter of 2027" → 1 April 2027 (the quarter's first day);
  "erstes Halbjahr 2027", "H1 2027" → 1 January; "zweites Halbjahr", "second half of 2027" → 1 July 2027;
- "nächsten Monat", "next month" → 1 December 2026; "übernächsten Monat", "the month after next" →
  1 January 2027; "Anfang / Mitte / Ende nächsten Monats", "mid next month" → 1 / 15 / 31 December 2026;
  "am 1. des nächsten Monats", "the 1st of next month" → 1 December 2026;
- "nächstes Jahr", "next year" → 1 January 2027; "übernächstes Jahr" → 1 January 2028; "Anfang / Mitte /
  Ende nächsten Jahres", "mid next year" → 1 January / 1 July / 1 December 2027;
- "nächsten Januar", "next January" (the next one after this month), "Januar nächsten Jahres" → 1 January
  2027;
- counted months: "in drei Monaten", "in 3 months", "two months from now", "in einem halben Jahr" → the
  1st of the month that many months on; "in zwei Jahren" → the 1st of this month, that many years on;
- counted days and weeks: "in zwei Wochen", "in 10 Tagen", "morgen", "übermorgen", "tomorrow",
  "nächste Woche" → that day (dateparser);
- "ab sofort", "ab heute", "asap", "from now on" → today (a start date must still lie in the future).

Never guessed: "Winter 2027" (December 2027 or January 2027?), "irgendwann", "bald", "soon", "after
summer" and "nach den Sommerferien" (some time after it), school terms, calendar weeks ("KW 12"), ranges of
years ("2027/28"), and impossible days ("31.02.2027"). "01/03/2027" is day/month in both languages (German and
British order). A day and month without a year that has passed this year ("15. November") is next year's.

Month names in German, English and Austrian ("Jänner", "Feber"), without umlaut ("Maerz"), in Berlin
dialect ("Dezemba") and with one slip of the keyboard ("Febuar", "Janaury") are read where a year, a day
or a word like "Anfang" or "ab" stands beside them. Number words are read first (programmes.numbers):
"in drei Monaten", "am ersten April", "März zweitausendsiebenundzwanzig".

The rules above are ours; dateparser (pinned to the conversation's language, the pinned today, future
dates preferred, no network) reads the counted days and weeks, where it knows more phrasings than we would
write rules for. It is called only when such a phrase is present, and its answers are cached.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from programmes import formatting
from programmes.numbers import LANGUAGES, number_words, rewrite

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "januar jänner jaenner january jan",
        "februar feber february feb",
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
_FULL_NAMES = sorted(name for name in MONTHS if len(name) >= 5)

# What a part of a month or of a year means (see the table above).
START, MIDDLE, END = "start", "middle", "end"
PART_WORDS = {
    START: "anfang|beginn|early|start|beginning|the start|the beginning",
    MIDDLE: "mitte|mid|middle|the middle",
    END: "ende|end|late|the end",
}
MONTH_OF_YEAR_PART = {START: 1, MIDDLE: 7, END: 12}
SEASONS = {
    "frühjahr": 3,
    "frühling": 3,
    "fruehjahr": 3,
    "fruehling": 3,
    "spring": 3,
    "sommer": 6,
    "summer": 6,
    "herbst": 9,
    "autumn": 9,
    "fall": 9,
}

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>20\d\d|'\d\d)"
_PART = (
    r"(?P<part>(?:anfang|beginn|mitte|ende)(?:\s+des)?|early|mid|late"
    r"|(?:the\s+)?(?:start|beginning|middle|end)\s+of)[\s-]+"
)
_ORDINAL = r"(?P<day>[0-3]?\d)(?:\.|st|nd|rd|th)?"
_CUE = r"(?:ab|vom|von|zum|im|in|from|starting|start|beginning|on|am|bis|until|by)"
_NEXT = r"(?:nächste[nmrs]?|naechste[nmrs]?|nächstet|kommende[nmrs]?|next|coming)"
_AFTER_NEXT = r"(?:übernächste[nmrs]?|uebernächste[nmrs]?|uebernaechste[nmrs]?|übanächste[nmrs]?)"
_NEXT_YEAR = r"(?:(?:des\s+)?(?:nächsten|naechsten|kommenden)\s+jahre?s|(?:of\s+)?(?:the\s+)?next\s+year)"
_NEXT_MONTH = r"(?:(?:des\s+)?(?:nächsten|naechsten|kommenden)\s+monats|(?:of\s+)?(?:the\s+)?next\s+month)"
# "fall" is German for "case" ("auf keinen Fall"): the season only with a year or after "in", "the", "next"
_SEASON = (
    "(?P<season>"
    + "|".join(s for s in SEASONS if s != "fall")
    + r"|fall(?=\s+(?:of\s+)?(?:20\d\d|'\d\d))|(?<=in\s)fall|(?<=the\s)fall|(?<=next\s)fall|(?<=this\s)fall)"
)
# "in einem Jahr" is as often how long as when: only a counted number of months or years is a date
_COUNT = r"(?P<n>\d+)"

# (kind, pattern): tried in this order where several start at the same place; each kind's groups are
# read by the function of the same name in _RESOLVERS.
_PATTERNS = [
    ("iso", r"(?P<year>20\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)"),
    ("numeric", r"(?P<day>[0-3]?\d)[./]\s?(?P<month>[01]?\d)[./]\s?(?P<year>20\d\d|\d\d)(?![\d])"),
    ("numeric_month", r"(?P<month>[01]?\d)[./](?P<year>20\d\d)(?![\d])"),
    ("numeric_day", r"(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?![\d])"),
    ("day_next_month", rf"{_ORDINAL}\s+{_NEXT_MONTH}"),
    ("day_month", rf"{_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*{_YEAR})?"),
    ("month_day", rf"{_MONTH}\s+{_ORDINAL},?\s+{_YEAR}"),
    ("month", rf"(?:{_PART})?{_MONTH}\s*(?:{_YEAR}|(?P<next_year>{_NEXT_YEAR}))"),
    ("next_named_month", rf"{_NEXT}\s+{_MONTH}(?!\w)"),
    ("part_next_month", rf"{_PART}{_NEXT_MONTH}"),
    ("part_next_year", rf"{_PART}{_NEXT_YEAR}"),
    ("season", rf"(?P<next>{_NEXT}\s+)?{_SEASON}(?:\s+(?:of\s+)?(?:{_YEAR}|(?P<next_year>{_NEXT_YEAR})))?"),
    (
        "quarter",
        rf"(?:q(?P<q>[1-4])|(?P<qn>[1-4])(?:\.|st|nd|rd|th)?\s*(?:quartal|quarter))"
        rf"(?:\s*/\s*|\s+(?:of\s+|des\s+jahres\s+)?){_YEAR}",
    ),
    (
        "half",
        rf"(?:h(?P<h>[12])|(?P<hn>[12])(?:\.|st|nd)?\s*(?:halbjahr|half))"
        rf"(?:\s*/\s*|\s+(?:of\s+)?){_YEAR}",
    ),
    ("cued_month", rf"(?P<cue>{_CUE}\s+)(?:dem\s+|the\s+)?(?:{_PART})?{_MONTH}(?:\s*{_YEAR})?(?!\w)"),
    ("part_month", rf"{_PART}{_MONTH}(?!\w)"),
    ("year_part", rf"{_PART}(?:(?:des\s+)?jahres\s+)?{_YEAR}"),
    ("cued_year", r"(?P<cue>(?:ab|from|starting(?:\s+in)?|im\s+jahr|in)\s+)(?P<year>20\d\d)(?![\d.,])"),
    ("lone_year", r"^\s*(?P<year>20\d\d)(?=\s*[.!]?\s*$)"),
    ("lone_month", rf"^\s*{_MONTH}(?=\s*[.!]?\s*$)"),  # "März" as the whole answer
    ("after_next_month", rf"{_AFTER_NEXT}\s+monat|(?:the\s+)?month\s+after\s+next"),
    ("next_month", rf"{_NEXT}\s+(?:monat|month)"),
    ("after_next_year", rf"{_AFTER_NEXT}\s+jahr|(?:the\s+)?year\s+after\s+next"),
    ("next_year", rf"{_NEXT}\s+(?:jahr|year)"),
    ("half_year_on", r"in\s+(?:einem\s+)?halben\s+jahr|in\s+half\s+a\s+year"),
    (
        "in_months",
        rf"(?:in|within|innerhalb\s+von|binnen)\s+{_COUNT}\s+(?:monaten|monat|months?)"
        r"|(?P<m>\d+|a|an|one)\s+months?\s+from\s+(?:now|today)",
    ),
    ("in_years", rf"(?:in|within)\s+{_COUNT}\s+(?:jahren|jahr|years?)(?!\s+(?:alt|old))"),
    ("today", r"ab\s+sofort|ab\s+heute|ab\s+jetzt|from\s+now\s+on|starting\s+(?:now|today|immediately)|asap"),
    # counted days and weeks: dateparser
    (
        "days",
        r"(?:in|within|innerhalb\s+von|binnen)\s+(?:\d+|einer|einem|a|an|one)\s+(?:tagen|tag|wochen|woche|days?"
        r"|weeks?)|(?:\d+|a|an|one)\s+(?:days?|weeks?)\s+from\s+(?:now|today)"
        r"|(?:the\s+)?day\s+after\s+tomorrow|übermorgen",
    ),
    # "morgen", "tomorrow", "next week" only after "ab", "from": "bis morgen", "see you next week" and
    # the greeting "Morgen!" are no start date
    (
        "cued_days",
        rf"(?P<cue>(?:ab|von|vom|from|starting)\s+)(?:morgen|tomorrow|{_NEXT}\s+(?:woche|week))",
    ),
]
_ALTERNATIVES = "|".join(
    f"(?P<{name}>{pattern.replace('(?P<', f'(?P<{name}__')})" for name, pattern in _PATTERNS
)
DATE = re.compile(rf"(?<![\w.])(?:{_ALTERNATIVES})(?![\w])", re.IGNORECASE)
_AFTER = re.compile(r"(?i)\b(?:after|nach(?:\s+dem|\s+den)?|later\s+than|später\s+als)\s+(?:the\s+)?$")
_BARE_ENGLISH_VERBS = {"may", "mar"}  # lower case, without a year: the verbs "may" and "mar"
# A word beside a year, a day or a cue that may be a misspelt month: "Febuar 2027", "15. Feburary".
_MONTH_SLOT = re.compile(
    r"(?i)(?:(?<=\d\.\s)|(?<=\d\s)|(?<=\d(?:st|nd|rd|th)\s)|(?<=\bof\s)|(?<=\bab\s)|(?<=\bim\s)|(?<=\bin\s)"
    r"|(?<=\bfrom\s)|(?<=\banfang\s)|(?<=\bmitte\s)|(?<=\bende\s)|(?<=\bearly\s)|(?<=\blate\s)|(?<=\bmid\s)"
    r"|(?<=\bmid-))(?P<a>[a-zäöü]{4,})\b|\b(?P<b>[a-zäöü]{4,})(?=\.?\s*(?:20\d\d|'\d\d)\b)"
    r"|^\s*(?P<c>[a-zäöü]{4,})(?=\s*[.!]?\s*$)"
)


@dataclass(frozen=True)
class FoundDate:
    """A date in a text: its offsets and words as written, and the ISO date it means."""

    start: int
    end: int
    text: str
    value: str


def _month_name(word: str) -> str | None:
    """The month a misspelt or dialect word stands for ("febuar", "dezemba", "Janaury") or None."""
    lowered = word.casefold()
    if lowered in MONTHS or len(lowered) < 4:
        return None
    if lowered.endswith("a") and lowered[:-1] + "er" in MONTHS:
        return lowered[:-1] + "er"  # Berlin: Dezemba, Oktoba, Septemba
    close = difflib.get_close_matches(lowered, _FULL_NAMES, n=1, cutoff=0.8)
    return close[0] if close else None


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def _year(raw: str | None, month: int, today: dt.date, day: int | None = None) -> int:
    """The year written, or the next occurrence of the month (this month counts) or of the day."""
    if raw:
        raw = raw.lstrip("'")
        return 2000 + int(raw) if len(raw) == 2 else int(raw)
    upcoming = (month, day) >= (today.month, today.day) if day else month >= today.month
    return today.year if upcoming else today.year + 1


def _part_of(part: str | None) -> str:
    words = (part or "").casefold().split()
    word = next((w for w in words if w not in ("the", "of", "des", "im")), "")
    return next((kind for kind, names in PART_WORDS.items() if word in names.split("|")), START)


def _day_in_month(part: str | None, year: int, month: int) -> dt.date:
    kind = _part_of(part)
    day = {START: 1, MIDDLE: 15, END: calendar.monthrange(year, month)[1]}[kind]
    return dt.date(year, month, day)


def _count(raw: str | None) -> int:
    raw = (raw or "").casefold()
    return int(raw) if raw.isdigit() else 1


Groups = Callable[[str], str | None]


def _month_of(g: Groups) -> int:
    raw = (g("month") or "").casefold()
    return int(raw) if raw.isdigit() else MONTHS[raw]


def _resolve(kind: str, g: Groups, today: dt.date) -> dt.date | None:
    if kind in ("iso", "numeric", "day_month", "month_day", "numeric_day"):
        month, day = _month_of(g), int(g("day") or 1)
        return dt.date(_year(g("year"), month, today, day), month, day)
    if kind == "numeric_month":
        return dt.date(int(g("year") or 0), _month_of(g), 1)
    if kind == "day_next_month":
        return _add_months(today, 1).replace(day=int(g("day") or 1))
    if kind in ("month", "cued_month", "part_month", "lone_month"):
        if kind == "cued_month" and g("month") in _BARE_ENGLISH_VERBS and not g("year"):
            return None
        month = _month_of(g)
        year = today.year + 1 if g("next_year") else _year(g("year"), month, today)
        return _day_in_month(g("part"), year, month)
    if kind == "next_named_month":
        month = _month_of(g)
        return dt.date(today.year if month > today.month else today.year + 1, month, 1)
    if kind == "part_next_month":
        start = _add_months(today, 1)
        return _day_in_month(g("part"), start.year, start.month)
    if kind in ("part_next_year", "year_part"):
        year = today.year + 1 if kind == "part_next_year" else _year(g("year"), 1, today)
        return dt.date(year, MONTH_OF_YEAR_PART[_part_of(g("part"))], 1)
    if kind == "season":
        month = SEASONS[(g("season") or "").casefold()]
        if g("year"):
            return dt.date(_year(g("year"), month, today), month, 1)
        if g("next_year"):
            return dt.date(today.year + 1, month, 1)
        if g("next"):
            return dt.date(today.year if month > today.month else today.year + 1, month, 1)
        return dt.date(_year(None, month, today), month, 1)
    if kind == "quarter":
        quarter = int(g("q") or g("qn") or 1)
        return dt.date(_year(g("year"), 1, today), 3 * quarter - 2, 1)
    if kind == "half":
        return dt.date(_year(g("year"), 1, today), 1 if (g("h") or g("hn")) == "1" else 7, 1)
    if kind in ("cued_year", "lone_year"):
        return dt.date(int(g("year") or 0), 1, 1)
    if kind == "after_next_month":
        return _add_months(today, 2)
    if kind == "next_month":
        return _add_months(today, 1)
    if kind == "after_next_year":
        return dt.date(today.year + 2, 1, 1)
    if kind == "next_year":
        return dt.date(today.year + 1, 1, 1)
    if kind == "half_year_on":
        return _add_months(today, 6)
    if kind == "in_months":
        return _add_months(today, _count(g("n") or g("m")))
    if kind == "in_years":
        return _add_months(today, 12 * _count(g("n")))
    if kind == "today":
        return today
    return None


def _library_settings(today: dt.date) -> dict[str, object]:
    return {
        "RELATIVE_BASE": dt.datetime(today.year, today.month, today.day),
        "PREFER_DATES_FROM": "future",
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


@lru_cache(maxsize=1024)
def library_date(text: str, today: dt.date, lang: str | None = None) -> dt.date | None:
    """What dateparser makes of `text` alone, in the conversation's language (None: German, then English),
    counted from `today`, future dates preferred; None when it reads no date. Cached."""
    import dateparser  # its language data takes ~0.1 s to load: only where a date needs it

    languages = [lang] if lang in LANGUAGES else list(LANGUAGES)
    for language in languages:
        parsed = dateparser.parse(text, languages=[language], settings=_library_settings(today))
        if parsed is not None:
            day: dt.date = parsed.date()
            return day
    return None


def warm_up() -> None:
    """Load dateparser's language data now (about 0.1 s), not during someone's first message."""
    library_date("in zwei Wochen", dt.date(2026, 1, 1), "de")
    library_date("in two weeks", dt.date(2026, 1, 1), "en")


def _readable(text: str, lang: str | None) -> tuple[str, Callable[[int, int], tuple[int, int, str]]]:
    """The text with number words in digits and misspelt month names corrected, and the way back."""
    replacements = [(n.start, n.end, n.digits) for n in number_words(text, lang)]
    for match in _MONTH_SLOT.finditer(text):
        slot = next(key for key in "abc" if match.group(key))
        word = match.group(slot)
        name = _month_name(word)
        if name:
            start = match.start(slot)
            replacements.append((start, start + len(word), name))
    rewritten = rewrite(text, replacements)
    return rewritten.text, rewritten.span


@lru_cache(maxsize=1024)
def _find(text: str, today: dt.date, lang: str | None) -> tuple[FoundDate, ...]:
    readable, span = _readable(text, lang)
    found: list[FoundDate] = []
    for match in DATE.finditer(readable):
        groups = match.groupdict()
        kind = next(name for name, _ in _PATTERNS if groups[name])

        def group(key: str, kind: str = kind, groups: dict[str, str | None] = groups) -> str | None:
            return groups.get(f"{kind}__{key}")

        start = match.end(f"{kind}__cue") if group("cue") else match.start()  # "ab", "from" are no part
        try:
            if kind in ("days", "cued_days"):
                date = library_date(readable[start : match.end()], today, lang)
            else:
                date = _resolve(kind, group, today)
        except (ValueError, KeyError):  # 31.02.2027, an unknown month
            continue
        if date is None:
            continue
        if _AFTER.search(readable[max(0, start - 16) : start]):
            continue  # "after summer", "nach März": some time after it, not a day we can tell
        old_start, old_end, words = span(start, match.end())
        found.append(FoundDate(old_start, old_end, words, date.isoformat()))
    return tuple(found)


def find_dates(text: str, today: dt.date | None = None, lang: str | None = None) -> list[FoundDate]:
    """Every date in `text`, in order, as FoundDate with ISO values ("2027-03-01"), resolved as the module's
    table says; relative dates count from `today` (default: programmes.formatting.today(), which
    KIEZLOTSE_TODAY pins). `lang` ("de"/"en", None: both) is the language of number words and of
    dateparser. Offsets point into `text`; cue words ("ab", "from") are not part of the date. Never raises.
    """
    return list(_find(text, today or formatting.today(), lang))


def first_date(text: str, today: dt.date | None = None, lang: str | None = None) -> dt.date | None:
    """The first date `find_dates` reads in `text`, or None."""
    found = find_dates(text, today, lang)
    return dt.date.fromisoformat(found[0].value) if found else None
