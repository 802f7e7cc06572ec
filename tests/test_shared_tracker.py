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
from postgres_server import BACKENDS, SUPERUSER_PASSWORD

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.lifecycle import EventKind
from foia_assist.services.tracker import TrackerService
from foia_assist.storage.request_changes import ConflictError

TODAY = date(2026, 3, 20)
WRITERS = 4
EVENTS_EACH = 25


def _open(url: str, author: str) -> TrackerService:
    """A tracker session of its own (its own connection), as another computer would have."""
    import tempfile

    from foia_assist.paths import resources_dir
    from foia_assist.storage.database_open import open_database
    from foia_assist.storage.database_url import parse_database_url
    from foia_assist.storage.rule_files import load_jurisdictions

    db = open_database(parse_database_url(url), Path(tempfile.gettempdir()) / "unused-backups")
    jurisdictions = load_jurisdictions(resources_dir() / "jurisdictions")
    return TrackerService.over(db, jurisdictions, CalendarCache(), author=author)


def _writer(url: str, request_id: int, k: int, start: Any, out: Any) -> None:
    """One person logging EVENTS_EACH events as fast as they can (in its own process):
    notes (appended without reading) and follow-ups (checked against the request, under its
    lock), one after the other."""
    tracker = _open(url, f"writer{k}")
    try:
        start.wait(timeout=60)
        ids = [
            tracker.log_event(
                request_id, "note" if i % 2 else "follow_up_sent", date(2026, 3, 3), note=f"{k}:{i}"
            )
            for i in range(EVENTS_EACH)
        ]
        out.put((k, ids, None))
    except BaseException as exc:  # reported to the test, never lost in the child
        out.put((k, [], f"{type(exc).__name__}: {exc}"))
    finally:
        tracker.close()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh tracker's URL (on PostgreSQL with the throwaway server's password in it: the
    writers are separate processes)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    from urllib.parse import quote

    server = request.getfixturevalue("postgres_server")
    name = request.getfixturevalue("postgres_database")
    yield server.url(name).replace("@", f":{quote(SUPERUSER_PASSWORD, safe='')}@", 1)


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
        notes = [e for e in request.events if e.kind in (EventKind.NOTE, EventKind.FOLLOW_UP_SENT)]
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


def _postgres_url(server: Any, name: str) -> str:
    from urllib.parse import quote

    return server.url(name).replace("@", f":{quote(SUPERUSER_PASSWORD, safe='')}@", 1)


def _heard(watch: Any, seconds: float = 5.0) -> bool:
    """Whether `watch` reports a change within `seconds` (NOTIFY is asynchronous)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if watch.changed():
            return True
        time.sleep(0.05)
    return False


def test_notify_reaches_a_listener_and_not_the_writer(
    postgres_server: Any, postgres_database: str
) -> None:
    from foia_assist.services.data_changes import watch_changes

    url = _postgres_url(postgres_server, postgres_database)
    window, colleague = _open(url, "alice"), _open(url, "bob")
    try:
        watch = watch_changes(window)
        assert type(watch).__name__ == "PostgresChangeWatch"
        assert not watch.changed()
        rid = colleague.add_request(_spec(), today=TODAY)  # another connection commits
        assert _heard(watch)
        assert not watch.changed()  # heard once
        window.log_event(rid, "note", TODAY, note="mine")  # the window's own change
        assert not _heard(watch, seconds=1.0)
        colleague.set_tracking_number(rid, "X-1")
        assert _heard(watch)
        watch.close()
    finally:
        window.close()
        colleague.close()


def test_a_least_privileged_team_member_shares_attachments_versions_and_notices(
    postgres_server: Any, tmp_path: Path
) -> None:
    """The documented roles (docs/team-tracker/*.sql): a member with only row privileges
    keeps attachments in the database, gets a stale edit refused and hears others' changes."""
    from foia_assist.services.casefile.service import CaseFileService
    from foia_assist.services.data_changes import watch_changes
    from foia_assist.storage.db_blob_store import blobs_for

    docs = Path(__file__).resolve().parent.parent / "docs" / "team-tracker"

    def run_sql(conn: Any, name: str) -> None:
        text = (docs / name).read_text(encoding="utf-8").replace("'change me'", "'pw'")
        text = "\n".join(x for x in text.splitlines() if not x.lstrip().startswith("--"))
        for statement in (s.strip() for s in text.split(";")):
            if statement:
                conn.execute(statement)

    def url(role: str) -> str:
        return f"postgresql://{role}:pw@127.0.0.1:{postgres_server.port}/foia"

    with postgres_server.admin() as admin:
        run_sql(admin, "1-roles.sql")
    try:
        from foia_assist.storage.database_url import parse_database_url
        from foia_assist.storage.postgres import connect

        with connect(parse_database_url(url("foia_owner"))) as owner:  # type: ignore[arg-type]
            run_sql(owner, "2-grants.sql")
        _open(url("foia_owner"), "owner").close()  # the owner creates the tables once
        ana, colleague = _open(url("ana"), "ana"), _open(url("ana"), "ana at home")
        try:
            watch = watch_changes(ana)
            rid = ana.add_request(_spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
            db = ana.requests.db
            casefile = CaseFileService(db, blobs_for(db, tmp_path / "unused"))
            reply = tmp_path / "reply.txt"
            reply.write_bytes(b"x" * (2 * 1024 * 1024 + 5))
            [outcome] = list(casefile.attach(rid, [reply], today=TODAY))
            assert outcome.attachment is not None
            copy = casefile.copy_out(outcome.attachment.id, tmp_path / "out")
            assert copy.read_bytes() == reply.read_bytes()
            assert not (tmp_path / "unused").exists()
            seen = ana.get(rid).version
            colleague.set_tracking_number(rid, "T-9", seen_version=seen)
            assert _heard(watch)
            with pytest.raises(ConflictError, match="ana at home set the tracking number"):
                ana.set_tracking_number(rid, "T-1", seen_version=seen)
            watch.close()
        finally:
            ana.close()
            colleague.close()
    finally:
        postgres_server.drop_database("foia")
        with postgres_server.admin() as admin:
            for role in ("ana", "foia_team", "foia_owner"):
                admin.execute(f"DROP ROLE IF EXISTS {role}")
