"""Every phrase the entity extractor knows, with its entity type and normalised value.

Programme names come from the catalogue (id, short name, names, aliases), district names from the
catalogue's district gazetteer (`programmes.districts.gazetteer`), everything else from `lexicon`.
German cities are not phrases: `programmes.places` finds them with its own rules (cue words, common words,
compounds), and a city implies its state from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.nlu import lexicon
from bot.nlu.text import fold, token_norm, tokenize
from programmes.answers import DRAFT_FIELDS
from programmes.catalogue import default_catalogue
from programmes.districts import gazetteer as district_gazetteer
from programmes.places import city_named

# Names that are also everyday words: recognised only after a cue word ("in Mitte", "aus Wedding")
# or as a whole answer ("Mitte"), never by typo tolerance. "Mitte März" is a date, "Buch" a book.
AMBIGUOUS_DISTRICT_NAMES = frozenset(fold(n) for n in ("Mitte", "Buch", "Westend", "Wedding", "Rosenthal"))
DISTRICT_CUES = [
    "in",
    "im",
    "aus",
    "nach",
    "von",
    "from",
    "bezirk",
    "district",
    "berlin",
    "borough",
    "ortsteil",
]

# Types whose phrases are worth typo tolerance (a typo there changes the recommendation).
FUZZY_LABELS = frozenset(
    {"district", "programme", "organisation_type", "legal_form", "lsi_type", "state"}
)
# Which type wins when two lists share a phrase (earlier wins).
PRIORITY = (
    "legal_form",
    "lsi_type",
    "programme",
    "district",
    "state",
    "organisation_type",
    "target_group",
    "goal",
    "field",
    "language",
)


@dataclass(frozen=True)
class Phrase:
    label: str
    value: str
    text: str


def _spelling_variants(text: str) -> set[str]:
    """ "Berlin-Mitte" is also written "Berlin Mitte" and the other way round."""
    variants = {text, re.sub(r"\s*[-–]\s*", " ", text)}
    if 1 < len(text.split()) <= 3:
        variants.add(text.replace(" ", "-"))
    return {v.strip() for v in variants if v.strip()}


def _programme_phrases() -> list[Phrase]:
    lsi_type_keys = {fold(p) for phrases in lexicon.LSI_TYPES.values() for p in phrases}
    phrases: list[Phrase] = []
    for programme in default_catalogue().programmes.values():
        names = {programme.id, programme.short_name, programme.name.de, programme.name.en, *programme.aliases}
        names |= {re.sub(r"\s*\(.*\)\s*$", "", name) for name in names}  # "Lokal-Sozial-Innovativ (LSI)"
        for name in names:
            if fold(name) in lsi_type_keys:  # "Mikroprojekte" is LSI type A (which implies LSI)
                continue
            phrases += [Phrase("programme", programme.id, v) for v in _spelling_variants(name)]
    return phrases


def _district_phrases() -> list[Phrase]:
    return [
        Phrase("district", bezirk, variant)
        for name, bezirk in district_gazetteer().items()
        for variant in _spelling_variants(name)
    ]


def _lexicon_phrases() -> list[Phrase]:
    phrases = [Phrase("legal_form", value, text) for text, (value, _) in lexicon.LEGAL_FORMS.items()]
    phrases += [Phrase("lsi_type", value, t) for value, texts in lexicon.LSI_TYPES.items() for t in texts]
    phrases += [Phrase("state", code, text) for text, code in lexicon.STATE_NAMES.items()]
    phrases += [Phrase("state", code, text) for text, code in lexicon.STATE_CODES.items()]
    for label, table in (
        ("organisation_type", lexicon.ORGANISATION_TYPES),
        ("target_group", lexicon.TARGET_GROUPS),
        ("goal", lexicon.GOALS),
        ("field", lexicon.FIELDS),
        ("language", lexicon.LANGUAGE_NAMES),
    ):
        phrases += [Phrase(label, value, text) for value, texts in table.items() for text in texts]
    # Every draft field by the name people read on its "Change" button ("Ändern: Organisation").
    phrases += [
        Phrase("field", field.name, name)
        for field in DRAFT_FIELDS
        for name in (field.label.de, field.label.en)
    ]
    return phrases


@lru_cache(maxsize=1)
def phrases() -> tuple[Phrase, ...]:
    """All phrases, one per folded spelling; on a clash the type earlier in PRIORITY wins."""
    chosen: dict[str, Phrase] = {}
    candidates = _programme_phrases() + _district_phrases() + _lexicon_phrases()
    for phrase in sorted(candidates, key=lambda p: PRIORITY.index(p.label)):
        norms = " ".join(token_norm(piece.text) for piece in tokenize(phrase.text))
        chosen.setdefault(norms + "|" + phrase.text if is_short(phrase.text) else norms, phrase)
    return tuple(chosen.values())


def is_short(text: str) -> bool:
    """Short phrases ("AG", "eG", "QM", "NRW") are matched case-sensitively: "e.g." is no cooperative."""
    return len(fold(text)) <= 3


def implied_by(label: str, value: str) -> list[tuple[str, str]]:
    """Entities a recognised entity implies: a legal form its organisation type, a city its state,
    a Berlin district the city and state, an LSI type the programme."""
    if label == "legal_form":
        implied = next((t for v, t in lexicon.LEGAL_FORMS.values() if v == value and t), None)
        return [("organisation_type", implied)] if implied else []
    if label == "city":
        city = city_named(value)
        return [("state", city.state)] if city else []
    if label == "district":
        return [("city", "Berlin"), ("state", "BE")]
    if label == "lsi_type":
        return [("programme", "lsi")]
    return []
