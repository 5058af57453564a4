"""Loads the programme catalogue (programmes/catalogue/*.yml) into typed, validated objects.

Validation happens once, when loading; a mistake raises CatalogueError naming the file and field,
so a maintainer who edits a fact learns at once what is wrong and where.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from programmes.vocabulary import APPLICANT_TYPES, GOALS, LANGUAGES, LIFECYCLES, STATES, TARGET_GROUPS

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


@dataclass(frozen=True)
class Fact:
    """A statement with where it comes from and the period it refers to; text None means unknown."""

    text: Localised | None
    source: str | None
    period: str | None

    @property
    def known(self) -> bool:
        return self.text is not None


@dataclass(frozen=True)
class Variant:
    id: str | None
    name: Localised
    max_eur: int | None
    min_eur: int | None
    min_months: int | None
    max_months: int | None
    source: str
    period: str | None


@dataclass(frozen=True)
class Call:
    variant: str | None
    label: Localised
    opens: dt.date | None
    closes: dt.date | None
    source: str
    period: str | None


@dataclass(frozen=True)
class Applicants:
    eligible: tuple[str, ...]
    possible: tuple[str, ...]
    fact: Fact
    partner_note: Localised | None


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
    goals: tuple[str, ...]
    goals_fact: Fact
    target_groups: tuple[str, ...] | None
    target_groups_fact: Fact
    funding_rate: Fact
    variants: tuple[Variant, ...]
    calls: tuple[Call, ...]
    call_rhythm: Fact | None
    how_to_apply: Fact
    contacts: tuple[str, ...]

    @property
    def is_closed(self) -> bool:
        return self.lifecycle == "closed"


@dataclass(frozen=True)
class Contact:
    id: str
    name: str | None
    text: Localised | None
    email: str | None
    url: str | None
    source: str | None
    period: str | None


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

    def fact(self, key: str, required: bool = True) -> Fact | None:
        value = self.raw(key, required)
        if value is None and not required:
            return None
        reader = _Reader(self.file, value, self._field(key))
        text = reader.localised("text", required=False)
        source = reader.optional_text("source")
        if text is not None and not source:
            raise reader.error("source", "every known fact needs the URL of its source")
        if source is not None and not source.startswith(("http://", "https://")):
            raise reader.error("source", "expected a URL starting with http:// or https://")
        return Fact(text=text, source=source, period=reader.optional_text("period"))

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


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CatalogueError(path.name, "(syntax)", str(error)) from error


def _contact(contact_id: str, reader: _Reader) -> Contact:
    return Contact(
        id=contact_id,
        name=reader.optional_text("name"),
        text=reader.localised("text", required=False),
        email=reader.optional_text("email"),
        url=reader.optional_text("url"),
        source=reader.optional_text("source"),
        period=reader.optional_text("period"),
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
    goals = reader.sub("goals")
    target_groups = reader.sub("target_groups")
    variants = tuple(
        Variant(
            id=v.optional_text("id"),
            name=v.localised("name") or Localised("", ""),
            max_eur=v.integer("max_eur"),
            min_eur=v.integer("min_eur"),
            min_months=v.integer("min_months"),
            max_months=v.integer("max_months"),
            source=v.text("source") or "",
            period=v.optional_text("period"),
        )
        for v in reader.items("variants")
    )
    calls = tuple(
        Call(
            variant=c.optional_text("variant"),
            label=c.localised("label") or Localised("", ""),
            opens=c.date("opens"),
            closes=c.date("closes"),
            source=c.text("source") or "",
            period=c.optional_text("period"),
        )
        for c in reader.items("calls")
    )
    for index, call in enumerate(calls):
        if call.opens and call.closes and call.opens > call.closes:
            raise CatalogueError(path.name, f"calls[{index}]", "opens after it closes")
    area_required = reader.boolean("area_required")
    return Programme(
        id=programme_id,
        short_name=reader.text("short_name") or "",
        lifecycle=lifecycle,
        aliases=reader.strings("aliases"),
        name=reader.localised("name") or Localised("", ""),
        summary=reader.localised("summary") or Localised("", ""),
        successor=reader.optional_text("successor"),
        closed_note=reader.fact("closed_note", required=False),
        states=region.choices("states", set(STATES), required=False),
        region=reader.fact("region") or Fact(None, None, None),
        funder=reader.fact("funder") or Fact(None, None, None),
        fund=reader.fact("fund") or Fact(None, None, None),
        applicants=Applicants(
            eligible=applicants.choices("eligible", APPLICANT_TYPES) or (),
            possible=applicants.choices("possible", APPLICANT_TYPES) or (),
            fact=reader.fact("applicants") or Fact(None, None, None),
            partner_note=applicants.localised("partner_note", required=False),
        ),
        area_required=area_required,
        area=reader.fact("area_text", required=area_required),
        goals=goals.choices("values", GOALS) or (),
        goals_fact=reader.fact("goals") or Fact(None, None, None),
        target_groups=target_groups.choices("values", TARGET_GROUPS, required=False),
        target_groups_fact=reader.fact("target_groups") or Fact(None, None, None),
        funding_rate=reader.fact("funding_rate") or Fact(None, None, None),
        variants=variants,
        calls=calls,
        call_rhythm=reader.fact("call_rhythm", required=False),
        how_to_apply=reader.fact("how_to_apply") or Fact(None, None, None),
        contacts=reader.strings("contacts"),
    )


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
        for contact in programme.contacts:
            if contact != DISTRICT_OFFICE and contact not in contacts:
                raise CatalogueError(file, "contacts", f"unknown contact {contact!r} (see contacts.yml)")
        variant_ids = {v.id for v in programme.variants}
        for index, call in enumerate(programme.calls):
            if call.variant is not None and call.variant not in variant_ids:
                raise CatalogueError(file, f"calls[{index}].variant", f"unknown variant {call.variant!r}")
    return Catalogue(
        programmes=programmes, contacts=contacts, districts=_districts(directory / "districts.yml")
    )


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The catalogue shipped with the code, loaded once per process."""
    return load_catalogue()
