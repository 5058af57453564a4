"""Bar charts for the dashboard, drawn as inline SVG from counts (no script, nothing loaded)."""

from __future__ import annotations

from dataclasses import dataclass

# Labels are short (programme short names, district names, statuses), so 260 px hold the longest.
BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH = 24, 8, 260, 360


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    title: str
    dimension: str  # what the bars stand for ("Programme"): the first column of the chart's table
    bars: list[Bar]
    height: int
    total: int


def chart(title: str, counts: list[tuple[str, int]], dimension: str = "") -> Chart:
    """One bar per (label, count), the largest BAR_WIDTH pixels wide; heights and offsets in pixels.
    `dimension` names what the labels are ("Programme"), for the table that says the same in text."""
    largest = max((c for _label, c in counts), default=0)
    bars = [
        Bar(label, count, i * (BAR_HEIGHT + GAP), round(BAR_WIDTH * count / largest) if largest else 0)
        for i, (label, count) in enumerate(counts)
    ]
    height = max(len(bars), 1) * (BAR_HEIGHT + GAP)
    return Chart(title, dimension, bars, height, sum(c for _label, c in counts))
