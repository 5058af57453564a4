"""Latency of one user message through the REST channel, with concurrent conversations.

Each conversation sends a short scripted guidance dialogue; every message goes through the Rasa
server, the action server and the form service. Reports p50/p95/max per message.

    .venv/bin/python bench/bench_conversation.py --rasa-url http://localhost:5005 --conversations 10
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

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


def _send(url: str, sender: str, text: str, language: str) -> float:
    body = json.dumps({"sender": sender, "message": text, "metadata": {"language": language}})
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _conversation(url: str, index: int, rounds: int) -> list[float]:
    language = "de" if index % 2 == 0 else "en"
    timings = []
    for _ in range(rounds):
        sender = f"bench-{uuid.uuid4().hex[:10]}"
        for text in SCRIPTS[language]:
            timings.append(_send(url, sender, text, language))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa-url", default="http://localhost:5005")
    parser.add_argument("--conversations", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=4, help="conversations each client runs")
    args = parser.parse_args()
    url = args.rasa_url.rstrip("/") + "/webhooks/rest/webhook"
    _send(url, "bench-warmup", "Hallo", "de")  # the first message loads lazily-built parts
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.conversations) as pool:
        results = pool.map(lambda i: _conversation(url, i, args.rounds), range(args.conversations))
        timings = sorted(t for result in results for t in result)
    elapsed = time.perf_counter() - started
    p95 = timings[int(0.95 * (len(timings) - 1))]
    p50 = statistics.median(timings)
    print(
        f"conversation: {len(timings)} messages, {args.conversations} concurrent conversations, "
        f"{len(timings) / elapsed:.1f} messages/s; per message p50 {p50:.0f} ms, "
        f"p95 {p95:.0f} ms, max {timings[-1]:.0f} ms (target p95 <= 150 ms)"
    )


if __name__ == "__main__":
    main()
