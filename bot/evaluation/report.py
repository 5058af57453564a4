"""`make evaluate`: the evaluation report of a trained model, compared with the baseline in the repository.

    .venv-rasa/bin/python -m bot.evaluation.report --model models/<model>.tar.gz [--update-baseline]

Parses the held-out test sets (tests/nlu/de, tests/nlu/en; never used for training) and writes
results/report/: report.json (per language and intent precision, recall, F1 and support; entity scores;
every misread message; the confusion matrix as numbers), confusion_<language>.png and summary.md. The
conversation suite's pass rate comes from the newest complete result in results/conversations/*.json
(written by `python -m tests.e2e.conversations --json FILE`); without one the report says so.

Exits 1 when the report regresses against tests/nlu/baseline.json (bot/evaluation/baseline.py: a macro-F1
more than 2 points lower in a language, or a lower suite pass rate). `--update-baseline` accepts the report
as the new baseline instead (commit the file with the change that earned it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.evaluation import baseline as baselines
from bot.evaluation.render import confusion_png, summary_markdown
from bot.evaluation.scores import confusion_matrix, entity_macro_f1, intent_scores, macro_f1

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "results" / "report"
BASELINE = ROOT / "tests" / "nlu" / "baseline.json"
SUITE_RESULTS = ROOT / "results" / "conversations"
LANGUAGES = ("de", "en")

Example = dict[str, Any]  # {"text", "intent", "entities"} as in the test sets
Parse = Callable[[list[str]], list[dict[str, Any]]]  # texts -> Rasa parse results, in order


def latest_suite_result(directory: Path) -> tuple[dict[str, Any] | None, str]:
    """The newest complete run of the conversation suite in `directory` (by its `finished` time) with the
    file name added, or None and a sentence saying why there is none."""
    runs: list[tuple[str, dict[str, Any]]] = []
    partial = 0
    for path in sorted(directory.glob("*.json")) if directory.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if not isinstance(data, dict) or not {"total", "passed", "pass_rate", "finished"} <= set(data):
            continue
        if not data.get("complete") or not data["total"]:
            partial += 1
            continue
        runs.append((data["finished"], {**data, "file": str(path.relative_to(ROOT) if path.is_relative_to(
            ROOT) else path)}))
    if runs:
        return max(runs, key=lambda run: run[0])[1], ""
    where = directory.relative_to(ROOT) if directory.is_relative_to(ROOT) else directory
    note = f"no result of a complete run in {where}/ (pass rate unknown"
    note += f"; {partial} partial run(s) ignored)" if partial else ")"
    return None, note + "; run `python -m tests.e2e.conversations --json results/conversations/suite.json`"


def language_section(examples: list[Example], parsed: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores of one language's test set: intents (per intent and macro-F1), entities, the misread
    messages and the confusion matrix."""
    from bot.evaluate_nlu import UNANNOTATED_PARTS, entity_scores

    gold = [e["intent"] for e in examples]
    predicted = [p["intent"]["name"] for p in parsed]
    scores = intent_scores(gold, predicted)
    entities = entity_scores(
        [
            (e["entities"], p.get("entities") or [])
            for e, p in zip(examples, parsed, strict=True)
            if e.get("part") not in UNANNOTATED_PARTS  # written without entity annotations
        ]
    )
    labels, counts = confusion_matrix(gold, predicted)
    return {
        "examples": len(examples),
        "intent_macro_f1": macro_f1(scores),
        "intents": {name: score.as_dict() for name, score in scores.items()},
        "entity_macro_f1": entity_macro_f1(entities),
        "entities": entities,
        "intent_errors": [
            {"text": e["text"], "intent": e["intent"], "predicted": p["intent"]["name"],
             "confidence": p["intent"].get("confidence")}
            for e, p in zip(examples, parsed, strict=True)
            if e["intent"] != p["intent"]["name"]
        ],
        "confusion": {"labels": labels, "counts": counts},
    }


def build_report(
    test_sets: dict[str, list[Example]],
    parse: Parse,
    model_name: str,
    suite_dir: Path = SUITE_RESULTS,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The full report: one section per language of `test_sets`, each parsed with `parse`, and the
    conversation suite's newest complete result."""
    suite, suite_note = latest_suite_result(suite_dir)
    report: dict[str, Any] = {
        "model": model_name,
        "created": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "languages": {},
        "conversation_suite": suite,
        "conversation_suite_note": suite_note,
    }
    for language, examples in test_sets.items():
        parsed = parse([e["text"] for e in examples])
        report["languages"][language] = language_section(examples, parsed)
    return report


def write_report(report: dict[str, Any], comparison: baselines.Comparison | None, out_dir: Path) -> None:
    """report.json, confusion_<language>.png and summary.md in `out_dir` (created if missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for language, section in report["languages"].items():
        section["confusion_png"] = f"confusion_{language}.png"
        confusion = section["confusion"]
        title = f"Intents ({language})"
        confusion_png(confusion["labels"], confusion["counts"], title, out_dir / section["confusion_png"])
    if comparison is not None:
        report["comparison"] = {
            "regressions": comparison.regressions, "notes": comparison.notes, "changes": comparison.changes
        }
    (out_dir / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    (out_dir / "summary.md").write_text(summary_markdown(report, comparison), encoding="utf-8")


def run(
    test_sets: dict[str, list[Example]],
    parse: Parse,
    model_name: str,
    out_dir: Path = OUT_DIR,
    baseline_path: Path = BASELINE,
    suite_dir: Path = SUITE_RESULTS,
    update_baseline: bool = False,
) -> int:
    """Builds and writes the report, compares it with the baseline and prints the summary. Returns the
    exit code: 1 on a regression, else 0 (also with no baseline yet, or when `update_baseline` writes
    this report's summary as the new baseline)."""
    report = build_report(test_sets, parse, model_name, suite_dir)
    summary = baselines.summarise(report)
    previous = baselines.load(baseline_path)
    comparison = baselines.compare(summary, previous) if previous is not None else None
    write_report(report, comparison, out_dir)
    print((out_dir / "summary.md").read_text(encoding="utf-8"))
    print(f"report: {out_dir}")
    if update_baseline:
        baselines.save(summary, baseline_path)
        print(f"baseline updated: {baseline_path}")
        return 0
    if comparison is not None and not comparison.ok:
        for regression in comparison.regressions:
            print(f"regression: {regression}", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", required=True, type=Path)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--suite-results", type=Path, default=SUITE_RESULTS)
    parser.add_argument("--update-baseline", action="store_true", help="accept this report as the baseline")
    args = parser.parse_args()
    if not args.model.exists():
        print(f"no model at {args.model}: run `make train` first", file=sys.stderr)
        return 2
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logging.disable(logging.WARNING)
    import structlog  # Rasa logs every parsed message at debug level through structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    from bot.evaluate_nlu import load_examples, parse_messages

    model = str(args.model)
    return run(
        {language: load_examples(language) for language in LANGUAGES},
        lambda texts: parse_messages(model, texts),
        args.model.name,
        args.out,
        args.baseline,
        args.suite_results,
        args.update_baseline,
    )


if __name__ == "__main__":
    sys.exit(main())
