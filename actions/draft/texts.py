"""The draft's texts, from actions/draft/messages.yml, in the conversation's language."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk.executor import CollectingDispatcher

MESSAGES_FILE = Path(__file__).with_name("messages.yml")


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    return yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))


def text(key: str, lang: str, **values: Any) -> str:
    return messages()[key]["en" if lang == "en" else "de"].format(**values)


def say(
    dispatcher: CollectingDispatcher,
    key: str,
    lang: str,
    buttons: list[dict[str, str]] | None = None,
    **values: Any,
) -> None:
    dispatcher.utter_message(text=text(key, lang, **values), buttons=buttons or [])
