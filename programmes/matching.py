"""Ranks the programmes for an applicant profile and explains each verdict.

Pure and deterministic: the same profile, catalogue and `today` give the same answer. Each rule
below reads the catalogue; no programme fact is written here.

Ranking: eligible before possible before not eligible. Among those that do not fit, the order follows
how far each is from fitting (`distance`): a hard blocker (the programme has ended, the region, the
applicant type, the eligible area, the project's purpose) weighs more than an exceeded limit, and a
limit exceeded by little weighs less than one exceeded by much.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from programmes import formatting
from programmes.activities import read_activities
from programmes.availability import availability_of
from programmes.catalogue import DISTRICT_OFFICE, Catalogue, Programme, Variant, default_catalogue
from programmes.districts import normalise_district
from programmes.messages import activity_label, as_applicant, label, listing, missing_label, t
from programmes.next_steps import next_step, outcome_steps
from programmes.verdicts import verdict_of
from programmes.vocabulary import ACTIVITIES, GOAL_ACTIVITIES, STATES

ELIGIBLE, POSSIBLE, NOT_ELIGIBLE = "eligible", "possible", "not_eligible"
_RANK = {ELIGIBLE: 0, POSSIBLE: 1, NOT_ELIGIBLE: 2}
_BASE_SCORE = {ELIGIBLE: 70, POSSIBLE: 40, NOT_ELIGIBLE: 0}

# How far a blocker puts a programme from fitting. Hard blockers cannot be changed by the applicant's
# plans; limits can (ask for less, plan shorter). An ended programme is the farthest of all; the place
# weighs more than the applicant type, which a partner that may apply can sometimes make up for.
BLOCKER_WEIGHTS = {"ended": 1000, "region": 50, "applicant_type": 40, "area": 30, "purpose": 30}
HARD_BLOCKERS = frozenset(BLOCKER_WEIGHTS)
LIMIT_WEIGHT = 10  # plus up to 10 more, growing with how far the limit is exceeded
OPEN_ANSWER_WEIGHT = 5  # each unanswered question or condition of a "possible" result


@dataclass(frozen=True)
class Profile:
    """What we know about the applicant and the project; None or empty means not known.

    `budget_eur` is the funding asked for (EUR), `duration_months` the project's run time. What the
    project does comes from `activities` (keys of programmes.vocabulary.ACTIVITIES), from `goals` and
    from `project_description` (free text, read by programmes.activities).
    """

    applicant_type: str | None = None
    state: str | None = None
    city: str | None = None
    district: str | None = None
    in_disadvantaged_area: bool | None = None
    goals: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    budget_eur: Decimal | None = None
    duration_months: int | None = None
    activities: tuple[str, ...] = ()
    project_description: str | None = None

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

    @cached_property
    def project_activities(self) -> tuple[str, ...]:
        """What the project does: named activities, goals and the description, in vocabulary order."""
        found = set(self.activities) | set(read_activities(self.project_description))
        for goal in self.goals:
            found.update(GOAL_ACTIVITIES.get(goal, ()))
        return tuple(a for a in ACTIVITIES if a in found)


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
    conditions: list[str] = field(default_factory=list)
    blockers: list[dict[str, Any]] = field(default_factory=list)
    distance: int = 0
    purpose: dict[str, Any] = field(default_factory=dict)
    verdict: dict[str, Any] = field(default_factory=dict)

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
            "conditions": self.conditions,
            "blockers": self.blockers,
            "distance": self.distance,
            "purpose": self.purpose,
            "verdict": self.verdict,
        }


class _Verdict:
    """Collects the outcome of the rules for one programme: the worst verdict wins."""

    def __init__(self) -> None:
        self.eligibility = ELIGIBLE
        self.reasons: list[str] = []
        self.conditions: list[str] = []
        self.blockers: list[dict[str, Any]] = []
        self._missing: list[str] = []

    @property
    def missing(self) -> list[str]:
        # Once a known fact rules the programme out, no other answer can change that.
        return [] if self.eligibility == NOT_ELIGIBLE else self._missing

    @property
    def distance(self) -> int:
        if self.eligibility == ELIGIBLE:
            return 0
        open_answers = len(self.missing) + len(self.conditions) if self.eligibility == POSSIBLE else 0
        return sum(int(b["weight"]) for b in self.blockers) + OPEN_ANSWER_WEIGHT * open_answers

    def ask(self, question: str) -> None:
        if question not in self._missing:
            self._missing.append(question)

    def lower(self, eligibility: str, reason: str | None = None) -> None:
        if _RANK[eligibility] > _RANK[self.eligibility]:
            self.eligibility = eligibility
        if reason:
            self.reasons.append(reason)

    def block(self, key: str, reason: str, weight: int | None = None) -> None:
        """A fact that rules the programme out; `key` names the rule (region, budget, …)."""
        self.lower(NOT_ELIGIBLE, reason)
        weight = BLOCKER_WEIGHTS.get(key, LIMIT_WEIGHT) if weight is None else weight
        self.blockers.append({"key": key, "hard": key in HARD_BLOCKERS, "weight": weight, "text": reason})

    def unknown(self, question: str) -> None:
        self.lower(POSSIBLE)
        self.ask(question)

    def condition(self, text: str) -> None:
        """Something the applicant still needs for a "possible" programme to fit."""
        self.lower(POSSIBLE, text)
        if text not in self.conditions:
            self.conditions.append(text)


def match(profile: Profile, lang: str, today: dt.date, catalogue: Catalogue | None = None) -> list[Result]:
    """Every programme of the catalogue for `profile`, best first (see the module docstring).

    Texts are in `lang` ("de" or "en"); `today` decides which calls are open.
    """
    catalogue = catalogue or default_catalogue()
    results = [_evaluate(p, profile, lang, today, catalogue) for p in catalogue.programmes.values()]
    return sorted(results, key=lambda r: (_RANK[r.eligibility], r.distance, -r.score, r.programme))


def _evaluate(
    programme: Programme, profile: Profile, lang: str, today: dt.date, catalogue: Catalogue
) -> Result:
    verdict = _Verdict()
    name = programme.short_name
    fitting: list[Variant] = []
    purpose: dict[str, Any] = {"status": "not_checked"}
    if programme.is_closed:
        note = (
            programme.closed_note.text.get(lang)
            if programme.closed_note and programme.closed_note.text
            else ""
        )
        verdict.block("ended", t("closed", lang, name=name, note=note).rstrip(": "))
        if programme.successor:
            successor = catalogue.programmes[programme.successor]
            verdict.reasons.append(t("closed_successor", lang, successor=successor.name.get(lang)))
    else:
        _check_region(programme, profile, lang, verdict)
        _check_applicant(programme, profile, lang, verdict)
        _check_area(programme, profile, lang, verdict)
        purpose = _check_purpose(programme, profile, lang, verdict, catalogue)
        fitting = _check_budget_and_duration(programme, profile, lang, verdict)
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
    step = next_step(programme, profile, lang, catalogue, [b["key"] for b in verdict.blockers])
    result = Result(
        programme=programme.id,
        eligibility=verdict.eligibility,
        score=max(0, min(100, score)),
        reasons=verdict.reasons,
        missing=[
            {"key": key, "question": t(f"question_{key}", lang), "label": missing_label(key, lang)}
            for key in verdict.missing
        ],
        availability=availability,
        successor=programme.successor,
        next_step=step,
        fitting_variants=[v.id for v in fitting if v.id],
        conditions=verdict.conditions,
        blockers=verdict.blockers,
        distance=verdict.distance,
        purpose=purpose,
    )
    result.verdict = verdict_of(result, programme, catalogue, lang, today)
    return result


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
        verdict.block(
            "region", t("region_wrong", lang, region=_region_name(programme, lang), state=state_name)
        )


def _check_applicant(programme: Programme, profile: Profile, lang: str, verdict: _Verdict) -> None:
    applicant = profile.applicant_type
    rule = programme.applicants.fact.text.get(lang).rstrip(".") if programme.applicants.fact.text else ""
    if applicant is None:
        verdict.unknown("applicant_type")
        return
    who = as_applicant(applicant, lang)
    if applicant in programme.applicants.eligible:
        verdict.reasons.append(t("applicant_ok", lang, applicant=who, rule=rule))
    elif applicant in programme.applicants.possible:
        condition = programme.applicants.conditions.get(applicant)
        if condition:  # say what is missing, not only "maybe"
            verdict.condition(t("applicant_condition", lang, applicant=who, condition=condition.get(lang)))
        else:
            verdict.lower(POSSIBLE, t("applicant_possible", lang, applicant=who, rule=rule))
    else:
        state = profile.effective_state
        in_region = programme.states is None or state is None or state in programme.states
        partner_note = programme.applicants.partner_note
        note = partner_note.get(lang).rstrip(".") if partner_note else ""
        if applicant in programme.applicants.partners and note and in_region:
            # Cannot apply, but takes part with the one who does (WdM: businesses with their district office).
            verdict.condition(f"{note}.")
            return
        verdict.block("applicant_type", t("applicant_wrong", lang, applicant=who, rule=rule))
        if note and in_region:  # taking part is only possible where it runs
            verdict.reasons.append(f"{note}.")


def _check_area(programme: Programme, profile: Profile, lang: str, verdict: _Verdict) -> None:
    if not programme.area_required:
        return
    rule = programme.area.text.get(lang).rstrip(".") if programme.area and programme.area.text else ""
    if profile.in_disadvantaged_area is None:
        verdict.unknown("in_disadvantaged_area")
    elif profile.in_disadvantaged_area:
        verdict.reasons.append(t("area_ok", lang, rule=rule))
    else:
        verdict.block("area", t("area_wrong", lang, rule=rule))


def _activities(keys: list[str] | tuple[str, ...], lang: str) -> str:
    return listing([activity_label(key, lang) for key in keys], lang)


def _purpose_text(programme: Programme, lang: str) -> str:
    fact = programme.purpose.fact
    if fact.text:
        return fact.text.get(lang).rstrip(".")
    return _activities(programme.purpose.funds, lang)


def _check_purpose(
    programme: Programme, profile: Profile, lang: str, verdict: _Verdict, catalogue: Catalogue
) -> dict[str, Any]:
    """Whether what the project does is what the programme funds (catalogue `purpose`).

    Shape: status ("fits", "partly", "outside", "unknown"), activities (the project's), funded,
    not_funded (the project's activities in each group), might_fit (programme ids), source, period.
    """
    purpose = programme.purpose
    acts = profile.project_activities
    funded = [a for a in acts if a in purpose.funds]
    excluded = [a for a in acts if a not in purpose.funds]
    info: dict[str, Any] = {
        "activities": list(acts),
        "funded": funded,
        "not_funded": excluded,
        "might_fit": [],
        "text": purpose.fact.text.get(lang) if purpose.fact.text else None,
        "source": purpose.fact.source,
        "period": formatting.fact_period(purpose.fact.period, lang),
    }
    if not purpose.funds:
        return {**info, "status": "unknown_purpose"}
    name = programme.short_name
    if not acts:
        verdict.unknown("project_description")
        verdict.reasons.append(t("purpose_unknown", lang, name=name, funds=_purpose_text(programme, lang)))
        return {**info, "status": "unknown"}
    if funded:
        verdict.reasons.append(t("purpose_fits", lang, activities=_activities(funded, lang)))
        outside = [a for a in excluded if a in purpose.excludes]
        if outside:
            partly = t("purpose_partly", lang, activities=_activities(outside, lang), name=name)
            if len(funded) < len(excluded):
                # Most of what the project does is outside the purpose: it could fit for the smaller part
                # only, which ranks it after a programme whose purpose covers the project.
                verdict.condition(partly)
            else:
                verdict.reasons.append(partly)
            return {**info, "status": "partly"}
        return {**info, "status": "fits"}
    alternatives = _programmes_for(acts, programme, profile, catalogue)
    reason = t("purpose_outside", lang, name=name, funds=_purpose_text(programme, lang),
               activities=_activities(acts, lang))
    if purpose.not_funded and any(a in purpose.excludes for a in acts):
        reason = f"{reason} {purpose.not_funded.get(lang)}"
    if alternatives:
        names = listing([catalogue.programmes[p].short_name for p in alternatives], lang)
        reason = f"{reason} {t('purpose_might_fit', lang, programmes=names)}"
    elif _programmes_for(acts, programme, Profile(), catalogue):
        # Another programme funds it, but not where the project is: say so, not "none funds it".
        state = profile.effective_state or ""
        region = STATES.get(state, {}).get(lang, state)
        here = t("purpose_none_fits_here", lang, region=region, activities=_activities(acts, lang))
        reason = f"{reason} {here}"
    else:
        reason = f"{reason} {t('purpose_none_fits', lang, activities=_activities(acts, lang))}"
    verdict.block("purpose", reason)
    return {**info, "status": "outside", "might_fit": alternatives}


def _programmes_for(
    acts: tuple[str, ...], current: Programme, profile: Profile, catalogue: Catalogue
) -> list[str]:
    """Running programmes, in the project's region, whose purpose covers one of its activities."""
    state = profile.effective_state
    return [
        p.id
        for p in catalogue.ordered()
        if p.id != current.id
        and not p.is_closed
        and (p.states is None or state is None or state in p.states)
        and any(a in p.purpose.funds for a in acts)
    ]


def _months_text(variant: Variant, lang: str) -> str:
    if variant.max_months is None:
        return t("months_unknown", lang)
    if variant.min_months is not None:
        return t("months_range", lang, low=variant.min_months, high=variant.max_months)
    return t("months_max", lang, high=variant.max_months)


def _amount_text(variant: Variant, lang: str) -> str:
    """The amount labelled as what it is: the grant, or the eligible total of which the grant is a share."""
    money = formatting.money
    if variant.max_eur is None:
        return t("limit_unknown", lang)
    if variant.amount_basis != "total_cost":
        return t("grant_limit", lang, limit=money(variant.max_eur, lang))
    if variant.min_eur is not None:
        total = t("total_range", lang, low=money(variant.min_eur, lang), high=money(variant.max_eur, lang))
    else:
        total = t("total_limit", lang, high=money(variant.max_eur, lang))
    parts = [total]
    if variant.max_grant_percent is not None and variant.max_grant_eur is not None:
        grant = money(variant.max_grant_eur, lang)
        parts.append(t("total_grant", lang, percent=variant.max_grant_percent, grant=grant))
    return "; ".join(parts)


def describe_variant(variant: Variant, lang: str) -> str:
    """A project type with its limits in words: "Typ A Mikroprojekte (Zuschuss bis 20.000 €; 6–12 Monate)"."""
    limits = f"{_amount_text(variant, lang)}; {_months_text(variant, lang)}"
    if variant.note:
        limits = f"{limits}; {variant.note.get(lang).rstrip('.')}"
    values = {"name": variant.name.get(lang), "limits": limits}
    if variant.id:
        return t("variant", lang, id=variant.id, **values)
    return t("variant_plain", lang, **values)


def _amount_fits(variant: Variant, amount: Decimal) -> bool:
    """The grant asked for (EUR) within the type's grant limits; for a total-cost limit, at most the
    largest grant (the total itself when the rate is unknown)."""
    if variant.amount_basis == "total_cost":
        highest = variant.max_grant_eur if variant.max_grant_eur is not None else variant.max_eur
        return highest is None or amount <= highest
    return (variant.max_eur is None or amount <= variant.max_eur) and (
        variant.min_eur is None or amount >= variant.min_eur
    )


def _duration_fits(variant: Variant, months: int) -> bool:
    return (variant.max_months is None or months <= variant.max_months) and (
        variant.min_months is None or months >= variant.min_months
    )


def _excess_weight(value: Decimal | int, limit: int) -> int:
    """A limit exceeded by little weighs less than one exceeded by much: 10 plus up to 10."""
    if limit <= 0:
        return LIMIT_WEIGHT * 2
    excess = abs(Decimal(value) - limit) / Decimal(limit)
    return LIMIT_WEIGHT + min(LIMIT_WEIGHT, int(excess * LIMIT_WEIGHT))


def _budget_block(variants: list[Variant], amount: Decimal, lang: str, verdict: _Verdict) -> None:
    money = formatting.money
    highest = max(variants, key=lambda v: v.max_grant_eur or v.max_eur or 0)
    limit = highest.max_grant_eur if highest.max_grant_eur is not None else highest.max_eur
    if limit is not None and amount > limit:
        if highest.amount_basis == "total_cost" and highest.max_grant_percent is not None:
            reason = t("budget_too_high_total", lang, amount=money(amount, lang), limit=money(limit, lang),
                       percent=highest.max_grant_percent, total=money(highest.max_eur or 0, lang))
        else:
            reason = t("budget_too_high", lang, amount=money(amount, lang), limit=money(limit, lang))
        verdict.block("budget", reason, _excess_weight(amount, limit))
        return
    minimum = min(v.min_grant_eur for v in variants if v.min_grant_eur is not None)
    reason = t("budget_too_low", lang, amount=money(amount, lang), limit=money(minimum, lang))
    verdict.block("budget", reason, _excess_weight(amount, minimum))


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
        _budget_block(variants, amount, lang, verdict)
        return []
    ranges = ", ".join(describe_variant(v, lang) for v in variants)
    if months is not None and not by_both:
        candidates = by_amount or variants
        longest = max((v.max_months for v in candidates if v.max_months is not None), default=None)
        shortest = min((v.min_months for v in candidates if v.min_months is not None), default=None)
        limit = longest if longest is not None and months > longest else shortest
        weight = _excess_weight(months, limit) if limit else LIMIT_WEIGHT
        if amount is None:
            reason = t("duration_wrong", lang, months=months, ranges=ranges)
        else:
            amount_text = formatting.money(amount, lang)
            reason = t("budget_duration_wrong", lang, amount=amount_text, months=months, ranges=ranges)
        verdict.block("duration", reason, weight)
        return []
    if amount is not None:
        # the reason names the type the amount is for; every type within the limits stays a fitting one
        fitting = ", ".join(describe_variant(v, lang) for v in _nearest(by_both))
        amount_text = formatting.money(amount, lang)
        verdict.reasons.append(t("budget_fits", lang, amount=amount_text, variants=fitting))
        _check_total_minimum(by_both, amount, lang, verdict)
    return by_both


def _nearest(variants: list[Variant]) -> list[Variant]:
    """Of the types an amount fits, the one(s) with the lowest limit: €3,000 is a micro-project, not a model
    project of up to €300,000, although no type has a lower limit."""
    limits = [v.max_grant_eur if v.max_grant_eur is not None else v.max_eur for v in variants]
    if len(variants) < 2 or any(limit is None for limit in limits):
        return variants
    lowest = min(limit for limit in limits if limit is not None)
    return [v for v, limit in zip(variants, limits, strict=True) if limit == lowest]


def _check_total_minimum(variants: list[Variant], amount: Decimal, lang: str, verdict: _Verdict) -> None:
    """A minimum on the eligible total: a small grant asks for more own funds than the usual share."""
    for variant in variants:
        if variant.amount_basis != "total_cost" or variant.min_eur is None:
            continue
        usual = variant.min_eur * (variant.max_grant_percent or 100) / 100
        if amount < usual:
            verdict.condition(
                t("budget_total_minimum", lang, name=variant.name.get(lang),
                  minimum=formatting.money(variant.min_eur, lang), amount=formatting.money(amount, lang))
            )


def _fit_bonus(programme: Programme, profile: Profile, lang: str, verdict: _Verdict) -> int:
    bonus = 0
    if programme.is_closed:
        return bonus
    shared = [a for a in profile.project_activities if a in programme.purpose.funds]
    bonus += min(20, 10 * len(shared))
    if profile.target_groups and programme.target_groups:
        shared_groups = [g for g in profile.target_groups if g in programme.target_groups]
        if shared_groups:
            bonus += min(10, 5 * len(shared_groups))
            groups = ", ".join(label(g, lang) for g in shared_groups)
            verdict.reasons.append(t("groups_match", lang, groups=groups))
    return bonus


def outcome_of(
    results: list[Result], profile: Profile, lang: str, catalogue: Catalogue | None = None
) -> dict[str, Any]:
    """The outcome of a whole match, for the headline of an answer.

    Shape: key (the best result's verdict key, or "nothing_fits"), programme (its id or None),
    headline (sentences in `lang`), next_steps (list of next-step dicts, never empty when the
    catalogue names anyone to ask), project_activities ([{key, label}]: what we read the project does).
    """
    catalogue = catalogue or default_catalogue()
    best = next((r for r in results if r.eligibility != NOT_ELIGIBLE), None)
    if best is None:
        key, headline = "nothing_fits", t("outcome_nothing_fits", lang)
    else:
        key, headline = best.verdict["key"], best.verdict["headline"]
    return {
        "key": key,
        "programme": best.programme if best else None,
        "headline": headline,
        "next_steps": outcome_steps(results, profile, lang, catalogue),
        "project_activities": [
            {"key": a, "label": activity_label(a, lang)} for a in profile.project_activities
        ],
    }
