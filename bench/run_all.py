"""Runs every benchmark against a freshly started stack and prints their figures (`make bench`).

Each benchmark script can also be run on its own; see BENCHMARKS.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import start_production_stack, stop_production_stack  # noqa: E402

APP_PY = str(ROOT / ".venv" / "bin" / "python")


def _run(*args: str, env: dict[str, str] | None = None) -> None:
    print(f"\n$ {' '.join(args)}", flush=True)
    subprocess.run([APP_PY, *args], cwd=ROOT, check=False, env={**os.environ, **(env or {})})


def main() -> None:
    """The production topology (nginx, two Rasa and two action servers, gunicorn, PostgreSQL and Redis of
    its own), then each benchmark against it; the load benchmark starts its own stacks afterwards."""
    with tempfile.TemporaryDirectory() as var_dir:
        running = start_production_stack(Path(var_dir), {"CHAT_RATE_LIMIT": "100000", "CHAT_BURST": "100000"})
        try:
            site = running.webform_url
            token = {"RASA_AUTH_TOKEN": running.env["RASA_AUTH_TOKEN"],
                     "FORM_API_TOKEN": running.env["FORM_API_TOKEN"]}
            for script, args in (
                ("bench/bench_matching.py", ["--url", site]),
                ("bench/bench_drafts.py", []),
                ("bench/bench_conversation.py", ["--rasa-url", site]),
                ("bench/bench_conversation.py", ["--rasa-url", site, "--pause", "0", "--rounds", "2"]),
                ("bench/measure_turns.py", [running.rasa_api_url, "--language", "de", "--language", "en"]),
            ):
                _run(script, *args, env=token)
        finally:
            stop_production_stack(running)
    _run("bench/bench_applicants.py")


if __name__ == "__main__":
    main()
