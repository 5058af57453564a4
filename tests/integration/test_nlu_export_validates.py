"""The NLU export of labelled inbox messages is accepted by `rasa data validate` (with --fail-on-warnings),
next to the project's own data: run in the Rasa environment on a copy of data/ holding the exported file."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from webform.inbox.nlu_export import EXPORT_FILE, Labelled, export_for

ROOT = Path(__file__).resolve().parents[2]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"


@pytest.mark.skipif(not RASA.exists(), reason="the Rasa environment (.venv-rasa) is not installed")
def test_rasa_data_validate_accepts_the_export(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    labelled = [
        Labelled("Kriegt unser Sportverein Kohle? Mail an [e-mail], Tel [phone]", "find_programme"),
        Labelled("Ich heiße [name] und wir sind ein Verein", "inform"),
        Labelled("hallo, ist da jemand?", "greet"),  # the NLU data has it: left out
        Labelled("kriegt unser sportverein kohle? mail an [e-mail], tel [phone]!", "find_programme"),
    ]
    made = export_for(data / "nlu", "de", labelled)
    assert made.examples == 2 and made.already_known == 1
    assert [item["intent"] for item in yaml.safe_load(made.yaml)["nlu"]] == ["find_programme", "inform"]
    (data / "nlu" / "de" / EXPORT_FILE).write_text(made.yaml, encoding="utf-8")
    result = subprocess.run(
        [str(RASA), "data", "validate", "--domain", "domain", "--data", str(data), "--config", "config.yml",
         "--fail-on-warnings", "--quiet"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
