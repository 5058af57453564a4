"""Which language the assistant answers in, decided from what the user did this turn."""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTED = ("de", "en")
# A guess from the language identifier only counts when it is confident and the message
# has enough words; "ok" or "Neukölln" say nothing about the user's language.
MIN_CONFIDENCE = 0.8
MIN_WORDS = 3


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
