"""`make finetune` (ops.model.finetune): continues the newest earlier model into the current model's file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ops import model


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "models"
    directory.mkdir()
    monkeypatch.setattr(model, "ROOT", tmp_path)
    monkeypatch.setattr(model, "MODELS_DIR", directory)
    monkeypatch.setattr(model, "model_path", lambda: directory / "kiezlotse-new.tar.gz")
    return directory


def test_finetuning_starts_from_the_newest_model(models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for age, name in ((200, "kiezlotse-old.tar.gz"), (100, "kiezlotse-newer.tar.gz")):
        (models / name).write_bytes(b"model")
        os.utime(models / name, (1_000_000 - age, 1_000_000 - age))
    calls: list[tuple[Path, list[str]]] = []

    def train(target: Path, extra: list[str]) -> None:
        calls.append((target, extra))
        target.write_bytes(b"finetuned")

    monkeypatch.setattr(model, "_run_training", train)
    assert model.finetune() == models / "kiezlotse-new.tar.gz"
    assert calls == [(
        models / "kiezlotse-new.tar.gz",
        ["--finetune", str(models / "kiezlotse-newer.tar.gz"), "--epoch-fraction", "0.2"],
    )]


def test_an_existing_model_is_kept_and_no_model_means_train_first(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model, "_run_training", lambda target, extra: pytest.fail("trained"))
    with pytest.raises(SystemExit, match="run `make train`"):
        model.finetune()
    (models / "kiezlotse-new.tar.gz").write_bytes(b"model")
    assert model.finetune() == models / "kiezlotse-new.tar.gz"
