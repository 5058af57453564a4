"""When a message changes the assistant's language: an explicit request, or a confident guess.

The conversation starts in the website's language (actions/core_actions.py); after that only what the user
writes can change it. This runs inside the NLU pipeline, so no action-server call is needed per turn.
"""

from __future__ import annotations

from bot.nlu.language_evidence import evidence

SUPPORTED = ("de", "en")
CHANGE_LANGUAGE_INTENT = "change_language"
# A guess from the language identifier only counts when it is confident and the message
# has enough ordinary words; "ok", "Neukölln" or "Repair Kiez gGmbH" say nothing about the user's language.
MIN_CONFIDENCE = 0.8
MIN_WORDS = 3


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
    if words is None:
        words = word_count(text)
    if guessed in SUPPORTED and confidence >= MIN_CONFIDENCE and words >= MIN_WORDS:
        return guessed
    return None
