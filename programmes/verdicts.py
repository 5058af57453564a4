"""The headline of a match result: whether one can apply now, and what to do next.

"You can apply now" only when the applicant fits and a call for their project type is open; a fitting
programme without an open call says so with the last closing date; a closed round is never presented
as open. The bot and the finder show this headline as it is.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from programmes import formatting
from programmes.availability import call_dict
from programmes.catalogue import Call, Catalogue, Programme
from programmes.messages import listing, t

if TYPE_CHECKING:
    from programmes.matching import Result

VERDICTS = ("apply_now", "fits_no_open_call", "possible", "not_eligible", "ended")


def _relevant(call: Call, fitting: list[str]) -> bool:
    """A call counts for the applicant when it is for every type or for a type that fits them."""
    return call.variant is None or not fitting or call.variant in fitting


def _calls(
    programme: Programme, fitting: list[str], today: dt.date
) -> tuple[Call | None, Call | None, Call | None]:
    """The open call (closing first), the last closed one and the next one, for the fitting types."""
    calls = [c for c in programme.calls if _relevant(c, fitting)]
    open_calls = sorted(
        (c for c in calls if c.closes and (c.opens is None or c.opens <= today) and today <= c.closes),
        key=lambda c: c.closes or today,
    )
    closed = sorted((c for c in calls if c.closes and c.closes < today), key=lambda c: c.closes or today)
    future = sorted((c for c in calls if c.opens and c.opens > today), key=lambda c: c.opens or today)
    return (
        open_calls[0] if open_calls else None,
        closed[-1] if closed else None,
        future[0] if future else None,
    )


def _no_call_note(last: Call | None, lang: str) -> str:
    if last is None or last.closes is None:
        return t("verdict_no_dates", lang)
    return t("verdict_last_closed", lang, date=formatting.day(last.closes, lang), label=last.label.get(lang))


def verdict_of(
    result: Result, programme: Programme, catalogue: Catalogue, lang: str, today: dt.date
) -> dict[str, Any]:
    """The verdict of one result.

    Shape: key (one of VERDICTS), can_apply_now and call_open (bool), headline (sentences in `lang`),
    next_step (the next step's text), text (headline and next step), open_call, last_closed and
    next_call (call dicts of the calls for the applicant's project types, or None), next_round_known
    (False when the catalogue knows of no call after the last one).
    """
    name = programme.short_name
    open_call, last, upcoming = _calls(programme, result.fitting_variants, today)
    if programme.is_closed:
        key = "ended"
        sentences = [t("verdict_ended", lang, name=name)]
        if programme.successor:
            successor = catalogue.programmes[programme.successor].name.get(lang)
            sentences.append(t("closed_successor", lang, successor=successor))
    elif result.eligibility == "not_eligible":
        key = "not_eligible"
        hard = [b for b in result.blockers if b["hard"]]
        reason = (hard or result.blockers)[0]["text"] if result.blockers else ""
        sentences = [t("verdict_not_eligible", lang, name=name, reason=reason)]
    elif result.eligibility == "possible":
        key = "possible"
        labels = [m["label"] for m in result.missing]
        if labels:
            sentences = [t("verdict_possible", lang, name=name, missing=listing(labels, lang))]
        else:
            sentences = [t("verdict_possible_plain", lang, name=name)]
        sentences += result.conditions
        if open_call and open_call.closes:
            sentences.append(t("verdict_possible_open", lang, closes=formatting.day(open_call.closes, lang)))
        elif not programme.calls:  # no call dates at all (WdM): we cannot say that none is open
            sentences.append(t("verdict_possible_no_fixed_calls", lang))
        else:
            sentences.append(t("verdict_possible_no_call", lang, last=_no_call_note(last, lang)))
    elif open_call and open_call.closes:
        key = "apply_now"
        sentences = [
            t(
                "verdict_apply_now",
                lang,
                name=name,
                label=open_call.label.get(lang),
                closes=formatting.day(open_call.closes, lang),
            )
        ]
    elif not programme.calls:
        key = "fits_no_open_call"
        sentences = [t("verdict_fits_no_fixed_calls", lang, name=name)]
    else:
        key = "fits_no_open_call"
        sentences = [t("verdict_fits_no_call", lang, name=name, last=_no_call_note(last, lang))]
    if key in ("fits_no_open_call", "possible") and upcoming and upcoming.opens and not open_call:
        sentences.append(
            t(
                "verdict_next_call",
                lang,
                label=upcoming.label.get(lang),
                date=formatting.day(upcoming.opens, lang),
            )
        )
    headline = " ".join(s.strip() for s in sentences if s)
    if result.next_step.get("kind") == "partner" and programme.calls and not open_call:
        # Joining someone else's project: whether that programme takes applications now belongs to it.
        note = t("partner_no_call", lang, name=name, last=_no_call_note(last, lang))
        result.next_step = {**result.next_step, "text": f"{result.next_step.get('text', '').rstrip()} {note}"}
    step = result.next_step.get("text") or ""
    return {
        "key": key,
        "can_apply_now": key == "apply_now",
        "call_open": open_call is not None,
        "headline": headline,
        "next_step": step,
        "text": f"{headline} {t('verdict_next_step', lang, step=step)}" if step else headline,
        "open_call": call_dict(open_call, lang) if open_call else None,
        "last_closed": call_dict(last, lang) if last else None,
        "next_call": call_dict(upcoming, lang) if upcoming else None,
        # a later round may come (a draft prepares for it) unless the catalogue knows of none
        "next_round_known": programme.next_round_known or upcoming is not None,
    }
