"""Numbers written in words, in German and English, turned into digits where they stand.

text2num (`find_numbers`) reads the cardinals and ordinals of both languages, also German compounds
("zwölftausendfünfhundert" → 12500, "fünfundzwanzigtausend" → 25000, "zweitausendsiebenundzwanzig" → 2027)
and English groups ("two hundred and fifty thousand" → 250000, "the first" → 1st). Around it this module
adds what the library leaves to us:
- spellings it does not know: "fuenf", "zwoelf" and "dreissig" without umlaut or ß, Berlin "fuffzich",
  "zwanzich", "zwee", the common English "fourty" and "ninty";
- halves and dozens: "anderthalb" / "eineinhalb" → 1.5, "zweieinhalb" → 2.5, "one and a half" → 1.5,
  "half a million" → 500000, "ein Dutzend" / "a dozen" → 12, "zwei Dutzend" → 24;
- an article before a scale word belongs to the number: "eine Million", "a hundred thousand";
- one typo in a number word of six letters or more: "thousend", "hundret", "fiveteen" is too far, "twelwe",
  "tausned", "zwanzgi" (one letter wrong, missing, extra or two swapped; the first letter must be right, and
  an inflected form such as "Tausende" or "hundreds" is no typo).
A lone "ein", "eine", "one" or "a" is no number ("ein Verein", "one of us"); the readers that need it
(durations: "ein Jahr") know it themselves. A scale word right after digits stays a word ("1,5 Millionen",
"20 tausend"), so the amount reader applies it as a multiplier.

- `parse_number(text)`: a number in digits as people write it in either language ("5.000", "20,000", "1,5");
- `number_words(text, lang)`: the numbers written in words, with their positions, as `NumberWord`;
- `with_digits(text, lang)`: the text with each of them replaced by digits, as `Rewritten`, which maps
  positions in the new text back to the original (entities keep the offsets of what the person wrote).
`lang` is "de" or "en"; None reads both (the NLU finders do not know the conversation's language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import NumberFormatError, parse_decimal
from text_to_num import find_numbers

LANGUAGES = ("de", "en")
# Only messages with one of these stems can hold a number word: the library is not called for the rest.
_STEMS = re.compile(
    r"(?i)ein|zwei|zwo|zwee|drei|vier|f(?:ü|ue|u)n?f|fuff|sech|sieb|acht|neun|zehn|elf|zw(?:ö|oe)lf|zig|zich|"
    r"ßig|ssig|hundert|tausend|million|milliard|dutzend|halb|null|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty\b|hundred|thousand|billion|"
    r"dozen|half|first|second|third|fifth|ninth|zero"
)
# A word; a hyphen joins only the parts of an English number ("forty-five", "twenty-first"), so "two-year"
# and "three-month" give their number.
_UNITS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth"
    r"|ninth)"
)
_TOKEN = re.compile(rf"\w+(?:-{_UNITS}\b)?|[^\w\s]", re.IGNORECASE)
# Spellings text2num does not read, by token (lower case) → what it reads.
_SPELLINGS = [
    (re.compile(r"fuff?(?=zi[gc]h?|zehn)"), "fünf"),  # Berlin: fuffzich, fuffzehn
    (re.compile(r"(?<=[a-zäöüß])zich(?=$|tausend|hundert|\b)"), "zig"),  # zwanzich, vierzich
    (re.compile(r"(?<=drei)ssi[gc]h?"), "ßig"),  # dreissig, dreißich
    (re.compile(r"(?<=drei)ßich"), "ßig"),
    (re.compile(r"fuenf"), "fünf"),
    (re.compile(r"zwoelf"), "zwölf"),
    (re.compile(r"^zwee|(?<=und)zwee|(?<=tausend)zwee|(?<=hundert)zwee"), "zwei"),
    (re.compile(r"tausent"), "tausend"),
    (re.compile(r"^fourty"), "forty"),
    (re.compile(r"^ninty"), "ninety"),
    (re.compile(r"^thousend"), "thousand"),
]
# Number words long enough that one typo in them still says which one is meant ("thousend" → "thousand").
_TYPO_VOCABULARY = frozenset(
    """thousand hundred million millions billion eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty eighty ninety seventy tausend hundert million millionen milliarde
    milliarden sieben dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig dreißig
    vierzig fünfzig sechzig siebzig achtzig neunzig""".split()  # noqa: SIM905
)
MIN_TYPO_LENGTH = 6


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


# Each variant with one letter deleted → the words it comes from (symmetric deletion: two words one typo
# apart share a variant, or one is a variant of the other).
_TYPO_INDEX: dict[str, set[str]] = {}
for _word in _TYPO_VOCABULARY:
    for _variant in {_word, *_deletions(_word)}:
        _TYPO_INDEX.setdefault(_variant, set()).add(_word)


@lru_cache(maxsize=4096)
def corrected_number_word(word: str) -> str:
    """The number word a lower-case word with one typo stands for ("thousend" → "thousand",
    "zwanzgi" → "zwanzig", "hundret" → "hundred"), or the word itself: when text2num reads it already
    ("eighth", "hundreds"), it is shorter than MIN_TYPO_LENGTH, an inflected form of a number word
    ("tausende"), or not one typo from number words of one value with the same first letter."""
    if len(word) < MIN_TYPO_LENGTH or word in _TYPO_VOCABULARY or not word.isalpha() or _known(word):
        return word
    candidates: set[str] = set()
    for variant in {word, *_deletions(word)}:
        candidates |= _TYPO_INDEX.get(variant, set())
    candidates = {
        c for c in candidates if c[0] == word[0] and abs(len(c) - len(word)) <= 1 and not word.startswith(c)
    }
    values = {_SAME_VALUE.get(c, c) for c in candidates}
    return min(candidates) if len(values) == 1 else word


# Words of the two languages for the same number: a typo between them is no doubt ("hundret").
_SAME_VALUE = {"hundert": "hundred", "tausend": "thousand", "millionen": "millions"}


class _Word:
    """A single word as text2num's `find_numbers` takes it."""

    def __init__(self, word: str) -> None:
        self.word = word

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def _known(word: str) -> bool:
    """Whether text2num reads the word as it is, in either language ("eighth", "hundreds")."""
    return any(find_numbers([_Word(word)], lang, threshold=0) for lang in LANGUAGES)


_ARTICLES = frozenset({"ein", "eine", "einer", "einen", "'ne", "ne", "a", "an", "one"})
_SCALES = frozenset(
    {
        "hundert",
        "tausend",
        "million",
        "millionen",
        "milliarde",
        "milliarden",
        "hundred",
        "thousand",
        "millions",
        "billion",
    }
)
_SCALE_VALUES = {
    "tausend": 1000,
    "thousand": 1000,
    "million": 1_000_000,
    "millionen": 1_000_000,
    "millions": 1_000_000,
    "mio": 1_000_000,
    "milliarde": 1_000_000_000,
    "milliarden": 1_000_000_000,
    "billion": 1_000_000_000,
}
_HALVES = {"anderthalb": Decimal("1.5"), "eineinhalb": Decimal("1.5"), "einundeinhalb": Decimal("1.5")}
# "zweieinhalb", "dreieinhalb": a German number word + "einhalb"
_AND_A_HALF_DE = re.compile(r"(?i)\b(\w+?)einhalb\b")
# "one and a half", "two and a half" (English, also before a scale word: "one and a half million")
_AND_A_HALF_EN = re.compile(r"(?i)\b(\w+(?:-\w+)?)\s+and\s+a\s+half\b")
# "half a million", "eine halbe Million"
_HALF_A = re.compile(r"(?i)\b(?:half\s+an?|eine\s+halbe)\s+(?=(?:million|mio)\b)")
_DOZEN = re.compile(
    r"(?i)\b(?:(?P<half>half\s+an?|ein(?:es)?\s+halbes?)\s+|(?P<n>\w+(?:-\w+)?)\s+)?(?P<word>dutzend|dozen)\b"
)
_VAGUE = frozenset({"paar", "couple", "several", "mehrere", "few", "einige", "some", "viele", "many"})
_SCALE_AFTER = re.compile(
    r"(?i)\s+(?P<scale>tausend|thousand|millionen|million|millions|mio\.?|milliarden|billion)\b"
)


@dataclass(frozen=True)
class NumberWord:
    """A number written in words: its position in the text, the words, the value, whether it counts
    ("zwanzig") or orders ("zwanzigsten", "first"), and the words as read (`read`: lower case, with
    spellings and typos corrected: "ten thousend" → "ten thousand"; the written text where not given)."""

    start: int
    end: int
    text: str
    value: Decimal
    ordinal: bool = False
    read: str = ""

    @property
    def words(self) -> str:
        """The words as read: "ten thousand" for "ten thousend"."""
        return self.read or self.text.lower()

    @property
    def digits(self) -> str:
        """The value in digits as the readers expect it: "12500", "1.5"; ordinals "1." (German style,
        which both languages' date readers take)."""
        text = format(self.value.normalize(), "f")
        return f"{text}." if self.ordinal else text


class _Token:
    """A word as text2num's `find_numbers` takes it (the Token protocol), with its place in the text."""

    __slots__ = ("end", "start", "word")

    def __init__(self, match: re.Match[str]) -> None:
        self.start, self.end = match.start(), match.end()
        word = match.group().lower()
        for pattern, spelling in _SPELLINGS:
            word = pattern.sub(spelling, word)
        self.word = corrected_number_word(word)

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def _small_number(word: str) -> Decimal | None:
    """A single number word of either language ("zwei", "two", "ein", "one") or None."""
    if word.lower() in _ARTICLES:
        return Decimal(1)
    tokens = [_Token(m) for m in _TOKEN.finditer(word)]
    for lang in LANGUAGES:
        found = find_numbers(tokens, lang, threshold=0)
        if len(found) == 1 and not found[0].is_ordinal and found[0].end == len(tokens):
            return Decimal(str(int(found[0].value)))
    return None


def _library_numbers(text: str, lang: str) -> list[NumberWord]:
    tokens = [_Token(m) for m in _TOKEN.finditer(text)]
    found: list[NumberWord] = []
    for occurrence in find_numbers(tokens, lang, threshold=0):
        first, last = tokens[occurrence.start], tokens[occurrence.end - 1]
        words = [t.word for t in tokens[occurrence.start : occurrence.end]]
        value = (
            Decimal(str(int(occurrence.value)))
            if occurrence.value == int(occurrence.value)
            else Decimal(str(occurrence.value))
        )
        before = tokens[occurrence.start - 1] if occurrence.start else None
        if words[0] in _SCALES and before is not None:
            previous = found[-1] if found else None
            if previous and previous.end == before.end and previous.value % 1 and words[0] in _SCALE_VALUES:
                # "zwölf Komma fünf tausend", "one point two million": text2num reads the decimals
                value = previous.value * _SCALE_VALUES[words[0]]
                read = f"{previous.words} {' '.join(words)}"
                found[-1] = NumberWord(
                    previous.start, last.end, text[previous.start : last.end], value, read=read
                )
                continue
            if re.fullmatch(r"[\d.,]+", text[before.start : before.end]):
                continue  # "1,5 Millionen", "20 tausend": the amount reader multiplies
            if {t.word for t in tokens[max(0, occurrence.start - 3) : occurrence.start]} & _VAGUE:
                continue  # "ein paar tausend", "a couple of hundred": no number
            if before.word in _ARTICLES:
                first = before  # "eine Million", "a hundred thousand"
        if len(words) == 1 and value == 1 and not occurrence.is_ordinal:
            continue  # "ein Verein", "one of us": no number by itself
        read = " ".join(([before.word] if before is not None and first is before else []) + words)
        found.append(
            NumberWord(
                first.start,
                last.end,
                text[first.start : last.end],
                value,
                bool(occurrence.is_ordinal),
                read,
            )
        )
    return found


def _fractions(text: str) -> list[NumberWord]:
    """Halves and dozens, with a scale word after them where there is one ("eineinhalb Millionen")."""
    found: list[NumberWord] = []

    def add(start: int, end: int, value: Decimal) -> None:
        scale = _SCALE_AFTER.match(text, end)
        if scale:
            value *= _SCALE_VALUES[scale.group("scale").lower().rstrip(".")]
            end = scale.end()
        found.append(NumberWord(start, end, text[start:end], value))

    for match in re.finditer(r"(?i)\b(?:anderthalb|eineinhalb|einundeinhalb)\b", text):
        add(match.start(), match.end(), _HALVES[match.group().lower()])
    for match in _AND_A_HALF_DE.finditer(text):
        whole = _small_number(match.group(1))
        if match.group().lower() not in _HALVES and whole is not None and whole > 1:
            add(match.start(), match.end(), whole + Decimal("0.5"))
    for match in _AND_A_HALF_EN.finditer(text):
        whole = _small_number(match.group(1))
        if whole is not None and re.match(r"\s*(?:million|mio|thousand)", text[match.end() :], re.I):
            add(match.start(), match.end(), whole + Decimal("0.5"))  # "one and a half million"
    for match in _HALF_A.finditer(text):
        add(match.start(), match.end() - 1, Decimal("0.5"))
    for match in _DOZEN.finditer(text):
        many = (match.group("n") or "").lower()
        if many in _VAGUE:
            continue  # "ein paar Dutzend", "several dozen": no number
        count = Decimal("0.5") if match.group("half") else (_small_number(many) if many else None)
        start = match.start() if count is not None else match.start("word")
        found.append(NumberWord(start, match.end(), text[start : match.end()], (count or Decimal(1)) * 12))
    return found


@lru_cache(maxsize=2048)
def _number_words(text: str, lang: str | None) -> tuple[NumberWord, ...]:
    if not _STEMS.search(text):
        return ()
    found: list[NumberWord] = []
    for item in _fractions(text):
        if all(item.end <= f.start or item.start >= f.end for f in found):
            found.append(item)
    # Both languages' readings; the longest wins where they overlap, then the conversation's language.
    order = sorted(LANGUAGES, key=lambda language: language != lang)
    candidates = [
        (item, rank) for rank, language in enumerate(order) for item in _library_numbers(text, language)
    ]
    for item, _rank in sorted(candidates, key=lambda c: (c[0].start - c[0].end, c[1])):
        if all(item.end <= f.start or item.start >= f.end for f in found):
            found.append(item)
    return tuple(sorted(found, key=lambda n: n.start))


def number_words(text: str, lang: str | None = None) -> list[NumberWord]:
    """The numbers written in words in `text`, in order, with their character offsets.

    "wir brauchen fünfzigtausend Euro für zwanzig Leute" → NumberWord(13, 27, "fünfzigtausend", 50000),
    NumberWord(37, 44, "zwanzig", 20). `lang` "de" or "en" reads that language first and the other where
    nothing overlaps; None reads both alike. Never raises; text without number words gives [].
    """
    return list(_number_words(text, lang))


@dataclass(frozen=True)
class Rewritten:
    """A text with some words replaced (number words by digits, a misspelt month by its name), and the way
    back to the original offsets, so entities keep the positions of what the person wrote."""

    original: str
    text: str
    # (start, end) in `text` and (start, end) in `original` of each replacement, in order
    replaced: tuple[tuple[int, int, int, int], ...] = ()

    def position(self, index: int, end: bool = False) -> int:
        """The offset in the original text for an offset in `text` (a start, or with end=True an end)."""
        shift = 0
        for new_start, new_end, old_start, old_end in self.replaced:
            if index < new_start or (end and index == new_start):
                break
            if index < new_end or (end and index == new_end):
                return old_end if end else old_start
            shift = old_end - new_end
        return index + shift

    def span(self, start: int, end: int) -> tuple[int, int, str]:
        """(start, end, words) in the original text for a span of `text`."""
        old_start, old_end = self.position(start), self.position(end, end=True)
        return old_start, old_end, self.original[old_start:old_end]


def rewrite(text: str, replacements: list[tuple[int, int, str]]) -> Rewritten:
    """`text` with each (start, end, new words) replaced; overlapping replacements after the first are
    left out."""
    parts: list[str] = []
    replaced: list[tuple[int, int, int, int]] = []
    position = length = 0
    for start, end, new in sorted(replacements):
        if start < position:
            continue
        parts.append(text[position:start])
        length += start - position
        replaced.append((length, length + len(new), start, end))
        parts.append(new)
        length += len(new)
        position = end
    parts.append(text[position:])
    return Rewritten(text, "".join(parts), tuple(replaced))


@lru_cache(maxsize=2048)
def with_digits(text: str, lang: str | None = None, ordinals: bool = True) -> Rewritten:
    """`text` with every number written in words replaced by its digits (see `NumberWord.digits`).

    "fünfzigtausend Euro" → "50000 Euro"; "ab dem ersten März" → "ab dem 1. März" (with ordinals=False
    ordinals stay words: "unser erstes Projekt" counts nothing); "about a dozen" → "about 12". Text
    without number words comes back unchanged (and fast: a regex decides).
    """
    numbers = [n for n in _number_words(text, lang) if ordinals or not n.ordinal]
    return rewrite(text, [(n.start, n.end, n.digits) for n in numbers])


def parse_number(text: str) -> Decimal | None:
    """A number in digits as people write it in German or English: "5.000", "20,000", "1,5", "1.5", "20 000".

    A separator followed by exactly three digits is grouping in either language ("20,000" is never 20);
    otherwise Babel parses the number with the locale whose decimal separator it is. None if unreadable.
    """
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
