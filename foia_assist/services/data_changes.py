"""Has another program (the CLI, a second window) changed the tracker's data?

SQLite's `PRAGMA data_version` changes on a connection when another connection commits, and
not for its own writes: a cheap question to ask every few seconds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.services.tracker import TrackerService


def data_version(tracker: TrackerService) -> int:
    db = tracker.requests.db
    if db.dialect != "sqlite":
        # PostgreSQL has no such counter; other users' changes arrive by LISTEN/NOTIFY.
        raise UserError(f"{db.display}: changes made elsewhere are not watched by polling")
    with db.reading() as conn:
        row = conn.execute("PRAGMA data_version").fetchone()
    return int(row[0])
