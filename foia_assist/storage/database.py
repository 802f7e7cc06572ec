"""The SQLite file: opening, migrating, transactions, and plain-language failures.

- WAL, foreign keys on, `busy_timeout` so a second running copy of the app waits instead of
  failing; every write runs in `BEGIN IMMEDIATE ... COMMIT` (`Database.transaction`).
- Schema versions live in `PRAGMA user_version`; steps are `migrations/NNNN_*.sql` (or `.py`
  with `migrate(conn)`), one transaction each. The file is copied to `backups_dir` first.
- A database from a newer app is refused; a damaged file is named with the latest backup.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TypeVar

from foia_assist.errors import UserError
from foia_assist.paths import AppPaths

BUSY_TIMEOUT_MS = 10_000
T = TypeVar("T")
_STEP_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.(sql|py)$")
BACKUP_PREFIX = "foia-assist-"
BACKUP_SUFFIX = ".sqlite3"
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED


@dataclass(frozen=True)
class Step:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _sql_step(text: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
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


def migration_steps() -> list[Step]:
    """The steps in `foia_assist/storage/migrations/`, numbered 1, 2, ... without gaps."""
    package = "foia_assist.storage.migrations"
    steps: list[Step] = []
    for entry in resources.files(package).iterdir():
        match = _STEP_NAME.match(entry.name)
        if not match:
            continue
        version = int(match.group(1))
        if match.group(2) == "sql":
            apply = _sql_step(entry.read_text(encoding="utf-8"))
        else:
            module = importlib.import_module(f"{package}.{entry.name[:-3]}")
            apply = module.migrate
        steps.append(Step(version, entry.name, apply))
    steps.sort(key=lambda s: s.version)
    if [s.version for s in steps] != list(range(1, len(steps) + 1)):
        raise RuntimeError(f"migration steps are not numbered 1..N: {[s.name for s in steps]}")
    return steps


LATEST_SCHEMA = len(migration_steps())


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


class Database:
    """One connection to the app's SQLite file. Thread-safe through one lock."""

    def __init__(self, conn: sqlite3.Connection, path: Path, backups_dir: Path) -> None:
        self._conn = conn
        self.path = path
        self.backups_dir = backups_dir
        self._lock = threading.RLock()
        self._depth = 0  # open transactions on this connection (nested ones join)

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        backups_dir: Path,
        *,
        upgrade_to: int | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> Database:
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
                    step.apply(self._conn)
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
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all of it is saved or none of it. Nested ones join the outer."""
        with self._lock, self._translated():
            if self._depth:  # joined to the enclosing transaction (same thread: lock held)
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: one consistent snapshot across several queries."""
        with self._lock, self._translated():
            if self._depth:
                yield self._conn
                return
            self._conn.execute("BEGIN DEFERRED")
            self._depth = 1
            try:
                yield self._conn
            finally:
                self._depth = 0
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if _code(exc) in _CORRUPT_CODES:
                raise _damaged(self.path, self.backups_dir, exc) from None
            if _code(exc) in _BUSY_CODES:
                raise UserError(
                    f"the database {self.path} stayed busy (another FOIA Assist is writing); "
                    "try again"
                ) from None
            raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_app_database(paths: AppPaths) -> Database:
    """The database in the user's data folder (created and migrated as needed)."""
    return Database.open(paths.database, paths.backups_dir)
