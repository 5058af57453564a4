"""Which answer a correction changes, and to what, as people word it in German and English.

    "Ach nee, nicht Moabit, sondern Neukölln"    → district, "Neukölln"
    "Neukölln statt Moabit" / "not Moabit but Neukölln"
    "Moabit ist falsch, richtig ist Neukölln"
    "change the budget to 15.000 €"              → total_budget_eur, "15000"
    "Der Titel soll „Kochen für alle“ heißen"     → project_title, "Kochen für alle"
    "Organisation ändern" / "change e-mail"      → the field, no value yet (the form asks for it)

The new value is read only from the part of the sentence that gives it, so the rejected value (Moabit) is
never taken. Plain Python over the NLU's entities (with character offsets).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from programmes.amounts import plain
from programmes.quantities import bare_numbers

# Which field a correction means when it names no field, judged by the entity of its new value.
FIELD_FOR_ENTITY = {
    "email": "contact_email",
    "phone": "contact_phone",
    "date": "start_date",
    "duration": "duration_months",
    "district": "district",
    "city": "city",
    "programme": "programme",
    "lsi_type": "lsi_type",
    "organisation_type": "organisation_type",
    "legal_form": "legal_form",
    "target_group": "target_groups",
}
TOTAL_WORDS = re.compile(r"budget|gesamt|total|kosten|costs?\b|insgesamt", re.IGNORECASE)
# Words that say a sentence is about money, so a plain number in it is an amount.
MONEY_WORDS = re.compile(
    r"budget|gesamt|total|kosten|costs?\b|beantrag|request|förder|grant|funding|euro|€|eur\b|betrag|amount",
    re.IGNORECASE,
)
MIN_AMOUNT = 100
TEXT_FIELDS = frozenset(
    {
        "project_title",
        "organisation_name",
        "contact_name",
        "city",
        "municipality",
        "area",
        "project_summary",
        "legal_form",
    }
)
_I = re.IGNORECASE
# Each pattern marks where the new value stands (`new`) and, where said, the rejected one (`old`).
NEW_VALUE_PATTERNS = (
    re.compile(r"\bnicht\s+(?P<old>.+?)[,;]?\s+sondern\s+(?P<new>.+)$", _I),
    re.compile(r"\bnot\s+(?P<old>.+?)[,;]?\s+but\s+(?P<new>.+)$", _I),
    # "Ahmed Karimi, nicht ich" / "18.000 und nicht 19.500" / "Wedding, not Neukölln"
    re.compile(
        r"(?P<new>(?:[^,;–-]|(?<=\d)[,.](?=\d))+?)[,;]?\s+(?:und\s+|and\s+)?(?:nicht|not)\s+"
        r"(?P<old>(?:[^,;!?]|(?<=\d)[,.](?=\d))+?)[.!]*$",
        _I,
    ),
    re.compile(
        r"(?P<new>[^,;]+?)\s+(?:statt|anstatt|anstelle\s+von|instead\s+of|rather\s+than)\s+(?P<old>.+)$",
        _I,
    ),
    re.compile(
        r"(?P<old>.+?)\s+(?:ist|is|war|was|stimmt)\s+(?:falsch|wrong|nicht\s+richtig|incorrect|nicht)\b[\s,.;:!-]*"
        r"(?:(?:richtig|korrekt|correct)\s+(?:ist|is)|es\s+ist|it'?s|it\s+is|should\s+be|sollte\s+sein|"
        r"soll(?:te)?\s+sein)?\s*(?P<new>.+)$",
        _I,
    ),
    re.compile(
        r"\b(?:änder\w*|aender\w*|korrigier\w*|setz\w*|change|set|update|make|correct|fix|mach)\b.*?"
        r"\s(?:auf|in|zu|to|into|nach|as)\s+(?P<new>.+)$",
        _I,
    ),
    # "make it Kochtopf für alle", "let's call it Fifty Plus Works", "nennen wir es Kiezküche"
    NAMING := re.compile(
        r"\b(?:make\s+it|call\s+it|name\s+it|mach(?:en\s+sie|t)?\s+(?:es|das|daraus)|"
        r"nenn(?:en)?\s+(?:wir\s+|sie\s+)?(?:es|das|ihn|sie)|(?:it'?s|it\s+is|es\s+heißt)\s+called)\s+"
        r"(?:(?:einfach|doch|lieber|just|simply)\s+)?(?P<new>.+?)[.!]?$",
        _I,
    ),
    re.compile(
        r"\b(?:soll|sollte|should)\s+(?:(?:doch|lieber|eher|eigentlich)\s+)?(?P<new>.+?)\s+(?:sein|heißen|heissen|lauten|be|read)\b",
        _I,
    ),
    re.compile(
        r"\b(?:heißt|heisst|lautet|is called|is named)\s+(?:eigentlich\s+|actually\s+)?(?P<new>.+)$", _I
    ),
    re.compile(
        r"\b(?:doch|eigentlich|actually|lieber|rather|vielmehr|correction)[:,]?\s+(?P<new>.+)$", _I
    ),
    re.compile(
        r"\b(?:richtig\s+ist|korrekt\s+ist|correct\s+is|should\s+be|sollte)[:,]?\s+(?P<new>.+)$", _I
    ),
)
_QUOTED = re.compile(r"[„\"“»«'‚]([^\"“”»«'‘]{2,200})[\"“”»«'‘]")


@dataclass(frozen=True)
class Correction:
    """The field to change (None: not said) and its new value as written (None: not given yet)."""

    field: str | None
    value: Any = None


def correction_spans(text: str) -> tuple[tuple[int, int] | None, tuple[int, int]] | None:
    """Where the rejected value (if said) and the new value stand in a correction (NEW_VALUE_PATTERNS)."""
    for pattern in NEW_VALUE_PATTERNS:
        found = pattern.search(text)
        if found:
            old = (found.start("old"), found.end("old")) if "old" in pattern.groupindex else None
            return old, (found.start("new"), found.end("new"))
    return None


def named_value(text: str) -> str | None:
    """The name a sentence gives ("No! That was a question. Let's call it Fifty Plus Works." → "Fifty Plus
    Works"), or None; a name starts with a capital, a digit or a quotation mark ("Make it happen" is a
    title itself)."""
    found = NAMING.search(text)
    if not found or not re.match(r"[A-ZÄÖÜ0-9„\"“»'‚]", found.group("new")):
        return None
    return _clean(found.group("new"))


def new_value_span(text: str) -> tuple[int, int] | None:
    """Where in the text the new value stands, if the sentence says it (see NEW_VALUE_PATTERNS)."""
    spans = correction_spans(text)
    return spans[1] if spans else None


def _inside(entity: Mapping[str, Any], span: tuple[int, int]) -> bool:
    """An entity within the span; one without offsets (a button's payload) counts as inside."""
    if "start" not in entity:
        return True
    return span[0] <= int(entity["start"]) and int(entity["end"]) <= span[1]


_COPULA = re.compile(r"^.*?\b(?:ist|is|sind|are|heißt|heisst|lautet|wird|will be|should be|be|soll|:)\s+", _I)
_PERSON = re.compile(r"(?:[A-ZÄÖÜ][\wäöüß'’-]*\.?\s+){1,4}[A-ZÄÖÜ][\wäöüß'’-]+")


def _clean(text: str, field: str | None = None) -> str:
    """The new value as written: the quoted part if any; for a name, the name in "is my colleague Ahmed
    Karimi"; otherwise what follows "ist"/"is"/"heißt" ("Der Titel ist Kochen für alle")."""
    quoted = _QUOTED.search(text)
    if quoted:
        return quoted.group(1).strip()
    text = text.strip().strip(" .!,;:„“\"'»«").strip()
    if field == "contact_name":
        names = _PERSON.findall(text)
        if names:
            return str(names[-1]).strip()
    return _COPULA.sub("", text, count=1).strip() or text


def _amount_field(text: str, slots: Mapping[str, Any]) -> str:
    return "total_budget_eur" if TOTAL_WORDS.search(text) else "requested_amount_eur"


def parse_correction(
    text: str, entities: Sequence[Mapping[str, Any]], fields: Sequence[str], slots: Mapping[str, Any]
) -> Correction:
    """The correction a message asks for. `fields`: the draft's fields (a named field must be one of them);
    `entities`: the NLU's entities with offsets (a `field` entity names the field)."""
    named = next(
        (e.get("value") for e in entities if e.get("entity") == "field" and e.get("value") in fields),
        None,
    )
    span = new_value_span(text)
    own = [
        e for e in entities if e.get("entity") not in ("field", "language") and not e.get("implied_by")
    ]
    # Without a span the last value is the new one; a named field takes its own value wherever it stands
    # (a button may carry further values beside it).
    candidates = [e for e in own if _inside(e, span)] if span else (own if named else own[-1:])
    if named in TEXT_FIELDS and named not in ("legal_form", "city"):
        if span:
            return Correction(named, _clean(text[span[0] : span[1]], named))
        # "the contact person is my colleague Ahmed Karimi": a name can be found without a pattern
        person = _PERSON.findall(text) if named == "contact_name" else []
        return Correction(named, person[-1].strip() if person else None)
    for entity in candidates:
        kind = entity.get("entity")
        target = _amount_field(text, slots) if kind == "amount" else FIELD_FOR_ENTITY.get(kind or "")
        if named and kind == "amount" and named in ("total_budget_eur", "requested_amount_eur"):
            target = named
        if named and target != named:
            continue
        if target in fields:
            if kind == "target_group":
                return Correction(
                    target, [e.get("value") for e in candidates if e.get("entity") == "target_group"]
                )
            return Correction(target, entity.get("value"))
    if named and span:
        # "das Budget ist doch 12.000, nicht 14.000": the field is named and the new value follows it,
        # though no entity was found in it; the field's reader reads it (or says why it cannot).
        return Correction(named, _clean(text[span[0] : span[1]]))
    if span and not named and not candidates:
        # "we request 180,000, not 200,000": a plain number the NLU took for no amount, in a sentence about
        # money
        number = next((n for n in bare_numbers(text[span[0] : span[1]]) if n.value >= MIN_AMOUNT), None)
        if number is not None and MONEY_WORDS.search(text):
            return Correction(_amount_field(text, slots), plain(number.value))
    spans = correction_spans(text)
    if span and spans and spans[0] and not named:
        # "not Neukölln but Wedding": the rejected value says which answer; the new one is read as such
        # an answer, also where the NLU did not recognise it ("Wedding" is an English word too).
        old_span = spans[0]
        rejected = [e for e in own if _inside(e, old_span) and "start" in e]
        for entity in rejected:
            kind = entity.get("entity")
            target = _amount_field(text, slots) if kind == "amount" else FIELD_FOR_ENTITY.get(kind or "")
            if target in fields:
                return Correction(target, _clean(text[span[0] : span[1]]))
    return Correction(named, None)


# Where one sentence of a message ends and the next begins ("we request 180,000, not 200,000. And the
# contact person is just Ahmed Karimi.").
_SENTENCE_END = re.compile(
    r"(?<=[.!?;])\s+(?=\S)|\s+(?=(?:und|and|außerdem|also|plus)\s+(?:der|die|das|the)\b)", _I
)


def parse_corrections(
    text: str, entities: Sequence[Mapping[str, Any]], fields: Sequence[str], slots: Mapping[str, Any]
) -> list[Correction]:
    """Every correction a message asks for, one per sentence when its sentences correct different answers
    ("Two things: we request 180,000, not 200,000. And the contact person is just Ahmed Karimi." → the
    requested amount and the contact person); otherwise the one `parse_correction` reads in the whole."""
    bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
    found: list[Correction] = []
    for start, end in pairwise(bounds):
        inside = [
            {**e, "start": int(e["start"]) - start, "end": int(e["end"]) - start}
            for e in entities
            if "start" in e and start <= int(e["start"]) and int(e["end"]) <= end
        ]
        inside += [dict(e) for e in entities if "start" not in e and e.get("entity") == "field"]
        sentence = parse_correction(text[start:end], inside, fields, slots)
        if sentence.field and sentence.value is not None and all(c.field != sentence.field for c in found):
            found.append(sentence)
    if len(found) > 1 or (found and len(bounds) > 2):
        return found
    return [parse_correction(text, entities, fields, slots)]
