"""Start, watch and stop the three Kiezlotse services: Rasa, the action server, the form service.

Used by `make run` (python -m ops.stack) and by the end-to-end tests, so both run the very same
processes. Each service logs to its own file; Ctrl-C stops all three.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ops import secrets
from programmes.private_links import PRIVATE_LINK, mask_private_links

ROOT = Path(__file__).resolve().parent.parent
APP_BIN = ROOT / ".venv" / "bin"
RASA_BIN = ROOT / ".venv-rasa" / "bin"
READY_TIMEOUT_S = float(os.environ.get("KIEZLOTSE_READY_TIMEOUT", "180"))
# var/ holds the databases, logs and secrets: readable and writable by the owner only.
PRIVATE_UMASK = 0o077


class StackError(Exception):
    """A problem a person can fix; the message says how."""


@dataclass(frozen=True)
class Ports:
    rasa: int = 5005
    actions: int = 5055
    webform: int = 8000

    @classmethod
    def from_env(cls) -> Ports:
        def port(name: str, default: int) -> int:
            raw = os.environ.get(name, str(default))
            if not raw.isdigit() or not 0 < int(raw) < 65536:
                raise StackError(f"{name}={raw!r} is not a port number; use e.g. {name}={default}")
            return int(raw)

        return cls(port("RASA_PORT", 5005), port("ACTION_PORT", 5055), port("WEBFORM_PORT", 8000))


def _json_ok(check: Callable[[dict], bool]) -> Callable[[bytes], bool]:
    def ready(body: bytes) -> bool:
        try:
            return check(json.loads(body))
        except ValueError:
            return False

    return ready


@dataclass
class Service:
    name: str
    port_variable: str
    port: int
    command: list[str]
    health_url: str
    is_ready: Callable[[bytes], bool]
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def probe(self) -> bool:
        try:
            with urllib.request.urlopen(self.health_url, timeout=2) as response:
                return response.status == 200 and self.is_ready(response.read())
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def log_tail(self, lines: int = 12) -> str:
        if not self.log_path.exists():
            return ""
        return "".join(self.log_path.read_text(errors="replace").splitlines(keepends=True)[-lines:])


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A port nothing listens on right now, for test and benchmark stacks."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def free_ports() -> Ports:
    return Ports(rasa=free_port(), actions=free_port(), webform=free_port())


@dataclass(frozen=True)
class ConversationStore:
    """Where Rasa keeps conversations. SQLite needs nothing else but allows one Rasa process;
    Redis (production) holds conversations and their locks, so several worker processes share them."""

    kind: str  # "sqlite" or "redis"
    redis_url: str = "redis://127.0.0.1:6379"
    rasa_workers: int = 1

    @classmethod
    def from_env(cls, environment: str) -> ConversationStore:
        kind = os.environ.get("KIEZLOTSE_CONVERSATIONS", "redis" if environment == "production" else "sqlite")
        if kind not in ("sqlite", "redis"):
            raise StackError(f"KIEZLOTSE_CONVERSATIONS={kind!r}: use sqlite or redis")
        if kind == "sqlite":
            return cls("sqlite")
        workers = os.environ.get("RASA_WORKERS", "2")
        if not workers.isdigit() or int(workers) < 1:
            raise StackError(f"RASA_WORKERS={workers!r} is not a number of processes; e.g. RASA_WORKERS=2")
        return cls("redis", os.environ.get("REDIS_URL", cls.redis_url), int(workers))

    @property
    def endpoints_file(self) -> str:
        return "endpoints.production.yml" if self.kind == "redis" else "endpoints.yml"

    def environment(self, var_dir: Path) -> dict[str, str]:
        if self.kind == "sqlite":
            return {"TRACKER_DB_DIALECT": "sqlite", "TRACKER_DB": str(var_dir / "rasa-tracker.db")}
        host, port = self.redis_address
        return {"REDIS_HOST": host, "REDIS_PORT": str(port), "SANIC_WORKERS": str(self.rasa_workers)}

    @property
    def redis_address(self) -> tuple[str, int]:
        url = urlsplit(self.redis_url)
        return url.hostname or "127.0.0.1", url.port or 6379

    def check_reachable(self) -> None:
        if self.kind != "redis":
            return
        try:
            socket.create_connection(self.redis_address, timeout=2).close()
        except OSError as error:
            raise StackError(
                f"Redis at {self.redis_url} does not answer ({error}): start it, set REDIS_URL, "
                "or use KIEZLOTSE_CONVERSATIONS=sqlite"
            ) from error


class Stack:
    def __init__(
        self,
        model: Path,
        ports: Ports | None = None,
        var_dir: Path | None = None,
        extra_env: dict[str, str] | None = None,
        environment: str = "development",
        conversations: ConversationStore | None = None,
    ) -> None:
        self.ports = ports or Ports.from_env()
        self.var_dir = var_dir or ROOT / "var"
        self.log_dir = self.var_dir / "log"
        self.model = model
        self.conversations = conversations or ConversationStore.from_env(environment)
        self.env = self._environment(environment, extra_env or {})
        self.services = self._services()

    @property
    def urls(self) -> dict[str, str]:
        return {
            "website": f"http://localhost:{self.ports.webform}/",
            "rasa": f"http://localhost:{self.ports.rasa}/webhooks/rest/webhook",
            "actions": f"http://localhost:{self.ports.actions}/health",
            "staff": f"http://localhost:{self.ports.webform}/staff/",
        }

    def _environment(self, environment: str, extra: dict[str, str]) -> dict[str, str]:
        env = dict(os.environ)
        env.update(secrets.load_or_create(self.var_dir / "secrets.env"))
        webform_url = f"http://127.0.0.1:{self.ports.webform}"
        env.update(
            {
                "PYTHONPATH": str(ROOT),
                "KIEZLOTSE_ENV": env.get("KIEZLOTSE_ENV", environment),
                "DATABASE_URL": env.get("DATABASE_URL", f"sqlite:///{self.var_dir / 'webform.db'}"),
                "PUBLIC_BASE_URL": env.get(
                    "PUBLIC_BASE_URL", f"http://localhost:{self.ports.webform}"
                ),
                "RASA_URL": env.get("RASA_URL", f"http://localhost:{self.ports.rasa}"),
                "FORM_SERVICE_URL": webform_url,
                "ACTION_SERVER_URL": f"http://127.0.0.1:{self.ports.actions}/webhook",
                "MPLCONFIGDIR": str(self.var_dir / "matplotlib"),
                "TF_CPP_MIN_LOG_LEVEL": "2",
                # No telemetry or crash reports: nothing leaves this machine.
                "RASA_TELEMETRY_ENABLED": "false",
            }
        )
        env.update(self.conversations.environment(self.var_dir))
        env.update(extra)
        return env

    def _access_log(self) -> list[str]:
        # Applicant links (/d/<token>) are secrets: every log line masks them (webform.access_log), and
        # production keeps no access log at all.
        masked = ["--logger-class", "webform.access_log.MaskedLogger"]
        return masked if self.env["KIEZLOTSE_ENV"] == "production" else [*masked, "--access-logfile", "-"]

    def _services(self) -> list[Service]:
        p = self.ports
        return [
            Service(
                "form service",
                "WEBFORM_PORT",
                p.webform,
                [
                    str(APP_BIN / "gunicorn"),
                    "--bind",
                    f"127.0.0.1:{p.webform}",
                    "--workers",
                    "2",
                    "--threads",
                    "4",
                    *self._access_log(),
                    "webform:create_app()",
                ],
                f"http://127.0.0.1:{p.webform}/api/health",
                _json_ok(lambda body: body.get("status") == "ok"),
                self.log_dir / "webform.log",
            ),
            Service(
                "action server",
                "ACTION_PORT",
                p.actions,
                [
                    str(RASA_BIN / "rasa"),
                    "run",
                    "actions",
                    "--port",
                    str(p.actions),
                    "--actions",
                    "actions",
                ],
                f"http://127.0.0.1:{p.actions}/health",
                _json_ok(lambda body: body.get("status") == "ok"),
                self.log_dir / "actions.log",
            ),
            Service(
                "Rasa server",
                "RASA_PORT",
                p.rasa,
                [
                    str(RASA_BIN / "rasa"),
                    "run",
                    "--enable-api",
                    "--port",
                    str(p.rasa),
                    "--model",
                    str(self.model),
                    "--endpoints",
                    self.conversations.endpoints_file,
                    "--credentials",
                    "credentials.yml",
                    "--cors",
                    "*",
                ],
                f"http://127.0.0.1:{p.rasa}/status",
                _json_ok(lambda body: bool(body.get("model_file"))),
                self.log_dir / "rasa.log",
            ),
        ]

    def check_ports(self) -> None:
        for service in self.services:
            if not port_is_free(service.port):
                raise StackError(
                    f"port {service.port} for the {service.name} is in use: stop what uses it "
                    f"or choose another with {service.port_variable}=<port> make run"
                )

    def protect_var_dir(self) -> None:
        """Owner-only var/ (directories 700, files 600), and private links masked in the logs that earlier
        runs wrote, so what is at rest opens no draft."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for path in [self.var_dir, *self.var_dir.rglob("*")]:
            if path.is_symlink():
                continue
            path.chmod(0o700 if path.is_dir() else 0o600)
        for log in self.log_dir.glob("*.log"):
            text = log.read_text(errors="replace")
            if PRIVATE_LINK.search(text):
                log.write_text(mask_private_links(text))
        mask_stored_conversations(self.var_dir / "rasa-tracker.db")

    def migrate(self) -> None:
        if not (ROOT / "webform" / "migrations").is_dir():
            return
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = self.log_dir / "migrate.log"
        with _private_open(log, "w") as out:
            result = subprocess.run(
                [str(APP_BIN / "flask"), "--app", "webform", "db", "upgrade"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                umask=PRIVATE_UMASK,
            )
        if result.returncode != 0:
            raise StackError(f"database migration failed; see {log}")

    def start(self) -> None:
        self.check_ports()
        self.conversations.check_reachable()
        if not self.model.exists():
            raise StackError(f"no trained model at {self.model}: run `make train`")
        (self.var_dir / "matplotlib").mkdir(parents=True, exist_ok=True)
        self.protect_var_dir()
        self.migrate()
        for service in self.services:
            self.launch(service)

    def launch(self, service: Service) -> None:
        """Starts one service in its own process group, its output appended to its log."""
        log = _private_open(service.log_path, "ab")
        service.process = subprocess.Popen(
            service.command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            umask=PRIVATE_UMASK,
        )
        log.close()

    def wait_until_ready(self, timeout: float = READY_TIMEOUT_S) -> float:
        started = time.monotonic()
        waiting = list(self.services)
        while waiting:
            for service in list(waiting):
                self.raise_if_exited(service)
                if service.probe():
                    waiting.remove(service)
            if time.monotonic() - started > timeout:
                names = ", ".join(s.name for s in waiting)
                raise StackError(
                    f"not ready after {timeout:.0f} s: {names}; see the logs in {self.log_dir}"
                )
            if waiting:
                time.sleep(0.5)
        return time.monotonic() - started

    def raise_if_exited(self, service: Service) -> None:
        if service.process is not None and service.process.poll() is not None:
            raise StackError(
                f"the {service.name} stopped (exit code {service.process.returncode}); "
                f"last lines of {service.log_path}:\n{service.log_tail()}"
            )

    def first_exited(self) -> Service | None:
        return next((s for s in self.services if s.process and s.process.poll() is not None), None)

    def stop(self, grace: float = 10.0) -> None:
        running = [s for s in self.services if s.process and s.process.poll() is None]
        for service in running:
            _signal_group(service, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for service in running:
            assert service.process is not None
            try:
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(service, signal.SIGKILL)
                service.process.wait()


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


def _signal_group(service: Service, sig: signal.Signals) -> None:
    assert service.process is not None
    with contextlib.suppress(ProcessLookupError):
        os.killpg(service.process.pid, sig)


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
        print("starting the form service, the action server and the Rasa server ...", flush=True)
        try:
            stack.start()
            seconds = stack.wait_until_ready()
        except StackError:
            stack.stop()
            raise
        print(f"\nKiezlotse is ready after {seconds:.0f} s:")
        print(f"  website and chat   {stack.urls['website']}")
        print(f"  programme finder   {stack.urls['website']}finder")
        print(f"  staff review       {stack.urls['staff']}")
        print(f"  Rasa REST channel  {stack.urls['rasa']}")
        print(f"  action server      {stack.urls['actions']}")
        print(f"logs in {stack.log_dir}/, local tokens in {stack.var_dir / 'secrets.env'}")
        print("press Ctrl-C to stop", flush=True)
        while not stopping:
            crashed = stack.first_exited()
            if crashed:
                tail = crashed.log_tail()
                print(f"\nthe {crashed.name} stopped; last lines of {crashed.log_path}:\n{tail}")
                stack.stop()
                return 1
            time.sleep(0.5)
        print("\nstopping ...", flush=True)
        stack.stop()
        print("stopped")
    return 0


def main() -> int:
    try:
        return run_forever()
    except StackError as problem:
        print(f"make run: {problem}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
