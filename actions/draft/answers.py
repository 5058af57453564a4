"""Checks one answer of the draft against the reader of its field and the programme's limits.

`check` is the single entry point the form validation and the correction action share: it returns
the slot updates (the normalised answer, plus what it implies, such as the legal form in a name)
or raises FieldError with the re-ask text's key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from actions.messages import DRAFT
from actions.render import partner_note
from bot.nlu.commands import is_question
from programmes import answers as fields
from programmes import rules as programme_rules
from programmes.answer_frames import refers_back
from programmes.answers import FieldError, amount_from_slot
from programmes.messages import label_with_article, plural_label

text = DRAFT.text

TEXT_FIELDS = ("city", "project_title")
# Answers written freely, which a remark about the conversation can wrap or replace (answer_frames).
FREE_TEXT_FIELDS = (
    *TEXT_FIELDS, "contact_name", "project_summary", "organisation_name", "municipality", "area"
)
YES_NO_FIELDS = ("draft_confirmed", "draft_consent")


def _open_programmes(lang: str, slots: Mapping[str, Any] | None = None) -> str:
    """The sentence naming the running programmes this applicant may apply for where the project is ("" when
    none): an association is not offered BIWAQ (municipalities only), a project in NRW not LSI (Berlin
    only)."""
    slots = slots or {}
    applicant, state = slots.get("organisation_type"), slots.get("state")
    names = [
        p.short_name
        for p in programme_rules.current_programmes()
        if (not applicant or programme_rules.may_apply(p.id, str(applicant)))
        and programme_rules.applies_in(p.id, state)
    ]
    return text("programmes_running", lang, programmes=", ".join(names)) if names else ""


def _options(slots: Mapping[str, Any], lang: str) -> str:
    """Per running programme where the project is, what this applicant can do: apply, apply with a legal form
    or a partner, or take part as a partner of the body that applies (catalogue: applicants)."""
    applicant, state = slots.get("organisation_type"), slots.get("state")
    options = []
    partnering = False
    for found in programme_rules.current_programmes():
        if not programme_rules.applies_in(found.id, state):
            continue
        verdict = programme_rules.applicant_verdict(found.id, str(applicant)) if applicant else "eligible"
        if verdict in ("eligible", None):
            options.append(text("option_apply", lang, programme=found.short_name))
        elif verdict == "possible":
            options.append(text("option_apply_with_partner", lang, programme=found.short_name))
        elif found.applicants.partner_note:
            note = found.applicants.partner_note.get(lang).rstrip(".")
            options.append(text("option_partner", lang, programme=found.short_name, note=note))
            partnering = True
    district = slots.get("district")
    where = text("option_district_office", lang, district=district) if district and partnering else ""
    return " ".join([*options, where]).strip()


def _programme(value: Any, slots: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The chosen programme: open, and open to this kind of applicant (catalogue: applicants.eligible
    and .possible). Raises FieldError "invalid_programme", "programme_closed" or "programme_not_eligible"
    (values: programme, eligible, applicant, partner: how they can take part instead, alternatives)."""
    programme_id = programme_rules.find_programme(str(value or ""))
    if programme_id is None and is_question(str(value or "")):
        # "und wat kann ick dann machen?": what this applicant can do with each running programme
        raise FieldError("programme_options", options=_options(slots, lang))
    if programme_id is None:
        raise FieldError("invalid_programme", programmes=_open_programmes(lang, slots))
    found = programme_rules.programme(programme_id)
    short_name = found.short_name if found else programme_id
    if programme_rules.is_closed(programme_id):
        successor = programme_rules.programme(found.successor) if found and found.successor else None
        instead = text("programme_successor", lang, successor=successor.short_name) if successor else ""
        raise FieldError(
            "programme_closed",
            programme=short_name,
            programmes=_open_programmes(lang, slots),
            successor=instead,
        )
    applicant = slots.get("organisation_type")
    if found is not None and applicant and not programme_rules.may_apply(programme_id, applicant):
        others = [
            p.short_name
            for p in programme_rules.current_programmes()
            if programme_rules.may_apply(p.id, applicant)
            and p.id != programme_id
            and programme_rules.applies_in(p.id, slots.get("state"))
        ]
        alternatives = (
            text("programme_alternatives", lang, programmes=", ".join(others)) if others else ""
        )
        raise FieldError(
            "programme_not_eligible",
            programme=short_name,
            eligible=(" und " if lang != "en" else " and ").join(
                plural_label(kind, lang) for kind in found.applicants.eligible
            ),
            applicant=label_with_article(str(applicant), lang),
            partner=partner_note(programme_id, lang),
            alternatives=alternatives,
        )
    updates: dict[str, Any] = {"programme": programme_id}
    # Answers that only made sense for the programme chosen before are asked again.
    if slots.get("lsi_type") and slots.get("lsi_type") not in programme_rules.variant_ids(programme_id):
        updates["lsi_type"] = None
    limits = programme_rules.limits(programme_id, updates.get("lsi_type", slots.get("lsi_type")))
    updates.update(_outside_limits(slots, limits))
    return updates


def _outside_limits(slots: Mapping[str, Any], limits: programme_rules.Limits) -> dict[str, Any]:
    """Empties an amount or duration given earlier that breaks the new limits, so it is asked again."""
    updates: dict[str, Any] = {}
    requested = amount_from_slot(slots.get("requested_amount_eur"))
    if requested is not None:
        try:
            fields.check_requested(requested, limits, None, "de")
        except FieldError:
            updates["requested_amount_eur"] = None
    months = slots.get("duration_months")
    if months is not None:
        try:
            fields.check_duration(fields.read_months(months), limits)
        except FieldError:
            updates["duration_months"] = None
    return updates


def _organisation_type(value: Any, slots: Mapping[str, Any], lang: str) -> dict[str, Any]:
    # Whether this applicant may apply for the chosen programme is checked after the answer is taken
    # (refusal below), so the answer stays when the programme changes.
    return {"organisation_type": fields.read_organisation_type(value)}


def refusal(slots: Mapping[str, Any], lang: str) -> FieldError | None:
    """The "programme_not_eligible" error when the applicant the answers describe may not apply for the
    chosen programme (an e.V. that chose BIWAQ), else None. The caller says it and empties the programme,
    so the programme question comes next and every other answer stays."""
    programme_id, applicant = slots.get("programme"), slots.get("organisation_type")
    if not programme_id or not applicant or programme_rules.may_apply(programme_id, applicant):
        return None
    try:
        _programme(programme_id, slots, lang)
    except FieldError as error:
        return error if error.key == "programme_not_eligible" else None
    return None


def _variant(value: Any, slots: Mapping[str, Any], lang: str) -> dict[str, Any]:
    programme_id = slots.get("programme")
    variant = fields.read_variant(value, fields.variant_names(programme_id))
    # A type with other limits can make an earlier amount or duration invalid: ask for it again.
    return {
        "lsi_type": variant,
        **_outside_limits(slots, programme_rules.limits(programme_id, variant)),
    }


def _organisation(value: Any, slots: Mapping[str, Any], field: str) -> dict[str, Any]:
    """The organisation's name or legal form, and what it implies: "Kiezküche e.V." gives the legal form
    e.V. and the type association; "nicht eingetragen" gives no legal form, an initiative. A new name with
    another legal form replaces the one the old name gave (and the type it implied). A public body's name
    is also the applying municipality where the programme asks for one (BIWAQ)."""
    updates: dict[str, Any] = {}
    before = slots.get("legal_form")
    if field == "organisation_name":
        updates["organisation_name"] = fields.read_text(value, "organisation_name")
        implied = fields.legal_form_in(updates["organisation_name"])
        legal_form = implied[0] if implied else None
        if legal_form and legal_form != before:
            updates["legal_form"] = legal_form
    else:
        legal_form = updates["legal_form"] = fields.read_legal_form(value)
    organisation_type = fields.legal_form_type(legal_form) if legal_form else None
    implied_before = fields.legal_form_type(before) if before else None
    current_type = slots.get("organisation_type")
    if organisation_type and (not current_type or current_type == implied_before):
        updates["organisation_type"] = organisation_type
    elif current_type and current_type == implied_before and legal_form != before:
        # The type came from the old legal form; the new one does not settle it: ask.
        updates["organisation_type"] = None
    applicant_type = updates.get("organisation_type") or current_type
    if (
        field == "organisation_name"
        and applicant_type in programme_rules.PUBLIC_BODIES
        and programme_rules.asks_municipality(slots.get("programme"))
        and not slots.get("municipality")
    ):
        # "Bezirksamt Lichtenberg von Berlin" applies itself: it is the applying municipality or office
        updates["municipality"] = updates["organisation_name"]
    return {k: v for k, v in updates.items() if k != "organisation_type" or v != current_type}


def _duration(value: Any, slots: Mapping[str, Any], limits: programme_rules.Limits, lang: str) -> int:
    """Months within the limits of the chosen project type; when another type of the programme allows them,
    the error names it ("12 Monate passen zu Typ A …"), so the person sees the way forward."""
    months = fields.read_months(value)
    try:
        return fields.check_duration(months, limits)
    except FieldError as error:
        programme_id, chosen = slots.get("programme"), slots.get("lsi_type")
        fitting = []
        for variant in programme_rules.variant_ids(programme_id):
            if variant == chosen:
                continue
            try:
                fields.check_duration(months, programme_rules.limits(programme_id, variant))
            except FieldError:
                continue
            fitting.append(variant)
        if not (chosen and fitting) or error.key != "duration_above_limit":
            raise
        name = programme_rules.variant_name(programme_id, fitting[0], lang) or ""
        raise FieldError(
            "duration_fits_other_type",
            months=months,
            variant=chosen,
            other=fitting[0],
            other_name=name,
            max_months=error.values["max_months"],
        ) from error


def check(
    field: str, value: Any, slots: Mapping[str, Any], lang: str, today: dt.date
) -> dict[str, Any]:
    """The slot updates for one answer; raises FieldError if it cannot be used.

    A free-text answer that only points back ("wie oben", "use the one from before") holds no value: the
    project summary then takes the description the person gave earlier (slot project_description), any
    other field raises FieldError "refers_back", which asks for the value itself.
    """
    limits = programme_rules.limits(slots.get("programme"), slots.get("lsi_type"))
    if field in FREE_TEXT_FIELDS and isinstance(value, str) and refers_back(value):
        earlier = slots.get("project_description")
        if field == "project_summary" and earlier:
            return {field: fields.read_summary(earlier)}
        raise FieldError("refers_back")
    if field == "programme":
        return _programme(value, slots, lang)
    if field == "lsi_type":
        return _variant(value, slots, lang)
    if field == "project_summary":
        return {field: fields.read_summary(value)}
    if field in ("organisation_name", "legal_form"):
        return _organisation(value, slots, field)
    if field == "organisation_type":
        return _organisation_type(value, slots, lang)
    if field == "municipality":
        return {field: fields.read_municipality(value)}
    if field == "city":
        return {field: fields.read_city(value)}
    if field == "area":
        return {field: fields.read_area(value)}
    if field == "contact_name":
        return {field: fields.read_contact_name(value)}
    if field in TEXT_FIELDS:
        return {field: fields.read_text(value, field)}
    if field == "contact_email":
        return {field: fields.read_email(value)}
    if field == "contact_phone":
        return {field: fields.read_phone(value)}
    if field == "district":
        return {field: fields.read_district(value)}
    if field == "target_groups":
        return {field: fields.read_target_groups(value)}
    if field == "participants":
        return {field: str(fields.read_participants(value))}
    if field == "start_date":
        return {field: fields.check_start(fields.read_date(value, lang), today, lang).isoformat()}
    if field == "duration_months":
        return {field: str(_duration(value, slots, limits, lang))}
    if field == "total_budget_eur":
        requested = amount_from_slot(slots.get("requested_amount_eur"))
        return {
            field: str(fields.check_total(fields.read_amount(value, lang), requested, lang, limits))
        }
    if field == "requested_amount_eur":
        total = amount_from_slot(slots.get("total_budget_eur"))
        return {
            field: str(fields.check_requested(fields.read_amount(value, lang), limits, total, lang))
        }
    if field in YES_NO_FIELDS:
        if isinstance(value, bool):
            return {field: value}
        raise FieldError("answer_yes_or_no")
    raise KeyError(field)
