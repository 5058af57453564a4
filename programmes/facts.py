"""A programme's facts as a flat, localised list: value, source and period for each, unknown ones said so."""

from __future__ import annotations

import datetime as dt
from typing import Any

from programmes.catalogue import DISTRICT_OFFICE, Catalogue, Fact, Programme
from programmes.matching import availability_of, describe_variant
from programmes.messages import fact_label, label, t

# The order in which facts are shown; the bot's questions map onto these keys.
FACT_KEYS = (
    "summary",
    "status",
    "region",
    "applicants",
    "area",
    "goals",
    "target_groups",
    "amount",
    "duration",
    "funding_rate",
    "deadline",
    "how_to_apply",
    "funder",
    "fund",
    "contact",
)


def who_knows(programme: Programme, catalogue: Catalogue, lang: str) -> str:
    """Whom to ask when we do not know a fact: the district office for Berlin programmes, else the funder."""
    if DISTRICT_OFFICE in programme.contacts:
        return t("district_office_generic", lang)
    names = [catalogue.contacts[c].name for c in programme.contacts if c in catalogue.contacts]
    return names[0] if names and names[0] else programme.short_name


def _entry(
    key: str, value: str | None, sources: list[dict[str, str | None]], lang: str, hint: str
) -> dict[str, Any]:
    return {
        "key": key,
        "label": fact_label(key, lang),
        "value": value,
        "known": value is not None,
        "source": sources[0]["url"] if sources else None,
        "period": sources[0]["period"] if sources else None,
        "sources": sources,
        "unknown_hint": None if value is not None else hint,
    }


def _from_fact(key: str, fact: Fact | None, lang: str, hint: str) -> dict[str, Any]:
    if fact is None or fact.text is None:
        return _entry(key, None, [], lang, hint)
    return _entry(key, fact.text.get(lang), [{"url": fact.source, "period": fact.period}], lang, hint)


def programme_facts(
    programme: Programme, catalogue: Catalogue, lang: str, today: dt.date
) -> list[dict[str, Any]]:
    hint = t("unknown_fact", lang, who=who_knows(programme, catalogue, lang))
    variants = [v for v in programme.variants if v.max_eur is not None or v.max_months is not None]
    variant_sources = [{"url": v.source, "period": v.period} for v in variants]
    amounts = [v for v in programme.variants if v.max_eur is not None]
    durations = [v for v in programme.variants if v.max_months is not None]
    availability = availability_of(programme, lang, today)
    status_sources = (
        [{"url": availability["source"], "period": availability["period"]}] if availability["source"] else []
    )
    if programme.closed_note and programme.closed_note.source:
        status_sources.insert(
            0, {"url": programme.closed_note.source, "period": programme.closed_note.period}
        )
    status_text = availability["label"]
    if programme.is_closed and programme.closed_note and programme.closed_note.text:
        status_text = f"{status_text}: {programme.closed_note.text.get(lang)}"
    facts = {
        "summary": _entry("summary", programme.summary.get(lang), [], lang, hint),
        "status": _entry("status", status_text, status_sources, lang, hint),
        "region": _from_fact("region", programme.region, lang, hint),
        "applicants": _from_fact("applicants", programme.applicants.fact, lang, hint),
        "area": _from_fact("area", programme.area, lang, hint) if programme.area_required else None,
        "goals": _from_fact("goals", programme.goals_fact, lang, hint),
        "target_groups": _from_fact("target_groups", programme.target_groups_fact, lang, hint),
        "amount": _entry(
            "amount",
            "; ".join(describe_variant(v, lang) for v in amounts) or None,
            [{"url": v.source, "period": v.period} for v in amounts],
            lang,
            hint,
        ),
        "duration": _entry(
            "duration",
            "; ".join(describe_variant(v, lang) for v in durations) or None,
            [{"url": v.source, "period": v.period} for v in durations] or variant_sources,
            lang,
            hint,
        ),
        "funding_rate": _from_fact("funding_rate", programme.funding_rate, lang, hint),
        "deadline": _entry("deadline", availability["text"] or None, status_sources, lang, hint),
        "how_to_apply": _from_fact("how_to_apply", programme.how_to_apply, lang, hint),
        "funder": _from_fact("funder", programme.funder, lang, hint),
        "fund": _from_fact("fund", programme.fund, lang, hint),
        "contact": _contact_fact(programme, catalogue, lang, hint),
    }
    return [facts[key] for key in FACT_KEYS if facts[key] is not None]


def _contact_fact(programme: Programme, catalogue: Catalogue, lang: str, hint: str) -> dict[str, Any]:
    parts: list[str] = []
    sources: list[dict[str, str | None]] = []
    for contact_id in programme.contacts:
        if contact_id == DISTRICT_OFFICE:
            parts.append(t("district_office_generic", lang))
            continue
        contact = catalogue.contacts[contact_id]
        text = contact.text.get(lang) if contact.text else ""
        parts.append(f"{contact.name} ({contact.url})" + (f": {text}" if text else ""))
        sources.append({"url": contact.source, "period": contact.period})
    return _entry("contact", "; ".join(parts) or None, sources, lang, hint)


def programme_summary(programme: Programme, lang: str, today: dt.date) -> dict[str, Any]:
    availability = availability_of(programme, lang, today)
    return {
        "id": programme.id,
        "short_name": programme.short_name,
        "name": programme.name.get(lang),
        "summary": programme.summary.get(lang),
        "lifecycle": programme.lifecycle,
        "status": availability["status"],
        "status_label": label(availability["status"], lang),
        "successor": programme.successor,
    }


def programme_detail(programme: Programme, catalogue: Catalogue, lang: str, today: dt.date) -> dict[str, Any]:
    return {
        **programme_summary(programme, lang, today),
        "availability": availability_of(programme, lang, today),
        "facts": programme_facts(programme, catalogue, lang, today),
        "aliases": list(programme.aliases),
    }
