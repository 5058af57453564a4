"""Numbers and dates as people write them, as the chat reads them: the NLU entity of the field's kind
(programmes' finders, as bot/nlu/extractor.py yields them), else the answer through the field's reader.

The table is tests/phrasings/numbers_and_dates.tsv. The report compares, per language and kind, the chat
before number words and relative dates were read, each library alone (text2num: the one number it leaves
in the answer; dateparser: the answer parsed as a whole) and the chat now; it is printed and kept in
results/phrasings-chat.txt.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from text_to_num import alpha2digit

from programmes.dates import library_date
from programmes.numbers import parse_number
from tests.phrasings import NOT_READ, TODAY, Row, chat_value, hit_rates, rows

TABLE = rows()


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIEZLOTSE_TODAY", TODAY.isoformat())


def text2num_alone(row: Row) -> str | None:
    """The one number text2num leaves in the answer, or "-"; None for dates (not its job)."""
    if row.kind == "date":
        return None
    numbers = re.findall(r"\d+(?:[.,]\d+)*", alpha2digit(row.text, row.lang, threshold=0))
    value = parse_number(numbers[0]) if len(numbers) == 1 else None
    return format(value.normalize(), "f") if value is not None and value > 0 else NOT_READ


def dateparser_alone(row: Row) -> str | None:
    """dateparser on the whole answer with the chat's settings, or "-"; None for numbers (not its job)."""
    if row.kind != "date":
        return None
    found = library_date(row.text, TODAY, row.lang)
    return found.isoformat() if found else NOT_READ


@pytest.mark.parametrize("row", TABLE, ids=[r.id for r in TABLE])
def test_every_phrasing_is_read_in_the_chat(row: Row) -> None:
    assert chat_value(row) == row.expected


def test_hit_rates_before_each_library_alone_and_now(capsys: pytest.CaptureFixture[str]) -> None:
    report = hit_rates(
        TABLE,
        {
            "before": lambda r: r.before,
            "text2num alone": text2num_alone,
            "dateparser alone": dateparser_alone,
            "now": chat_value,
        },
    )
    Path("results").mkdir(exist_ok=True)
    Path("results/phrasings-chat.txt").write_text(report + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\nNumbers and dates in the chat: hits per language and kind\n" + report)
    assert all(chat_value(r) == r.expected for r in TABLE)
