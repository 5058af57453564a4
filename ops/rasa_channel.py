"""The chat's channel: Rasa's REST channel, refusing a message longer than the website's chat box allows
before the NLU sees it (loaded by the Rasa server only; credentials.yml names it).

Understanding a message costs time that grows with the square of its length (DIET's attention): 10,000
characters of emoji took 30 s of CPU. The widget sends at most 2,000 characters; a longer message gets a
short answer in the conversation's language and costs nothing. The address stays /webhooks/rest/webhook.

Rasa builds the channel once, when the server starts; the channel then also installs the faster calls
to the action server (ops/rasa_action_calls.py) in that process. They replace methods of Rasa 3.6 with
ones that give the same results; with another version of Rasa they are left out (the log says so).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import rasa
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput

from ops import rasa_action_calls

logger = logging.getLogger(__name__)
# the Rasa version whose methods ops/rasa_action_calls.py replaces
PATCHED_RASA = "3.6."

MAX_MESSAGE_CHARS = 2000  # the chat box's maxlength (webform/templates/site/index.html)
TOO_LONG = {
    "de": "Ihre Nachricht ist zu lang. Bitte schreiben Sie höchstens 2.000 Zeichen auf einmal.",
    "en": "Your message is too long. Please write at most 2,000 characters at a time.",
}


class LimitedRestInput(RestInput):
    """RestInput with a maximum message length."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Any:
        install_action_calls()

        async def within_limits(message: UserMessage) -> None:
            if message.text and len(message.text) > MAX_MESSAGE_CHARS:
                language = (message.metadata or {}).get("language")
                answer = TOO_LONG.get(language if isinstance(language, str) else "de", TOO_LONG["de"])
                await message.output_channel.send_text_message(message.sender_id, answer)
                return
            await on_new_message(message)

        return super().blueprint(within_limits)


def install_action_calls() -> None:
    """The faster action-server calls, for the Rasa version they were written for."""
    if not rasa.__version__.startswith(PATCHED_RASA):
        logger.warning(
            "Rasa %s: the calls to the action server stay Rasa's own (ops/rasa_action_calls.py is for %sx)",
            rasa.__version__, PATCHED_RASA,
        )
        return
    rasa_action_calls.install()
