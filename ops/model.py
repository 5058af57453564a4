"""The Rasa model: named by a fingerprint of everything that shapes it, trained only when missing.

`python -m ops.model path` prints the model file for the current sources;
`python -m ops.model ensure` trains it if it does not exist yet (and reuses it otherwise);
`python -m ops.model finetune` makes it by finetuning the newest earlier model (`make finetune`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "models"
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
# Everything that changes what `rasa train` produces. The custom NLU components in bot/nlu and
# the catalogue (entity patterns are generated from it) count as much as the training data.
MODEL_INPUTS = (
    "config.yml",
    "domain",
    "data",
    "bot/nlu",
    "programmes/catalogue",
    "requirements/rasa.lock",
)
KEEP_MODELS = 3
# `make finetune`: the share of DIET's configured epochs it trains (0.2 of 200 = 40; BENCHMARKS.md).
FINETUNE_EPOCH_FRACTION = 0.2
# Models are also kept per fingerprint outside the checkout, so a fresh clone of the same sources
# (CI, a second worktree) reuses a model instead of training an identical one again.
CACHE_DIR = Path(
    os.environ.get("KIEZLOTSE_MODEL_CACHE", Path.home() / ".cache" / "kiezlotse" / "models")
)


def _input_files() -> list[Path]:
    files: list[Path] = []
    for name in MODEL_INPUTS:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                p
                for p in path.rglob("*")
                if p.is_file()
                and "__pycache__" not in p.parts
                and p.suffix in {".yml", ".yaml", ".py", ".lock", ".json", ".txt"}
            )
    return sorted(files)


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in _input_files():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return MODELS_DIR / f"kiezlotse-{fingerprint()}.tar.gz"


def _prune_old_models(keep: Path) -> None:
    models = sorted(
        MODELS_DIR.glob("kiezlotse-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in [m for m in models if m != keep][KEEP_MODELS - 1 :]:
        old.unlink(missing_ok=True)


def _store_in_cache(model: Path) -> None:
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(model, CACHE_DIR / model.name)
    except OSError as error:  # a cache is an optimisation; never fail the build for it
        print(f"model: could not cache the model ({error})")


def ensure_trained() -> Path:
    target = model_path()
    if target.exists():
        print(f"model: up to date ({target.relative_to(ROOT)})")
        return target
    cached = CACHE_DIR / target.name
    if cached.exists():
        MODELS_DIR.mkdir(exist_ok=True)
        shutil.copyfile(cached, target)
        print(f"model: reused the identical model from {cached}")
        return target
    print(
        "model: training data, domain or config changed; training (a few minutes) ...", flush=True
    )
    _run_training(target, [])
    _prune_old_models(target)
    _store_in_cache(target)
    print(f"model: trained {target.relative_to(ROOT)}")
    return target


def _run_training(target: Path, extra: list[str]) -> None:
    """Runs `rasa train` (with `extra` arguments) into `target`; exits with the log's tail on failure."""
    MODELS_DIR.mkdir(exist_ok=True)
    log_dir = ROOT / "var" / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / "train.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
    command = [
        str(RASA),
        "train",
        "--domain",
        "domain",
        "--data",
        "data",
        "--config",
        "config.yml",
        "--out",
        str(MODELS_DIR),
        "--fixed-model-name",
        target.name.removesuffix(".tar.gz"),
        *extra,
    ]
    with log.open("w") as out:
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0 or not target.exists():
        tail = "".join(log.read_text(errors="replace").splitlines(keepends=True)[-15:])
        sys.exit(f"{tail}\nmodel: training failed; the full log is {log.relative_to(ROOT)}")


def finetune() -> Path:
    """The model for the current sources, made by continuing the newest model in models/ on the changed
    data for FINETUNE_EPOCH_FRACTION of the configured epochs (`rasa train --finetune`), instead of
    training from scratch. For a few new examples of existing intents; Rasa refuses it when the config,
    intents, entities or responses changed (then `make train`). Measured against a full training in
    BENCHMARKS.md ("Retraining"). A finetuned model is not stored in the shared model cache: the cache
    promises the model a full training of the same sources gives."""
    target = model_path()
    if target.exists():
        print(f"model: up to date ({target.relative_to(ROOT)})")
        return target
    models = sorted(MODELS_DIR.glob("kiezlotse-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    if not models:
        sys.exit("model: no earlier model to finetune; run `make train`")
    base = models[0]
    print(f"model: finetuning {base.relative_to(ROOT)} on the changed data ...", flush=True)
    _run_training(target, ["--finetune", str(base), "--epoch-fraction", f"{FINETUNE_EPOCH_FRACTION:g}"])
    _prune_old_models(target)
    print(f"model: finetuned {target.relative_to(ROOT)} from {base.name}")
    return target


def main(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else "ensure"
    if command == "path":
        print(model_path())
    elif command == "ensure":
        ensure_trained()
    elif command == "finetune":
        finetune()
    else:
        sys.exit("usage: python -m ops.model [path|ensure|finetune]")


if __name__ == "__main__":
    main(sys.argv)
