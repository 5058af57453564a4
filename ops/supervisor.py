"""supervisord runs the programs of a topology: restarts a crashed one, logs every exit and restart.

A program that exits is started again at once; one that dies again before it has run `start_seconds`
is retried after 1, 2, 3 ... seconds (supervisord's backoff) and given up after START_RETRIES tries,
which the launcher (ops/stack.py) treats as fatal. Exits, restarts and give-ups go to
var/log/supervisord.log; each program's output goes to var/log/<program>.log.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import xmlrpc.client
from pathlib import Path
from typing import Any

from ops.topology import APP_BIN, PRIVATE_UMASK, ROOT, Program

START_RETRIES = 8  # backoff 1+2+...+8 s: a program failing for half a minute is given up


def _quote(value: str) -> str:
    """A value inside supervisord's config: `%` starts its own expansions and must be doubled."""
    return value.replace("%", "%%")


def _command(words: list[str]) -> str:
    return " ".join(_quote(_shell_word(w)) for w in words)


def _shell_word(word: str) -> str:
    # supervisord splits the command with shlex; quote words with spaces or quotes.
    if word and all(c.isalnum() or c in "-_./:=,@+?&" for c in word):
        return word
    return "'" + word.replace("'", "'\"'\"'") + "'"


def render(programs: list[Program], var_dir: Path) -> str:
    """The supervisord configuration for these programs; everything it writes stays in var_dir."""
    log_dir = var_dir / "log"
    lines = [
        "; Written by ops/stack.py for this run; edit ops/supervisor.py instead.",
        "[unix_http_server]",
        f"file={_quote(str(var_dir / 'supervisor.sock'))}",
        "chmod=0700",
        "[supervisord]",
        f"logfile={_quote(str(log_dir / 'supervisord.log'))}",
        "logfile_maxbytes=10MB",
        "logfile_backups=3",
        f"pidfile={_quote(str(var_dir / 'supervisord.pid'))}",
        f"childlogdir={_quote(str(log_dir))}",
        "nodaemon=true",
        "silent=true",
        # Programs write var/ (databases, logs) for their owner only.
        "umask=077",
        "[rpcinterface:supervisor]",
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
        "[supervisorctl]",
        f"serverurl=unix://{_quote(str(var_dir / 'supervisor.sock'))}",
    ]
    for priority, program in enumerate(programs, start=1):
        lines += [
            f"[program:{program.name}]",
            f"command={_command(program.command)}",
            f"directory={_quote(str(ROOT))}",
            f"priority={priority * 10}",
            "autostart=true",
            "autorestart=true",
            f"startsecs={program.start_seconds}",
            f"startretries={START_RETRIES}",
            "stopsignal=TERM",
            f"stopwaitsecs={program.stop_seconds}",
            "stopasgroup=true",
            "killasgroup=true",
            "redirect_stderr=true",
            f"stdout_logfile={_quote(str(log_dir / f'{program.name}.log'))}",
            "stdout_logfile_maxbytes=20MB",
            "stdout_logfile_backups=3",
        ]
        if program.env:
            pairs = ",".join(f'{key}="{_quote(value)}"' for key, value in program.env.items())
            lines.append(f"environment={pairs}")
    return "\n".join(lines) + "\n"


class Supervisor:
    """One supervisord process for one stack, and its XML-RPC interface over a unix socket."""

    def __init__(self, var_dir: Path) -> None:
        self.var_dir = var_dir
        self.conf = var_dir / "supervisord.conf"
        self.socket = var_dir / "supervisor.sock"
        self.log = var_dir / "log" / "supervisord.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, programs: list[Program], env: dict[str, str]) -> None:
        self.conf.touch(mode=0o600)
        self.conf.chmod(0o600)  # it names the programs' command lines, Rasa's auth token among them
        self.conf.write_text(render(programs, self.var_dir))
        self.socket.unlink(missing_ok=True)
        out = self.var_dir / "log" / "supervisord.out"
        out.touch(mode=0o600)
        output = out.open("ab")
        # Its own session: Ctrl-C in the terminal reaches the launcher, which stops supervisord in order.
        self.process = subprocess.Popen(
            [str(APP_BIN / "supervisord"), "-c", str(self.conf)],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, umask=PRIVATE_UMASK,
        )
        output.close()

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def rpc(self) -> Any:
        from supervisor.xmlrpc import SupervisorTransport

        transport = SupervisorTransport(None, None, serverurl=f"unix://{self.socket}")
        return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport).supervisor

    def states(self) -> dict[str, dict[str, Any]]:
        """Program name → supervisord's process info (statename, pid, ...); {} while it starts up."""
        if not self.socket.exists():
            return {}
        try:
            return {info["name"]: info for info in self.rpc().getAllProcessInfo()}
        except (OSError, xmlrpc.client.Error):
            return {}

    def pid(self, name: str) -> int:
        return int(self.rpc().getProcessInfo(name)["pid"])

    def restart(self, name: str) -> None:
        """Stops the program gracefully and starts it again (what a deployment does to one replica)."""
        rpc = self.rpc()
        rpc.stopProcess(name, True)
        rpc.startProcess(name, False)

    def stop_program(self, name: str) -> None:
        self.rpc().stopProcess(name, True)

    def start_program(self, name: str) -> None:
        self.rpc().startProcess(name, False)

    def stop(self, grace: float = 30.0) -> None:
        """SIGTERM to supervisord, which stops every program (each gets its stop_seconds); whatever
        is left after `grace` is killed."""
        if self.process is None:
            return
        pids = [info["pid"] for info in self.states().values() if info.get("pid")]
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in pids:  # every program runs in its own process group
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)

    def events_since(self, offset: int) -> tuple[list[str], int]:
        """New lines of supervisord's log about exits, restarts and give-ups, and the new offset."""
        if not self.log.exists():
            return [], offset
        with self.log.open("rb") as log:
            log.seek(offset)
            data = log.read()
        lines = data.decode(errors="replace").splitlines()
        wanted = [line for line in lines if any(w in line for w in ("exited:", "spawned:", "gave up:"))]
        return wanted, offset + len(data)

    def wait_stopped(self, name: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.states().get(name, {}).get("statename") in ("STOPPED", "EXITED", "FATAL"):
                return
            time.sleep(0.2)
