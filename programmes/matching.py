"""Ranks the programmes for an applicant profile and explains each verdict.

Pure and deterministic: the same profile, catalogue and `today` give the same answer. Each rule
below reads the catalogue; no programme fact is written here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from programmes.catalogue import DISTRICT_OFFICE, Catalogue, Programme, Variant, default_catalogue
from programmes.districts import normalise_district
from programmes.messages import format_date, format_eur, label, t
from programmes.vocabulary import STATES

ELIGIBLE, POSSIBLE, NOT_ELIGIBLE = "eligible", "possible", "not_eligible"
_RANK = {ELIGIBLE: 0, POSSIBLE: 1, NOT_ELIGIBLE: 2}
_BASE_SCORE = {ELIGIBLE: 70, POSSIBLE: 40, NOT_ELIGIBLE: 0}


@dataclass(frozen=True)
class Profile:
    applicant_type: str | None = None
    state: str | None = None
    city: str | None = None
    district: str | None = None
    in_disadvantaged_area: bool | None = None
    goals: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    budget_eur: Decimal | None = None
    duration_months: int | None = None

    @property
    def berlin_district(self) -> str | None:
        return normalise_district(self.district)

    @property
    def effective_state(self) -> str | None:
        """The state, also when only a Berlin district or the city of Berlin was given."""
        if self.state:
            return self.state
        if self.berlin_district or (self.city and self.city.strip().casefold() == "berlin"):
            return "BE"
        return None


@dataclass
class Result:
    programme: str
    eligibility: str
    score: int
    reasons: list[str]
    missing: list[dict[str, str]]
    availability: dict[str, Any]
    successor: str | None
    next_step: dict[str, Any]
    fitting_variants: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "programme": self.programme,
            "eligibility": self.eligibility,
            "score": self.score,
            "reasons": self.reasons,
            "missing": self.missing,
            "availability": self.availability,
            "successor": self.successor,
            "next_step": self.next_step,
            "fitting_variants": self.fitting_variants,
        }


class _Verdict:
    """Collects the outcome of the rules for one programme: the worst verdict wins."""

    def __init__(self) -> None:
        self.eligibility = ELIGIBLE
        self.reasons: list[str] = []
        self._missing: list[str] = []

    @property
    def missing(self) -> list[str]:
        # Once a known fact rules the programme out, no other answer can change that.
        return [] if self.eligibility == NOT_ELIGIBLE else self._missing

    def ask(self, question: str) -> None:
        if question not in self._missing:
            self._missing.append(question)

    def lower(self, eligibility: str, reason: str | None = None) -> None:
        if _RANK[eligibility] > _RANK[self.eligibility]:
            self.eligibility = eligibility
        if reason:
            self.reasons.append(reason)

    def unknown(self, question: str) -> None:
        self.lower(POSSIBLE)
        self.ask(question)


def match(profile: Profile, lang: str, today: dt.date, catalogue: Catalogue | None = None) -> list[Result]:
    catalogue = catalogue or default_catalogue()
    results = [_evaluate(p, profile, lang, today, catalogue) for p in catalogue.programmes.values()]
    return sorted(results, key=lambda r: (_RANK[r.eligibility], -r.score, r.programme))


def _evaluate(
    programme: Programme, profile: Profile, lang: str, today: dt.date, catalogue: Catalogue
) -> Result:
    verdict = _Verdict()
    name = programme.short_name
    if programme.is_closed:
        note = (
            programme.closed_note.text.get(lang)
            if programme.closed_note and programme.closed_note.text
            else ""
        )
        verdict.lower(NOT_ELIGIBLE, t("closed", lang, name=name, note=note).rstrip(": "))
        if programme.successor:
            successor = catalogue.programmes[programme.successor]
            verdict.reasons.append(t("closed_successor", lang, successor=successor.name.get(lang)))
    else:
        _check_region(programme, profile, lang, verdict)
        _check_applicant(programme, profile, lang, verdict)
        _check_area(programme, profile, lang, verdict)
    fitting = _check_budget_and_duration(programme, profile, lang, verdict) if not programme.is_closed else []
    score = _BASE_SCORE[verdict.eligibility] + _fit_bonus(programme, profile, lang, verdict)
    availability = availability_of(programme, lang, today)
    if availability["status"] == "open_call" and verdict.eligibility != NOT_ELIGIBLE:
        score += 10
    if (
        programme.states == ("BE",)
        and DISTRICT_OFFICE in programme.contacts
        and not profile.berlin_district
        and verdict.eligibility != NOT_ELIGIBLE
    ):
        verdict.ask("district")  # changes whom the applicant should contact
    return Result(
        programme=programme.id,
        eligibility=verdict.eligibility,
        score=max(0, min(100, score)),
        reasons=verdict.reasons,
        missing=[{"key": key, "question": t(f"question_{key}", lang)} for key in verdict.missing],
        availability=availability,
        successor=programme.successor,
        next_step=next_step(programme, profile, lang, catalogue),
        fitting_variants=[v.id for v in fitting if v.id],
    )


def _region_name(programme: Programme, lang: str) -> str:
    return programme.region.text.get(lang) if programme.region.text else ""


def _check_region(programme: Programme, profile: Profile, lang: str, verdict: _Verdict) -> None:
    if programme.states is None:
        return
    state = profile.effective_state
    if state is None:
        verdict.unknown("state")
    elif state in programme.states:
        verdict.reasons.append(t("region_ok", lang, region=_region_name(programme, lang)))
    else:
        state_name = STATES.get(state, {}).get(lang, state)
        verdict.lower(
            NOT_ELIGIBLE, t("region_wrong", lang, region=_region_name(programme, lang), state=state_name)
        )


def _check_applicant(programme: Programme, profile: Profile, lang: str, verdict: _Verdict) -> None:
    applicant = profile.applicant_type
    rule = programme.applicants.fact.text.get(lang).rstrip(".") if programme.applicants.fact.text else ""
    if applicant is None:
        verdict.unknown("applicant_type")
        return
    kind = label(applicant, lang)
    if lang == "en":  # "As an association", "As a start-up"
        kind = ("an " if kind[0] in "aeiou" else "a ") + kind
    if applicant in programme.applicants.eligible:
        verdict.reasons.append(t("applicant_ok", lang, type=kind, rule=rule))
    elif applicant in programme.applicants.possible:
        verdict.lower(POSSIBLE, t("applicant_possible", lang, type=kind, rule=rule))
    else:
        verdict.lower(NOT_ELIGIBLE, t("applicant_wrong", lang, type=kind, rule=rule))
        state = profile.effective_state
        in_region = programme.states is None or state is None or state in programme.states
        if programme.applicants.partner_note and in_region:  # taking part is only possible where it runs
            verdict.reasons.append(programme.applicants.partner_note.get(lang))


def _check_area(programme: Programme, profile: Profile, lang: str, verdict: _Verdict) -> None:
    if not programme.area_required:
        return
    rule = programme.area.text.get(lang).rstrip(".") if programme.area and programme.area.text else ""
    if profile.in_disadvantaged_area is None:
        verdict.unknown("in_disadvantaged_area")
    elif profile.in_disadvantaged_area:
        verdict.reasons.append(t("area_ok", lang, rule=rule))
    else:
        verdict.lower(NOT_ELIGIBLE, t("area_wrong", lang, rule=rule))


def _months_text(variant: Variant, lang: str) -> str:
    if variant.max_months is None:
        return t("months_unknown", lang)
    if variant.min_months is not None:
        return t("months_range", lang, low=variant.min_months, high=variant.max_months)
    return t("months_max", lang, high=variant.max_months)


def describe_variant(variant: Variant, lang: str) -> str:
    limit = format_eur(variant.max_eur, lang) if variant.max_eur is not None else t("limit_unknown", lang)
    values = {"name": variant.name.get(lang), "limit": limit, "months": _months_text(variant, lang)}
    if variant.id:
        return t("variant", lang, id=variant.id, **values)
    return t("variant_plain", lang, **values)


def _amount_fits(variant: Variant, amount: Decimal) -> bool:
    return (variant.max_eur is None or amount <= variant.max_eur) and (
        variant.min_eur is None or amount >= variant.min_eur
    )


def _duration_fits(variant: Variant, months: int) -> bool:
    return (variant.max_months is None or months <= variant.max_months) and (
        variant.min_months is None or months >= variant.min_months
    )


def _check_budget_and_duration(
    programme: Programme, profile: Profile, lang: str, verdict: _Verdict
) -> list[Variant]:
    variants = list(programme.variants)
    if not variants:
        return []
    amount, months = profile.budget_eur, profile.duration_months
    by_amount = [v for v in variants if amount is None or _amount_fits(v, amount)]
    by_both = [v for v in by_amount if months is None or _duration_fits(v, months)]
    has_limits = any(v.max_eur is not None or v.min_eur is not None for v in variants)
    if amount is None and has_limits:
        verdict.ask("budget_eur")  # decides the project type, or whether it fits at all
    if amount is not None and not by_amount:
        known_max = [v.max_eur for v in variants if v.max_eur is not None]
        known_min = [v.min_eur for v in variants if v.min_eur is not None]
        if known_max and amount > max(known_max):
            reason = t(
                "budget_too_high",
                lang,
                amount=format_eur(amount, lang),
                limit=format_eur(max(known_max), lang),
            )
        else:
            reason = t(
                "budget_too_low",
                lang,
                amount=format_eur(amount, lang),
                limit=format_eur(min(known_min), lang),
            )
        verdict.lower(NOT_ELIGIBLE, reason)
        return []
    ranges = ", ".join(describe_variant(v, lang) for v in variants)
    if months is not None and not by_both:
        if amount is None:
            verdict.lower(NOT_ELIGIBLE, t("duration_wrong", lang, months=months, ranges=ranges))
        else:
            amount_text = format_eur(amount, lang)
            verdict.lower(
                NOT_ELIGIBLE,
                t("budget_duration_wrong", lang, amount=amount_text, months=months, ranges=ranges),
            )
        return []
    if amount is not None:
        fitting = ", ".join(describe_variant(v, lang) for v in by_both)
        verdict.reasons.append(t("budget_fits", lang, amount=format_eur(amount, lang), variants=fitting))
    return by_both


def _fit_bonus(programme: Programme, profile: Profile, lang: str, verdict: _Verdict) -> int:
    bonus = 0
    if profile.goals and not programme.is_closed:
        shared = [g for g in profile.goals if g in programme.goals]
        if shared:
            bonus += min(20, 10 * len(shared))
            verdict.reasons.append(t("goals_match", lang, goals=", ".join(label(g, lang) for g in shared)))
        elif programme.goals_fact.text and verdict.eligibility != NOT_ELIGIBLE:
            bonus -= 10
            verdict.reasons.append(t("goals_differ", lang, focus=programme.goals_fact.text.get(lang)))
    if profile.target_groups and programme.target_groups and not programme.is_closed:
        shared_groups = [g for g in profile.target_groups if g in programme.target_groups]
        if shared_groups:
            bonus += min(10, 5 * len(shared_groups))
            groups = ", ".join(label(g, lang) for g in shared_groups)
            verdict.reasons.append(t("groups_match", lang, groups=groups))
    return bonus


def _call_dict(call: Any, lang: str) -> dict[str, Any]:
    return {
        "variant": call.variant,
        "label": call.label.get(lang),
        "opens": call.opens.isoformat() if call.opens else None,
        "closes": call.closes.isoformat() if call.closes else None,
        "source": call.source,
        "period": call.period,
    }


def _window(call: Any, lang: str) -> str:
    closes = format_date(call.closes, lang)
    if call.opens is None:
        return t("window_until", lang, closes=closes)
    return f"{format_date(call.opens, lang)}–{closes}"


def availability_of(programme: Programme, lang: str, today: dt.date) -> dict[str, Any]:
    """Whether one can apply now, computed from the call windows against `today`."""
    open_calls = [
        c
        for c in programme.calls
        if (c.opens is None or c.opens <= today) and c.closes is not None and today <= c.closes
    ]
    future = sorted((c for c in programme.calls if c.opens and c.opens > today), key=lambda c: c.opens)
    past = sorted((c for c in programme.calls if c.closes and c.closes < today), key=lambda c: c.closes)
    last = past[-1] if past else None
    sentences: list[str] = []
    if programme.is_closed:
        status = "closed"
        sentences.append(t("availability_closed", lang))
    elif open_calls:
        status = "open_call"
        sentences += [
            t("availability_open", lang, label=c.label.get(lang), closes=format_date(c.closes, lang))
            for c in open_calls
        ]
    else:
        status = "no_open_call"
        sentences.append(t("availability_none", lang, today=format_date(today, lang)))
        if future:
            sentences.append(
                t(
                    "availability_next",
                    lang,
                    label=future[0].label.get(lang),
                    opens=format_date(future[0].opens, lang),
                )
            )
    if status != "open_call" and last:
        sentences.append(t("availability_last", lang, label=last.label.get(lang), window=_window(last, lang)))
    rhythm = programme.call_rhythm
    if status != "closed" and rhythm and rhythm.text:
        sentences.append(rhythm.text.get(lang))
    source = (open_calls or future or ([last] if last else []) or [None])[0]
    return {
        "status": status,
        "label": label(status, lang),
        "text": " ".join(sentences),
        "open_calls": [_call_dict(c, lang) for c in open_calls],
        "next_call": _call_dict(future[0], lang) if future else None,
        "last_call": _call_dict(last, lang) if last else None,
        "as_of": today.isoformat(),
        "source": source.source if source else (rhythm.source if rhythm else None),
        "period": source.period if source else (rhythm.period if rhythm else None),
    }


def next_step(programme: Programme, profile: Profile, lang: str, catalogue: Catalogue) -> dict[str, Any]:
    """Whom to contact: for a Berlin applicant the alliance office of their district."""
    if programme.is_closed and programme.successor:
        successor = catalogue.programmes[programme.successor]
        return {
            "kind": "successor",
            "programme": successor.id,
            "text": t("next_successor", lang, successor=successor.name.get(lang)),
        }
    district_name = profile.berlin_district
    if DISTRICT_OFFICE in programme.contacts and profile.effective_state in (None, "BE"):
        if district_name:
            district = catalogue.district(district_name)
            office = district.office if district else None
            if office and office.text:
                return {
                    "kind": "district_office",
                    "district": district_name,
                    "name": office.text.get(lang),
                    "email": office.email,
                    "url": office.url,
                    "source": office.source,
                    "period": office.period,
                    "text": t(
                        "next_district_office", lang, district=district_name, office=office.text.get(lang)
                    ),
                }
            bbwa = catalogue.contacts["bbwa"]
            return {
                "kind": "district_office",
                "district": district_name,
                "name": None,
                "email": None,
                "url": office.url if office and office.url else bbwa.url,
                "source": bbwa.source,
                "period": bbwa.period,
                "text": t("next_district_office_unknown", lang, district=district_name),
            }
        if profile.effective_state == "BE" or programme.states == ("BE",):
            bbwa = catalogue.contacts["bbwa"]
            return {
                "kind": "district_office",
                "district": None,
                "name": bbwa.name,
                "email": None,
                "url": bbwa.url,
                "source": bbwa.source,
                "period": bbwa.period,
                "text": t("next_district_unknown", lang),
            }
    contacts = [catalogue.contacts[c] for c in programme.contacts if c != DISTRICT_OFFICE]
    if contacts:
        # The first contact fills the flat fields; `contacts` names every one (NRW: G.I.B. and Städtenetz).
        listed = [
            {"name": c.name, "email": c.email, "url": c.url, "source": c.source, "period": c.period}
            for c in contacts
        ]
        return {
            "kind": "contact",
            **listed[0],
            "text": " ".join(
                t("next_contact", lang, name=c.name, text=c.text.get(lang) if c.text else "").rstrip(" –")
                for c in contacts
            ),
            "contacts": listed,
        }
    return {"kind": "none", "text": ""}
