"""The NLU export of labelled inbox messages, entity annotations included, is accepted by `rasa data validate`
(with --fail-on-warnings) next to the project's own data, and Rasa reads the entities back as they were
marked: run in the Rasa environment on a copy of data/ holding the exported file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from webform.inbox.entities import Span
from webform.inbox.nlu_export import EXPORT_FILE, Labelled, export_for

ROOT = Path(__file__).resolve().parents[2]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"


@pytest.mark.skipif(not RASA.exists(), reason="the Rasa environment (.venv-rasa) is not installed")
def test_rasa_data_validate_accepts_the_export(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    labelled = [
        Labelled("Kriegt unser Sportverein Kohle? Mail an [e-mail], Tel [phone]", "find_programme",
                 (Span(13, 24, "organisation_type", "association"), Span(40, 48, "email"),
                  Span(54, 61, "phone"))),
        Labelled("Ich heiße [name] und wir sind ein Verein in Kreuzberg", "inform",
                 (Span(34, 40, "organisation_type", "association"),
                  Span(44, 53, "district", "Friedrichshain-Kreuzberg"))),
        Labelled("hallo, ist da jemand?", "greet"),  # the NLU data has it: left out
        Labelled("kriegt unser sportverein kohle? mail an [e-mail], tel [phone]!", "find_programme"),
    ]
    made = export_for(data / "nlu", "de", labelled)
    assert made.examples == 2 and made.already_known == 1
    assert [item["intent"] for item in yaml.safe_load(made.yaml)["nlu"]] == ["find_programme", "inform"]
    exported = data / "nlu" / "de" / EXPORT_FILE
    exported.write_text(made.yaml, encoding="utf-8")
    result = subprocess.run(
        [str(RASA), "data", "validate", "--domain", "domain", "--data", str(data), "--config", "config.yml",
         "--fail-on-warnings", "--quiet"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    read = subprocess.run(
        [str(RASA.parent / "python"), "-c", READ_BACK, str(exported)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300,
    )
    assert read.returncode == 0, read.stderr[-3000:]
    assert sorted(tuple(e) for e in json.loads(read.stdout)) == sorted([
        ("Sportverein", "organisation_type", "association"), ("info@beispiel.de", "email", "info@beispiel.de"),
        ("030 1234567", "phone", "030 1234567"), ("Verein", "organisation_type", "association"),
        ("Kreuzberg", "district", "Friedrichshain-Kreuzberg"),
    ])


# Rasa's own reader, printing (text, entity, value) of every annotation in the file.
READ_BACK = """
import json, sys
from rasa.shared.nlu.training_data.loading import load_data
found = []
for message in load_data(sys.argv[1]).intent_examples:
    for e in message.get("entities") or []:
        found.append((message.get("text")[e["start"]:e["end"]], e["entity"], e["value"]))
print(json.dumps(found))
"""
