"""Labelled messages as Rasa NLU training data (YAML, format 3.1), one file per language.

Only messages labelled with an intent are exported ("noise" is not); every example once, and none that the
NLU data already has (any file under data/nlu except the export's own file), compared after folding case,
accents and punctuation (triage.fold). A wording labelled with two different intents is left out and
reported: the maintainers must settle it first. Masked parts become harmless example values, so the model
learns the sentence and no placeholder. The entities of a labelled message (webform.inbox.entities) are
written as Rasa's annotations, `[Kreuzberg]{"entity": "district", "value": "Friedrichshain-Kreuzberg"}`
or `[Verein](organisation_type)`; an example Rasa would not read back as these entities (brackets in
the text) is left out and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from programmes.personal_data import EMAIL_MASK, NAME_MASK, PHONE_MASK
from webform.inbox.entities import Span, annotated_example
from webform.inbox.triage import fold

EXPORT_FILE = "inbox_labelled.yml"
STAND_INS = {
    "de": {EMAIL_MASK: "info@beispiel.de", PHONE_MASK: "030 1234567", NAME_MASK: "Alex Beispiel"},
    "en": {EMAIL_MASK: "info@example.org", PHONE_MASK: "030 1234567", NAME_MASK: "Alex Example"},
}
# Rasa reads "[text](entity)" and "[text]{...}" inside an example as an entity annotation.
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Labelled:
    """A labelled message: its masked text, the intent a maintainer gave it, and its entities (spans of
    the masked text)."""

    text: str
    intent: str
    entities: tuple[Span, ...] = ()


@dataclass
class Export:
    """The YAML text, how many examples it holds, how many labelled wordings the NLU data already had,
    the wordings left out because they were given different intents, and those left out because their
    entity annotations could not be written."""

    yaml: str
    examples: int
    already_known: int
    conflicts: list[str] = field(default_factory=list)
    unwritable: list[str] = field(default_factory=list)


def known_examples(nlu_dir: Path, skip: Path | None = None) -> set[str]:
    """Every example of the NLU data under `nlu_dir` (all languages), folded, annotations read as text."""
    known: set[str] = set()
    for path in sorted(nlu_dir.rglob("*.yml")):
        if skip is not None and path.resolve() == skip.resolve():
            continue
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in content.get("nlu") or []:
            examples = item.get("examples") if isinstance(item, dict) else None
            if not isinstance(examples, str):
                continue
            for line in examples.splitlines():
                line = line.strip()
                if line.startswith("- "):
                    known.add(fold(_ANNOTATION.sub(r"\1", line[2:])))
    return known


def stand_ins(language: str) -> dict[str, str]:
    """Placeholder of a masked part → the harmless example value written in its place."""
    return STAND_INS.get(language, STAND_INS["en"])


def training_text(masked: str, language: str) -> str:
    """The masked text with stand-in values for the masked parts, on one line."""
    text = masked
    for placeholder, value in stand_ins(language).items():
        text = text.replace(placeholder, value)
    return " ".join(text.split())


def export(labelled: Iterable[Labelled], language: str, known: set[str]) -> Export:
    """The NLU YAML for `language` from the labelled messages, without what `known` already holds."""
    intents_of: dict[str, set[str]] = {}
    first_text: dict[str, str] = {}
    first_plain: dict[str, str] = {}
    unwritable: list[str] = []
    for item in labelled:
        made = annotated_example(item.text, item.entities, stand_ins(language))
        if made is None:
            unwritable.append(training_text(item.text, language))
            continue
        plain, annotated = made
        key = fold(plain)
        if not key or plain.startswith("/"):
            continue
        intents_of.setdefault(key, set()).add(item.intent)
        first_text.setdefault(key, annotated)
        first_plain.setdefault(key, plain)
    by_intent: dict[str, list[str]] = {}
    conflicts: list[str] = []
    already = 0
    for key, intents in intents_of.items():
        if len(intents) > 1:
            conflicts.append(first_plain[key])
        elif key in known:
            already += 1
        else:
            by_intent.setdefault(next(iter(intents)), []).append(first_text[key])
    lines = [
        'version: "3.1"',
        f"# Messages from real conversations, labelled in the maintainers' inbox ({language}).",
        f'# Written by `make flask ARGS="export-nlu --lang {language}"`; edit labels there, not here.',
        "nlu:" if by_intent else "nlu: []",
    ]
    for intent in sorted(by_intent):
        lines += [f"  - intent: {intent}", "    examples: |"]
        lines += [f"      - {text}" for text in sorted(by_intent[intent], key=str.casefold)]
    examples = sum(len(texts) for texts in by_intent.values())
    return Export("\n".join(lines) + "\n", examples, already, sorted(conflicts), sorted(set(unwritable)))


def export_for(nlu_dir: Path, language: str, labelled: Iterable[Labelled]) -> Export:
    """The export for `language` against the NLU data under `nlu_dir`, leaving out the export's own file
    (data/nlu/<language>/inbox_labelled.yml), so exporting again gives the same file."""
    return export(labelled, language, known_examples(nlu_dir, skip=nlu_dir / language / EXPORT_FILE))
