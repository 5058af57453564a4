"""The programmes package works in the Rasa environment too (PyYAML and Babel, no webform, no Flask)."""

from __future__ import annotations

import datetime as dt
import sys

from programmes.catalogue import load_catalogue
from programmes.districts import gazetteer, normalise_district
from programmes.matching import Profile, match


def test_catalogue_and_districts_load_without_the_web_stack() -> None:
    catalogue = load_catalogue()
    assert set(catalogue.programmes) == {"lsi", "lsk", "peb", "wdm", "biwaq", "aktiv_fuer_arbeit"}
    assert normalise_district("Neukoelln") == "Neukölln"
    assert gazetteer()["Prenzlauer Berg"] == "Pankow"
    assert "flask" not in sys.modules and "webform" not in sys.modules


def test_matching_runs_in_the_rasa_environment() -> None:
    profile = Profile(applicant_type="association", district="Wedding", goals=("jobs_for_disadvantaged",))
    best = match(profile, "de", dt.date(2026, 11, 22))[0]
    assert best.programme == "lsi" and best.eligibility == "eligible"
    assert best.next_step["district"] == "Mitte"
