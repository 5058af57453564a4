"""Labels maintainers gave to misunderstood chat messages: the right intent, or "noise", and the entities
in the message.

Only the masked text is stored (programmes.personal_data), never what the person wrote unmasked; the message
is named by its conversation (sender id) and its event id in Rasa's tracker store. Entities are spans of
that masked text: those the assistant found when the message was labelled (`origin` "predicted"), minus
those a maintainer removed, plus those a maintainer marked (`origin` "maintainer").
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webform.models.base import Base, utcnow
from webform.models.types import UTCDateTime

NOISE = "noise"  # not something the assistant should learn: typing errors, tests, nonsense


class EntityOrigin(StrEnum):
    PREDICTED = "predicted"
    MAINTAINER = "maintainer"


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
    entities: Mapped[list[MessageEntity]] = relationship(
        back_populates="label", cascade="all, delete-orphan", order_by="MessageEntity.start"
    )


class MessageEntity(Base):
    """An entity in a labelled message: characters `start` to `end` (exclusive) of the label's masked
    text are an entity of type `entity` (a domain entity); `value` is its normalised value when that
    differs from the text ("Kreuzberg" → "Friedrichshain-Kreuzberg"), else None."""

    __tablename__ = "message_entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label_id: Mapped[int] = mapped_column(ForeignKey("message_labels.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(String(100))
    value: Mapped[str | None] = mapped_column(String(200))  # masked, as the text
    origin: Mapped[str] = mapped_column(String(20))  # EntityOrigin
    changed_by: Mapped[str | None] = mapped_column(String(80))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    label: Mapped[MessageLabel] = relationship(back_populates="entities")
