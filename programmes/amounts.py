"""Money amounts as people write them in German and English, for the chat and the form service.

- `find_amounts(text, lang)`: every amount in a sentence with its position ("5.000 €", "5k", "EUR 20,000",
  "20 000 Euro", "1,5 Mio", "zehn Riesen", "fünfzigtausend Euro", "fifteen thousand") → a plain decimal
  string in euros ("5000", …);
- `read_amount(answer, lang)`: the one amount an answer gives ("15.000", "1.000,- €", "EUR 1.000",
  "1,000.50", "ca. 15k", "hmm maybe fifty thousand?") as a Decimal, or FieldError.
Number words are read by programmes.numbers (text2num). A separator followed by exactly three digits is
grouping in either language ("20,000" is never 20 euros); otherwise Babel parses the number with the locale
whose decimal separator it is. "0,500" could be 500 or 0.50 euros: it is asked back (`amount_ambiguous`),
never guessed. A number that says what it counts is no amount: "12 Monate", "Anfang März 2027",
"20 Leute", "10 %", "50+".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from programmes import formatting
from programmes.errors import FieldError
from programmes.numbers import number_words, parse_number, with_digits
from programmes.quantities import RANGE, bare_numbers, is_range

__all__ = ["MAX_AMOUNT", "Amount", "find_amounts", "parse_amount", "parse_number", "plain", "read_amount"]

NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_MULTIPLIERS = {
    "k": 1_000,
    "tsd": 1_000,
    "tausend": 1_000,
    "thousand": 1_000,
    "mio": 1_000_000,
    "million": 1_000_000,
    "millionen": 1_000_000,
    "millions": 1_000_000,
    "mrd": 1_000_000_000,
    # slang that means thousands of euros by itself: "10 Riesen", "zehn Mille", "ten grand"
    "riesen": 1_000,
    "mille": 1_000,
    "grand": 1_000,
}
_CURRENCY = r"(?:€|eur\b|euro\b|euros\b|euronen\b|eus\b|tacken\b|mäuse\b)"
_MULTIPLIER = r"(?:k|tsd|tausend|thousand|mio|millionen|millions?|mrd|riesen|mille|grand)\b\.?"
# What a number counts when it is no money: people, time, shares, area ("2 tausend Leute", "12 Monate").
NOT_MONEY = (
    r"(?:%|prozent\b|percent\b|per\s+cent\b|leute\b|menschen\b|personen\b|person\b|teilnehm\w*|jugendlich\w*"
    r"|kinder\w*|frauen\b|männer\b|mitarbeit\w*|einwohner\w*|bewohner\w*|besucher\w*|people\b|persons?\b"
    r"|participants?\b|residents?\b|visitors?\b|women\b|men\b|kids\b|children\b|young\b|jahr\w*|years?\b"
    r"|monat\w*|months?\b|woche\w*|weeks?\b|tag(?:e|en)?\b|days?\b|stunden\b|hours?\b|qm\b|m²|m2\b"
    r"|quadratmeter\b|km\b|mal\b|times\b|plätze\b|places\b|stück\b|pieces?\b|\+)"
)

AMOUNT = re.compile(
    rf"(?<![\w.,])(?:(?P<cur1>{_CURRENCY})\s?(?P<num1>{NUMBER})(?:\s?(?P<mul1>{_MULTIPLIER}))?"
    rf"|(?P<num2>{NUMBER})\s?(?:(?P<mul2>{_MULTIPLIER})(?:\s?(?P<cur2>{_CURRENCY})|(?!\s*{NOT_MONEY}))"
    rf"|(?P<cur3>{_CURRENCY})))",
    re.IGNORECASE,
)
# A number word with a scale is an amount without a currency too ("fünfzigtausend", "fifty thousand"), as
# "50 tausend" is; a scale alone or after an article is not ("thanks a million", "Millionen Menschen").
_SCALED_WORDS = re.compile(r"(?i)tausend|thousand|million|milliard|billion")
_NO_MULTIPLICAND = re.compile(
    r"(?i)(?:(?:ein|eine|einer|einen|a|an|one|'?ne)\s+)?(?:hundert|tausend|hundred|thousand|million|milliard|billion)"
)
_NOT_MONEY_AFTER = re.compile(rf"\s*{NOT_MONEY}", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: str


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: Decimal("5.0E+3") → "5000", 1.50 → "1.5"."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _multiplier(word: str | None) -> int:
    return _MULTIPLIERS[word.lower().rstrip(".")] if word else 1


def find_amounts(text: str, lang: str | None = None) -> list[Amount]:
    """Every amount of money in `text`, in order: offsets and words as written, and the value in EUR as a
    plain decimal string ("5.000 €" → "5000", "1,5 Mio" → "1500000", "fünfzigtausend Euro" → "50000").

    A number counts as money with a currency ("€", "EUR", "Euro", "Tacken") or a scale ("5k", "20 Tsd.",
    "1,5 Mio", "zehn Riesen", "fifty thousand"), not bare ("in 2027 with 12 people"), not when it counts
    something else ("2 tausend Leute") and not in a range ("zwischen 10.000 und 15.000 €", "15-20k").
    `lang` ("de"/"en", None: both) is the language of number words. Never raises.
    """
    readable = with_digits(text, lang)
    found: list[Amount] = []
    # "zwischen 10.000 und 15.000 €", "15-20k": a range names no one amount
    ranges = [readable.span(m.start(), m.end())[:2] for m in RANGE.finditer(readable.text)]
    for match in AMOUNT.finditer(readable.text):
        number = parse_number(match.group("num1") or match.group("num2"))
        if number is None:
            continue
        value = number * _multiplier(match.group("mul1") or match.group("mul2"))
        written = match.group().rstrip()
        if written.endswith(".") and not re.search(r"(?i)(tsd|mio|mrd)\.$", written):
            written = written[:-1].rstrip()  # the sentence's full stop, not an abbreviation's
        start, end, words = readable.span(match.start(), match.start() + len(written))
        if not any(start < b and end > a for a, b in ranges):
            found.append(Amount(start, end, words, plain(value)))
    for word in number_words(text, lang):
        if (
            _SCALED_WORDS.search(word.words)
            and not _NO_MULTIPLICAND.fullmatch(word.words)
            and not _NOT_MONEY_AFTER.match(text, word.end)
            and all(word.end <= a.start or word.start >= a.end for a in found)
            and not any(word.start < b and word.end > a for a, b in ranges)
        ):
            found.append(Amount(word.start, word.end, word.text, plain(word.value)))
    return sorted(found, key=lambda a: a.start)


def parse_amount(text: str) -> str | None:
    """The amount in euros in an answer, also a bare number ("15000", "15.000", "15k") → "15000"."""
    try:
        return plain(read_amount(text, "de"))
    except FieldError:
        return None


MAX_AMOUNT = Decimal("100000000")
# "1.000,- €", "1.000,-": German for whole euros; the dash says "no cents".
_NO_CENTS = re.compile(r"(\d)[.,][-–—]+(?!\d)")
_MULTIPLIER_AFTER = re.compile(rf"\s?(?P<mul>{_MULTIPLIER})", re.IGNORECASE)
# "0,500" / "0.500": 500 euros written with a leading zero, or 50 cents? Nobody can tell.
_AMBIGUOUS = re.compile(r"(?<![\d.,])0[.,]\d{3}(?![\d.,])")
# "15..000", "1.,5": two separators in a row are a typo; reading the digits before them would guess.
_DOUBLED_SEPARATOR = re.compile(r"\d[.,]{2,}\d")


def _invalid(lang: str) -> FieldError:
    return FieldError("invalid_amount", example=formatting.money(15000, lang))


def read_amount(value: object, lang: str) -> Decimal:
    """The amount in EUR that an answer gives, as a Decimal (whole euros, or cents when given).

    Reads numbers (JSON) and text as people write it in German and English: "15.000 €", "15,000",
    "15.000,50", "1,000.50", "1.000,- €", "EUR 1.000", "15k", "1,2 Mio.", "so 20 000 Euro",
    "fünfzigtausend", "hmm maybe fifty thousand?", "eineinhalb Millionen". The first amount counts; a bare
    number counts when it says nothing else ("12 Monate", "Anfang März 2027", "20 Leute", "10 %" are no
    amount). `lang` ("de"/"en") is the conversation's language: of the example, and read first for words.
    Raises FieldError "invalid_amount" (values: example) for no amount, a range ("15-20k"), zero, a
    negative or more than 100,000,000 EUR or a doubled separator ("15..000"), and "amount_ambiguous"
    (values: as_euros, as_cents) for "0,500".
    """
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = Decimal(str(value))
    elif isinstance(value, str):
        text = _NO_CENTS.sub(r"\1", value.strip())
        if _DOUBLED_SEPARATOR.search(text):
            raise _invalid(lang)
        if ambiguous := _AMBIGUOUS.search(text):
            digits = ambiguous.group()[2:]
            raise FieldError(
                "amount_ambiguous",
                as_euros=formatting.money(int(digits), lang),
                as_cents=formatting.money(Decimal("0." + digits), lang),
            )
        if is_range(text, lang):
            raise _invalid(lang)  # "zwischen 10.000 und 15.000 €": which one is not ours to choose
        amounts = find_amounts(text, lang)
        if amounts:
            amount = Decimal(amounts[0].value)
        else:
            bare = [n for n in bare_numbers(text, lang) if not _NOT_MONEY_AFTER.match(n.after)]
            if not bare:
                raise _invalid(lang)
            scale = _MULTIPLIER_AFTER.match(bare[0].after)
            amount = (-1 if bare[0].negative else 1) * bare[0].value * _multiplier(scale and scale["mul"])
    else:
        raise _invalid(lang)
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT:
        raise _invalid(lang)
    return amount.quantize(Decimal("0.01")).normalize() if amount % 1 else amount.quantize(Decimal("1"))
