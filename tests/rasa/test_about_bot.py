"""Questions about the assistant itself (actions/about_bot.py): each gets its own answer."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.about_bot import ActionAnswerAboutBot, answer_key, asks_about_assistant
from actions.fallback import ActionHandleFallback
from actions.render import fact_for_question


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Wer hat dich gemacht?", "about_bot_made"),
        ("who built you", "about_bot_made"),
        ("wer hat dich eigentlich jebaut?", "about_bot_made"),
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


@pytest.mark.parametrize(
    ("text", "asks"),
    [("Wie lange gibt es dich schon?", True), ("how long have you been around", True),
     ("Wie lange dauert LSI?", False), ("Wer hat das Programm gemacht?", False), ("bist du ein Mensch?", False)],
)
def test_only_questions_to_the_assistant_about_itself_count(text: str, asks: bool) -> None:
    assert asks_about_assistant(text) is asks


def test_a_question_about_the_assistant_the_classifier_was_unsure_of_is_answered_not_called_unclear() -> None:
    latest: dict[str, Any] = {"intent": {"name": "nlu_fallback"}, "entities": [], "text": "Wie lange gibt es dich schon?"}
    tracker = Tracker(sender_id="b2", slots={"language": "de"}, latest_message=latest,
                      events=[{"event": "user", "text": latest["text"], "parse_data": latest}], paused=False,
                      followup_action=None, active_loop={}, latest_action_name="action_listen")
    dispatcher = CollectingDispatcher()
    ActionHandleFallback().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("Seit wann es mich gibt")


@pytest.mark.parametrize(
    ("question", "fact"),
    [("Wat kricht'n man bei LSI so an Kohle?", "amount"), ("Wie lange läuft BIWAQ?", "duration"),
     ("Was ist LSI?", "summary")],
)
def test_a_what_is_question_whose_words_ask_for_money_or_time_gets_that_fact(question: str, fact: str) -> None:
    assert fact_for_question("ask_programme_what", question) == fact
