"""Latency of programme matching: in process, through POST /api/match, and optionally over HTTP.

Targets: in-process p95 <= 5 ms; POST /api/match p95 <= 20 ms.

    .venv/bin/python bench/bench_matching.py                       # in process + Flask test client
    FORM_API_TOKEN=... .venv/bin/python bench/bench_matching.py --url http://localhost:8000   # also a server
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
import urllib.request
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from programmes.catalogue import default_catalogue  # noqa: E402
from programmes.matching import Profile, match  # noqa: E402

TODAY = dt.date(2026, 11, 22)

# A spread of answers: complete and partial, Berlin and elsewhere, fitting and not, both languages.
PAYLOADS: list[dict[str, Any]] = [
    {"lang": "de"},
    {"lang": "en", "applicant_type": "association", "district": "Neukölln", "budget_eur": 15000},
    {"lang": "de", "applicant_type": "small_business", "district": "Kreuzberg", "budget_eur": 50000,
     "duration_months": 18, "goals": ["local_economy", "business_location"]},
    {"lang": "en", "applicant_type": "district_office", "state": "BE", "district": "Mitte",
     "in_disadvantaged_area": True, "budget_eur": 800000, "goals": ["jobs_for_disadvantaged"],
     "target_groups": ["long_term_unemployed", "migrants"], "duration_months": 27},
    {"lang": "de", "applicant_type": "municipality", "state": "NW", "city": "Dortmund",
     "in_disadvantaged_area": True, "goals": ["social_cohesion"]},
    {"lang": "en", "applicant_type": "initiative", "state": "BY", "budget_eur": 5000},
    {"lang": "de", "applicant_type": "social_enterprise", "district": "Wedding",
     "in_disadvantaged_area": False, "budget_eur": 300000, "duration_months": 36,
     "target_groups": ["youth", "women"]},
    {"lang": "en", "applicant_type": "training_provider", "city": "Berlin", "goals": ["networking"]},
]


def _percentiles(timings: list[float]) -> tuple[float, float, float]:
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))], ordered[-1]


def _report(name: str, timings: list[float], target_ms: float) -> bool:
    p50, p95, worst = _percentiles(timings)
    verdict = "ok" if p95 <= target_ms else "MISSED"
    print(
        f"{name}: {len(timings)} runs; p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {worst:.2f} ms "
        f"(target p95 <= {target_ms:g} ms: {verdict})",
        flush=True,
    )
    return p95 <= target_ms


def _time(call: Callable[[dict[str, Any]], None], rounds: int) -> list[float]:
    timings = []
    for i in range(rounds):
        payload = PAYLOADS[i % len(PAYLOADS)]
        started = time.perf_counter()
        call(payload)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _profile(payload: dict[str, Any]) -> Profile:
    fields = {k: v for k, v in payload.items() if k != "lang"}
    for name in ("goals", "target_groups"):
        if name in fields:
            fields[name] = tuple(fields[name])
    if "budget_eur" in fields:
        fields["budget_eur"] = Decimal(str(fields["budget_eur"]))
    return Profile(**fields)


def bench_in_process(rounds: int) -> bool:
    default_catalogue()  # loading the YAML once is start-up work, not matching
    profiles = [(_profile(p), p["lang"]) for p in PAYLOADS]

    def run(payload: dict[str, Any]) -> None:
        profile, lang = profiles[PAYLOADS.index(payload)]
        match(profile, lang, TODAY)

    run(PAYLOADS[0])
    return _report("matching in process", _time(run, rounds), 5)


def bench_test_client(rounds: int) -> bool:
    from webform import create_app
    from webform.config import TestConfig

    client = create_app(TestConfig, TODAY=TODAY.isoformat()).test_client()

    def run(payload: dict[str, Any]) -> None:
        response = client.post("/api/match", json=payload)
        assert response.status_code == 200, response.get_data(as_text=True)

    run(PAYLOADS[0])
    return _report("POST /api/match (Flask test client)", _time(run, rounds), 20)


def bench_server(url: str, rounds: int) -> bool:
    endpoint = url.rstrip("/") + "/api/match"
    # The chat's token, as the action server sends it: its calls are not limited per address.
    headers = {"Content-Type": "application/json"}
    if os.environ.get("FORM_API_TOKEN"):
        headers["Authorization"] = f"Bearer {os.environ['FORM_API_TOKEN']}"

    def run(payload: dict[str, Any]) -> None:
        request = urllib.request.Request(endpoint, data=json.dumps(payload).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()

    run(PAYLOADS[0])
    return _report(f"POST /api/match ({endpoint})", _time(run, rounds), 20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000, help="matching runs in process")
    parser.add_argument("--requests", type=int, default=500, help="requests per HTTP benchmark")
    parser.add_argument("--url", help="base URL of a running form service, e.g. http://localhost:8000")
    args = parser.parse_args()
    met = [bench_in_process(args.rounds), bench_test_client(args.requests)]
    if args.url:
        met.append(bench_server(args.url, args.requests))
    sys.exit(0 if all(met) else 1)


if __name__ == "__main__":
    main()
