"""SQLite settings for a web server with several workers: applied to every new SQLite connection.

WAL lets readers work while one request writes, and with synchronous=NORMAL a commit no longer waits for
the disk on every request (a committed draft survives a crash of the service; only a power cut can lose the
last moments). busy_timeout makes a second writer wait instead of failing; foreign_keys makes SQLite keep
the foreign keys the schema declares, as PostgreSQL does.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection: Any, connection_record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
