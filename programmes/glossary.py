"""The glossary: what the words of the application draft and of the programmes mean (programmes/glossary.yml).

    find_terms("Was genau meinen Sie mit Rechtsform?")   → [TermMention "legal_form", "Rechtsform"]
    find_terms("Zählen die Betreuer auch als Teilnehmende?") → [TermMention "participants", "Teilnehmende"]
    glossary().term("co_financing").text.get("en")     → "Co-financing is money from another source …"

A term's own text is a general explanation; where the word is a programme rule (an own contribution, an
eligible area, who may apply), `facts` names the catalogue facts (vocabulary.FACT_KEYS) that state
it for each programme, with source and period, so the rule itself stays in the catalogue alone.

Names are matched in any case, with or without umlauts and punctuation ("Ko-Finanzierung",
"kofinanzierung"), with German and English endings ("Teilnehmenden", "participants") and with one typo in
longer words ("Rechtsfrom", "Kofinanzirung"). Plain Python with the standard library: the chat (bot/nlu,
actions) and the form service share it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from programmes.answers import FIELD_NAMES
from programmes.catalogue import Localised
from programmes.vocabulary import FACT_KEYS, LANGUAGES

GLOSSARY_FILE = Path(__file__).with_name("glossary.yml")
# Endings a written word may have beyond a name's word: German inflection and English plurals.
ENDINGS = ("", "s", "e", "n", "en", "er", "es", "em", "ern", "nen")
# Words at least this long may carry one typo; shorter ones must be exact (else "Ort" would be "Wort").
TYPO_MIN_LENGTH = 7
_FOLD = str.maketrans({"ß": "ss", "ä": "a", "ö": "o", "ü": "u"})


class GlossaryError(ValueError):
    """A mistake in glossary.yml, naming the term and the field."""

    def __init__(self, term: str, problem: str) -> None:
        super().__init__(f"glossary.yml: term '{term}': {problem}")


@dataclass(frozen=True)
class Term:
    """One entry: `id`, the draft `field` it names (or None), `names` per language, the explanation `text`,
    the catalogue `facts` that state it as a programme rule, and the `programmes` it belongs to (empty:
    every programme whose catalogue states those facts)."""

    id: str
    field: str | None
    names: dict[str, tuple[str, ...]]
    text: Localised
    facts: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        """The term's main name in the language ("Rechtsform", "legal form")."""
        return self.names["en" if lang == "en" else "de"][0]


@dataclass(frozen=True)
class TermMention:
    """A term named in a text: the term's id and the characters that name it."""

    term: str
    start: int
    end: int
    text: str


def fold(word: str) -> str:
    """Lower case without umlauts, accents or punctuation: "Ko-Finanzierung" → "kofinanzierung"."""
    word = unicodedata.normalize("NFKD", word.casefold().translate(_FOLD))
    return re.sub(r"[^a-z0-9+]", "", "".join(c for c in word if not unicodedata.combining(c)))


def _within_one_edit(a: str, b: str) -> bool:
    """At most one letter added, dropped, changed or two neighbours swapped ("Rechtsfrom")."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        first, second = diff if len(diff) == 2 else (0, 0)
        return second == first + 1 and a[first] == b[second] and a[second] == b[first]
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _deletions(word: str) -> set[str]:
    """The word with one letter left out, each way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_WORD = re.compile(r"[\w+][\w+'’-]*")


class Glossary:
    """Every term of glossary.yml, and the reader that finds their names in a text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = {term.id: term for term in terms}
        # Every name as its folded words (hyphenated words split, "Soziale-Stadt-Gebiet" → 3 words), the
        # longest names first so "förderfähige Kosten" wins over a shorter name inside it.
        self._names: list[tuple[tuple[str, ...], str]] = sorted(
            {
                (tuple(fold(w) for w in re.split(r"[\s-]+", name) if fold(w)), term.id)
                for term in self.terms.values()
                for names in term.names.values()
                for name in names
            },
            key=lambda item: (-len(item[0]), -sum(map(len, item[0])), item),
        )
        # Which word of which name a written word may be: exactly, with an ending,
        # and, for long words, with one typo (found through the forms with one letter left out).
        self._exact: dict[str, set[tuple[int, int]]] = defaultdict(set)
        self._near: dict[str, set[tuple[int, int, str]]] = defaultdict(set)
        for index, (words, _) in enumerate(self._names):
            for position, word in enumerate(words):
                # Every word may carry an ending: "förderfähigen Kosten", "Teilnehmenden".
                for form in [word + ending for ending in ENDINGS]:
                    self._exact[form].add((index, position))
                    if len(word) >= TYPO_MIN_LENGTH:
                        for key in {form} | _deletions(form):
                            self._near[key].add((index, position, form))

    def term(self, term_id: str) -> Term:
        """The term; KeyError for an unknown id."""
        return self.terms[term_id]

    def for_field(self, field: str | None) -> Term | None:
        """The term that explains a draft field, if there is one."""
        return next((t for t in self.terms.values() if field and t.field == field), None)

    def _word_places(self, written: str) -> set[tuple[int, int]]:
        """(name, word position) pairs a written (folded) word can stand for."""
        places = set(self._exact.get(written, ()))
        for key in {written} | _deletions(written):
            places.update((i, p) for i, p, form in self._near.get(key, ()) if _within_one_edit(written, form))
        return places

    def find(self, text: str) -> list[TermMention]:
        """The terms named in the text, in the order they appear, each span once (longest name first)."""
        # Hyphenated words are compared piece by piece, each piece keeping its characters in the text.
        pieces: list[tuple[int, int, str]] = []
        for match in _WORD.finditer(text):
            offset = match.start()
            for part in re.split(r"(-)", match.group()):
                if part and part != "-" and fold(part):
                    pieces.append((offset, offset + len(part), fold(part)))
                offset += len(part)
        places = [self._word_places(piece[2]) for piece in pieces]
        candidates = sorted(
            (index, start)
            for start, here in enumerate(places)
            for index, position in here
            if position == 0
            and start + len(self._names[index][0]) <= len(pieces)
            and all((index, k) in places[start + k] for k in range(len(self._names[index][0])))
        )
        taken: set[int] = set()
        found: list[TermMention] = []
        for index, start in candidates:  # in the order of the names: the longest first
            size = len(self._names[index][0])
            if any(j in taken for j in range(start, start + size)):
                continue
            begin, end = pieces[start][0], pieces[start + size - 1][1]
            found.append(TermMention(self._names[index][1], begin, end, text[begin:end]))
            taken.update(range(start, start + size))
        return sorted(found, key=lambda m: m.start)


def _strings(term_id: str, value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise GlossaryError(term_id, f"{what} must be a non-empty list of texts")
    return tuple(value)


def _term(term_id: str, data: Any) -> Term:
    if not isinstance(data, dict):
        raise GlossaryError(term_id, "must be a mapping")
    unknown = set(data) - {"field", "names", "text", "facts", "programmes"}
    if unknown:
        raise GlossaryError(term_id, f"unknown keys {sorted(unknown)}")
    field = data.get("field")
    if field is not None and field not in FIELD_NAMES:
        raise GlossaryError(term_id, f"field '{field}' is no draft field")
    names, text = data.get("names") or {}, data.get("text") or {}
    for lang in LANGUAGES:
        if not isinstance(text.get(lang), str) or not text[lang].strip():
            raise GlossaryError(term_id, f"text.{lang} is missing")
    facts = tuple(data.get("facts") or ())
    if not set(facts) <= set(FACT_KEYS):
        raise GlossaryError(term_id, f"facts {sorted(set(facts) - set(FACT_KEYS))} are no catalogue facts")
    return Term(
        id=term_id,
        field=field,
        names={lang: _strings(term_id, names.get(lang), f"names.{lang}") for lang in LANGUAGES},
        text=Localised(text["de"].strip(), text["en"].strip()),
        facts=facts,
        programmes=tuple(data.get("programmes") or ()),
    )


def load_glossary(path: Path = GLOSSARY_FILE) -> Glossary:
    """Reads and checks glossary.yml; raises GlossaryError naming the term and what is wrong."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data:
        raise GlossaryError("-", "the file must map term ids to terms")
    return Glossary(_term(str(term_id), entry) for term_id, entry in data.items())


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    """The glossary of this repository, read once."""
    return load_glossary()


def find_terms(text: str) -> list[TermMention]:
    """The glossary terms named in a text (see the module docstring)."""
    return glossary().find(text)
