"""Opening, configuring and migrating the SQLite file; refusing what it cannot read."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from postgres_server import on_both_backends

from foia_assist.domain.lifecycle import TrackedRequest
from foia_assist.domain.request import RequestSpec
from foia_assist.errors import UserError
from foia_assist.paths import AppPaths
from foia_assist.storage import database
from foia_assist.storage.database import (
    LATEST_SCHEMA,
    Database,
    Step,
    latest_backup,
    migration_steps,
    open_app_database,
    split_statements,
)
from foia_assist.storage.requests_repo import LISTING_HEADS, RequestsRepository

FIXTURES = Path(__file__).parent / "fixtures" / "db"


def make_request() -> TrackedRequest:
    spec = RequestSpec.from_dict(
        {
            "agency": {"name": "Police", "jurisdiction": "US"},
            "requester": {"name": "A"},
            "records": {"categories": ["contracts"]},
        }
    )
    return TrackedRequest(None, spec, "US", "Police", date(2026, 3, 1))


def test_a_new_database_is_created_at_the_latest_schema_with_safe_settings(
    app_paths: AppPaths,
) -> None:
    with open_app_database(app_paths) as db:
        assert db.path == app_paths.database
        assert db.schema_version() == LATEST_SCHEMA >= 1
        with db.reading() as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    # No backup for a brand-new file: there was nothing to lose.
    assert latest_backup(app_paths.backups_dir) is None


def test_steps_are_numbered_without_gaps() -> None:
    steps = migration_steps()
    assert [s.version for s in steps] == list(range(1, LATEST_SCHEMA + 1))
    assert steps[0].name == "0001_initial.sql"


def test_split_statements_keeps_each_statement_whole() -> None:
    script = "-- comment\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nINSERT INTO a VALUES ('b;c');\n"
    assert split_statements(script) == [
        "CREATE TABLE a (x TEXT DEFAULT ';');",
        "INSERT INTO a VALUES ('b;c');",
    ]
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TABLE b (x")


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_v*.sqlite3")), ids=str)
def test_every_released_schema_fixture_opens_and_reads(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    with Database.open(copy, tmp_path / "backups") as db:
        assert db.schema_version() == LATEST_SCHEMA
        requests = RequestsRepository(db).all()
    assert [r.agency for r in requests] == ["Federal Bureau of Investigation", "Drafted only"]
    first = requests[0]
    assert first.tracking_number == "FOIA-2026-00042"
    assert first.spec.requester.name == "Ana Núñez"
    assert [e.kind.value for e in first.timeline()][-1] == "denied"
    assert first.timeline()[-1].exemptions == ("b(7)(E)", "b(6)")


def test_fixture_of_schema_1_exists() -> None:
    assert (FIXTURES / "schema_v1.sqlite3").is_file()


def test_every_schema_has_its_fixture() -> None:
    for version in range(1, LATEST_SCHEMA + 1):
        assert (FIXTURES / f"schema_v{version}.sqlite3").is_file()


def test_schema_1_gains_the_listing_index_and_lists_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "v1.sqlite3"
    shutil.copy(FIXTURES / "schema_v1.sqlite3", copy)
    with Database.open(copy, tmp_path / "backups") as db, db.reading() as conn:
        plan = " ".join(str(row) for row in conn.execute(f"EXPLAIN QUERY PLAN {LISTING_HEADS}"))
        listed = RequestsRepository(db).listing(lambda rid, code, agency, tracking, rows: agency)
    assert "COVERING INDEX requests_listing" in plan
    assert listed == ["Federal Bureau of Investigation", "Drafted only"]


def test_a_newer_schema_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    Database.open(path, tmp_path / "b").close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_SCHEMA + 5}")
    conn.close()
    with pytest.raises(UserError) as info:
        Database.open(path, tmp_path / "b")
    message = str(info.value)
    assert f"made by a newer FOIA Assist (schema {LATEST_SCHEMA + 5})" in message
    assert f"this version reads up to {LATEST_SCHEMA}" in message


def test_a_file_that_is_not_a_database_names_the_file_and_the_latest_backup(
    tmp_path: Path,
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    old = backups / "foia-assist-20260101-000000-000000-schema1.sqlite3"
    old.write_bytes(b"")
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is a letter, not a database\n" * 200)
    with pytest.raises(UserError) as info:
        Database.open(path, backups)
    message = str(info.value)
    assert str(path) in message and str(old) in message
    assert "damaged" in message and "\n" not in message


def test_a_damaged_database_without_backups_says_where_it_looked(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with Database.open(path, tmp_path / "b") as db:
        RequestsRepository(db).count()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(UserError, match=r"damaged.*no backup was found in"):
        Database.open(path, tmp_path / "b")


def test_a_foreign_sqlite_file_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (x)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="not one FOIA Assist made"):
        Database.open(path, tmp_path / "b")


def _fake_step_2(
    monkeypatch: pytest.MonkeyPatch, apply: Callable[[sqlite3.Connection], None]
) -> list[Step]:
    steps = [*migration_steps(), Step(LATEST_SCHEMA + 1, "9999_test.py", apply)]
    monkeypatch.setattr(database, "migration_steps", lambda: steps)
    monkeypatch.setattr(database, "LATEST_SCHEMA", LATEST_SCHEMA + 1)
    return steps


def test_migration_copies_the_file_first_then_runs_each_step_in_a_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, backups = tmp_path / "db.sqlite3", tmp_path / "backups"
    shutil.copy(FIXTURES / f"schema_v{LATEST_SCHEMA}.sqlite3", path)
    seen: list[Path | None] = []

    def step(conn: sqlite3.Connection) -> None:
        seen.append(latest_backup(backups))  # the copy must already exist
        conn.execute("ALTER TABLE requests ADD COLUMN colour TEXT NOT NULL DEFAULT ''")

    _fake_step_2(monkeypatch, step)
    with Database.open(path, backups, clock=lambda: datetime(2026, 11, 26, 9, 30)) as db:
        assert db.schema_version() == LATEST_SCHEMA + 1
        assert len(RequestsRepository(db).all()) == 2
    assert seen and seen[0] is not None
    backup = seen[0]
    assert backup.name.startswith("foia-assist-20261126-093000")
    assert f"schema{LATEST_SCHEMA}" in backup.name
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_SCHEMA
    assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 2
    conn.close()


def test_a_failing_step_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, backups = tmp_path / "db.sqlite3", tmp_path / "backups"
    shutil.copy(FIXTURES / f"schema_v{LATEST_SCHEMA}.sqlite3", path)

    def step(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM events")
        conn.execute("SELECT * FROM no_such_table")

    _fake_step_2(monkeypatch, step)
    with pytest.raises(UserError, match=r"could not upgrade .* left as it was; a copy made"):
        Database.open(path, backups)
    monkeypatch.undo()
    with Database.open(path, backups) as db:
        assert db.schema_version() == LATEST_SCHEMA
        assert sum(len(r.events) for r in RequestsRepository(db).all()) == 7


@on_both_backends
def test_a_write_transaction_is_all_or_nothing(app_paths: AppPaths, database_target) -> None:  # type: ignore[no-untyped-def]
    from foia_assist.storage.database_open import open_database

    with open_database(database_target, app_paths.backups_dir) as db:
        repo = RequestsRepository(db)
        with pytest.raises(RuntimeError), db.transaction():
            repo.add(make_request())
            raise RuntimeError("crash in the middle")
        assert repo.count() == 0
        with db.transaction():  # nested calls join one transaction
            repo.add(make_request())
            repo.add(make_request())
        assert repo.count() == 2


def test_latest_backup_picks_the_newest(tmp_path: Path) -> None:
    import os

    older = tmp_path / "foia-assist-20260101-000000-000000-schema1.sqlite3"
    newer = tmp_path / "foia-assist-20260301-000000-000000-schema1.sqlite3"
    for i, p in enumerate((older, newer)):
        p.write_bytes(b"x")
        os.utime(p, (1_700_000_000 + i, 1_700_000_000 + i))
    (tmp_path / "unrelated.txt").write_text("x")
    assert latest_backup(tmp_path) == newer
    assert latest_backup(tmp_path / "missing") is None
