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


# Counts per day: narrow columns, one per day, the tallest COLUMN_HEIGHT pixels; at most MAX_DAYS days
# (the most recent), so the chart stays small.
COLUMN_WIDTH, COLUMN_GAP, COLUMN_HEIGHT, MAX_DAYS = 10, 2, 80, 60


@dataclass(frozen=True)
class Column:
    label: str
    count: int
    x: int
    height: int


@dataclass(frozen=True)
class ColumnChart:
    columns: list[Column]
    width: int
    height: int
    largest: int


def day_columns(counts: list[tuple[str, int]]) -> ColumnChart:
    """One column per (day label, count), oldest first, the last MAX_DAYS only; sizes in pixels."""
    shown = counts[-MAX_DAYS:]
    largest = max((c for _label, c in shown), default=0)
    columns = [
        Column(label, count, i * (COLUMN_WIDTH + COLUMN_GAP),
               round(COLUMN_HEIGHT * count / largest) if largest else 0)
        for i, (label, count) in enumerate(shown)
    ]
    return ColumnChart(columns, max(len(columns), 1) * (COLUMN_WIDTH + COLUMN_GAP), COLUMN_HEIGHT, largest)
