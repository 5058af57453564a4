"""Labels maintainers gave to misunderstood chat messages: the right intent, or "noise".

Only the masked text is stored (programmes.personal_data), never what the person wrote unmasked; the message
is named by its conversation (sender id) and its event id in Rasa's tracker store.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webform.models.base import Base, utcnow
from webform.models.types import UTCDateTime

NOISE = "noise"  # not something the assistant should learn: typing errors, tests, nonsense


class MessageLabel(Base):
    __tablename__ = "message_labels"
    __table_args__ = (UniqueConstraint("sender_id", "event_id", name="uq_message_labels_message"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    event_id: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(Text)  # masked
    predicted_intent: Mapped[str | None] = mapped_column(String(100))
    intent: Mapped[str] = mapped_column(String(100))  # a domain intent, or NOISE
    labelled_by: Mapped[str] = mapped_column(String(80))
    labelled_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
