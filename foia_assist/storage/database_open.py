"""Open the tracker's database that a `DatabaseTarget` names: SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.storage.database import Database, SqliteDatabase
from foia_assist.storage.database_url import DatabaseTarget, SqliteTarget

if TYPE_CHECKING:
    from foia_assist.storage.secrets import SecretStore


def open_database(
    target: DatabaseTarget,
    backups_dir: Path,
    *,
    secrets: SecretStore | None = None,
    clock: Callable[[], datetime] = datetime.now,
) -> Database:
    """The database `target` names, created (SQLite) and migrated as needed.

    For PostgreSQL without a password in the URL, the password saved in `secrets` for that
    database is used; libpq itself then falls back to PGPASSWORD and ~/.pgpass."""
    if isinstance(target, SqliteTarget):
        return SqliteDatabase.open_file(target.path, backups_dir, clock=clock)
    from foia_assist.storage.postgres import PostgresDatabase

    return PostgresDatabase.open(target, backups_dir, secrets=secrets, clock=clock)
