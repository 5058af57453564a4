"""A programme's facts as a flat, localised list: value, source and period for each, unknown ones said so.

Periods are given in words for the language (`period`: "1. Juli 2026 – 30. Sept. 2028", "ohne Datum")
and for machines (`period_data`). A fact made of statements from several pages lists every page in
`sources`; earlier rounds and figures stand beside the fact they belong to (catalogue `history`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from programmes import formatting
from programmes.availability import availability_of, period_fields
from programmes.catalogue import DISTRICT_OFFICE, Catalogue, Fact, Period, Programme
from programmes.matching import describe_variant
from programmes.messages import activity_label, fact_label, label, t
from programmes.vocabulary import FACT_KEYS

Source = dict[str, Any]


def who_knows(programme: Programme, catalogue: Catalogue, lang: str) -> str:
    """Whom to ask when we do not know a fact: the district office for Berlin programmes, else the funder."""
    if DISTRICT_OFFICE in programme.contacts:
        return t("district_office_generic", lang)
    for contact_id in programme.contacts:
        contact = catalogue.contacts.get(contact_id)
        if contact and contact.name:
            return contact.name.get(lang)
    return programme.short_name


def _period_text(period: Period | None, lang: str) -> str:
    return formatting.fact_period(period, lang) or ""


def _source(url: str | None, period: Period | None, lang: str) -> Source:
    return {"url": url, **period_fields(period, lang)}


def _entry(key: str, value: str | None, sources: list[Source], lang: str, hint: str) -> dict[str, Any]:
    return {
        "key": key,
        "label": fact_label(key, lang),
        "value": value,
        "known": value is not None,
        "source": sources[0]["url"] if sources else None,
        "period": sources[0]["period"] if sources else None,
        "period_data": sources[0]["period_data"] if sources else None,
        "sources": sources,
        "unknown_hint": None if value is not None else hint,
    }


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _earlier(programme: Programme, key: str, lang: str) -> tuple[list[str], list[Source]]:
    """Earlier rounds and figures that belong beside fact `key`, with their periods in the text."""
    texts, sources = [], []
    for item in programme.history:
        fact = item.fact
        if item.about == key and fact.text:
            period = formatting.fact_period(fact.period, lang) or ""
            texts.append(_sentence(t("earlier", lang, period=period, text=fact.text.get(lang))))
            sources.append(_source(fact.source, fact.period, lang))
    return texts, sources


def _from_fact(key: str, fact: Fact | None, programme: Programme, lang: str, hint: str) -> dict[str, Any]:
    earlier, earlier_sources = _earlier(programme, key, lang)
    if fact is None or fact.text is None:
        if earlier:
            return _entry(key, " ".join(earlier), earlier_sources, lang, hint)
        return _entry(key, None, [], lang, hint)
    parts = fact.parts()
    value = " ".join(_sentence(p.text.get(lang)) for p in parts if p.text) if len(parts) > 1 else (
        parts[0].text.get(lang) if parts[0].text else ""
    )
    if earlier:
        value = " ".join([_sentence(value), *earlier])
    sources = [_source(p.source, p.period, lang) for p in parts] + earlier_sources
    return _entry(key, value, sources, lang, hint)


def _purpose_entry(programme: Programme, lang: str, hint: str) -> dict[str, Any]:
    purpose = programme.purpose
    if purpose.fact.text is None:
        return _entry("purpose", None, [], lang, hint)
    value = purpose.fact.text.get(lang)
    if purpose.not_funded:
        value = f"{_sentence(value)} {purpose.not_funded.get(lang)}"
    return _entry("purpose", value, [_source(purpose.fact.source, purpose.fact.period, lang)], lang, hint)


def _history_entry(programme: Programme, lang: str, hint: str) -> dict[str, Any] | None:
    known = [h.fact for h in programme.history if h.fact.text]
    if not known:
        return None
    value = " ".join(
        _sentence(t("earlier", lang, period=_period_text(f.period, lang), text=f.text.get(lang)))
        for f in known
        if f.text
    )
    return _entry("history", value, [_source(f.source, f.period, lang) for f in known], lang, hint)


def _variant_sources(programme: Programme, lang: str, durations: bool) -> list[Source]:
    sources = []
    for v in programme.variants:
        if durations and v.duration_source:
            sources.append(_source(v.duration_source, v.duration_period, lang))
        elif v.max_eur is not None or v.max_months is not None:
            sources.append(_source(v.source, v.period, lang))
    return sources


def programme_facts(
    programme: Programme, catalogue: Catalogue, lang: str, today: dt.date
) -> list[dict[str, Any]]:
    """Every fact of `programme` in FACT_KEYS order, in `lang`; a fact we do not know has value None."""
    hint = t("unknown_fact", lang, who=who_knows(programme, catalogue, lang))
    amounts = [v for v in programme.variants if v.max_eur is not None]
    durations = [v for v in programme.variants if v.max_months is not None]
    availability = availability_of(programme, lang, today)
    status_sources: list[Source] = []
    if availability["source"]:
        status_sources.append(
            {"url": availability["source"], "period": availability["period"],
             "period_data": availability["period_data"]}
        )
    if programme.closed_note and programme.closed_note.source:
        status_sources[:0] = [_source(p.source, p.period, lang) for p in programme.closed_note.parts()]
    status_text = availability["label"]
    if programme.is_closed and programme.closed_note and programme.closed_note.text:
        notes = " ".join(_sentence(p.text.get(lang)) for p in programme.closed_note.parts() if p.text)
        status_text = f"{status_text}: {notes}"
    amount_earlier, amount_earlier_sources = _earlier(programme, "amount", lang)
    duration_earlier, duration_earlier_sources = _earlier(programme, "duration", lang)
    amount_value = "; ".join(describe_variant(v, lang) for v in amounts) or None
    duration_value = "; ".join(describe_variant(v, lang) for v in durations) or None
    deadline_earlier, deadline_earlier_sources = _earlier(programme, "deadline", lang)
    facts: dict[str, dict[str, Any] | None] = {
        "summary": _entry("summary", programme.summary.get(lang), [], lang, hint),
        "status": _entry("status", status_text, status_sources, lang, hint),
        "region": _from_fact("region", programme.region, programme, lang, hint),
        "applicants": _from_fact("applicants", programme.applicants.fact, programme, lang, hint),
        "area": _from_fact("area", programme.area, programme, lang, hint)
        if programme.area_required
        else None,
        "purpose": _purpose_entry(programme, lang, hint),
        "goals": _from_fact("goals", programme.goals_fact, programme, lang, hint),
        "target_groups": _from_fact("target_groups", programme.target_groups_fact, programme, lang, hint),
        "amount": _entry(
            "amount",
            " ".join([_sentence(amount_value), *amount_earlier]) if amount_value else (
                " ".join(amount_earlier) or None
            ),
            _variant_sources(programme, lang, durations=False) + amount_earlier_sources,
            lang,
            hint,
        ),
        "duration": _entry(
            "duration",
            " ".join([_sentence(duration_value), *duration_earlier]) if duration_value else (
                " ".join(duration_earlier) or None
            ),
            _variant_sources(programme, lang, durations=True) + duration_earlier_sources,
            lang,
            hint,
        ),
        "funding_rate": _from_fact("funding_rate", programme.funding_rate, programme, lang, hint),
        "deadline": _entry(
            "deadline",
            " ".join([availability["text"], *deadline_earlier]).strip() or None,
            status_sources + deadline_earlier_sources,
            lang,
            hint,
        ),
        "how_to_apply": _from_fact("how_to_apply", programme.how_to_apply, programme, lang, hint),
        "funder": _from_fact("funder", programme.funder, programme, lang, hint),
        "fund": _from_fact("fund", programme.fund, programme, lang, hint),
        "contact": _contact_fact(programme, catalogue, lang, hint),
        "history": _history_entry(programme, lang, hint),
    }
    return [entry for key in FACT_KEYS if (entry := facts[key]) is not None]


def _contact_fact(programme: Programme, catalogue: Catalogue, lang: str, hint: str) -> dict[str, Any]:
    parts: list[str] = []
    sources: list[Source] = []
    for contact_id in programme.contacts:
        if contact_id == DISTRICT_OFFICE:
            parts.append(t("district_office_generic", lang))
            continue
        contact = catalogue.contacts[contact_id]
        text = contact.text.get(lang) if contact.text else ""
        name = contact.name.get(lang) if contact.name else ""
        where = f" ({contact.url})" if contact.url else ""
        parts.append(f"{name}{where}" + (f": {text}" if text else ""))
        sources.append(_source(contact.source, contact.period, lang))
    return _entry("contact", "; ".join(parts) or None, sources, lang, hint)


def purpose_summary(programme: Programme, lang: str) -> dict[str, Any]:
    """What a programme funds, for the API: the activity keys with labels, the texts, source and period."""
    purpose = programme.purpose
    return {
        "funds": [{"key": a, "label": activity_label(a, lang)} for a in purpose.funds],
        "excludes": [{"key": a, "label": activity_label(a, lang)} for a in purpose.excludes],
        "text": purpose.fact.text.get(lang) if purpose.fact.text else None,
        "not_funded": purpose.not_funded.get(lang) if purpose.not_funded else None,
        "source": purpose.fact.source,
        **period_fields(purpose.fact.period, lang),
    }


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
        "purpose": purpose_summary(programme, lang),
    }
