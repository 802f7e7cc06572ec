"""The tracker's database: one interface over SQLite (default) and PostgreSQL (a team's).

- `Database` is what repositories use: `transaction()` (all or nothing; nested ones join) and
  `reading()` (one consistent snapshot) yield a `Connection` whose `execute(sql, params)` takes
  `?` placeholders on both backends, and `insert(sql, params)` returns the new row's id.
  Backend errors leave as `UserError` (busy, damaged, connection lost, privilege missing),
  `IntegrityError` (a constraint refused a row) or `DatabaseError`; never sqlite3/psycopg ones.
- `storage/database_open.py` opens the one a URL names (`storage/database_url.py`):
  `SqliteDatabase` lives here, `PostgresDatabase` in `storage/postgres.py` (psycopg is
  imported only when a PostgreSQL URL is used).
- SQLite: WAL, foreign keys on, `busy_timeout` so a second running copy of the app waits
  instead of failing; every write runs in `BEGIN IMMEDIATE ... COMMIT`.
- Schema versions: `PRAGMA user_version` on SQLite, the `schema_version` table on
  PostgreSQL. Steps are ONE numbered list, `migrations/NNNN_name.sql` (SQLite, and portable
  SQL) with `NNNN_name.postgresql.sql` beside it where the dialects differ, or
  `NNNN_name.py` with `migrate(conn)` (`conn.dialect` says which); one transaction each.
  Before migrating, the data is copied to `backups_dir` (SQLite: the file; PostgreSQL: a
  JSON dump of every table). A database from a newer app is refused; a damaged SQLite file
  is named with the latest backup.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from foia_assist.errors import UserError
from foia_assist.paths import AppPaths

BUSY_TIMEOUT_MS = 10_000
T = TypeVar("T")
DIALECTS = ("sqlite", "postgresql")
_STEP_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)(?:\.(sqlite|postgresql))?\.(sql|py)$")
BACKUP_PREFIX = "foia-assist-"
BACKUP_SUFFIX = ".sqlite3"
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED


class DatabaseError(Exception):
    """The database refused a statement (a bug or a schema mismatch, not the user's input)."""


class DatabaseBusy(UserError):
    """Another program kept a SQLite file's write lock past the busy timeout (nothing of
    this write was done: it may be tried again)."""


class IntegrityError(DatabaseError):
    """A constraint (unique, foreign key, check) refused a row."""


class Cursor(Protocol):
    """What `Connection.execute` returns on both backends (sqlite3's and psycopg's cursors)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A connection inside `Database.transaction()` / `reading()`."""

    @property
    def dialect(self) -> str: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement; `?` placeholders on both backends."""
        ...

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT into a table with an `id` key; returns the new row's id."""
        ...

    def ids_set_explicitly(self, table: str) -> None:
        """After rows were inserted with their own ids (restore): new ids continue after them."""
        ...


@dataclass(frozen=True)
class Step:
    version: int
    name: str
    apply: Callable[[Any], None]  # apply(conn: Connection)


def _sql_step(text: str, dialect: str) -> Callable[[Any], None]:
    if dialect == "postgresql":
        # PostgreSQL runs a whole script in one call (no parameters: nothing is translated).
        def apply_script(conn: Any) -> None:
            conn.execute(text)

        return apply_script

    def apply(conn: Any) -> None:
        for statement in split_statements(text):
            conn.execute(statement)

    return apply


def split_statements(text: str) -> list[str]:
    """Split a script into statements (executescript would commit our transaction)."""
    out: list[str] = []
    buf = ""
    for line in text.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buf[:60]!r}")
    return out


def migration_steps(dialect: str = "sqlite") -> list[Step]:
    """The steps in `foia_assist/storage/migrations/` for `dialect`, numbered 1, 2, ...

    For each number: `NNNN_name.<dialect>.sql` if there is one, else `NNNN_name.sql` or
    `NNNN_name.py` (shared by both dialects). A number with two names is an error."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown SQL dialect {dialect!r}")
    package = "foia_assist.storage.migrations"
    chosen: dict[int, tuple[bool, str, Any]] = {}  # version -> (dialect-specific, name, entry)
    names: dict[int, str] = {}
    # The folder itself, not importlib.resources, whose import was a visible part of the
    # window's start-up; the package is installed as files (as `paths` assumes too).
    for entry in (Path(__file__).resolve().parent / "migrations").iterdir():
        match = _STEP_NAME.match(entry.name)
        if not match:
            continue
        version, base, only_for, kind = match.groups()
        number = int(version)
        if names.setdefault(number, base) != base:
            raise RuntimeError(f"migration {version} has two names: {names[number]}, {base}")
        if only_for is not None and (only_for != dialect or kind != "sql"):
            continue
        specific = only_for is not None
        if number in chosen and chosen[number][0] == specific:
            raise RuntimeError(f"migration {version} has two files for {dialect}")
        if number not in chosen or specific:
            chosen[number] = (specific, entry.name, entry)
    steps: list[Step] = []
    for number, (_specific, name, entry) in chosen.items():
        if name.endswith(".sql"):
            apply = _sql_step(entry.read_text(encoding="utf-8"), dialect)
        else:
            module = importlib.import_module(f"{package}.{name[:-3]}")
            apply = module.migrate
        steps.append(Step(number, name, apply))
    steps.sort(key=lambda s: s.version)
    if [s.version for s in steps] != list(range(1, len(steps) + 1)):
        raise RuntimeError(f"migration steps are not numbered 1..N: {[s.name for s in steps]}")
    return steps


LATEST_SCHEMA = len(migration_steps())


class Database:
    """The interface the repositories use; `SqliteDatabase` and `PostgresDatabase` implement it.

    `Database.open(path, backups_dir)` opens a SQLite file (as before there were two backends);
    `open_database` opens whatever a URL names."""

    dialect: str = ""
    backups_dir: Path
    display: str  # how messages name it (a path, or "PostgreSQL database 'x' (user@host:port)")

    @classmethod
    def open(
        cls,
        path: Path,
        backups_dir: Path,
        *,
        upgrade_to: int | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> SqliteDatabase:
        """The SQLite file at `path`, created and migrated as needed."""
        return SqliteDatabase.open_file(path, backups_dir, upgrade_to=upgrade_to, clock=clock)

    def transaction(self) -> contextlib.AbstractContextManager[Connection]:
        """A write transaction: all of it is saved or none of it. Nested ones join the outer."""
        raise NotImplementedError

    def reading(self) -> contextlib.AbstractContextManager[Connection]:
        """A read transaction: one consistent snapshot across several queries."""
        raise NotImplementedError

    def schema_version(self) -> int:
        raise NotImplementedError

    def copy_to_backups(self, label: str, when: datetime) -> Path:
        """A consistent copy of the data in `backups_dir`; returns its path."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def latest_backup(backups_dir: Path) -> Path | None:
    """The newest copy made before a migration (or by `Database.copy_to_backups`)."""
    if not backups_dir.is_dir():
        return None
    found = [
        p
        for p in backups_dir.iterdir()
        if p.name.startswith(BACKUP_PREFIX) and p.name.endswith(BACKUP_SUFFIX)
    ]
    return max(found, key=lambda p: (p.stat().st_mtime, p.name), default=None)


def _damaged(path: Path, backups_dir: Path, exc: BaseException) -> UserError:
    backup = latest_backup(backups_dir)
    offer = f"the latest backup is {backup}" if backup else f"no backup was found in {backups_dir}"
    return UserError(
        f"the database {path} is damaged or is not a FOIA Assist database ({exc}); "
        f"move it aside and restart, or restore a backup: {offer}"
    )


def _retry_busy(action: Callable[[], T]) -> T:
    """Run `action`, retrying while the database is busy, up to BUSY_TIMEOUT_MS."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if _code(exc) not in _BUSY_CODES or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def _code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


class SqliteConnection:
    """`Connection` over sqlite3: `?` is SQLite's own placeholder, so statements pass as they
    are and the cursor is sqlite3's (the listing streams its rows without a wrapper)."""

    dialect = "sqlite"

    def __init__(self, raw: sqlite3.Connection) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.raw.execute(sql, params)

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self.raw.execute(sql, params).lastrowid or 0)

    def ids_set_explicitly(self, table: str) -> None:
        """Nothing to do: SQLite's next rowid is always max(rowid) + 1."""

    @property
    def in_transaction(self) -> bool:
        return self.raw.in_transaction


class SqliteDatabase(Database):
    """One connection to the app's SQLite file. Thread-safe through one lock."""

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection, path: Path, backups_dir: Path) -> None:
        self._conn = conn
        self._wrapped = SqliteConnection(conn)
        self.path = path
        self.display = str(path)
        self.backups_dir = backups_dir
        self._lock = threading.RLock()
        self._depth = 0  # open transactions on this connection (nested ones join)

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open_file(
        cls,
        path: Path,
        backups_dir: Path,
        *,
        upgrade_to: int | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> SqliteDatabase:
        """Open (creating if needed) and migrate to `upgrade_to` (default: the latest schema)."""
        path = Path(path)
        target = LATEST_SCHEMA if upgrade_to is None else upgrade_to
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(
                path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise UserError(f"cannot open the database {path}: {exc}") from None
        db = cls(conn, path, backups_dir)
        try:
            db._configure()
            version = db.schema_version()
            if version > LATEST_SCHEMA:
                raise UserError(
                    f"{path} was made by a newer FOIA Assist (schema {version}); "
                    f"this version reads up to {LATEST_SCHEMA}. Update FOIA Assist."
                )
            if version == 0 and db._has_tables():
                raise UserError(f"{path} is a database but not one FOIA Assist made")
            if version < target:
                copy = db.copy_to_backups(f"schema{version}", clock()) if version > 0 else None
                try:
                    db._migrate(version, target)
                except sqlite3.DatabaseError as exc:
                    if _code(exc) in _CORRUPT_CODES | _BUSY_CODES:
                        raise
                    kept = f"; a copy made before upgrading is {copy}" if copy else ""
                    raise UserError(
                        f"could not upgrade {path} from schema {db.schema_version()} "
                        f"({exc}); the file was left as it was{kept}"
                    ) from None
        except UserError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            if _code(exc) in _BUSY_CODES:
                raise UserError(f"the database {path} is busy in another program: {exc}") from None
            raise _damaged(path, backups_dir, exc) from None
        return db

    def _configure(self) -> None:
        c = self._conn
        c.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        c.execute("PRAGMA foreign_keys = ON")
        # Reading the header here makes a file that is not a database fail now, clearly.
        _retry_busy(lambda: c.execute("SELECT count(*) FROM sqlite_master").fetchone())
        # Switching a new file to WAL needs an exclusive lock, and SQLite does not always run
        # the busy handler for it: two first starts at once would fail with "database is
        # locked" without this retry.
        mode = _retry_busy(lambda: c.execute("PRAGMA journal_mode = WAL").fetchone())[0]
        if str(mode).lower() != "wal":
            raise sqlite3.DatabaseError(f"could not switch to WAL mode (got {mode})")
        c.execute("PRAGMA synchronous = FULL")

    def _has_tables(self) -> bool:
        row = self._conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()
        return bool(row[0])

    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, current: int, target: int) -> None:
        for step in migration_steps():
            if step.version <= current or step.version > target:
                continue
            with self._lock:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    # Another copy of the app may have migrated while we waited for the lock.
                    if self.schema_version() >= step.version:
                        self._conn.execute("COMMIT")
                        continue
                    step.apply(self._wrapped)
                    self._conn.execute(f"PRAGMA user_version = {int(step.version)}")
                    self._conn.execute("COMMIT")
                except BaseException:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise

    def copy_to_backups(self, label: str, when: datetime) -> Path:
        """A consistent copy (SQLite backup API) in `backups_dir`, renamed into place."""
        self.backups_dir.mkdir(parents=True, exist_ok=True)
        stamp = when.strftime("%Y%m%d-%H%M%S-%f")
        final = self.backups_dir / f"{BACKUP_PREFIX}{stamp}-{label}{BACKUP_SUFFIX}"
        part = final.with_name(final.name + ".part")
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
        dest = sqlite3.connect(part)
        try:
            with self._lock:
                self._conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with open(part, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(part, final)
        return final

    # -- use ----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[SqliteConnection]:
        """A write transaction: all of it is saved or none of it. Nested ones join the outer."""
        with self._lock, self._translated():
            if self._depth:  # joined to the enclosing transaction (same thread: lock held)
                self._depth += 1
                try:
                    yield self._wrapped
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._wrapped
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0

    @contextlib.contextmanager
    def reading(self) -> Iterator[SqliteConnection]:
        """A read transaction: one consistent snapshot across several queries."""
        with self._lock, self._translated():
            if self._depth:
                yield self._wrapped
                return
            self._conn.execute("BEGIN DEFERRED")
            self._depth = 1
            try:
                yield self._wrapped
            finally:
                self._depth = 0
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.IntegrityError as exc:
            raise IntegrityError(str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            if _code(exc) in _CORRUPT_CODES:
                raise _damaged(self.path, self.backups_dir, exc) from None
            if _code(exc) in _BUSY_CODES:
                raise DatabaseBusy(
                    f"the database {self.path} stayed busy (another FOIA Assist is writing); "
                    "try again"
                ) from None
            raise DatabaseError(str(exc)) from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def open_app_database(paths: AppPaths) -> SqliteDatabase:
    """The database in the user's data folder (created and migrated as needed)."""
    return SqliteDatabase.open_file(paths.database, paths.backups_dir)
