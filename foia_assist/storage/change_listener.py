"""PostgreSQL change notifications for an open window (see services/data_changes.py).

A second connection LISTENs on the channel the schema-6 triggers NOTIFY with every commit to
the tracker's tables; the payload is the writer's backend pid, so the window's own changes
(made on the database's main connection) are not reported back to it. `changed()` makes one
tiny round trip (`SELECT 1`), during which psycopg hands over what arrived: it never waits.
"""

from __future__ import annotations

import contextlib
from typing import Any

import psycopg
from psycopg import sql

from foia_assist.errors import UserError
from foia_assist.storage.postgres import PostgresDatabase


class PostgresChangeWatch:
    def __init__(self, db: PostgresDatabase, channel: str) -> None:
        self.db = db
        self.channel = channel
        self._payloads: list[str] = []
        self._conn = self._listen()

    def _listen(self) -> psycopg.Connection[Any]:
        conn = self.db.new_connection()
        conn.add_notify_handler(lambda n: self._payloads.append(n.payload))
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
        return conn

    def changed(self) -> bool:
        try:
            self._conn.execute("SELECT 1")
        except psycopg.OperationalError:
            # The connection was lost (server restart, network): listen again, and say
            # "changed" since what happened meanwhile was not heard.
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
            self._conn = self._listen()
            self._payloads.clear()
            return True
        own = str(self.db.backend_pid())
        others = [p for p in self._payloads if p != own]
        self._payloads.clear()
        return bool(others)

    def close(self) -> None:
        with contextlib.suppress(psycopg.Error, UserError):
            self._conn.close()
