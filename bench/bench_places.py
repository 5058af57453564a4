"""What the place gazetteer costs: loading it, building the entity extractor, finding a message's places.

    .venv-rasa/bin/python bench/bench_places.py                 # this checkout
    .venv-rasa/bin/python bench/bench_places.py --root DIR      # another checkout of the code, to compare

Messages: every example of data/nlu and tests/nlu in both languages (annotations removed), each found
--rounds times. Prints the build time of `EntityFinder` per language (imports and the catalogue excluded;
the place gazetteer, where the code has one, is loaded before and printed on its own), p50/p95/mean per
message, and the time spent finding places (`programmes.places.find_places`) alone.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ANNOTATION = re.compile(r"\[([^\]]*)\]\{[^}]*\}|\[([^\]]*)\]\([^)]*\)")


def examples(root: Path, language: str) -> list[str]:
    texts: list[str] = []
    for folder in (root / "data" / "nlu" / language, root / "tests" / "nlu" / language):
        for path in sorted(folder.glob("*.yml")):
            for line in path.read_text(encoding="utf-8").splitlines():
                found = re.match(r"\s+- (.+)$", line)
                if found and not found.group(1).startswith(("intent:", "synonym:", "regex:", "lookup:")):
                    texts.append(ANNOTATION.sub(lambda m: m.group(1) or m.group(2) or "", found.group(1)))
    return texts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(args.root))

    from bot.nlu.extractor import EntityFinder  # from --root, hence here
    from programmes.catalogue import default_catalogue

    started = time.perf_counter()
    default_catalogue()  # read by both versions; not part of either's cost
    print(f"catalogue loaded in {1000 * (time.perf_counter() - started):.0f} ms")
    try:
        from programmes import places
    except ImportError:
        places = None
    if places is not None:
        started = time.perf_counter()
        places.gazetteer()
        print(f"place gazetteer loaded in {1000 * (time.perf_counter() - started):.0f} ms")

    for language in ("de", "en"):
        started = time.perf_counter()
        finder = EntityFinder(language)
        build_ms = 1000 * (time.perf_counter() - started)
        texts = examples(args.root, language)
        finder.find(texts[0])  # first call warms spaCy's caches
        per_message: list[float] = []
        for _ in range(args.rounds):
            for text in texts:
                started = time.perf_counter()
                finder.find(text)
                per_message.append(1000 * (time.perf_counter() - started))
        line = (
            f"{language}: build {build_ms:.0f} ms; {len(texts)} messages × {args.rounds}: "
            f"p50 {statistics.median(per_message):.3f} ms, p95 {percentile(per_message, 0.95):.3f} ms, "
            f"mean {statistics.fmean(per_message):.3f} ms"
        )
        if places is not None:
            timings: list[float] = []
            for text in texts:
                started = time.perf_counter()
                places.find_places(text)
                timings.append(1000 * (time.perf_counter() - started))
            p95, mean = percentile(timings, 0.95), statistics.fmean(timings)
            line += f"; places alone p95 {p95:.3f} ms, mean {mean:.3f} ms"
        print(line)


if __name__ == "__main__":
    main()
