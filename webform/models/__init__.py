"""Database models. Import every model module here so Alembic sees all tables."""

from webform.models.base import Base

__all__ = ["Base"]
