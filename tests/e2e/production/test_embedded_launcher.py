"""`make run` itself (python -m ops.stack, the embedded topology): SQLite and no other server, a killed
action server restarted by the supervisor with the restart shown and logged, the person told and the form
resumed, and Ctrl-C stopping every process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from ops.stack import port_is_free
from ops.supervisor import Supervisor
from ops.topology import APP_BIN, ROOT, free_port

pytestmark = pytest.mark.e2e


def _say(port: int, sender: str, text: str) -> list[dict[str, object]]:
    body = json.dumps({"sender": sender, "message": text, "metadata": {"language": "de"}}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _read_until(process: subprocess.Popen[bytes], marker: str, timeout: float) -> str:
    """What the launcher printed from now until `marker` (raw reads: the pipe is non-blocking)."""
    seen = b""
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    descriptor = process.stdout.fileno()
    os.set_blocking(descriptor, False)
    while marker.encode() not in seen:
        if time.monotonic() > deadline or process.poll() is not None:
            raise AssertionError(f"{marker!r} not printed; output so far:\n{seen.decode(errors='replace')}")
        try:
            seen += os.read(descriptor, 65536)
        except BlockingIOError:
            time.sleep(0.2)
    return seen.decode(errors="replace")


def test_make_run_supervises_restarts_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    rasa, actions, webform = free_port(), free_port(), free_port()
    env = {**os.environ, "KIEZLOTSE_ENV": "development", "KIEZLOTSE_VAR": str(tmp_path), "RASA_PORT": str(rasa),
           "ACTION_PORT": str(actions), "WEBFORM_PORT": str(webform), "KIEZLOTSE_TODAY": "2026-11-22",
           "PYTHONUNBUFFERED": "1"}
    launcher = subprocess.Popen([str(APP_BIN / "python"), "-m", "ops.stack"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    supervisor = Supervisor(tmp_path)
    try:
        _read_until(launcher, "press Ctrl-C to stop", timeout=480)
        assert (tmp_path / "rasa-tracker.db").exists()  # conversations in SQLite, no server needed
        sender = "launcher-test"
        assert _say(rasa, sender, "Ich möchte einen Antrag für LSI stellen")
        old = supervisor.pid("actions")
        os.kill(old, signal.SIGKILL)
        assert _say(rasa, sender, "Typ A") == []  # the widget shows "cannot be reached, try again"
        printed = _read_until(launcher, "exited: actions (terminated by SIGKILL; not expected)", timeout=30)
        deadline = time.monotonic() + 120
        while True:  # the supervisor starts it again; it answers once it has loaded the actions
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{actions}/health", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the action server did not come back"
                time.sleep(0.5)
        assert supervisor.pid("actions") != old
        resumed = " ".join(str(m.get("text", "")) for m in _say(rasa, sender, "Typ A"))
        assert "Beschreiben Sie Ihr Projekt" in resumed  # the form goes on where it stopped
        if "spawned: 'actions'" not in printed.partition("exited: actions")[2]:
            _read_until(launcher, "spawned: 'actions'", timeout=30)  # the restart is shown too
        pids = [info["pid"] for info in supervisor.states().values() if info.get("pid")]
    finally:
        launcher.send_signal(signal.SIGINT)  # Ctrl-C
        assert launcher.stdout is not None
        os.set_blocking(launcher.stdout.fileno(), True)
        output = launcher.communicate(timeout=120)[0].decode(errors="replace")
    assert launcher.returncode == 0, output
    assert "stopped" in output
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert all(port_is_free(port) for port in (rasa, actions, webform))
