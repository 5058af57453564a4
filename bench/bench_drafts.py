"""Benchmark of POST /api/drafts under the production server (gunicorn) on SQLite.

Starts gunicorn from .venv on a free port with a fresh SQLite database in a temporary directory (built by
`flask db upgrade`), sends a bounded number of complete drafts from N concurrent clients, each with its own
Idempotency-Key as the chat sends them, and reports p50/p95/max latency and requests per second.
Exits non-zero when a target is missed (p95 ≤ 30 ms, ≥ 200 requests/s) or any answer is not 201.

    .venv/bin/python bench/bench_drafts.py [--requests 2000] [--clients 4] [--workers 2] [--threads 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ops.stack import free_port  # noqa: E402
from tests.drafts_factories import complete_draft  # noqa: E402

BIN = ROOT / ".venv" / "bin"
TARGET_P95_MS = 30.0
TARGET_RPS = 200.0

# The same complete LSI draft the tests send (every field plus a match result).
DRAFT = complete_draft(conversation_id="bench")


def wait_until_healthy(port: int, server: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with exit code {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/api/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not become healthy in time")


def client(port: int, token: str, count: int, latencies: list[float], failures: list[str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(count):
        body = json.dumps(DRAFT).encode()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                   "Idempotency-Key": secrets.token_hex(16)}
        started = time.perf_counter()
        connection.request("POST", "/api/drafts", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status != 201:
            failures.append(str(response.status))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000, help="total requests (bounded run)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (as ops/stack.py)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (as ops/stack.py)")
    args = parser.parse_args()

    token = secrets.token_urlsafe(32)
    with tempfile.TemporaryDirectory(prefix="bench-drafts-") as tmp:
        env = {
            **os.environ,
            "KIEZLOTSE_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(32),
            "FORM_API_TOKEN": token,
            "STAFF_API_TOKEN": secrets.token_urlsafe(32),
            "DATABASE_URL": f"sqlite:///{tmp}/webform.db",
        }
        subprocess.run([str(BIN / "flask"), "--app", "webform", "db", "upgrade"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
             "--threads", str(args.threads), "--log-level", "warning", "webform:create_app()"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(f"{tmp}/gunicorn.log", "wb"),  # noqa: SIM115
        )
        try:
            wait_until_healthy(port, server)
            client(port, token, 20, [], [])  # warm-up: imports, catalogue, connection pools
            latencies: list[float] = []
            failures: list[str] = []
            per_client = [args.requests // args.clients + (i < args.requests % args.clients)
                          for i in range(args.clients)]
            threads = [threading.Thread(target=client, args=(port, token, n, latencies, failures))
                       for n in per_client]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=10)

    ordered = sorted(latencies)
    p50 = statistics.median(ordered)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    rps = len(ordered) / elapsed
    print(f"POST /api/drafts, gunicorn {args.workers} workers x {args.threads} threads, SQLite, "
          f"{args.clients} concurrent clients, {len(ordered)} requests")
    print(f"p50 {p50:.2f} ms   p95 {p95:.2f} ms   max {ordered[-1]:.2f} ms   {rps:.0f} requests/s   "
          f"non-201 answers: {len(failures)}")
    ok = p95 <= TARGET_P95_MS and rps >= TARGET_RPS and not failures
    verdict = "met" if ok else "MISSED"
    print(f"targets p95 <= {TARGET_P95_MS:.0f} ms and >= {TARGET_RPS:.0f} requests/s: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
