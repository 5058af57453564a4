"""Runs a `flask --app webform ...` command with the same settings `make run` gives the form service.

    make flask ARGS="create-staff anna"
    make flask ARGS="purge-expired --days 180"
"""

from __future__ import annotations

import os
import subprocess
import sys

from ops.model import model_path
from ops.stack import APP_BIN, ROOT, Stack


def main(argv: list[str]) -> int:
    environment = Stack(model=model_path()).env  # same database, secrets and locale settings as make run
    command = [str(APP_BIN / "flask"), "--app", "webform", *argv]
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **environment}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
