"""Tracked requests, their events, reminders and letter records, as domain objects.

All SQL for these tables lives here, parameterised. `listing()` is the fast path for the
requests table: one query, rows streamed and grouped by request in Python.

Over 400 lines as one thing: the one repository of these four tables (its SQL in one place).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any, TypeVar

from foia_assist.domain.lifecycle import (
    KINDS_BY_VALUE,
    METHODS_BY_VALUE,
    Event,
    EventRow,
    Letter,
    Reminder,
    TrackedRequest,
)
from foia_assist.domain.request import RequestSpec, SpecError
from foia_assist.errors import UserError
from foia_assist.storage import request_changes
from foia_assist.storage.database import Connection, Database
from foia_assist.storage.gc_pause import gc_paused
from foia_assist.storage.request_changes import Change

T = TypeVar("T")
_EVENT_COLUMNS = (
    "id, kind, date, days, new_date, note, method, message_id, exemptions, partial, author"
)
_REQUEST_COLUMNS = "id, spec_json, jurisdiction, agency_name, created, tracking_number, version"
# The listing's request heads: served by the covering index `requests_listing` (schema 2).
# SQLite integers are 64-bit signed: a bigger Python int cannot be bound to a query at all.
MAX_ID = 2**63 - 1
LISTING_HEADS = "SELECT id, jurisdiction, agency_name, tracking_number FROM requests ORDER BY id"
_INSERT_EVENT = (
    "INSERT INTO events (request_id, kind, date, days, new_date, note, method, "
    "message_id, exemptions, partial, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_EVENT_WITH_ID = (
    "INSERT INTO events (id, request_id, kind, date, days, new_date, note, method, "
    "message_id, exemptions, partial, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# The listing's event rows (see `listing`). SQLite: one detail column whose type depends on
# the kind; PostgreSQL's CASE needs one type, so the text and the number come apart and
# `_pg_event_rows` puts them back together.
LISTING_EVENTS_SQLITE = (
    "SELECT request_id, kind, date, CASE kind WHEN 'sent' THEN nullif(method, '') "
    "WHEN 'extension' THEN coalesce(nullif(new_date, ''), days) "
    "WHEN 'records_released' THEN partial END FROM events "
    "WHERE kind NOT IN ('note', 'drafted') ORDER BY request_id, date, id"
)
LISTING_EVENTS_POSTGRESQL = (
    "SELECT request_id, kind, date, CASE kind WHEN 'sent' THEN nullif(method, '') "
    "WHEN 'extension' THEN nullif(new_date, '') END, "
    "CASE kind WHEN 'extension' THEN days WHEN 'records_released' THEN partial END "
    "FROM events WHERE kind NOT IN ('note', 'drafted') ORDER BY request_id, date, id"
)


# summarise(id, jurisdiction, agency, tracking_number, event rows) -> a row, or None to skip
Summariser = Callable[[int, str, str, str, list[EventRow]], T | None]


class _NothingChanged(Exception):
    """Raised inside a transaction to roll back a version that changed nothing."""


class RequestNotFound(UserError):
    def __init__(self, request_id: int) -> None:
        super().__init__(f"no tracked request with id {request_id}")
        self.request_id = request_id


def _existing_id(request_id: int) -> int:
    """`request_id`, or RequestNotFound when no row can have it (instead of OverflowError)."""
    if not 1 <= request_id <= MAX_ID:
        raise RequestNotFound(request_id)
    return request_id


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _event(row: tuple[Any, ...]) -> Event:
    eid, kind, day, days, new_date, note, method, message_id, exemptions, partial, author = row
    return Event(
        kind=KINDS_BY_VALUE[kind],
        date=date.fromisoformat(day),
        days=days,
        new_date=_day(new_date),
        note=note,
        method=METHODS_BY_VALUE[method] if method else None,
        message_id=message_id,
        exemptions=tuple(json.loads(exemptions)),
        partial=bool(partial),
        id=eid,
        author=author,
    )


def _event_params(request_id: int, e: Event, author: str) -> tuple[Any, ...]:
    return (
        request_id,
        e.kind.value,
        e.date.isoformat(),
        e.days,
        e.new_date.isoformat() if e.new_date else None,
        e.note,
        e.method.value if e.method else None,
        e.message_id,
        json.dumps(list(e.exemptions), ensure_ascii=False),
        int(e.partial),
        author,
    )


def _spec(request_id: int, text: str) -> RequestSpec:
    try:
        return RequestSpec.from_dict(json.loads(text))
    except (ValueError, SpecError) as exc:
        raise UserError(
            f"tracked request {request_id}: its stored request is damaged ({exc})"
        ) from None


def _quoted(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    return "'" + (one_line if len(one_line) <= limit else one_line[: limit - 1] + "…") + "'"


class RequestsRepository:
    """The tracker's requests. `author` is who writes through this repository (the user name
    from Settings): it is recorded with every event and every change."""

    def __init__(
        self, db: Database, *, author: str = "", clock: Callable[[], datetime] = datetime.now
    ) -> None:
        self.db = db
        self.author = author
        self.clock = clock

    def _bump(self, conn: Any, request_id: int, what: str, expected: int | None = None) -> int:
        """The request's next version, recorded with who and what (see request_changes)."""
        _existing_id(request_id)
        try:
            return request_changes.bump(
                conn, request_id, what, author=self.author, at=self.clock(), expected=expected
            )
        except LookupError:
            raise RequestNotFound(request_id) from None

    @contextlib.contextmanager
    def locked(self, request_id: int) -> Iterator[None]:
        """A write transaction holding the request against other writers: what is read in
        it stays true until it commits (check, then write, with no one in between)."""
        _existing_id(request_id)
        with self.db.transaction() as conn:
            if request_changes.lock(conn, request_id) is None:
                raise RequestNotFound(request_id)
            yield

    # -- writing -----------------------------------------------------------------------------

    def add(self, request: TrackedRequest) -> int:
        """Save a new request with its events, reminders and letters; returns its id."""
        with self.db.transaction() as conn:
            return self._insert(conn, request, keep_ids=False)

    def add_all(self, requests: Iterable[TrackedRequest]) -> list[int]:
        """Save new requests in one transaction (all or none); returns their ids in order."""
        with self.db.transaction() as conn:
            return [self._insert(conn, r, keep_ids=False) for r in requests]

    def add_many(self, requests: Iterable[TrackedRequest], *, keep_ids: bool = False) -> int:
        """Save many requests in one transaction (restore, benchmarks); returns how many."""
        n = 0
        with self.db.transaction() as conn:
            for request in requests:
                self._insert(conn, request, keep_ids=keep_ids)
                n += 1
            if keep_ids:  # PostgreSQL: the next new id must come after the restored ones
                for table in ("requests", "events", "reminders"):
                    conn.ids_set_explicitly(table)
        return n

    def _insert(self, conn: Connection, r: TrackedRequest, *, keep_ids: bool) -> int:
        head = (
            json.dumps(r.spec.to_dict(), ensure_ascii=False, sort_keys=True),
            r.jurisdiction,
            r.agency,
            r.created.isoformat(),
            r.tracking_number,
            r.version if keep_ids else 1,
        )
        # An id column only when an id is given: PostgreSQL's identity takes no NULL.
        if keep_ids and r.id is not None:
            rid = conn.insert(
                "INSERT INTO requests (id, spec_json, jurisdiction, agency_name, created, "
                "tracking_number, version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (r.id, *head),
            )
        else:
            rid = conn.insert(
                "INSERT INTO requests (spec_json, jurisdiction, agency_name, created, "
                "tracking_number, version) VALUES (?, ?, ?, ?, ?, ?)",
                head,
            )
        if not keep_ids:  # a restore or migration brings the history with it
            request_changes.record(
                conn,
                rid,
                Change(1, self.author, request_changes.stamp(self.clock()), "started tracking it"),
            )
        for e in r.events:
            author = e.author if keep_ids else (e.author or self.author)
            if keep_ids and e.id is not None:
                conn.execute(_INSERT_EVENT_WITH_ID, (e.id, *_event_params(rid, e, author)))
            else:
                conn.execute(_INSERT_EVENT, _event_params(rid, e, author))
        for m in r.reminders:
            values = (rid, m.due.isoformat(), m.note, m.done.isoformat() if m.done else None)
            if keep_ids and m.id is not None:
                conn.execute(
                    "INSERT INTO reminders (id, request_id, due, note, done) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (m.id, *values),
                )
            else:
                conn.execute(
                    "INSERT INTO reminders (request_id, due, note, done) VALUES (?, ?, ?, ?)",
                    values,
                )
        for letter in r.letters:
            conn.execute(
                "INSERT INTO letters (request_id, kind, path, sha256, made_on) "
                "VALUES (?, ?, ?, ?, ?)",
                (rid, letter.kind, letter.path, letter.sha256, letter.made_on.isoformat()),
            )
        return rid

    def add_event(self, request_id: int, event: Event, *, expected: int | None = None) -> int:
        """Append an event (by `event.author`, else this repository's author); its id.

        With `expected`, refused (ConflictError) unless the request is still at that version."""
        what = f"logged {_quoted(event.kind.value.replace('_', ' '))} on {event.date.isoformat()}"
        with self.db.transaction() as conn:
            self._bump(conn, request_id, what, expected)
            return conn.insert(
                _INSERT_EVENT, _event_params(request_id, event, event.author or self.author)
            )

    def delete_event(self, request_id: int, event_id: int, *, expected: int | None = None) -> None:
        _existing_id(request_id)
        if not 1 <= event_id <= MAX_ID:
            raise UserError(f"request {request_id} has no event with id {event_id}")
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT kind, date FROM events WHERE id = ? AND request_id = ?",
                (event_id, request_id),
            ).fetchone()
            label = f"{_quoted(str(row[0]).replace('_', ' '))} of {row[1]}" if row else ""
            self._bump(conn, request_id, f"removed the event {label}".strip(), expected)
            cur = conn.execute(
                "DELETE FROM events WHERE id = ? AND request_id = ?", (event_id, request_id)
            )
            if cur.rowcount == 0:
                raise UserError(f"request {request_id} has no event with id {event_id}")

    def add_reminder(
        self, request_id: int, reminder: Reminder, *, expected: int | None = None
    ) -> int:
        with self.db.transaction() as conn:
            what = f"set a reminder for {reminder.due.isoformat()}"
            self._bump(conn, request_id, what, expected)
            return conn.insert(
                "INSERT INTO reminders (request_id, due, note) VALUES (?, ?, ?)",
                (request_id, reminder.due.isoformat(), reminder.note),
            )

    def delete_reminder(
        self, request_id: int, reminder_id: int, *, expected: int | None = None
    ) -> None:
        _existing_id(request_id)
        if not 1 <= reminder_id <= MAX_ID:
            raise UserError(f"request {request_id} has no reminder with id {reminder_id}")
        with self.db.transaction() as conn:
            self._bump(conn, request_id, f"removed reminder {reminder_id}", expected)
            cur = conn.execute(
                "DELETE FROM reminders WHERE id = ? AND request_id = ?", (reminder_id, request_id)
            )
            if cur.rowcount == 0:
                raise UserError(f"request {request_id} has no reminder with id {reminder_id}")

    def mark_reminders_done(
        self, request_id: int, up_to: date, done: date, *, expected: int | None = None
    ) -> int:
        """Mark the request's pending reminders due on or before `up_to` done; how many.

        When there are none, nothing changes (not even the version)."""
        what = f"marked the reminders due by {up_to.isoformat()} done"
        try:
            with self.db.transaction() as conn:
                # The version first (it locks the request), then the reminders: every writer
                # takes the two in that order, so two of them never wait for each other.
                self._bump(conn, request_id, what, expected)
                cur = conn.execute(
                    "UPDATE reminders SET done = ? "
                    "WHERE request_id = ? AND done IS NULL AND due <= ?",
                    (done.isoformat(), request_id, up_to.isoformat()),
                )
                if cur.rowcount == 0:
                    raise _NothingChanged  # rolls the new version back
                return int(cur.rowcount)
        except _NothingChanged:
            return 0

    def add_letter(self, request_id: int, letter: Letter, *, expected: int | None = None) -> None:
        with self.db.transaction() as conn:
            self._bump(conn, request_id, f"recorded the {letter.kind} letter", expected)
            conn.execute(
                "INSERT INTO letters (request_id, kind, path, sha256, made_on) "
                "VALUES (?, ?, ?, ?, ?)",
                (request_id, letter.kind, letter.path, letter.sha256, letter.made_on.isoformat()),
            )

    def set_tracking_number(
        self, request_id: int, tracking_number: str, *, expected: int | None = None
    ) -> None:
        with self.db.transaction() as conn:
            what = f"set the tracking number to {_quoted(tracking_number)}"
            self._bump(conn, request_id, what, expected)
            conn.execute(
                "UPDATE requests SET tracking_number = ? WHERE id = ?",
                (tracking_number, request_id),
            )

    def delete(self, request_id: int, *, expected: int | None = None) -> None:
        with self.db.transaction() as conn:
            self._bump(conn, request_id, "deleted it", expected)
            conn.execute("DELETE FROM requests WHERE id = ?", (request_id,))

    def changes(self, request_id: int) -> list[Change]:
        """Who made each version of the request and what it was, oldest first."""
        _existing_id(request_id)
        with self.db.reading() as conn:
            return request_changes.history(conn, request_id)

    def all_changes(self) -> dict[int, list[Change]]:
        with self.db.reading() as conn:
            return request_changes.all_changes(conn)

    def add_changes(self, changes: dict[int, list[Change]]) -> None:
        """Bring a history along (restore, migrate): the requests must exist already."""
        with self.db.transaction() as conn:
            for rid, items in changes.items():
                for change in items:
                    request_changes.record(conn, rid, change)

    def clear(self) -> None:
        """Delete every request (restore with replace). Events etc. go by cascade."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM requests")

    # -- reading -----------------------------------------------------------------------------

    def count(self) -> int:
        with self.db.reading() as conn:
            return int(conn.execute("SELECT count(*) FROM requests").fetchone()[0])

    def get(self, request_id: int) -> TrackedRequest:
        _existing_id(request_id)
        with self.db.reading() as conn:
            row = conn.execute(
                f"SELECT {_REQUEST_COLUMNS} FROM requests WHERE id = ?", (request_id,)
            ).fetchone()
            if row is None:
                raise RequestNotFound(request_id)
            events = conn.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE request_id = ? ORDER BY date, id",
                (request_id,),
            ).fetchall()
            reminders = conn.execute(
                "SELECT id, due, note, done FROM reminders WHERE request_id = ? ORDER BY due, id",
                (request_id,),
            ).fetchall()
            letters = conn.execute(
                "SELECT kind, path, sha256, made_on FROM letters WHERE request_id = ? ORDER BY id",
                (request_id,),
            ).fetchall()
        return self._build(row, events, reminders, letters)

    def letter_owners(self, sha256s: Iterable[str]) -> dict[str, int]:
        """For each of these hashes recorded with a letter: the (first) request holding it.

        One pass over the letters table (no index on sha256: a bulk rerun asks once)."""
        wanted = set(sha256s)
        found: dict[str, int] = {}
        if not wanted:
            return found
        with self.db.reading() as conn:
            for sha, rid in conn.execute(
                "SELECT sha256, request_id FROM letters ORDER BY request_id, id"
            ):
                if sha in wanted and sha not in found:
                    found[sha] = int(rid)
        return found

    def all(self) -> list[TrackedRequest]:
        """Every request with everything attached (backup, export): four queries in total."""
        with self.db.reading() as conn:
            rows = conn.execute(f"SELECT {_REQUEST_COLUMNS} FROM requests ORDER BY id").fetchall()
            events = _grouped(
                conn.execute(
                    f"SELECT request_id, {_EVENT_COLUMNS} FROM events ORDER BY request_id, date, id"
                )
            )
            reminders = _grouped(
                conn.execute(
                    "SELECT request_id, id, due, note, done FROM reminders "
                    "ORDER BY request_id, due, id"
                )
            )
            letters = _grouped(
                conn.execute(
                    "SELECT request_id, kind, path, sha256, made_on FROM letters "
                    "ORDER BY request_id, id"
                )
            )
        return [
            self._build(
                row, events.get(row[0], []), reminders.get(row[0], []), letters.get(row[0], [])
            )
            for row in rows
        ]

    @staticmethod
    def _build(
        row: tuple[Any, ...],
        events: list[tuple[Any, ...]],
        reminders: list[tuple[Any, ...]],
        letters: list[tuple[Any, ...]],
    ) -> TrackedRequest:
        rid, spec_json, jurisdiction, agency, created, tracking, version = row
        return TrackedRequest(
            id=rid,
            spec=_spec(rid, spec_json),
            jurisdiction=jurisdiction,
            agency=agency,
            created=date.fromisoformat(created),
            tracking_number=tracking,
            letters=tuple(
                Letter(kind, path, sha, date.fromisoformat(made))
                for kind, path, sha, made in letters
            ),
            events=tuple(_event(e) for e in events),
            reminders=tuple(
                Reminder(
                    date.fromisoformat(d), note, mid, date.fromisoformat(done) if done else None
                )
                for mid, d, note, done in reminders
            ),
            version=int(version),
        )

    def listing(self, summarise: Summariser[T]) -> list[T]:
        """`summarise(id, jurisdiction, agency, tracking_number, rows)` for every request.

        In id order. `rows` are the request's events as `EventRow`s in date order (notes and
        'drafted' are left out: they change no status or clock). Two index-ordered queries
        (the second on a covering index) are merged while streaming: no spec JSON is parsed,
        no header is repeated per event, and SQLite's rows are passed on as they are. Results
        that are None are dropped, so filtering costs no memory.
        """
        out: list[T] = []
        append = out.append
        for result in self.iter_listing(summarise):
            if result is not None:
                append(result)
        return out

    def iter_listing(self, summarise: Summariser[T]) -> Iterator[T | None]:
        """`listing` one request at a time (None results included), for a caller that
        reports progress as it goes (a rebuild of the clock summaries)."""
        no_events: list[EventRow] = []
        with gc_paused(), self.db.reading() as conn:
            heads = conn.execute(LISTING_HEADS)
            # One detail column instead of four mostly-NULL ones (each value of ~400,000 rows
            # costs a Python object); it carries what the fold reads for that kind.
            events: Iterable[tuple[Any, ...]]
            if conn.dialect == "postgresql":
                events = _pg_event_rows(conn.execute(LISTING_EVENTS_POSTGRESQL))
            else:
                events = conn.execute(LISTING_EVENTS_SQLITE)
            groups = groupby(events, key=itemgetter(0))
            next_id, group = next(groups, (None, None))
            for rid, jurisdiction, agency, tracking in heads:
                if rid != next_id or group is None:
                    yield summarise(rid, jurisdiction, agency, tracking, no_events)
                else:
                    yield summarise(rid, jurisdiction, agency, tracking, list(group))
                    next_id, group = next(groups, (None, None))

    def appeal_contexts(
        self, jurisdictions: Iterable[str] | None = None
    ) -> dict[int, tuple[str | None, tuple[str, ...]]]:
        """For each request with a denial logged (of these jurisdictions, if given): the
        agency's level in its spec (None when not given) and the exemptions its latest denial
        cited (the appeal route that decides the denial depends on both). One query; the
        requests list asks only when needed."""
        with self.db.reading() as conn:
            return read_appeal_contexts(conn, jurisdictions=jurisdictions)

    def next_reminders(self) -> dict[int, date]:
        """Each request's soonest pending reminder (one that fell due unseen included)."""
        with self.db.reading() as conn:
            return {
                rid: date.fromisoformat(due)
                for rid, due in conn.execute(
                    "SELECT request_id, min(due) FROM reminders WHERE done IS NULL "
                    "GROUP BY request_id"
                )
            }


# The agency's level in the stored spec: read by the database where it can (the list asks
# for every denied request: parsing each spec in Python would cost more than the list).
_SPEC_LEVEL = {
    "sqlite": "json_extract(r.spec_json, '$.agency.level')",
    "postgresql": "(r.spec_json::jsonb -> 'agency' ->> 'level')",
}
_NO_EXEMPTIONS: tuple[str, ...] = ()


def read_appeal_contexts(
    conn: Any, request_id: int | None = None, jurisdictions: Iterable[str] | None = None
) -> dict[int, tuple[str | None, tuple[str, ...]]]:
    """`RequestsRepository.appeal_contexts` on an open connection (inside a write
    transaction too), for every request, one, or those of some jurisdictions."""
    level_sql = _SPEC_LEVEL.get(getattr(conn, "dialect", ""), "r.spec_json")
    parse = level_sql == "r.spec_json"  # another database: the spec is parsed here
    sql = (
        f"SELECT r.id, {level_sql}, e.exemptions FROM requests r "
        "JOIN events e ON e.request_id = r.id AND e.kind = 'denied'"
    )
    order = " ORDER BY r.id, e.date, e.id"
    if request_id is not None:
        rows = conn.execute(sql + " WHERE r.id = ?" + order, (request_id,))
    elif jurisdictions is not None:
        codes = sorted(set(jurisdictions))
        if not codes:
            return {}
        marks = ", ".join("?" for _ in codes)  # placeholders only: the codes are parameters
        rows = conn.execute(sql + f" WHERE r.jurisdiction IN ({marks})" + order, codes)
    else:
        rows = conn.execute(sql + order)
    out: dict[int, tuple[str | None, tuple[str, ...]]] = {}
    for rid, level, exemptions in rows:  # the latest denial of a request comes last
        if parse:
            level = _spec_level(level)
        given = level if isinstance(level, str) and level else None
        cited = _NO_EXEMPTIONS if exemptions == "[]" else tuple(json.loads(exemptions))
        out[rid] = (given, cited)
    return out


def _spec_level(spec_json: str) -> str | None:
    """The agency level a stored spec gives (None: not given, or not readable)."""
    try:
        agency = json.loads(spec_json).get("agency") or {}
    except (ValueError, AttributeError):
        return None
    level = agency.get("level") if isinstance(agency, dict) else None
    return level if isinstance(level, str) and level else None


def _pg_event_rows(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """(request_id, kind, date, text, number) -> (request_id, kind, date, text or number)."""
    for rid, kind, day, text, number in rows:
        yield (rid, kind, day, text if text is not None else number)


def _grouped(cur: Iterable[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    out: dict[int, list[tuple[Any, ...]]] = {}
    for row in cur:
        out.setdefault(row[0], []).append(row[1:])
    return out
