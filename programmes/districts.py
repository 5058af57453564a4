"""Berlin district names: official Bezirk names from official names, Ortsteile and common aliases."""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from programmes.catalogue import default_catalogue

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_DOTLESS = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
# A misspelt name ("neukoln", "Kreutzberg", "Lichtenberch") is taken when it is this close to a known one
# (difflib's ratio) and long enough that a close ordinary word is unlikely.
FUZZY_CUTOFF = 0.85
FUZZY_MIN_LENGTH = 6


def name_key(text: str) -> str:
    """Compares names the way people write them: case, umlauts, hyphens and spaces do not matter."""
    text = text.casefold().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for district in default_catalogue().districts:
        for name in (district.name, *district.ortsteile, *district.aliases):
            index.setdefault(name_key(name), district.name)
            index.setdefault(name_key(name.casefold().translate(_DOTLESS)), district.name)  # "Neukolln"
    for district in default_catalogue().districts:  # an official Bezirk name always wins
        index[name_key(district.name)] = district.name
    return index


def normalise_district(text: str | None) -> str | None:
    """The official Bezirk for a Bezirk, Ortsteil or alias ("Kreuzberg" → "Friedrichshain-Kreuzberg"), also
    misspelt ("neukoln" → "Neukölln", see FUZZY_CUTOFF); None for anything else."""
    if not text:
        return None
    key = name_key(text)
    found = _index().get(key)
    if found is None and len(key) >= FUZZY_MIN_LENGTH:
        close = difflib.get_close_matches(key, _index().keys(), n=1, cutoff=FUZZY_CUTOFF)
        found = _index()[close[0]] if close else None
    return found


def named_in(text: str | None, max_words: int = 3) -> str | None:
    """The Bezirk a sentence names by one of its known names, written exactly (no typo tolerance), also
    where the name is an everyday word ("Wedding hab ick doch jesacht. Is doch Mitte, oda?" → "Mitte").

    Meant for an answer to the question which district: there "Mitte" or "Wedding" can only be the place.
    When the words name two different Bezirke, the last one wins ("Wedding … Is doch Mitte" agree anyway).
    """
    words = re.findall(r"[\w'’.-]+", text or "")
    found: str | None = None
    for start in range(len(words)):
        for size in range(min(max_words, len(words) - start), 0, -1):
            name = _index().get(name_key(" ".join(words[start : start + size]).strip(".")))
            if name:
                found = name
                break
    return found


def official_names() -> tuple[str, ...]:
    return tuple(d.name for d in default_catalogue().districts)


def gazetteer() -> dict[str, str]:
    """Every name people use for a district, mapped to the official Bezirk (for entity patterns)."""
    names: dict[str, str] = {}
    for district in default_catalogue().districts:
        for name in (district.name, *district.ortsteile, *district.aliases):
            names.setdefault(name, district.name)
    return names
