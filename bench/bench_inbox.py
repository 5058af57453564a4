"""Benchmark of the maintainers' inbox page with 10,000 logged user messages.

Writes a conversation store the way Rasa's SQLTrackerStore does (tests/tracker_events.py) into a SQLite
file in a temporary directory: conversations of five user messages, each turn with the events Rasa
stores (user, action, bot, action_listen; names as slots), a fifth of the messages fallbacks and a tenth
unsure. Then renders /staff/maintain/inbox in-process (Flask's test client, signed in as a maintainer):
the first render reads the whole store; the following ones, with changing filters and pages, only what
is new, and every tenth render comes after a new conversation was written (the incremental read).
Prints p50/p95/max of those renders (wall clock, and the CPU time of the rendering thread, which other
programs on the machine do not change), the first render, and the groups page; exits non-zero when the
inbox's p95 (wall clock) is above the target (300 ms).

    .venv/bin/python bench/bench_inbox.py [--messages 10000] [--renders 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import tracker_events as te  # noqa: E402
from tests.drafts_factories import STAFF_PASSWORD, login  # noqa: E402
from webform import create_app, repository  # noqa: E402
from webform.config import TestConfig  # noqa: E402
from webform.extensions import db  # noqa: E402
from webform.models.staff import StaffRole  # noqa: E402

TARGET_P95_MS = 300.0
PER_CONVERSATION = 5
START = dt.datetime(2026, 9, 1, tzinfo=dt.UTC).timestamp()
TEXTS = [
    "Gibt es Geld für unseren Sportverein?", "Wie lange dauert das mit dem Antrag",
    "kann ich das später machen",
    "Was ist mit Nachbarschaftsprojekten in Moabit", "Wir wollen einen Garten für alle bauen",
    "how much can we get for a youth club", "who decides about the money", "is there a deadline this year",
    "Brauchen wir einen Eigenanteil?", "Mail an info@kiezverein.de oder 030 1234567",
]


def conversation(n: int, started: float) -> list[dict[str, object]]:
    """One conversation of PER_CONVERSATION turns, as Rasa stores them."""
    events: list[dict[str, object]] = [te.action("action_session_start", started)]
    language = "en" if n % 3 == 0 else "de"
    for turn in range(PER_CONVERSATION):
        at = started + turn * 30
        index = n * PER_CONVERSATION + turn
        text = f"{TEXTS[index % len(TEXTS)]} {n}" if index % 7 else TEXTS[index % len(TEXTS)]
        if index % 5 == 0:
            events += [te.user(text, "nlu_fallback", 0.42, at, ranking=[("find_programme", 0.42)],
                               language=language),
                       te.action("action_handle_fallback", at + 1),
                       te.bot("Sorry, I didn't understand that.", at + 2)]
        elif index % 10 == 1:
            events += [te.user(text, "ask_programme_amount", 0.6, at,
                               ranking=[("ask_programme_duration", 0.55)], language=language),
                       te.action("action_programme_info", at + 1), te.bot(f"Answer {index}", at + 2)]
        else:
            events += [te.user(text, "inform", 0.97, at, language=language), te.action("draft_form", at + 1),
                       te.bot(f"Question {index}", at + 2)]
        if turn == 2:
            events.append(te.slot("contact_name", f"Person {n}", at + 3))
        events.append(te.action("action_listen", at + 4))
    return events


def fill(store: te.sa.Engine, messages: int) -> int:
    conversations = messages // PER_CONVERSATION
    rows: list[dict[str, object]] = []
    for n in range(conversations):
        rows += te.rows(f"bench-{n}", conversation(n, START + n * 3600))
    with store.begin() as connection:
        connection.execute(te.EVENTS.insert(), rows)
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--renders", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-inbox-") as tmp:
        store_url = f"sqlite:///{Path(tmp) / 'rasa-tracker.db'}"
        store = te.create_store(store_url)
        events = fill(store, args.messages)
        app = create_app(TestConfig, TRACKER_DATABASE_URL=store_url,
                         SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(tmp) / 'webform.db'}")
        with app.app_context():
            db.create_all()
            repository.create_staff("maintainer", STAFF_PASSWORD, StaffRole.MAINTAINER)
            client = app.test_client()
            client.get("/staff/login?lang=en")
            assert login(client, "maintainer").status_code == 302

            cpu: list[float] = []

            def render(path: str) -> tuple[float, str]:
                began, began_cpu = time.perf_counter(), time.thread_time()
                response = client.get(path)
                took = (time.perf_counter() - began) * 1000
                cpu.append((time.thread_time() - began_cpu) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{path} answered {response.status_code}")
                return took, response.get_data(as_text=True)

            first, page = render("/staff/maintain/inbox")
            found = page.split(" messages found.")[0].rsplit(">", 1)[-1].strip()
            queries = ["", "?language=de", "?language=en&page=3", "?intent=find_programme",
                       "?from=2026-09-10&to=2026-10-10", "?reason=unsure&page=2", "?page=20"]
            times = []
            for i in range(args.renders):
                if i % 10 == 9:
                    n = args.messages // PER_CONVERSATION + i
                    te.write(store, f"bench-new-{i}", conversation(n, START + n * 3600))
                took, _page = render(f"/staff/maintain/inbox{queries[i % len(queries)]}")
                times.append(took)
            groups, _page = render("/staff/maintain/groups")
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    inbox_cpu = sorted(cpu[1:-1])
    print(f"store: {args.messages} user messages in {events} events; inbox lists {found} misunderstood")
    print(f"inbox, first render (reads the whole store): {first:.0f} ms")
    print(f"inbox, {len(times)} renders (filters, pages, a new conversation every 10th): "
          f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms "
          f"(target p95 ≤ {TARGET_P95_MS:.0f} ms)")
    print(f"  CPU time of this thread per render: p50 {statistics.median(inbox_cpu):.1f} ms, "
          f"p95 {inbox_cpu[int(len(inbox_cpu) * 0.95) - 1]:.1f} ms (what the machine's load does not change)")
    print(f"groups page (groups every unlabelled misunderstood message): {groups:.0f} ms")
    return 0 if p95 <= TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
