"""Tokenisation and the normal form of words used for matching.

One tokeniser serves Rasa (for DIET's features) and spaCy (for the entity patterns), so both see the same
tokens: "Friedrichshain-Kreuzberg", "e.V.", "gGmbH" and "info@verein.de" stay whole, "5.000€" becomes
"5.000" and "€".
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_ABBREVIATIONS = r"(?:e\.V|z\.B|u\.a|d\.h|o\.ä|bzw|ca|Nr|Str|inkl|ggf|usw|evtl|gem|Mio|Tsd|Mrd|e\.g|i\.e)\."
_TOKEN = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail address
    rf"|{_ABBREVIATIONS}"
    r"|\+?\d+(?:[.,]\d+)*(?![\w@])"  # number with grouping or decimals: 5.000 / 1,5 / 20,000
    r"|\w+(?:[-'’]\w+)*"  # words, also hyphenated or with an apostrophe: F'hain, Friedrichshain-Kreuzberg
    r"|[^\w\s]",  # any other single character: € ? ! ,
    re.IGNORECASE,
)
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "’": "'"})


class Piece(NamedTuple):
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def tokenize(text: str) -> list[Piece]:
    return [Piece(m.group(), m.start()) for m in _TOKEN.finditer(text)]


def fold(text: str) -> str:
    """The form words are compared in: case, umlauts, accents and punctuation do not matter
    ("Neukölln", "neukolln", "NEUKÖLLN" and "Neu-kölln" all give "neukolln")."""
    text = text.casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


def token_norm(word: str) -> str:
    """The spaCy NORM of a token: its folded form, or the character itself for punctuation."""
    return fold(word) or word


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
