"""Rasa's SQL tracker store, made to ride out a database restart (loaded by the Rasa server only).

It keeps no applicant's private link: it builds on bot/tracker_stores.py's MaskedSQLTrackerStore.

`endpoints.production.yml` names this class. Rasa's own SQLTrackerStore keeps pooled connections without
checking them, so the first message after a PostgreSQL restart fails on a dead connection, and Rasa then
answers it from an empty in-memory conversation (its FailSafeTrackerStore): the person would be greeted
as a stranger. Here every pooled connection is checked before use (SQLAlchemy's pool_pre_ping), and a
read or write that still fails because the database is away is retried for up to RETRY_SECONDS, which
covers a restart; only a longer outage reaches Rasa's fallback.

With SQLite (`make run`, endpoints.yml) the file is switched to write-ahead logging with
synchronous=NORMAL, as the form service's database is: a commit then no longer waits for the disk
and the connection is kept (profiled: a fifth of the Rasa server's time per message went to SQLite
commits and to closing the connection after each).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import Any

import sqlalchemy as sa
import sqlalchemy.exc
from rasa.core.tracker_store import create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_stores import MaskedSQLTrackerStore

logger = logging.getLogger(__name__)

RETRY_SECONDS = float(os.environ.get("TRACKER_STORE_RETRY_SECONDS", "15"))


class DurableSQLTrackerStore(MaskedSQLTrackerStore):
    """Rasa's SQL tracker store without private links (bot/tracker_stores.py), with connection checks
    and retries while the database restarts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        if url.get_backend_name() == "sqlite":
            # One kept connection instead of SQLAlchemy 1.4's default of a new one per session: closing
            # the last connection to a WAL file checkpoints it, with a wait for the disk, every message.
            # Rasa uses the store from its event loop's thread only.
            self.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, pool_size=1, max_overflow=4,
                connect_args={"check_same_thread": False},
            )
            sa.event.listen(self.engine, "connect", _sqlite_write_ahead)
        else:
            self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return await self._retrying("read", lambda: super(DurableSQLTrackerStore, self).retrieve(sender_id))

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        parent = super()
        return await self._retrying("read", lambda: parent.retrieve_full_tracker(conversation_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self._retrying("write", lambda: super(DurableSQLTrackerStore, self).save(tracker))

    async def _retrying(self, what: str, call: Any) -> Any:
        deadline = time.monotonic() + RETRY_SECONDS
        delay = 0.2
        while True:
            try:
                return await call()
            except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError) as error:
                if time.monotonic() + delay > deadline:
                    raise
                logger.warning("conversation %s failed, the database may be restarting; retrying: %s",
                               what, error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)


def _sqlite_write_ahead(connection: Any, record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
