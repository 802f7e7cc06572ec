"""The tracker on PostgreSQL: URLs, the `?` translation, migrations from the one list, plain
connection errors, a least-privilege team role. Against a real throwaway server
(tests/postgres_server.py); the repositories' own tests run on both backends elsewhere."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from postgres_server import SUPERUSER_PASSWORD, PostgresServer, free_port

from foia_assist.cli import run_cli
from foia_assist.domain.calendars import CalendarCache
from foia_assist.errors import UserError
from foia_assist.services.tracker import TrackerService
from foia_assist.storage import database
from foia_assist.storage.database import DatabaseError, IntegrityError, migration_steps
from foia_assist.storage.database_url import (
    PostgresTarget,
    SqliteTarget,
    has_password,
    parse_database_url,
)
from foia_assist.storage.secrets import MemorySecretStore
from foia_assist.storage.settings import Settings, SettingsStore
from foia_assist.storage.settings_peek import peek_database_url

DOCS = Path(__file__).resolve().parent.parent / "docs" / "team-tracker"


# -- URLs (no server) ---------------------------------------------------------------------------


def test_paths_and_sqlite_urls_name_a_file(tmp_path: Path) -> None:
    assert parse_database_url(str(tmp_path / "t.sqlite3")) == SqliteTarget(tmp_path / "t.sqlite3")
    assert parse_database_url(f"sqlite:///{tmp_path}/t.sqlite3") == SqliteTarget(
        tmp_path / "t.sqlite3"
    )
    assert parse_database_url("sqlite:rel.db", base=tmp_path) == SqliteTarget(tmp_path / "rel.db")
    assert parse_database_url("rel.db", base=tmp_path) == SqliteTarget(tmp_path / "rel.db")
    assert parse_database_url(f"sqlite://{tmp_path}/t.sqlite3") == SqliteTarget(
        tmp_path / "t.sqlite3"
    )  # sqlite:///abs/path (above: sqlite:////abs/path, as SQLAlchemy writes it)
    assert parse_database_url(SqliteTarget(tmp_path / "x").url) == SqliteTarget(tmp_path / "x")


def test_a_postgresql_url_keeps_tls_settings_and_hides_the_password() -> None:
    target = parse_database_url(
        "postgresql://ana:s%40cret@db.example.org:6543/foia"
        "?sslmode=verify-full&sslrootcert=/etc/ca.pem"
    )
    assert isinstance(target, PostgresTarget)
    assert (target.host, target.port, target.dbname, target.user) == (
        "db.example.org",
        6543,
        "foia",
        "ana",
    )
    assert target.password == "s@cret"
    assert target.connect_kwargs()["sslmode"] == "verify-full"
    assert target.connect_kwargs()["sslrootcert"] == "/etc/ca.pem"
    for shown in (target.url, target.display, repr(target)):
        assert "s@cret" not in shown and "s%40cret" not in shown
    assert target.url == (
        "postgresql://ana@db.example.org:6543/foia?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem"
    )
    assert parse_database_url(target.url) == target.without_password()
    assert has_password("postgres://ana:x@h/db") and not has_password("postgres://ana@h/db")
    default = parse_database_url("postgres://h/db")
    assert isinstance(default, PostgresTarget) and default.port == 5432


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("", "empty"),
        ("mysql://h/db", "unknown kind of database 'mysql'"),
        ("postgresql:///db", "names no host"),
        ("postgresql://h", "names no database"),
        ("postgresql://h/db?sslmod=require", "unknown connection parameter 'sslmod'"),
        ("postgresql://h/db?sslmode=sometimes", "sslmode must be one of"),
        ("postgresql://h:99999/db", "not a valid PostgreSQL URL"),
        ("sqlite://host/x", "has no host"),
        ("postgresql://ana:secret@h/db?bogus=1", "unknown connection parameter"),
    ],
)
def test_a_bad_url_is_named_in_one_line(url: str, says: str) -> None:
    with pytest.raises(UserError) as info:
        parse_database_url(url)
    assert says in str(info.value) and "\n" not in str(info.value)
    assert "secret" not in str(info.value)


def test_settings_never_keep_a_database_password(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings(database_url="postgresql://ana:hunter2@db.example.org/foia"))
    text = (tmp_path / "settings.json").read_text()
    assert "hunter2" not in text
    assert store.load().settings.database_url == "postgresql://ana@db.example.org:5432/foia"
    assert peek_database_url(tmp_path / "settings.json") == (
        "postgresql://ana@db.example.org:5432/foia"
    )
    # Written by hand with a password: dropped, and the user is told.
    (tmp_path / "settings.json").write_text(
        json.dumps({"database_url": "postgresql://ana:hunter2@h/foia"})
    )
    loaded = store.load()
    assert loaded.settings.database_url == "postgresql://ana@h:5432/foia"
    assert "password" in loaded.problem


def test_question_marks_become_placeholders_only_outside_quotes() -> None:
    from foia_assist.storage.postgres import to_pg_placeholders

    assert to_pg_placeholders("SELECT '?', \"a?\", x FROM t WHERE a = ? AND b LIKE '5%'") == (
        "SELECT '?', \"a?\", x FROM t WHERE a = %s AND b LIKE '5%%'"
    )
    assert to_pg_placeholders("SELECT 'it''s ?' -- why?\n, ?") == "SELECT 'it''s ?' -- why?\n, %s"


def test_one_numbered_list_serves_both_dialects() -> None:
    sqlite_steps = migration_steps("sqlite")
    pg_steps = migration_steps("postgresql")
    assert [s.version for s in pg_steps] == [s.version for s in sqlite_steps]
    assert pg_steps[0].name == "0001_initial.postgresql.sql"
    assert pg_steps[1].name == sqlite_steps[1].name == "0002_requests_listing_index.sql"
    assert not any(".postgresql." in s.name for s in sqlite_steps)


# -- against the server -------------------------------------------------------------------------


def _target(server: PostgresServer, dbname: str, **params: str) -> PostgresTarget:
    target = parse_database_url(server.url(dbname, **params))
    assert isinstance(target, PostgresTarget)
    return target.with_password(SUPERUSER_PASSWORD)


@pytest.fixture
def empty_db(postgres_server: PostgresServer) -> Iterator[str]:
    name = postgres_server.empty_database()
    yield name
    postgres_server.drop_database(name)


def _open(target: PostgresTarget, backups: Path, **kw: Any) -> Any:
    from foia_assist.storage.postgres import PostgresDatabase

    return PostgresDatabase.open(target, backups, **kw)


def test_an_empty_database_is_migrated_to_the_latest_schema(
    postgres_server: PostgresServer, empty_db: str, tmp_path: Path
) -> None:
    target = _target(postgres_server, empty_db)
    with _open(target, tmp_path / "backups") as db:
        assert db.schema_version() == database.LATEST_SCHEMA
        with db.reading() as conn:
            tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables")}
        assert {"requests", "events", "attachments", "attachment_text", "schema_version"} <= tables
    assert not (tmp_path / "backups").exists()  # nothing to back up in an empty database
    with _open(target, tmp_path / "backups") as again:  # a second open changes nothing
        assert again.schema_version() == database.LATEST_SCHEMA


def test_an_older_schema_is_dumped_to_the_backups_folder_then_upgraded(
    postgres_server: PostgresServer, empty_db: str, tmp_path: Path
) -> None:
    target = _target(postgres_server, empty_db)
    backups = tmp_path / "backups"
    with _open(target, backups, upgrade_to=4) as db:
        assert db.schema_version() == 4
        with db.transaction() as conn:
            rid = conn.insert(
                "INSERT INTO requests (spec_json, jurisdiction, agency_name, created) "
                "VALUES (?, ?, ?, ?)",
                ('{"a": "ñ"}', "US", "Police; DROP TABLE x", "2026-01-02"),
            )
    clock = lambda: datetime(2026, 12, 3, 9, 30)  # noqa: E731
    with _open(target, backups, clock=clock) as db:
        assert db.schema_version() == database.LATEST_SCHEMA
    [dump] = list(backups.iterdir())
    assert dump.name == "foia-assist-20261203-093000-000000-schema4.postgresql.json"
    data = json.loads(dump.read_text(encoding="utf-8"))
    assert data["format"] == "foia-assist-postgresql-dump" and data["schema"] == 4
    requests = data["tables"]["requests"]
    row = dict(zip(requests["columns"], requests["rows"][0], strict=True))
    assert row["id"] == rid and row["agency_name"] == "Police; DROP TABLE x"
    assert "attachments" not in data["tables"]  # schema 4 had none
    # Dumped again at the latest schema: the text index's generated column is left out.
    with _open(target, backups) as db:
        again = json.loads(db.copy_to_backups("now", clock()).read_text(encoding="utf-8"))
    assert again["tables"]["attachment_text"]["columns"] == ["rowid", "name", "body"]


def test_a_newer_schema_and_a_foreign_database_are_refused(
    postgres_server: PostgresServer, postgres_database: str, empty_db: str, tmp_path: Path
) -> None:
    with postgres_server.admin(postgres_database) as conn:
        conn.execute("UPDATE schema_version SET version = %s", (database.LATEST_SCHEMA + 1,))
    with pytest.raises(UserError) as info:
        _open(_target(postgres_server, postgres_database), tmp_path)
    message = str(info.value)
    assert f"newer FOIA Assist (schema {database.LATEST_SCHEMA + 1})" in message
    assert f"127.0.0.1:{postgres_server.port}" in message
    with postgres_server.admin(empty_db) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(UserError, match="has tables but not FOIA Assist's"):
        _open(_target(postgres_server, empty_db), tmp_path)
    with postgres_server.admin(empty_db) as conn:  # left as it was
        assert conn.execute("SELECT to_regclass('schema_version')").fetchone()[0] is None


def test_a_failing_step_leaves_the_database_as_it_was(
    postgres_server: PostgresServer,
    postgres_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from foia_assist.storage import postgres

    def step(conn: Any) -> None:
        assert conn.dialect == "postgresql"
        conn.execute("CREATE TABLE half_done (x int)")
        conn.execute("SELECT no_such_column FROM requests")

    steps = [*migration_steps("postgresql"), database.Step(database.LATEST_SCHEMA + 1, "x", step)]
    monkeypatch.setattr(postgres, "migration_steps", lambda dialect: steps)
    monkeypatch.setattr(database, "LATEST_SCHEMA", database.LATEST_SCHEMA + 1)
    target = _target(postgres_server, postgres_database)
    with pytest.raises(UserError) as info:
        _open(target, tmp_path / "backups")
    assert "could not upgrade" in str(info.value) and "no_such_column" in str(info.value)
    assert "a copy made before upgrading is" in str(info.value)
    with postgres_server.admin(postgres_database) as conn:
        assert conn.execute("SELECT to_regclass('half_done')").fetchone()[0] is None
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == (
            database.LATEST_SCHEMA - 1
        )


def test_errors_leave_as_the_apps_own(
    postgres_server: PostgresServer, postgres_database: str, tmp_path: Path
) -> None:
    with _open(_target(postgres_server, postgres_database), tmp_path) as db:
        with pytest.raises(IntegrityError), db.transaction() as conn:
            conn.execute(
                "INSERT INTO events (request_id, kind, date) VALUES (?, ?, ?)", (9, "x", "y")
            )
        with pytest.raises(DatabaseError), db.reading() as conn:
            conn.execute("SELECT nothing FROM requests")
        with db.reading() as conn:  # the connection is usable afterwards
            assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0


# -- connection problems: one line naming the server ------------------------------------------


def _one_line(exc: pytest.ExceptionInfo[UserError]) -> str:
    text = str(exc.value)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_connection_failures_name_the_problem_and_the_server(
    postgres_server: PostgresServer,
    postgres_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    where = f"127.0.0.1:{postgres_server.port}"
    good = _target(postgres_server, postgres_database)
    cases = [
        (good.with_password("wrong"), f"the PostgreSQL server at {where} refused the password"),
        (good.with_password(None), f"the PostgreSQL server at {where} asks for a password"),
        (
            _target(postgres_server, "no_such_db"),
            f"the PostgreSQL server at {where} has no database 'no_such_db'",
        ),
        (
            _target(postgres_server, postgres_database, sslmode="require"),
            f"the PostgreSQL server at {where} does not offer TLS, but sslmode=require",
        ),
    ]
    down = free_port()
    cases.append(
        (
            parse_database_url(f"postgresql://ana@127.0.0.1:{down}/foia"),  # type: ignore[arg-type]
            f"cannot reach the PostgreSQL server at 127.0.0.1:{down} (is it running?)",
        )
    )
    for target, expected in cases:
        with pytest.raises(UserError) as info:
            _open(target, tmp_path)
        assert expected in _one_line(info)
        assert SUPERUSER_PASSWORD not in str(info.value)


def test_the_password_comes_from_the_keyring(
    postgres_server: PostgresServer,
    postgres_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    bare = _target(postgres_server, postgres_database).with_password(None)
    secrets = MemorySecretStore()
    secrets.set(bare.secret_account, SUPERUSER_PASSWORD)
    with _open(bare, tmp_path, secrets=secrets) as db:
        assert db.schema_version() == database.LATEST_SCHEMA
    assert SUPERUSER_PASSWORD not in db.display
    # ... or, for the command line, from ~/.pgpass (libpq's own file, named by PGPASSFILE).
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(
        f"127.0.0.1:{postgres_server.port}:{postgres_database}:postgres:{SUPERUSER_PASSWORD}\n"
    )
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with _open(bare, tmp_path, secrets=MemorySecretStore()) as db:
        assert db.schema_version() == database.LATEST_SCHEMA


def test_the_cli_takes_database_on_every_command_and_reports_failures_in_one_line(
    postgres_server: PostgresServer,
    postgres_database: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PGPASSWORD", "wrong")
    url = postgres_server.url(postgres_database)
    assert run_cli(["--database", url, "track", "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused the password" in err
    assert f"127.0.0.1:{postgres_server.port}" in err
    monkeypatch.setenv("PGPASSWORD", SUPERUSER_PASSWORD)
    assert run_cli(["--database", url, "track", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    # The environment variable names it too; --database wins over it.
    monkeypatch.setenv("FOIA_ASSIST_DATABASE", "postgresql://nobody@127.0.0.1:1/none")
    assert run_cli(["--database", url, "track", "list", "--json"]) == 0
    capsys.readouterr()
    assert run_cli(["track", "list"]) == 2
    assert "cannot reach the PostgreSQL server at 127.0.0.1:1" in capsys.readouterr().err
    assert run_cli(["--database", "mysql://x/y", "track", "list"]) == 2
    assert "unknown kind of database" in capsys.readouterr().err


def _kill(server: PostgresServer, pid: int) -> None:
    with server.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s, 10000)", (pid,))


def test_a_connection_lost_mid_change_is_one_line_and_saves_none_of_it(
    postgres_server: PostgresServer, postgres_database: str, tmp_path: Path
) -> None:
    with _open(_target(postgres_server, postgres_database), tmp_path) as db:
        with pytest.raises(UserError) as info, db.transaction() as conn:
            conn.insert(
                "INSERT INTO requests (spec_json, jurisdiction, agency_name, created) "
                "VALUES (?, ?, ?, ?)",
                ("{}", "US", "half", "2026-01-01"),
            )
            _kill(postgres_server, conn.execute("SELECT pg_backend_pid()").fetchone()[0])
            conn.execute("SELECT 1")
        text = _one_line(info)
        assert (
            f"lost the connection to the PostgreSQL server at 127.0.0.1:{postgres_server.port}"
            in text
        )
        assert "the unfinished change was not saved" in text
        # Dropped while idle: the next call connects again by itself.
        with db.reading() as conn:
            pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
            assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 0
        _kill(postgres_server, pid)
        with db.reading() as conn:
            assert conn.execute("SELECT pg_backend_pid()").fetchone()[0] != pid


# -- least privilege: the documented roles, and the app working under them ----------------------


def _run_sql_file(conn: Any, path: Path, passwords: str) -> None:
    text = path.read_text(encoding="utf-8").replace("'change me'", f"'{passwords}'")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    for statement in (s.strip() for s in text.split(";")):
        if statement:
            conn.execute(statement)


@pytest.fixture
def team_database(postgres_server: PostgresServer) -> Iterator[str]:
    """The documented setup (docs/team-tracker/*.sql) on the test server; returns the
    database name. Roles are cluster-wide: dropped afterwards."""
    with postgres_server.admin() as admin:
        _run_sql_file(admin, DOCS / "1-roles.sql", "team secret")
    try:
        yield "foia"
    finally:
        postgres_server.drop_database("foia")
        with postgres_server.admin() as admin:
            for role in ("ana", "foia_team", "foia_owner"):
                admin.execute(f"DROP ROLE IF EXISTS {role}")


def test_a_team_member_without_privileges_on_the_schema_uses_the_tracker(
    postgres_server: PostgresServer,
    team_database: str,
    tmp_path: Path,
    jurisdictions: Any,
) -> None:
    from foia_assist.storage.postgres import connect

    def as_role(role: str) -> PostgresTarget:
        url = f"postgresql://{role}@127.0.0.1:{postgres_server.port}/{team_database}"
        target = parse_database_url(url)
        assert isinstance(target, PostgresTarget)
        return target.with_password("team secret")

    # A member cannot create the schema: a clear refusal, nothing created.
    with pytest.raises(UserError) as info:
        _open(as_role("ana"), tmp_path)
    assert "user ana may not change the schema" in _one_line(info)
    # The owner grants (step 2), then opens the tracker once with an older FOIA Assist ...
    with connect(as_role("foia_owner")) as owner:
        _run_sql_file(owner, DOCS / "2-grants.sql", "")
    _open(as_role("foia_owner"), tmp_path, upgrade_to=database.LATEST_SCHEMA - 1).close()
    # ... so a member's newer one must wait for the owner to upgrade: nothing changes.
    with pytest.raises(UserError) as older:
        _open(as_role("ana"), tmp_path / "ana-backups")
    assert "user ana may not change the schema (it is at " in _one_line(older)
    assert "the database's owner must open it once with this version" in str(older.value)
    _open(as_role("foia_owner"), tmp_path / "owner-backups").close()  # the owner upgrades

    member = _open(as_role("ana"), tmp_path)
    with member.reading() as conn:
        row = conn.execute(
            "SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = ?",
            ("ana",),
        ).fetchone()
    assert row == (False, False, False)
    tracker = TrackerService.over(member, jurisdictions, CalendarCache())
    try:
        from tracking_helpers import tracked_spec

        rid = tracker.add_request(tracked_spec("US"), today=date(2026, 3, 2), sent=date(2026, 3, 2))
        tracker.log_event(rid, "acknowledged", date(2026, 3, 4))
        tracker.remind(rid, date(2026, 4, 1), today=date(2026, 3, 4), note="call")
        assert [r.id for r in tracker.list_requests(date(2026, 3, 20))] == [rid]
        # A restore with --replace (delete, insert with ids, move the id sequences on).
        from foia_assist.services.backup import restore_backup, write_backup

        backup = tmp_path / "b.json"
        write_backup(tracker.requests, tracker.agencies, backup, made=datetime(2026, 3, 5))
        restore_backup(
            tracker.requests,
            tracker.agencies,
            backup,
            jurisdictions=jurisdictions,
            replace=True,
        )
        again = tracker.add_request(tracked_spec("US"), today=date(2026, 3, 6))
        assert again > rid
        # ... but no schema change.
        with pytest.raises(UserError) as denied, member.transaction() as conn:
            conn.execute("DROP TABLE events")
        assert "user ana lacks a privilege" in _one_line(denied)
        with pytest.raises(UserError), member.transaction() as conn:
            conn.execute("CREATE TABLE mine (x int)")
    finally:
        tracker.close()
    assert re.search(r"PostgreSQL database 'foia' \(ana@127\.0\.0\.1:\d+\)", member.display)
    # Someone with a login but outside the team cannot even connect (1-roles.sql revokes
    # the database from PUBLIC).
    with postgres_server.admin() as admin:
        admin.execute("CREATE ROLE outsider LOGIN PASSWORD 'team secret'")
    try:
        with pytest.raises(UserError) as outside:
            _open(as_role("outsider"), tmp_path)
        assert "user outsider may not connect to database 'foia' at 127.0.0.1" in _one_line(outside)
    finally:
        with postgres_server.admin() as admin:
            admin.execute("DROP ROLE outsider")


# -- TLS: a server that speaks it, verified against the CA file named in the URL ----------------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PostgresServer, Path]]:
    import shutil
    import tempfile

    pytest.importorskip("cryptography")
    from postgres_server import make_tls_files

    ca, cert, key = make_tls_files()
    ca_file = tmp_path_factory.mktemp("tls") / "ca.pem"
    ca_file.write_bytes(ca)
    root = Path(tempfile.mkdtemp(prefix="foia-assist-pg-tls-"))
    server = PostgresServer(root, free_port(), tls=(cert, key))
    try:
        server.start()
        yield server, ca_file
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_tls_with_a_ca_file_connects_and_a_wrong_ca_is_refused(
    tls_server: tuple[PostgresServer, Path], tmp_path: Path
) -> None:
    from postgres_server import make_tls_files

    server, ca_file = tls_server
    name = server.fresh_database()
    try:
        verified = _target(server, name, sslmode="verify-full", sslrootcert=str(ca_file))
        with _open(verified, tmp_path) as db, db.reading() as conn:
            row = conn.execute(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
            ).fetchone()
        assert row == (True,)
        other_ca = tmp_path / "other-ca.pem"
        other_ca.write_bytes(make_tls_files(ca="Some other CA")[0])
        wrong = _target(server, name, sslmode="verify-full", sslrootcert=str(other_ca))
        with pytest.raises(UserError) as info:
            _open(wrong, tmp_path)
        text = _one_line(info)
        assert f"TLS with the PostgreSQL server at 127.0.0.1:{server.port} failed" in text
        assert "sslmode=verify-full" in text and "certificate" in text
    finally:
        server.drop_database(name)
