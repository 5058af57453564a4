"""Numbers and dates as people write them, read by the form service's readers (programmes/): the table
tests/phrasings/numbers_and_dates.tsv, with the hit rates before and now printed and kept in results/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.phrasings import TODAY, Row, hit_rates, reader_value, rows

TABLE = rows()


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIEZLOTSE_TODAY", TODAY.isoformat())


@pytest.mark.parametrize("row", TABLE, ids=[r.id for r in TABLE])
def test_every_phrasing_is_read_by_the_field_reader(row: Row) -> None:
    assert reader_value(row) == row.expected


def test_the_table_is_large_enough_in_each_language() -> None:
    for lang in ("de", "en"):
        assert sum(r.lang == lang and r.kind != "date" for r in TABLE) >= 40
        assert sum(r.lang == lang and r.kind == "date" for r in TABLE) >= 40


def test_hit_rates_before_and_now(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    report = hit_rates(TABLE, {"before (chat)": lambda r: r.before, "now (form service)": reader_value})
    Path("results").mkdir(exist_ok=True)
    Path("results/phrasings-form-service.txt").write_text(report + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\nNumbers and dates as people write them: hits per language and kind\n" + report)
    assert all(reader_value(r) == r.expected for r in TABLE)
