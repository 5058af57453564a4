"""Deletes conversations whose last message is older than CONVERSATION_RETENTION_HOURS (default 24).

Rasa keeps conversations in its SQL tracker store (SQLite with `make run`, PostgreSQL in production)
and never deletes them; what an applicant chose to keep is stored by the form service as a draft.
Run under supervisord with `--every 3600`, or once: `python -m ops.conversation_retention`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import sqlalchemy as sa

from ops.topology import DEFAULT_TRACKER_URL

DELETE_OLD = sa.text(
    "DELETE FROM events WHERE sender_id IN "
    "(SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)"
)


def tracker_url() -> str:
    """The SQLAlchemy URL of Rasa's tracker store, from the variables ops/stack.py gives every program."""
    if os.environ.get("TRACKER_DB_DIALECT") == "sqlite":
        return f"sqlite:///{os.environ['TRACKER_DB']}"
    url = os.environ.get("TRACKER_DATABASE_URL", DEFAULT_TRACKER_URL)
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def purge(engine: sa.Engine, retention_hours: float, now: float | None = None) -> int:
    """Deletes every conversation whose newest event is older than `retention_hours`; returns how many
    events went. A tracker store Rasa has not created yet holds nothing to delete."""
    cutoff = (now if now is not None else time.time()) - retention_hours * 3600
    if not sa.inspect(engine).has_table("events"):
        return 0
    with engine.begin() as connection:
        return connection.execute(DELETE_OLD, {"cutoff": cutoff}).rowcount or 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=0, help="seconds between runs; 0 runs once")
    args = parser.parse_args(argv)
    hours = float(os.environ.get("CONVERSATION_RETENTION_HOURS", "24"))
    engine = sa.create_engine(tracker_url(), pool_pre_ping=True)
    while True:
        try:
            deleted = purge(engine, hours)
        except sa.exc.SQLAlchemyError as error:  # the database is away: try again next round
            print(f"conversation retention: database not available ({error.__class__.__name__})", flush=True)
        else:
            if deleted:
                print(f"conversation retention: deleted {deleted} events older than {hours:g} h", flush=True)
        if not args.every:
            return 0
        time.sleep(args.every)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
