"""What in a message can tell the language it is written in: its ordinary words.

Names, titles, e-mail addresses, links, amounts and dates look the same in every language, or belong to
the language of whoever named the thing: "Repair Kiez gGmbH" in a German conversation is no English,
"Kiezküche Neukölln e.V." in an English one no German, "Café Chez Nous" no French. They are cut out before
the language is judged (bot/nlu/language_id.py), so they never switch the conversation's language and
never make a message "another language":

- e-mail addresses, links, and every token with a digit (amounts, dates, phone numbers, postcodes);
- quoted text ("„Gemeinsam stark im Kiez“" is a title);
- organisation names with a legal form ("Repair Kiez gGmbH", "Café Chez Nous UG (haftungsbeschränkt)"):
  the form and the capitalised words before it (legal forms: programmes/answers.py);
- Berlin districts and their parts, cities, federal states and programme names (the catalogue and the
  NLU lexicon, bot/nlu/lexicon.py);
- a message made only of capitalised words ("Ayşe Yılmaz", "Nachbarschaftsgarten Schillerkiez"): a name
  or a title, whatever language its words come from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.nlu import lexicon
from programmes.answers import LEGAL_FORMS
from programmes.catalogue import default_catalogue
from programmes.districts import gazetteer as district_gazetteer

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:de|com|org|net|eu|info|berlin)\b\S*")
_WITH_DIGIT = re.compile(r"\S*\d\S*")
# Paired quotation marks: „…“ “…” "…" «…» »…« ‚…‘ (a lone apostrophe, as in "s'il", is no quote).
_QUOTED = re.compile(r"„[^“”\"]*[“”\"]|“[^”]*”|\"[^\"]*\"|«[^»]*»|»[^«]*«|‚[^‘’]*[‘’]")
# A word: letters, also with an inner hyphen or apostrophe ("Friedrichshain-Kreuzberg", "s'il", "kricht'n").
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Words that join the capitalised words of a name ("Stop and Go", "Haus der Nachbarn" is a sentence's
# "der" too, so only these few count).
_NAME_JOINERS = frozenset({"and", "und", "of"})
# Place names that are everyday words as well ("Mitte März", "ein Buch", "wedding dress"): kept.
_EVERYDAY_PLACE_NAMES = frozenset(
    {"mitte", "buch", "westend", "wedding", "rosenthal", "essen", "halle", "hof"}
)
MAX_NAME_WORDS = 5
# "WIR BRAUCHEN HILFE" is a sentence written in capitals, not a name.
MIN_SHOUTED_WORDS = 3


def _is_abbreviated(form: str) -> bool:
    """Legal forms that end a name: "e.V.", "gGmbH", "UG (haftungsbeschränkt)", not "Genossenschaft"."""
    first = form.split()[0]
    return "." in form or any(c.isupper() for c in first[1:]) or len(first) <= 3


@lru_cache(maxsize=1)
def _organisation_name() -> re.Pattern[str]:
    forms = sorted((f for f in LEGAL_FORMS if _is_abbreviated(f)), key=len, reverse=True)
    form = "|".join(re.escape(f) for f in forms)
    # Up to five capitalised words (or "&", "und", digits) before the form: "Café Chez Nous UG".
    word = r"(?:[A-ZÄÖÜ0-9][\w'’&.-]*|&|und|and)"
    return re.compile(rf"(?:{word}\s+){{0,{MAX_NAME_WORDS}}}(?:{form})(?:\s*\(haftungsbeschränkt\))?(?![\w])")


@lru_cache(maxsize=1)
def _known_names() -> re.Pattern[str]:
    catalogue = default_catalogue()
    names: set[str] = set(district_gazetteer())
    names |= set(lexicon.CITIES) | set(lexicon.CUED_CITIES) | set(lexicon.STATE_NAMES)
    names |= {"Berlin", "Deutschland", "Germany", "NRW", "Kiez"}
    for programme in catalogue.programmes.values():
        names |= {programme.id, programme.short_name, *programme.aliases}
        names |= {re.sub(r"\s*[(–].*$", "", n) for n in (programme.name.de, programme.name.en)}
    names = {n.strip() for n in names if n.strip() and n.strip().casefold() not in _EVERYDAY_PLACE_NAMES}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # A name may carry a grammatical ending ("Neuköllns", "Lichtenberge") or a hyphenated suffix
    # ("LSI-Antrag" keeps "Antrag").
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:s|e|n|'?\w{{0,3}})?(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Evidence:
    """The ordinary words of a message, in order; `text` is them joined by spaces."""

    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def lowercase(self, with_first: bool = True) -> tuple[str, ...]:
        """The words written in lowercase, and the first word when `with_first` (every language
        capitalises it). A capitalised word inside a sentence is a name more often than not: "Ayşe" in
        "Ich heiße Ayşe Yılmaz", "Verein" in "We are a Verein and need some Förderung"."""
        return tuple(
            word
            for position, word in enumerate(self.words)
            if not word[0].isupper() or (with_first and position == 0)
        )


def evidence(text: str) -> Evidence:
    """The words of `text` that can tell its language (see the module docstring).

    "Wir sind die Repair Kiez gGmbH aus Neukölln" → ("Wir", "sind", "die", "aus");
    "mara.beispiel@example.org" → (); "Ayşe Yılmaz" → ().
    """
    for pattern in (_EMAIL, _LINK, _QUOTED, _organisation_name(), _known_names(), _WITH_DIGIT):
        text = pattern.sub(" ", text)
    words = tuple(_WORD.findall(text))
    letters = [w for w in words if len(w) >= 2 or not w.isascii()]
    shouted = len(letters) >= MIN_SHOUTED_WORDS and all(w.isupper() for w in letters)
    capitalised = all(w[0].isupper() or w.casefold() in _NAME_JOINERS for w in letters)
    if len(letters) >= 2 and capitalised and not shouted:
        return Evidence(())  # only capitalised words: a name or a title
    return Evidence(tuple(letters))


def is_latin(words: Evidence) -> bool:
    """Whether most letters are Latin ones, the script of German and English (and of many others)."""
    letters = [c for c in words.text if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff")
    return not letters or latin * 2 > len(letters)
