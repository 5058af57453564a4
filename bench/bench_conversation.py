"""Latency of one user message through the REST channel while 10 people chat at the same time.

Each simulated person runs a scripted guidance dialogue (German or English): every message goes through
the Rasa server, the action server and the form service. After each answer the person pauses before
the next message (reads and types): a seeded random pause in --pause seconds, "1-4" by default, which
is faster than people type, so the load is on the heavy side. `--pause 0` sends back to back: a stress
figure for how many messages per second the stack can take, not a conversation.

    .venv/bin/python bench/bench_conversation.py --rasa-url http://localhost:5005 --conversations 10
    .venv/bin/python bench/bench_conversation.py --rasa-url http://localhost:5005 --pause 0
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

TARGET_P95_MS = 150

SCRIPTS = {
    "de": [
        "Hallo",
        "Wir sind ein kleiner Verein in Neukölln und wollen ein Nachbarschaftscafé mit "
        "Langzeitarbeitslosen aufbauen",
        "Was kannst du?",
        "Wer darf LSI beantragen?",
        "danke, tschüss",
    ],
    "en": [
        "Hello",
        "We're a start-up in Kreuzberg, can we get money to hire people?",
        "what can you do?",
        "how much money can we get from LSI?",
        "thanks, bye",
    ],
}


@dataclass(frozen=True)
class Pause:
    low_s: float
    high_s: float

    @classmethod
    def parse(cls, text: str) -> Pause:
        low, _, high = text.partition("-")
        return cls(float(low), float(high or low))

    def draw(self, rng: random.Random) -> float:
        return rng.uniform(self.low_s, self.high_s)


def _send(url: str, sender: str, text: str, language: str) -> float:
    body = json.dumps({"sender": sender, "message": text, "metadata": {"language": language}})
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _person(url: str, index: int, rounds: int, pause: Pause, seed: int) -> list[float]:
    language = "de" if index % 2 == 0 else "en"
    rng = random.Random(seed * 1000 + index)
    time.sleep(pause.draw(rng) * rng.random())  # people do not all start in the same second
    timings = []
    for _ in range(rounds):
        sender = f"bench-{uuid.uuid4().hex[:10]}"
        for text in SCRIPTS[language]:
            timings.append(_send(url, sender, text, language))
            time.sleep(pause.draw(rng))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa-url", default="http://localhost:5005")
    parser.add_argument("--conversations", type=int, default=10, help="people chatting at once")
    parser.add_argument("--rounds", type=int, default=4, help="conversations each person has")
    parser.add_argument("--pause", type=Pause.parse, default=Pause(1, 4), help="seconds, e.g. 1-4 or 0")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    url = args.rasa_url.rstrip("/") + "/webhooks/rest/webhook"
    # The first messages a Rasa worker handles build lazily-loaded parts; each request opens a new
    # connection and lands on any worker, so warm up with a few whole conversations.
    for round_ in range(3):
        for language, script in SCRIPTS.items():
            for text in script:
                _send(url, f"bench-warmup-{language}-{round_}", text, language)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.conversations) as pool:
        results = pool.map(
            lambda i: _person(url, i, args.rounds, args.pause, args.seed), range(args.conversations)
        )
        timings = sorted(t for result in results for t in result)
    elapsed = time.perf_counter() - started
    p95 = timings[int(0.95 * (len(timings) - 1))]
    pause = f"{args.pause.low_s:g}-{args.pause.high_s:g} s" if args.pause.high_s else "none"
    print(
        f"conversation: {len(timings)} messages from {args.conversations} people at once "
        f"(pause between messages {pause}), {len(timings) / elapsed:.1f} messages/s; per message "
        f"p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, max {timings[-1]:.0f} ms "
        f"(target p95 <= {TARGET_P95_MS} ms: {'met' if p95 <= TARGET_P95_MS else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
