"""The form service alone, started exactly as `make run` starts it (ops.stack: gunicorn with the masking
logger, migrations, owner-only var/), on a free port and a database of its own: SQLite in a temporary
var/ or a fresh PostgreSQL schema. For browser tests of the web pages and tests of what reaches the logs."""

from __future__ import annotations

import json
import subprocess
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ops.stack import APP_BIN, ROOT, Stack, free_ports

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
STAFF_PASSWORD = "correct-horse-battery"


@dataclass
class RunningFormService:
    stack: Stack
    url: str

    @property
    def log(self) -> Path:
        return self.stack.log_dir / "webform.log"

    def create_staff(self, username: str, role: str = "reviewer") -> None:
        subprocess.run([str(APP_BIN / "flask"), "--app", "webform", "create-staff", username, "--role", role,
                        "--password", STAFF_PASSWORD], cwd=ROOT, env=self.stack.env, check=True,
                       capture_output=True)

    @property
    def tracker_store_url(self) -> str:
        """The SQLite conversation store the form service reads (as `make run` names it for Rasa)."""
        return f"sqlite:///{self.stack.env['TRACKER_DB']}"

    def api(self, method: str, path: str, body: Any = None, token: str = "FORM_API_TOKEN") -> Any:
        request = urllib.request.Request(
            self.url + path, method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.stack.env[token]}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())


@contextmanager
def _database(kind: str, var_dir: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{var_dir / 'webform.db'}"
        return
    schema = f"kiezlotse_browser_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_SERVER}?options=-csearch_path%3D{schema}"
    finally:
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@contextmanager
def form_service(var_dir: Path, database: str = "sqlite", timeout: float = 60,
                 env: dict[str, str] | None = None) -> Iterator[RunningFormService]:
    """The form service on `var_dir`; `env` adds to or overrides its environment."""
    with _database(database, var_dir) as url:
        stack = Stack(model=var_dir / "no-model-needed", ports=free_ports(), var_dir=var_dir,
                      extra_env={"DATABASE_URL": url, "KIEZLOTSE_TODAY": "2026-11-22", **(env or {})})
        try:
            stack.start(only=("webform",))  # under supervisord, as make run runs it
            stack.wait_until_ready(timeout)
            yield RunningFormService(stack, f"http://127.0.0.1:{stack.ports.webform}")
        finally:
            stack.stop()
