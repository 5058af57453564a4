"""A bare Rasa assistant for comparison: `rasa init`'s default bot (moodbot), trained once and cached.

    .venv/bin/python bench/bare_rasa.py      # prints the model path, training it first if needed

The project `rasa init --no-prompt` writes is Rasa's own template (its default config: DIET, TED,
ResponseSelector, rules); its model is cached next to Kiezlotse's models in ~/.cache/kiezlotse/models,
named by the Rasa version, since nothing else shapes it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ops.model import CACHE_DIR  # noqa: E402

RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
# What the bare bot is asked, one conversation: greeting, mood, answer to "did that help", goodbye.
SCRIPT = ["hello", "I am feeling sad", "yes", "goodbye"]


def rasa_version() -> str:
    command = [str(ROOT / ".venv-rasa" / "bin" / "python"), "-c", "import rasa; print(rasa.__version__)"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def ensure_model() -> Path:
    """The trained `rasa init` model; trains it (a few minutes) the first time."""
    target = CACHE_DIR / f"bare-rasa-init-{rasa_version()}.tar.gz"
    if target.exists():
        return target
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bare-rasa-") as tmp:
        env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
        log = Path(tmp) / "init.log"
        with log.open("w") as out:
            result = subprocess.run([str(RASA), "init", "--no-prompt", "--init-dir", tmp], cwd=tmp, env=env,
                                    stdout=out, stderr=subprocess.STDOUT)
        models = sorted((Path(tmp) / "models").glob("*.tar.gz"))
        if result.returncode != 0 or not models:
            sys.exit(f"rasa init failed:\n{log.read_text()[-3000:]}")
        shutil.copyfile(models[-1], target)
    return target


if __name__ == "__main__":
    print(ensure_model())
