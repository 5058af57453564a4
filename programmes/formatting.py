"""Money, numbers, dates and periods written the way a reader of the conversation's language expects.

The one place that formats for people, in the chat, the API's texts and the web pages (Babel locales
de_DE and en_GB). "15.000 €" / "€15,000"; "1. März 2027" / "1 March 2027";
"1. Juli 2026 – 30. September 2028".
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from typing import TYPE_CHECKING

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

if TYPE_CHECKING:
    from programmes.catalogue import Period, PeriodEnd

LOCALES = {"de": "de_DE", "en": "en_GB"}
# Whole euros without cents ("15.000 €"), cents only when there are any ("15.000,50 €").
MONEY_PATTERNS = {"de": "#,##0 ¤", "en": "¤#,##0"}
CENTS_PATTERNS = {"de": "#,##0.00 ¤", "en": "¤#,##0.00"}


def locale(lang: str) -> str:
    """The Babel locale for a conversation language ("de" → "de_DE", "en" → "en_GB"; others → German)."""
    return LOCALES.get(lang, LOCALES["de"])


def _lang(lang: str) -> str:
    return lang if lang in LOCALES else "de"


def money(amount: Decimal | int | float | str, lang: str) -> str:
    """An amount in EUR: "15.000 €" (de), "€15,000" (en); cents only when there are any."""
    value = Decimal(str(amount))
    pattern = (MONEY_PATTERNS if value == value.to_integral_value() else CENTS_PATTERNS)[_lang(lang)]
    return format_currency(value, "EUR", format=pattern, locale=locale(lang), currency_digits=False)


def number(value: int | Decimal, lang: str) -> str:
    """A number with the locale's grouping: 12.000 (de), 12,000 (en)."""
    return format_decimal(value, locale=locale(lang))


def day(value: dt.date, lang: str) -> str:
    """A date in words: "1. März 2027" (de), "1 March 2027" (en)."""
    return format_date(value, format="long", locale=locale(lang))


def period(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """A period between two dates, either end may be open: "1. Juli 2026 – 30. September 2028",
    "from 1 July 2026", "until 30 Sept 2028" (en); empty when both are unknown."""
    if start and end:  # both days in words, as every other date of the chat and the pages
        return f"{day(start, lang)} – {day(end, lang)}"
    if start:
        return ("ab {}" if _lang(lang) == "de" else "from {}").format(day(start, lang))
    if end:
        return ("bis {}" if _lang(lang) == "de" else "until {}").format(day(end, lang))
    return ""


_UNDATED = {"de": "ohne Datum", "en": "undated"}
_SINCE = {"de": "seit {}", "en": "since {}"}
_UNTIL = {"de": "bis {}", "en": "until {}"}


def _end(value: PeriodEnd, lang: str) -> str:
    return day(value, lang) if isinstance(value, dt.date) else str(value)


def span(start: PeriodEnd | None, end: PeriodEnd | None, lang: str) -> str:
    """A period whose ends are days or whole years: "2021–2027", "seit 2019" / "since 2019",
    "2003 – 28. Mai 2021"; two days as `period` writes them. Empty when both ends are unknown."""
    if isinstance(start, dt.date) and isinstance(end, dt.date):
        return period(start, end, lang)
    if start is not None and end is not None:
        if start == end:
            return _end(start, lang)
        both_years = not isinstance(start, dt.date) and not isinstance(end, dt.date)
        return f"{_end(start, lang)}{'–' if both_years else ' – '}{_end(end, lang)}"
    if start is not None:
        if isinstance(start, dt.date):
            return period(start, None, lang)
        return _SINCE[_lang(lang)].format(start)
    if end is not None:
        return _UNTIL[_lang(lang)].format(_end(end, lang))
    return ""


def fact_period(value: Period | None, lang: str) -> str | None:
    """A catalogue period in words: "BIWAQ VI, 1. Juli 2026 – 30. September 2028", "2021–2027",
    "ohne Datum" / "undated" for a source without a date; None when there is no period."""
    if value is None:
        return None
    text = _UNDATED[_lang(lang)] if value.undated else span(value.start, value.end, lang)
    name = value.name.get(_lang(lang)) if value.name else ""
    if name and text and text in name:  # "Runde 2022", not "Runde 2022, 2022"
        return name
    return ", ".join(part for part in (name, text) if part)


def today() -> dt.date:
    """Today, or the date pinned with KIEZLOTSE_TODAY (tests pin it, as the form service does)."""
    pinned = os.environ.get("KIEZLOTSE_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def example_start(reference: dt.date | None = None) -> dt.date:
    """The first of the month after next: an example start date that is always in the future."""
    current = reference or today()
    month = current.month + 2
    return current.replace(year=current.year + (month - 1) // 12, month=(month - 1) % 12 + 1, day=1)
