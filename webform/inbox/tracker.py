"""User messages from Rasa's SQL tracker store, kept in an index that only reads what is new.

Rasa's SQLTrackerStore keeps one row per event in the table `events` (id, sender_id, type_name,
timestamp in seconds since the epoch, intent_name, action_name, data as JSON): `make run` in a SQLite
file, production in PostgreSQL (TRACKER_DATABASE_URL; webform.config.tracker_database_url). The form
service only reads it.

InboxIndex reads the events once and afterwards only the rows with a higher id; when rows it had read are
gone (ops/conversation_retention.py deleted old conversations) or a late row appears below the last id
read, it starts over. A page therefore costs two small COUNT queries while nothing changed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app

from programmes.personal_data import NAME_SLOTS, mask, name_pattern
from webform.inbox import triage
from webform.inbox.entities import Span, predicted_spans

LANGUAGE_SLOT = "language"
EVENTS = sa.table(
    "events",
    sa.column("id", sa.Integer), sa.column("sender_id", sa.String), sa.column("type_name", sa.String),
    sa.column("timestamp", sa.Float), sa.column("intent_name", sa.String),
    sa.column("action_name", sa.String),
    sa.column("data", sa.Text),
)
# Only the events the triage needs: messages both ways, fallback actions, and the slots with names and the
# conversation language.
_WANTED = sa.or_(
    EVENTS.c.type_name.in_(("user", "bot")),
    sa.and_(EVENTS.c.type_name == "action", EVENTS.c.action_name.in_(sorted(triage.FALLBACK_ACTIONS))),
    sa.and_(EVENTS.c.type_name == "slot", EVENTS.c.action_name.in_((*NAME_SLOTS, LANGUAGE_SLOT))),
)
READ_BATCH = 5000
REMEMBERED = 32
T = TypeVar("T")


@dataclass(slots=True)
class LoggedMessage:
    """One message a person wrote. `timestamp` is seconds since the epoch (UTC); `reasons` fills as the
    conversation goes on (a dispute or a re-asked question comes after the message)."""

    event_id: int
    sender_id: str
    timestamp: float
    text: str
    language: str
    prediction: triage.Prediction
    reasons: set[triage.Reason] = field(default_factory=set)

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.timestamp, dt.UTC)


@dataclass(slots=True)
class _Conversation:
    names: set[str] = field(default_factory=set)
    language: str | None = None
    last_user: LoggedMessage | None = None
    said_before: str | None = None  # the assistant's last words before the latest user message
    said_since: str | None = None  # its last words since then
    names_pattern: re.Pattern[str] | None = None  # compiled on first use, again when a name comes in
    pattern_current: bool = False


def _json(data: str | None) -> dict[str, Any]:
    try:
        value = json.loads(data or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _text(data: dict[str, Any]) -> str:
    text = data.get("text")
    return text if isinstance(text, str) else ""


def _page_language(data: dict[str, Any]) -> str | None:
    metadata = data.get("metadata")
    language = metadata.get("language") if isinstance(metadata, dict) else None
    return language if language in ("de", "en") else None


class InboxIndex:
    """Every user message of the tracker store with the reasons it is misunderstood (if any), the names
    each conversation collected, and the conversation language. Thread-safe; one per app."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._messages: list[LoggedMessage] = []
        self._by_event: dict[int, LoggedMessage] = {}
        self._conversations: dict[str, _Conversation] = {}
        self._last_id = 0
        self._rows_up_to_last = 0
        self._remembered: dict[Any, Any] = {}
        self.version = 0  # rises whenever what the index holds changed

    # --- reading ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reads what is new since the last call (or everything, when rows it had read went away)."""
        with self._lock, self.engine.connect() as connection:
            # Rasa creates the table with its first conversation; once read, it is not looked up again.
            if not self._last_id and not sa.inspect(connection).has_table("events"):
                return
            total, newest = connection.execute(
                sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(EVENTS.c.id), 0))
            ).one()
            if newest == self._last_id and total == self._rows_up_to_last:
                return
            below = connection.execute(
                sa.select(sa.func.count()).where(EVENTS.c.id <= self._last_id)
            ).scalar_one()
            if below != self._rows_up_to_last:
                self._reset()
            self._read(connection, newest)
            self._rows_up_to_last = connection.execute(
                sa.select(sa.func.count()).where(EVENTS.c.id <= self._last_id)
            ).scalar_one()
            self._remembered.clear()
            self.version += 1

    def _read(self, connection: sa.Connection, newest: int) -> None:
        while self._last_id < newest:
            rows = connection.execute(
                sa.select(EVENTS.c.id, EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.timestamp,
                          EVENTS.c.action_name, EVENTS.c.data)
                .where(EVENTS.c.id > self._last_id, EVENTS.c.id <= newest, _WANTED)
                .order_by(EVENTS.c.id).limit(READ_BATCH)
            ).all()
            if not rows:
                self._last_id = newest
                break
            for row in rows:
                self._take(row)
            self._last_id = rows[-1].id

    def _take(self, row: Any) -> None:
        conversation = self._conversations.setdefault(row.sender_id, _Conversation())
        kind = row.type_name
        if kind == "user":
            data = _json(row.data)
            text = _text(data)
            if conversation.last_user is not None and triage.is_dispute(text):
                conversation.last_user.reasons.add(triage.Reason.DISPUTED)
            conversation.said_before = conversation.said_since or conversation.said_before
            conversation.said_since = None
            if not text.strip() or text.startswith("/"):  # empty, or a button's payload: nothing written
                conversation.last_user = None
                return
            prediction = triage.read_prediction(data.get("parse_data"))
            message = LoggedMessage(
                event_id=row.id, sender_id=row.sender_id, timestamp=float(row.timestamp or 0.0), text=text,
                language=_page_language(data) or conversation.language or triage.guess_language(text),
                prediction=prediction,
            )
            if prediction.fell_back:
                message.reasons.add(triage.Reason.FALLBACK)
            if triage.is_unsure(prediction):
                message.reasons.add(triage.Reason.UNSURE)
            self._messages.append(message)
            self._by_event[message.event_id] = message
            conversation.last_user = message
        elif kind == "bot":
            said = _json(row.data).get("text")
            if not isinstance(said, str) or not said:
                return
            if conversation.last_user is not None and said == conversation.said_before:
                conversation.last_user.reasons.add(triage.Reason.REASKED)
            conversation.said_since = said
        elif kind == "action":
            if conversation.last_user is not None:
                conversation.last_user.reasons.add(triage.Reason.FALLBACK)
        elif kind == "slot":
            value = _json(row.data).get("value")
            if row.action_name == LANGUAGE_SLOT:
                conversation.language = value if value in ("de", "en") else conversation.language
            elif isinstance(value, str) and value.strip():
                conversation.names.add(value.strip())
                conversation.pattern_current = False

    # --- answers ---------------------------------------------------------------------------------------

    def misunderstood(self) -> list[LoggedMessage]:
        """The messages with at least one reason, oldest first."""
        return [m for m in self._messages if m.reasons]

    def remember(self, key: Any, make: Callable[[], T]) -> T:
        """What `make()` returns, kept until the index changes (filtered lists while paging through
        them); at most REMEMBERED answers."""
        with self._lock:
            if key in self._remembered:
                return self._remembered[key]  # type: ignore[no-any-return]
        made = make()
        with self._lock:
            if len(self._remembered) >= REMEMBERED:
                self._remembered.pop(next(iter(self._remembered)))
            self._remembered[key] = made
        return made

    def message(self, event_id: int) -> LoggedMessage | None:
        return self._by_event.get(event_id)

    def masked(self, message: LoggedMessage) -> str:
        """The message's text with personal data masked, its conversation's names included."""
        conversation = self._conversations.get(message.sender_id)
        if conversation is None:
            return mask(message.text)
        if not conversation.pattern_current:
            conversation.names_pattern = name_pattern(conversation.names)
            conversation.pattern_current = True
        return mask(message.text, conversation.names_pattern)

    def masked_entities(self, message: LoggedMessage, entity_types: Iterable[str]) -> list[Span]:
        """The entities the assistant found in the message, as spans of its masked text
        (webform.inbox.entities.predicted_spans)."""
        self.masked(message)  # brings the conversation's name pattern up to date
        conversation = self._conversations.get(message.sender_id)
        pattern = conversation.names_pattern if conversation is not None else None
        return predicted_spans(message.text, pattern, message.prediction.entities, entity_types)

    def names(self, sender_id: str) -> set[str]:
        conversation = self._conversations.get(sender_id)
        return set(conversation.names) if conversation else set()

    def conversation_language(self, sender_id: str) -> str | None:
        conversation = self._conversations.get(sender_id)
        return conversation.language if conversation else None


@dataclass(frozen=True)
class Turn:
    """One line of a transcript: who (`user`, `bot` or `action`), the text (unmasked here), and for the
    user the prediction, for an action its name."""

    kind: str
    event_id: int
    when: dt.datetime
    text: str = ""
    prediction: triage.Prediction | None = None
    action: str | None = None


# Actions every turn runs; they say nothing about what the assistant decided.
QUIET_ACTIONS = frozenset({"action_listen", "action_session_start", "action_unlikely_intent"})


def conversation(engine: sa.Engine, sender_id: str) -> tuple[list[Turn], set[str], str | None]:
    """The transcript of one conversation (messages both ways and the actions taken), the names it
    collected and its language slot; an empty transcript when the store does not know it."""
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("events"):
            return [], set(), None
        rows = connection.execute(
            sa.select(EVENTS.c.id, EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.action_name,
                      EVENTS.c.data)
            .where(EVENTS.c.sender_id == sender_id, EVENTS.c.type_name.in_(("user", "bot", "action", "slot")))
            .order_by(EVENTS.c.id)
        ).all()
    turns: list[Turn] = []
    names: set[str] = set()
    language: str | None = None
    for row in rows:
        when = dt.datetime.fromtimestamp(float(row.timestamp or 0.0), dt.UTC)
        if row.type_name == "slot":
            value = _json(row.data).get("value")
            if row.action_name in NAME_SLOTS and isinstance(value, str) and value.strip():
                names.add(value.strip())
            elif row.action_name == LANGUAGE_SLOT and value in ("de", "en"):
                language = value
            continue
        if row.type_name == "action":
            if row.action_name and row.action_name not in QUIET_ACTIONS:
                turns.append(Turn("action", row.id, when, action=row.action_name))
            continue
        data = _json(row.data)
        text = _text(data)
        if row.type_name == "user":
            turns.append(Turn("user", row.id, when, text, triage.read_prediction(data.get("parse_data"))))
        elif text:
            turns.append(Turn("bot", row.id, when, text))
    return turns, names, language


def engine() -> sa.Engine | None:
    """The app's read connection to the tracker store (made on first use), or None when none is set or
    its SQLite file does not exist yet (connecting would create an empty one)."""
    url = current_app.config.get("TRACKER_DATABASE_URL")
    if not url:
        return None
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and not Path(parsed.database).exists():
        return None
    made = current_app.extensions.get("kiezlotse_tracker_engine")
    if made is None:
        made = current_app.extensions["kiezlotse_tracker_engine"] = sa.create_engine(url, pool_pre_ping=True)
    return made


def index() -> InboxIndex | None:
    """The app's InboxIndex, brought up to date; None when no tracker store is set."""
    tracker = engine()
    if tracker is None:
        return None
    found: InboxIndex | None = current_app.extensions.get("kiezlotse_inbox")
    if found is None:
        found = current_app.extensions["kiezlotse_inbox"] = InboxIndex(tracker)
    found.refresh()
    return found
