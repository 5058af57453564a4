"""`make check-facts` (programmes/fact_check.py, ops/check_facts.py) and the catalogue's freshness, on the
shipped catalogue and on temporary copies with planted mistakes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from ops.check_facts import main as check_facts_main
from programmes.catalogue import CATALOGUE_DIR, load_catalogue
from programmes.fact_check import check_facts, period_end
from programmes.freshness import catalogue_freshness

TODAY = dt.date(2026, 11, 30)
PLANTED_CALL = {
    "variant": "A",
    "label": {"de": "Mikroprojekte, Runde 2026", "en": "Micro-projects, 2026 round"},
    "opens": dt.date(2026, 5, 4),
    "closes": dt.date(2026, 6, 30),
    "source": "https://www.ibb.de/de/foerderprogramme/lokale-foerderung-sozialer-integration-und-innovation.html",
    "period": {"year": 2026},
}


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, copy)
    return copy


def _edit(directory: Path, file: str, change: Any) -> None:
    path = directory / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_shipped_catalogue_has_no_fact_without_source_or_period() -> None:
    assert [str(f) for f in check_facts(today=TODAY) if f.is_error] == []


def test_a_planted_stale_call_is_a_warning_and_a_coming_one_is_not(catalogue_copy: Path) -> None:
    _edit(catalogue_copy, "lsi.yml", lambda data: data["calls"].append(PLANTED_CALL))
    index = len(yaml.safe_load((catalogue_copy / "lsi.yml").read_text())["calls"]) - 1
    passed = [f for f in check_facts(catalogue_copy, dt.date(2026, 7, 15)) if f.kind == "call_passed"]
    assert [f.message for f in passed if f.field == f"calls[{index}]"] == ["call closed on 2026-06-30"]
    assert not passed[0].is_error
    before = check_facts(catalogue_copy, dt.date(2026, 6, 1))
    assert not [f for f in before if f.kind == "call_passed" and f.field == f"calls[{index}]"]
    assert check_facts_main(["--catalogue", str(catalogue_copy), "--today", "2026-07-15"]) == 0


def test_a_planted_fact_without_source_fails_the_check(
    catalogue_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def drop_sources(data: dict[str, Any]) -> None:
        del data["funding_rate"]["source"]
        del data["variants"][0]["period"]

    _edit(catalogue_copy, "wdm.yml", drop_sources)
    errors = [(f.kind, f.file, f.field) for f in check_facts(catalogue_copy, TODAY) if f.is_error]
    assert errors == [
        ("missing_source", "wdm.yml", "funding_rate.source"),
        ("missing_period", "wdm.yml", "variants[0].period"),
    ]
    assert check_facts_main(["--catalogue", str(catalogue_copy), "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    assert "Facts without a source (fix): 1\n  wdm.yml: funding_rate.source: no source URL" in out
    assert "2 error(s)" in out


def test_a_source_cited_for_unrelated_programmes_is_a_warning(catalogue_copy: Path) -> None:
    biwaq_source = yaml.safe_load((catalogue_copy / "biwaq.yml").read_text())["funding_rate"]["source"]
    _edit(catalogue_copy, "wdm.yml", lambda data: data["funder"].update(source=biwaq_source))
    shared = [f for f in check_facts(catalogue_copy, TODAY) if f.kind == "shared_source"]
    assert len(shared) == 1 and not shared[0].is_error
    assert "programme biwaq" in shared[0].message and "programme wdm" in shared[0].message
    assert "wdm.yml: funder.source" in shared[0].message


def test_ended_periods_are_warned_about_for_the_present_only() -> None:
    ended = [f for f in check_facts(today=TODAY) if f.kind == "period_ended"]
    assert ("wdm.yml", "funding_rate.period") in {(f.file, f.field) for f in ended}
    # Closed programmes, history and call rounds describe the past.
    assert not [f for f in ended if f.file in ("lsk.yml", "peb.yml", "aktiv_fuer_arbeit.yml")]
    assert not [f for f in ended if "history" in f.field or f.field.startswith("calls")]
    assert not [f for f in check_facts(today=TODAY) if f.kind == "call_passed" and f.file == "lsk.yml"]


@pytest.mark.parametrize(
    ("period", "end"),
    [
        (2022, dt.date(2022, 12, 31)),
        ({"from": 2021, "to": 2027}, dt.date(2027, 12, 31)),
        ({"from": dt.date(2026, 7, 1), "to": dt.date(2028, 9, 30)}, dt.date(2028, 9, 30)),
        ({"year": 2025, "name": {"de": "x", "en": "x"}}, dt.date(2025, 12, 31)),
        ({"from": 2019}, None),
        ({"undated": True}, None),
        ("2022", None),
    ],
)
def test_the_last_day_of_a_period(period: Any, end: dt.date | None) -> None:
    assert period_end(period) == end


def test_an_unreadable_file_is_an_error(catalogue_copy: Path) -> None:
    (catalogue_copy / "wdm.yml").write_text("id: wdm\n  broken: [", encoding="utf-8")
    assert [f.kind for f in check_facts(catalogue_copy, TODAY) if f.is_error] == ["unreadable"]


def test_freshness_names_the_oldest_fact_and_the_coming_calls(catalogue_copy: Path) -> None:
    _edit(catalogue_copy, "lsi.yml", lambda data: data["calls"].append(PLANTED_CALL))
    catalogue = load_catalogue(catalogue_copy)
    before = catalogue_freshness(catalogue, dt.date(2026, 5, 1))
    assert [(c.programme, c.opens, c.closes, c.open_now) for c in before.next_calls] == [
        ("lsi", dt.date(2026, 5, 4), dt.date(2026, 6, 30), False)
    ]
    during = catalogue_freshness(catalogue, dt.date(2026, 6, 1))
    assert during.next_calls[0].open_now
    assert catalogue_freshness(catalogue, TODAY).next_calls == ()
    oldest = during.oldest[0]
    assert (oldest.owner, oldest.as_of) == ("district office Pankow", dt.date(2016, 12, 31))
    assert [f.as_of for f in during.oldest] == sorted(f.as_of for f in during.oldest)
    assert during.as_dict()["next_calls"][0]["closes"] == "2026-06-30"


def test_freshness_leaves_out_closed_programmes_and_history() -> None:
    freshness = catalogue_freshness(today=TODAY, limit=1000)
    assert freshness.facts == len(freshness.oldest)
    assert not [f for f in freshness.oldest if f.owner in ("programme lsk", "programme peb")]
    assert not [f for f in freshness.oldest if f.field.startswith(("history", "closed_note"))]
