"""Creates the production databases if they are missing: drafts (DATABASE_URL) and conversations
(TRACKER_DATABASE_URL), on the PostgreSQL server each URL names. Called by `ops/setup.sh --production`.

    .venv/bin/python -m ops.databases
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

from ops.topology import Backends


def ensure_database(url: str) -> bool:
    """Creates the database the URL names unless it exists; True if it was created."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise ValueError(f"{url} names no database")
    server = parts._replace(scheme="postgresql", path="/postgres", query="").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists:
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def main() -> int:
    backends = Backends.from_env()
    for what, url in (("drafts", backends.database_url), ("conversations", backends.tracker_url)):
        try:
            created = ensure_database(url)
        except psycopg.Error as error:
            host = urlsplit(url).hostname
            print(f"setup: PostgreSQL for {what} ({host}) refused: {error}", file=sys.stderr)
            return 1
        name = urlsplit(url).path.lstrip("/")
        print(f"setup: database {name} for {what} {'created' if created else 'exists'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
