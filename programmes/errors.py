"""The one error type of the shared answer rules."""

from __future__ import annotations

from typing import Any


class FieldError(ValueError):
    """An answer that cannot be used.

    `key` names the problem (e.g. "invalid_amount", "duration_above_limit"); `values` are what a message
    about it needs, already formatted for the language where they are amounts or dates. The chat
    (actions/draft/messages.yml) and the form service (webform/draft_messages) each word the key their way.
    """

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
