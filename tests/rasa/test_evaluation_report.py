"""The evaluation report (bot/evaluation): scores, the regression check against the baseline, and the whole
report code path on a tiny test set, once with right and once with deliberately worse predictions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.evaluation.baseline import compare, summarise
from bot.evaluation.report import latest_suite_result, run
from bot.evaluation.scores import confusion_matrix, intent_scores, macro_f1


def _summary(de: float, en: float, suite: float | None = None, entity: float = 0.95) -> dict[str, Any]:
    return {
        "languages": {
            "de": {"examples": 100, "intent_macro_f1": de, "entity_macro_f1": entity},
            "en": {"examples": 100, "intent_macro_f1": en, "entity_macro_f1": entity},
        },
        "conversation_suite": (
            None if suite is None
            else {"total": 50, "passed": round(50 * suite), "pass_rate": suite, "finished": "2026-11-30"}
        ),
    }


def test_scores_per_intent_and_the_confusion_matrix() -> None:
    gold = ["greet", "greet", "deny", "deny"]
    predicted = ["greet", "nlu_fallback", "deny", "greet"]
    scores = intent_scores(gold, predicted)
    assert scores["greet"].precision == pytest.approx(1 / 2)
    assert scores["greet"].recall == pytest.approx(1 / 2)
    assert scores["deny"].precision == 1.0 and scores["deny"].recall == pytest.approx(1 / 2)
    assert "nlu_fallback" not in scores
    assert macro_f1(scores) == pytest.approx((0.5 + 2 / 3) / 2)
    labels, counts = confusion_matrix(gold, predicted)
    assert labels == ["deny", "greet", "nlu_fallback"]
    assert counts == [[1, 1, 0], [0, 1, 1], [0, 0, 0]]


def test_a_drop_of_more_than_two_points_in_one_language_is_a_regression() -> None:
    comparison = compare(_summary(0.915, 0.94), _summary(0.94, 0.94))
    assert not comparison.ok
    assert comparison.regressions[0].startswith("de: intent_macro_f1 0.915 is 2.5 points below")


def test_a_drop_of_two_points_or_less_and_any_gain_pass() -> None:
    comparison = compare(_summary(0.92, 0.99), _summary(0.94, 0.94))
    assert comparison.ok
    assert {c["points"] for c in comparison.changes if c["measure"] == "intent_macro_f1"} == {-2.0, 5.0}


def test_entity_scores_and_missing_languages_count_too() -> None:
    assert not compare(_summary(0.94, 0.94, entity=0.90), _summary(0.94, 0.94)).ok
    worse = _summary(0.94, 0.94)
    del worse["languages"]["en"]
    assert compare(worse, _summary(0.94, 0.94)).regressions == ["en: missing from the report (the baseline has it)"]


def test_a_lower_suite_pass_rate_is_a_regression_a_missing_one_only_a_note() -> None:
    assert compare(_summary(0.94, 0.94, suite=0.96), _summary(0.94, 0.94, suite=0.98)).regressions[0].startswith(
        "conversation suite: 48/50 passed"
    )
    unknown = compare(_summary(0.94, 0.94), _summary(0.94, 0.94, suite=0.98))
    assert unknown.ok
    assert unknown.notes == ["conversation suite: no complete run found, pass rate not compared"]


def test_a_summary_compares_equal_with_itself() -> None:
    report = {
        "model": "m.tar.gz", "created": "2026-11-30T10:00:00+00:00", "conversation_suite": None,
        "languages": {"de": {"examples": 3, "intent_macro_f1": 2 / 3, "entity_macro_f1": 1 / 3}},
    }
    summary = summarise(report)
    assert summary["languages"]["de"] == {"examples": 3, "intent_macro_f1": 0.6667, "entity_macro_f1": 0.3333}
    assert compare(summarise(report), summary).ok


def _write_suite(directory: Path, name: str, finished: str, passed: int, total: int, complete: bool) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(json.dumps({
        "finished": finished, "complete": complete, "total": total, "passed": passed,
        "failed": total - passed, "pass_rate": passed / total, "failed_cases": [],
    }))


def test_the_newest_complete_suite_run_counts_and_partial_runs_do_not(tmp_path: Path) -> None:
    suite, note = latest_suite_result(tmp_path / "none")
    assert suite is None and "pass rate unknown" in note
    _write_suite(tmp_path, "a.json", "2026-11-29T10:00:00+00:00", 40, 50, True)
    _write_suite(tmp_path, "b.json", "2026-11-30T10:00:00+00:00", 49, 50, True)
    _write_suite(tmp_path, "c.json", "2026-11-30T11:00:00+00:00", 1, 1, False)
    suite, note = latest_suite_result(tmp_path)
    assert suite is not None and suite["passed"] == 49 and note == ""


TEST_SETS = {
    "de": [
        {"text": "hallo", "intent": "greet", "entities": []},
        {"text": "moin", "intent": "greet", "entities": []},
        {"text": "nein danke", "intent": "deny", "entities": []},
        {"text": "lieber nicht", "intent": "deny", "entities": []},
        {"text": "in Mitte", "intent": "inform", "entities": [
            {"entity": "district", "start": 3, "end": 8, "value": "Mitte"}]},
    ],
    "en": [
        {"text": "hello", "intent": "greet", "entities": []},
        {"text": "no thanks", "intent": "deny", "entities": []},
    ],
}


def _parser(wrong: set[str]) -> Any:
    """A stand-in for the model: right for every test message except those in `wrong` (read as greet)."""
    gold = {e["text"]: e for examples in TEST_SETS.values() for e in examples}

    def parse(texts: list[str]) -> list[dict[str, Any]]:
        return [
            {
                "intent": {"name": "greet" if text in wrong else gold[text]["intent"], "confidence": 0.9},
                "entities": [] if text in wrong else gold[text]["entities"],
            }
            for text in texts
        ]

    return parse


def test_the_report_fails_on_deliberately_worse_predictions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline, out, suites = tmp_path / "baseline.json", tmp_path / "report", tmp_path / "suites"
    _write_suite(suites, "suite.json", "2026-11-30T10:00:00+00:00", 50, 50, True)
    assert run(TEST_SETS, _parser(set()), "good.tar.gz", out, baseline, suites, update_baseline=True) == 0
    assert json.loads(baseline.read_text())["languages"]["de"]["intent_macro_f1"] == 1.0
    assert run(TEST_SETS, _parser(set()), "same.tar.gz", out, baseline, suites) == 0

    assert run(TEST_SETS, _parser({"nein danke", "in Mitte"}), "worse.tar.gz", out, baseline, suites) == 1
    assert "regression: de: intent_macro_f1" in capsys.readouterr().err
    report = json.loads((out / "report.json").read_text())
    de = report["languages"]["de"]
    assert de["intents"]["deny"]["recall"] == 0.5
    assert de["intent_errors"][0] == {"text": "nein danke", "intent": "deny", "predicted": "greet", "confidence": 0.9}
    assert report["languages"]["en"]["intent_macro_f1"] == 1.0
    assert report["conversation_suite"]["pass_rate"] == 1.0
    assert (out / "confusion_de.png").read_bytes()[:4] == b"\x89PNG"
    assert (out / "confusion_en.png").exists()
    summary = (out / "summary.md").read_text()
    assert "**Regressions:**" in summary and "Conversation suite: 50/50" in summary
    # The baseline is kept until a report is accepted on purpose.
    assert json.loads(baseline.read_text())["model"] == "good.tar.gz"


def test_the_report_fails_when_the_suite_pass_rate_drops(tmp_path: Path) -> None:
    baseline, out, suites = tmp_path / "baseline.json", tmp_path / "report", tmp_path / "suites"
    _write_suite(suites, "suite.json", "2026-11-30T10:00:00+00:00", 50, 50, True)
    run(TEST_SETS, _parser(set()), "good.tar.gz", out, baseline, suites, update_baseline=True)
    _write_suite(suites, "later.json", "2026-11-30T12:00:00+00:00", 48, 50, True)
    assert run(TEST_SETS, _parser(set()), "good.tar.gz", out, baseline, suites) == 1
