"""The answer to a message in a language the assistant does not speak.

The language identifier marks such a message as intent `other_language` (bot/nlu/language_id.py,
OtherLanguageGuard in bot/nlu/components.py), and so is a request for such a language ("Sprechen Sie
Türkisch?"); a rule answers it with this action (data/rules/
other_language.yml). The answer names the languages the assistant speaks and offers a person (the
hand-over, intent `request_human`), in German and English and, where actions/other_language.yml has the
sentence, first in the person's language. The conversation's language does not change, and inside a form
the form asks its question again afterwards.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_utils
from actions.messages import text
from bot.nlu.language_choice import unspoken_language_named

TEXTS = Path(__file__).with_name("other_language.yml")
SPOKEN = ("de", "en")
LANGUAGE_GUESS = "language_guess"


@lru_cache(maxsize=1)
def sentences() -> dict[str, str]:
    """The answer's sentence per ISO 639-1 code ("de", "en", "tr", …)."""
    loaded: dict[str, str] = yaml.safe_load(TEXTS.read_text(encoding="utf-8"))["only_german_and_english"]
    return loaded


def spoken_order(conversation_language: str) -> tuple[str, str]:
    """The conversation's language first, then the other one we speak."""
    return ("en", "de") if conversation_language == "en" else ("de", "en")


def answer_lines(detected: str | None, conversation_language: str) -> list[str]:
    """The sentences of the answer: the person's language where we have it, then German and English."""
    texts = sentences()
    own = [texts[detected]] if detected in texts and detected not in SPOKEN else []
    return own + [texts[language] for language in spoken_order(conversation_language)]


class ActionAnswerOtherLanguage(Action):
    def name(self) -> str:
        return "action_answer_other_language"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        lang = tracker_utils.language(tracker)
        # The language the message is written in, or the one it asks for ("Sprechen Sie Türkisch?").
        guess = tracker.latest_message.get(LANGUAGE_GUESS) or {}
        written = tracker.latest_message.get("text") or ""
        detected = guess.get("detected") or unspoken_language_named(written)
        person = " / ".join(text("button_talk_to_person", language) for language in spoken_order(lang))
        dispatcher.utter_message(
            text="\n".join(answer_lines(detected, lang)),
            buttons=[{"title": person, "payload": "/request_human"}],
        )
        return []
