"""Questions about the assistant itself (actions/about_bot.py): each gets its own answer."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.about_bot import ActionAnswerAboutBot, answer_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Wer hat dich gemacht?", "about_bot_made"),
        ("who built you", "about_bot_made"),
        ("Wer steckt hinter diesem Chat?", "about_bot_made"),
        ("Wie lange gibt es dich schon?", "about_bot_since"),
        ("Seit wann gibt es Sie?", "about_bot_since"),
        ("how long have you been around?", "about_bot_since"),
        ("Bist du ChatGPT?", "about_bot_how"),
        ("are you an AI?", "about_bot_how"),
        ("Woher weißt du das alles?", "about_bot_how"),
        ("bist du ein Mensch?", "about_bot_is_program"),
        ("are you a bot", "about_bot_is_program"),
    ],
)
def test_each_question_about_the_assistant_gets_its_own_answer(text: str, key: str) -> None:
    assert answer_key(text) == key


@pytest.mark.parametrize(
    ("lang", "text", "start"),
    [
        ("de", "Wie lange gibt es dich schon?", "Seit wann es mich gibt, kann ich Ihnen nicht genau sagen."),
        ("en", "Who made you?", "I'm Kiezlotse, a computer program – not a person. I was made to show"),
    ],
)
def test_the_answer_is_in_the_conversation_language_and_offers_a_person(lang: str, text: str, start: str) -> None:
    latest: dict[str, Any] = {"intent": {"name": "ask_about_bot"}, "entities": [], "text": text}
    tracker = Tracker(sender_id="b1", slots={"language": lang}, latest_message=latest, events=[], paused=False,
                      followup_action=None, active_loop={}, latest_action_name="action_listen")
    dispatcher = CollectingDispatcher()
    assert ActionAnswerAboutBot().run(dispatcher, tracker, {}) == []
    [message] = dispatcher.messages
    assert message["text"].startswith(start)
    assert "Menschen sprechen" in message["text"] or "talk to a person" in message["text"]
