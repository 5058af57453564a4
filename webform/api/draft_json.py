"""A stored draft as the JSON API shows it."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from webform.draft_input import draft_warnings
from webform.models.drafts import Draft

ENVELOPE = ("language", "conversation_id", "match")
MAX_MATCH_BYTES = 200_000


def read_envelope(payload: dict[str, Any], errors: dict[str, str]) -> tuple[str | None, Any]:
    """The conversation id and the matching result that come with a draft from the chat."""
    conversation_id = payload.get("conversation_id")
    if not isinstance(conversation_id, str) or not conversation_id.strip() or len(conversation_id) > 200:
        errors["conversation_id"] = _("Send the conversation id as text of at most 200 characters.")
        conversation_id = None
    match = payload.get("match")
    if match is not None and (
        not isinstance(match, (dict, list)) or len(json.dumps(match)) > MAX_MATCH_BYTES
    ):
        errors["match"] = _("Send the matching result as a JSON object.")
        match = None
    return conversation_id, match


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def draft_as_json(draft: Draft, warnings_language: str) -> dict[str, Any]:
    """Every field, the workflow state and `warnings`: a message (in `warnings_language`) per answer that
    breaks the programme's limits or contradicts another one, e.g. after the catalogue changed."""
    fields = draft.fields()
    fields["start_date"] = draft.start_date.isoformat() if draft.start_date else None
    fields["total_budget_eur"] = _number(draft.total_budget_eur)
    fields["requested_amount_eur"] = _number(draft.requested_amount_eur)
    with force_locale(warnings_language):
        warnings = draft_warnings(draft.fields())
    return {
        "id": draft.id,
        "status": draft.status,
        "version": draft.version,
        "language": draft.language,
        "conversation_id": draft.conversation_id,
        "match": draft.match,
        **fields,
        "warnings": warnings,
        "submitted_at": draft.submitted_at.isoformat() if draft.submitted_at else None,
        "created_at": draft.created_at.isoformat(),
        "updated_at": draft.updated_at.isoformat(),
    }


def edit_url(token: str) -> str:
    """The applicant's private link to a draft, on the public address of the service."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + url_for("applicant.edit", token=token)
