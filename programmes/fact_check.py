"""Checks the catalogue's facts for what a maintainer must fix or look at (`make check-facts`).

Reads the YAML files as they are, not through `load_catalogue`, which stops at the first fact without a
source: this check lists every one. Kinds of finding (FINDING_KINDS):

- errors (exit code 1): `missing_source`, `missing_period` — a known fact (a mapping with a non-null
  `text`: programme facts and their `more` statements, `history`, contacts, district offices), a project
  type (`variants`) or a call without its source URL or period; `unreadable` — a file that is no YAML;
- warnings (exit code 0): `call_passed` — a call of a current programme whose closing date is before
  today; `period_ended` — a fact about the present whose period ended before today (years end on
  31 December; facts of closed programmes, `closed_note`, `history` and call rounds describe the past
  and are not warned about);
  `shared_source` — one source URL cited by unrelated owners. Owners are programme files, contacts and
  district offices; a contact is related to the programmes that name it (`contacts`,
  `applicants.partner_contact`), a district office to the programmes that name `district_office`, a closed
  programme to its `successor`; relations chain (LSK, its successor LSI and their contact IBB are one group).

Only missing sources and periods fail the check: they break the promise that every answer names its
source and period, and the loader refuses such a catalogue anyway. A passed call or an ended period is
still a true statement about its time (answers say the period), so it asks for a look, not for a stop.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from programmes.catalogue import CATALOGUE_DIR, DISTRICT_OFFICE

ERROR_KINDS = ("missing_source", "missing_period", "unreadable")
WARNING_KINDS = ("call_passed", "period_ended", "shared_source")
FINDING_KINDS = ERROR_KINDS + WARNING_KINDS
SOURCE_KEYS = ("source", "opens_source", "project_source", "duration_source")
SOURCED_LISTS = ("variants", "calls")  # items of these lists carry their own source and period
PAST_FIELDS = ("history", "closed_note", "calls")  # facts about the past: an ended period is expected


@dataclass(frozen=True)
class Finding:
    """One thing to fix or look at: its kind (FINDING_KINDS), the file, the field path as the loader's
    errors write it ("variants[1].source"), and a sentence for the maintainer; `day` is the date a call
    closed or a period ended, `url` the source cited for unrelated facts (for pages that word the finding
    in their own language)."""

    kind: str
    file: str
    field: str
    message: str
    day: dt.date | None = None
    url: str | None = None

    @property
    def is_error(self) -> bool:
        return self.kind in ERROR_KINDS

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


@dataclass(frozen=True)
class _Citation:
    url: str
    owner: str
    file: str
    field: str


def period_end(period: Any) -> dt.date | None:
    """The last day a raw catalogue period covers (`{to}`, `{year}` or a bare year; a year ends on
    31 December), or None for an open end, an undated period or something that is no period."""
    if isinstance(period, bool):
        return None
    if isinstance(period, int):
        return dt.date(period, 12, 31)
    if not isinstance(period, dict) or period.get("undated"):
        return None
    end = period.get("to", period.get("year"))
    if isinstance(end, dt.date):
        return end
    if isinstance(end, int) and not isinstance(end, bool):
        return dt.date(end, 12, 31)
    return None


def _walk(node: Any, path: str, parent_key: str = "") -> Iterator[tuple[str, dict[str, Any], str]]:
    """Every mapping below `node` with its field path and the key of the list or mapping it stands in."""
    if isinstance(node, dict):
        yield path, node, parent_key
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}" if path else str(key), str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{path}[{index}]", parent_key)


def _is_sourced(node: dict[str, Any], parent_key: str) -> bool:
    """A known fact, a project type or a call: the mappings that must name their source and period."""
    return (node.get("text") is not None and "text" in node) or parent_key in SOURCED_LISTS


def _owner(file: str, path: str, data: Any) -> str:
    if file == "contacts.yml" and path.startswith("contacts."):
        return f"contact {path.split('.')[1].split('[')[0]}"
    if file == "districts.yml" and path.startswith("districts["):
        index = int(path[len("districts[") : path.index("]")])
        return f"district office {data['districts'][index].get('name')}"
    return f"programme {Path(file).stem}"


def _file_findings(file: str, data: Any, today: dt.date, citations: list[_Citation]) -> list[Finding]:
    findings: list[Finding] = []
    closed = isinstance(data, dict) and data.get("lifecycle") == "closed"
    for path, node, parent_key in _walk(data, ""):
        for key in SOURCE_KEYS:
            if isinstance(node.get(key), str) and node[key].strip():
                owner = _owner(file, path, data)
                citations.append(_Citation(node[key].strip(), owner, file, f"{path}.{key}"))
        if not _is_sourced(node, parent_key):
            continue
        if not node.get("source"):
            findings.append(Finding("missing_source", file, f"{path}.source", "no source URL"))
        if node.get("period") is None:
            findings.append(Finding("missing_period", file, f"{path}.period", "no period"))
        if parent_key == "calls":
            closes = node.get("closes")
            if not closed and isinstance(closes, dt.date) and closes < today:
                findings.append(Finding("call_passed", file, path, f"call closed on {closes.isoformat()}",
                                        day=closes))
            continue
        past = closed or any(part in PAST_FIELDS for part in path.replace("[", ".").split("."))
        end = period_end(node.get("period"))
        if not past and end is not None and end < today:
            findings.append(
                Finding("period_ended", file, f"{path}.period", f"period ended on {end.isoformat()}",
                        day=end)
            )
    return findings


def _relations(programmes: dict[str, Any]) -> dict[str, set[str]]:
    """Owner -> the owners it is related to (contacts and district offices to the programmes naming them)."""
    related: dict[str, set[str]] = defaultdict(set)
    for programme_id, data in programmes.items():
        owner = f"programme {programme_id}"
        applicants = data.get("applicants") if isinstance(data.get("applicants"), dict) else {}
        named = [*(data.get("contacts") or []), applicants.get("partner_contact")]
        others = ["district office" if c == DISTRICT_OFFICE else f"contact {c}" for c in filter(None, named)]
        if data.get("successor"):  # a closed programme and the one that followed it
            others.append(f"programme {data['successor']}")
        for other in others:
            related[owner].add(other)
            related[other].add(owner)
    return related


def _related(a: str, b: str, relations: dict[str, set[str]]) -> bool:
    def kind(owner: str) -> str:
        return "district office" if owner.startswith("district office") else owner

    return a == b or kind(b) in relations.get(kind(a), set()) or kind(a) in relations.get(kind(b), set())


def _shared_sources(citations: list[_Citation], relations: dict[str, set[str]]) -> list[Finding]:
    by_url: dict[str, list[_Citation]] = defaultdict(list)
    for citation in citations:
        by_url[citation.url].append(citation)
    findings: list[Finding] = []
    for url, cited in sorted(by_url.items()):
        owners = sorted({c.owner for c in cited})
        # Owners fall into groups of related ones; a source cited in two groups serves unrelated facts.
        groups: list[set[str]] = []
        for owner in owners:
            joined = [g for g in groups if any(_related(owner, other, relations) for other in g)]
            merged = {owner}.union(*joined) if joined else {owner}
            groups = [g for g in groups if g not in joined] + [merged]
        if len(groups) > 1:
            first = cited[0]
            fields = "; ".join(f"{c.file}: {c.field}" for c in cited)
            findings.append(
                Finding("shared_source", first.file, first.field,
                        f"{url} is cited by unrelated {', '.join(owners)} ({fields})", url=url)
            )
    return findings


def check_facts(directory: Path = CATALOGUE_DIR, today: dt.date | None = None) -> list[Finding]:
    """Every finding in the catalogue at `directory` (errors first, then warnings, each in file order),
    judged against `today` (default: the current date)."""
    today = today or dt.date.today()
    findings: list[Finding] = []
    citations: list[_Citation] = []
    programmes: dict[str, Any] = {}
    for path in sorted(directory.glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            findings.append(Finding("unreadable", path.name, "(file)", str(error).splitlines()[0]))
            continue
        if path.name not in ("contacts.yml", "districts.yml") and isinstance(data, dict):
            programmes[path.stem] = data
        findings += _file_findings(path.name, data, today, citations)
    findings += _shared_sources(citations, _relations(programmes))
    return sorted(findings, key=lambda f: (not f.is_error, FINDING_KINDS.index(f.kind)))
