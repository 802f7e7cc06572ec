"""The requests as the window shows them first, from the database alone (no rules loaded).

At start-up the rule files and holiday calendars take most of the time. When the stored
clock summaries were worked out with the rules this app ships (`clock_summaries`), they are
the list itself: statuses and due dates for `today`, read in one query, with nothing
computed and no `holidays` import. Otherwise (rules changed, requests without a summary) the
list shows agency, state, status and sent date, counting weekdays only like the listing does
for a request whose law is not known, and the due dates follow once the full load
(`TrackerService.list_requests`) has rebuilt the summaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from foia_assist.services.request_rows import RequestRow, stored_rows
from foia_assist.services.rules_fingerprint import default_fingerprint
from foia_assist.storage.clock_summary_repo import ClockSummaryRepository, SummaryQuery
from foia_assist.storage.database import open_app_database

if TYPE_CHECKING:
    from foia_assist.domain.lifecycle import EventRow
    from foia_assist.paths import AppPaths
    from foia_assist.storage.database_url import DatabaseTarget
    from foia_assist.storage.requests_repo import RequestsRepository


def _weekdays_only(d: date) -> bool:
    return d.weekday() < 5


@dataclass(frozen=True)
class QuickList:
    rows: list[RequestRow]
    complete: bool  # True: due dates included (stored summaries of the current rules)


def _local(paths: AppPaths, target: DatabaseTarget | None) -> bool:
    """Only for the local SQLite file: a shared PostgreSQL tracker is listed by the full load
    (a second connection at start-up would cost as much as it saves)."""
    from foia_assist.storage.database_url import SqliteTarget

    return target is None or (isinstance(target, SqliteTarget) and target.path == paths.database)


def quick_list(paths: AppPaths, today: date, target: DatabaseTarget | None = None) -> QuickList:
    """Every request, with due dates when the stored summaries are current."""
    if not _local(paths, target):
        return QuickList([], False)
    if not paths.database.is_file():
        return QuickList([], True)
    db = open_app_database(paths)
    try:
        summaries = ClockSummaryRepository(db)
        if summaries.empty():
            # A new tracker (the welcome page): no rules fingerprint to compare, and an
            # empty tracker never stores one, which sent it to the slower path below.
            return QuickList([], True)
        if summaries.fingerprint() == default_fingerprint() and not summaries.missing():
            return QuickList(stored_rows(summaries.listing(SummaryQuery()), today), True)
        from foia_assist.storage.requests_repo import RequestsRepository

        return QuickList(_statuses_only(RequestsRepository(db)), False)
    finally:
        db.close()


def quick_rows(paths: AppPaths, target: DatabaseTarget | None = None) -> list[RequestRow]:
    """Every request without its due date (None), from the events alone."""
    if not _local(paths, target) or not paths.database.is_file():
        return []
    from foia_assist.storage.requests_repo import RequestsRepository

    db = open_app_database(paths)
    try:
        return _statuses_only(RequestsRepository(db))
    finally:
        db.close()


def _statuses_only(requests: RequestsRepository) -> list[RequestRow]:
    # Only when the stored summaries are not current: the events' module is imported here.
    from foia_assist.domain.lifecycle import derive_from_rows

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
