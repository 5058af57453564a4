"""Whether one can apply for a programme on a given day, computed from its call windows.

Availability is never written in the catalogue: `lifecycle` and `calls` decide it against `today`.
Dates and periods are formatted for the answer's language (programmes.formatting).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from programmes import formatting
from programmes.catalogue import Call, Period, Programme
from programmes.messages import label, t


def period_fields(period: Period | None, lang: str) -> dict[str, Any]:
    """`period` in words for `lang` and `period_data` for machines (ISO dates or years, round name)."""
    return {
        "period": formatting.fact_period(period, lang),
        "period_data": period.as_dict(lang) if period else None,
    }


def call_dict(call: Call, lang: str) -> dict[str, Any]:
    """One call window: ISO dates, the same dates in words, sources and the periods it belongs to."""
    return {
        "variant": call.variant,
        "label": call.label.get(lang),
        "opens": call.opens.isoformat() if call.opens else None,
        "closes": call.closes.isoformat() if call.closes else None,
        "opens_label": formatting.day(call.opens, lang) if call.opens else None,
        "closes_label": formatting.day(call.closes, lang) if call.closes else None,
        "source": call.source,
        "opens_source": call.opens_source,
        **period_fields(call.period, lang),
        "project_period": formatting.fact_period(call.project_period, lang),
        "project_source": call.project_source or (call.source if call.project_period else None),
    }


def window(call: Call, lang: str) -> str:
    """The call window in words: "19. Dez. 2022 – 16. Jan. 2023", or "bis 28. Mai 2021"."""
    if call.opens is None:
        return t("window_until", lang, closes=formatting.day(call.closes, lang)) if call.closes else ""
    return formatting.period(call.opens, call.closes, lang)


def _calls(programme: Programme, today: dt.date) -> tuple[list[Call], list[Call], Call | None]:
    """The open calls, the future ones (soonest first) and the one that closed last."""
    closing = [(c.closes, c) for c in programme.calls if c.closes is not None]
    open_calls = [c for closes, c in closing if (c.opens is None or c.opens <= today) and today <= closes]
    opening = [(c.opens, c) for c in programme.calls if c.opens is not None and c.opens > today]
    future = [c for _, c in sorted(opening, key=lambda pair: pair[0])]
    past = [c for _, c in sorted(((d, c) for d, c in closing if d < today), key=lambda pair: pair[0])]
    return open_calls, future, (past[-1] if past else None)


def last_closed(programme: Programme, today: dt.date) -> Call | None:
    return _calls(programme, today)[2]


def last_by_variant(programme: Programme, lang: str, today: dt.date) -> dict[str, dict[str, Any]]:
    """Per project type (variant id), its call that closed last, as a sentence with its source: what someone
    asking about one type's deadline ("Typ B, ich hab was von 31. Juli gelesen") needs, when the programme's
    last call overall was of another type. Shape: {variant: {"text", "source", "closes"}}; empty for an
    ended programme."""
    if programme.is_closed:
        return {}
    latest: dict[str, Call] = {}
    closed = [c for c in programme.calls if c.variant and c.closes and c.closes < today]
    for call in sorted(closed, key=lambda c: c.closes or today):
        latest[str(call.variant)] = call  # the later call of a type replaces the earlier one
    return {
        variant: {
            "text": t(
                "availability_last_variant",
                lang,
                variant=variant,
                label=call.label.get(lang),
                window=window(call, lang),
            ),
            "source": call.source,
            "closes": call.closes.isoformat() if call.closes else None,
        }
        for variant, call in latest.items()
    }


def availability_of(programme: Programme, lang: str, today: dt.date) -> dict[str, Any]:
    """Whether one can apply now, computed from the call windows against `today`.

    Shape: status ("open_call", "no_open_call", "closed"), label, text (sentences in `lang`), open_calls,
    next_call, last_call (call dicts), last_by_variant (see `last_by_variant`), as_of (ISO date) and
    as_of_label (the date in words), source and period (of the call the text rests on, else of the call
    rhythm).
    """
    open_calls, future, last = _calls(programme, today)
    sentences: list[str] = []
    if programme.is_closed:
        status = "closed"
        sentences.append(t("availability_closed", lang))
    elif open_calls:
        status = "open_call"
        sentences += [
            t("availability_open", lang, label=c.label.get(lang), closes=formatting.day(c.closes, lang))
            for c in open_calls
            if c.closes
        ]
    else:
        status = "no_open_call"
        sentences.append(t("availability_none", lang, today=formatting.day(today, lang)))
        if future and future[0].opens:
            opens = formatting.day(future[0].opens, lang)
            sentences.append(t("availability_next", lang, label=future[0].label.get(lang), opens=opens))
    if status != "open_call" and last:
        sentences.append(t("availability_last", lang, label=last.label.get(lang), window=window(last, lang)))
    basis = next(iter(open_calls or future or ([last] if last else [])), None)
    if basis and basis.project_period and status != "closed":
        projects = formatting.fact_period(basis.project_period, lang)
        sentences.append(t("availability_projects", lang, period=projects))
    rhythm = programme.call_rhythm
    if status != "closed" and rhythm and rhythm.text:
        sentences.append(rhythm.text.get(lang))
    period = basis.period if basis else (rhythm.period if rhythm else None)
    return {
        "status": status,
        "label": label(status, lang),
        "text": " ".join(sentences),
        "open_calls": [call_dict(c, lang) for c in open_calls],
        "next_call": call_dict(future[0], lang) if future else None,
        "last_call": call_dict(last, lang) if last else None,
        "last_by_variant": last_by_variant(programme, lang, today),
        "as_of": today.isoformat(),
        "as_of_label": formatting.day(today, lang),
        "source": basis.source if basis else (rhythm.source if rhythm else None),
        **period_fields(period, lang),
    }
