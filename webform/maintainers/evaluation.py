"""The latest evaluation report as the maintainer pages show it: what `make evaluate` wrote into
results/report/ (bot/evaluation/report.py), read without the Rasa environment.

report.json holds per language the intent and entity macro-F1s, per-intent precision, recall, F1 and
support, entity scores, the misread test messages and the confusion matrix (drawn as
confusion_<language>.png); the conversation suite's result; and the comparison with the baseline
(tests/nlu/baseline.json) made when the report was written. A report written without a baseline is
compared here with the baseline file by the same rule (bot.evaluation.baseline).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.evaluation import baseline as baselines

REPORT_FILE = "report.json"
SUMMARY_FILE = "summary.md"
# The only files of the report directory the pages serve, by the name the URL gives.
DOWNLOADS = {"report.json": "application/json", "summary.md": "text/markdown"}


class ReportUnreadable(Exception):
    """report.json exists but is not a report of the expected shape."""


@dataclass(frozen=True)
class IntentRow:
    name: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Misread:
    text: str
    intent: str
    predicted: str
    confidence: float | None


@dataclass(frozen=True)
class LanguageSection:
    """One language of the report; `intents` weakest first; `confusion_png` is None when the picture is
    missing."""

    language: str
    examples: int
    intent_macro_f1: float
    entity_macro_f1: float
    intents: list[IntentRow]
    entities: list[IntentRow]
    misread: list[Misread]
    confusion_png: str | None


@dataclass(frozen=True)
class Change:
    language: str
    measure: str
    baseline: float
    current: float
    points: float


@dataclass(frozen=True)
class Suite:
    passed: int
    total: int
    pass_rate: float
    finished: str


@dataclass
class Report:
    model: str
    created: str
    languages: list[LanguageSection]
    suite: Suite | None
    suite_note: str
    compared: bool
    changes: list[Change] = field(default_factory=list)
    regressions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)


def _score_rows(scores: dict[str, Any]) -> list[IntentRow]:
    rows = [
        IntentRow(str(name), float(s["precision"]), float(s["recall"]), float(s["f1"]), int(s["support"]))
        for name, s in scores.items()
    ]
    return sorted(rows, key=lambda r: (r.f1, r.name))


def _section(directory: Path, language: str, data: dict[str, Any]) -> LanguageSection:
    picture = f"confusion_{language}.png"
    return LanguageSection(
        language=language,
        examples=int(data["examples"]),
        intent_macro_f1=float(data["intent_macro_f1"]),
        entity_macro_f1=float(data["entity_macro_f1"]),
        intents=_score_rows(data["intents"]),
        entities=[r for r in _score_rows(data.get("entities") or {}) if r.support],
        misread=[
            Misread(str(e["text"]), str(e["intent"]), str(e["predicted"]),
                    float(e["confidence"]) if isinstance(e.get("confidence"), int | float) else None)
            for e in data.get("intent_errors") or []
        ],
        confusion_png=picture if (directory / picture).is_file() else None,
    )


def _comparison(data: dict[str, Any], baseline_path: Path) -> dict[str, Any] | None:
    """The comparison `make evaluate` recorded, else one made now with the baseline file (if any)."""
    recorded = data.get("comparison")
    if isinstance(recorded, dict):
        return recorded
    previous = baselines.load(baseline_path)
    if previous is None:
        return None
    made = baselines.compare(baselines.summarise(data), previous)
    return {"regressions": made.regressions, "notes": made.notes, "changes": made.changes}


def load_report(directory: Path, baseline_path: Path) -> Report | None:
    """The report in `directory`, or None when `make evaluate` has not written one there.

    Raises ReportUnreadable when report.json is there but cannot be read as a report."""
    path = directory / REPORT_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        languages = [_section(directory, language, section)
                     for language, section in sorted(data["languages"].items())]
        suite_data = data.get("conversation_suite")
        suite = Suite(int(suite_data["passed"]), int(suite_data["total"]), float(suite_data["pass_rate"]),
                      str(suite_data["finished"])) if suite_data else None
        comparison = _comparison(data, baseline_path)
        changes = [
            Change(str(c["language"]), str(c["measure"]), float(c["baseline"]), float(c["current"]),
                   float(c["points"]))
            for c in (comparison or {}).get("changes") or []
        ]
        return Report(
            model=str(data.get("model") or ""),
            created=str(data.get("created") or ""),
            languages=languages,
            suite=suite,
            suite_note=str(data.get("conversation_suite_note") or ""),
            compared=comparison is not None,
            changes=changes,
            regressions=[str(r) for r in (comparison or {}).get("regressions") or []],
            notes=[str(n) for n in (comparison or {}).get("notes") or []],
            downloads=[name for name in DOWNLOADS if (directory / name).is_file()],
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        raise ReportUnreadable(str(error)) from error


def picture_path(directory: Path, language: str, languages: tuple[str, ...]) -> Path | None:
    """The confusion matrix picture of `language` (one of `languages`), or None when there is none: only
    these fixed names are served, never a path from the request."""
    if language not in languages:
        return None
    path = directory / f"confusion_{language}.png"
    return path if path.is_file() else None
