"""The launcher refuses clearly: a port in use, a second run, a missing model, an absent Redis."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from ops import secrets
from ops.stack import ConversationStore, Ports, RunLock, Stack, StackError, free_port, free_ports


def test_port_in_use_names_the_port_and_the_variable(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        stack = Stack(
            model=tmp_path / "m.tar.gz",
            ports=Ports(rasa=port, actions=1, webform=2),
            var_dir=tmp_path,
        )
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
    free = free_ports()
    stack = Stack(model=tmp_path / "missing.tar.gz", ports=free, var_dir=tmp_path)
    with pytest.raises(StackError, match="make train"):
        stack.start()


def test_bad_port_variable_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_PORT", "fifty")
    with pytest.raises(StackError, match="RASA_PORT='fifty' is not a port number"):
        Ports.from_env()


def test_secrets_are_generated_once_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secrets.env"
    first = secrets.load_or_create(path)
    assert set(secrets.GENERATED) <= set(first)
    assert secrets.load_or_create(path) == first
    monkeypatch.setenv("FORM_API_TOKEN", "from-env")
    assert secrets.load_or_create(path)["FORM_API_TOKEN"] == "from-env"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_development_keeps_conversations_in_sqlite_with_one_rasa_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KIEZLOTSE_CONVERSATIONS", raising=False)
    stack = Stack(model=tmp_path / "m.tar.gz", ports=free_ports(), var_dir=tmp_path)
    assert stack.conversations.endpoints_file == "endpoints.yml"
    assert stack.env["TRACKER_DB"] == str(tmp_path / "rasa-tracker.db")
    assert "SANIC_WORKERS" not in stack.env or stack.env["SANIC_WORKERS"] == os.environ.get("SANIC_WORKERS")


def test_production_shares_conversations_in_redis_between_rasa_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KIEZLOTSE_CONVERSATIONS", raising=False)
    monkeypatch.delenv("KIEZLOTSE_ENV", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6380")
    monkeypatch.setenv("RASA_WORKERS", "3")
    stack = Stack(model=tmp_path / "m.tar.gz", ports=free_ports(), var_dir=tmp_path, environment="production")
    assert stack.conversations.endpoints_file == "endpoints.production.yml"
    assert (stack.env["REDIS_HOST"], stack.env["REDIS_PORT"], stack.env["SANIC_WORKERS"]) == (
        "cache.internal",
        "6380",
        "3",
    )
    rasa_command = stack.services[-1].command
    assert rasa_command[rasa_command.index("--endpoints") + 1] == "endpoints.production.yml"
    assert "--access-logfile" not in stack.services[0].command  # it would record applicants' links


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [("KIEZLOTSE_CONVERSATIONS", "mongo", "use sqlite or redis"), ("RASA_WORKERS", "two", "RASA_WORKERS=2")],
)
def test_bad_conversation_settings_are_explained(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv("KIEZLOTSE_CONVERSATIONS", "redis")
    monkeypatch.setenv(variable, value)
    with pytest.raises(StackError, match=message):
        ConversationStore.from_env("production")


def test_an_absent_redis_is_named_before_anything_starts() -> None:
    store = ConversationStore("redis", f"redis://127.0.0.1:{free_port()}")
    with pytest.raises(StackError, match=r"does not answer.*KIEZLOTSE_CONVERSATIONS=sqlite"):
        store.check_reachable()


def test_the_redis_on_this_machine_is_reachable() -> None:
    ConversationStore("redis").check_reachable()


def test_the_form_service_logs_through_the_masking_logger_in_every_mode(tmp_path: Path) -> None:
    for environment in ("development", "production"):
        stack = Stack(model=tmp_path / "m.tar.gz", ports=free_ports(), var_dir=tmp_path, environment=environment)
        command = stack.services[0].command
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
