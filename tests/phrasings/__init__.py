"""The table of numbers and dates as people write them (numbers_and_dates.tsv) and how to score it.

Each row is the answer to the draft question of its kind; `chat_value` gives what the chat stores for it
(the NLU entity of that kind when there is one, else the answer's text, through the field's reader, as
actions/draft does), `reader_value` what the form service stores (the reader alone).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).with_name("numbers_and_dates.tsv")
TODAY = dt.date(2026, 11, 22)
NOT_READ, ASKED_BACK = "-", "ask"
KINDS = ("amount", "participants", "duration", "date")


@dataclass(frozen=True)
class Row:
    lang: str
    kind: str
    text: str
    expected: str
    before: str

    @property
    def id(self) -> str:
        return f"{self.lang}-{self.kind}-{self.text}"


def rows() -> list[Row]:
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [Row(**dict(zip(header, line.split("\t"), strict=True))) for line in lines[1:]]


def outcome(read: Callable[[], object]) -> str:
    """A reader's result as the table writes it: the value, "-" (re-asked) or "ask" (asked back)."""
    from programmes.errors import FieldError

    try:
        value = read()
    except FieldError as error:
        return ASKED_BACK if error.key.endswith("_ambiguous") else NOT_READ
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def reader_value(row: Row) -> str:
    """What the form service stores for the answer: the field's reader on the text."""
    from programmes import answers

    readers: dict[str, Callable[[], object]] = {
        "amount": lambda: answers.read_amount(row.text, row.lang),
        "participants": lambda: answers.read_participants(row.text),
        "duration": lambda: answers.read_months(row.text),
        "date": lambda: answers.read_date(row.text, row.lang),
    }
    return outcome(readers[row.kind])


def chat_value(row: Row) -> str:
    """What the chat stores: the NLU entity of the field's kind if the message has one, else the text."""
    from programmes import answers
    from programmes.amounts import find_amounts
    from programmes.dates import find_dates
    from programmes.durations import find_durations

    if row.kind == "amount":
        found = [a.value for a in find_amounts(row.text, row.lang)]
        return outcome(lambda: answers.read_amount(found[0] if found else row.text, row.lang))
    if row.kind == "duration":
        found = [d.value for d in find_durations(row.text, row.lang)]
        return outcome(lambda: answers.read_months(found[0] if found else row.text))
    if row.kind == "date":
        found = [d.value for d in find_dates(row.text, TODAY, row.lang)]
        return outcome(lambda: answers.read_date(found[0] if found else row.text, row.lang))
    return reader_value(row)


def hit_rates(table: Iterable[Row], columns: dict[str, Callable[[Row], str | None]]) -> str:
    """A text table of hits per language and kind, one column per way of reading (None: does not apply)."""
    hits: Counter[tuple[str, str, str]] = Counter()
    applies: Counter[tuple[str, str, str]] = Counter()
    totals: Counter[tuple[str, str]] = Counter()
    for row in table:
        totals[row.lang, row.kind] += 1
        for name, read in columns.items():
            value = read(row)
            applies[row.lang, row.kind, name] += value is not None
            hits[row.lang, row.kind, name] += value == row.expected
    lines = ["lang  kind          rows  " + "  ".join(f"{name:>17}" for name in columns)]
    for lang, kind in sorted(totals, key=lambda key: (key[0], KINDS.index(key[1]))):
        cells = []
        for name in columns:
            hit, total = hits[lang, kind, name], applies[lang, kind, name]
            cells.append(f"{hit:>3}/{total:<3} {100 * hit / total:5.1f} %" if total else "n/a")
        lines.append(f"{lang:<5} {kind:<13} {totals[lang, kind]:>4}  " + "  ".join(f"{c:>17}" for c in cells))
    return "\n".join(lines)
