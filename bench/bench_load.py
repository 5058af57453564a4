"""Conversations under load for both topologies, with the CPU each service spends per message.

For the embedded topology (`make run`: SQLite, one Rasa, one action server) and the production topology
(nginx, RASA_REPLICAS Rasa servers and ACTION_REPLICAS action servers, PostgreSQL and Redis of its own),
N people chat at once (N = 1, 10, 50, 100, 200 by default), each through bench_conversation's scripted
guidance dialogue with 1-4 s pauses between messages. Per level: messages/s, p50/p95/max per message,
errors, and CPU seconds per message of every service (read from /proc for each program's processes) and of
the load generator itself (this process).
Then `rasa init`'s bare bot is served the same way (embedded, SQLite) at 10 people, and the Rasa CPU per
message of Kiezlotse is given as a ratio to it. The load generator shares the machine's cores.

    make bench-load
    .venv/bin/python bench/bench_load.py --levels 1,10,50 --topologies production
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bare_rasa  # noqa: E402
from bench_conversation import SCRIPTS, Pause  # noqa: E402

from ops.databases import ensure_database  # noqa: E402
from ops.model import model_path  # noqa: E402
from ops.stack import Stack  # noqa: E402
from ops.topology import RASA_BIN, Backends, Ports, Topology, free_port  # noqa: E402
from tests.backends import PrivatePostgres, PrivateRedis  # noqa: E402

TARGETS_P95_MS = {50: 150, 100: 300, 200: 800}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- CPU accounting from /proc ---------------------------------------------------------------------------

def _process_table() -> dict[int, tuple[int, float]]:
    """pid → (parent pid, CPU seconds user+system so far) for every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rpartition(")")[2].split()
        except OSError:
            continue
        table[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
    return table


def cpu_seconds(roots: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds so far of each service: its processes and all their descendants."""
    table = _process_table()
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    totals = {}
    for service, pids in roots.items():
        seen, stack = set(), list(pids)
        while stack:
            pid = stack.pop()
            if pid in seen or pid not in table:
                continue
            seen.add(pid)
            stack.extend(children.get(pid, []))
        totals[service] = sum(table[pid][1] for pid in seen)
    return totals


# --- load ------------------------------------------------------------------------------------------------

@dataclass
class Result:
    people: int
    timings_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu_per_message_ms: dict[str, float] = field(default_factory=dict)

    def row(self) -> dict[str, object]:
        ordered = sorted(self.timings_ms) or [0.0]
        count = len(self.timings_ms)
        return {
            "people": self.people, "messages": count, "errors": len(self.errors),
            "messages_per_s": round(count / self.seconds, 1) if self.seconds else 0,
            "p50_ms": round(statistics.median(ordered)),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))]),
            "max_ms": round(ordered[-1]),
            "cpu_ms_per_message": {k: round(v, 1) for k, v in self.cpu_per_message_ms.items()},
        }


def _send(url: str, sender: str, text: str, language: str) -> float:
    body = json.dumps({"sender": sender, "message": text, "metadata": {"language": language}}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    if not answer:
        raise ValueError("empty answer")
    return (time.perf_counter() - started) * 1000


def _person(
    url: str, scripts: dict[str, list[str]], index: int, rounds: int, pause: Pause, result: Result,
    lock: threading.Lock,
) -> None:
    languages = sorted(scripts)
    language = languages[index % len(languages)]
    rng = random.Random(1000 + index)
    time.sleep(pause.draw(rng) * rng.random())  # people do not all start in the same second
    for _ in range(rounds):
        sender = f"load-{uuid.uuid4().hex[:10]}"
        for text in scripts[language]:
            try:
                elapsed = _send(url, sender, text, language)
            except (OSError, ValueError) as error:
                with lock:
                    result.errors.append(f"{type(error).__name__}: {error}")
            else:
                with lock:
                    result.timings_ms.append(elapsed)
            time.sleep(pause.draw(rng))


def run_level(url: str, scripts: dict[str, list[str]], people: int, pause: Pause, min_messages: int,
              services: Callable[[], dict[str, list[int]]]) -> Result:
    per_conversation = len(next(iter(scripts.values())))
    rounds = max(1, math.ceil(min_messages / (people * per_conversation)))
    result, lock = Result(people), threading.Lock()
    before = cpu_seconds(services())
    before["load_generator"] = time.process_time()  # this process: the simulated people
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=people) as pool:
        list(pool.map(lambda i: _person(url, scripts, i, rounds, pause, result, lock), range(people)))
    result.seconds = time.perf_counter() - started
    after = cpu_seconds(services())
    after["load_generator"] = time.process_time()
    count = max(1, len(result.timings_ms))
    result.cpu_per_message_ms = {name: (after[name] - before.get(name, 0.0)) * 1000 / count for name in after}
    return result


def warm_up(url: str, scripts: dict[str, list[str]], replicas: int) -> None:
    # Each Rasa process builds lazily loaded parts on its first messages: a few whole conversations each.
    for round_ in range(2 * replicas):
        for language, script in scripts.items():
            for text in script:
                _send(url, f"warmup-{language}-{round_}", text, language)


# --- the stacks ------------------------------------------------------------------------------------------

def _program_pids(stack: Stack) -> dict[str, list[int]]:
    states = stack.supervisor.states()
    groups: dict[str, list[int]] = {}
    for name, info in states.items():
        if name == "conversation-retention" or not info.get("pid"):
            continue
        service = name.split("-")[0] if name.startswith(("rasa-", "actions-")) else name
        groups.setdefault(service, []).append(int(info["pid"]))
    return groups


def _postmaster_pid(postgres: PrivatePostgres) -> int:
    return int((postgres.data / "postmaster.pid").read_text().splitlines()[0])


def bench_topology(production: bool, levels: list[int], pause: Pause, min_messages: int,
                   var_dir: Path) -> list[Result]:
    topology = Topology(True, 2, 2, 2) if production else Topology.embedded()
    postgres = redis = None
    backends = None
    env = {"KIEZLOTSE_TODAY": "2026-11-22", "CHAT_RATE_LIMIT": "100000", "CHAT_BURST": "100000",
           "PUBLIC_HOST": "127.0.0.1"}
    if production:
        postgres, redis = PrivatePostgres(), PrivateRedis()
        postgres.start()
        redis.start()
        backends = Backends(postgres.url("kiezlotse"), postgres.url("kiezlotse_conversations"), redis.url)
        ensure_database(backends.database_url)
        ensure_database(backends.tracker_url)
    ports = Ports.free(topology)
    env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{ports.public or ports.webform}"
    stack = Stack(model=model_path(), ports=ports, var_dir=var_dir, extra_env=env, topology=topology,
                  backends=backends)

    def services() -> dict[str, list[int]]:
        groups = _program_pids(stack)
        if postgres is not None and redis is not None and redis.process is not None:
            groups["postgresql"] = [_postmaster_pid(postgres)]
            groups["redis"] = [redis.process.pid]
        return groups

    stack.start()
    try:
        stack.wait_until_ready()
        url = stack.chat_url
        warm_up(url, SCRIPTS, topology.rasa_replicas)
        results = []
        for people in levels:
            result = run_level(url, SCRIPTS, people, pause, min_messages, services)
            kind = "production" if production else "embedded"
            print(f"  {kind} {people:>3} people: {json.dumps(result.row())}", flush=True)
            results.append(result)
        return results
    finally:
        stack.stop()
        if redis is not None:
            redis.stop()
        if postgres is not None:
            postgres.remove()


def bench_bare_rasa(people: int, pause: Pause, min_messages: int, var_dir: Path) -> Result:
    """`rasa init`'s bot, served like the embedded topology's Rasa: REST channel, SQLite tracker store."""
    model = bare_rasa.ensure_model()
    endpoints = var_dir / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {var_dir / 'tracker.db'}\n")
    credentials = var_dir / "credentials.yml"
    credentials.write_text("rest:\n")
    port = free_port()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
           "MPLCONFIGDIR": str(var_dir)}
    with (var_dir / "bare-rasa.log").open("wb") as log:
        server = subprocess.Popen(
            [str(RASA_BIN / "rasa"), "run", "--interface", "127.0.0.1", "--port", str(port),
             "--model", str(model), "--endpoints", str(endpoints), "--credentials", str(credentials)],
            cwd=var_dir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    log_path = var_dir / "bare-rasa.log"
                    raise SystemExit(f"the bare Rasa bot did not start; see {log_path}") from None
                time.sleep(0.5)
        url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        scripts = {"en": bare_rasa.SCRIPT}
        warm_up(url, scripts, 1)
        result = run_level(url, scripts, people, pause, min_messages, lambda: {"rasa": [server.pid]})
        print(f"  bare rasa init bot {people:>3} people: {json.dumps(result.row())}", flush=True)
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,10,50,100,200", help="people at once, comma-separated")
    parser.add_argument("--topologies", default="embedded,production")
    parser.add_argument("--pause", type=Pause.parse, default=Pause(1, 4), help="seconds, e.g. 1-4")
    parser.add_argument("--min-messages", type=int, default=40, help="at least this many messages per level")
    parser.add_argument("--bare-people", type=int, default=10, help="people for the bare Rasa bot (0: skip)")
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "bench-load.json")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    with open("/proc/loadavg") as loadavg:
        print(f"load average before: {loadavg.read().split()[:3]}", flush=True)
    report: dict[str, object] = {"levels": levels, "pause": f"{args.pause.low_s:g}-{args.pause.high_s:g} s"}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        for name in args.topologies.split(","):
            var_dir = Path(tmp) / name
            var_dir.mkdir()
            results = bench_topology(name == "production", levels, args.pause, args.min_messages, var_dir)
            report[name] = [r.row() for r in results]
        if args.bare_people:
            var_dir = Path(tmp) / "bare"
            var_dir.mkdir()
            bare = bench_bare_rasa(args.bare_people, args.pause, args.min_messages, var_dir)
            report["bare_rasa_init"] = bare.row()
            for name in args.topologies.split(","):
                rows = [r for r in report[name] if r["people"] == args.bare_people]  # type: ignore[union-attr]
                if rows and bare.cpu_per_message_ms.get("rasa"):
                    ratio = rows[0]["cpu_ms_per_message"]["rasa"] / bare.cpu_per_message_ms["rasa"]
                    report[f"rasa_cpu_ratio_{name}"] = round(ratio, 2)
                    print(f"  Rasa CPU per message, {name} / bare rasa init bot: {ratio:.2f}x", flush=True)
    with open("/proc/loadavg") as loadavg:
        report["load_average_after"] = loadavg.read().split()[:3]
    print(f"load average after: {report['load_average_after']}")
    missed = []
    for name in args.topologies.split(","):
        for row in report[name]:  # type: ignore[union-attr]
            target = TARGETS_P95_MS.get(row["people"])
            if row["errors"] or (target and row["p95_ms"] > target):
                missed.append(f"{name} {row['people']}: p95 {row['p95_ms']} ms, {row['errors']} errors")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2))
    print(f"figures in {args.json}")
    verdict = "met" if not missed else "MISSED: " + "; ".join(missed)
    print(f"targets (p95 <= 150/300/800 ms at 50/100/200, no errors): {verdict}")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
