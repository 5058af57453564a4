"""What a programme's application draft needs and allows, read from the catalogue (never a copied number).

Shared by the chat (actions/) and the form service (webform/), so both hold a draft to the same limits.

- which extra questions the programme needs: the project type (LSI), the applying municipality and
  the eligible area (BIWAQ);
- whether the place is a Berlin district or a city;
- the limits of the chosen project type: highest and lowest amount, shortest and longest duration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from programmes.catalogue import Contact, Programme, Variant, default_catalogue

# Applicant types that are public bodies: a programme open only to them asks which municipality applies.
PUBLIC_BODIES = frozenset({"municipality", "district_office"})


@dataclass(frozen=True)
class Limits:
    """Limits of a project type: the grant (EUR) and, where the catalogue states it so, the eligible
    total expenditure (EUR; BIWAQ VI: €300,000–€1,200,000 total, a grant of up to 90 %)."""

    max_eur: int | None = None
    min_eur: int | None = None
    min_months: int | None = None
    max_months: int | None = None
    max_total_eur: int | None = None
    min_total_eur: int | None = None


def programme(programme_id: str | None) -> Programme | None:
    return default_catalogue().programme(programme_id) if programme_id else None


def variant_ids(programme_id: str | None) -> tuple[str, ...]:
    """Project types the applicant chooses between (LSI: A, B, C); empty if there is only one."""
    found = programme(programme_id)
    if found is None:
        return ()
    ids = tuple(v.id for v in found.variants if v.id)
    return ids if len(ids) > 1 else ()


def asks_variant(programme_id: str | None) -> bool:
    return bool(variant_ids(programme_id))


def asks_area(programme_id: str | None) -> bool:
    found = programme(programme_id)
    return bool(found and found.area_required)


def asks_municipality(programme_id: str | None) -> bool:
    """Only public bodies may apply (BIWAQ): the draft names the applying municipality. Not for a programme
    of Berlin's district offices (WdM): the district the draft asks for names the applying office."""
    found = programme(programme_id)
    eligible = set(found.applicants.eligible) if found else set()
    return bool(eligible) and eligible <= PUBLIC_BODIES and not berlin_only(programme_id)


def may_apply(programme_id: str | None, applicant_type: str) -> bool:
    """Whether this kind of applicant may apply itself, or possibly (catalogue: applicants.eligible and
    .possible); True when the programme is unknown or names no applicants."""
    found = programme(programme_id)
    if found is None or not (found.applicants.eligible or found.applicants.possible):
        return True
    return applicant_type in found.applicants.eligible or applicant_type in found.applicants.possible


def applicant_verdict(programme_id: str | None, applicant_type: str) -> str | None:
    """"eligible", "possible" or "not_eligible" for this kind of applicant (catalogue: applicants); None when
    the catalogue names no applicants for the programme."""
    found = programme(programme_id)
    if found is None or not (found.applicants.eligible or found.applicants.possible):
        return None
    if applicant_type in found.applicants.eligible:
        return "eligible"
    return "possible" if applicant_type in found.applicants.possible else "not_eligible"


def applies_in(programme_id: str | None, state: str | None) -> bool:
    """Whether the programme funds projects in this state (catalogue: region.states); True when the state
    is unknown or the programme runs anywhere in Germany."""
    found = programme(programme_id)
    return not (found and found.states and state and state not in found.states)


def berlin_only(programme_id: str | None) -> bool:
    found = programme(programme_id)
    return bool(found and found.states == ("BE",))


def is_closed(programme_id: str | None) -> bool:
    found = programme(programme_id)
    return bool(found and found.is_closed)


def _variants(programme_id: str | None, variant_id: str | None) -> list[Variant]:
    found = programme(programme_id)
    if found is None:
        return []
    chosen = [v for v in found.variants if variant_id and v.id == variant_id]
    return chosen or list(found.variants)


def _loosest(values: list[int | None], pick: Callable[[Iterable[int]], int]) -> int | None:
    # An unknown limit (None) in any candidate type means we cannot hold the applicant to one.
    if not values or any(v is None for v in values):
        return None
    return pick(v for v in values if v is not None)


def limits(programme_id: str | None, variant_id: str | None = None) -> Limits:
    """The limits of the chosen type; without a choice, the loosest over all types.

    `max_eur`/`min_eur` always limit the grant: a limit on the total becomes the largest grant it allows.
    """
    variants = _variants(programme_id, variant_id)
    totals = [v for v in variants if v.amount_basis == "total_cost"]
    return Limits(
        max_eur=_loosest([v.max_grant_eur if v.max_eur is not None else None for v in variants], max),
        min_eur=_loosest([v.min_grant_eur for v in variants], min),
        min_months=_loosest([v.min_months for v in variants], min),
        max_months=_loosest([v.max_months for v in variants], max),
        max_total_eur=_loosest([v.max_eur for v in totals], max) if totals else None,
        min_total_eur=_loosest([v.min_eur for v in totals], min) if totals else None,
    )


def variant_name(programme_id: str | None, variant_id: str | None, lang: str) -> str | None:
    found = programme(programme_id)
    variant = next((v for v in found.variants if v.id == variant_id), None) if found else None
    return variant.name.get(lang) if variant else None


def find_programme(text: str) -> str | None:
    """A programme id from its id, short name or one of its catalogue aliases."""
    wanted = text.strip().casefold()
    for candidate in default_catalogue().programmes.values():
        names = {candidate.id, candidate.short_name.casefold(), *(a.casefold() for a in candidate.aliases)}
        if wanted in names:
            return candidate.id
    for candidate in default_catalogue().programmes.values():  # a name inside a sentence
        for name in (candidate.short_name, *candidate.aliases):
            if len(name) >= 3 and f" {name.casefold()} " in f" {wanted} ":
                return candidate.id
    return None


def question_matters(programme_id: str | None, question: str) -> bool:
    """Whether the answer to a guidance question can change the verdict for this programme (catalogue):
    the eligible area only where one is required (BIWAQ, not WdM), the state and district only where the
    programme is regional, amount and duration only where its project types have such limits; who applies
    and what the project does always count. True for an unknown programme or question."""
    found = programme(programme_id)
    if found is None:
        return True
    if question == "in_disadvantaged_area":
        return found.area_required
    if question in ("state", "district"):
        return bool(found.states)
    if question == "requested_amount_eur":
        return any(v.max_eur is not None or v.min_eur is not None for v in found.variants)
    if question == "duration_months":
        return any(v.max_months is not None or v.min_months is not None for v in found.variants)
    return True


def contacts_of(programme_id: str | None) -> list[Contact]:
    """The contacts the catalogue names for a programme, without the district office placeholder."""
    found = programme(programme_id)
    catalogue = default_catalogue()
    return [catalogue.contacts[c] for c in found.contacts if c in catalogue.contacts] if found else []


def current_programmes() -> list[Programme]:
    return [p for p in default_catalogue().ordered() if not p.is_closed]
