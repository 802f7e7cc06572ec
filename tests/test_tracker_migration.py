"""`track migrate`: a whole tracker copied between databases, checked, round trip identical.

Here SQLite to SQLite (a folder store and a database store for the bytes);
tests/test_shared_tracker.py runs SQLite -> PostgreSQL -> SQLite against a real server."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tracking_helpers import tracked_spec

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.lifecycle import Letter
from foia_assist.domain.request import Agency
from foia_assist.errors import UserError
from foia_assist.paths import AppPaths
from foia_assist.services.casefile.service import CaseFileService
from foia_assist.services.tracker import TrackerService
from foia_assist.services.tracker_migration import Side, digest, migrate
from foia_assist.storage.blob_store import BlobStore
from foia_assist.storage.database import Database
from foia_assist.storage.db_blob_store import DatabaseBlobStore

TODAY = date(2027, 1, 10)


def fill(tracker: TrackerService, files: Path) -> CaseFileService:
    """A small but complete tracker: every table holds something, text is not ASCII."""
    db = tracker.requests.db
    tracker.author = "alice"
    first = tracker.add_request(
        tracked_spec("WA", "Seattle Police — «Records» 警察"),
        today=TODAY,
        sent=date(2027, 1, 2),
        method="email",
        tracking_number="P-1",
    )
    tracker.add_request(tracked_spec("US", "FBI"), today=TODAY)
    tracker.author = "bob"
    tracker.log_event(first, "acknowledged", date(2027, 1, 4), note="line one\nline two")
    tracker.remind(first, date(2027, 2, 1), today=TODAY, note="call")
    tracker.record_letter(first, Letter("request", "letters/a.docx", "cd" * 32, TODAY))
    tracker.agencies.add(Agency("Seattle Police", "WA", email="records@seattle.example"))
    casefile = CaseFileService(db, BlobStore(files))
    reply = files.parent / "reply.txt"
    reply.write_text("We need more time: we will respond by February 15, 2027.", "utf-8")
    big = files.parent / "release.bin"
    big.write_bytes(hashlib.sha256(b"seed").digest() * 80_000)  # 2.5 MiB: three chunks
    list(casefile.attach(first, [reply, big], today=TODAY))
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO mailbox_seen (mailbox, uidvalidity, last_uid) VALUES (?, ?, ?)",
            ("imap:ana@example.org@mail.example:INBOX", 7, 42),
        )
    return casefile


@pytest.fixture
def source(app_paths: AppPaths, jurisdictions, tmp_path: Path) -> Iterator[Side]:  # type: ignore[no-untyped-def]
    tracker = TrackerService.open(app_paths, jurisdictions, CalendarCache())
    casefile = fill(tracker, app_paths.attachments_dir)
    yield Side(tracker.requests.db, casefile.blobs, "source")
    tracker.close()


def _sqlite_side(folder: Path, *, in_database: bool) -> Side:
    db = Database.open(folder / "t.sqlite3", folder / "backups")
    blobs = DatabaseBlobStore(db) if in_database else BlobStore(folder / "attachments")
    return Side(db, blobs, str(folder))


def test_round_trip_through_a_database_store_is_identical(source: Side, tmp_path: Path) -> None:
    middle = _sqlite_side(tmp_path / "middle", in_database=True)
    back = _sqlite_side(tmp_path / "back", in_database=False)
    try:
        steps = [p.message for p in migrate(source, middle)]
        assert steps[-1].startswith("Copied and checked: 2 requests, ")
        assert "1 mailbox seen" in steps[-1] and "2 attachments" in steps[-1]
        list(migrate(middle, back))
        original, copied = digest(source), digest(back)
        assert copied == original
        assert copied.counts["events"] == 4 and copied.counts["request_changes"] == 5
        # The bytes went through 1 MiB rows and came back the same.
        assert isinstance(source.blobs, BlobStore)
        for sha in source.blobs.root.rglob("*"):
            if sha.is_file():
                assert (
                    tmp_path / "back" / "attachments" / sha.name[:2] / sha.name
                ).read_bytes() == sha.read_bytes()
        with middle.db.reading() as conn:
            assert (
                conn.execute("SELECT max(length(data)) FROM blob_chunks").fetchone()[0]
                == 1024 * 1024
            )
        # The copy is a working tracker: ids, versions and authors as they were.
        from foia_assist.storage.requests_repo import RequestsRepository

        request = RequestsRepository(back.db).get(1)
        assert request.version == 4 and request.tracking_number == "P-1"
        assert [e.author for e in request.timeline()] == ["alice", "alice", "bob"]
    finally:
        middle.db.close()
        back.db.close()


def test_a_target_holding_a_tracker_is_refused_unless_replace(source: Side, tmp_path: Path) -> None:
    target = _sqlite_side(tmp_path / "t", in_database=False)
    try:
        list(migrate(source, target))
        before = digest(target)
        with pytest.raises(UserError, match="already holds a tracker.*--replace"):
            list(migrate(source, target))
        assert digest(target) == before
        list(migrate(source, target, replace=True))
        assert digest(target) == digest(source)
    finally:
        target.db.close()


def test_track_migrate_on_the_command_line(
    source: Side, app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from foia_assist.cli import run_cli

    source.db.close()  # the CLI opens the data folder's tracker itself
    target = tmp_path / "copy" / "tracker.sqlite3"
    data = ["--data-dir", str(app_paths.data_dir)]
    rc = run_cli([*data, "track", "migrate", "--to", f"sqlite:///{target}"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert out.startswith("Copied and checked: 2 requests")
    assert "Copied the bytes of 2 of 2 attachments" in err
    rc = run_cli([*data, "track", "migrate", "--to", str(target)])
    _, err = capsys.readouterr()
    assert rc == 2 and err.count("\n") == 1 and "--replace" in err
    rc = run_cli([*data, "track", "migrate", "--to", "mysql://db.example/x"])
    _, err = capsys.readouterr()
    assert rc == 2 and "--to:" in err and "mysql" in err and err.count("\n") == 1


def test_round_trip_sqlite_postgresql_sqlite_is_identical(
    source: Side, tmp_path: Path, postgres_server: Any
) -> None:
    """The whole tracker to a real PostgreSQL server (attachments into the database, in
    1 MiB rows) and back to a new SQLite file: the same data, the same hashes."""
    from postgres_server import SUPERUSER_PASSWORD

    from foia_assist.storage.database_open import open_database
    from foia_assist.storage.database_url import parse_database_url
    from foia_assist.storage.db_blob_store import blobs_for

    name = postgres_server.empty_database()
    target = parse_database_url(postgres_server.url(name)).with_password(SUPERUSER_PASSWORD)
    pg = open_database(target, tmp_path / "pg-backups")
    middle = Side(pg, blobs_for(pg, tmp_path / "unused"), pg.display)
    back = _sqlite_side(tmp_path / "back", in_database=False)
    try:
        assert isinstance(middle.blobs, DatabaseBlobStore)
        list(migrate(source, middle))
        assert digest(middle) == digest(source)
        with pg.reading() as conn:
            sizes = conn.execute("SELECT max(length(data)), count(*) FROM blob_chunks").fetchone()
        assert sizes == (1024 * 1024, 4)  # 2.5 MiB in three rows, the reply in one
        # Text search works on the copy (PostgreSQL's own index).
        from foia_assist.storage.attachments_repo import AttachmentsRepository

        assert [h.name for h in AttachmentsRepository(pg).search("respond")] == ["reply.txt"]
        list(migrate(middle, back))
        assert digest(back) == digest(source)
        assert isinstance(source.blobs, BlobStore)
        kept = [p for p in source.blobs.root.rglob("*") if p.is_file()]
        assert len(kept) == 2
        for blob in kept:
            copy = tmp_path / "back" / "attachments" / blob.name[:2] / blob.name
            assert copy.read_bytes() == blob.read_bytes()
        # A new id on the PostgreSQL copy comes after the migrated ones.
        from foia_assist.storage.requests_repo import RequestsRepository

        pg_requests = RequestsRepository(pg, author="dana")
        rid = pg_requests.add(RequestsRepository(back.db).get(2))
        assert rid == 3
    finally:
        pg.close()
        back.db.close()
        postgres_server.drop_database(name)


def test_cli_migrate_to_postgresql_and_a_backup_from_it_restores_into_sqlite(
    source: Side,
    app_paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    postgres_server: Any,
) -> None:
    import json

    from postgres_server import SUPERUSER_PASSWORD

    from foia_assist.cli import run_cli

    source.db.close()
    name = postgres_server.empty_database()
    monkeypatch.setenv("PGPASSWORD", SUPERUSER_PASSWORD)  # as a team member's shell would
    url = postgres_server.url(name)
    data = ["--data-dir", str(app_paths.data_dir)]
    try:
        assert run_cli([*data, "track", "migrate", "--to", url]) == 0
        out, err = capsys.readouterr()
        assert out.startswith("Copied and checked: 2 requests"), err
        original, from_pg = tmp_path / "original.json", tmp_path / "from-pg.json"
        assert run_cli([*data, "track", "backup", str(original)]) == 0
        assert run_cli([*data, "--database", url, "track", "backup", str(from_pg)]) == 0
        restored = tmp_path / "restored" / "tracker.sqlite3"
        assert run_cli([*data, "--database", str(restored), "track", "restore", str(from_pg)]) == 0
        again = tmp_path / "again.json"
        assert run_cli([*data, "--database", str(restored), "track", "backup", str(again)]) == 0
        capsys.readouterr()

        def content(path: Path) -> Any:
            doc = json.loads(path.read_text(encoding="utf-8"))
            doc.pop("made")
            return doc

        assert content(from_pg) == content(original)
        assert content(again) == content(original)
    finally:
        postgres_server.drop_database(name)
