"""A question about what a word means is a question about that word, whatever the classifier thought.

"Was genau meinen Sie mit Rechtsform?", "What do you mean by contact person?", "Zählen die Betreuer auch
als Teilnehmende?", "wat is'n ne Kofinanzierung?" name a glossary term (programmes/glossary.py) in a
sentence that asks what it means or what it covers. The classifier took such questions for a request for
the capabilities, for "why do you ask?" or for an answer; they get the term explained (`ask_term`).

Two kinds of wording:
- a question about meaning ("meinen Sie mit", "versteht man unter", "heißt", "bedeutet", "zählt als",
  "gehört zu", "what do you mean by", "what does … mean", "counts as", "define"), always about the term;
- "was ist …", "what is …": only when no programme is named ("Was ist die Fördersumme bei LSI?" asks for
  LSI's amount, which the programme answer gives).
A term alone with a question mark ("Rechtsform?") asks what it means, too.
"""

from __future__ import annotations

import re

from bot.nlu.commands import is_question
from programmes.glossary import TermMention, find_terms, glossary
from programmes.rules import find_programme

TERM_INTENT = "ask_term"
_I = re.IGNORECASE
_WORDS = r"(?:[\w'’-]+\s+){0,5}?"
# Wording that asks what a word means, question mark or not.
MEANING = re.compile(
    r"\b(?:"
    # German, Sie/du/ihr, Berlin ("wat", "meenste"), typed fast ("meinense", "was heisst")
    rf"(?:was|wat)\s+{_WORDS}(?:meinen|meint|meinst|meinense|meenen|meenste|verstehen|versteht|verstehst)\b"
    rf"|(?:was|wat)\s+{_WORDS}(?:hei(?:ß|ss|s)t|hei(?:ß|ss)en|bedeutet|bedeuten|bedeuted)\b"
    rf"|(?:was|wat)\s+{_WORDS}soll(?:'n|n|en)?\s+{_WORDS}(?:sein|hei(?:ß|ss)en|bedeuten)\b"
    rf"|(?:was|wat)\s+{_WORDS}(?:ist|is|sind)\W*$|(?:was|wat)\s+(?:ist|is|isn|is'n)\s+(?:das|dit|denn\s+das)\b"
    r"|nie\s+geh[öo]rt|kenn\w*\s+(?:ich|wir)\s+nicht"
    rf"|(?:was|wat)\s+{_WORDS}(?:ist|sind|is)\s+{_WORDS}gemeint"
    r"|versteh\w*\s+(?:man\s+|ihr\s+|sie\s+|du\s+)?unter"
    r"|(?:erklär|erklaer)\w*|bedeutung|definition|definier\w*"
    r"|versteh\w*\s+(?:ich\s+|ick\s+|wir\s+)?(?:nicht|nich|net|kein\w*)|keine\s+ahnung,?\s+(?:was|wat)"
    # English
    rf"|what\s+{_WORDS}(?:mean|means|meant|meaning)\b|what\s+{_WORDS}(?:stand|stands)\s+for"
    r"|explain\w*|define\b|meaning\s+of|(?:don'?t|do\s+not|dont)\s+(?:understand|get|know)"
    r"|what(?:'s|’s|\s+is)\s+(?:that|this)\b|never\s+heard"
    r")",
    _I,
)
# Wording that asks what a word covers, in a question only ("Zählen die Betreuer auch als Teilnehmende?";
# "unser Projekt zählt als Mikroprojekt" says what it is).
COVERS = re.compile(
    r"\b(?:"
    rf"(?:zählt|zählen|zaehlt|zaehlen|gilt|gelten)\s+{_WORDS}(?:als|zu|zur|zum|mit)\b"
    rf"|(?:gehört|gehören|gehoert|gehoeren|fällt|fallen|zählt|zählen)\s+{_WORDS}(?:zu|zur|zum|dazu|unter)\b"
    rf"|(?:count|counts|counted)\s+(?:as|towards|toward)\b|what\s+counts"
    rf"|(?:is|are)\s+{_WORDS}(?:part\s+of|included\s+in|covered\s+by)\b"
    r")",
    _I,
)
# "Was ist eine Rechtsform?", "what's co-financing?", "wat is'n ne Kofinanzierung": the term right after
# "was ist" with no article or an indefinite one. With a definite article ("Was ist die Laufzeit?",
# "what's the funding rate?") people ask for a programme's value, which the programme answer gives.
WHAT_IS = re.compile(
    r"^\W*(?:(?:und|and|also|so|ok\w*|hä\w*|sorry|ey|na)\W+)?"
    r"(?:was|wat|what)\s*(?:(?:genau|exactly|denn|eigentlich)\s+)?(?:'s|’s|s|ist|sind|is|isn|is'n|are)\b\W*"
    r"(?:(?:denn|eigentlich|genau|überhaupt|ueberhaupt|exactly|actually|so|'n|n)\W+)*"
    r"(?:(?:ein|eine|einen|eener|ne|nen|n|a|an)\W+)?",
    _I,
)
MAX_WORDS_TERM_ALONE = 4
MAX_WORDS_AFTER_TERM = 3
FILLERS = frozenset(
    {"hä", "hae", "häh", "wie", "bitte", "also", "und", "the", "die", "der", "das", "eh", "huh", "nochmal"}
)
# Terms whose name alone ("Laufzeit?", "duration?") asks for a programme's value rather than a meaning.
VALUE_FACTS = frozenset({"amount", "duration", "deadline", "contact"})


def _term_alone(text: str, mentions: list[TermMention]) -> bool:
    """ "Rechtsform?", "Kofinanzierung – hä?": one term and a question mark, little else."""
    if len(mentions) != 1 or "?" not in text:
        return False
    if VALUE_FACTS & set(glossary().term(mentions[0].term).facts):
        return False
    rest = text[: mentions[0].start] + " " + text[mentions[0].end :]
    words = re.findall(r"\w+", rest)
    return len(words) < MAX_WORDS_TERM_ALONE and all(w.casefold() in FILLERS for w in words)


def _what_is_term(text: str, mentions: list[TermMention]) -> bool:
    """ "Was ist eine Rechtsform?": the term right after "was ist", a few words at most after it, and no
    programme named."""
    prefix = WHAT_IS.match(text)
    if not prefix:
        return False
    first = next((m for m in mentions if m.start == prefix.end()), None)
    if first is None:
        return False
    # up to the end of the clause: "what's an own contribution, do we need one?" asks about the word
    after = re.findall(r"\w+", re.split(r"[,;:?!.–]", text[first.end :], maxsplit=1)[0])
    return len(after) <= MAX_WORDS_AFTER_TERM and find_programme(_plain(text)) is None


def asks_about_term(text: str) -> bool:
    """True when the message asks what a glossary term it names means or covers."""
    mentions = find_terms(text)
    if not mentions:
        return False
    if MEANING.search(text) or _term_alone(text, mentions):
        return True
    if COVERS.search(text) and is_question(text):
        return True
    return _what_is_term(text, mentions)


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[\w+-]+", text))


def term_intent(text: str, intent: str | None) -> str | None:
    """`ask_term` for a question about a term's meaning; for an `ask_term` that names no term but a
    programme, None with `demote` True (see `demote_term_intent`); else None (the intent stands)."""
    if intent == TERM_INTENT or text.startswith("/"):
        return None
    return TERM_INTENT if asks_about_term(text) else None


def demote_term_intent(text: str, intent: str | None) -> bool:
    """An `ask_term` without any glossary term but with a programme ("Was ist eigentlich BIWAQ?") asks
    about the programme: the classifier's next intent is meant."""
    return intent == TERM_INTENT and not find_terms(text) and find_programme(_plain(text)) is not None
