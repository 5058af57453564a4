"""50 applicants complete an application at the same time through nginx (production topology).

Each simulated applicant (tests/applicants.py) sends every answer of the draft form back to back and
agrees to store it; afterwards every conversation must have exactly one stored draft holding exactly
that applicant's answers: none lost, none duplicated, no field mixed up. The test suite runs the same
with 10 applicants (tests/e2e/production/test_topology.py). Exits non-zero on any difference.

    .venv/bin/python bench/bench_applicants.py [--applicants 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.applicants import Applicant, complete_application, drafts_of  # noqa: E402
from tests.e2e.conftest import start_production_stack, stop_production_stack  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-applicants-") as tmp:
        running = start_production_stack(Path(tmp), {"CHAT_RATE_LIMIT": "100000", "CHAT_BURST": "100000"})
        try:
            applicants = [Applicant(i) for i in range(args.applicants)]
            durations: list[float] = []

            def apply(applicant: Applicant) -> str:
                started = time.perf_counter()
                try:
                    return complete_application(running.chat_url, applicant,
                                                lambda sender: running.tracker(sender)["slots"])
                except OSError as error:
                    return f"error: {error}"
                finally:
                    durations.append(time.perf_counter() - started)

            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=len(applicants)) as pool:
                links = list(pool.map(apply, applicants))
            elapsed = time.perf_counter() - started
            problems = []
            for applicant, link in zip(applicants, links, strict=True):
                drafts = drafts_of(running.webform_url, running.env["STAFF_API_TOKEN"], applicant.sender)
                if len(drafts) != 1:
                    problems.append(f"{applicant.sender}: {len(drafts)} drafts (link {link!r})")
                elif applicant.differences(drafts[0]):
                    problems.append(f"{applicant.sender}: {applicant.differences(drafts[0])}")
        finally:
            stop_production_stack(running)
    print(f"{args.applicants} applicants at once in {elapsed:.1f} s; one application took median "
          f"{statistics.median(durations):.1f} s, longest {max(durations):.1f} s")
    stored = args.applicants - len(problems)
    print(f"drafts exactly as sent: {stored} of {args.applicants}" + ("" if not problems else ":"))
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
