"""When a message changes the assistant's language: an explicit request, or a confident guess.

The conversation starts in the website's language (actions/core_actions.py); after that only what the user
writes can change it. This runs inside the NLU pipeline, so no action-server call is needed per turn.
"""

from __future__ import annotations

import re

from bot.nlu.language_evidence import evidence
from bot.nlu.polarity import polarity

SUPPORTED = ("de", "en")
CHANGE_LANGUAGE_INTENT = "change_language"
# A guess from the language identifier only counts when it is confident and the message
# has enough ordinary words; "ok", "Neukölln" or "Repair Kiez gGmbH" say nothing about the user's language.
MIN_CONFIDENCE = 0.8
MIN_WORDS = 3
# Words beside a clear yes or no that only urge it on ("yes pls, let's go", "sounds good, go on").
GO_AHEAD_WORDS = frozenset(
    {"pls", "plz", "please", "bitte", "let's", "lets", "go", "on", "ahead", "do", "it", "los", "mach", "ma",
     "start", "starten", "now", "jetzt", "then", "dann"}
)


# Languages we do not speak, as people name them when they ask for one ("Sprechen Sie Türkisch?",
# "Do you speak Arabic?", "¿Habla español?"); a message written in one of them the language identifier
# finds by itself. ISO 639-1 code → names (German, English, the language's own), each also with a German
# adjective ending ("auf Türkische").
UNSPOKEN_LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "tr": ("türkisch", "turkish", "türkçe", "turkce"),
    "ar": ("arabisch", "arabic"),
    "ru": ("russisch", "russian"),
    "pl": ("polnisch", "polish", "polski", "po polsku"),
    "fr": ("französisch", "franzoesisch", "french", "français", "francais"),
    "uk": ("ukrainisch", "ukrainian"),
    "es": ("spanisch", "spanish", "español", "espanol"),
    "it": ("italienisch", "italian", "italiano"),
    "pt": ("portugiesisch", "portuguese", "português", "portugues"),
    "ro": ("rumänisch", "romanian", "română", "romana"),
    "vi": ("vietnamesisch", "vietnamese"),
    "fa": ("persisch", "farsi", "persian"),
    "ku": ("kurdisch", "kurdish"),
    "bg": ("bulgarisch", "bulgarian"),
    "hr": ("kroatisch", "serbisch", "bosnisch", "croatian", "serbian", "bosnian"),
}
_SPOKEN_NAMES = re.compile(r"(?<!\w)(?:deutsch|englisch|german|english)\w*", re.IGNORECASE)
_UNSPOKEN = {
    code: re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?:e|en|er|es|em)?(?!\w)", re.IGNORECASE)
    for code, names in UNSPOKEN_LANGUAGE_NAMES.items()
}


def unspoken_language_named(text: str) -> str | None:
    """The ISO 639-1 code of a language we do not speak that `text` names, unless it names German or
    English too ("statt Türkisch lieber Deutsch"); None when it names none."""
    if _SPOKEN_NAMES.search(text):
        return None
    return next((code for code, pattern in _UNSPOKEN.items() if pattern.search(text)), None)


def word_count(text: str) -> int:
    """Words that can tell a language (bot/nlu/language_evidence.py): amounts ("100 000 €"), e-mail
    addresses, links, names and titles are no evidence, so an English speaker typing "80.000" or
    "Kiezküche Neukölln e.V." stays in English."""
    return len(evidence(text))


def language_to_switch_to(
    text: str,
    intent: str | None,
    requested: str | None,
    guessed: str | None,
    confidence: float,
    words: int | None = None,
) -> str | None:
    """The language this message asks for or is written in, or None when it is no evidence.

    `requested` is the language named in the message ("English please"); it only counts when the
    message is a request to change language, not in "Ich spreche kein Englisch, aber ...". `guessed`
    and `confidence` are the language identifier's, `words` the number of ordinary words its guess
    rests on (counted from `text` when not given). A language we do not speak ("other") is never
    switched to.
    """
    if intent == CHANGE_LANGUAGE_INTENT and requested in SUPPORTED:
        return requested
    said = polarity(text)
    if said.is_clear and all(word in GO_AHEAD_WORDS for word in said.rest):
        # "jo mach ma", "yes pls, let's go": a yes or a no, with words that only urge it on, is said in any
        # language's slang
        return None
    if words is None:
        words = word_count(text)
    if guessed in SUPPORTED and confidence >= MIN_CONFIDENCE and words >= MIN_WORDS:
        return guessed
    return None
