"""The requests as the window shows them first: agency, state, status, sent date.

At start-up the rule files and holiday calendars take most of the time; this reads only the
database, so the list is on screen at once and the due dates follow a moment later (the
full `TrackerService.list_requests`). Statuses here count weekdays only, like the listing
does for a request whose law is not known; the full listing replaces them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from foia_assist.domain.lifecycle import derive_from_rows
from foia_assist.services.tracker import RequestRow
from foia_assist.storage.database import open_app_database
from foia_assist.storage.requests_repo import RequestsRepository

if TYPE_CHECKING:
    from foia_assist.domain.lifecycle import EventRow
    from foia_assist.paths import AppPaths
    from foia_assist.storage.database_url import DatabaseTarget


def _weekdays_only(d: date) -> bool:
    return d.weekday() < 5


def quick_rows(paths: AppPaths, target: DatabaseTarget | None = None) -> list[RequestRow]:
    """Every request without its due date (None), from the database alone.

    Only for the local SQLite file: a shared PostgreSQL tracker is listed by the full load
    (a second connection at start-up would cost as much as it saves)."""
    from foia_assist.storage.database_url import SqliteTarget

    if target is not None and not (
        isinstance(target, SqliteTarget) and target.path == paths.database
    ):
        return []
    if not paths.database.is_file():
        return []
    db = open_app_database(paths)
    try:
        requests = RequestsRepository(db)
        reminders = requests.next_reminders()

        def summarise(
            rid: int, code: str, agency: str, tracking: str, events: list[EventRow]
        ) -> RequestRow:
            facts = derive_from_rows(events, _weekdays_only)
            return RequestRow(
                rid,
                agency,
                code,
                facts.status,
                facts.sent,
                None,
                None,
                tracking,
                reminders.get(rid),
            )

        return requests.listing(summarise)
    finally:
        db.close()
