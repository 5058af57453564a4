"""Per-message time of the NLU's rule-based entity extraction (`EntityFinder.find`, bot/nlu/extractor.py).

    .venv-rasa/bin/python bench/bench_entities.py                   # this checkout
    .venv-rasa/bin/python bench/bench_entities.py --source DIR      # another tree (e.g. an exported revision)

Messages: every example of the held-out NLU sets (tests/nlu/{de,en}, entity marks removed) and every answer
of the numbers-and-dates table (tests/phrasings), each run by the finder of its language, in rounds after a
warm-up round, with today pinned and the readers' caches emptied before each round (real messages are
new). Prints mean, p50, p95 and max in milliseconds per message, by the wall clock and as the thread's CPU
time (which other processes on the machine do not inflate); the mean is the figure the conversation latency
budget counts.
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
    cpu: list[float] = []
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
                start, start_cpu = time.perf_counter(), time.thread_time()
                finder.find(text, TODAY)
                timings.append((time.perf_counter() - start) * 1000)
                cpu.append((time.thread_time() - start_cpu) * 1000)
    print(
        f"entity extraction, {counts['de']} German + {counts['en']} English messages × {args.rounds} rounds "
        f"({args.source}), ms per message:"
    )
    for name, values in (("wall clock", timings), ("CPU time  ", cpu)):
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))]
        print(
            f"  {name}  mean {statistics.fmean(values):.3f}  p50 {statistics.median(values):.3f}"
            f"  p95 {p95:.3f}  max {values[-1]:.3f}"
        )


if __name__ == "__main__":
    main()
