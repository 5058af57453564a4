"""Rule-based entity extraction: blank spaCy pipelines with an EntityRuler and a Matcher built from the
gazetteer, typo tolerance on longer words, and regexes for amounts, durations, dates, e-mail and phone.

    finder = EntityFinder("de")
    finder.find("Wir sind ein e.V. in Kreuzberg und brauchen 5.000 €")
    → district "Friedrichshain-Kreuzberg", legal_form "e.V.", amount "5000", and the implied
      organisation_type "association", city "Berlin", state "BE" (marked `implied_by`).

Character offsets refer to the message text; every value is normalised (see domain/nlu.yml).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from bot.nlu import gazetteer
from bot.nlu.dates import find_dates, warm_up
from bot.nlu.durations import find_durations
from bot.nlu.text import edit_distance, fold, token_norm, tokenize
from programmes import answers
from programmes.amounts import find_amounts
from programmes.places import gazetteer as places_gazetteer

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d /()-]{5,}\d(?![\w])")
# The intents after which a draft field name in the message means "this field" (a correction, "why?", skip).
# A message the classifier is unsure of may be a correction too ("The contact person must be Gisela Wagner.").
FIELD_INTENTS = frozenset({"correct_answer", "ask_why_needed", "skip", "nlu_fallback"})
FUZZY_MIN_LENGTH = 6
# Words with which people say what they are: "wir sind ne lose Gruppe", "ich hab nen Laden", "we're a gGmbH".
SELF_REFERENCE = re.compile(
    r"\b(?:wir\s+sind|ich\s+bin|wir\s+haben|ich\s+hab\w*|ich\s+habe|wir\s+als|unser\w*|mein\w*|"
    r"hier\s+schreibt|betreib\w*|führ\w*|we\s+are|we'?re|i\s+am|i'?m|i\s+run|i\s+own|we\s+run|we\s+own|"
    r"our|my)\b[^.,;!?]{0,30}$",
    re.IGNORECASE,
)
SHOP_CONFIDENCE = 0.7  # a shop of one's own says less than a legal form or a named type
# Shops and trades as compounds ("Fahrradladen", "Blumengeschäft", "Handwerksbetrieb"), when someone says
# it is theirs (SELF_REFERENCE).
OWN_SHOP = re.compile(
    r"\b\w*(?:laden|läden|geschäft|betrieb|bäckerei|kiosk|imbiss|boutique|salon|café|cafe|werkstatt|"
    r"restaurant|kneipe|shop|store|bakery|business)\b",
    re.IGNORECASE,
)
# Any German compound on "-verein" is a Verein ("Gewerbeverein", "Händlerverein", "Bürgervereins"), whatever
# the lexicon lists; "Vereinbarung" is not one.
VEREIN_COMPOUND = re.compile(r"\b\w{3,}verein(?:s|e|en|es)?\b", re.IGNORECASE)
# Shorter city names are too close to words: "Kessel" is no Kassel, "Muster" no Münster.
FUZZY_CITY_MIN_LENGTH = 8
# "kein Verein", "keine gGmbH", "not an association", "no company": the type is denied, not stated.
NEGATABLE = frozenset({"organisation_type", "legal_form"})
NEGATION_BEFORE = re.compile(
    r"\b(?:kein|keine|keinen|keiner|nicht|not|no|neither|nor|nie)\s+(?:(?:ein|eine|einen|a|an|mehr|more|"
    r"richtiger|richtige|richtiges|offizieller|offizielle|eingetragener|registered|real)\s+){0,2}$",
    re.IGNORECASE,
)
MAX_FUZZY_TOKENS = 3
# "kleine Firma", "kleenen Laden", "small company": for a business the size is part of what it is
# (for "ein kleiner Verein" it is not: a Verein is an association whatever its size).
SIZE_WORDS = frozenset(
    [
        "klein",
        "kleine",
        "kleiner",
        "kleinen",
        "kleines",
        "kleene",
        "kleener",
        "kleenen",
        "kleenes",
        "small",
        "little",
        "tiny",
    ]
)


def _says_where(entity: Entity, located: list[tuple[int, int]]) -> bool:
    """A municipality read from words that only say where a place is ("in the city of Essen")."""
    return (
        entity.entity == "organisation_type"
        and entity.value == "municipality"
        and any(entity.start < end and start < entity.end for start, end in located)
    )


def _city_typo(written: str, name: str) -> bool:
    """A city name with a letter wrong, missing or doubled, not a word made from it ("Frankfurter",
    "Dortmunder")."""
    return abs(len(written) - len(name)) <= 1 and not written.startswith(name)


@dataclass(frozen=True)
class Entity:
    entity: str
    start: int
    end: int
    value: str
    text: str
    implied_by: str | None = None
    confidence: float = 1.0

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "entity": self.entity,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "confidence_entity": self.confidence,
        }
        if self.implied_by:
            data["implied_by"] = self.implied_by
        return data


class PieceTokenizer:
    """spaCy tokenizer using `text.tokenize`, so spaCy and Rasa see the same tokens.

    Each token's NORM is its folded form, which the EntityRuler's phrase patterns match on."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pieces = tokenize(text)
        spaces = [p.end < len(text) and text[p.end].isspace() for p in pieces]
        doc = Doc(self.vocab, words=[p.text for p in pieces], spaces=spaces)
        for token in doc:
            token.norm_ = token_norm(token.text)
        return doc


def _phone_value(raw: str) -> str | None:
    digits = re.sub(r"\D", "", raw)
    if not 6 <= len(digits) <= 15:
        return None
    return (
        "+" + digits[2:] if raw.startswith("00") else ("+" + digits if raw.startswith("+") else digits)
    )


def _settles_type(entity: Entity) -> bool:
    """An organisation type, or a legal form that implies one ("e.V.", not "GbR")."""
    if entity.entity == "organisation_type":
        return True
    return entity.entity == "legal_form" and answers.likely_type(entity.value) is not None


@dataclass
class _Found:
    entities: list[Entity] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return all(end <= e.start or start >= e.end for e in self.entities)

    def add(self, entity: Entity) -> None:
        if self.free(entity.start, entity.end):
            self.entities.append(entity)


class EntityFinder:
    """One per language; building it compiles ~1,000 patterns, so build it once and reuse it."""

    def __init__(self, language: str = "de") -> None:
        self.language = language
        warm_up()  # dateparser's language data, so no one's message waits for it
        self.nlp = spacy.blank(language)
        self.nlp.tokenizer = PieceTokenizer(self.nlp.vocab)
        self._values: dict[str, tuple[str, str]] = {}  # pattern id → (label, value)
        ruler = self.nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "NORM"})
        self.matcher = Matcher(self.nlp.vocab)
        patterns: list[dict[str, object]] = []
        for phrase in gazetteer.phrases():
            key = f"{phrase.label}={phrase.value}"
            self._values[key] = (phrase.label, phrase.value)
            words = [p.text for p in tokenize(phrase.text)]
            if fold(phrase.text) in gazetteer.AMBIGUOUS_DISTRICT_NAMES and phrase.label == "district":
                norms = [{"NORM": token_norm(w)} for w in words]
                self.matcher.add(f"cued|{key}", [[{"LOWER": {"IN": gazetteer.DISTRICT_CUES}}, *norms]])
                self.matcher.add(f"alone|{key}", [norms])
            elif gazetteer.is_short(phrase.text):
                spellings = {phrase.text}
                if phrase.label == "programme":
                    spellings |= {phrase.text.lower(), phrase.text.upper(), phrase.text.capitalize()}
                for spelling in spellings:
                    self.matcher.add(
                        f"exact|{key}", [[{"ORTH": w} for w in (p.text for p in tokenize(spelling))]]
                    )
            else:
                patterns.append({"label": phrase.label, "pattern": phrase.text, "id": key})
        type_cues = [
            "typ", "type", "lsi", "projekttyp", "projektart", "art", "variante", "variant", "kategorie",
        ]
        for variant in ("A", "B", "C"):  # "Typ A", "type B", "LSI-C"
            key = f"lsi_type={variant}"
            self._values[key] = ("lsi_type", variant)
            self.matcher.add(
                f"cued|{key}",
                [
                    [
                        {"LOWER": {"IN": type_cues}},
                        {"TEXT": {"IN": [variant, variant.lower()]}},
                    ],
                ],
            )
            self.matcher.add(
                f"exact|{key}",
                [[{"LOWER": {"IN": [f"lsi-{variant.lower()}", f"typ-{variant.lower()}"]}}]],
            )
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
        self._places = places_gazetteer()  # German places (programmes.places), loaded once with the patterns
        self._fuzzy = self._fuzzy_index()
        self._short_programmes = {  # abbreviations: "LSI", "BIWAQ", "WdM"
            p.text.casefold(): p.value
            for p in gazetteer.phrases()
            if p.label == "programme" and " " not in p.text and len(fold(p.text)) <= 5
        }

    def _fuzzy_index(self) -> dict[str, list[tuple[str, str, str]]]:
        index: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for phrase in gazetteer.phrases():
            key = fold(phrase.text)
            if (
                phrase.label in gazetteer.FUZZY_LABELS
                and len(key) >= FUZZY_MIN_LENGTH
                and key not in gazetteer.AMBIGUOUS_DISTRICT_NAMES
                and len(phrase.text.split()) <= MAX_FUZZY_TOKENS
            ):
                index[key[0]].append((key, phrase.label, phrase.value))
        for name, city in self._places.standalone_names():  # "Gelsenkirschen", "Düsseldorff"
            key = fold(name)
            if len(key) >= FUZZY_CITY_MIN_LENGTH:
                index[key[0]].append((key, "city", city.name))
        return index

    # -- finding ------------------------------------------------------------------------------------

    def find(self, text: str, today: dt.date | None = None, intent: str | None = None) -> list[Entity]:
        found = _Found()
        for item in self._regex_entities(text, today):
            found.add(item)
        doc = self.nlp(text)
        for item in sorted(self._pattern_entities(doc), key=lambda e: e.start - e.end):  # longest first
            found.add(item)
        located = self._add_places(doc, text, found)
        for item in self._compound_entities(doc):
            found.add(item)
        for item in self._fuzzy_entities(doc, found):
            found.add(item)
        found.entities = [e for e in found.entities if not _says_where(e, located)]
        found.entities = [
            self._with_size(e, text) for e in found.entities if not self._negated(e, text)
        ]
        found.entities = self._applicant_first(found.entities, text)
        if any(_settles_type(e) and e.confidence > SHOP_CONFIDENCE for e in found.entities):
            # "our café, a gGmbH": what the organisation is says more than that it runs a shop; a GbR
            # says nothing about what it is, so "our café, a GbR" stays a small business
            found.entities = [e for e in found.entities if e.confidence != SHOP_CONFIDENCE]
        explicit = [
            e
            for e in found.entities
            if e.entity != "field" or intent is None or intent in FIELD_INTENTS
        ]
        return sorted(
            explicit + list(self._implied(explicit)), key=lambda e: (e.start, e.implied_by or "")
        )

    def _regex_entities(self, text: str, today: dt.date | None) -> Iterable[Entity]:
        for match in EMAIL.finditer(text):
            yield Entity("email", match.start(), match.end(), match.group().lower(), match.group())
        for a in find_amounts(text, self.language):
            yield Entity("amount", a.start, a.end, a.value, a.text)
        # a date before a duration: "in drei Monaten" is when, not how long
        for date in find_dates(text, today, self.language):
            yield Entity("date", date.start, date.end, date.value, date.text)
        for d in find_durations(text, self.language):
            yield Entity("duration", d.start, d.end, d.value, d.text)
        for match in VEREIN_COMPOUND.finditer(text):
            yield Entity("organisation_type", match.start(), match.end(), "association", match.group())
        for match in OWN_SHOP.finditer(text):
            # "ich hab nen Fahrradladen", "wir betreiben eine Bäckerei": one's own shop is a small business
            if SELF_REFERENCE.search(text[max(0, match.start() - 40) : match.start()]):
                yield Entity(
                    "organisation_type",
                    match.start(),
                    match.end(),
                    "small_business",
                    match.group(),
                    confidence=SHOP_CONFIDENCE,
                )
        for match in PHONE.finditer(text):
            value = _phone_value(match.group())
            if value and not re.fullmatch(
                r"[\d.]+", match.group()
            ):  # a bare long number is not a phone
                yield Entity("phone", match.start(), match.end(), value, match.group().strip())
            elif value and re.fullmatch(r"0\d{6,14}", match.group()):
                yield Entity("phone", match.start(), match.end(), value, match.group())

    def _pattern_entities(self, doc: Doc) -> Iterable[Entity]:
        for ent in doc.ents:
            label, value = self._values[ent.ent_id_]
            yield Entity(label, ent.start_char, ent.end_char, value, ent.text)
        whole_message = [t for t in doc if t.is_alpha or t.like_num]
        for match_id, start, end in self.matcher(doc):
            kind, key = self.nlp.vocab.strings[match_id].split("|", 1)
            if kind == "cued":
                start += 1  # the cue word ("in", "Typ") is not part of the entity
            elif kind == "alone" and len(whole_message) != end - start:
                continue  # "Mitte" alone is an answer; "Mitte März" or "in der Mitte" is not
            label, value = self._values[key]
            span = doc[start:end]
            yield Entity(label, span.start_char, span.end_char, value, span.text)

    def _add_places(self, doc: Doc, text: str, found: _Found) -> list[tuple[int, int]]:
        """German cities (programmes.places): "Stadt Dortmund", "aus Essen", "Gelsenkirchen-Ückendorf", with
        the Bezirk of "Berlin-Friedrichshain" and the applicant an administrative word names ("Stadt",
        "Landeshauptstadt", "City of": a municipality). After a preposition the words say where people
        are, not who they are ("ein Verein aus der Stadt Essen", "an association in the city of Essen"):
        returns those words' character spans, which name no municipality."""
        located: list[tuple[int, int]] = []
        for mention in self._places.find(text, [(t.text, t.idx) for t in doc]):
            if mention.district:
                found.add(Entity("district", mention.start, mention.end, mention.district, mention.text))
                continue
            found.add(Entity("city", mention.start, mention.end, mention.city.name, mention.text))
            start, end = mention.title_start, mention.title_end
            if mention.title:
                found.add(Entity("organisation_type", start, end, "municipality", text[start:end]))
            elif mention.located:
                located.append((start, end))
        return located

    def _compound_entities(self, doc: Doc) -> Iterable[Entity]:
        """Programme abbreviations inside German compounds: "LSI-Antrag", "WdM-Maßnahmen", "BIWAQ-Projekt"."""
        for token in doc:
            if "-" not in token.text:
                continue
            offset = token.idx
            for part in token.text.split("-"):
                programme = self._short_programmes.get(part.casefold())
                if programme:
                    yield Entity("programme", offset, offset + len(part), programme, part)
                offset += len(part) + 1

    def _fuzzy_entities(self, doc: Doc, found: _Found) -> Iterable[Entity]:
        """Typos in longer names: "Neuköln", "Charlottenburg-Wilmersdorff", "Lokal Sozial Inovativ"."""
        for start in range(len(doc)):
            for end in range(min(len(doc), start + MAX_FUZZY_TOKENS), start, -1):
                span = doc[start:end]
                if not all(t.is_alpha or "-" in t.text for t in span) or not found.free(
                    span.start_char, span.end_char
                ):
                    continue
                key = fold(span.text)
                if len(key) < FUZZY_MIN_LENGTH or self._places.is_place_name(span.text):
                    continue  # a place's own name is no typo of another's: "Homburg", "Freiberg"
                limit = 1 if len(key) < 10 else 2
                best = min(
                    (
                        (edit_distance(key, k, limit), label, value)
                        for k, label, value in self._fuzzy.get(key[0], [])
                        if label != "city" or _city_typo(key, k)
                    ),
                    default=(limit + 1, "", ""),
                )
                if best[0] <= limit:
                    yield Entity(
                        best[1], span.start_char, span.end_char, best[2], span.text, confidence=0.8
                    )
                    break

    @staticmethod
    def _applicant_first(entities: list[Entity], text: str) -> list[Entity]:
        """ "Wir sind eine Nachbarschaftsgruppe und vermitteln Praktika bei Läden": the type the writers give
        themselves ("wir sind", "ich habe", "we are", "our") is the applicant; other organisations they
        mention (the shops) are not, when both are said."""
        kinds = [e for e in entities if e.entity == "organisation_type"]
        own = [e for e in kinds if SELF_REFERENCE.search(text[max(0, e.start - 40) : e.start])]
        if not own or len(own) == len(kinds):
            return entities
        return [e for e in entities if e.entity != "organisation_type" or e in own]

    @staticmethod
    def _negated(entity: Entity, text: str) -> bool:
        """ "kein Verein", "not a company", "keine GmbH": what the applicant is not is no organisation type.

        (What they are instead, "Nachbarschaftsinitiative, kein Verein", is found on its own.)
        """
        if entity.entity not in NEGATABLE:
            return False
        return bool(NEGATION_BEFORE.search(text[max(0, entity.start - 24) : entity.start]))

    @staticmethod
    def _with_size(entity: Entity, text: str) -> Entity:
        if entity.entity != "organisation_type" or entity.value != "small_business":
            return entity
        before = re.search(r"(\w+)\s+$", text[: entity.start])
        if not before or before.group(1).casefold() not in SIZE_WORDS:
            return entity
        start = before.start(1)
        return Entity(
            entity.entity,
            start,
            entity.end,
            entity.value,
            text[start : entity.end],
            confidence=entity.confidence,
        )

    @staticmethod
    def _implied(entities: list[Entity]) -> Iterable[Entity]:
        present = {e.entity for e in entities}
        seen: set[tuple[str, str]] = set()
        for e in entities:
            for label, value in gazetteer.implied_by(e.entity, e.value):
                if label in present or (label, value) in seen:
                    continue  # what the person said outranks what we infer
                seen.add((label, value))
                yield Entity(label, e.start, e.end, value, e.text, implied_by=e.entity)
