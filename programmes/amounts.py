"""Money amounts as people write them in German and English, for the chat and the form service.

- `find_amounts(text)`: every amount in a sentence with its position ("5.000 €", "5k", "EUR 20,000",
  "20 000 Euro", "1,5 Mio", "zehn Riesen") → a plain decimal string in euros ("5000", …);
- `read_amount(answer, lang)`: the one amount an answer gives ("15.000", "1.000,- €", "EUR 1.000",
  "1,000.50", "ca. 15k") as a Decimal, or FieldError.
A separator followed by exactly three digits is grouping in either language ("20,000" is never 20 euros);
otherwise Babel parses the number with the locale whose decimal separator it is. "0,500" could be 500 or
0.50 euros: it is asked back (`amount_ambiguous`), never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from programmes import formatting
from programmes.errors import FieldError

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
    try:
        return plain(read_amount(text, "de"))
    except FieldError:
        return None


MAX_AMOUNT = Decimal("100000000")
# "1.000,- €", "1.000,-": German for whole euros; the dash says "no cents".
_NO_CENTS = re.compile(r"(\d)[.,][-–—]+(?!\d)")
# Any number in an answer that has no currency ("ca 15.000", "-500"), with an optional scale word after it.
_ANY_NUMBER = re.compile(rf"(?P<sign>-)?(?P<num>{NUMBER})(?:\s?(?P<mul>{_MULTIPLIER}))?", re.IGNORECASE)
# "0,500" / "0.500": 500 euros written with a leading zero, or 50 cents? Nobody can tell.
_AMBIGUOUS = re.compile(r"(?<![\d.,])0[.,]\d{3}(?![\d.,])")
# "15..000", "1.,5": two separators in a row are a typo; reading the digits before them would guess.
_DOUBLED_SEPARATOR = re.compile(r"\d[.,]{2,}\d")


def _invalid(lang: str) -> FieldError:
    return FieldError("invalid_amount", example=formatting.money(15000, lang))


def read_amount(value: object, lang: str) -> Decimal:
    """The amount in EUR that an answer gives, as a Decimal (whole euros, or cents when given).

    Reads numbers (JSON) and text as people write it in German and English: "15.000 €", "15,000",
    "15.000,50", "1,000.50", "1.000,- €", "EUR 1.000", "15k", "1,2 Mio.", "so 20 000 Euro".
    Raises FieldError "invalid_amount" (values: example) for no amount, zero, a negative or more than
    100,000,000 EUR or a doubled separator ("15..000"), and "amount_ambiguous" (values: as_euros,
    as_cents) for "0,500".
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
        amounts = find_amounts(text)
        if amounts:
            amount = Decimal(amounts[0].value)
        else:
            found = _ANY_NUMBER.search(text)
            number = parse_number(found.group("num")) if found else None
            if found is None or number is None:
                raise _invalid(lang)
            amount = (-1 if found.group("sign") else 1) * number * _multiplier(found.group("mul"))
    else:
        raise _invalid(lang)
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT:
        raise _invalid(lang)
    return amount.quantize(Decimal("0.01")).normalize() if amount % 1 else amount.quantize(Decimal("1"))
