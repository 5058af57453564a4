"""The launcher refuses clearly: a port in use, a second run, a missing model."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from ops import secrets
from ops.stack import Ports, RunLock, Stack, StackError, free_ports


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
