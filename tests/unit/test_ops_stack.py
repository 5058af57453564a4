"""The launcher: clear refusals (ports, a second run, a missing model, absent servers), the programs and
settings of both topologies, the supervisor and nginx configurations it writes."""

from __future__ import annotations

import configparser
import os
import shlex
import socket
import subprocess
from pathlib import Path

import pytest

from ops import nginx, secrets
from ops.stack import RunLock, Stack, StackError, free_port, free_ports
from ops.supervisor import render
from ops.topology import Backends, Ports, Topology

PRODUCTION = Topology(production=True, rasa_replicas=3, action_replicas=2, webform_workers=2)


def _stack(tmp_path: Path, topology: Topology | None = None, **kwargs: object) -> Stack:
    topology = topology or Topology.embedded()
    return Stack(model=tmp_path / "m.tar.gz", ports=Ports.free(topology), var_dir=tmp_path, topology=topology,
                 **kwargs)  # type: ignore[arg-type]


def test_port_in_use_names_the_port_and_the_variable(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        stack = Stack(model=tmp_path / "m.tar.gz", ports=Ports(webform=free_port(), rasa=(port,), actions=(free_port(),)),
                      var_dir=tmp_path, topology=Topology.embedded())
        with pytest.raises(StackError, match=rf"port {port} .*RASA_PORT="):
            stack.check_ports()


def test_a_second_run_is_refused_while_the_first_runs(tmp_path: Path) -> None:
    lock = tmp_path / "run.pid"
    with RunLock(lock):
        assert lock.read_text() == str(os.getpid())
        with pytest.raises(StackError, match="already running"), RunLock(lock):
            pass
    assert not lock.exists()


def test_a_stale_lock_from_a_killed_run_is_ignored(tmp_path: Path) -> None:
    lock = tmp_path / "run.pid"
    lock.write_text("999999999")
    with RunLock(lock):
        assert lock.read_text() == str(os.getpid())


def test_missing_model_says_how_to_train(tmp_path: Path) -> None:
    stack = Stack(model=tmp_path / "missing.tar.gz", ports=free_ports(), var_dir=tmp_path)
    with pytest.raises(StackError, match="make train"):
        stack.start()


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [("RASA_PORT", "fifty", "RASA_PORT='fifty' is not a port number"),
     ("RASA_REPLICAS", "two", "RASA_REPLICAS='two' is not a number of processes"),
     ("ACTION_REPLICAS", "0", "ACTION_REPLICAS='0' is not a number of processes")],
)
def test_bad_settings_are_explained(monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(StackError, match=message):
        Ports.from_env(Topology.from_env("production"))


def test_secrets_are_generated_once_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secrets.env"
    first = secrets.load_or_create(path)
    assert set(secrets.GENERATED) <= set(first)
    assert "RASA_AUTH_TOKEN" in first
    assert secrets.load_or_create(path) == first
    monkeypatch.setenv("FORM_API_TOKEN", "from-env")
    assert secrets.load_or_create(path)["FORM_API_TOKEN"] == "from-env"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_embedded_keeps_conversations_in_sqlite_and_needs_no_server(tmp_path: Path) -> None:
    stack = _stack(tmp_path)
    assert stack.backends is None  # no PostgreSQL, no Redis
    assert stack.env["TRACKER_DB"] == str(tmp_path / "rasa-tracker.db")
    assert [p.name for p in stack.programs] == ["webform", "actions", "rasa", "conversation-retention"]
    rasa = stack.programs[2].command
    assert rasa[rasa.index("--endpoints") + 1] == "endpoints.yml"


def test_production_defaults_to_two_rasa_and_two_action_replicas(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RASA_REPLICAS", "ACTION_REPLICAS", "RASA_PORT", "ACTION_PORT", "PUBLIC_PORT"):
        monkeypatch.delenv(name, raising=False)
    topology = Topology.from_env("production")
    assert (topology.rasa_replicas, topology.action_replicas) == (2, 2)
    ports = Ports.from_env(topology)
    assert (ports.public, ports.rasa, ports.actions) == (8000, (5005, 5006), (5055, 5056))


def test_production_programs_sit_behind_nginx_with_postgres_and_redis(tmp_path: Path) -> None:
    backends = Backends("postgresql://u:secret@db.internal:5433/drafts",
                        "postgresql://rasa:pw%40x@db.internal:5433/talks", "redis://cache.internal:6380")
    stack = _stack(tmp_path, PRODUCTION, backends=backends)
    names = [p.name for p in stack.programs]
    assert names == ["webform", "actions-1", "actions-2", "rasa-1", "rasa-2", "rasa-3", "conversation-retention",
                     "nginx"]
    env = stack.env
    assert (env["TRACKER_DB_HOST"], env["TRACKER_DB_PORT"], env["TRACKER_DB"]) == ("db.internal", "5433", "talks")
    assert (env["TRACKER_DB_USER"], env["TRACKER_DB_PASSWORD"]) == ("rasa", "pw@x")
    assert (env["REDIS_HOST"], env["REDIS_PORT"]) == ("cache.internal", "6380")
    assert env["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6380/3"
    assert env["DATABASE_URL"] == backends.database_url
    assert env["ACTION_SERVER_URL"] == f"http://127.0.0.1:{stack.ports.action_proxy}/webhook"
    assert env["RASA_URL"] == ""  # the widget posts to the page's own origin
    for program in stack.programs:
        if program.name.startswith("rasa-"):
            command = program.command
            assert command[command.index("--endpoints") + 1] == "endpoints.production.yml"
            assert command[command.index("--interface") + 1] == "127.0.0.1"
            assert f"--auth-token={env['RASA_AUTH_TOKEN']}" in command  # one word: a token may start with "-"
            assert "*" not in command  # CORS only for the site's own origin
    assert "--access-logfile" not in stack.programs[0].command  # it would record applicants' links


def test_absent_production_servers_are_named_before_anything_starts() -> None:
    port = free_port()
    backends = Backends(f"postgresql://postgres@127.0.0.1:{port}/x", f"postgresql://postgres@127.0.0.1:{port}/y",
                        "redis://127.0.0.1:6379")
    with pytest.raises(StackError, match=r"PostgreSQL for drafts .*does not answer"):
        backends.check_reachable()


def test_the_supervisor_configuration_restarts_with_backoff_and_logs(tmp_path: Path) -> None:
    stack = _stack(tmp_path, PRODUCTION, backends=Backends())
    (tmp_path / "log").mkdir()
    text = render(stack.programs, tmp_path)
    config = configparser.RawConfigParser()
    config.read_string(text)
    assert config["supervisord"]["logfile"] == str(tmp_path / "log" / "supervisord.log")
    rasa = config["program:rasa-1"]
    assert rasa["autorestart"] == "true" and int(rasa["startretries"]) >= 3 and rasa["stopasgroup"] == "true"
    # supervisord splits the command like a shell: every word comes back unchanged
    assert shlex.split(rasa["command"].replace("%%", "%")) == stack.programs[3].command
    result = subprocess.run([str(Path(".venv/bin/supervisord").resolve()), "-c", "/dev/null", "--version"],
                            capture_output=True, text=True)
    assert result.returncode == 0


def test_the_nginx_configuration_is_valid_and_exposes_only_the_chat(tmp_path: Path) -> None:
    stack = _stack(tmp_path, PRODUCTION, backends=Backends())
    (tmp_path / "log").mkdir()
    conf = nginx.write(stack.ports, tmp_path)
    text = conf.read_text()
    for port in stack.ports.rasa + stack.ports.actions:
        assert f"server 127.0.0.1:{port} " in text
    assert "location = /webhooks/rest/webhook" in text and "location /conversations/" in text
    assert "{{" not in text
    result = subprocess.run(["/usr/sbin/nginx", "-t", "-p", str(tmp_path / "nginx"), "-c", str(conf)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_nginx_settings_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAT_RATE_LIMIT", "fast")
    with pytest.raises(StackError, match="CHAT_RATE"):
        nginx.settings_from_env()


def test_the_systemd_unit_runs_the_launcher_with_the_documented_settings() -> None:
    unit = configparser.RawConfigParser(strict=False)
    unit.read(Path("ops/systemd/kiezlotse.service"))
    service = unit["Service"]
    assert service["ExecStart"].endswith("/.venv/bin/python -m ops.stack")
    assert service["Environment"] == "KIEZLOTSE_ENV=production"
    assert service["Restart"] == "on-failure" and int(service["RestartSec"]) > 0
    example = Path("ops/systemd/kiezlotse.env.example").read_text()
    names = {line.split("=")[0] for line in example.splitlines() if line and not line.startswith("#")}
    assert set(secrets.GENERATED) <= names  # every secret the launcher would otherwise generate
    assert {"DATABASE_URL", "TRACKER_DATABASE_URL", "REDIS_URL", "RASA_REPLICAS", "ACTION_REPLICAS"} <= names


def test_the_form_service_logs_through_the_masking_logger_in_every_mode(tmp_path: Path) -> None:
    for topology in (Topology.embedded(), PRODUCTION):
        stack = _stack(tmp_path, topology, backends=Backends())
        command = stack.programs[0].command
        assert command[command.index("--logger-class") + 1] == "webform.access_log.MaskedLogger"


def test_make_run_cleans_old_logs_and_keeps_var_owner_only(tmp_path: Path) -> None:
    token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"
    log = tmp_path / "log" / "webform.log"
    log.parent.mkdir()
    log.write_text(f'127.0.0.1 - - "GET /d/{token}?lang=en HTTP/1.1" 200\n"POST /d/{token}/check" 302\n')
    database = tmp_path / "webform.db"
    database.write_text("")
    database.chmod(0o644)
    stack = Stack(model=tmp_path / "m.tar.gz", ports=free_ports(), var_dir=tmp_path)
    stack.protect_var_dir()
    cleaned = log.read_text()
    assert token not in cleaned and "/d/[private link]?lang=en" in cleaned and "/d/[private link]/check" in cleaned
    for path in (tmp_path, tmp_path / "log", log, database, tmp_path / "secrets.env"):
        others = path.stat().st_mode & 0o077
        assert others == 0, (path, oct(path.stat().st_mode))
    assert "umask=077" in render(stack.programs, tmp_path)  # and every program writes owner-only


def test_make_run_masks_private_links_in_the_stored_conversations(tmp_path: Path) -> None:
    import json
    import sqlite3

    from ops.stack import mask_stored_conversations

    token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"
    store = tmp_path / "rasa-tracker.db"
    with sqlite3.connect(store) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, data TEXT)")
        said = {"event": "bot", "text": f"Hier ist Ihr Link: http://localhost:8000/d/{token}"}
        connection.execute("INSERT INTO events (data) VALUES (?)", (json.dumps(said),))
        connection.execute("INSERT INTO events (data) VALUES (?)", (json.dumps({"event": "user", "text": "/d/1"}),))
    assert mask_stored_conversations(store) == 1
    with sqlite3.connect(store) as connection:
        texts = [json.loads(row[0])["text"] for row in connection.execute("SELECT data FROM events ORDER BY id")]
    assert texts == ["Hier ist Ihr Link: http://localhost:8000/d/[private link]", "/d/1"]
    assert mask_stored_conversations(tmp_path / "absent.db") == 0
