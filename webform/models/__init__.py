"""Database models. Import every model module here so Alembic sees all tables."""

from webform.models import sqlite_pragmas  # noqa: F401  (registers the SQLite connection settings)
from webform.models.base import Base
from webform.models.callbacks import Callback, CallbackStatus
from webform.models.drafts import Draft, DraftEvent, DraftStatus
from webform.models.labels import MessageEntity, MessageLabel
from webform.models.staff import StaffUser

__all__ = [
    "Base", "Callback", "CallbackStatus", "Draft", "DraftEvent", "DraftStatus", "MessageEntity",
    "MessageLabel", "StaffUser",
]
