"""What one message means for the draft question just asked: an answer, a request, or unclear.

A value enters the draft only from the answer to the question asked, from an explicit correction, or from
the project description; questions and remarks change nothing. `decide` returns one of:

- `Answer`: the checked slot updates for the asked field, plus facts given on the side for other open
  fields ("Mara Beispiel, mara@example.org, 030 1234567" at the contact question), which the form confirms;
- `Reject`: the message asks something or asks for something (a question, "stop", "why?"): the form hands
  it to the rules and asks again afterwards;
- `Clarify`: it could be either ("Stop and Go Werkstatt" as a title; "hmm" at consent): ask back once,
  with buttons, and never guess on a stored value or on consent;
- `Retry`: an answer that cannot be used, with the reason (FieldError);
- `Defer`: the person leaves this answer for later (they finish the draft on the web page).
Plain Python: actions/draft_form.py runs it; tests/rasa/test_draft_turn.py covers it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from dataclasses import field as default_field
from typing import Any

from actions.draft import answers, description
from actions.draft.corrections import named_value, new_value_span, parse_corrections
from actions.draft.description import contact_beside
from actions.draft.questions import draft_fields
from actions.draft.state import INFERRED_SLOT
from bot.nlu.commands import bare_command, is_question
from bot.nlu.intents import PROGRAMME_QUESTIONS
from bot.nlu.polarity import NO, UNSURE, YES, polarity
from programmes.answers import (
    OPTIONAL,
    FieldError,
    contact_name_in,
    legal_form_in,
    target_groups_in,
    without_lead_in,
)
from programmes.answers import label as field_label
from programmes.numbers import with_digits
from programmes.vocabulary import TARGET_GROUPS

FREE_TEXT = frozenset(
    {
        "project_summary",
        "organisation_name",
        "legal_form",
        "contact_name",
        "city",
        "municipality",
        "area",
        "project_title",
    }
)
YES_NO = frozenset({"draft_confirmed", "draft_consent"})
# Intents that ask the assistant something: never an answer, whatever entities they carry.
QUESTION_INTENTS = frozenset(
    {
        *PROGRAMME_QUESTIONS,
        "ask_why_needed",
        "ask_capabilities",
        "bot_challenge",
        "ask_term",
        "ask_about_bot",
    }
)
# Intents that ask for something: the rules of data/rules/draft.yml carry them out.
COMMAND_INTENTS = frozenset(
    {
        "stop",
        "skip",
        "correct_answer",
        "request_human",
        "change_language",
        "try_again",
        "start_application",
        "goodbye",
    }
)
SOCIAL_INTENTS = frozenset({"greet", "thanks"})
# Commands whose one word is a plausible project title ("Help!"); stop, skip and the others stay commands.
TITLE_NOT_COMMAND = frozenset({"ask_capabilities"})
# Requests that may carry the asked answer itself ("then let's do LSI instead", "Antrag für LSI").
VALUE_CARRYING_INTENTS = frozenset({"correct_answer", "start_application"})
# Intents a number beside them overrules: a count or amount is an answer, not a goodbye.
LEAVE_TAKING_INTENTS = frozenset({"goodbye", "greet", "thanks"})
# A message in a language the assistant does not speak answers nothing; the rules answer it.
OTHER_LANGUAGE_INTENT = "other_language"
MAX_WORDS_BESIDE_YES_NO = 3
# Words that only confirm what a yes confirms ("Genau, das ist der Titel.", "Ja, so ist es richtig. Sie dürfen
# es speichern.", "yes, that is the title"): beside a yes they add nothing to read as a new answer.
CONFIRMING_WORDS = frozenset(re.findall(r"\S+",
    """das dies es ist sind war der die den dem so richtig korrekt genau stimmt passt gut schon auch ja
    jetzt übernehmen nehmen nimm sie du dürfen darfst darf gerne gern bitte speichern bestätigt alles
    so ists that this it is was the right correct fine good please take use store ok okay all yes now
    one exactly just like i said wie gesagt titel title name namen"""
))
MAX_WORDS_SHORT_ANSWER = 4
# Questions answered with a figure: a figure given there that is not asked as a question is the answer.
FIGURE_FIELDS = frozenset({"total_budget_eur", "requested_amount_eur", "duration_months", "start_date"})
# The NLU entity that carries each field's answer, where there is one.
ENTITY_FOR_FIELD = {
    "programme": "programme",
    "lsi_type": "lsi_type",
    "organisation_type": "organisation_type",
    "legal_form": "legal_form",
    "district": "district",
    "city": "city",
    "contact_email": "email",
    "contact_phone": "phone",
    "start_date": "date",
    "duration_months": "duration",
    "total_budget_eur": "amount",
    "requested_amount_eur": "amount",
    "target_groups": "target_group",
}
# Facts that may come on the side of another answer, by entity (amounts go nowhere on the side: which of
# the two amounts a bare number means is not clear).
SIDE_FIELD_FOR_ENTITY = {
    "lsi_type": "lsi_type",
    "email": "contact_email",
    "phone": "contact_phone",
    "date": "start_date",
    "duration": "duration_months",
    "district": "district",
    "target_group": "target_groups",
}
# A question about the question just asked ("Do you mean the name of the project? Is that important
# already?", "Muss das sein?"): it asks what is meant and why; the reason for the question answers it.
ABOUT_THE_QUESTION = re.compile(
    r"\b(?:(?:do|did)\s+you\s+mean|you\s+mean|what\s+do\s+you\s+mean|meinen\s+sie|meinst\s+du|meint\s+ihr|"
    r"is\s+(?:that|this|it)\s+(?:\w+\s+)?(?:important|necessary|needed|required|mandatory)|"
    r"(?:ist|wäre)\s+(?:das|es)\s+(?:\w+\s+)?(?:wichtig|nötig|notwendig|pflicht|erforderlich)|"
    r"muss\s+(?:das|ich\s+das|man\s+das)|do\s+(?:you|i|we)\s+(?:really\s+)?(?:need|have)\s+to|"
    r"brauch(?:en|t|st)\s+(?:sie|ihr|du)\s+das|why\s+do\s+you\s+(?:need|ask)|wozu|wofür\s+brauch)",
    re.IGNORECASE,
)
# "just dont store it please", "bitte nichts speichern", "speichern Sie das noch nicht": a no to storing,
# whatever else the message says yes to ("nothing to change").
REFUSES_STORING = re.compile(
    r"\b(?:(?:don'?t|dont|do\s+not|not|never|nicht|nichts|nix|kein\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:store|save|keep|speicher\w*|ablegen|aufheben)|(?:store|save|speicher\w*)\s+(?:\w+\s+){0,3}?"
    r"(?:not|nicht))\b",
    re.IGNORECASE,
)
# "Hab ich doch schon gesagt", "wie gesagt", "I already told you": the answer given before stands.
ALREADY_SAID = re.compile(
    r"\b(?:(?:hab|habe)\s+ich\s+(?:doch\s+)?(?:schon|bereits|eben)\s+(?:gesagt|geschrieben|beschrieben)|"
    r"(?:hab|habe)\s+ich\s+doch\s+(?:gesagt|geschrieben)|wie\s+(?:schon\s+)?gesagt|steht\s+doch\s+oben|"
    r"(?:i|we)\s+(?:already|just)\s+(?:said|told\s+you|described|wrote|gave)|as\s+i\s+(?:said|wrote)|"
    r"like\s+i\s+(?:said|wrote))\b",
    re.IGNORECASE,
)
# "please leave it open for now", "das reiche ich nach": the answer comes later, on the draft's web page.
LEAVE_OPEN = re.compile(
    r"\b(?:leave\s+(?:it|that|this)\s+(?:open|blank|empty)|keep\s+(?:it|that)\s+open|"
    r"(?:fill|add)\s+(?:it|that|this)\s+in\s+later|(?:offen\s+lassen|lass(?:en\s+sie|t)?\s+(?:das|es)\s+"
    r"(?:\w+\s+)?offen)|(?:reich|trag)\w*\s+(?:ich|wir)\s+(?:das\s+|es\s+)?(?:später\s+)?(?:nach|ein)\b)",
    re.IGNORECASE,
)
# "i dont have email", "wir haben keine Website", "hab ich nicht": there is no such answer to give.
DONT_HAVE = re.compile(
    r"\b(?:(?:i|we)\s+(?:don'?t|dont|do\s+not)\s+have|(?:i|we)\s+have\s+no|(?:i|we)\s+haven'?t\s+got|"
    r"(?:hab|habe|haben)\s+(?:ich\s+|wir\s+)?(?:kein|keine|keinen|keins)\b|(?:hab|habe|haben)\s+(?:ich|wir)\s+"
    r"(?:\w+\s+)?nicht|gibt\s+es\s+(?:noch\s+)?nicht|there\s+is\s+no|no\s+(?:e-?mail|phone|telephone))",
    re.IGNORECASE,
)
# "all of it", "den ganzen Betrag", "volle Förderung": the grant asked for is the whole budget.
ALL_OF_IT = re.compile(
    r"\b(?:all\s+of\s+it|the\s+whole\s+(?:amount|sum|thing|budget)|everything|the\s+full\s+amount|"
    r"full\s+funding|(?:den|die)\s+ganzen?\s+(?:betrag|summe)|alles|volle\s+förderung|komplett|"
    r"100\s*(?:%|prozent|percent))",
    re.IGNORECASE,
)
# What a bare "Tel." or "E-Mail:" label around a contact detail looks like, to cut it from a name.
# Words with which a message takes back an earlier answer: "doch nicht …, sondern …", "not … but …".
CHANGED_MIND = re.compile(
    r"\b(?:doch\s+nicht|nicht\s+mehr|sondern|stattdessen|statt|lieber\s+nur|actually|instead|rather\s+than|"
    r"not\s+\S+\s+but)\b",
    re.IGNORECASE,
)
# "Deniz Yilmaz, deniz@…, no phone": the optional phone question is answered with it.
NO_PHONE = re.compile(
    r"\b(?:no|kein\w*|ohne|without)\s+(?:tel(?:efon\w*)?|phone|fon|handy|mobil\w*|(?:phone\s+)?number|nummer)\b",
    re.IGNORECASE,
)
_CONTACT_LABELS = re.compile(
    # "no phone", "kein Telefon": that there is none is no part of the name either
    r"\b(?:(?:no|kein\w*|ohne|without)\s+(?:tel(?:efon\w*)?|phone|fon|handy|mobil\w*|number|nummer)|"
    r"tel(?:efon)?|phone|fon|handy|mobil|mobile|e-?mail|mail|erreichbar unter|reach me at)\b\.?:?",
    re.IGNORECASE,
)


HONORIFIC = re.compile(r"^\s*(?:frau|herr|hr\.|fr\.|mr\.?|mrs\.?|ms\.?|miss)\s+(?=[A-ZÄÖÜ])", re.IGNORECASE)


@dataclass(frozen=True)
class Answer:
    updates: dict[str, Any]
    side: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reject:
    intent: str


@dataclass(frozen=True)
class Clarify:
    """Ask back. kind "answer": take `value` for `field` or do `alternative` (an intent) instead;
    kind "yes_no": the person did not say yes or no clearly."""

    field: str
    kind: str
    value: Any = None
    alternative: str | None = None
    shown: bool = False  # value is a checked answer to show formatted ("12 Monate"), not the text typed


@dataclass(frozen=True)
class Retry:
    error: FieldError | None


@dataclass(frozen=True)
class Defer:
    """A required answer left open for later (the person finishes it on the draft's web page); `side`:
    facts given with it for other open fields ("i dont have email. only telefon 030 3331234")."""

    field: str
    side: dict[str, Any] = default_field(default_factory=dict)


@dataclass(frozen=True)
class Skip:
    """An optional question answered with a no ("nah", "lieber nicht"): left out, not asked again."""

    field: str
    side: dict[str, Any] = default_field(default_factory=dict)


@dataclass(frozen=True)
class Explain:
    """A question about the question ("Do you mean the name of the project? Is that important?"): the
    form says what it asks for and why, and asks again."""

    field: str


@dataclass(frozen=True)
class Correct:
    """The message corrects an earlier answer ("nicht Moabit, sondern Neukölln" at check-your-answers),
    whatever the classifier named it: actions/draft_steps.correction_events carries it out."""


@dataclass(frozen=True)
class OfferDefer:
    """ "keine Ahnung" to a required question: a hint how to answer it, and the offer to leave it open."""

    field: str


@dataclass(frozen=True)
class Leave:
    """No draft after all: at the programme question (after hearing that the chosen programme is not for
    them) the person declines or takes leave ("nee, dann lass ich das", "ok, then forget it, thanks")."""


Decision = Answer | Reject | Clarify | Retry | Defer | Skip | Correct | Leave | OfferDefer | Explain

# Taking leave: thanks or goodbye with no programme named ("ok, dann red ick mit dem Bezirksamt. Danke!")
TAKING_LEAVE = re.compile(
    r"\b(?:danke\w*|thanks?|thank\s+you|tschüss|tschüs|bye|ciao|forget\s+it|never\s*mind|vergiss\s+es|"
    r"lass(?:en)?\s+(?:ich|wir)\s+(?:das|es)|kein\s+interesse|no\s+interest)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Message:
    """The parts of a parsed user message the decision needs (Rasa's `latest_message`)."""

    text: str
    intent: str
    entities: tuple[Mapping[str, Any], ...] = ()

    @classmethod
    def from_parse(cls, latest: Mapping[str, Any]) -> Message:
        return cls(
            text=(latest.get("text") or "").strip(),
            intent=((latest.get("intent") or {}).get("name") or ""),
            entities=tuple(latest.get("entities") or ()),
        )

    @property
    def is_payload(self) -> bool:
        """A button's payload ("/affirm", '/inform{"lsi_type":"A"}'): its intent is what was meant."""
        return self.text.startswith("/")

    def written(self, entity: str) -> list[str]:
        """The entity as the person wrote it (from its character offsets)."""
        return [
            self.text[int(e["start"]) : int(e["end"])]
            for e in self.entities
            if e.get("entity") == entity and "start" in e and not e.get("implied_by")
        ]

    def values(self, entity: str, explicit_only: bool = False) -> list[Any]:
        return [
            e.get("value")
            for e in self.entities
            if e.get("entity") == entity and not (explicit_only and e.get("implied_by"))
        ]


def _check(
    field_name: str, value: Any, slots: Mapping[str, Any], lang: str, today: dt.date
) -> Decision:
    try:
        return Answer(answers.check(field_name, value, slots, lang, today))
    except FieldError as error:
        return Retry(error)


def _yes_no(message: Message) -> str | None:
    if message.is_payload:
        return {"affirm": YES, "deny": NO}.get(message.intent)
    return polarity(message.text).value


def _side_facts(
    field_name: str, message: Message, slots: Mapping[str, Any], lang: str, today: dt.date
) -> dict[str, Any]:
    """Checked values for other open fields that the answer names too; none from a question."""
    if is_question(message.text) or field_name in ("project_title", "project_summary"):
        return {}
    side: dict[str, Any] = {}
    for entity, other in SIDE_FIELD_FOR_ENTITY.items():
        if other == field_name or slots.get(other) not in (None, "", []):
            continue
        if field_name in FREE_TEXT and entity not in ("email", "phone"):
            continue  # "Kiezküche Neukölln e.V." names no district: a name is no place
        values = message.values(entity, explicit_only=True)
        if entity == "phone":
            values = message.written(entity)  # a phone number is kept as written
        if not values:
            continue
        value = values if entity == "target_group" else values[0]
        try:
            side.update(answers.check(other, value, {**slots, **side}, lang, today))
        except FieldError:
            continue
    return side


def _without_contacts(text: str, message: Message) -> str:
    """A name with the e-mail address and phone number given beside it cut out."""
    spans = sorted(
        (e["start"], e["end"])
        for e in message.entities
        if e.get("entity") in ("email", "phone") and "start" in e
    )
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    text = _CONTACT_LABELS.sub(" ", text)
    return " ".join(re.sub(r"\s*[,;/|]\s*(?=[,;/|]|$)|^\s*[,;/|]\s*", " ", text).split()).strip(
        " ,;/|-"
    )


def _has_number(text: str, lang: str) -> bool:
    """Digits, or a number in words ("sechs bis acht", "a dozen")."""
    return bool(re.search(r"\d", with_digits(text, lang).text))


def _only_confirms(message: Message, field_name: str) -> bool:
    """A yes whose other words only confirm (CONFIRMING_WORDS, or the words of the field's name)."""
    labels = [field_label(field_name, lang) for lang in ("de", "en")] if field_name not in YES_NO else []
    own = {w for label in labels for w in _words(label)}
    rest = _words(" ".join(polarity(message.text).rest))
    return bool(rest) and all(w in CONFIRMING_WORDS or w in own for w in rest)


def _asks_about_the_question(text: str) -> bool:
    """ "Do you mean the name of the project? Is that important already? We don't have one yet.": a question
    about what the question means or why it is asked, as the first sentence of the message."""
    first = re.split(r"(?<=[?!.])\s+", text.strip(), maxsplit=1)[0]
    return is_question(first) and bool(ABOUT_THE_QUESTION.search(first))


def _ends_with_yes(message: Message) -> bool:
    """A message whose last sentence is a plain yes after a question or remark: "is that important? ok yes
    use it", "Hm, dauert das lange? Na gut, ja." """
    sentences = [s for s in re.split(r"(?<=[.?!;])\s+", message.text) if s.strip()]
    if len(sentences) < 2:
        return False
    last = Message(sentences[-1], message.intent)
    said = polarity(last.text)
    return said.value == YES and (
        len(said.rest) <= MAX_WORDS_BESIDE_YES_NO or _only_confirms(last, "draft_confirmed")
    )


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold().replace("’", "'").replace("'", ""))


def _same_words(text: str, value: Any) -> bool:
    def words(item: Any) -> list[str]:
        return re.findall(r"\w+", str(item or "").casefold())

    return bool(words(text)) and words(text) == words(value)


def _free_text(
    field_name: str, message: Message, slots: Mapping[str, Any], lang: str, today: dt.date
) -> Decision:
    """The message is the answer unless it is only a command or plainly a question to the assistant."""
    command = bare_command(message.text)
    if command in TITLE_NOT_COMMAND and field_name == "project_title" and message.text[:1].isupper():
        # "Help!" written as a title is a title: a cue word alone never hijacks an answer, and a person
        # who is stuck gets the ways out when a question comes a third time ("hilfe" typed as a cry for
        # help is one)
        return _check(field_name, message.text, slots, lang, today)
    if command:
        return Reject(command)
    if message.intent in QUESTION_INTENTS and is_question(message.text):
        return Reject(message.intent)
    if _asks_about_the_question(message.text):
        return Explain(field_name)
    named = named_value(message.text) if field_name in ("project_title", "organisation_name") else None
    if named:
        # "No! That was a question. Let's call it Fifty Plus Works.": the name it gives is the answer
        return _check(field_name, named, slots, lang, today)
    value = message.text
    if field_name in ("contact_name", "organisation_name"):
        value = _without_contacts(value, message) or value
    if field_name == "contact_name":
        # "Frau Petra Lindqvist", "Mr. Ali Khan": the form of address is no part of the name
        value = HONORIFIC.sub("", value).strip() or value
    if field_name == "project_summary":
        value = without_lead_in(value)
    names_legal_form = field_name in ("organisation_name", "legal_form") and legal_form_in(value)
    # "Mark Jensen" or "Hannah Lee" at the contact question is a name, whatever the classifier heard in it.
    names_person = field_name == "contact_name" and contact_name_in(value) is not None
    # "dann lieber LSI, Typ A" at the contact question is no name: it talks about the draft itself
    talks_about_draft = field_name != "project_summary" and any(
        message.values(entity, explicit_only=True) for entity in ("programme", "lsi_type", "amount", "date")
    )
    # a description names places, people and figures of its own: that corrects nothing
    corrects = field_name != "project_summary" and _corrects_another_answer(field_name, message, None)
    if not names_legal_form and not names_person and (
        message.intent in QUESTION_INTENTS | COMMAND_INTENTS | SOCIAL_INTENTS
        or is_question(message.text)
        or talks_about_draft
        or corrects
    ):
        alternative = message.intent if message.intent in QUESTION_INTENTS | COMMAND_INTENTS else None
        alternative = "correct_answer" if corrects else alternative
        return Clarify(field_name, "answer", value=value, alternative=alternative)
    person = contact_beside(value) if field_name == "organisation_name" else None
    if person:
        value = person[0]
    decided = _check(field_name, value, slots, lang, today)
    if isinstance(decided, Answer):
        if person and slots.get("contact_name") in (None, ""):
            # "…, ich bin die Vorsitzende, Gül Aksoy": the contact person beside the organisation
            side = _side_facts(field_name, message, slots, lang, today)
            with suppress(FieldError):
                side.update(answers.check("contact_name", person[1], slots, lang, today))
            return Answer(decided.updates, side)
        if field_name == "project_summary":
            return Answer(
                decided.updates, description_facts(value, {**slots, **decided.updates}, lang, today)
            )
        return Answer(decided.updates, _side_facts(field_name, message, slots, lang, today))
    return decided


def description_facts(text: str, slots: Mapping[str, Any], lang: str, today: dt.date) -> dict[str, Any]:
    """Checked answers a project description gives for fields still open (actions/draft/description.py).

    Target groups taken from an earlier description (still marked inferred, not confirmed) grow by the
    groups this one names: "für Ältere" first, then "ältere Arbeitslose über 55" gives both groups."""
    facts: dict[str, Any] = {}
    found = description.extract(text, lang)
    groups = slots.get("target_groups")
    if groups and "target_groups" in found and "target_groups" in (slots.get(INFERRED_SLOT) or []):
        more = [g for g in found.pop("target_groups") if g not in groups]
        if more:
            facts["target_groups"] = [g for g in TARGET_GROUPS if g in groups or g in more]
    for name, raw in found.items():
        if name == "project_summary" or slots.get(name) not in (None, "", []) or name in facts:
            continue
        try:
            facts.update(
                {
                    k: v
                    for k, v in answers.check(name, raw, {**slots, **facts}, lang, today).items()
                    if k == name or slots.get(k) in (None, "", [])
                }
            )
        except FieldError:
            continue
    return facts


# Entities that name a draft answer; a message carrying one at another question changes that answer.
FIELD_ENTITIES = frozenset(ENTITY_FOR_FIELD.values()) - {"programme"}
# Who the applicant is changes only when they say it of themselves ("nein, wir sind ein Verein"); a word for
# a kind of organisation elsewhere ("don't store it", "die kleinen Einzelhändler", "the city") is no change.
APPLICANT_ENTITIES = frozenset({"organisation_type", "legal_form"})
SELF_REFERENCE = re.compile(
    r"\b(?:wir\s+sind|sind\s+wir|ich\s+bin|bin\s+ich|wir\s+haben|unser\w*|we\s+are|we're|are\s+we|i\s+am|i'm|"
    r"our|als\s+(?:ein\w*|eine?)\b|as\s+an?\b)",
    re.IGNORECASE,
)


def _changed_variant(
    field_name: str, message: Message, slots: Mapping[str, Any], lang: str, today: dt.date
) -> dict[str, Any]:
    """The project type an answer names beside the asked value when it differs from the chosen one (the
    type decides the limits the answer is checked against); empty when it names none, the same, or one
    the programme does not have. Never from a question."""
    if field_name == "lsi_type" or not slots.get("lsi_type") or is_question(message.text):
        return {}
    named = message.values("lsi_type", explicit_only=True)
    if len(set(named)) != 1 or named[0] == slots.get("lsi_type"):
        return {}
    try:
        return answers.check("lsi_type", named[0], slots, lang, today)
    except FieldError:
        return {}


def _answered(entity: str, slots: Mapping[str, Any]) -> bool:
    """Whether a field the entity names has an answer already (only an answer can be corrected)."""
    return any(
        slots.get(name) not in (None, "", []) for name, named in ENTITY_FOR_FIELD.items() if named == entity
    )


def _corrects_another_answer(
    field_name: str, message: Message, slots: Mapping[str, Any] | None
) -> bool:
    """ "not Neukölln but Wedding" at check-your-answers, "nein, die Dauer ist 6 Monate" at the title: a
    no, a "not X but Y" or a "Y instead of X", and a value of an answer given earlier other than the asked
    one ("i dont have email. only telefon 030 3331234" gives a phone number not asked yet: no correction).
    `slots` None: any other answer's value counts (a free-text answer is asked back, never corrected)."""
    if message.is_payload or is_question(message.text):
        return False
    own = ENTITY_FOR_FIELD.get(field_name)
    if own and message.values(own, explicit_only=True):
        return False  # "nee, dann lieber LSI, Typ A" at the programme question answers it (type beside)
    others = [
        e
        for e in FIELD_ENTITIES
        if e != own
        and message.values(e, explicit_only=True)
        and (slots is None or _answered(e, slots))
    ]
    if not SELF_REFERENCE.search(message.text):
        others = [e for e in others if e not in APPLICANT_ENTITIES]
    if not others:
        return False
    return polarity(message.text).value in (NO, UNSURE) or new_value_span(message.text) is not None


def _names_a_new_value(field_name: str, message: Message, slots: Mapping[str, Any]) -> bool:
    """ "The contact person must be Gisela Wagner." at check-your-answers: a field named with a new value
    for it, whatever the classifier heard in it ("person" is no call for a person)."""
    if field_name != "draft_confirmed" or message.is_payload or is_question(message.text):
        return False
    if not message.values("field"):
        return False
    fields = draft_fields(slots)
    found = parse_corrections(message.text, list(message.entities), fields, slots)
    return any(c.field and c.value is not None for c in found)


def _yes_no_answer(
    field_name: str, message: Message, said: str | None, slots: Mapping[str, Any]
) -> Decision:
    """Check your answers and consent: a clear yes or no; a correction or question goes to the rules;
    anything else is asked back (consent to storing personal data needs a clear yes).

    A no may come with reasons ("nö lass mal, ich muss erst mit meiner Mitgründerin reden"): nothing is
    stored. A yes counts with at most a few words beside it; a longer one may carry a change.
    """
    short = message.is_payload or len(polarity(message.text).rest) <= MAX_WORDS_BESIDE_YES_NO
    if _corrects_another_answer(field_name, message, slots) or _names_a_new_value(field_name, message, slots):
        return Correct()
    if field_name == "draft_consent" and REFUSES_STORING.search(message.text) and not message.is_payload:
        return Answer({field_name: False})  # "nothing to change. just dont store it please"
    if field_name == "draft_confirmed" and REFUSES_STORING.search(message.text) and not message.is_payload:
        # "Honestly, please don't save this, I'll fill in the form myself": no storing, whatever the check
        return Answer({field_name: True, "draft_consent": False})
    if said == YES and (short or _only_confirms(message, field_name)):
        return Answer({field_name: True})
    if said == NO and (short or field_name == "draft_consent") and message.intent != "correct_answer":
        return Answer({field_name: False})
    if message.intent in QUESTION_INTENTS | COMMAND_INTENTS and not message.is_payload:
        return Reject(message.intent)
    command = bare_command(message.text)
    if command:
        return Reject(command)
    if said == NO:
        return Answer({field_name: False})
    return Clarify(field_name, "yes_no")


def _raw_value(field_name: str, message: Message) -> Any:
    if field_name == "contact_phone":
        return message.text  # kept as written ("030 1234567"), the reader finds the number in it
    entity = ENTITY_FOR_FIELD.get(field_name)
    values = message.values(entity) if entity else []
    if field_name == "target_groups":
        # "Frauen mit Migrationsgeschichte": every group named counts, from the NLU and from the words
        return list(dict.fromkeys([*values, *target_groups_in(message.text)])) or message.text
    return values[0] if values else message.text


def decide(
    field_name: str,
    latest: Mapping[str, Any],
    slots: Mapping[str, Any],
    lang: str,
    today: dt.date,
    pending: Mapping[str, Any] | None = None,
) -> Decision:
    """What the latest message means for the question `field_name` (see the module docstring).

    `pending` is the open ask-back of the previous turn for this field ({"field", "kind", "value"}; kind
    "answer", "offered", "defer", "change").
    """
    message = Message.from_parse(latest)
    if message.intent == OTHER_LANGUAGE_INTENT:
        return Reject(message.intent)
    said = _yes_no(message)
    # "ja", "nein danke", "👍": a yes or no with at most a few words beside it
    short = message.is_payload or len(polarity(message.text).rest) <= MAX_WORDS_BESIDE_YES_NO
    if pending and pending.get("field") == field_name:
        # "answer": an ask-back of what the person wrote; "offered": a value from earlier, shown with its
        # question. Yes takes it; anything else is read as the answer to the question.
        offered = pending.get("kind") in ("answer", "offered")
        if offered and (
            (said == YES and (short or _only_confirms(message, field_name))) or _ends_with_yes(message)
        ):
            return _check(field_name, pending.get("value"), slots, lang, today)
        if offered and ALREADY_SAID.search(message.text) and not is_question(message.text.split(",")[-1]):
            # "Hab ich doch schon gesagt, die Nähwerkstatt …": what was said before is the answer
            return _check(field_name, pending.get("value"), slots, lang, today)
        if offered and _same_words(message.text, pending.get("value")):
            # The same answer typed again after the ask-back: that is what the person means.
            return _check(field_name, pending.get("value"), slots, lang, today)
        if offered and said == NO and short:
            return Retry(None)
        if pending.get("kind") == "defer" and (message.intent == "skip" or (said == YES and short)):
            return Defer(field_name)
        if pending.get("kind") == "defer" and said == NO and short:
            return Retry(None)  # "nein, ich antworte jetzt": the question again, nothing left open
    if message.is_payload and message.intent in QUESTION_INTENTS | COMMAND_INTENTS | SOCIAL_INTENTS:
        return Reject(message.intent)
    if field_name in YES_NO:
        return _yes_no_answer(field_name, message, said, slots)
    if field_name in FREE_TEXT and not message.is_payload:
        return _free_text(field_name, message, slots, lang, today)
    return _structured(field_name, message, slots, lang, today, said, short)


# "6 bis 8", "10-12", "ten to twelve" (number words read as digits first)
COUNT_RANGE = re.compile(
    r"(?<![\d.,])(\d{1,4})\s*(?:-|–|bis|to|or|oder)\s*(\d{1,4})(?![\d.,])", re.IGNORECASE
)


def _range_top(text: str, lang: str) -> int | None:
    """The upper end of the one range of whole numbers a message gives ("sechs bis acht", "10-12 Leute")."""
    readable = with_digits(text, lang).text
    ranges = COUNT_RANGE.findall(readable)
    if len(ranges) != 1 or len(re.findall(r"\d+", readable)) != 2:
        return None
    low, high = (int(n) for n in ranges[0])
    return high if low < high else None


def _both_amounts(
    field_name: str, message: Message, slots: Mapping[str, Any], lang: str, today: dt.date
) -> Decision | None:
    """ "Insgesamt 18.000 €, davon beantragen wir 15.000" at either amount question gives both amounts."""
    if is_question(message.text):
        return None
    named = description.amounts_by_role(message.text, lang)
    if len(named) < 2 or field_name not in named:
        return None
    other = "requested_amount_eur" if field_name == "total_budget_eur" else "total_budget_eur"
    try:
        updates = answers.check(field_name, named[field_name], {**slots, other: None}, lang, today)
        side = answers.check(other, named[other], {**slots, **updates}, lang, today)
    except FieldError as error:
        return Retry(error)
    # The other amount is set only while open, or when the message changes it in so many words ("und wir
    # beantragen doch nicht 19.000, sondern nur 18.000").
    changes = bool(CHANGED_MIND.search(message.text))
    return Answer(updates, side if slots.get(other) in (None, "") or changes else {})


def _structured(
    field_name: str,
    message: Message,
    slots: Mapping[str, Any],
    lang: str,
    today: dt.date,
    said: str | None,
    short: bool,
) -> Decision:
    """An answer the field's reader must understand: an amount, a date, a type, a district, …"""
    command = bare_command(message.text)
    if command:
        return Reject(command)
    if (
        field_name == "programme"
        and not message.values("programme")
        and not is_question(message.text)
        and (said == NO or TAKING_LEAVE.search(message.text))
    ):
        return Leave()
    if field_name in OPTIONAL and said in (NO, UNSURE) and short and not _has_number(message.text, lang):
        return Skip(field_name)  # "nah", "weiß nicht" to an optional question: leave it out
    if _corrects_another_answer(field_name, message, slots):
        return Correct()
    if LEAVE_OPEN.search(message.text) or DONT_HAVE.search(message.text):
        own = _check(field_name, _raw_value(field_name, message), slots, lang, today)
        if not isinstance(own, Answer):
            side = _side_facts(field_name, message, slots, lang, today)
            return Skip(field_name, side) if field_name in OPTIONAL else Defer(field_name, side)
    if (
        field_name == "requested_amount_eur"
        and slots.get("total_budget_eur")
        and ALL_OF_IT.search(message.text)
        and not _has_number(message.text, lang)
    ):
        return _check(field_name, slots["total_budget_eur"], slots, lang, today)
    changed = _changed_variant(field_name, message, slots, lang, today)
    if changed:
        # "ok then make it type A, with 12 months" at the duration question of a type B draft: the answer
        # is read for the type the same message chooses, and the new type is confirmed with it.
        decided = _structured(field_name, message, {**slots, **changed}, lang, today, said, short)
        if isinstance(decided, Answer):
            return Answer(decided.updates, {**decided.side, **changed})
    span = new_value_span(message.text)
    if span and not message.values("field"):  # "12 Monate, äh nee, doch lieber 9": the new value answers
        corrected = _check(field_name, message.text[span[0] : span[1]], slots, lang, today)
        if isinstance(corrected, Answer):
            updated = {**slots, **corrected.updates}
            return Answer(corrected.updates, _side_facts(field_name, message, updated, lang, today))
    if field_name in ("total_budget_eur", "requested_amount_eur") and not message.is_payload:
        both = _both_amounts(field_name, message, slots, lang, today)
        if both is not None:
            return both
    decided = _check(field_name, _raw_value(field_name, message), slots, lang, today)
    if field_name == "participants" and not isinstance(decided, Answer) and not is_question(message.text):
        most = _range_top(message.text, lang)
        if most is not None:
            # "sechs bis acht": the draft plans for the most, if the person agrees
            return Clarify(field_name, "answer", value=str(most))
    if said == UNSURE and not isinstance(decided, Answer) and field_name not in OPTIONAL:
        return OfferDefer(field_name)  # "keene Ahnung, wat kostet denn sowat?"
    if is_question(message.text) and not message.is_payload:
        if message.intent in QUESTION_INTENTS | COMMAND_INTENTS:
            return Reject(message.intent)
        # "Geht auch 12 Monate?" may be an answer or a question: never store it unasked.
        if isinstance(decided, Answer):
            return Clarify(field_name, "answer", value=decided.updates.get(field_name), shown=True)
        return decided
    is_request = message.intent in QUESTION_INTENTS | COMMAND_INTENTS and not message.is_payload
    if is_request and message.intent in LEAVE_TAKING_INTENTS and _has_number(message.text, lang):
        # "sechs bis acht" at the participants question is no "bis bald": numbers answer a number question
        return decided
    # "A bitte" to the project type is an answer, whatever the classifier thought of "bitte"; so is
    # "ok, then let's do LSI instead" to the programme question: it names the asked answer itself.
    short_answer = isinstance(decided, Answer) and len(message.text.split()) <= MAX_WORDS_SHORT_ANSWER
    names_it = isinstance(decided, Answer) and (
        (
            message.intent in VALUE_CARRYING_INTENTS
            and bool(message.values(ENTITY_FOR_FIELD.get(field_name, ""), explicit_only=True))
        )
        # "dann beantragen wir die ganzen 12.000": in a running draft, "beantragen" without a programme
        # is no request for a new draft
        or (message.intent == "start_application" and not message.values("programme"))
    )
    # "Achtzehntausend, genau wie die Förderung." at the budget question: a figure that is no question
    # answers a figure's question, whatever the classifier thought of the words around it
    gives_figure = (
        isinstance(decided, Answer)
        and field_name in FIGURE_FIELDS
        and bool(message.values(ENTITY_FOR_FIELD.get(field_name, ""), explicit_only=True))
        and message.intent in QUESTION_INTENTS
    )
    if is_request and not (short_answer or names_it or gives_figure):
        if message.intent in QUESTION_INTENTS and isinstance(decided, Answer):
            # "a start-up, founded last year" read as a question about who may apply: no question mark, no
            # question word, and it answers the question: ask back rather than guess either way.
            return Clarify(field_name, "answer", value=decided.updates.get(field_name), shown=True)
        return Reject(message.intent)
    if isinstance(decided, Answer):
        side = _side_facts(field_name, message, {**slots, **decided.updates}, lang, today)
        return Answer(decided.updates, side)
    return decided
