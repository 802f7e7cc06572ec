"""The stored clock summaries (schema 7): each request's status, the due date the list shows,
which clock that is, its appeal deadline and next reminder, and the rules they came from.

Only SQL lives here (plain SELECT/INSERT/DELETE with `?` placeholders, no dialect-only
functions); what a summary says is worked out by `services.clock_summaries`. "Overdue" and
"due soon" are never stored: the listing compares the stored dates with the day it is shown
for, which the caller passes as ISO text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from foia_assist.storage.database import Database

if TYPE_CHECKING:  # (the window's first list imports this module, not the events' module)
    from foia_assist.domain.lifecycle import EventRow

# (request_id, agency_name, jurisdiction, tracking_number, status, sent, due, clock,
# appeal_due, next_reminder); dates as ISO text.
SummaryRecord = tuple[int, str, str, str, str, str | None, str | None, str, str | None, str | None]

_INSERT = (
    "INSERT INTO clock_summary (request_id, agency_name, jurisdiction, tracking_number, "
    "status, sent, due, clock, appeal_due, next_reminder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# One request's status-bearing events, plain columns on both backends; `event_rows` gives
# them the shape `RequestsRepository.listing` passes on (one detail value per kind), so one
# request's summary is folded exactly like the whole list.
_EVENT_ROWS = (
    "SELECT id, kind, date, method, new_date, days, partial FROM events "
    "WHERE request_id = ? AND kind NOT IN ('note', 'drafted') ORDER BY date, id"
)
_NEXT_REMINDER = "SELECT min(due) FROM reminders WHERE request_id = ? AND done IS NULL"
_LISTING = (
    "SELECT request_id, agency_name, jurisdiction, status, sent, due, tracking_number, "
    "next_reminder FROM clock_summary"
)
# Sort orders the list offers (a whitelist: nothing typed reaches ORDER BY).
ORDERS = {
    "id": "request_id",
    "agency": "agency_name, request_id",
    "jurisdiction": "jurisdiction, request_id",
    "status": "status, request_id",
    "sent": "sent, request_id",
    "due": "due, request_id",
}
# Date orders: dated rows by their index, then undated ones (NULLs sort first in SQLite and
# last in PostgreSQL, so they are read separately rather than ordered by `x IS NULL`).
_DATED = {"sent", "due"}


@dataclass(frozen=True)
class SearchWord:
    """One word typed in the search box, and what it names besides its own text (worked out
    by `services.request_search.search_words`): the jurisdictions whose name contains it
    ("virginia" -> VA), the statuses and the months ("01".."12") it is part of. A row
    matches when any of its texts contains the word or it has one of these."""

    text: str  # case-folded
    codes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    months: tuple[str, ...] = ()
    # The word is part of "overdue": rows due before this day (ISO) match too.
    due_before: str | None = None
    # Part of "due": every row with a due date matches.
    has_due: bool = False
    # Part of "today" or "soon": rows due within these (ISO, inclusive) match.
    due_between: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SummaryQuery:
    """Which stored summaries to list; every date is ISO text chosen by the caller from the
    day the list is shown for (`today`), so a day passing needs no stored change."""

    status: str | None = None  # one status value
    jurisdiction: str | None = None
    due_before: str | None = None  # due < this (overdue: today)
    due_from: str | None = None  # due >= this
    due_until: str | None = None  # due <= this (due soon, due within N days)
    # Needs action: due on or before `action_until` (overdue or due soon), a reminder on or
    # before `today`, not sent yet, or a denial whose appeal is still open on `today`.
    action_until: str | None = None
    today: str | None = None
    # Every word must match the row somewhere (so "texas denied" narrows).
    search: tuple[SearchWord, ...] = ()
    order: str = "id"
    descending: bool = False


class ClockSummaryRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- the rules they were worked out with ----------------------------------------------------

    def fingerprint(self) -> str | None:
        with self.db.reading() as conn:
            row = conn.execute(
                "SELECT fingerprint FROM clock_summary_rules WHERE id = 1"
            ).fetchone()
        return str(row[0]) if row else None

    # -- writing (inside the caller's transaction) ----------------------------------------------

    @staticmethod
    def head(conn: Any, request_id: int) -> tuple[str, str, str] | None:
        """The request's agency, jurisdiction and reference, or None when it does not exist.

        On PostgreSQL the request's row is locked until the transaction ends, so two users
        changing one request at once write its summary one after the other, the second from
        events that include the first's (SQLite runs one writer at a time anyway). NO KEY
        UPDATE: the key-share lock each one's event insert holds does not block it."""
        lock = " FOR NO KEY UPDATE" if conn.dialect == "postgresql" else ""
        row = conn.execute(
            "SELECT agency_name, jurisdiction, tracking_number FROM requests WHERE id = ?" + lock,
            (request_id,),
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]), str(row[2]))

    @staticmethod
    def event_rows(conn: Any, request_id: int) -> list[EventRow]:
        out: list[EventRow] = []
        for eid, kind, day, method, new_date, days, partial in conn.execute(
            _EVENT_ROWS, (request_id,)
        ):
            detail: str | int | None = None
            if kind == "sent":
                detail = method or None
            elif kind == "extension":
                detail = new_date or days
            elif kind == "records_released":
                detail = partial
            out.append((eid, kind, day, detail))
        return out

    @staticmethod
    def next_reminder(conn: Any, request_id: int) -> str | None:
        row = conn.execute(_NEXT_REMINDER, (request_id,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    @staticmethod
    def put(conn: Any, record: SummaryRecord) -> None:
        conn.execute("DELETE FROM clock_summary WHERE request_id = ?", (record[0],))
        conn.execute(_INSERT, record)

    @staticmethod
    def clear(conn: Any) -> None:
        conn.execute("DELETE FROM clock_summary")

    @staticmethod
    def lock_for_rebuild(conn: Any) -> str | None:
        """Keep other writers of summaries waiting until this transaction ends (PostgreSQL;
        SQLite's write transaction already does), then the fingerprint as it is now."""
        if conn.dialect == "postgresql":
            conn.execute("LOCK TABLE clock_summary, clock_summary_rules IN EXCLUSIVE MODE")
        row = conn.execute("SELECT fingerprint FROM clock_summary_rules WHERE id = 1").fetchone()
        return str(row[0]) if row else None

    @staticmethod
    def insert_many(conn: Any, records: Sequence[SummaryRecord]) -> None:
        """New summaries (after `clear`, in the same transaction), in one batch: sqlite3's
        executemany, or psycopg's (pipelined: not one round trip per row)."""
        if conn.dialect == "postgresql":
            from foia_assist.storage.postgres import to_pg_placeholders

            with conn.raw.cursor() as cur:
                cur.executemany(to_pg_placeholders(_INSERT), records)
        else:
            conn.raw.executemany(_INSERT, records)

    @staticmethod
    def set_fingerprint(conn: Any, fingerprint: str) -> None:
        conn.execute("DELETE FROM clock_summary_rules")
        conn.execute(
            "INSERT INTO clock_summary_rules (id, fingerprint) VALUES (1, ?)", (fingerprint,)
        )

    # -- reading ------------------------------------------------------------------------------

    def empty(self) -> bool:
        """No request at all (and so no summary to work out)."""
        with self.db.reading() as conn:
            return conn.execute("SELECT 1 FROM requests LIMIT 1").fetchone() is None

    def missing(self) -> list[int]:
        """Requests without a summary (restored or copied in by a path that does not write
        summaries): the listing works them out before it reads."""
        with self.db.reading() as conn:
            # Each summary belongs to one request (its key references it): equal counts mean
            # none is missing, which two counts find faster than the anti-join below.
            counts = conn.execute(
                "SELECT (SELECT count(*) FROM requests), (SELECT count(*) FROM clock_summary)"
            ).fetchone()
            if counts[0] == counts[1]:
                return []
            return [
                int(r[0])
                for r in conn.execute(
                    "SELECT r.id FROM requests r LEFT JOIN clock_summary s "
                    "ON s.request_id = r.id WHERE s.request_id IS NULL ORDER BY r.id"
                )
            ]

    def listing(self, q: SummaryQuery) -> list[tuple[Any, ...]]:
        """(id, agency, jurisdiction, status, sent, due, tracking_number, next_reminder) rows."""
        where: list[str] = []
        params: list[Any] = []
        if q.status is not None:
            where.append("status = ?")
            params.append(q.status)
        if q.jurisdiction is not None:
            where.append("jurisdiction = ?")
            params.append(q.jurisdiction)
        if q.due_before is not None:
            where.append("due < ?")
            params.append(q.due_before)
        if q.due_from is not None:
            where.append("due >= ?")
            params.append(q.due_from)
        if q.due_until is not None:
            where.append("due <= ?")
            params.append(q.due_until)
        if q.action_until is not None:
            if q.today is None:
                raise ValueError("needs action is decided for a day: give `today`")
            where.append(
                "(due <= ? OR next_reminder <= ? OR status = 'drafted' "
                "OR (status = 'denied' AND due >= ?))"
            )
            params += [q.action_until, q.today, q.today]
        for word in q.search:
            clause, values = _search_clause(word)
            where.append(clause)
            params += values
        order = ORDERS.get(q.order)
        if order is None:
            raise ValueError(f"unknown order {q.order!r}")
        if q.descending:
            order = ", ".join(f"{part} DESC" for part in order.split(", "))
        with self.db.reading() as conn:
            if q.order not in _DATED:
                return conn.execute(_select(where, order), params).fetchall()
            column = q.order
            dated = conn.execute(
                _select([*where, f"{column} IS NOT NULL"], order), params
            ).fetchall()
            undated = conn.execute(
                _select([*where, f"{column} IS NULL"], "request_id"), params
            ).fetchall()
        return dated + undated


def _like(text: str) -> str:
    """A LIKE pattern finding `text` anywhere, its own % _ and backslash taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_clause(word: SearchWord) -> tuple[str, list[Any]]:
    """SQL (with parameters) true when the row matches `word`. lower() on both backends:
    case-insensitive for every letter on PostgreSQL, for ASCII letters on SQLite."""
    pattern = _like(word.text)
    texts = ("lower(agency_name)", "lower(jurisdiction)", "lower(tracking_number)", "sent", "due")
    parts = [f"{column} LIKE ? ESCAPE '\\'" for column in texts]
    params: list[Any] = [pattern] * len(texts)
    for column, values in (("jurisdiction", word.codes), ("status", word.statuses)):
        if values:
            parts.append(f"{column} IN ({', '.join('?' * len(values))})")
            params += values
    if word.months:
        marks = ", ".join("?" * len(word.months))
        for column in ("sent", "due"):
            parts.append(f"substr({column}, 6, 2) IN ({marks})")
            params += word.months
    if word.due_before is not None:
        parts.append("due < ?")
        params.append(word.due_before)
    if word.has_due:
        parts.append("due IS NOT NULL")
    for first, last in word.due_between:
        parts.append("(due >= ? AND due <= ?)")
        params += [first, last]
    return "(" + " OR ".join(parts) + ")", params


def _select(where: list[str], order: str) -> str:
    sql = _LISTING
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + " ORDER BY " + order
