"""Versions of a tracked request: who changed it, when, and what (schema 6).

Every write to a request, its events, reminders or letters goes through `bump` inside the
write's own transaction: `requests.version` goes up by one and a `request_changes` row says
who made that version and what it was. A write that names the version its user saw
(`expected`) is refused with `ConflictError` when someone else has changed the request
since, and the error lists those changes: nothing is silently overwritten.

`UPDATE ... SET version = version + 1 WHERE id = ? AND version = ?` is the whole check: on
SQLite the write transaction holds the file's write lock, on PostgreSQL the UPDATE locks the
row (and re-reads it after a concurrent commit), so two writers can never both pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from foia_assist.errors import UserError

# What is shown of the other changes in one refusal (the newest ones).
SHOWN_CHANGES = 5


@dataclass(frozen=True)
class Change:
    version: int
    author: str
    changed_at: str  # ISO date and time, to the second (local time of the writer)
    what: str

    def describe(self) -> str:
        who = self.author or "someone"
        when = self.changed_at.replace("T", " ")[:16]
        return f"{who} {self.what} ({when}, version {self.version})"

    def to_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "author": self.author,
            "changed_at": self.changed_at,
            "what": self.what,
        }


class ConflictError(UserError):
    """An edit made from a version of the request that is no longer the latest."""

    def __init__(self, request_id: int, seen: int, current: int, changes: list[Change]) -> None:
        self.request_id = request_id
        self.seen = seen
        self.current = current
        self.changes = changes
        shown = changes[-SHOWN_CHANGES:]
        told = "; ".join(c.describe() for c in shown) or "its history was not recorded"
        more = f" (and {len(changes) - len(shown)} earlier)" if len(changes) > len(shown) else ""
        super().__init__(
            f"request {request_id} was changed by someone else since you looked at it "
            f"(you saw version {seen}, it is now version {current}): {told}{more}. "
            "Nothing was saved: look at the request again and redo your change if it still "
            "applies"
        )


def lock(conn: Any, request_id: int) -> int | None:
    """Hold the request against other writers until the transaction ends; its version (None:
    no such request). PostgreSQL locks the row; on SQLite the write transaction (BEGIN
    IMMEDIATE) already keeps every other writer out."""
    suffix = " FOR UPDATE" if conn.dialect == "postgresql" else ""
    row = conn.execute(
        "SELECT version FROM requests WHERE id = ?" + suffix, (request_id,)
    ).fetchone()
    return None if row is None else int(row[0])


def stamp(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


def bump(
    conn: Any,
    request_id: int,
    what: str,
    *,
    author: str,
    at: datetime,
    expected: int | None = None,
) -> int:
    """Make the next version of the request (in the caller's transaction); returns it.

    Raises `LookupError` when there is no such request, `ConflictError` when `expected` is
    not the current version."""
    if expected is None:
        cur = conn.execute("UPDATE requests SET version = version + 1 WHERE id = ?", (request_id,))
    else:
        cur = conn.execute(
            "UPDATE requests SET version = version + 1 WHERE id = ? AND version = ?",
            (request_id, expected),
        )
    if cur.rowcount == 0:
        row = conn.execute("SELECT version FROM requests WHERE id = ?", (request_id,)).fetchone()
        if row is None:
            raise LookupError(request_id)
        assert expected is not None  # an UPDATE by id alone changes the row when it exists
        raise ConflictError(request_id, expected, int(row[0]), since(conn, request_id, expected))
    version = int(
        conn.execute("SELECT version FROM requests WHERE id = ?", (request_id,)).fetchone()[0]
    )
    record(conn, request_id, Change(version, author, stamp(at), what))
    return version


def record(conn: Any, request_id: int, change: Change) -> None:
    conn.execute(
        "INSERT INTO request_changes (request_id, version, author, changed_at, what) "
        "VALUES (?, ?, ?, ?, ?)",
        (request_id, change.version, change.author, change.changed_at, change.what),
    )


def since(conn: Any, request_id: int, version: int) -> list[Change]:
    """The changes made after `version`, oldest first."""
    rows = conn.execute(
        "SELECT version, author, changed_at, what FROM request_changes "
        "WHERE request_id = ? AND version > ? ORDER BY version",
        (request_id, version),
    ).fetchall()
    return [Change(int(v), str(a), str(t), str(w)) for v, a, t, w in rows]


def history(conn: Any, request_id: int) -> list[Change]:
    return since(conn, request_id, 0)


def all_changes(conn: Any) -> dict[int, list[Change]]:
    """Every request's history (backup, migrate), by request id."""
    out: dict[int, list[Change]] = {}
    for rid, v, a, t, w in conn.execute(
        "SELECT request_id, version, author, changed_at, what FROM request_changes "
        "ORDER BY request_id, version"
    ):
        out.setdefault(int(rid), []).append(Change(int(v), str(a), str(t), str(w)))
    return out
