"""A reviewed conversation as a case of the conversation suite (format: tests/conversations/README.md).

The person's messages become the steps, in order, masked (stand-in values for the masked parts, as in
the NLU export). A message a maintainer labelled with an intent gets a check: the assistant must no
longer answer it with its "did not understand" message (actions/messages.yml, `fallback_rephrase` and
`fallback_offer_human`, in the conversation's language). Messages labelled "noise" are sent without a
check. Button payloads ("/affirm") are sent as they were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from webform.inbox.nlu_export import training_text
from webform.models.labels import NOISE

FALLBACK_KEYS = ("fallback_rephrase", "fallback_offer_human")
GUIDANCE_MESSAGES = Path(__file__).resolve().parents[2] / "actions" / "messages.yml"


@dataclass(frozen=True)
class Step:
    """A message the person sent (masked) and, when labelled, the intent it was given."""

    event_id: int
    text: str
    label: str | None


def fallback_openings(language: str, messages_file: Path = GUIDANCE_MESSAGES) -> list[str]:
    """The first sentence of each "did not understand" message in `language`: enough to recognise it,
    and stable when the examples after it change."""
    texts = yaml.safe_load(messages_file.read_text(encoding="utf-8")) or {}
    openings = []
    for key in FALLBACK_KEYS:
        said = (texts.get(key) or {}).get(language)
        if isinstance(said, str) and said:
            openings.append(said.split(". ")[0].split("? ")[0].rstrip(".?!"))
    return openings


def case(name: str, language: str, steps: Sequence[Step], openings: Sequence[str]) -> dict[str, object]:
    """One conversation of the suite as a mapping (see the module docstring)."""
    written: list[object] = []
    for step in steps:
        text = step.text if step.text.startswith("/") else training_text(step.text, language)
        if step.label and step.label != NOISE and openings:
            written.append({"say": text, "expect": {"not_contains": list(openings)}})
        else:
            written.append(text)
    return {"name": name, "lang": language, "author": "team", "steps": written}


def suite_yaml(cases: Sequence[Mapping[str, object]]) -> str:
    """The YAML file of the suite with these cases."""
    return yaml.safe_dump({"conversations": list(cases)}, allow_unicode=True, sort_keys=False, width=110)
