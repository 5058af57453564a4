"""The body of POST /api/drafts from the conversation's answers, and its idempotency key."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from actions.draft.questions import draft_fields
from programmes.answers import amount_from_slot

MAX_KEY_LENGTH = 200


def _number(value: Any) -> int | float | None:
    amount = amount_from_slot(value)
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _whole(value: Any) -> int | None:
    try:
        return int(Decimal(str(value))) if value not in (None, "") else None
    except ArithmeticError:
        return None


def draft_body(slots: Mapping[str, Any], conversation_id: str, lang: str) -> dict[str, Any]:
    """Only this programme's fields, in the API's JSON types; unanswered fields are left out."""
    body: dict[str, Any] = {
        "language": "en" if lang == "en" else "de",
        "conversation_id": conversation_id,
        "match": slots.get("match_result") if isinstance(slots.get("match_result"), dict) else None,
    }
    for field in draft_fields(slots):
        value = slots.get(field)
        if value is None or value == "" or value == []:
            continue
        if field in ("total_budget_eur", "requested_amount_eur"):
            value = _number(value)
        elif field in ("duration_months", "participants"):
            value = _whole(value)
        elif field == "target_groups":
            value = list(value) if isinstance(value, list) else [value]
        if value is not None:
            body[field] = value
    return body


def idempotency_key(conversation_id: str, attempt: int, body: Mapping[str, Any]) -> str:
    """Same conversation, same attempt and same answers give the same key: a retry after a timeout
    returns the draft already stored instead of storing a second one. Changed answers are a new key."""
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()[:16]
    conversation = conversation_id
    if len(conversation) > 120:
        conversation = hashlib.sha256(conversation.encode()).hexdigest()[:32]
    return f"draft-{conversation}-{attempt}-{digest}"[:MAX_KEY_LENGTH]
