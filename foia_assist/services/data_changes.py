"""Has someone else (the CLI, a second window, a colleague on a shared tracker) changed the
tracker's data since we last looked?

`ChangeWatch.changed()` answers without waiting, so the window can ask every couple of
seconds. On SQLite it compares `PRAGMA data_version`, which changes on a connection when
another connection commits (not for its own writes). On PostgreSQL a second connection
LISTENs on `foia_assist_changes`, which triggers on the tracker's tables NOTIFY with every
commit (schema 6); notifications our own connection caused are ignored, as on SQLite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.services.tracker import TrackerService

CHANNEL = "foia_assist_changes"


class ChangeWatch(Protocol):
    def changed(self) -> bool:
        """True if another connection committed a change since the last call (or since the
        watch was made); never blocks."""
        ...

    def close(self) -> None: ...


def data_version(tracker: TrackerService) -> int:
    db = tracker.requests.db
    if db.dialect != "sqlite":
        # PostgreSQL has no such counter; other users' changes arrive by LISTEN/NOTIFY.
        raise UserError(f"{db.display}: changes made elsewhere are not watched by polling")
    with db.reading() as conn:
        row = conn.execute("PRAGMA data_version").fetchone()
    return int(row[0])


class SQLiteChangeWatch:
    def __init__(self, tracker: TrackerService) -> None:
        self.tracker = tracker
        self._last = data_version(tracker)

    def changed(self) -> bool:
        version = data_version(self.tracker)
        changed, self._last = version != self._last, version
        return changed

    def close(self) -> None:
        pass


def watch_changes(tracker: TrackerService) -> ChangeWatch:
    """The watch that fits the tracker's database."""
    db = tracker.requests.db
    if db.dialect == "postgresql":  # (psycopg is imported only then)
        from foia_assist.storage.change_listener import PostgresChangeWatch
        from foia_assist.storage.postgres import PostgresDatabase

        assert isinstance(db, PostgresDatabase)
        return PostgresChangeWatch(db, CHANNEL)
    return SQLiteChangeWatch(tracker)
