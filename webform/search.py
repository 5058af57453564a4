"""Search text as German speakers expect it: "Ökowerk", "ökowerk", "OEKOWERK" and "Oekowerk" are the same,
and so are "Straße" and "Strasse", "Kiezküche" and "Kiezkueche", "Café" and "Cafe".

Both sides go through `search_key`: the stored search text of a draft (computed in Python when its answers
change, so SQLite and PostgreSQL hold the same text) and the words a person types. Matching is then a plain
substring test, the same on both databases.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

# The answers a reviewer searches by: organisation, project title, contact person and e-mail, city.
SEARCHED_FIELDS = ("organisation_name", "project_title", "contact_name", "contact_email", "city")
MAX_SEARCH_WORDS = 5
# German spells umlauts out as a following e when they are not at hand (Kiezkueche, OEKOWERK).
_SPELT_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def search_key(text: str) -> str:
    """`text` case-folded, with ß as ss, ä/ö/ü as ae/oe/ue, other accents removed, spaces collapsed.

    "Ökowerk Straße e.V." → "oekowerk strasse e.v."; "Café Ñandú" → "cafe nandu".
    """
    folded = unicodedata.normalize("NFC", text).casefold()  # casefold: ß and ẞ become ss
    spelt = folded.translate(_SPELT_OUT)
    decomposed = unicodedata.normalize("NFKD", spelt)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def draft_search_text(values: Mapping[str, Any]) -> str:
    """The stored search text of a draft: its searched answers, one per line (a word never spans two)."""
    return "\n".join(search_key(str(values[name])) for name in SEARCHED_FIELDS if values.get(name))


def search_words(query: str) -> list[str]:
    """The normalised words of a search; a draft matches when its search text contains every one."""
    return _unique(search_key(query).split())[:MAX_SEARCH_WORDS]


def _unique(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(words))
