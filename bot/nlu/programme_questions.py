"""A question that names a programme is a question about that programme, whatever else it mentions;
a message that asks to apply for a named programme asks to start the draft.

"Can our association in Wedding still apply for PEB?" or "Kann unsere GmbH in Marzahn WdM direkt
beantragen?" carry facts about the applicant, so the classifier may take them for the start of the programme
guidance; the person asked something and gets the answer first. The kind of question is read from its words.
"""

from __future__ import annotations

import re

from bot.nlu.commands import is_question
from bot.nlu.polarity import REFUSED_DRAFT

# Intents a question about a named programme is mistaken for.
MISTAKEN_FOR = frozenset(
    {
        "find_programme",
        "describe_project",
        "inform",
        "start_application",
        "out_of_scope",
        "affirm",
        "deny",
        "nlu_fallback",
        "correct_answer",
    }
)
_I = re.IGNORECASE
# In order: whether it still runs outranks who may apply ("can we still apply for PEB?").
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ask_programme_deadline",
        re.compile(
            r"\b(?:noch|still|läuft|laeuft|laufen|offen|open|frist\w*|deadline\w*|bis wann|wann|when|"
            r"aufruf\w*|"
            r"call|runde|round|ended|beendet|vorbei|over|existiert|exist|running|active|aktuell|currently)\b",
            _I,
        ),
    ),
    (
        "ask_programme_who",
        re.compile(
            r"\b(?:darf|dürfen|duerfen|kann|können|koennen|könnten|may|can|could|eligible|berechtigt|"
            r"antragsberechtigt|wer|who|allowed)\b.*\b(?:beantrag\w*|bewerb\w*|antrag\w*|apply|application|"
            r"mitmachen|teilnehmen|join|take part|nutzen|use|bekommen|get)\b",
            _I,
        ),
    ),
    (
        "ask_programme_amount",
        re.compile(
            r"\b(?:wie ?viel\w*|how much|betrag|summe|geld|kohle|knete|höchst\w*|maximal\w*|max|förderhöhe|"
            r"amount|money|euro|€)",
            _I,
        ),
    ),
    ("ask_programme_duration", re.compile(r"\b(?:wie lange|how long|dauer|laufzeit|duration)\b", _I)),
    (
        "ask_programme_contact",
        re.compile(
            r"\b(?:wen|whom|ansprech\w*|kontakt\w*|contact|anrufen|call|melden|talk to|reach|an wen|wohin|"
            r"who\s+(?:do|should|can|shall|could)\s+(?:i|we)\s+(?:ask|talk|turn|go|send|write|call))\b",
            _I,
        ),
    ),
    (
        "ask_programme_apply",
        re.compile(
            r"\b(?:wie\s+(?:\w+\s+)?beantrag\w*|wie\s+(?:\w+\s+)?bewerb\w*|"
            r"how (?:do|can|to) (?:we |i )?apply|"
            r"antragsverfahren|application process)\b",
            _I,
        ),
    ),
)


# "einen Antrag für BIWAQ stellen", "LSI beantragen", "einen LSI-Antrag", "apply for WdM", "Ich möchte einen
# Antrag stellen, for LSI": a request to apply, however much else the message says about the applicant.
APPLY_REQUEST = re.compile(
    r"\b(?:antrag\w*\s+(?:für|auf|bei|zu)\b|\w+-antrag\w*|beantragen|bewerben|apply(?:ing)?\s+for|"
    r"antrag\s+(?:\w+\s+)?(?:stellen|einreichen|schreiben|machen|anlegen)|"
    r"(?:want|like|wish)\s+to\s+apply|application\s+for|draft\s+for|entwurf\s+für)",
    _I,
)


# "I thought only Bezirksämter can apply for that", "nur Bezirksämter dürfen das beantragen": a sentence about
# who may apply is a rule the person states, not a request to apply.
ABOUT_THE_RULE = re.compile(
    r"\b(?:only|nur|thought|dachte|glaube|meines\s+wissens|heard|gehört|can'?t|cannot|kann\s+nicht|"
    r"können\s+nicht|dürfen\s+nicht|darf\s+nicht|not\s+allowed|nicht\s+selbst)\b",
    _I,
)
QUESTION_INTENTS = frozenset(kind for kind, _ in KINDS) | {"ask_programme_what"}
# "ok whatever, 6 months and 40k sounds like B. let's do the draft", "dann lass uns den Antrag machen": a
# request to start the draft (for the programme recommended or asked about), whatever else the message says.
DRAFT_REQUEST = re.compile(
    r"\b(?:let'?s\s+(?:do|start|make|write|begin|prepare)\s+(?:the|a|an|this|that)\s+(?:draft|application)|"
    r"(?:start|begin|create|open|prepare)\s+(?:the|a|an)\s+(?:\w+\s+)?(?:draft|application)|"
    r"(?:den|einen|nen|'n)\s+(?:entwurf|antrag\w*)\s+(?:machen|anlegen|starten|schreiben|beginnen|erstellen)|"
    r"(?:entwurf|antragsentwurf)\s+(?:anlegen|machen|starten|erstellen))\b",
    _I,
)
# Intents a request to start the draft is mistaken for; a refusal ("no, don't start a draft") stays one.
DRAFT_REQUEST_MISTAKEN_FOR = frozenset(
    {"describe_project", "find_programme", "inform", "affirm", "nlu_fallback"}
)


def asks_to_apply(text: str) -> bool:
    """A sentence that is no question asks to apply: "Geht das mit LSI Typ A? Dann bitte direkt einen
    Antrag anlegen." asks to start, whatever the question before it; "I thought only Bezirksämter can apply
    for that." states a rule and asks nothing."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return any(
        APPLY_REQUEST.search(s) and not is_question(s) and not ABOUT_THE_RULE.search(s) for s in sentences
    )


# "was ist der Unterschied zwischen B und C?", "what's a development project vs a model project?": a
# question about the project types, answered with the types (whatever else the message says).
TYPES_DIFFERENCE = re.compile(
    r"\b(?:unterschied\w*|unterscheid\w*|difference\w*|differ|vs\.?|versus)\b", _I
)
TYPE_WORDS = re.compile(
    r"\b(?:typ\w*|types?|projektart\w*|[ABC]|mikro\w*|entwicklungs\w*|modell\w*|micro\w*|development|"
    r"model)\b"
)


def asks_about_types(text: str) -> bool:
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return any(
        is_question(s) and TYPES_DIFFERENCE.search(s) and TYPE_WORDS.search(s) for s in sentences
    )


def asks_for_draft(text: str) -> bool:
    """A sentence that is no question asks to start the draft ("let's do the draft"), and none refuses it."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return not REFUSED_DRAFT.search(text) and any(
        DRAFT_REQUEST.search(s) and not is_question(s) for s in sentences
    )


def ends_with_question(text: str) -> bool:
    """The last sentence asks something: "We're considering a BIWAQ application … When is the deadline?"."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]
    return bool(sentences) and is_question(sentences[-1])


# A short question about whom to turn to ("ok so who do we talk to in Charlottenburg?") asks for the
# contact of the programme in focus, although it names a place and no programme; a longer message
# describes a project.
CONTACT_QUESTION_MAX_WORDS = 12
CONTACT_MISTAKEN_FOR = frozenset({"describe_project", "find_programme", "inform", "nlu_fallback"})


def contact_question(text: str, intent: str | None) -> bool:
    """A short question about whom to turn to, alone or as the last sentence ("Hmm, the 2022 round was in
    November, right? Who do I ask in Charlottenburg-Wilmersdorf then?")."""
    contact = dict(KINDS)["ask_programme_contact"]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]
    last = sentences[-1] if sentences else ""
    return (
        intent in CONTACT_MISTAKEN_FOR
        and is_question(last)
        and len(last.split()) <= CONTACT_QUESTION_MAX_WORDS
        and bool(contact.search(last))
    )


# "Heißt das, ich krieg das Geld nich direkt?", "so we can't apply ourselves?": a short question whether the
# person may apply or get the money themselves asks who may apply for the programme in focus.
DIRECT_WORDS = re.compile(r"\b(?:direkt|selbst|selber|directly|myself|ourselves|ourself)\b", _I)
APPLY_OR_MONEY = re.compile(
    r"\b(?:geld|kohle|knete|beantrag\w*|antrag\w*|bewerb\w*|apply\w*|money|funding|grant|krieg\w*|kriech\w*|"
    r"bekomm\w*|get)\b",
    _I,
)
WHO_QUESTION_MAX_WORDS = 15


# "Can we still apply?", "Is it allowed for us to get the money?", "Dürfen wir das überhaupt beantragen?":
# whether the people writing may apply, asked in a sentence of its own after what they say they are.
MAY_WE_APPLY = re.compile(
    r"\b(?:(?:can|could|may)\s+(?:we|i|us)\b[^?]{0,25}\b(?:apply|get|receive)\b"
    r"|is\s+(?:it|this|that)\s+(?:allowed|possible)\s+for\s+(?:us|me)\b"
    r"|^\W*is\s+(?:it\s+)?possible(?:\s+or\s+not)?\W*$"
    r"|(?:dürfen|können|darf|kann|könn|dürf)\s+(?:wir|ich|i|mer)\b[^?]{0,30}\b(?:beantrag\w*|bewerb\w*|kriegen|krieg|bekommen)\b)",
    _I,
)
# A yes or no to an offer, or an unsure reading, is no answer when the message asks whether they may apply
# ("we are not association, not e.V. … Can we still apply?"). "can we get money?" read as find_programme
# stays a request to find what fits.
MAY_WE_MISTAKEN_FOR = frozenset({"deny", "affirm", "nlu_fallback", "inform"})


def applicant_question(text: str, intent: str | None) -> bool:
    """A question whether the person may apply themselves: short with "direkt"/"selbst" ("Heißt das, ich
    krieg das Geld nich direkt?"), or a question sentence of its own ("Can we still apply?") after what
    they say about themselves. Answered as who may apply for the programme in focus."""
    if not is_question(text):
        return False
    if (
        intent in MISTAKEN_FOR
        and len(text.split()) <= WHO_QUESTION_MAX_WORDS
        and DIRECT_WORDS.search(text)
        and APPLY_OR_MONEY.search(text)
    ):
        return True
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return intent in MAY_WE_MISTAKEN_FOR and any(
        is_question(s) and len(s.split()) <= WHO_QUESTION_MAX_WORDS and MAY_WE_APPLY.search(s)
        for s in sentences
    )


def question_intent(
    text: str, intent: str | None, names_programme: bool, ended: bool = False
) -> str | None:
    """For a message naming a programme that was taken for something else: the ask_programme_* intent of a
    question, or start_application for a request to apply ("Wir sind ein Verein in Neukölln und möchten
    einen Antrag für BIWAQ stellen", also after a question: "Geht das mit LSI? Dann bitte einen Antrag
    anlegen."); None when the classifier's intent stands.

    The question asked is answered first: a message that ends with a question ("Wir möchten uns für PEB
    bewerben … Läuft gerade ein Wettbewerb?") asks it, whatever it said before; so does any question about
    an `ended` programme beside a wish to apply for it ("is LSK still running? … we want to apply"), which
    cannot be met. A plain request to apply for an ended programme starts the draft, which says so."""
    if not names_programme and contact_question(text, intent):
        return "ask_programme_contact"
    if intent in DRAFT_REQUEST_MISTAKEN_FOR and asks_for_draft(text):
        return "start_application"
    if intent in MISTAKEN_FOR and asks_about_types(text):
        return "ask_programme_what"

    if not names_programme and applicant_question(text, intent):
        return "ask_programme_who"
    if not names_programme or intent not in MISTAKEN_FOR | QUESTION_INTENTS:
        return None
    asks = is_question(text)
    if not ends_with_question(text) and not (ended and asks) and asks_to_apply(text):
        return "start_application"
    if intent in QUESTION_INTENTS:
        return None
    if asks:
        return next((kind for kind, pattern in KINDS if pattern.search(text)), "ask_programme_what")
    return None
