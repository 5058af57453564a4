"""How current the catalogue is: the fact confirmed longest ago and the coming call dates.

For maintainers (the staff area shows it; `make check-facts` lists every finding): `catalogue_freshness()`
works on the loaded catalogue, so it sees what the answers see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from programmes.catalogue import Catalogue, Period, default_catalogue


@dataclass(frozen=True)
class DatedFact:
    """A fact and the last day its period covers (`as_of`; a year counts to 31 December, an open end by
    its start). `owner` is "programme lsi", "contact ibb" or "district office Mitte"; `field` is the
    catalogue field ("funding_rate", "variants[0]", "how_to_apply.more[0]")."""

    owner: str
    field: str
    as_of: dt.date
    source: str | None


@dataclass(frozen=True)
class UpcomingCall:
    """A call that is open on `today` or opens later: programme id, label in German and English, and the
    dates (`opens` None when only the deadline is known)."""

    programme: str
    label_de: str
    label_en: str
    opens: dt.date | None
    closes: dt.date | None
    source: str
    open_now: bool


@dataclass(frozen=True)
class CatalogueFreshness:
    """The catalogue's freshness on `today`.

    - `oldest`: the dated facts of current programmes, contacts and district offices whose period ended
      longest ago, oldest first (at most the `limit` given to `catalogue_freshness`);
    - `next_calls`: calls open today or opening later, soonest deadline first;
    - `undated`: how many facts have an undated period (their age is unknown);
    - `facts`: how many facts were dated.
    """

    today: dt.date
    oldest: tuple[DatedFact, ...]
    next_calls: tuple[UpcomingCall, ...]
    undated: int
    facts: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings."""
        def plain(value: Any) -> Any:
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list | tuple):
                return [plain(v) for v in value]
            return value

        shown: dict[str, Any] = plain(asdict(self))
        return shown


def _as_of(period: Period | None) -> dt.date | None:
    if period is None or period.undated:
        return None
    point = period.end if period.end is not None else period.start
    if isinstance(point, dt.date):
        return point
    return dt.date(point, 12, 31) if isinstance(point, int) else None


def _dated_facts(catalogue: Catalogue) -> tuple[list[DatedFact], int]:
    """Facts about the present (closed programmes and `history`/`closed_note` facts left out)."""
    periods: list[tuple[str, str, Period | None, str | None]] = []
    for programme in catalogue.programmes.values():
        if programme.is_closed:
            continue
        owner = f"programme {programme.id}"
        periods += [
            (owner, name, fact.period, fact.source)
            for name, fact in programme.facts()
            if fact.known and not name.startswith(("history", "closed_note"))
        ]
        periods += [(owner, f"variants[{i}]", v.period, v.source) for i, v in enumerate(programme.variants)]
    periods += [
        (f"contact {c.id}", "contact", c.period, c.source) for c in catalogue.contacts.values() if c.text
    ]
    periods += [
        (f"district office {d.name}", "office", d.office.period, d.office.source)
        for d in catalogue.districts
        if d.office.text
    ]
    dated: list[DatedFact] = []
    undated = 0
    for owner, name, period, source in periods:
        as_of = _as_of(period)
        if as_of is None:
            undated += 1
        else:
            dated.append(DatedFact(owner, name, as_of, source))
    return dated, undated


def catalogue_freshness(
    catalogue: Catalogue | None = None, today: dt.date | None = None, limit: int = 5
) -> CatalogueFreshness:
    """The freshness of `catalogue` (default: the shipped one) on `today` (default: the current date):
    the `limit` oldest dated facts and every call open today or still to come. Facts whose period has
    an open end ("since 2023") count by their start, so they also age; `make check-facts` warns only
    about periods that have ended."""
    catalogue = catalogue or default_catalogue()
    today = today or dt.date.today()
    dated, undated = _dated_facts(catalogue)
    oldest = sorted(dated, key=lambda f: (f.as_of, f.owner, f.field))[:limit]
    def still_to_come(opens: dt.date | None, closes: dt.date | None) -> bool:
        return (closes is not None and closes >= today) or (opens is not None and opens > today)

    calls = [
        UpcomingCall(
            programme=programme.id,
            label_de=call.label.de,
            label_en=call.label.en,
            opens=call.opens,
            closes=call.closes,
            source=call.source,
            open_now=(call.opens is None or call.opens <= today) and call.closes is not None
            and today <= call.closes,
        )
        for programme in catalogue.programmes.values()
        if not programme.is_closed
        for call in programme.calls
        if still_to_come(call.opens, call.closes)
    ]
    calls.sort(key=lambda c: (c.closes or dt.date.max, c.opens or dt.date.min, c.programme))
    return CatalogueFreshness(today, tuple(oldest), tuple(calls), undated, len(dated))
