"""When a message changes the assistant's language: an explicit request, or a confident guess.

The conversation starts in the website's language (actions/session.py); after that only what the user
writes can change it. This runs inside the NLU pipeline, so no action-server call is needed per turn.
"""

from __future__ import annotations

import re

SUPPORTED = ("de", "en")
CHANGE_LANGUAGE_INTENT = "change_language"
# A guess from the language identifier only counts when it is confident and the message
# has enough words; "ok" or "Neukölln" say nothing about the user's language.
MIN_CONFIDENCE = 0.8
MIN_WORDS = 3

# Punctuation around a word ("Hallo," "(bitte)") does not make it less of a word.
_EDGES = re.compile(r"^\W+|\W+$")


def word_count(text: str) -> int:
    """Words that can tell a language: amounts ("100 000 €"), e-mail addresses, links and codes
    like "B" are no evidence, so an English speaker typing "80.000" stays in English."""
    words = (_EDGES.sub("", token) for token in text.split() if "@" not in token and "/" not in token)
    return sum(1 for word in words if len(word) >= 2 and word.replace("-", "").isalpha())


def language_to_switch_to(
    text: str, intent: str | None, requested: str | None, guessed: str | None, confidence: float
) -> str | None:
    """The language this message asks for or is written in, or None when it is no evidence.

    `requested` is the language named in the message ("English please"); it only counts when the
    message is a request to change language, not in "Ich spreche kein Englisch, aber ...".
    """
    if intent == CHANGE_LANGUAGE_INTENT and requested in SUPPORTED:
        return requested
    if guessed in SUPPORTED and confidence >= MIN_CONFIDENCE and word_count(text) >= MIN_WORDS:
        return guessed
    return None
