"""Application drafts, their append-only history, and the review workflow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, Numeric, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from programmes.answers import FIELD_NAMES
from webform.models.base import Base, utcnow
from webform.models.types import UTCDateTime


class DraftStatus(StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    READY = "ready"
    ARCHIVED = "archived"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # the applicant took the application back; only staff can archive it


# Which status may follow which. The applicant submits (new/changes_requested → in_review) and may
# withdraw until the draft is archived or rejected; every other move is made by staff.
TRANSITIONS: dict[DraftStatus, frozenset[DraftStatus]] = {
    DraftStatus.NEW: frozenset(
        {DraftStatus.IN_REVIEW, DraftStatus.REJECTED, DraftStatus.WITHDRAWN}
    ),
    DraftStatus.IN_REVIEW: frozenset(
        {DraftStatus.CHANGES_REQUESTED, DraftStatus.READY, DraftStatus.REJECTED, DraftStatus.WITHDRAWN}
    ),
    DraftStatus.CHANGES_REQUESTED: frozenset(
        {DraftStatus.IN_REVIEW, DraftStatus.REJECTED, DraftStatus.WITHDRAWN}
    ),
    DraftStatus.READY: frozenset({DraftStatus.ARCHIVED, DraftStatus.IN_REVIEW, DraftStatus.WITHDRAWN}),
    DraftStatus.REJECTED: frozenset({DraftStatus.ARCHIVED}),
    DraftStatus.WITHDRAWN: frozenset({DraftStatus.ARCHIVED}),
    DraftStatus.ARCHIVED: frozenset(),
}
# The applicant may change the answers only while nobody is reviewing them.
APPLICANT_EDITABLE = frozenset({DraftStatus.NEW, DraftStatus.CHANGES_REQUESTED})


def can_move(current: str, target: str) -> bool:
    try:
        return DraftStatus(target) in TRANSITIONS[DraftStatus(current)]
    except ValueError:
        return False


class Draft(Base):
    """One application draft. Its answers are the shared draft fields (programmes.answers.DRAFT_FIELDS);
    a test checks that every field has a column of the right kind and length."""

    __tablename__ = "drafts"
    __table_args__ = (
        # Search looks for a word anywhere in the text (LIKE '%word%'): on PostgreSQL a trigram index
        # serves that; SQLite has no such index and scans this narrow column instead of the table.
        Index(
            "ix_drafts_search_text", "search_text",
            postgresql_using="gin", postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Rises by one with every change of the answers or the status. A form carries the version it showed;
    # a change sent with an older one is refused (optimistic concurrency), so nobody overwrites unseen work.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Organisation, title, contact and city, case-folded with umlauts, ß and accents spelt out
    # (webform.search.search_key), so "ökowerk", "OEKOWERK" and "Ökowerk" find the same draft everywhere.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # sha256 of the applicant's link token; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(32), default=DraftStatus.NEW, index=True)
    language: Mapped[str] = mapped_column(String(2))
    conversation_id: Mapped[str | None] = mapped_column(String(200), index=True)
    match: Mapped[Any] = mapped_column(JSON, nullable=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))

    programme: Mapped[str | None] = mapped_column(String(40), index=True)
    lsi_type: Mapped[str | None] = mapped_column(String(1))
    organisation_name: Mapped[str | None] = mapped_column(String(200))
    organisation_type: Mapped[str | None] = mapped_column(String(40))
    legal_form: Mapped[str | None] = mapped_column(String(100))
    contact_name: Mapped[str | None] = mapped_column(String(100))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    district: Mapped[str | None] = mapped_column(String(100), index=True)
    city: Mapped[str | None] = mapped_column(String(100))
    municipality: Mapped[str | None] = mapped_column(String(100))
    area: Mapped[str | None] = mapped_column(String(200))
    project_title: Mapped[str | None] = mapped_column(String(200))
    project_summary: Mapped[str | None] = mapped_column(Text)
    target_groups: Mapped[list[str] | None] = mapped_column(JSON)
    participants: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    duration_months: Mapped[int | None] = mapped_column(Integer)
    total_budget_eur: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    requested_amount_eur: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))

    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # Any change by anyone counts as activity; retention purges by this.
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow, index=True
    )

    events: Mapped[list[DraftEvent]] = relationship(
        back_populates="draft", order_by="DraftEvent.id", passive_deletes=True
    )

    def fields(self) -> dict[str, Any]:
        """The answers by field name, in the shared field order."""
        return {name: getattr(self, name) for name in FIELD_NAMES}


class DraftEvent(Base):
    """One line of a draft's history: who did what, when, and which values changed. Never updated."""

    __tablename__ = "draft_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(120))  # "applicant", "chat", "staff:<username>", "system"
    action: Mapped[str] = mapped_column(String(40))  # created, updated, status, note, link_renewed
    # The draft's version after this event (a note leaves it as it was): what a stale form missed.
    version: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # {"field": [old, new]}
    note: Mapped[str | None] = mapped_column(Text)

    draft: Mapped[Draft] = relationship(back_populates="events")


@event.listens_for(DraftEvent, "before_update")
def _history_is_append_only(mapper: Any, connection: Any, target: DraftEvent) -> None:
    raise ValueError("draft history is append-only")
