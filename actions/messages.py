"""The texts custom actions send, once in German and once in English, read from YAML files.

`GUIDANCE` holds the texts of the programme guidance, the answers and the hand-over (actions/messages.yml);
`DRAFT` those of the application draft (actions/draft/messages.yml). `text`/`say` are GUIDANCE's.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk.executor import CollectingDispatcher

LANGUAGES = ("de", "en")
Buttons = list[dict[str, str]]
_SPACES = re.compile(r"(?<=\S) {2,}")


class Texts:
    """One file of texts: `key: {de: "…{placeholder}…", en: "…"}`; a language other than en reads German."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def messages(self) -> dict[str, dict[str, str]]:
        loaded: dict[str, dict[str, str]] = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        return loaded

    def __contains__(self, key: str) -> bool:
        return key in self.messages

    def text(self, key: str, lang: str, **values: Any) -> str:
        """The text `key` in the language, placeholders filled (an empty one leaves no double space).
        Raises KeyError for an unknown key."""
        filled = self.messages[key]["en" if lang == "en" else "de"].format(**values)
        return _SPACES.sub(" ", filled).strip()

    def say(
        self,
        dispatcher: CollectingDispatcher,
        key: str,
        lang: str,
        buttons: Buttons | None = None,
        **values: Any,
    ) -> None:
        """Sends the text `key` with optional buttons ({"title", "payload"})."""
        dispatcher.utter_message(text=self.text(key, lang, **values), buttons=buttons or [])


GUIDANCE = Texts(Path(__file__).with_name("messages.yml"))
DRAFT = Texts(Path(__file__).parent / "draft" / "messages.yml")
text = GUIDANCE.text
say = GUIDANCE.say


def messages() -> dict[str, dict[str, str]]:
    """Every guidance text (for tests that check both languages are there)."""
    return GUIDANCE.messages
