"""`make check-facts`: what in the programme catalogue needs a maintainer.

    make check-facts [ARGS="--today 2026-12-01 --catalogue DIR"]

Lists every catalogue fact without source or period (errors: exit code 1), calls whose closing date has
passed, "as of" periods that have ended and sources cited for unrelated facts (warnings: exit code 0),
then the catalogue's freshness: the oldest facts and the coming calls. The rules are in
programmes/fact_check.py and programmes/freshness.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from programmes.catalogue import CATALOGUE_DIR, CatalogueError, load_catalogue
from programmes.fact_check import FINDING_KINDS, check_facts
from programmes.freshness import catalogue_freshness

HEADINGS = {
    "unreadable": "Files that are no YAML",
    "missing_source": "Facts without a source (fix)",
    "missing_period": "Facts without a period (fix)",
    "call_passed": "Calls whose closing date has passed (check for a new call)",
    "period_ended": "Facts whose period has ended (check the source for a newer statement)",
    "shared_source": "Sources cited for unrelated facts (check each cites the right page)",
}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-12-01, not {text!r}") from error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--today", type=_date, default=dt.date.today(), help="judge against this date")
    parser.add_argument("--catalogue", type=Path, default=CATALOGUE_DIR, help="catalogue directory")
    args = parser.parse_args(argv)
    findings = check_facts(args.catalogue, args.today)
    for kind in FINDING_KINDS:
        found = [f for f in findings if f.kind == kind]
        if found:
            print(f"{HEADINGS[kind]}: {len(found)}")
            for finding in found:
                print(f"  {finding}")
    errors = sum(f.is_error for f in findings)
    print(f"check-facts on {args.today.isoformat()}: {errors} error(s), {len(findings) - errors} warning(s)")
    if errors:
        return 1
    try:
        freshness = catalogue_freshness(load_catalogue(args.catalogue), args.today)
    except CatalogueError as error:  # a mistake the loader finds beyond sources and periods
        print(f"catalogue does not load: {error}", file=sys.stderr)
        return 1
    print(f"Oldest facts ({freshness.facts} dated, {freshness.undated} undated):")
    for fact in freshness.oldest:
        print(f"  {fact.as_of.isoformat()}  {fact.owner}: {fact.field}  {fact.source}")
    print("Calls open or coming:" if freshness.next_calls else "Calls open or coming: none known")
    for call in freshness.next_calls:
        opens = call.opens.isoformat() if call.opens else "?"
        closes = call.closes.isoformat() if call.closes else "?"
        state = "open now" if call.open_now else "coming"
        print(f"  {opens} – {closes}  {call.programme}: {call.label_en} ({state})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
