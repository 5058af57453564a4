"""Runs every benchmark against a freshly started stack and prints their figures (`make bench`).

Each benchmark script can also be run on its own; see BENCHMARKS.md.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ops.model import model_path  # noqa: E402
from ops.stack import Stack, free_ports  # noqa: E402

APP_PY = str(ROOT / ".venv" / "bin" / "python")


def _run(*args: str) -> None:
    print(f"\n$ {' '.join(args)}", flush=True)
    subprocess.run([APP_PY, *args], cwd=ROOT, check=False)


def main() -> None:
    with tempfile.TemporaryDirectory() as var_dir:
        ports = free_ports()
        stack = Stack(
            model=model_path(), ports=ports, var_dir=Path(var_dir), environment="production"
        )
        stack.start()
        try:
            stack.wait_until_ready()
            webform = f"http://127.0.0.1:{ports.webform}"
            rasa = f"http://127.0.0.1:{ports.rasa}"
            for script, args in (
                ("bench/bench_matching.py", ["--url", webform]),
                ("bench/bench_drafts.py", []),
                ("bench/bench_conversation.py", ["--rasa-url", rasa]),
                ("bench/bench_conversation.py", ["--rasa-url", rasa, "--pause", "0", "--rounds", "2"]),
                ("bench/measure_turns.py", [rasa, "--language", "de", "--language", "en"]),
            ):
                if (ROOT / script).exists():
                    _run(script, *args)
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
