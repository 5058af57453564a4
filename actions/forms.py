"""One way to check the answers of a form: every slot the form validates goes through `check`.

Subclasses implement `check(slot, value, dispatcher, tracker)` and return the slot updates (the checked
value, or None with a message said to the person so the form asks again). This replaces one
`validate_<slot>` method per slot, so a new question needs no new method.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict


class CheckedForm(FormValidationAction, ABC):
    """A FormValidationAction whose slots are all checked by one method."""

    @abstractmethod
    def check(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]: ...

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        to_validate = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        updates: dict[str, Any] = {}
        for slot, value in tracker.slots_to_validate().items():
            if slot not in to_validate:
                continue
            checked = self.check(slot, value, dispatcher, tracker)
            updates.update(checked)
            tracker.slots.update(checked)  # later checks see the earlier answers
        return [SlotSet(slot, value) for slot, value in updates.items()]
