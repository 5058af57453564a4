"""Dashboard: how many drafts per programme, district and status, drawn as inline SVG bar charts."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from flask_babel import gettext as _

from webform import repository
from webform.draft_labels import programme_short_name, status_label
from webform.security import staff_login_required
from webform.staff import bp

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
    bars: list[Bar]
    height: int
    total: int


def chart(title: str, counts: list[tuple[str, int]]) -> Chart:
    largest = max((c for _label, c in counts), default=0)
    bars = [
        Bar(label, count, i * (BAR_HEIGHT + GAP), round(BAR_WIDTH * count / largest) if largest else 0)
        for i, (label, count) in enumerate(counts)
    ]
    return Chart(title, bars, max(len(bars), 1) * (BAR_HEIGHT + GAP), sum(c for _label, c in counts))


@bp.get("/dashboard")
@staff_login_required
def dashboard():  # type: ignore[no-untyped-def]
    not_given = _("Not provided")
    charts = [
        chart(_("Drafts per programme"), [
            (programme_short_name(v) if v else not_given, c) for v, c in repository.counts_by("programme")
        ]),
        chart(_("Drafts per district"),
              [(v or not_given, c) for v, c in repository.counts_by("district")]),
        chart(_("Drafts per status"),
              [(status_label(v) if v else not_given, c) for v, c in repository.counts_by("status")]),
    ]
    return render_template("staff/dashboard.html", charts=charts, label_width=LABEL_WIDTH,
                           bar_width=BAR_WIDTH, bar_height=BAR_HEIGHT)
