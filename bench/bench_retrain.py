"""Full training against Rasa's incremental training (finetuning) for "a few new examples": time and report.

    .venv-rasa/bin/python bench/bench_retrain.py [--base MODEL] [--epoch-fraction 0.2 ...]

Copies config.yml, domain/ and data/ into a temporary project, adds the examples of
bench/retrain_examples/<language>.yml (new examples for existing intents, as a maintainer adds them from
the inbox), then trains there once from scratch (`rasa train`, what `make train` runs) and once per epoch
fraction with `rasa train --finetune BASE --epoch-fraction F` from the current model (`make train`'s
model of the unchanged data). Prints the wall time of each training and the intent and entity macro-F1
per language of the evaluation report (bot/evaluation) for the base model and each new one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluation.report import LANGUAGES, build_report  # noqa: E402

RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
EXAMPLES = ROOT / "bench" / "retrain_examples"


def _project(directory: Path) -> None:
    shutil.copy(ROOT / "config.yml", directory / "config.yml")
    shutil.copytree(ROOT / "domain", directory / "domain")
    shutil.copytree(ROOT / "data", directory / "data")
    for language in LANGUAGES:
        target = directory / "data" / "nlu" / language / "bench_new_examples.yml"
        shutil.copy(EXAMPLES / f"{language}.yml", target)


def _train(directory: Path, name: str, extra: list[str]) -> tuple[Path, float]:
    command = [
        str(RASA), "train", "--domain", "domain", "--data", "data", "--config", "config.yml",
        "--out", "models", "--fixed-model-name", name, *extra,
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
    started = time.perf_counter()
    with (directory / f"{name}.log").open("w") as log:
        result = subprocess.run(command, cwd=directory, env=env, stdout=log, stderr=subprocess.STDOUT)
    elapsed = time.perf_counter() - started
    model = directory / "models" / f"{name}.tar.gz"
    if result.returncode != 0 or not model.exists():
        tail = (directory / f"{name}.log").read_text(errors="replace").splitlines()[-15:]
        raise SystemExit(f"{name}: training failed\n" + "\n".join(tail))
    return model, elapsed


def _scores(model: Path) -> dict[str, tuple[float, float]]:
    from bot.evaluate_nlu import load_examples, parse_messages

    report = build_report(
        {language: load_examples(language) for language in LANGUAGES},
        lambda texts: parse_messages(str(model), texts),
        model.name,
    )
    return {
        language: (section["intent_macro_f1"], section["entity_macro_f1"])
        for language, section in report["languages"].items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=Path, help="model to finetune (default: make train's current model)")
    parser.add_argument("--epoch-fraction", type=float, nargs="+", default=[0.2])
    parser.add_argument("--keep", type=Path, help="keep the temporary project (logs, models) here")
    args = parser.parse_args()
    if args.base is None:
        from ops.model import model_path

        args.base = model_path()
    if not args.base.exists():
        print(f"no model at {args.base}: run `make train` first", file=sys.stderr)
        return 2
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    rows: list[tuple[str, float | None, Path]] = [("base model (unchanged data)", None, args.base)]
    with tempfile.TemporaryDirectory() as temporary:
        directory = args.keep or Path(temporary)
        directory.mkdir(parents=True, exist_ok=True)
        _project(directory)
        model, seconds = _train(directory, "full", [])
        rows.append(("full training (rasa train)", seconds, model))
        print(f"full training: {seconds:.0f} s", flush=True)
        for fraction in args.epoch_fraction:
            name = f"finetune-{fraction:g}"
            extra = ["--finetune", str(args.base.resolve()), "--epoch-fraction", f"{fraction:g}"]
            model, seconds = _train(directory, name, extra)
            rows.append((f"finetune, epoch fraction {fraction:g}", seconds, model))
            print(f"{name}: {seconds:.0f} s", flush=True)
        import logging

        import structlog

        logging.disable(logging.WARNING)
        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
        print("\n| model | training time | intent macro-F1 de / en | entity macro-F1 de / en |")
        print("|---|---|---|---|")
        for label, seconds, model in rows:
            scores = _scores(model)
            intents = " / ".join(f"{scores[lang][0]:.3f}" for lang in LANGUAGES)
            entities = " / ".join(f"{scores[lang][1]:.3f}" for lang in LANGUAGES)
            took = "–" if seconds is None else f"{seconds:.0f} s"
            print(f"| {label} | {took} | {intents} | {entities} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
