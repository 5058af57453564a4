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

Reading and writing a conversation run the same SQL as Rasa's store, but as SQLAlchemy Core statements
built once instead of ORM queries and objects per event, and the writing skips Rasa's second query
when it can: Rasa counts the stored events of the conversation's latest session before each write to
know which events are new. When Rasa writes the very conversation object this store read for it,
that count is the number of events the read returned: Rasa handles one message of a conversation at
a time (its lock store, Redis in production) and reads the conversation before it changes and writes
it. Any other write (a conversation Rasa built itself, as its HTTP API's replacing of events does, or
a repeated write after an error) counts as Rasa does. (Profiled: reading and writing the
conversation took a fifth of Rasa's CPU per message, mostly in the ORM.) Rasa finds the class of each
stored event by walking all subclasses of Event, for every event of every read; the read here looks
the classes up in a table of the same subclasses, made once.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import logging
import os
import time
import weakref
from collections import OrderedDict
from typing import Any

import sqlalchemy as sa
import sqlalchemy.exc
from rasa.core.tracker_store import create_engine_kwargs
from rasa.shared.core.events import Event, SessionStarted, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.utils.common import all_subclasses

from bot.tracker_stores import MaskedSQLTrackerStore, without_private_links

logger = logging.getLogger(__name__)

RETRY_SECONDS = float(os.environ.get("TRACKER_STORE_RETRY_SECONDS", "15"))
# Conversations read and not yet written whose stored count is remembered (one message each).
REMEMBERED_COUNTS = 10_000


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
        self._statements = _Statements(self.SQLEvent.__table__)
        # sender id -> (the conversation object a read returned, how many stored events it was read from)
        self._read: OrderedDict[str, tuple[weakref.ref[DialogueStateTracker], int]] = OrderedDict()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The conversation's latest session, as Rasa's SQL store reads it."""
        return await self._retrying("read", lambda: self._read_events(sender_id, all_sessions=False))

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        """The conversation with all its sessions, as Rasa's SQL store reads it."""
        return await self._retrying("read", lambda: self._read_events(conversation_id, all_sessions=True))

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the events Rasa's SQL store would store: those after the ones already stored for the
        conversation's latest session, with every private link masked."""
        await self.stream_events(tracker)
        read = self._read.pop(tracker.sender_id, None)
        stored = read[1] if read is not None and read[0]() is tracker else None
        attempts = 0

        async def write() -> None:
            nonlocal attempts
            attempts += 1
            # after a failed attempt the database says what it holds
            self._write(without_private_links(tracker), stored if attempts == 1 else None)

        await self._retrying("write", write)

    async def _read_events(self, sender_id: str, all_sessions: bool) -> DialogueStateTracker | None:
        statement = self._statements.all_sessions if all_sessions else self._statements.latest_session
        with self.session_scope() as session:
            rows = session.execute(statement, {"sender_id": sender_id}).scalars().all()
        if not (self.domain and rows):
            return None
        tracker = DialogueStateTracker.from_events(
            sender_id, _deserialise([json.loads(data) for data in rows]), self.domain.slots
        )
        if not all_sessions:
            self._read[sender_id] = (weakref.ref(tracker), len(rows))
            self._read.move_to_end(sender_id)
            while len(self._read) > REMEMBERED_COUNTS:
                self._read.popitem(last=False)
        return tracker

    def _write(self, tracker: DialogueStateTracker, stored: int | None) -> None:
        with self.session_scope() as session:
            if stored is None:
                count = session.execute(self._statements.count, {"sender_id": tracker.sender_id})
                stored = count.scalar_one()
            rows = []
            for event in itertools.islice(tracker.events, stored, len(tracker.events)):
                data = event.as_dict()
                rows.append(
                    {
                        "sender_id": tracker.sender_id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            if rows:
                session.execute(self._statements.insert, rows)
            session.commit()

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


@functools.cache
def _event_classes() -> dict[str, type[Event]]:
    """Event type name -> the class Rasa's `Event.resolve_by_type` finds first for it."""
    classes: dict[str, type[Event]] = {}
    for cls in all_subclasses(Event):
        classes.setdefault(cls.type_name, cls)
    return classes


def _deserialise(stored: list[dict[str, Any]]) -> list[Event]:
    """Rasa's `deserialise_events`, with each event's class from `_event_classes()`."""
    classes = _event_classes()
    events: list[Event] = []
    for parameters in stored:
        cls = classes.get(parameters.get("event"))  # type: ignore[arg-type]
        event = cls._from_parameters(parameters) if cls is not None else None
        if event is not None:
            events.append(event)
        else:  # what Rasa does with it: unknown kinds, kinds it cannot read
            events += deserialise_events([parameters])
    return events


class _Statements:
    """Rasa's SQL store's queries (SQLTrackerStore._event_query and _additional_events) as Core
    statements, built once: the events of a conversation in order, of all sessions or of the latest
    (from its last SessionStarted on, or all when there is none), and how many the latest has."""

    def __init__(self, events: sa.Table) -> None:
        sender = events.c.sender_id == sa.bindparam("sender_id")
        session_start = (
            sa.select(sa.func.max(events.c.timestamp).label("session_start"))
            .where(sender, events.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        in_latest = sa.or_(events.c.timestamp >= session_start, session_start.is_(None))
        self.all_sessions = sa.select(events.c.data).where(sender).order_by(events.c.id)
        self.latest_session = sa.select(events.c.data).where(sender, in_latest).order_by(events.c.id)
        self.count = sa.select(sa.func.count()).select_from(events).where(sender, in_latest)
        self.insert = events.insert()


def _sqlite_write_ahead(connection: Any, record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
