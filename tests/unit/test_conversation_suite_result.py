"""The conversation suite's machine-readable result (`python -m tests.e2e.conversations --json FILE`),
which `make evaluate` reads for the pass rate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.e2e.conversations import SUITE_DIR, is_whole_suite, suite_result


def test_the_result_counts_passed_and_failed_cases() -> None:
    now = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
    result = suite_result(["a.yml::one", "a.yml::two", "b.yml::three"], ["b.yml::four"], True, now)
    assert result == {
        "finished": "2026-11-30T12:00:00+00:00",
        "complete": True,
        "total": 4,
        "passed": 3,
        "failed": 1,
        "pass_rate": 0.75,
        "failed_cases": ["b.yml::four"],
    }
    assert suite_result([], [], True, now)["pass_rate"] == 0.0


def test_only_a_run_of_every_case_is_complete() -> None:
    assert is_whole_suite([SUITE_DIR], None)
    assert not is_whole_suite([SUITE_DIR], "draft")
    assert not is_whole_suite([SUITE_DIR / "guidance"], None)
    assert not is_whole_suite([SUITE_DIR, Path("extra")], None)
