"""Money amounts in German and English formats → a plain decimal string in euros.

"5.000 €", "5k", "EUR 20,000", "20 000 Euro", "1,5 Mio" → "5000", "5000", "20000", "20000", "1500000".
A separator followed by exactly three digits is grouping in either language ("20,000" is never 20 euros);
otherwise Babel parses the number with the locale whose decimal separator it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

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
# Only with a number that is not "ein"/"a": "einen Riesen Bedarf" and "a grand opening" are no money.
_SLANG = r"(?:riesen|mille|grand)\b"
_WORD_NUMBERS = {
    "ein": 1,
    "eine": 1,
    "one": 1,
    "a": 1,
    "zwei": 2,
    "two": 2,
    "drei": 3,
    "three": 3,
    "fünf": 5,
    "five": 5,
    "zehn": 10,
    "ten": 10,
    "zwanzig": 20,
    "dreißig": 30,
    "thirty": 30,
    "vierzig": 40,
    "forty": 40,
    "twenty": 20,
    "fünfzig": 50,
    "fifty": 50,
    "hundert": 100,
    "hundred": 100,
    "halbe": Decimal("0.5"),
    "half": Decimal("0.5"),
}

AMOUNT = re.compile(
    rf"(?<![\w.,])(?:(?P<cur1>{_CURRENCY})\s?(?P<num1>{NUMBER})(?:\s?(?P<mul1>{_MULTIPLIER}))?"
    rf"|(?P<num2>{NUMBER})\s?(?:(?P<mul2>{_MULTIPLIER})\s?(?P<cur2>{_CURRENCY})?|(?P<cur3>{_CURRENCY})))"
    # written-out numbers only with a currency: "zwanzig tausend Euro", not "thanks a million"
    rf"|(?P<word>\b(?:ein(?:e|en)?|one|a|zwei|two|drei|three|fünf|five|zehn|ten|zwanzig|twenty|dreißig|thirty|"
    rf"vierzig|forty|fünfzig|fifty|hundert|hundred|halbe|half)\s(?:(?P<wmul>tausend|thousand|million|millionen"
    rf"|mio\.?)\s?{_CURRENCY}|(?P<wcur>euro\b|euros\b)|(?<!\bein )(?<!\beine )(?<!\beinen )(?<!\ba )"
    rf"(?<!\bone )(?P<wslang>{_SLANG})))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: str


def parse_number(text: str) -> Decimal | None:
    """A number as people write it in German or English: "5.000", "20,000", "1,5", "1.5", "20 000"."""
    text = re.sub(r"[ \u00a0\u202f]", "", text.strip())
    separators = re.findall(r"[.,]", text)
    if not separators:
        locale = "en"
    else:
        groups = re.split(r"[.,]", text)[1:]
        if len(set(separators)) == 2:  # both: the last one separates the decimals
            locale = "de" if text.rfind(",") > text.rfind(".") else "en"
        elif all(len(g) == 3 for g in groups):  # only grouping: 5.000 / 20,000 / 1.000.000
            text, locale = re.sub(r"[.,]", "", text), "en"
        else:
            locale = "de" if separators[0] == "," else "en"
    try:
        return parse_decimal(text, locale=locale, strict=False)
    except (NumberFormatError, InvalidOperation):
        return None


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: Decimal("5.0E+3") → "5000", 1.50 → "1.5"."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _multiplier(word: str | None) -> int:
    return _MULTIPLIERS[word.lower().rstrip(".")] if word else 1


def find_amounts(text: str) -> list[Amount]:
    found: list[Amount] = []
    for match in AMOUNT.finditer(text):
        if match.group("word"):
            if not (match.group("wmul") or match.group("wcur") or match.group("wslang")):
                continue
            word = match.group("word").split()[0].lower()
            value = Decimal(_WORD_NUMBERS[word]) * _multiplier(match.group("wmul") or match.group("wslang"))
        else:
            number = parse_number(match.group("num1") or match.group("num2"))
            if number is None:
                continue
            value = number * _multiplier(match.group("mul1") or match.group("mul2"))
        written = match.group().rstrip()
        if written.endswith(".") and not re.search(r"(?i)(tsd|mio|mrd)\.$", written):
            written = written[:-1].rstrip()  # the sentence's full stop, not an abbreviation's
        found.append(Amount(match.start(), match.start() + len(written), written, plain(value)))
    return found


def parse_amount(text: str) -> str | None:
    """The amount in euros in an answer, also a bare number ("15000", "15.000", "15k") → "15000"."""
    amounts = find_amounts(text)
    if amounts:
        return amounts[0].value
    bare = re.fullmatch(rf"\s*(?P<num>{NUMBER})\s*(?P<mul>{_MULTIPLIER})?\s*", text, re.IGNORECASE)
    if not bare:
        return None
    number = parse_number(bare.group("num"))
    return None if number is None else plain(number * _multiplier(bare.group("mul")))
