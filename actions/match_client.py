"""Calls POST /api/match for the conversation's profile, tolerating answers the form service rejects.

A short-lived cache keeps the guidance form to one HTTP call per distinct profile, although Rasa
asks the validation action for its required slots several times in one turn.
"""

from __future__ import annotations

import abc
import json
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Action, Tracker

from actions.formservice import FormServiceClient, FormServiceError, UsesFormService
from actions.profile import build_profile, drop_rejected_fields

CACHE_SECONDS = 30.0
CACHE_SIZE = 256
_cache: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()


@dataclass
class Match:
    results: list[dict[str, Any]]
    profile: dict[str, Any]
    # Fields the form service refused, with its localised message (e.g. an unknown district).
    rejected: dict[str, str] = field(default_factory=dict)
    # What the applicant can do overall: the verdict headline and the next steps (also when nothing fits).
    outcome: dict[str, Any] = field(default_factory=dict)


def _cached(key: str) -> dict[str, Any] | None:
    hit = _cache.get(key)
    if hit is None or time.monotonic() - hit[0] > CACHE_SECONDS:
        return None
    _cache.move_to_end(key)
    return hit[1]


def _store(key: str, response: dict[str, Any]) -> None:
    _cache[key] = (time.monotonic(), response)
    _cache.move_to_end(key)
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)


def clear_cache() -> None:
    _cache.clear()


def match_profile(client: FormServiceClient, profile: dict[str, Any]) -> Match:
    """Ranked results for the profile; fields the service rejects are dropped and reported once.

    Raises FormServiceError when the service cannot answer at all.
    """
    rejected: dict[str, str] = {}
    for _ in range(2):
        key = json.dumps(profile, sort_keys=True)
        response = _cached(key)
        if response is None:
            try:
                response = client.match(profile)
            except FormServiceError as error:
                errors = (error.body or {}).get("errors") if isinstance(error.body, dict) else None
                if error.status != 422 or not isinstance(errors, dict) or not set(errors) - {"lang"}:
                    raise
                rejected.update({k: str(v) for k, v in errors.items()})
                profile = drop_rejected_fields(profile, errors)
                continue
            _store(key, response)
        return Match(response["results"], profile, rejected, response.get("outcome") or {})
    raise FormServiceError("the form service rejected the profile twice")


def check_answer(client: FormServiceClient, field_name: str, value: Any, lang: str) -> str | None:
    """Asks the form service whether one answer is valid; returns its localised message if not."""
    try:
        client.match({"lang": lang, field_name: value})
    except FormServiceError as error:
        errors = (error.body or {}).get("errors") if isinstance(error.body, dict) else None
        if error.status == 422 and isinstance(errors, dict) and field_name in errors:
            return str(errors[field_name])
    return None


class MatchingAction(UsesFormService, Action, abc.ABC):
    """An action that matches the conversation's profile against the catalogue (recommendation, handoff)."""

    @abc.abstractmethod
    def name(self) -> str: ...

    def match_conversation(self, tracker: Tracker, lang: str) -> Match:
        """Raises FormServiceError when the form service cannot answer."""
        return match_profile(self.client, build_profile(tracker.slots, lang))
