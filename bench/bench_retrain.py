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
import resource
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
    shutil.copytree(ROOT / "domain", directory / "domain", dirs_exist_ok=True)
    shutil.copytree(ROOT / "data", directory / "data", dirs_exist_ok=True)
    for language in LANGUAGES:
        target = directory / "data" / "nlu" / language / "bench_new_examples.yml"
        shutil.copy(EXAMPLES / f"{language}.yml", target)


def _finetuned(fraction: float) -> str:
    return f"finetune-{round(fraction * 100)}pct"  # no dot: Rasa cuts a model's name at its last dot


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _train(directory: Path, name: str, extra: list[str]) -> tuple[Path, float, float]:
    """Trains in `directory`; returns the model, the wall time and the CPU time (user + system) in s.
    `name` has no dot: Rasa would cut the model's name there."""
    command = [
        str(RASA), "train", "--domain", "domain", "--data", "data", "--config", "config.yml",
        "--out", "models", "--fixed-model-name", name, *extra,
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
    started, cpu = time.perf_counter(), _cpu_seconds()
    with (directory / f"{name}.log").open("w") as log:
        result = subprocess.run(command, cwd=directory, env=env, stdout=log, stderr=subprocess.STDOUT)
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    model = directory / "models" / f"{name}.tar.gz"
    if result.returncode != 0 or not model.exists():
        tail = (directory / f"{name}.log").read_text(errors="replace").splitlines()[-15:]
        raise SystemExit(f"{name}: training failed\n" + "\n".join(tail))
    return model, elapsed, cpu


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
    parser.add_argument(
        "--steps", nargs="*", choices=("full", "finetune"), default=["full", "finetune"],
        help="run only some trainings, or none (with --keep, a later run scores the models trained before)",
    )
    args = parser.parse_args()
    if args.base is None:
        from ops.model import model_path

        args.base = model_path()
    if not args.base.exists() and "finetune" in args.steps:
        print(f"no model at {args.base}: run `make train` first", file=sys.stderr)
        return 2
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    rows: list[tuple[str, str, Path]] = []
    if args.base.exists():
        rows.append(("base model (unchanged data)", "–", args.base))
    with tempfile.TemporaryDirectory() as temporary:
        directory = args.keep or Path(temporary)
        directory.mkdir(parents=True, exist_ok=True)
        _project(directory)
        trainings: list[tuple[str, list[str]]] = [("full", [])] if "full" in args.steps else []
        if "finetune" in args.steps:
            trainings += [
                (_finetuned(f), ["--finetune", str(args.base.resolve()), "--epoch-fraction", f"{f:g}"])
                for f in args.epoch_fraction
            ]
        for name, extra in trainings:
            model, seconds, cpu = _train(directory, name, extra)
            took = f"{seconds:.0f} s (CPU {cpu:.0f} s)"
            (directory / f"{name}.time").write_text(took)
            print(f"{name}: {took}", flush=True)
        for name, label in [("full", "full training (rasa train)")] + [
            (_finetuned(f), f"finetune, epoch fraction {f:g}") for f in args.epoch_fraction
        ]:
            model = directory / "models" / f"{name}.tar.gz"
            if model.exists():
                timing = directory / f"{name}.time"
                rows.append((label, timing.read_text() if timing.exists() else "?", model))
        import logging

        import structlog

        logging.disable(logging.WARNING)
        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
        print("\n| model | training time | intent macro-F1 de / en | entity macro-F1 de / en |")
        print("|---|---|---|---|")
        for label, took, model in rows:
            scores = _scores(model)
            intents = " / ".join(f"{scores[lang][0]:.3f}" for lang in LANGUAGES)
            entities = " / ".join(f"{scores[lang][1]:.3f}" for lang in LANGUAGES)
            print(f"| {label} | {took} | {intents} | {entities} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
