"""Many people on one tracker at once, in separate processes (as separate computers would be).

Each backend the tests can reach: SQLite always; PostgreSQL on the throwaway server of
tests/postgres_server.py once that backend is in (see the `database` fixture)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.lifecycle import EventKind
from foia_assist.services.tracker import TrackerService
from foia_assist.storage.request_changes import ConflictError

TODAY = date(2026, 3, 20)
WRITERS = 4
EVENTS_EACH = 25


def _open(url: str, author: str) -> TrackerService:
    from foia_assist.paths import resources_dir
    from foia_assist.storage.database import Database
    from foia_assist.storage.rule_files import load_jurisdictions

    path = Path(url.removeprefix("sqlite://"))
    db = Database.open(path, path.parent / "backups")
    jurisdictions = load_jurisdictions(resources_dir() / "jurisdictions")
    return TrackerService.over(db, jurisdictions, CalendarCache(), author=author)


def _writer(url: str, request_id: int, k: int, start: Any, out: Any) -> None:
    """One person logging EVENTS_EACH notes as fast as they can (in its own process)."""
    tracker = _open(url, f"writer{k}")
    try:
        start.wait(timeout=60)
        ids = [
            tracker.log_event(request_id, "note", date(2026, 3, 3), note=f"{k}:{i}")
            for i in range(EVENTS_EACH)
        ]
        out.put((k, ids, None))
    except BaseException as exc:  # reported to the test, never lost in the child
        out.put((k, [], f"{type(exc).__name__}: {exc}"))
    finally:
        tracker.close()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    """A fresh tracker's URL."""
    yield f"sqlite://{tmp_path / 'shared.sqlite3'}"


def test_four_processes_logging_at_once_lose_no_event(database: str) -> None:
    first = _open(database, "setup")
    try:
        rid = first.add_request(_spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
    finally:
        first.close()
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(WRITERS), ctx.Queue()
    procs = [
        ctx.Process(target=_writer, args=(database, rid, k, start, out)) for k in range(WRITERS)
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert [r[2] for r in results] == [None] * WRITERS
    check = _open(database, "check")
    try:
        request = check.get(rid)
        notes = [e for e in request.events if e.kind is EventKind.NOTE]
        assert len(notes) == WRITERS * EVENTS_EACH
        assert {(e.author, e.note) for e in notes} == {
            (f"writer{k}", f"{k}:{i}") for k in range(WRITERS) for i in range(EVENTS_EACH)
        }
        returned = sorted(i for r in results for i in r[1])
        assert returned == sorted(e.id for e in notes)  # every id handed out is a kept event
        # One version per event, each recorded once with its author.
        assert request.version == 1 + WRITERS * EVENTS_EACH
        history = check.changes(rid)
        assert [c.version for c in history] == list(range(1, request.version + 1))
    finally:
        check.close()


def test_two_stale_edits_the_second_is_refused_with_the_first(database: str) -> None:
    alice, bob = _open(database, "alice"), _open(database, "bob")
    try:
        rid = alice.add_request(_spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
        seen = alice.get(rid).version
        assert bob.get(rid).version == seen
        bob.set_tracking_number(rid, "BOB-1", seen_version=seen)
        with pytest.raises(ConflictError, match="bob set the tracking number to 'BOB-1'"):
            alice.set_tracking_number(rid, "ALICE-1", seen_version=seen)
        assert alice.get(rid).tracking_number == "BOB-1"
    finally:
        alice.close()
        bob.close()


def _spec() -> Any:
    from tracking_helpers import tracked_spec

    return tracked_spec("US")
