"""Maintainer pages for the latest evaluation report (what `make evaluate` wrote into results/report/) and
for the programme facts' freshness (what `make check-facts` reports): roles, the empty state, the report
with its comparison against the baseline, the confusion matrix pictures served safely, and a planted
stale call and fact without a source."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from bot.evaluation.baseline import compare, save, summarise
from bot.evaluation.report import build_report
from programmes.catalogue import CATALOGUE_DIR
from tests.drafts_factories import fresh_g_per_request, signed_in_as
from webform import create_app
from webform.config import TestConfig
from webform.extensions import db
from webform.models.staff import StaffRole

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a3c10000000049454e44ae426082")
PAGES = ["/staff/maintain/report", "/staff/maintain/report/confusion-de.png", "/staff/maintain/report/report.json",
         "/staff/maintain/report/summary.md", "/staff/maintain/facts"]


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, catalogue)
    app = create_app(TestConfig, TODAY="2026-11-30", EVALUATION_REPORT_DIR=str(tmp_path / "report"),
                     EVALUATION_BASELINE=str(tmp_path / "baseline.json"), CATALOGUE_DIR=str(catalogue))
    fresh_g_per_request(app)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()


_account = signed_in_as  # pages in English unless a test asks for German


@pytest.fixture
def maintainer(client: FlaskClient) -> FlaskClient:
    return _account(client, StaffRole.MAINTAINER)


TEST_SETS = {
    "de": [{"text": "Hallo", "intent": "greet", "entities": []},
           {"text": "Tschüss", "intent": "goodbye", "entities": []},
           {"text": "Welche Förderung passt?", "intent": "find_programme", "entities": []}],
    "en": [{"text": "Hello", "intent": "greet", "entities": []},
           {"text": "Bye", "intent": "goodbye", "entities": []}],
}


def _parse(right: bool) -> Any:
    """A parser that gets every intent right, or reads every goodbye as a greeting."""
    gold = {e["text"]: e["intent"] for examples in TEST_SETS.values() for e in examples}

    def parse(texts: list[str]) -> list[dict[str, Any]]:
        named = [gold[t] if right or gold[t] != "goodbye" else "greet" for t in texts]
        return [{"intent": {"name": n, "confidence": 0.9}, "entities": []} for n in named]

    return parse


def _write_report(app: Flask, tmp_path: Path, right: bool, with_comparison: bool = True) -> None:
    """results/report/ as `make evaluate` writes it (the pictures stand in as tiny PNGs)."""
    report = build_report(TEST_SETS, _parse(right), "kiezlotse-test.tar.gz", suite_dir=tmp_path / "no-suite")
    out = Path(app.config["EVALUATION_REPORT_DIR"])
    out.mkdir(exist_ok=True)
    for language, section in report["languages"].items():
        section["confusion_png"] = f"confusion_{language}.png"
        (out / section["confusion_png"]).write_bytes(PNG)
    baseline = json.loads(Path(app.config["EVALUATION_BASELINE"]).read_text(encoding="utf-8"))
    if with_comparison:
        made = compare(summarise(report), baseline)
        report["comparison"] = {"regressions": made.regressions, "notes": made.notes, "changes": made.changes}
    (out / "report.json").write_text(json.dumps(report), encoding="utf-8")
    (out / "summary.md").write_text("# Evaluation report\n", encoding="utf-8")


@pytest.fixture
def baseline(app: Flask) -> None:
    report = build_report(TEST_SETS, _parse(True), "kiezlotse-base.tar.gz", suite_dir=Path("/nonexistent"))
    save(summarise(report), Path(app.config["EVALUATION_BASELINE"]))


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


@pytest.mark.parametrize("path", PAGES)
def test_reviewers_get_the_403_page(client: FlaskClient, app: Flask, tmp_path: Path, baseline: None,
                                    path: str) -> None:
    _write_report(app, tmp_path, right=True)
    _account(client, StaffRole.REVIEWER)
    response = client.get(path)
    assert response.status_code == 403 and b"PNG" not in response.data and b"macro" not in response.data


def test_no_report_yet_says_how_to_make_one(maintainer: FlaskClient) -> None:
    response = maintainer.get("/staff/maintain/report")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "No report yet. Run make evaluate" in page
    assert maintainer.get("/staff/maintain/report/confusion-de.png").status_code == 404
    assert maintainer.get("/staff/maintain/report/summary.md").status_code == 404
    german = maintainer.get("/staff/maintain/report?lang=de").get_data(as_text=True)
    assert "Noch kein Bericht. Führen Sie nach dem Training make evaluate aus" in german


def test_the_report_shows_scores_per_language_and_no_regression(maintainer: FlaskClient, app: Flask,
                                                                 tmp_path: Path, baseline: None) -> None:
    _write_report(app, tmp_path, right=True)
    page = maintainer.get("/staff/maintain/report").get_data(as_text=True)
    assert "kiezlotse-test.tar.gz" in page and "No regression" in page
    assert "Intents (German), weakest first" in page and "Intents (English), weakest first" in page
    assert "find_programme" in page and "1.000" in page
    assert "Pass rate unknown" in page and "no complete run" in page
    assert 'src="/staff/maintain/report/confusion-de.png"' in page and 'alt="Intent confusion matrix (German)' in page
    assert 'href="/staff/maintain/report/summary.md"' in page and 'href="/staff/maintain/report/report.json"' in page


def test_a_worse_model_shows_the_regression_and_its_misread_messages(maintainer: FlaskClient, app: Flask,
                                                                     tmp_path: Path, baseline: None) -> None:
    _write_report(app, tmp_path, right=False)
    page = maintainer.get("/staff/maintain/report").get_data(as_text=True)
    assert "Regression: make evaluate fails on this report." in page
    assert "de: intent_macro_f1" in page and "points below the baseline" in page
    assert "Tschüss" in page and "1 misread test message" in page
    german = maintainer.get("/staff/maintain/report?lang=de").get_data(as_text=True)
    assert "Verschlechterung: make evaluate scheitert an diesem Bericht." in german


def test_a_report_without_a_recorded_comparison_is_compared_with_the_baseline_file(
        maintainer: FlaskClient, app: Flask, tmp_path: Path, baseline: None) -> None:
    _write_report(app, tmp_path, right=False, with_comparison=False)
    assert "Regression: make evaluate fails" in maintainer.get("/staff/maintain/report").get_data(as_text=True)


def test_pictures_and_downloads_are_served_by_fixed_names_only(maintainer: FlaskClient, app: Flask,
                                                               tmp_path: Path, baseline: None) -> None:
    _write_report(app, tmp_path, right=True)
    (Path(app.config["EVALUATION_REPORT_DIR"]) / "confusion_xx.png").write_bytes(PNG)
    picture = maintainer.get("/staff/maintain/report/confusion-de.png")
    assert picture.status_code == 200 and picture.mimetype == "image/png" and picture.data == PNG
    assert picture.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in picture.headers.get("Cache-Control", "")
    for path in ("/staff/maintain/report/confusion-xx.png", "/staff/maintain/report/confusion-..%2Fsecret.png",
                 "/staff/maintain/report/../../etc/passwd", "/staff/maintain/report/baseline.json"):
        assert maintainer.get(path).status_code == 404, path
    download = maintainer.get("/staff/maintain/report/report.json")
    assert download.status_code == 200 and download.json["model"] == "kiezlotse-test.tar.gz"
    assert "attachment" in download.headers["Content-Disposition"]


def test_an_unreadable_report_says_so(maintainer: FlaskClient, app: Flask) -> None:
    out = Path(app.config["EVALUATION_REPORT_DIR"])
    out.mkdir()
    (out / "report.json").write_text('{"languages": {"de": {"examples": "many"}}}', encoding="utf-8")
    response = maintainer.get("/staff/maintain/report")
    assert response.status_code == 200 and "cannot be read. Run make evaluate again." in response.get_data(
        as_text=True)


def test_the_facts_page_lists_what_check_facts_reports(maintainer: FlaskClient) -> None:
    page = maintainer.get("/staff/maintain/facts").get_data(as_text=True)
    assert "0 errors" in page and "Calls whose closing date has passed" in page
    assert "Oldest facts" in page and "biwaq.yml" in page
    german = maintainer.get("/staff/maintain/facts?lang=de").get_data(as_text=True)
    assert "Programmfakten: Aktualität" in german and "Älteste Fakten" in german


def test_the_facts_page_finds_a_planted_stale_call_a_coming_call_and_a_fact_without_source(
        maintainer: FlaskClient, app: Flask) -> None:
    path = Path(app.config["CATALOGUE_DIR"]) / "lsi.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    call = dict(data["calls"][0])
    data["calls"] = [
        {**call, "opens": dt.date(2026, 1, 5), "closes": dt.date(2026, 2, 27)},
        {**call, "opens": dt.date(2027, 1, 4), "closes": dt.date(2027, 2, 26)},
    ]
    del data["funding_rate"]["source"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    page = maintainer.get("/staff/maintain/facts").get_data(as_text=True)
    assert "1 error" in page and "Facts without a source (fix)" in page
    assert "lsi.yml</code>: <code>funding_rate.source" in page
    assert "lsi.yml</code>: <code>calls[0]</code>: closed on 27 Feb 2026" in page
    assert "The catalogue does not load" in page


def test_the_facts_page_shows_the_coming_calls(maintainer: FlaskClient, app: Flask) -> None:
    path = Path(app.config["CATALOGUE_DIR"]) / "lsi.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["calls"] = [{**data["calls"][0], "opens": dt.date(2027, 1, 4), "closes": dt.date(2027, 2, 26)}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    page = maintainer.get("/staff/maintain/facts").get_data(as_text=True)
    calls = page[page.index("Calls open or coming"):page.index("Oldest facts")]
    assert "<th scope=\"row\">lsi</th>" in calls and "26 Feb 2027" in calls and "coming" in calls
