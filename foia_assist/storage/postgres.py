"""The tracker on a PostgreSQL server (a team's shared tracker), through psycopg 3.

Same interface as the SQLite file (`storage/database.py`): the repositories' SQL is written
once with `?` placeholders, which `PgConnection` turns into psycopg's `%s` (outside string
literals; a literal `%` is doubled). Transactions are explicit (`BEGIN ... COMMIT` on an
autocommit connection, like the SQLite side): writes at READ COMMITTED, reads in one
REPEATABLE READ snapshot.

Every failure the user can do something about becomes one `UserError` line that names the
server (host:port) and the problem: wrong password, no password, server down, TLS refused or
unverifiable, no such database or role, a privilege the role lacks, the connection lost.

The schema version is the one row of `schema_version`. Migrating takes an advisory lock (two
team members starting a new version at once migrate once); before migrating, every table is
dumped as JSON into the local backups folder.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import errors as pg_errors
from psycopg import sql as pg_sql

from foia_assist.errors import UserError
from foia_assist.storage import database
from foia_assist.storage.database import (
    BACKUP_PREFIX,
    Database,
    DatabaseError,
    IntegrityError,
    migration_steps,
)
from foia_assist.storage.database_url import PostgresTarget

if TYPE_CHECKING:
    from foia_assist.storage.secrets import SecretStore

CONNECT_TIMEOUT_S = 10
DUMP_SUFFIX = ".postgresql.json"
# pg_advisory_xact_lock key for "migrating the FOIA Assist schema" (any constant bigint).
_MIGRATION_LOCK = 0x0F01A_A551_57


@lru_cache(maxsize=512)
def to_pg_placeholders(sql: str) -> str:
    """`?` -> `%s` outside quotes and comments; every `%` doubled (psycopg reads `%` anywhere)."""
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in ("'", '"'):
            j = i + 1
            while j < n:
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:  # '' or "" inside: an escaped quote
                        j += 2
                        continue
                    break
                j += 1
            out.append(sql[i : j + 1].replace("%", "%%"))
            i = j + 1
        elif c == "-" and sql.startswith("--", i):
            j = sql.find("\n", i)
            j = n if j < 0 else j
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        elif c == "?":
            out.append("%s")
            i += 1
        elif c == "%":
            out.append("%%")
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


class PgConnection:
    """`Connection` over a psycopg connection."""

    dialect = "postgresql"

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        if not params:
            return self.raw.execute(sql.encode())  # bytes: psycopg reads no placeholders
        return self.raw.execute(to_pg_placeholders(sql), tuple(params))

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        row = self.execute(sql + " RETURNING id", params).fetchone()
        if row is None:  # an INSERT ... SELECT that found nothing
            raise DatabaseError("the insert added no row")
        return int(row[0])

    def ids_set_explicitly(self, table: str) -> None:
        """Move the table's id sequence past the largest id (rows restored with their ids)."""
        self.raw.execute(
            pg_sql.SQL(
                "SELECT setval(pg_get_serial_sequence({t}, 'id'), "
                "coalesce((SELECT max(id) FROM {ident}), 0) + 1, false)"
            ).format(t=pg_sql.Literal(table), ident=pg_sql.Identifier(table))
        )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    # libpq prefixes: 'connection failed: connection to server at "h" (ip), port p failed: ...'
    text = re.sub(r'^(connection failed: )?connection to server at "[^"]*"[^:]*?failed: ', "", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def connection_problem(target: PostgresTarget, exc: BaseException) -> str:
    """One plain sentence for a failed connection attempt, naming the server."""
    where = target.where
    who = target.user or "(your login name)"
    detail = _first_line(exc)
    low = str(exc).lower()
    sslmode = dict(target.params).get("sslmode", "prefer")
    if isinstance(exc, pg_errors.InvalidPassword) or "password authentication failed" in low:
        return f"the PostgreSQL server at {where} refused the password for user {who}"
    if "no password supplied" in low or "password is required" in low:
        return (
            f"the PostgreSQL server at {where} asks for a password for user {who}: save it in "
            "Settings (where the system keyring can keep it), or set PGPASSWORD or ~/.pgpass"
        )
    if isinstance(exc, pg_errors.InvalidCatalogName) or (
        "database" in low and "does not exist" in low
    ):
        return (
            f"the PostgreSQL server at {where} has no database {target.dbname!r}: create it "
            "first (see docs/team-tracker.md)"
        )
    if "role" in low and "does not exist" in low:
        return f"the PostgreSQL server at {where} has no user (role) {who}"
    if "does not support ssl" in low or "ssl was required" in low:
        return (
            f"the PostgreSQL server at {where} does not offer TLS, but sslmode={sslmode} "
            "requires it: nothing was sent"
        )
    if "certificate" in low or "ssl" in low or "tls" in low:
        return f"TLS with the PostgreSQL server at {where} failed (sslmode={sslmode}): {detail}"
    if "pg_hba.conf" in low:
        return f"the PostgreSQL server at {where} does not accept user {who} from here: {detail}"
    if isinstance(exc, pg_errors.InsufficientPrivilege) or "permission denied" in low:
        return f"user {who} may not connect to database {target.dbname!r} at {where}: {detail}"
    if (
        "connection refused" in low
        or "timeout expired" in low
        or "could not translate host name" in low
        or "no route to host" in low
        or "name or service not known" in low
    ):
        return f"cannot reach the PostgreSQL server at {where} (is it running?): {detail}"
    return f"cannot connect to the PostgreSQL server at {where}: {detail}"


def connect(target: PostgresTarget, secrets: SecretStore | None = None) -> psycopg.Connection[Any]:
    """A connection (autocommit: transactions are explicit), or UserError in plain words."""
    if target.password is None and secrets is not None:
        with contextlib.suppress(UserError):  # a locked keyring: libpq's own sources remain
            saved = secrets.get(target.secret_account)
            if saved is not None:
                target = target.with_password(saved)
    kwargs: dict[str, Any] = dict(target.connect_kwargs())
    kwargs.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    kwargs.setdefault("application_name", "foia-assist")
    try:
        return psycopg.connect(autocommit=True, **kwargs)
    except psycopg.Error as exc:
        raise UserError(connection_problem(target, exc)) from None


class PostgresDatabase(Database):
    """One connection to a PostgreSQL database. Thread-safe through one lock."""

    dialect = "postgresql"

    def __init__(
        self,
        conn: psycopg.Connection[Any],
        target: PostgresTarget,
        backups_dir: Path,
        reconnect: Callable[[], psycopg.Connection[Any]],
    ) -> None:
        self._conn = conn
        self._wrapped = PgConnection(conn)
        self._reconnect = reconnect
        self.target = target.without_password()
        self.display = self.target.display
        self.backups_dir = backups_dir
        self._lock = threading.RLock()
        self._depth = 0

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(  # type: ignore[override]
        cls,
        target: PostgresTarget,
        backups_dir: Path,
        *,
        upgrade_to: int | None = None,
        secrets: SecretStore | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> PostgresDatabase:
        """Connect and migrate to `upgrade_to` (default: the latest schema)."""
        latest = database.LATEST_SCHEMA
        goal = latest if upgrade_to is None else upgrade_to
        conn = connect(target, secrets)
        db = cls(conn, target, Path(backups_dir), lambda: connect(target, secrets))
        try:
            with db._translated():
                version = db.schema_version()
                if version > latest:
                    raise UserError(
                        f"{db.display} was made by a newer FOIA Assist (schema {version}); "
                        f"this version reads up to {latest}. Update FOIA Assist."
                    )
                if version == 0 and db._has_tables():
                    raise UserError(
                        f"{db.display} has tables but not FOIA Assist's: use an empty "
                        "database (or another schema) for the tracker"
                    )
                if version < goal:
                    copy = db.copy_to_backups(f"schema{version}", clock()) if version else None
                    db._migrate(version, goal, copy)
        except BaseException:
            db.close()
            raise
        return db

    def _has_tables(self) -> bool:
        row = self._conn.execute(
            "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
        ).fetchone()
        return bool(row and row[0])

    def schema_version(self) -> int:
        with self._lock:
            row = self._conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
            if not row or not row[0]:
                return 0
            found = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(found[0] or 0) if found else 0

    def _migrate(self, current: int, goal: int, copy: Path | None) -> None:
        for step in migration_steps("postgresql"):
            if step.version <= current or step.version > goal:
                continue
            with self._lock:
                self._conn.execute("BEGIN")
                try:
                    # Two copies of the app starting a new version at once: one migrates,
                    # the other waits here and then finds the work done.
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                    version = self.schema_version()
                    if version >= step.version:
                        self._conn.execute("COMMIT")
                        continue
                    if version == 0:
                        self._conn.execute("CREATE TABLE schema_version (version integer NOT NULL)")
                        self._conn.execute("INSERT INTO schema_version (version) VALUES (0)")
                    step.apply(self._wrapped)
                    self._conn.execute("UPDATE schema_version SET version = %s", (step.version,))
                    self._conn.execute("COMMIT")
                except BaseException as exc:
                    self._rollback()
                    if isinstance(exc, pg_errors.InsufficientPrivilege):
                        raise UserError(
                            f"{self.display}: user {self.target.user or '(your login name)'} "
                            f"may not change the schema (it is at {current}, this FOIA Assist "
                            f"needs {goal}); the database's owner must open it once with this "
                            "version first (see docs/team-tracker.md)"
                        ) from None
                    if isinstance(exc, psycopg.DatabaseError) and not isinstance(
                        exc, psycopg.OperationalError
                    ):
                        kept = f"; a copy made before upgrading is {copy}" if copy else ""
                        raise UserError(
                            f"could not upgrade {self.display} from schema {version} "
                            f"({_first_line(exc)}); nothing was changed by that step{kept}"
                        ) from None
                    raise

    def _rollback(self) -> None:
        if self._conn.closed:
            return
        with contextlib.suppress(psycopg.Error):
            self._conn.execute("ROLLBACK")

    # -- backups ------------------------------------------------------------------------------

    def copy_to_backups(self, label: str, when: datetime) -> Path:
        """Every table of the schema as JSON (one snapshot), written in place atomically.

        {"format": "foia-assist-postgresql-dump", "schema": N, "tables": {name: {"columns":
        [...], "rows": [[...], ...]}}}; bytes are {"base64": "..."}. Rows are streamed to the
        file (a server-side cursor), never all in memory."""
        self.backups_dir.mkdir(parents=True, exist_ok=True)
        stamp = when.strftime("%Y%m%d-%H%M%S-%f")
        final = self.backups_dir / f"{BACKUP_PREFIX}{stamp}-{label}{DUMP_SUFFIX}"
        part = final.with_name(final.name + ".part")
        try:
            with self.reading(), open(part, "w", encoding="utf-8") as out:
                self._dump(out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(part, final)
        except BaseException:
            with contextlib.suppress(OSError):
                part.unlink()
            raise
        return final

    def _dump(self, out: Any) -> None:
        tables = [
            str(r[0])
            for r in self._conn.execute(
                "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            )
        ]
        head = {"format": "foia-assist-postgresql-dump", "schema": self.schema_version()}
        out.write(json.dumps(head)[:-1] + ', "tables": {')
        for t_index, table in enumerate(tables):
            # Stored columns only: a generated one (the text index's tsvector) is derived.
            columns = [
                str(r[0])
                for r in self._conn.execute(
                    "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = %s::regclass "
                    "AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
                    (pg_sql.Identifier(table).as_string(self._conn),),
                )
            ]
            query = pg_sql.SQL("SELECT {} FROM {} ORDER BY 1").format(
                pg_sql.SQL(", ").join(pg_sql.Identifier(c) for c in columns),
                pg_sql.Identifier(table),
            )
            with self._conn.cursor(name=f"dump_{t_index}") as cur:
                cur.itersize = 1000
                cur.execute(query)
                sep = ", " if t_index else ""
                out.write(f'{sep}\n{json.dumps(table)}: {{"columns": {json.dumps(columns)}, ')
                out.write('"rows": [')
                for r_index, row in enumerate(cur):
                    out.write((",\n" if r_index else "\n") + json.dumps([_plain(v) for v in row]))
                out.write("]}")
        out.write("}}\n")

    # -- use ----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        """A write transaction: all of it is saved or none of it. Nested ones join the outer."""
        with self._session("BEGIN") as conn:
            yield conn

    @contextlib.contextmanager
    def reading(self) -> Iterator[PgConnection]:
        """A read transaction: one consistent snapshot across several queries."""
        with self._session("BEGIN ISOLATION LEVEL REPEATABLE READ") as conn:
            yield conn

    @contextlib.contextmanager
    def _session(self, begin: str) -> Iterator[PgConnection]:
        with self._lock, self._translated():
            if self._depth:  # joined to the enclosing transaction
                self._depth += 1
                try:
                    yield self._wrapped
                finally:
                    self._depth -= 1
                return
            if self._conn.closed or self._conn.broken:
                self._fresh_connection()
            try:
                self._conn.execute(begin.encode())
            except psycopg.OperationalError:
                # Dropped while idle (server restarted, network blip): nothing was under way,
                # so connect again once; a failure now is reported.
                self._fresh_connection()
                self._conn.execute(begin.encode())
            self._depth = 1
            try:
                yield self._wrapped
                self._conn.execute(b"COMMIT")
            except BaseException:
                self._rollback()
                raise
            finally:
                self._depth = 0

    def new_connection(self) -> psycopg.Connection[Any]:
        """Another connection with the same credentials (autocommit), e.g. to LISTEN."""
        return self._reconnect()

    def backend_pid(self) -> int:
        """The server process serving this connection (NOTIFY payloads name the writer's)."""
        with self._lock:
            return int(self._conn.info.backend_pid)

    def _fresh_connection(self) -> None:
        with contextlib.suppress(psycopg.Error):
            self._conn.close()
        self._conn = self._reconnect()
        self._wrapped = PgConnection(self._conn)

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except pg_errors.InsufficientPrivilege as exc:
            raise UserError(
                f"{self.display}: user {self.target.user or '(your login name)'} lacks a "
                f"privilege for this ({_first_line(exc)}); ask the database's owner to grant "
                "the team role its rights (docs/team-tracker.md)"
            ) from None
        except psycopg.IntegrityError as exc:
            raise IntegrityError(_first_line(exc)) from exc
        except (pg_errors.SerializationFailure, pg_errors.DeadlockDetected):
            raise UserError(
                f"{self.display}: another user changed the same data at the same moment; "
                "nothing was saved, try again"
            ) from None
        except psycopg.OperationalError as exc:
            raise UserError(
                f"lost the connection to the PostgreSQL server at {self.target.where} "
                f"({_first_line(exc)}); the unfinished change was not saved"
            ) from None
        except psycopg.Error as exc:
            raise DatabaseError(_first_line(exc)) from exc

    def close(self) -> None:
        with self._lock, contextlib.suppress(psycopg.Error):
            self._conn.close()


def _plain(value: Any) -> Any:
    """A value as JSON can hold it."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
