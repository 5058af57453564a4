"""Money, dates and numbers written the way a reader of the conversation's language expects (Babel)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALES = {"de": "de_DE", "en": "en_GB"}
# Whole euros without cents ("15.000 €"), cents only when there are any ("15.000,50 €").
MONEY_PATTERNS = {"de": "#,##0 ¤", "en": "¤#,##0"}
CENTS_PATTERNS = {"de": "#,##0.00 ¤", "en": "¤#,##0.00"}


def locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["de"])


def money(amount: Decimal | int | float, lang: str) -> str:
    lang = lang if lang in LOCALES else "de"
    value = Decimal(str(amount))
    pattern = (MONEY_PATTERNS if value == value.to_integral_value() else CENTS_PATTERNS)[lang]
    return format_currency(value, "EUR", format=pattern, locale=locale(lang), currency_digits=False)


def day(value: dt.date, lang: str) -> str:
    return format_date(value, format="long", locale=locale(lang))


def number(value: int | Decimal, lang: str) -> str:
    return format_decimal(value, locale=locale(lang))


def today() -> dt.date:
    """Today, or the date pinned with KIEZLOTSE_TODAY (tests pin it, as the form service does)."""
    pinned = os.environ.get("KIEZLOTSE_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def example_start() -> dt.date:
    """The first of the month after next: an example start date that is always in the future."""
    current = today()
    month = current.month + 2
    return current.replace(year=current.year + (month - 1) // 12, month=(month - 1) % 12 + 1, day=1)
