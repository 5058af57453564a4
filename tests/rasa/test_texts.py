"""Every text the assistant sends exists in German and English, with the same placeholders."""

from __future__ import annotations

import string
from pathlib import Path

import yaml

from actions.messages import messages

ROOT = Path(__file__).resolve().parents[2]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _domain_responses() -> dict[str, list[dict]]:
    responses: dict[str, list[dict]] = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        responses.update((yaml.safe_load(path.read_text()) or {}).get("responses") or {})
    return responses


def test_every_domain_response_has_a_german_and_an_english_variant() -> None:
    for name, variants in _domain_responses().items():
        languages = []
        for variant in variants:
            conditions = variant.get("condition") or []
            language = [c["value"] for c in conditions if c.get("name") == "language"]
            assert len(language) == 1, f"{name}: every variant needs exactly one language condition"
            languages.append(language[0])
        assert sorted(set(languages)) == ["de", "en"], f"{name} has variants for {languages}"
        by_language = {lang: [v for v in variants if lang in str(v.get("condition"))] for lang in ("de", "en")}
        assert _placeholders(by_language["de"][0]["text"]) == _placeholders(by_language["en"][0]["text"]), name


def test_every_action_text_has_german_and_english_with_the_same_placeholders() -> None:
    for key, texts in messages().items():
        assert set(texts) == {"de", "en"}, key
        assert texts["de"].strip() and texts["en"].strip(), key
        assert _placeholders(texts["de"]) == _placeholders(texts["en"]), key
