"""Which language the assistant answers in, decided from what the user did this turn."""

from __future__ import annotations

import re
from dataclasses import dataclass

SUPPORTED = ("de", "en")
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


@dataclass(frozen=True)
class Turn:
    current: str | None
    first_user_message: bool
    channel_language: str | None = None
    explicit_request: str | None = None
    guessed: str | None = None
    guess_confidence: float = 0.0
    word_count: int = 0


def choose_language(turn: Turn) -> str:
    if turn.explicit_request in SUPPORTED:
        return turn.explicit_request
    if (
        turn.guessed in SUPPORTED
        and turn.guess_confidence >= MIN_CONFIDENCE
        and turn.word_count >= MIN_WORDS
    ):
        return turn.guessed
    if turn.first_user_message and turn.channel_language in SUPPORTED:
        return turn.channel_language
    if turn.current in SUPPORTED:
        return turn.current
    return turn.channel_language if turn.channel_language in SUPPORTED else SUPPORTED[0]
