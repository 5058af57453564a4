"""Loads the programme catalogue (programmes/catalogue/*.yml) into typed, validated objects.

Validation happens once, when loading; a mistake raises CatalogueError naming the file and field,
so a maintainer who edits a fact learns at once what is wrong and where.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from programmes.vocabulary import (
    ACTIVITIES,
    AMOUNT_BASES,
    APPLICANT_TYPES,
    FACT_TOPICS,
    LANGUAGES,
    LIFECYCLES,
    STATES,
    TARGET_GROUPS,
)

CATALOGUE_DIR = Path(__file__).parent / "catalogue"
SHARED_FILES = {"districts.yml", "contacts.yml"}
DISTRICT_OFFICE = "district_office"  # contact id meaning "the applicant's district alliance office"


class CatalogueError(ValueError):
    def __init__(self, file: str, field: str, problem: str) -> None:
        super().__init__(f"{file}: field '{field}': {problem}")
        self.file, self.field, self.problem = file, field, problem


@dataclass(frozen=True)
class Localised:
    de: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.de


PeriodEnd = dt.date | int  # a day, or a whole year


@dataclass(frozen=True)
class Period:
    """The time a fact refers to: days or years (either end may be open), optionally a round's name
    ("BIWAQ VI"); `undated` when the source carries no date at all. Formatted per language by
    programmes.formatting.fact_period, never stored as text."""

    start: PeriodEnd | None = None
    end: PeriodEnd | None = None
    name: Localised | None = None
    undated: bool = False

    def as_dict(self, lang: str) -> dict[str, Any]:
        """Machine-readable: ISO dates ("2026-07-01") or years ("2021"), the name in `lang`."""
        return {
            "name": self.name.get(lang) if self.name else None,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "undated": self.undated,
        }


def _iso(value: PeriodEnd | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else f"{value:04d}"


@dataclass(frozen=True)
class Fact:
    """A statement with where it comes from and the period it refers to; text None means unknown."""

    text: Localised | None
    source: str | None
    period: Period | None
    # Further statements that belong to this fact but come from other pages, each with its own source.
    more: tuple[Fact, ...] = ()

    @property
    def known(self) -> bool:
        return self.text is not None

    def parts(self) -> tuple[Fact, ...]:
        """This statement and the further ones, the known ones only."""
        return tuple(f for f in (self, *self.more) if f.known)


UNKNOWN = Fact(None, None, None)


@dataclass(frozen=True)
class TopicFact:
    """A fact about an earlier round or figure; `about` names the fact it belongs beside (e.g. amount)."""

    about: str | None
    fact: Fact


@dataclass(frozen=True)
class Variant:
    """A project type with its limits. Amounts are EUR, either the grant or the eligible total
    expenditure (`amount_basis`); `max_grant_percent` is the highest share of the total the grant covers."""

    id: str | None
    name: Localised
    max_eur: int | None
    min_eur: int | None
    min_months: int | None
    max_months: int | None
    source: str
    period: Period | None
    amount_basis: str | None = None
    max_grant_percent: int | None = None
    note: Localised | None = None
    # When the durations come from another page than the amounts.
    duration_source: str | None = None
    duration_period: Period | None = None

    @property
    def max_grant_eur(self) -> int | None:
        """The largest grant in EUR: the limit itself, or the total limit times the highest rate."""
        if self.max_eur is None:
            return None
        if self.amount_basis == "total_cost":
            if self.max_grant_percent is None:
                return None
            return self.max_eur * self.max_grant_percent // 100
        return self.max_eur

    @property
    def min_grant_eur(self) -> int | None:
        """The smallest grant in EUR when the limit is on the grant; a minimum total sets none."""
        return self.min_eur if self.amount_basis == "grant" else None


@dataclass(frozen=True)
class Call:
    """A call window (dates inclusive); `opens_source` when the opening date is on another page,
    `project_period` when the call says when funded projects run."""

    variant: str | None
    label: Localised
    opens: dt.date | None
    closes: dt.date | None
    source: str
    period: Period | None
    opens_source: str | None = None
    project_period: Period | None = None
    project_source: str | None = None


@dataclass(frozen=True)
class Applicants:
    eligible: tuple[str, ...]
    possible: tuple[str, ...]
    fact: Fact
    partner_note: Localised | None
    # What an applicant type in `possible` still needs ("a legal entity or a partner that has one").
    conditions: dict[str, Localised] = field(default_factory=dict)
    # Whom someone who cannot apply asks to take part (a contact id), e.g. the city's urban renewal office.
    partner_contact: str | None = None
    # Applicant types that cannot apply but take part as partners of the one who applies (WdM: businesses
    # work with their district office); for them the programme "could fit", on that condition.
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class Purpose:
    """What a programme funds and what lies outside its purpose (activity keys from the vocabulary)."""

    funds: tuple[str, ...]
    excludes: tuple[str, ...]
    fact: Fact
    not_funded: Localised | None


@dataclass(frozen=True)
class Programme:
    id: str
    short_name: str
    lifecycle: str
    aliases: tuple[str, ...]
    name: Localised
    summary: Localised
    successor: str | None
    closed_note: Fact | None
    states: tuple[str, ...] | None  # None: anywhere in Germany
    region: Fact
    funder: Fact
    fund: Fact
    applicants: Applicants
    area_required: bool
    area: Fact | None
    purpose: Purpose
    goals_fact: Fact
    target_groups: tuple[str, ...] | None
    target_groups_fact: Fact
    funding_rate: Fact
    variants: tuple[Variant, ...]
    calls: tuple[Call, ...]
    call_rhythm: Fact | None
    how_to_apply: Fact
    contacts: tuple[str, ...]
    history: tuple[TopicFact, ...] = ()
    # The successor's project type that took over what a closed programme funded (PEB → LSI type C).
    successor_variant: str | None = None
    # False when the catalogue knows of no call after the last one (BIWAQ after round VI).
    next_round_known: bool = True

    @property
    def is_closed(self) -> bool:
        return self.lifecycle == "closed"

    def facts(self) -> list[tuple[str, Fact]]:
        """Every fact of the programme with its field name, further statements included
        ("applicants.more[0]", "history[1]"), for checks over the whole catalogue."""
        named: list[tuple[str, Fact | None]] = [
            ("closed_note", self.closed_note), ("region", self.region), ("funder", self.funder),
            ("fund", self.fund), ("applicants", self.applicants.fact), ("area_text", self.area),
            ("purpose", self.purpose.fact), ("goals", self.goals_fact),
            ("target_groups", self.target_groups_fact), ("funding_rate", self.funding_rate),
            ("call_rhythm", self.call_rhythm), ("how_to_apply", self.how_to_apply),
            *((f"history[{i}]", h.fact) for i, h in enumerate(self.history)),
        ]
        found: list[tuple[str, Fact]] = []
        for name, fact in named:
            if fact is None:
                continue
            found.append((name, fact))
            found += [(f"{name}.more[{i}]", more) for i, more in enumerate(fact.more)]
        return found


@dataclass(frozen=True)
class Contact:
    id: str
    name: Localised | None
    text: Localised | None
    email: str | None
    url: str | None
    source: str | None
    period: Period | None
    # Where and for whom the contact gives advice when no programme fits (None: not an advice body).
    states: tuple[str, ...] | None = None
    applicants: tuple[str, ...] | None = None
    # A remark that concerns some programmes only ("contact before applying for LSI") and the ids of
    # those programmes: the contact is named with it only for them.
    note: Localised | None = None
    note_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class District:
    name: str
    number: int
    ortsteile: tuple[str, ...]
    aliases: tuple[str, ...]
    office: Contact


@dataclass(frozen=True)
class Catalogue:
    programmes: dict[str, Programme]
    contacts: dict[str, Contact]
    districts: tuple[District, ...]

    def ordered(self) -> list[Programme]:
        """Current programmes first, then the closed ones, each alphabetically."""
        return sorted(self.programmes.values(), key=lambda p: (p.is_closed, p.id))

    def programme(self, programme_id: str) -> Programme | None:
        return self.programmes.get(programme_id)

    def district(self, name: str) -> District | None:
        return next((d for d in self.districts if d.name == name), None)


class _Reader:
    """Typed access to one YAML mapping, raising CatalogueError with the file and field path."""

    def __init__(self, file: str, data: Any, path: str = "") -> None:
        if not isinstance(data, dict):
            raise CatalogueError(file, path or "(top level)", "expected a mapping")
        self.file, self.data, self.path = file, data, path

    def _field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, problem: str) -> CatalogueError:
        return CatalogueError(self.file, self._field(key), problem)

    def raw(self, key: str, required: bool = True) -> Any:
        if key not in self.data:
            if required:
                raise self.error(key, "is missing")
            return None
        return self.data[key]

    def sub(self, key: str) -> _Reader:
        return _Reader(self.file, self.raw(key), self._field(key))

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.raw(key, required)
        if value is None and not required:
            return None
        if not isinstance(value, str | int) or (isinstance(value, str) and not value.strip()):
            raise self.error(key, "expected a non-empty text")
        return str(value)

    def optional_text(self, key: str) -> str | None:
        value = self.raw(key, required=False)
        return None if value is None else self.text(key)

    def integer(self, key: str) -> int | None:
        value = self.raw(key, required=False)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.error(key, "expected a whole number ≥ 0 or null")
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.raw(key, required=False)
        if value is None:
            return None
        if not isinstance(value, dt.date):
            raise self.error(key, "expected a date like 2025-10-15 or null")
        return value

    def boolean(self, key: str) -> bool:
        value = self.raw(key)
        if not isinstance(value, bool):
            raise self.error(key, "expected true or false")
        return value

    def localised(self, key: str, required: bool = True) -> Localised | None:
        value = self.raw(key, required)
        if value is None and not required:
            return None
        reader = _Reader(self.file, value, self._field(key))
        texts = {lang: reader.text(lang) for lang in LANGUAGES}
        return Localised(de=texts["de"] or "", en=texts["en"] or "")

    def url(self, key: str, required: bool = False) -> str | None:
        value = self.text(key) if required else self.optional_text(key)
        if value is not None and not value.startswith(("http://", "https://")):
            raise self.error(key, "expected a URL starting with http:// or https://")
        return value

    def period(self, key: str, required: bool = True) -> Period | None:
        """A period: a year (2016), {from, to} as years or dates, {year}, {undated: true}, with an
        optional round name {de, en}. Text is refused: dates are formatted per language, not stored."""
        value = self.raw(key, required)
        if value is None and not required:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return Period(start=_year(self, key, value), end=value)
        if not isinstance(value, dict):
            raise self.error(key, "expected a period like {from: 2021, to: 2027} or {undated: true}, no text")
        reader = _Reader(self.file, value, self._field(key))
        unknown = set(value) - {"from", "to", "year", "name", "undated"}
        if unknown:
            raise reader.error(sorted(unknown)[0], "unknown period field; use from, to, year, name, undated")
        name = reader.localised("name", required=False)
        if value.get("undated") is True:
            if {"from", "to", "year"} & set(value):
                raise reader.error("undated", "an undated period has no from, to or year")
            return Period(name=name, undated=True)
        if "year" in value:
            year = _year(reader, "year", value["year"])
            return Period(start=year, end=year, name=name)
        start, end = _period_end(reader, "from"), _period_end(reader, "to")
        if start is None and end is None:
            raise reader.error("from", "a period needs from, to, year or undated: true")
        if start is not None and end is not None and _first_day(start) > _first_day(end):
            raise reader.error("to", "the period ends before it starts")
        return Period(start=start, end=end, name=name)

    def fact(self, key: str, required: bool = True) -> Fact | None:
        value = self.raw(key, required)
        if value is None and not required:
            return None
        return _Reader(self.file, value, self._field(key)).own_fact()

    def own_fact(self) -> Fact:
        """This mapping as a fact: `text` {de, en} (null = unknown), `source` URL and `period`."""
        text = self.localised("text", required=False)
        source = self.url("source")
        if text is not None and not source:
            raise self.error("source", "every known fact needs the URL of its source")
        period = self.period("period", required=False)
        if text is not None and period is None:
            raise self.error("period", "every known fact needs its period (or {undated: true})")
        more = tuple(item.own_fact() for item in self.items("more"))
        if any(not f.known for f in more):
            raise self.error("more", "each further statement needs its text, source and period")
        if more and text is None:
            raise self.error("text", "a fact with further statements needs its own text")
        return Fact(text=text, source=source, period=period, more=more)

    def choices(
        self, key: str, allowed: tuple[str, ...] | set[str], required: bool = True
    ) -> tuple[str, ...] | None:
        value = self.raw(key, required)
        if value is None and not required:
            return None
        if not isinstance(value, list):
            raise self.error(key, "expected a list")
        for item in value:
            if item not in allowed:
                raise self.error(key, f"unknown value {item!r}; allowed: {', '.join(sorted(allowed))}")
        return tuple(value)

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.raw(key, required=False) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, "expected a list of texts")
        return tuple(value)

    def items(self, key: str) -> list[_Reader]:
        value = self.raw(key, required=False) or []
        if not isinstance(value, list):
            raise self.error(key, "expected a list")
        return [_Reader(self.file, item, f"{self._field(key)}[{i}]") for i, item in enumerate(value)]


def _year(reader: _Reader, key: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1990 <= value <= 2100:
        raise reader.error(key, "expected a year like 2021")
    return value


def _period_end(reader: _Reader, key: str) -> PeriodEnd | None:
    value = reader.raw(key, required=False)
    if value is None or isinstance(value, dt.date):
        return value
    return _year(reader, key, value)


def _first_day(value: PeriodEnd) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date(value, 1, 1)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CatalogueError(path.name, "(syntax)", str(error)) from error


def _contact(contact_id: str, reader: _Reader) -> Contact:
    name = reader.raw("name", required=False)
    text = reader.localised("text", required=False)
    source = reader.url("source")
    period = reader.period("period", required=False)
    if text is not None and not (source and period):
        missing = "source" if not source else "period"
        raise reader.error(missing, "a known contact needs its source and period")
    return Contact(
        id=contact_id,
        # A name is the same in both languages ("Investitionsbank Berlin") or given as {de, en}.
        name=reader.localised("name") if isinstance(name, dict) else (
            Localised(name, name) if isinstance(name, str) and name.strip() else None
        ),
        text=text,
        email=reader.optional_text("email"),
        url=reader.url("url"),
        source=source,
        period=period,
        states=reader.choices("states", set(STATES), required=False),
        applicants=reader.choices("applicants", APPLICANT_TYPES, required=False),
        note=reader.localised("note", required=False),
        note_for=tuple(str(p) for p in reader.raw("note_for", required=False) or ()),
    )


def _programme(path: Path, reader: _Reader) -> Programme:
    programme_id = reader.text("id") or ""
    if programme_id != path.stem:
        raise reader.error("id", f"must equal the file name {path.stem!r}")
    lifecycle = reader.text("lifecycle") or ""
    if lifecycle not in LIFECYCLES:
        raise reader.error("lifecycle", f"expected one of {', '.join(LIFECYCLES)}")
    region = reader.sub("region")
    applicants = reader.sub("applicants")
    purpose = reader.sub("purpose")
    target_groups = reader.sub("target_groups")
    variants = tuple(_variant(v) for v in reader.items("variants"))
    calls = tuple(
        Call(
            variant=c.optional_text("variant"),
            label=c.localised("label") or Localised("", ""),
            opens=c.date("opens"),
            closes=c.date("closes"),
            source=c.url("source", required=True) or "",
            period=c.period("period"),
            opens_source=c.url("opens_source"),
            project_period=c.period("project_period", required=False),
            project_source=c.url("project_source"),
        )
        for c in reader.items("calls")
    )
    for index, call in enumerate(calls):
        if call.opens and call.closes and call.opens > call.closes:
            raise CatalogueError(path.name, f"calls[{index}]", "opens after it closes")
    area_required = reader.boolean("area_required")
    conditions_reader = applicants.sub("conditions") if applicants.raw("conditions", False) else None
    conditions = (
        {kind: conditions_reader.localised(kind) or Localised("", "") for kind in conditions_reader.data}
        if conditions_reader
        else {}
    )
    possible = applicants.choices("possible", APPLICANT_TYPES) or ()
    for kind in conditions:
        if kind not in possible:
            raise applicants.error("conditions", f"{kind!r} is not in `possible`")
    purpose_fact = reader.fact("purpose") or UNKNOWN
    return Programme(
        id=programme_id,
        short_name=reader.text("short_name") or "",
        lifecycle=lifecycle,
        aliases=reader.strings("aliases"),
        name=reader.localised("name") or Localised("", ""),
        summary=reader.localised("summary") or Localised("", ""),
        successor=reader.optional_text("successor"),
        successor_variant=reader.optional_text("successor_variant"),
        next_round_known=reader.boolean("next_round_known") if "next_round_known" in reader.data else True,
        closed_note=reader.fact("closed_note", required=False),
        states=region.choices("states", set(STATES), required=False),
        region=reader.fact("region") or UNKNOWN,
        funder=reader.fact("funder") or UNKNOWN,
        fund=reader.fact("fund") or UNKNOWN,
        applicants=Applicants(
            eligible=applicants.choices("eligible", APPLICANT_TYPES) or (),
            possible=possible,
            fact=reader.fact("applicants") or UNKNOWN,
            partner_note=applicants.localised("partner_note", required=False),
            conditions=conditions,
            partner_contact=applicants.optional_text("partner_contact"),
            partners=applicants.choices("partners", APPLICANT_TYPES, required=False) or (),
        ),
        area_required=area_required,
        area=reader.fact("area_text", required=area_required),
        purpose=Purpose(
            funds=purpose.choices("funds", ACTIVITIES) or (),
            excludes=purpose.choices("excludes", ACTIVITIES) or (),
            fact=purpose_fact,
            not_funded=purpose.localised("not_funded", required=False),
        ),
        goals_fact=reader.fact("goals") or UNKNOWN,
        target_groups=target_groups.choices("values", TARGET_GROUPS, required=False),
        target_groups_fact=reader.fact("target_groups") or UNKNOWN,
        funding_rate=reader.fact("funding_rate") or UNKNOWN,
        variants=variants,
        calls=calls,
        call_rhythm=reader.fact("call_rhythm", required=False),
        how_to_apply=reader.fact("how_to_apply") or UNKNOWN,
        contacts=reader.strings("contacts"),
        history=tuple(
            TopicFact(about=_topic(h), fact=h.own_fact())
            for h in reader.items("history")
        ),
    )


def _topic(reader: _Reader) -> str | None:
    about = reader.optional_text("about")
    if about is not None and about not in FACT_TOPICS:
        raise reader.error("about", f"expected one of {', '.join(FACT_TOPICS)}")
    return about


def _variant(reader: _Reader) -> Variant:
    variant = Variant(
        id=reader.optional_text("id"),
        name=reader.localised("name") or Localised("", ""),
        max_eur=reader.integer("max_eur"),
        min_eur=reader.integer("min_eur"),
        min_months=reader.integer("min_months"),
        max_months=reader.integer("max_months"),
        source=reader.url("source", required=True) or "",
        period=reader.period("period"),
        amount_basis=reader.optional_text("amount_basis"),
        max_grant_percent=reader.integer("max_grant_percent"),
        note=reader.localised("note", required=False),
        duration_source=reader.url("duration_source"),
        duration_period=reader.period("duration_period", required=False),
    )
    if (variant.duration_source is None) != (variant.duration_period is None):
        raise reader.error("duration_source", "duration_source and duration_period go together")
    has_amount = variant.max_eur is not None or variant.min_eur is not None
    if has_amount and variant.amount_basis not in AMOUNT_BASES:
        raise reader.error("amount_basis", f"an amount must say what it is: {' or '.join(AMOUNT_BASES)}")
    if variant.amount_basis is not None and variant.amount_basis not in AMOUNT_BASES:
        raise reader.error("amount_basis", f"expected {' or '.join(AMOUNT_BASES)}")
    if variant.max_grant_percent is not None and not 0 < variant.max_grant_percent <= 100:
        raise reader.error("max_grant_percent", "expected a percentage between 1 and 100")
    return variant


def _districts(path: Path) -> tuple[District, ...]:
    top = _Reader(path.name, _read_yaml(path))
    districts = []
    for item in top.items("districts"):
        office = item.sub("office")
        districts.append(
            District(
                name=item.text("name") or "",
                number=item.integer("number") or 0,
                ortsteile=item.strings("ortsteile"),
                aliases=item.strings("aliases"),
                office=_contact(f"office:{item.data.get('name')}", office),
            )
        )
    if len(districts) != 12:
        raise CatalogueError(
            path.name, "districts", f"expected the 12 Berlin districts, found {len(districts)}"
        )
    return tuple(districts)


def load_catalogue(directory: Path = CATALOGUE_DIR) -> Catalogue:
    contacts_reader = _Reader("contacts.yml", _read_yaml(directory / "contacts.yml")).sub("contacts")
    contacts = {cid: _contact(cid, contacts_reader.sub(cid)) for cid in contacts_reader.data}
    programmes: dict[str, Programme] = {}
    for path in sorted(directory.glob("*.yml")):
        if path.name in SHARED_FILES:
            continue
        programme = _programme(path, _Reader(path.name, _read_yaml(path)))
        programmes[programme.id] = programme
    claimed: dict[str, str] = {}
    for programme in programmes.values():
        file = f"{programme.id}.yml"
        for alias in programme.aliases:  # the bot's entity patterns need one programme per alias
            owner = claimed.setdefault(alias.casefold(), programme.id)
            if owner != programme.id:
                raise CatalogueError(file, "aliases", f"{alias!r} already names {owner!r}")
        if programme.successor and programme.successor not in programmes:
            raise CatalogueError(file, "successor", f"unknown programme {programme.successor!r}")
        if programme.successor_variant and (
            not programme.successor
            or programme.successor_variant not in {v.id for v in programmes[programme.successor].variants}
        ):
            raise CatalogueError(
                file,
                "successor_variant",
                f"not a project type of the successor: {programme.successor_variant!r}",
            )
        for contact in programme.contacts:
            if contact != DISTRICT_OFFICE and contact not in contacts:
                raise CatalogueError(file, "contacts", f"unknown contact {contact!r} (see contacts.yml)")
        variant_ids = {v.id for v in programme.variants}
        for index, call in enumerate(programme.calls):
            if call.variant is not None and call.variant not in variant_ids:
                raise CatalogueError(file, f"calls[{index}].variant", f"unknown variant {call.variant!r}")
    districts = _districts(directory / "districts.yml")
    for office in [*contacts.values(), *(d.office for d in districts)]:
        for programme_id in office.note_for:
            if programme_id not in programmes:
                raise CatalogueError("districts.yml", "note_for", f"unknown programme {programme_id!r}")
    return Catalogue(programmes=programmes, contacts=contacts, districts=districts)


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The catalogue shipped with the code, loaded once per process."""
    return load_catalogue()
