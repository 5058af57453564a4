"""Answers questions about the assistant itself: "bist du ein Mensch?", "wer hat dich gemacht?", "wie lange
gibt es dich schon?", "how do you work?" (intents `bot_challenge` and `ask_about_bot`).

Which of the answers fits is read from the words, so a question the classifier put under the other of the
two intents still gets its own answer. Every answer says that this is a program and offers a person.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_utils
from actions.messages import say

_I = re.IGNORECASE
# In order: the first kind whose words the question has decides the answer.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "about_bot_made",
        re.compile(
            # Berlin says "jemacht", "jebaut"
            r"\b(?:wer|who|von\s+wem|by\s+whom)\b.{0,40}\b(?:[gj]emacht|[gj]ebaut|programmiert|entwickelt|erfunden|"
            r"erstellt|geschrieben|betreibt|betrieben|steckt|dahinter|gehörst|made|built|created|programmed|"
            r"developed|wrote|runs|operates|behind|owns|designed)\b"
            r"|\b(?:hersteller|entwickler\w*|betreiber\w*|creator|developer|maker)s?\b",
            _I,
        ),
    ),
    (
        "about_bot_since",
        re.compile(
            r"\b(?:wie\s+lange|seit\s+wann|wie\s+alt|how\s+long|since\s+when|how\s+old|when\s+were\s+you|"
            r"wann\s+(?:wurdest|bist)\s+du|wann\s+gibt\s+es\s+dich|neu\s+hier)\b",
            _I,
        ),
    ),
    (
        "about_bot_how",
        re.compile(
            r"\b(?:wie\s+funktionier\w*|wie\s+arbeitest|woher\s+wei(?:ß|ss)t|woher\s+hast|how\s+do\s+you\s+work|"
            r"how\s+does\s+this\s+work|where\s+do\s+you\s+get|how\s+do\s+you\s+know|chat\s*gpt|gpt|"
            r"sprachmodell|language\s+model|llm|ki|k\.i\.|künstliche\s+intelligenz|ai|a\.i\.|"
            r"artificial\s+intelligence)\b",
            _I,
        ),
    ),
)


# Words that address the assistant itself ("dich", "you", "diesen Chat").
ADDRESSED = re.compile(
    r"\b(?:du|dich|dir|dein\w*|you|u|your|ur|kiezlotse|bot|chatbot|chat|assistent\w*|assistant|service|dienst)\b",
    _I,
)


def asks_about_assistant(text: str) -> bool:
    """True for a question to the assistant about who made it, how long it exists or how it works
    ("Wie lange gibt es dich schon?"), however unsure the classifier was."""
    return bool(ADDRESSED.search(text)) and answer_key(text) != "about_bot_is_program"


def answer_key(text: str) -> str:
    """The text key that answers a question about the assistant."""
    return next((key for key, pattern in KINDS if pattern.search(text)), "about_bot_is_program")


class ActionAnswerAboutBot(Action):
    """Says what the assistant is, who made it for what, how current it is or how it answers."""

    def name(self) -> str:
        return "action_answer_about_bot"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        say(dispatcher, answer_key(tracker.latest_message.get("text") or ""), tracker_utils.language(tracker))
        return []
