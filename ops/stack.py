"""Start, watch and stop Kiezlotse: `make run` (python -m ops.stack) and the end-to-end tests.

Both run the very same processes under supervisord (ops/supervisor.py), which restarts a crashed one
with backoff and logs it. The programs come from ops/topology.py: embedded (the default, SQLite and no
other server) or production (`KIEZLOTSE_ENV=production`: nginx in front of Rasa and action-server
replicas and gunicorn, PostgreSQL and Redis). Ctrl-C stops everything.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Collection
from pathlib import Path
from typing import Any

from ops import nginx, secrets
from ops.supervisor import Supervisor
from ops.topology import (
    APP_BIN,
    PRIVATE_UMASK,
    RASA_BIN,
    RATE_LIMIT_DB,
    ROOT,
    Backends,
    Ports,
    Program,
    StackError,
    Topology,
    free_port,
    programs,
)
from programmes.private_links import PRIVATE_LINK, mask_private_links

__all__ = ["APP_BIN", "RASA_BIN", "ROOT", "Ports", "Stack", "StackError", "Topology", "free_port"]

# About 20 s on a quiet 2-core machine; several Rasa servers loading their models at once on cores busy
# with other work can take minutes. A program that fails is reported at once, not after this.
READY_TIMEOUT_S = float(os.environ.get("KIEZLOTSE_READY_TIMEOUT", "420"))
# A conversation's lock is released when its message is answered; a Rasa server killed mid-message
# leaves it behind, and the conversation waits this long for it (Rasa's default is 60 s).
TICKET_LOCK_LIFETIME_S = 20


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(topology: Topology | None = None) -> Ports:
    return Ports.free(topology or Topology.embedded())


def probe(url: str, program: Program) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and program.is_ready(response.read())
    except (urllib.error.URLError, OSError, ValueError):
        return False


class Stack:
    """The programs of one topology, their environment and their supervisor.

    `env` is what every program gets: the secrets (`RASA_AUTH_TOKEN` opens Rasa's HTTP API, e.g.
    GET /conversations/<id>/tracker?token=...), URLs and database settings.
    """

    def __init__(
        self,
        model: Path,
        ports: Ports | None = None,
        var_dir: Path | None = None,
        extra_env: dict[str, str] | None = None,
        environment: str | None = None,
        topology: Topology | None = None,
        backends: Backends | None = None,
    ) -> None:
        environment = environment or os.environ.get("KIEZLOTSE_ENV", "development")
        self.topology = topology or Topology.from_env(environment)
        self.environment = "production" if self.topology.production else environment
        self.ports = ports or Ports.from_env(self.topology)
        self.var_dir = var_dir or Path(os.environ.get("KIEZLOTSE_VAR", ROOT / "var"))
        self.log_dir = self.var_dir / "log"
        self.model = model
        self.backends = (backends or Backends.from_env()) if self.topology.production else None
        self.env = self._environment(extra_env or {})
        self.programs = programs(self.topology, self.ports, model, self.env, self.var_dir)
        self.supervisor = Supervisor(self.var_dir)

    # --- addresses --------------------------------------------------------------------------------------

    @property
    def public_url(self) -> str:
        """Where people open the website (nginx in production, the form service when embedded)."""
        return f"http://127.0.0.1:{self.ports.public or self.ports.webform}"

    @property
    def chat_url(self) -> str:
        """The REST channel as the browser reaches it."""
        if self.topology.production:
            return f"{self.public_url}/webhooks/rest/webhook"
        return f"http://127.0.0.1:{self.ports.rasa[0]}/webhooks/rest/webhook"

    def rasa_api_url(self, replica: int = 0) -> str:
        """Rasa's HTTP API of one replica (loopback only; needs ?token=RASA_AUTH_TOKEN)."""
        return f"http://127.0.0.1:{self.ports.rasa[replica]}"

    @property
    def urls(self) -> dict[str, str]:
        host = "localhost"
        public = f"http://{host}:{self.ports.public or self.ports.webform}"
        chat = (
            f"{public}/webhooks/rest/webhook"
            if self.topology.production
            else f"http://{host}:{self.ports.rasa[0]}/webhooks/rest/webhook"
        )
        return {"website": f"{public}/", "staff": f"{public}/staff/", "rasa": chat}

    # --- environment -------------------------------------------------------------------------------------

    def _environment(self, extra: dict[str, str]) -> dict[str, str]:
        env = dict(os.environ)
        env.update(secrets.load_or_create(self.var_dir / "secrets.env"))
        production = self.topology.production
        public = f"http://localhost:{self.ports.public or self.ports.webform}"
        env.update(
            {
                "PYTHONPATH": str(ROOT),
                "KIEZLOTSE_ENV": self.environment,
                "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", public),
                "FORM_SERVICE_URL": f"http://127.0.0.1:{self.ports.webform}",
                "MPLCONFIGDIR": str(self.var_dir / "matplotlib"),
                "TF_CPP_MIN_LOG_LEVEL": "2",
                # No telemetry or crash reports: nothing leaves this machine.
                "RASA_TELEMETRY_ENABLED": "false",
                "TICKET_LOCK_LIFETIME": str(TICKET_LOCK_LIFETIME_S),
            }
        )
        if production:
            assert self.backends is not None
            env.update(
                {
                    "DATABASE_URL": self.backends.database_url,
                    "TRACKER_DATABASE_URL": self.backends.tracker_url,
                    "REDIS_URL": self.backends.redis_url,
                    **self.backends.rasa_environment(),
                    "RATELIMIT_STORAGE_URI": self.backends.redis_db_url(RATE_LIMIT_DB),
                    # Empty: the widget posts to the page's own origin, where nginx routes the chat.
                    "RASA_URL": env.get("RASA_URL", ""),
                    "ACTION_SERVER_URL": f"http://127.0.0.1:{self.ports.action_proxy}/webhook",
                    "BEHIND_PROXY": "1",
                }
            )
        else:
            env.update(
                {
                    "DATABASE_URL": env.get("DATABASE_URL", f"sqlite:///{self.var_dir / 'webform.db'}"),
                    "RASA_URL": env.get("RASA_URL", f"http://localhost:{self.ports.rasa[0]}"),
                    "ACTION_SERVER_URL": f"http://127.0.0.1:{self.ports.actions[0]}/webhook",
                    "TRACKER_DB_DIALECT": "sqlite",
                    "TRACKER_DB": str(self.var_dir / "rasa-tracker.db"),
                }
            )
        env.update(extra)
        return env

    # --- lifecycle ---------------------------------------------------------------------------------------

    def check_ports(self) -> None:
        for port, variable in self.ports.named():
            if not port_is_free(port):
                raise StackError(
                    f"port {port} is in use: stop what uses it or choose another with "
                    f"{variable}=<port> make run"
                )

    def protect_var_dir(self) -> None:
        """Owner-only var/ (directories 700, files 600), and private links masked in the logs that earlier
        runs wrote, so what is at rest opens no draft."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for path in [self.var_dir, *self.var_dir.rglob("*")]:
            if path.is_symlink() or path.is_socket():
                continue
            path.chmod(0o700 if path.is_dir() else 0o600)
        for log in self.log_dir.glob("*.log"):
            text = log.read_text(errors="replace")
            if PRIVATE_LINK.search(text):
                log.write_text(mask_private_links(text))
        mask_stored_conversations(self.var_dir / "rasa-tracker.db")

    def migrate(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = self.log_dir / "migrate.log"
        with _private_open(log, "w") as out:
            result = subprocess.run(
                [str(APP_BIN / "flask"), "--app", "webform", "db", "upgrade"],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, umask=PRIVATE_UMASK,
            )
        if result.returncode != 0:
            raise StackError(f"database migration failed; see {log}")

    def start(self, only: Collection[str] | None = None) -> None:
        """Starts every program, or only the named ones (e.g. ("webform",) for the form service alone)."""
        if only is not None:
            self.programs = [p for p in self.programs if p.name in only]
        if any(p.name.startswith("rasa") for p in self.programs) and not self.model.exists():
            raise StackError(f"no trained model at {self.model}: run `make train`")
        self.check_ports()
        if self.backends is not None:
            self.backends.check_reachable()
        (self.var_dir / "matplotlib").mkdir(parents=True, exist_ok=True)
        self.protect_var_dir()
        if any(p.name == "nginx" for p in self.programs):
            nginx.write(self.ports, self.var_dir, self.env)
        self.migrate()
        self.supervisor.start(self.programs, self.env)

    def wait_until_ready(self, timeout: float = READY_TIMEOUT_S) -> float:
        started = time.monotonic()
        waiting = [p for p in self.programs if p.health_url]
        while waiting:
            self.raise_if_failed()
            waiting = [p for p in waiting if not probe(p.health_url, p)]
            if time.monotonic() - started > timeout:
                names = ", ".join(p.title for p in waiting)
                raise StackError(f"not ready after {timeout:.0f} s: {names}; see the logs in {self.log_dir}")
            if waiting:
                time.sleep(0.5)
        return time.monotonic() - started

    def wait_until_healthy(self, names: list[str], timeout: float = READY_TIMEOUT_S) -> None:
        """Waits until the named programs answer their health check again (after a restart)."""
        deadline = time.monotonic() + timeout
        waiting = [p for p in self.programs if p.name in names]
        while waiting:
            waiting = [p for p in waiting if not probe(p.health_url, p)]
            if waiting and time.monotonic() > deadline:
                raise StackError(f"not healthy after {timeout:.0f} s: {', '.join(p.title for p in waiting)}")
            time.sleep(0.3)

    def raise_if_failed(self) -> None:
        """supervisord itself stopped, or gave a program up after its retries: say which and why."""
        if not self.supervisor.running():
            raise StackError(f"the supervisor stopped; see {self.log_dir / 'supervisord.log'}")
        for name, info in self.supervisor.states().items():
            if info.get("statename") == "FATAL":
                log = self.log_dir / f"{name}.log"
                raise StackError(f"{name} keeps failing and was given up; last lines of {log}:\n{_tail(log)}")

    def stop(self) -> None:
        self.supervisor.stop()


def mask_stored_conversations(database: Path) -> int:
    """Masks private links in the bot messages a SQLite conversation store (Rasa's `events` table) kept
    from earlier runs; returns how many events changed. A store without that table is left alone."""
    if not database.exists():
        return 0
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        try:
            rows = connection.execute("SELECT id, data FROM events WHERE data LIKE '%/d/%'").fetchall()
        except sqlite3.DatabaseError:
            return 0
        changed = [(mask_private_links(data), row_id) for row_id, data in rows if PRIVATE_LINK.search(data)]
        connection.executemany("UPDATE events SET data = ? WHERE id = ?", changed)
    return len(changed)


def _private_open(path: Path, mode: str) -> Any:
    """Opens a log file that only the owner may read (new files would get the launcher's umask)."""
    handle = path.open(mode)
    path.chmod(0o600)
    return handle


def _tail(path: Path, lines: int = 12) -> str:
    if not path.exists():
        return ""
    return "".join(path.read_text(errors="replace").splitlines(keepends=True)[-lines:])


class RunLock:
    """One `make run` at a time per checkout: a second one says so instead of failing on ports."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> RunLock:
        if self.path.exists():
            try:
                pid = int(self.path.read_text().strip())
                os.kill(pid, 0)
            except (ValueError, ProcessLookupError, PermissionError):
                pass  # stale lock from a run that was killed
            else:
                raise StackError(
                    f"Kiezlotse is already running (process {pid}); use that one, or stop it with "
                    "Ctrl-C in its terminal first"
                )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(str(os.getpid()))
        return self

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)


def _print_ready(stack: Stack, seconds: float) -> None:
    kind = "production topology" if stack.topology.production else "embedded topology"
    print(f"\nKiezlotse is ready after {seconds:.0f} s ({kind}):")
    print(f"  website and chat   {stack.urls['website']}")
    print(f"  programme finder   {stack.urls['website']}finder")
    print(f"  staff review       {stack.urls['staff']}")
    print(f"  Rasa REST channel  {stack.urls['rasa']}")
    if stack.topology.production:
        t = stack.topology
        print(f"  behind nginx: {t.rasa_replicas} Rasa servers, {t.action_replicas} action servers, "
              f"gunicorn with {t.webform_workers} workers")
    print(f"logs in {stack.log_dir}/ (restarts in supervisord.log), local secrets in "
          f"{stack.var_dir / 'secrets.env'}")
    print("press Ctrl-C to stop", flush=True)


def run_forever() -> int:
    from ops.model import model_path

    stack = Stack(model=model_path())
    with RunLock(stack.var_dir / "run.pid"):
        stopping = False

        def request_stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        names = ", ".join(p.title for p in stack.programs)
        print(f"starting {names} ...", flush=True)
        try:
            stack.start()
            seconds = stack.wait_until_ready()
        except StackError:
            stack.stop()
            raise
        _print_ready(stack, seconds)
        offset = stack.supervisor.log.stat().st_size if stack.supervisor.log.exists() else 0
        status = 0
        while not stopping:
            events, offset = stack.supervisor.events_since(offset)
            for line in events:
                print(f"supervisor: {line}", flush=True)
            try:
                stack.raise_if_failed()
            except StackError as problem:
                print(f"\n{problem}", flush=True)
                status = 1
                break
            time.sleep(0.5)
        print("\nstopping ...", flush=True)
        stack.stop()
        print("stopped", flush=True)
    return status


def main() -> int:
    try:
        return run_forever()
    except StackError as problem:
        print(f"make run: {problem}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
