"""The assistant's language: from the channel first, then what the user writes or asks for."""

from __future__ import annotations

import pytest

from actions.language import Turn, choose_language


@pytest.mark.parametrize(
    ("turn", "expected"),
    [
        (Turn(current="de", first_user_message=True, channel_language="en"), "en"),
        (Turn(current="de", first_user_message=True, channel_language=None), "de"),
        (Turn(current="en", first_user_message=False, channel_language="de"), "en"),  # page language only at start
        (Turn(current="de", first_user_message=False, explicit_request="en"), "en"),
        (Turn(current="en", first_user_message=False, explicit_request="de", guessed="en", guess_confidence=0.99,
              word_count=5), "de"),
        (Turn(current="de", first_user_message=False, guessed="en", guess_confidence=0.95, word_count=6), "en"),
        (Turn(current="de", first_user_message=False, guessed="en", guess_confidence=0.95, word_count=1), "de"),
        (Turn(current="de", first_user_message=False, guessed="en", guess_confidence=0.6, word_count=8), "de"),
        (Turn(current="en", first_user_message=True, channel_language="en", guessed="de", guess_confidence=0.9,
              word_count=7), "de"),
        (Turn(current=None, first_user_message=False), "de"),
        (Turn(current="de", first_user_message=False, explicit_request="fr"), "de"),
    ],
)
def test_choose_language(turn: Turn, expected: str) -> None:
    assert choose_language(turn) == expected
