"""What runs where: the programs of the embedded topology (`make run`) and of the production topology.

Embedded: one Rasa server, one action server and the form service (gunicorn), conversations in SQLite,
no other server needed. Production: nginx on one public port in front of RASA_REPLICAS Rasa servers,
ACTION_REPLICAS action servers and the form service under gunicorn; conversations in PostgreSQL (Rasa's
SQL tracker store), conversation locks in Redis, drafts in PostgreSQL. Both are run by supervisord
(ops/supervisor.py) from the programs listed here.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
APP_BIN = ROOT / ".venv" / "bin"
RASA_BIN = ROOT / ".venv-rasa" / "bin"

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/kiezlotse"
DEFAULT_TRACKER_URL = "postgresql://postgres@127.0.0.1:5432/kiezlotse_conversations"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379"
# var/ holds the databases, logs and secrets: every program writes with owner-only permissions.
PRIVATE_UMASK = 0o077
# Redis databases: 2 holds Rasa's conversation locks, 3 the form service's rate-limit counters.
LOCK_STORE_DB, RATE_LIMIT_DB = 2, 3


class StackError(Exception):
    """A problem a person can fix; the message says how."""


def _port(name: str, default: int) -> int:
    raw = os.environ.get(name, str(default))
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise StackError(f"{name}={raw!r} is not a port number; use e.g. {name}={default}")
    return int(raw)


def _count(name: str, default: int, maximum: int = 16) -> int:
    raw = os.environ.get(name, str(default))
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise StackError(
            f"{name}={raw!r} is not a number of processes from 1 to {maximum}; e.g. {name}={default}"
        )
    return int(raw)


def free_port() -> int:
    """A port nothing listens on right now, for test and benchmark stacks."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Topology:
    """How many of each process run. Embedded: one each; production: replicas behind nginx."""

    production: bool = False
    rasa_replicas: int = 1
    action_replicas: int = 1
    webform_workers: int = 2

    @classmethod
    def embedded(cls) -> Topology:
        return cls()

    @classmethod
    def from_env(cls, environment: str) -> Topology:
        """Production reads RASA_REPLICAS and ACTION_REPLICAS (default 2 each) and WEBFORM_WORKERS (2)."""
        if environment != "production":
            return cls()
        return cls(
            True, _count("RASA_REPLICAS", 2), _count("ACTION_REPLICAS", 2), _count("WEBFORM_WORKERS", 2)
        )


@dataclass(frozen=True)
class Ports:
    """Embedded: the browser talks to the form service and to Rasa. Production: only to `public` (nginx);
    the rest listen on 127.0.0.1, and Rasa reaches the action servers through nginx's `action_proxy`."""

    webform: int = 8000
    rasa: tuple[int, ...] = (5005,)
    actions: tuple[int, ...] = (5055,)
    public: int | None = None
    action_proxy: int | None = None

    @classmethod
    def from_env(cls, topology: Topology) -> Ports:
        """Embedded: RASA_PORT, ACTION_PORT, WEBFORM_PORT (5005, 5055, 8000). Production: PUBLIC_PORT
        (8000) for nginx, WEBFORM_PORT (8001), replica i at RASA_PORT+i and ACTION_PORT+i, ACTION_PROXY_PORT
        (5054)."""
        rasa, actions = _port("RASA_PORT", 5005), _port("ACTION_PORT", 5055)
        if not topology.production:
            return cls(_port("WEBFORM_PORT", 8000), (rasa,), (actions,))
        return cls(
            _port("WEBFORM_PORT", 8001),
            tuple(rasa + i for i in range(topology.rasa_replicas)),
            tuple(actions + i for i in range(topology.action_replicas)),
            _port("PUBLIC_PORT", 8000),
            _port("ACTION_PROXY_PORT", 5054),
        )

    @classmethod
    def free(cls, topology: Topology) -> Ports:
        """Free ports for every process: test and benchmark stacks next to a running `make run`."""
        rasa = tuple(free_port() for _ in range(topology.rasa_replicas))
        actions = tuple(free_port() for _ in range(topology.action_replicas))
        if not topology.production:
            return cls(free_port(), rasa, actions)
        return cls(free_port(), rasa, actions, free_port(), free_port())

    def named(self) -> list[tuple[int, str]]:
        """(port, the variable that chooses it), for messages about ports in use."""
        named = [(self.webform, "WEBFORM_PORT")]
        named += [(port, "RASA_PORT") for port in self.rasa]
        named += [(port, "ACTION_PORT") for port in self.actions]
        if self.public is not None:
            named.append((self.public, "PUBLIC_PORT"))
        if self.action_proxy is not None:
            named.append((self.action_proxy, "ACTION_PROXY_PORT"))
        return named


@dataclass(frozen=True)
class Backends:
    """The servers production needs: PostgreSQL for drafts and for conversations, Redis for locks and
    rate limits. URLs from DATABASE_URL, TRACKER_DATABASE_URL and REDIS_URL."""

    database_url: str = DEFAULT_DATABASE_URL
    tracker_url: str = DEFAULT_TRACKER_URL
    redis_url: str = DEFAULT_REDIS_URL

    @classmethod
    def from_env(cls) -> Backends:
        return cls(
            os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            os.environ.get("TRACKER_DATABASE_URL", DEFAULT_TRACKER_URL),
            os.environ.get("REDIS_URL", DEFAULT_REDIS_URL),
        )

    def rasa_environment(self) -> dict[str, str]:
        """The ${...} values endpoints.production.yml reads."""
        tracker = urlsplit(self.tracker_url)
        redis = urlsplit(self.redis_url)
        return {
            "TRACKER_DB_HOST": tracker.hostname or "127.0.0.1",
            "TRACKER_DB_PORT": str(tracker.port or 5432),
            "TRACKER_DB": tracker.path.lstrip("/") or "kiezlotse_conversations",
            "TRACKER_DB_USER": unquote(tracker.username or "postgres"),
            "TRACKER_DB_PASSWORD": unquote(tracker.password or ""),
            "REDIS_HOST": redis.hostname or "127.0.0.1",
            "REDIS_PORT": str(redis.port or 6379),
            "REDIS_PASSWORD": unquote(redis.password or ""),
        }

    def redis_db_url(self, db: int) -> str:
        url = urlsplit(self.redis_url)
        return url._replace(path=f"/{db}").geturl()

    def check_reachable(self) -> None:
        """Each server answers a TCP connection, or the message says which one and what to do."""
        for what, url, default in (
            ("PostgreSQL for drafts (DATABASE_URL)", self.database_url, 5432),
            ("PostgreSQL for conversations (TRACKER_DATABASE_URL)", self.tracker_url, 5432),
            ("Redis (REDIS_URL)", self.redis_url, 6379),
        ):
            parts = urlsplit(url)
            address = (parts.hostname or "127.0.0.1", parts.port or default)
            try:
                socket.create_connection(address, timeout=2).close()
            except OSError as error:
                raise StackError(
                    f"{what} at {address[0]}:{address[1]} does not answer ({error}): start it or point the "
                    "variable at a running server; `make run` without KIEZLOTSE_ENV=production needs neither"
                ) from error


TF_SINGLE_THREAD = {
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
}


def _json_ok(check: Callable[[dict], bool]) -> Callable[[bytes], bool]:
    def ready(body: bytes) -> bool:
        try:
            return check(json.loads(body))
        except ValueError:
            return False

    return ready


def _always(body: bytes) -> bool:
    return True


@dataclass(frozen=True)
class Program:
    """One supervised process: its command, its own environment additions and how to tell it is ready."""

    name: str  # supervisord's program name, e.g. "rasa-1"
    title: str  # for people, e.g. "Rasa server 1"
    command: list[str]
    health_url: str
    is_ready: Callable[[bytes], bool] = field(default=_always, compare=False)
    env: dict[str, str] = field(default_factory=dict)
    # Rasa loads its model before it answers; a program that dies sooner than this counts as failing
    # to start, and supervisord waits longer before each new try (its backoff).
    start_seconds: int = 5
    stop_seconds: int = 10


def programs(
    topology: Topology, ports: Ports, model: Path, env: dict[str, str], var_dir: Path
) -> list[Program]:
    """Every process of the topology, in start order: form service, action servers, Rasa, nginx."""
    token = env["RASA_AUTH_TOKEN"]
    production = topology.production
    result = [_webform(topology, ports, env)]
    for i, port in enumerate(ports.actions, start=1):
        suffix = f"-{i}" if production else ""
        result.append(
            Program(
                f"actions{suffix}",
                f"action server{f' {i}' if production else ''}",
                [str(RASA_BIN / "rasa"), "run", "actions", "--port", str(port), "--actions", "actions"],
                f"http://127.0.0.1:{port}/health",
                _json_ok(lambda body: body.get("status") == "ok"),
            )
        )
    origins = _site_origins(env["PUBLIC_BASE_URL"])
    for i, port in enumerate(ports.rasa, start=1):
        suffix = f"-{i}" if production else ""
        result.append(
            Program(
                f"rasa{suffix}",
                f"Rasa server{f' {i}' if production else ''}",
                [
                    # "--auth-token=..." in one word: a token may start with "-".
                    str(RASA_BIN / "rasa"), "run", "--enable-api", f"--auth-token={token}",
                    "--interface", "127.0.0.1", "--port", str(port), "--model", str(model),
                    "--endpoints", "endpoints.production.yml" if production else "endpoints.yml",
                    "--credentials", "credentials.yml", "--cors", *origins,
                ],
                f"http://127.0.0.1:{port}/status?token={token}",
                _json_ok(lambda body: bool(body.get("model_file"))),
                # One TensorFlow thread per Rasa process: a message's inference is small, and thread pools
                # sized for every core cost more CPU than they save when replicas share the cores
                # (profiled: Rasa CPU per message 37.8 -> 34.2 ms with the kept SQLite connection).
                env=TF_SINGLE_THREAD,
                start_seconds=10,
                stop_seconds=15,
            )
        )
    result.append(
        Program(
            "conversation-retention",
            "conversation retention",
            [str(APP_BIN / "python"), "-m", "ops.conversation_retention", "--every", "3600"],
            "",
        )
    )
    if production:
        conf = var_dir / "nginx" / "nginx.conf"
        result.append(
            Program(
                "nginx",
                "nginx",
                ["/usr/sbin/nginx", "-p", str(var_dir / "nginx"), "-c", str(conf), "-g", "daemon off;"],
                f"http://127.0.0.1:{ports.public}/api/health",
                _json_ok(lambda body: body.get("status") == "ok"),
            )
        )
    return result


def _webform(topology: Topology, ports: Ports, env: dict[str, str]) -> Program:
    # Applicant links (/d/<token>) are secrets: every log line masks them (webform.access_log), and
    # production keeps no access log at all.
    masked = ["--logger-class", "webform.access_log.MaskedLogger"]
    access_log = masked if env.get("KIEZLOTSE_ENV") == "production" else [*masked, "--access-logfile", "-"]
    return Program(
        "webform",
        "form service",
        [
            str(APP_BIN / "gunicorn"), "--bind", f"127.0.0.1:{ports.webform}",
            "--workers", str(topology.webform_workers), "--threads", "4", *access_log, "webform:create_app()",
        ],
        f"http://127.0.0.1:{ports.webform}/api/health",
        _json_ok(lambda body: body.get("status") == "ok"),
    )


def _site_origins(public_base_url: str) -> list[str]:
    """The origins the chat widget may call Rasa from: the site's own, and on a laptop the same port
    under both names of the loopback address."""
    url = urlsplit(public_base_url)
    origin = f"{url.scheme}://{url.netloc}"
    if url.hostname in ("localhost", "127.0.0.1"):
        port = f":{url.port}" if url.port else ""
        return [f"{url.scheme}://localhost{port}", f"{url.scheme}://127.0.0.1{port}"]
    return [origin]
