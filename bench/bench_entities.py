"""Per-message time of the NLU's rule-based entity extraction (`EntityFinder.find`, bot/nlu/extractor.py).

    .venv-rasa/bin/python bench/bench_entities.py                   # this checkout
    .venv-rasa/bin/python bench/bench_entities.py --source DIR      # another tree (e.g. an exported revision)

Messages: every example of the held-out NLU sets (tests/nlu/{de,en}, entity marks removed) and every answer
of the numbers-and-dates table (tests/phrasings), each run by the finder of its language, in rounds after a
warm-up round, with today pinned and the readers' caches emptied before each round (real messages are
new). Prints mean, p50, p95 and max in milliseconds per message; the mean is the figure the conversation
latency budget counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
_MARKS = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def messages(lang: str) -> list[str]:
    found: list[str] = []
    for path in sorted((ROOT / "tests" / "nlu" / lang).glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("      - "):
                found.append(_MARKS.sub(r"\1", line[8:].strip()))
    table = ROOT / "tests" / "phrasings" / "numbers_and_dates.tsv"
    for line in table.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) == 5 and fields[0] == lang:
            found.append(fields[2])
    return found


def clear_caches() -> None:
    """Forget what the readers cached, so every timed message is read as if it were new."""
    for name, module in list(sys.modules.items()):
        if name.startswith(("programmes.", "bot.")):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="tree whose bot/ and programmes/ to time")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(args.source.resolve()))
    from bot.nlu.extractor import EntityFinder

    timings: list[float] = []
    counts = {}
    for lang in ("de", "en"):
        finder = EntityFinder(lang)
        texts = messages(lang)
        counts[lang] = len(texts)
        for text in texts:  # warm-up: spaCy's vocabulary, the libraries' data
            finder.find(text, TODAY)
        for _ in range(args.rounds):
            clear_caches()
            for text in texts:
                start = time.perf_counter()
                finder.find(text, TODAY)
                timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    mean, p50, most = statistics.fmean(timings), statistics.median(timings), timings[-1]
    print(
        f"entity extraction, {counts['de']} German + {counts['en']} English messages × {args.rounds} rounds "
        f"({args.source}):\n  mean {mean:.3f} ms  p50 {p50:.3f} ms  p95 {p95:.3f} ms  max {most:.3f} ms"
        " per message"
    )


if __name__ == "__main__":
    main()
