"""The intents a maintainer may assign and the entity types a maintainer may mark: those the domain declares
(domain/*.yml), read once per folder."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from webform.inbox.triage import FALLBACK_INTENT

# Set by the assistant itself, never learnt from examples (domain/nlu.yml: OtherLanguageGuard).
NOT_LEARNT = frozenset({FALLBACK_INTENT, "other_language"})


def _declared(domain_dir: str, key: str) -> set[str]:
    """The names listed under `key` in the domain files; an item may be a name or a mapping
    {name: {options}}."""
    found: set[str] = set()
    for path in sorted(Path(domain_dir).glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in content.get(key) or []:
            if isinstance(item, str):
                found.add(item)
            elif isinstance(item, dict):
                found.update(str(name) for name in item)
    return found


@lru_cache(maxsize=4)
def domain_intents(domain_dir: str) -> tuple[str, ...]:
    """Every intent of the domain files in `domain_dir`, sorted, without those that are not learnt from
    examples."""
    return tuple(sorted(_declared(domain_dir, "intents") - NOT_LEARNT))


@lru_cache(maxsize=4)
def domain_entities(domain_dir: str) -> tuple[str, ...]:
    """Every entity type of the domain files in `domain_dir`, sorted."""
    return tuple(sorted(_declared(domain_dir, "entities")))
