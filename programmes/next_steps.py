"""Whom to contact next, for one programme's result and for the outcome as a whole.

Every step names a contact from the catalogue (contacts.yml, districts.yml) with its source and period;
when no programme fits, the steps say where to ask instead: the district alliance office in Berlin, the
city's urban renewal office for BIWAQ elsewhere, the state's advice body (NRW: G.I.B., Städtenetz).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from programmes import formatting
from programmes.catalogue import DISTRICT_OFFICE, Catalogue, Contact, Programme
from programmes.messages import t

if TYPE_CHECKING:
    from programmes.matching import Profile, Result


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _contact_step(contact: Contact, lang: str, kind: str = "contact") -> dict[str, Any]:
    name = contact.name.get(lang) if contact.name else None
    return {
        "kind": kind,
        "name": name,
        "email": contact.email,
        "url": contact.url,
        "source": contact.source,
        "period": formatting.fact_period(contact.period, lang),
        "text": _sentence(
            t("next_contact", lang, name=name, text=contact.text.get(lang) if contact.text else "").rstrip(
                " –"
            )
        ),
    }


def _contacts_step(contacts: list[Contact], lang: str) -> dict[str, Any]:
    """The first contact fills the flat fields; `contacts` names every one (NRW: G.I.B. and Städtenetz)."""
    steps = [_contact_step(c, lang) for c in contacts]
    listed = [{k: s[k] for k in ("name", "email", "url", "source", "period")} for s in steps]
    return {**steps[0], "text": " ".join(s["text"] for s in steps), "contacts": listed}


def _office_text(office: Contact, lang: str, programme_id: str | None) -> str:
    """The office as the catalogue names it, with its remark when the remark concerns this programme."""
    text = office.text.get(lang) if office.text else ""
    if office.note and programme_id and programme_id in office.note_for:
        return f"{text}; {office.note.get(lang)}"
    return text


def _district_office_step(
    profile: Profile,
    lang: str,
    catalogue: Catalogue,
    text_key: str | None = None,
    name: str = "",
    programme_id: str | None = None,
) -> dict[str, Any]:
    bbwa = catalogue.contacts["bbwa"]
    bbwa_name = bbwa.name.get(lang) if bbwa.name else None
    district_name = profile.berlin_district
    if not district_name:
        return {
            "kind": "district_office",
            "district": None,
            "name": bbwa_name,
            "email": None,
            "url": bbwa.url,
            "source": bbwa.source,
            "period": formatting.fact_period(bbwa.period, lang),
            "text": " ".join(
                part
                for part in (
                    t(text_key, lang, name=name) if text_key else "",
                    t("next_district_unknown", lang),
                )
                if part
            ),
        }
    district = catalogue.district(district_name)
    office = district.office if district else None
    if office and office.text:
        office_text = _office_text(office, lang, programme_id)
        text = t("next_district_office", lang, district=district_name, office=office_text)
        return {
            "kind": "district_office",
            "district": district_name,
            "name": office_text,
            "email": office.email,
            "url": office.url,
            "source": office.source,
            "period": formatting.fact_period(office.period, lang),
            "text": f"{t(text_key, lang, name=name)} {text}" if text_key else text,
        }
    text = t("next_district_office_unknown", lang, district=district_name)
    step = {
        "kind": "district_office",
        "district": district_name,
        "name": None,
        "email": None,
        "url": office.url if office and office.url else bbwa.url,
        "source": bbwa.source,
        "period": formatting.fact_period(bbwa.period, lang),
        "text": f"{t(text_key, lang, name=name)} {text}" if text_key else text,
    }
    programme = catalogue.programmes.get(programme_id) if programme_id else None
    known = [catalogue.contacts[c] for c in programme.contacts if c != DISTRICT_OFFICE] if programme else []
    if programme is not None and not programme.is_closed and known:
        # No office to name: the body that runs the programme (LSI: IBB) is the contact, with its address.
        first = _contact_step(known[0], lang)
        step.update({key: first[key] for key in ("name", "email", "url", "source", "period")})
        step["text"] = " ".join([str(step["text"]), *(_contact_step(c, lang)["text"] for c in known)])
    return step


def advice_contacts(profile: Profile, catalogue: Catalogue) -> list[Contact]:
    """The advice bodies for the project's state and the applicant (contacts with `states`)."""
    state = profile.effective_state
    if state is None:
        return []
    return [
        c
        for c in catalogue.contacts.values()
        if c.states
        and state in c.states
        and c.id != "bbwa"
        and (c.applicants is None or profile.applicant_type is None or profile.applicant_type in c.applicants)
    ]


def next_step(
    programme: Programme, profile: Profile, lang: str, catalogue: Catalogue, blockers: list[str]
) -> dict[str, Any]:
    """Whom to contact about this programme, given what blocks it (`blockers`: rule keys).

    Shape: kind ("district_office", "contact", "partner", "successor", "none"), text, and where known
    name, email, url, source, period, district, programme, contacts.
    """
    if programme.is_closed and programme.successor:
        successor = catalogue.programmes[programme.successor]
        return {
            "kind": "successor",
            "programme": successor.id,
            "text": t("next_successor", lang, successor=successor.name.get(lang)),
        }
    if "region" in blockers:
        region = programme.region.text.get(lang) if programme.region.text else ""
        return {"kind": "none", "text": t("next_region", lang, name=programme.short_name, region=region)}
    state = profile.effective_state
    # Taking part in someone else's project only helps when the programme funds what the project does.
    if "applicant_type" in blockers and "purpose" not in blockers and programme.applicants.partner_contact:
        if state == "BE" or (state is None and profile.berlin_district):
            key = "next_district_partner" if programme.applicants.partner_contact != DISTRICT_OFFICE else None
            return {
                **_district_office_step(profile, lang, catalogue, key, programme.short_name, programme.id),
                "kind": "partner",
            }
        partner = catalogue.contacts.get(programme.applicants.partner_contact)
        if partner is not None and state is not None:
            return {
                **_contact_step(partner, lang, "partner"),
                "text": partner.text.get(lang) if partner.text else "",
            }
    in_berlin = profile.berlin_district or state == "BE" or programme.states == ("BE",)
    applicant = profile.applicant_type
    if (
        applicant in programme.applicants.partners
        and applicant not in programme.applicants.eligible
        and applicant not in programme.applicants.possible
        and programme.applicants.partner_contact == DISTRICT_OFFICE
        and "purpose" not in blockers
        and state in (None, "BE")
        and in_berlin
    ):
        # Takes part as a partner of the district office that applies (WdM): its business development unit.
        district = profile.berlin_district
        where = (f" (Bezirksamt {district})" if lang == "en" else f" {district}") if district else ""
        route = t("next_partner_business_development", lang, name=programme.short_name, district=where)
        office = _district_office_step(profile, lang, catalogue, programme_id=programme.id)
        return {**office, "kind": "partner", "text": f"{route} {office['text']}"}
    if DISTRICT_OFFICE in programme.contacts and state in (None, "BE") and in_berlin:
        return _district_office_step(profile, lang, catalogue, programme_id=programme.id)
    contacts = [catalogue.contacts[c] for c in programme.contacts if c != DISTRICT_OFFICE]
    if contacts:
        return _contacts_step(contacts, lang)
    return {"kind": "none", "text": ""}


def outcome_steps(
    results: list[Result], profile: Profile, lang: str, catalogue: Catalogue
) -> list[dict[str, Any]]:
    """The next steps for the whole outcome: the best programme's, or when nothing fits, every route
    still open (taking part in a programme others apply for, the district office, the state's advice)."""
    best = next((r for r in results if r.eligibility != "not_eligible"), None)
    if best is not None:
        return [best.next_step]
    steps: list[dict[str, Any]] = [r.next_step for r in results if r.next_step.get("kind") == "partner"]
    state = profile.effective_state
    if state == "BE" and not any(s.get("kind") in ("partner", "district_office") for s in steps):
        steps.append(_district_office_step(profile, lang, catalogue))
    advice = advice_contacts(profile, catalogue)
    if advice:
        steps.append(_contacts_step(advice, lang))
    if not steps:  # the nearest running programme's own contact
        running = [r for r in results if r.next_step.get("kind") not in ("none", "successor")]
        steps += [running[0].next_step] if running else []
    unique: list[dict[str, Any]] = []
    for step in steps:
        if step not in unique:
            unique.append(step)
    return unique
