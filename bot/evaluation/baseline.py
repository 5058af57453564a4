"""The baseline: a small JSON summary of an accepted report, kept in the repository, and the regression check.

A report regresses when, for any language of the baseline, the intent macro-F1 or the entity macro-F1 drops
by more than MAX_F1_DROP (2 points on the 0–100 scale), or when the conversation suite's pass rate drops at
all. A suite result that is missing on either side is not compared, and the comparison says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_F1_DROP = 0.02
_EPSILON = 1e-9  # a baseline rounded to four places must not fail against its own report
F1_MEASURES = ("intent_macro_f1", "entity_macro_f1")


@dataclass
class Comparison:
    """What changed against the baseline: `regressions` fail `make evaluate`; `notes` are told only."""

    regressions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.regressions


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    """The baseline form of a full report: per language the example count and both macro-F1s (0..1,
    four decimals), the suite's counts and pass rate (or None), the model file name and the date."""
    suite = report.get("conversation_suite")
    return {
        "model": report.get("model"),
        "created": report.get("created"),
        "max_f1_drop": MAX_F1_DROP,
        "languages": {
            language: {
                "examples": section["examples"],
                **{measure: round(section[measure], 4) for measure in F1_MEASURES},
            }
            for language, section in sorted(report["languages"].items())
        },
        "conversation_suite": (
            {key: suite[key] for key in ("total", "passed", "pass_rate", "finished")} if suite else None
        ),
    }


def compare(current: dict[str, Any], baseline: dict[str, Any]) -> Comparison:
    """Compares two summaries (as made by `summarise`). Each F1 measure of each baseline language is
    listed in `changes` with its difference in points; a drop over MAX_F1_DROP, a language missing from
    the current report, or a lower suite pass rate is a regression."""
    result = Comparison()
    for language, before in sorted(baseline.get("languages", {}).items()):
        now = current.get("languages", {}).get(language)
        if now is None:
            result.regressions.append(f"{language}: missing from the report (the baseline has it)")
            continue
        for measure in F1_MEASURES:
            if measure not in before:
                continue
            drop = before[measure] - now[measure]
            result.changes.append(
                {"language": language, "measure": measure, "baseline": before[measure],
                 "current": now[measure], "points": round(-drop * 100, 2)}
            )
            if drop > MAX_F1_DROP + _EPSILON:
                result.regressions.append(
                    f"{language}: {measure} {now[measure]:.3f} is {drop * 100:.1f} points below the "
                    f"baseline {before[measure]:.3f} (at most {MAX_F1_DROP * 100:.0f} allowed)"
                )
    suite_before, suite_now = baseline.get("conversation_suite"), current.get("conversation_suite")
    if suite_before and suite_now:
        if suite_now["pass_rate"] < suite_before["pass_rate"] - _EPSILON:
            result.regressions.append(
                f"conversation suite: {suite_now['passed']}/{suite_now['total']} passed "
                f"({suite_now['pass_rate']:.1%}), baseline {suite_before['passed']}/{suite_before['total']} "
                f"({suite_before['pass_rate']:.1%})"
            )
    elif suite_before:
        result.notes.append("conversation suite: no complete run found, pass rate not compared")
    elif suite_now:
        result.notes.append("conversation suite: the baseline has no pass rate, not compared")
    return result


def load(path: Path) -> dict[str, Any] | None:
    """The baseline at `path`, or None if there is none yet."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def save(summary: dict[str, Any], path: Path) -> None:
    """Writes a summary as the new baseline (sorted keys, so a change reads well in a diff)."""
    text = json.dumps(summary, indent=2, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
