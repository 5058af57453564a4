"""Rules between a draft's answers, from the catalogue through the shared rules (never a copied number):

- the project type belongs to the programme (only LSI has types A, B, C);
- the duration and the requested grant stay within the programme's limits for the chosen project type
  (programmes.rules.limits: LSI type B runs at most 6 months, type A receives at most 20,000 EUR);
- the grant is not above the total budget;
- the legal form does not contradict the type of organisation (an e.V. is no start-up);
- the project starts after today.

The same check refuses such answers when they arrive (API and applicant form) and flags drafts stored
before a rule or the catalogue changed, on the staff and applicant pages and in the API's `warnings`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from programmes import answers, rules
from programmes.catalogue import default_catalogue
from programmes.errors import FieldError


def programmes_with_types() -> list[str]:
    """Short names of the programmes whose drafts name a project type (today: LSI)."""
    return [p.short_name for p in default_catalogue().ordered() if rules.asks_variant(p.id)]


def all_variant_ids() -> tuple[str, ...]:
    """Every project type any programme offers (the API's enum), from the catalogue."""
    ids: dict[str, None] = {}
    for programme in default_catalogue().ordered():
        ids.update(dict.fromkeys(rules.variant_ids(programme.id)))
    return tuple(ids)


def variant_programme(variant_id: str) -> str | None:
    """The programme whose project type `variant_id` is (today LSI for A, B, C)."""
    return next((p.id for p in default_catalogue().ordered() if variant_id in rules.variant_ids(p.id)), None)


def _context(error: FieldError, programme: str | None, variant: str | None) -> FieldError:
    error.values.update(programme=programme, variant=variant)
    return error


def draft_problems(
    values: Mapping[str, Any], lang: str, today: dt.date | None = None
) -> dict[str, FieldError]:
    """The rules above, applied to the answers that are known; one problem per field at most.

    `values` are read answers (Decimal EUR, int months, date). `today` None skips the start-date rule.
    """
    problems: dict[str, FieldError] = {}
    programme, variant = values.get("programme"), values.get("lsi_type")
    if variant and programme and not rules.asks_variant(programme):
        problems["lsi_type"] = FieldError("variant_not_for_programme",
                                          programmes=", ".join(programmes_with_types()))
        variant = None
    elif variant and programme and variant not in rules.variant_ids(programme):
        problems["lsi_type"] = FieldError("invalid_variant", variants=", ".join(rules.variant_ids(programme)))
        variant = None
    limits = rules.limits(programme, variant) if programme else rules.Limits()

    months = values.get("duration_months")
    if months is not None:
        try:
            answers.check_duration(months, limits)
        except FieldError as error:
            problems["duration_months"] = _context(error, programme, variant)

    requested, total = values.get("requested_amount_eur"), values.get("total_budget_eur")
    if requested is not None:
        try:
            answers.check_requested(requested, limits, total, lang)
        except FieldError as error:
            problems["requested_amount_eur"] = _context(error, programme, variant)

    legal_form, organisation_type = values.get("legal_form"), values.get("organisation_type")
    if legal_form and organisation_type:
        try:
            answers.check_legal_form(legal_form, organisation_type)
        except FieldError as error:
            problems["organisation_type"] = error

    start = values.get("start_date")
    if start is not None and today is not None:
        try:
            answers.check_start(start, today, lang)
        except FieldError as error:
            problems["start_date"] = error
    return problems
