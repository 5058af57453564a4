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
    r"hier\s+schreibt|betreib\w*|führ\w*|inhaber\w*|we\s+are|we'?re|i\s+am|i'?m|i\s+run|i\s+own|"
    r"we\s+run|we\s+own|our|my|owner\s+of|"
    # spoken German drops the "ich": "bin der Andi, hab ne kleine Tischlerei"
    r"(?<=[,;:]\s)hab(?:e|')?)\b[^.,;!?]{0,30}$",
    re.IGNORECASE,
)
SHOP_CONFIDENCE = 0.7  # a shop of one's own says less than a legal form or a named type
# Shops and trades as compounds ("Fahrradladen", "Blumengeschäft", "Handwerksbetrieb"), when someone says
# it is theirs (SELF_REFERENCE).
OWN_SHOP = re.compile(
    r"\b\w*(?:laden|läden|geschäft|betrieb|bäckerei|kiosk|imbiss|boutique|salon|café|cafe|werkstatt|"
    r"tischlerei|schreinerei|schlosserei|druckerei|konditorei|metzgerei|fleischerei|schneiderei|rösterei|"
    r"restaurant|kneipe|shop|store|bakery|business|carpentry|joinery)\b",
    re.IGNORECASE,
)
# A café or shop the project sets up is what the project does, not who applies: "we want to run a repair
# cafe", "wir möchten ein Café für Arbeitslose eröffnen", "a community shop".
PROJECT_VENUE_BEFORE = re.compile(
    r"(?:\b(?:repair|community|neighbou?rhood|language|pop-?up|social|charity|reparatur|kiez|nachbarschafts|"
    r"begegnungs|sprach|stadtteil|sozial\w*|offene\w*)[\s-]+$"
    r"|\b(?:want|wants|wanted|like|love|plan|plans|planning|going|hope|hoping|aim|intend)\s+to\s+"
    r"(?:run|open|start|set\s+up|build|create|organi[sz]e|launch)\b[^.,;!?]{0,25}$)",
    re.IGNORECASE,
)
# "in the", "im", "at the": what follows is where something happens (no possessive: "in unserem Verein").
PLACE_BEFORE = re.compile(
    r"\b(?:in|im|ins|at|inside)\s+(?:the\s+|dem\s+|der\s+|einem\s+|einer\s+|a\s+)?$", re.IGNORECASE
)
PROJECT_VENUE_AFTER = re.compile(
    r"^[^.;!?]{0,60}\b(?:eröffnen|aufmachen|aufbauen|gründen|starten|einrichten|organisieren|anbieten)\b",
    re.IGNORECASE,
)
PROJECT_VENUE_FOR = re.compile(
    r"^,?\s+(?:für|for|where|wo|in\s+de[mr]|in\s+which|in\s+that)\b", re.IGNORECASE
)
PROJECT_VENUE_PLAN = re.compile(
    r"\b(?:wollen|möchten|planen|würden|will|wolln)\b[^.;!?]{0,40}$", re.IGNORECASE
)
# "wir sind nur ein paar Rentnerinnen", "we're five neighbours", "ich hab mit paar Freundinnen ne Idee":
# people who say they are a few private persons are a group without a legal form.
GROUP_OF_PEOPLE = re.compile(
    r"\b(?:wir\s+sind|we\s+are|we'?re|ich\s+(?:bin|hab\w*|habe)\s+mit|i'?m\s+with|me\s+and)\s+"
    r"(?:(?:nur|einfach|just|only|simply)\s+)?(?:(?:ein|a)\s+)?"
    r"(?:paar|wenige|einige|some|few|couple\s+of|handful\s+of|group\s+of|gruppe\s+von|\d{1,2}|zwei|drei|vier|"
    r"fünf|sechs|sieben|acht|neun|zehn|two|three|four|five|six|seven|eight|nine|ten)?\s*"
    r"(?:(?:ältere\w*|junge\w*|old|older|young|retired|local)\s+)?"
    r"(?:nachbar\w*|freund\w*|rentner\w*|seniorinnen|senioren|mütter|müttern|eltern|studierende\w*|"
    r"neighbou?rs|friends|pensioners|retirees|mums|moms|mothers|parents|students)\b",
    re.IGNORECASE,
)
# "wieso Unternehmen??", "hang on, small business?": a type repeated back as a question is no statement.
ECHO_WHY = re.compile(
    r"\b(?:wieso|warum|weshalb|why|how\s+come|wie\s+kommen\s+sie\s+auf|mean\s+by|meinen\s+sie\s+mit)"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
ECHO_ALONE = re.compile(r"^\W*(?:\w+\W+){0,2}$")  # "hang on, small business?"
# "unser Gebiet Sozialer Zusammenhalt", "our Sozialer Zusammenhalt area": the name of the urban development
# programme whose areas qualify (BIWAQ) says where the project is, not what it is for.
AREA_AFTER = re.compile(
    r"^[\"'“”„)]*[\s-]*(?:\w+[\s-]+)?(?:gebiet\w*|quartier\w*|area|areas|district|neighbou?rhood|programm\w*|"
    r"program\w*|förder\w*)\b",
    re.IGNORECASE,
)
AREA_BEFORE = re.compile(r"\b(?:gebiet\w*|programm\w*|programme|program|area)\s+[\"'“„]?$", re.IGNORECASE)
# "Beratung für kleine Betriebe", "advice for small local businesses", "together with the Jobcenter": the
# organisations a project serves or works with are not the applicant (unless the writers call them theirs).
BENEFICIARY_BEFORE = re.compile(
    r"\b(?:für|fuer|for|mit|with|zwischen|between|among|unterstütz\w*|support\w*|berat\w*|advis\w*|"
    r"vernetz\w*|connect\w*|helping|helfen|network\s+of|netzwerk\s+(?:der|von|aus)|"
    # whom they will contact: "I'll ring the Bezirksamt", "dann meld ich mich beim Bezirksamt"
    r"ring|call|anruf\w*|contact|ask|fragen|frage|talk\s+to|speak\s+to|beim|bei\s+(?:dem|der|einem|einer)|"
    # to whom they take a draft: "so I can bring it to the city", "das schick ich dann an die Stadt"
    r"(?:bring\w*|take|send\w*|give|hand\w*|submit\w*|schick\w*|bring\w*|geb\w*|reich\w*)\s+(?:\w+\s+){0,2}(?:to|an|zur|zum))"
    r"\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "I work for the city of Herne", "ich arbeite beim Bezirksamt": where the writer works is who applies.
WORKS_AT = re.compile(
    r"\b(?:work\w*|arbeite\w*|employed|angestellt|tätig|referent\w*|schreib\w*|writ\w*|frag\w*|ask\w*)\s+"
    r"(?:for|at|in|with|on\s+behalf\s+of|bei|beim|für|im|in\s+der)"
    r"\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "einen Antrag für einen Verein", "funding for our association": who the application or money is for applies.
FOR_THE_APPLICANT = re.compile(
    r"\b(?:antrag\w*|application|draft|entwurf|förder\w*|funding|money|geld|grant|zuschuss)\s+(?:für|fuer|for)\s+"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# Any German compound on "-verein" is a Verein ("Gewerbeverein", "Händlerverein", "Bürgervereins"), whatever
# the lexicon lists; "Vereinbarung" is not one.
VEREIN_COMPOUND = re.compile(r"\b\w{3,}verein(?:s|e|en|es)?\b", re.IGNORECASE)
# Shorter city names are too close to words: "Kessel" is no Kassel, "Muster" no Münster.
FUZZY_CITY_MIN_LENGTH = 8
# "kein Verein", "keine gGmbH", "not an association", "no company", Berlin "keen Verein": the type is
# denied, not stated.
NEGATABLE = frozenset({"organisation_type", "legal_form"})
NEGATION_BEFORE = re.compile(
    r"\b(?:kein|keine|keinen|keiner|keen|keene|keenen|keener|nicht|nich|not|no|neither|nor|nie)\s+(?:(?:ein|eine|einen|a|an|mehr|more|"
    r"richtiger|richtige|richtiges|offizieller|offizielle|eingetragener|registered|real)\s+){0,2}$",
    re.IGNORECASE,
)
MAX_FUZZY_TOKENS = 3
# Denied, these say the applicant is a group without a legal form ("kein Verein", "not a registered club").
DENIED_ASSOCIATION = frozenset({("organisation_type", "association"), ("legal_form", "e.V.")})
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
        soft_type_cues = ["like", "dann", "eher", "rather", "also"]
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
            # "sounds like B", "dann C", "eher A": a capital letter only ("I'd like a draft" names no type)
            self.matcher.add(f"cued|{key}", [[{"LOWER": {"IN": soft_type_cues}}, {"TEXT": variant}]])
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
        denied = [e for e in found.entities if self._negated(e, text)]
        found.entities = [
            self._with_size(e, text)
            for e in found.entities
            if e not in denied
            and not self._project_venue(e, text)
            and not self._echoed(e, text)
            and not self._names_area(e, text)
            and not self._served(e, text)
            and not self._meeting_place(e, text)
        ]
        found.entities += self._group_without_legal_form(denied, found.entities, text)
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
        for match in GROUP_OF_PEOPLE.finditer(text):
            if not NEGATION_BEFORE.search(text[max(0, match.start() - 24) : match.start()]):
                yield Entity("organisation_type", match.start(), match.end(), "initiative", match.group())
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
    def _group_without_legal_form(
        denied: list[Entity], kept: list[Entity], text: str
    ) -> list[Entity]:
        """ "Wir sind 5 Frauen aus der Ukraine … Wir haben noch kein Verein", "no club or anything official":
        people who say they are no association and nothing else are a group without a legal form."""
        if any(_settles_type(e) for e in kept):
            return []
        for entity in denied:
            if (entity.entity, entity.value) in DENIED_ASSOCIATION:
                window_start = max(0, entity.start - 24)
                negation = NEGATION_BEFORE.search(text[window_start : entity.start])
                start = window_start + negation.start() if negation else entity.start
                words = text[start : entity.end]
                return [Entity("organisation_type", start, entity.end, "initiative", words)]
        return []

    @staticmethod
    def _served(entity: Entity, text: str) -> bool:
        """ "Standortmarketing für die Gewerbetreibenden", "advice for small local businesses": an
        organisation the project serves or works with, in the same clause, is no applicant type."""
        if entity.entity != "organisation_type":
            return False
        clause = re.split(r"[.;!?]", text[max(0, entity.start - 40) : entity.start])[-1]
        if SELF_REFERENCE.search(clause) or FOR_THE_APPLICANT.search(clause) or WORKS_AT.search(clause):
            return False
        served = BENEFICIARY_BEFORE.search(clause)
        # "Anna here, with the Nachbarschaftsverein": a clause that starts with the word names the sender
        return bool(served and re.search(r"\w", re.split(r"[,:–-]", clause[: served.start()])[-1]))

    @staticmethod
    def _names_area(entity: Entity, text: str) -> bool:
        """ "Sozialer Zusammenhalt" as the name of an eligible area or its programme is no goal."""
        if entity.entity != "goal":
            return False
        return bool(
            AREA_AFTER.match(text[entity.end :])
            or AREA_BEFORE.search(text[max(0, entity.start - 30) : entity.start])
        )

    @staticmethod
    def _echoed(entity: Entity, text: str) -> bool:
        """ "wieso Unternehmen??", "hang on, small business? we're an e.V.": an applicant type asked back
        about (right after "why" in a question, or alone with a question mark) is not stated."""
        if entity.entity != "organisation_type":
            return False
        sentence_start = max((m.end() for m in re.finditer(r"[.!?]+\s*", text[: entity.start])), default=0)
        before = text[sentence_start : entity.start]
        rest = text[entity.end :]
        if re.match(r"\s*\?+\s*\w", rest) and ECHO_ALONE.match(before):
            return True  # asked back, then said what is right; "Verein?" alone is an unsure answer
        after = re.match(r"[^.!?]*[.!?]*", rest)
        return bool(after and "?" in after.group() and ECHO_WHY.search(before))

    @staticmethod
    def _meeting_place(entity: Entity, text: str) -> bool:
        """ "we do sewing every week in the Nachbarschaftshaus", "Wir treffen uns im Stadtteilzentrum": a
        place where people meet or work, named after "in (the)", is no applicant type. Where someone works
        ("ich arbeite im Bezirksamt") and their own organisation ("in unserem Verein") still count."""
        if entity.entity != "organisation_type":
            return False
        before = text[max(0, entity.start - 60) : entity.start]
        if not PLACE_BEFORE.search(before):
            return False
        return not WORKS_AT.search(before)

    @staticmethod
    def _project_venue(entity: Entity, text: str) -> bool:
        """ "We want to run a repair cafe", "Wir wollen ein Café für Arbeitslose eröffnen": the café or shop
        is what the project sets up, so it says nothing about who applies."""
        if entity.entity != "organisation_type" or entity.value != "small_business":
            return False
        if not OWN_SHOP.fullmatch(entity.text):
            return False  # "small business", "company", "freelancer" name the applicant
        before = text[max(0, entity.start - 60) : entity.start]
        if PROJECT_VENUE_BEFORE.search(before):
            return True
        if PROJECT_VENUE_FOR.search(text[entity.end :]) and not SELF_REFERENCE.search(before):
            return True  # "a job café for unemployed people", "ein Café, in dem Geflüchtete kochen"
        return bool(PROJECT_VENUE_PLAN.search(before) and PROJECT_VENUE_AFTER.search(text[entity.end :]))

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
