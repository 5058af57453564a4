"""The programme facts' freshness as the maintainer pages show it: what `make check-facts` reports
(programmes.fact_check: facts without source or period, passed calls, ended periods, sources shared by
unrelated facts) and the catalogue's freshness (programmes.freshness: the oldest facts, the calls open
now or coming), for the catalogue the service answers from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from programmes.catalogue import CatalogueError, load_catalogue
from programmes.fact_check import FINDING_KINDS, Finding, check_facts
from programmes.freshness import CatalogueFreshness, catalogue_freshness


@dataclass(frozen=True)
class FactsState:
    """Findings by kind (kinds without findings left out, in FINDING_KINDS order), how many are errors,
    the freshness (None when the catalogue does not load) and the loader's complaint then."""

    today: dt.date
    findings: dict[str, list[Finding]]
    errors: int
    warnings: int
    freshness: CatalogueFreshness | None
    load_error: str | None


def facts_state(directory: Path, today: dt.date, oldest: int = 10) -> FactsState:
    """What `make check-facts --catalogue directory --today today` reports, with the `oldest` oldest
    facts."""
    findings = check_facts(directory, today)
    by_kind = {kind: [f for f in findings if f.kind == kind] for kind in FINDING_KINDS}
    errors = sum(f.is_error for f in findings)
    try:
        freshness: CatalogueFreshness | None = catalogue_freshness(load_catalogue(directory), today, oldest)
        load_error = None
    except CatalogueError as error:
        freshness, load_error = None, str(error)
    return FactsState(today, {k: v for k, v in by_kind.items() if v}, errors, len(findings) - errors,
                      freshness, load_error)
