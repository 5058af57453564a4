"""Writes the report's pictures and its Markdown summary.

The confusion matrix is drawn with matplotlib (Rasa environment) without a display (Agg backend).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from bot.evaluation.baseline import Comparison


def confusion_png(labels: list[str], counts: list[list[int]], title: str, path: Path) -> None:
    """Draws counts[i][j] (gold labels[i] predicted as labels[j]) as a heat map with the counts written in
    the cells that are not zero, and saves it as PNG. The figure grows with the number of labels."""
    with warnings.catch_warnings():
        # matplotlib 3.6 calls pyparsing's old names; that is matplotlib's to fix, not a problem here.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="matplotlib")
        _draw_confusion(labels, counts, title, path)


def _draw_confusion(labels: list[str], counts: list[list[int]], title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    size = max(6.0, 0.32 * len(labels) + 3)
    figure, axes = plt.subplots(figsize=(size, size))
    try:
        axes.imshow(counts, cmap="Blues")
        axes.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
        axes.set_yticks(range(len(labels)), labels, fontsize=7)
        axes.set_xlabel("predicted intent")
        axes.set_ylabel("intent in the test set")
        axes.set_title(title)
        peak = max((max(row) for row in counts), default=0)
        for i, row in enumerate(counts):
            for j, value in enumerate(row):
                if value:
                    colour = "white" if value > peak / 2 else "black"
                    axes.text(j, i, str(value), ha="center", va="center", fontsize=6, color=colour)
        figure.tight_layout()
        figure.savefig(path, dpi=110)
    finally:
        plt.close(figure)


def _suite_line(suite: dict[str, Any] | None, note: str) -> str:
    if not suite:
        return f"Conversation suite: {note}"
    return (
        f"Conversation suite: {suite['passed']}/{suite['total']} conversations as expected "
        f"({suite['pass_rate']:.1%}), run finished {suite['finished']} ({suite['file']})"
    )


def summary_markdown(report: dict[str, Any], comparison: Comparison | None, worst: int = 5) -> str:
    """The short Markdown summary: macro-F1s per language, the weakest intents, entity F1s, the suite's
    pass rate, and the verdict against the baseline."""
    lines = [
        "# Evaluation report",
        "",
        f"Model `{report['model']}`, {report['created']} (UTC). Held-out sets: tests/nlu/<language>/.",
        "",
        "| language | examples | intent macro-F1 | entity macro-F1 | confusion matrix |",
        "|---|---|---|---|---|",
    ]
    for language, section in report["languages"].items():
        lines.append(
            f"| {language} | {section['examples']} | {section['intent_macro_f1']:.3f} "
            f"| {section['entity_macro_f1']:.3f} | [{section['confusion_png']}]({section['confusion_png']}) |"
        )
    lines.append("")
    for language, section in report["languages"].items():
        weakest = sorted(section["intents"].items(), key=lambda item: (item[1]["f1"], item[0]))[:worst]
        shown = ", ".join(
            f"{name} {score['f1']:.2f} "
            f"(P {score['precision']:.2f}, R {score['recall']:.2f}, n={score['support']})"
            for name, score in weakest
        )
        lines.append(f"- {language}, weakest intents: {shown}")
        entities = ", ".join(
            f"{name} {score['f1']:.2f} (n={score['support']})"
            for name, score in section["entities"].items()
            if score["support"]
        )
        lines.append(f"- {language}, entities: {entities or 'none annotated'}")
    suite_line = _suite_line(report.get("conversation_suite"), report.get("conversation_suite_note", ""))
    lines += ["", suite_line, ""]
    if comparison is None:
        lines.append("Baseline: none yet (`make evaluate ARGS=--update-baseline` writes it).")
    else:
        lines.append("## Against the baseline")
        lines.append("")
        for change in comparison.changes:
            lines.append(
                f"- {change['language']} {change['measure']}: {change['baseline']:.3f} → "
                f"{change['current']:.3f} ({change['points']:+.1f} points)"
            )
        lines += [f"- note: {note}" for note in comparison.notes]
        lines.append("")
        lines.append("**Regressions:**" if comparison.regressions else "No regression.")
        lines += [f"- {regression}" for regression in comparison.regressions]
    lines += ["", "Per-intent precision, recall and F1, entity scores, every misread message: report.json."]
    return "\n".join(lines) + "\n"
