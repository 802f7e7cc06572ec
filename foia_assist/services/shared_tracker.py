"""Checking a tracker database before the app is pointed at it (Settings' "Test connection").

`check_connection` connects to the database the URL names as the app would (the password
typed, else the one in the keyring, else PGPASSWORD / ~/.pgpass) and says in one line what it
found, or raises UserError with the problem. Nothing is created, migrated or changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.errors import UserError
from foia_assist.storage.database import LATEST_SCHEMA
from foia_assist.storage.database_url import SqliteTarget, parse_database_url

if TYPE_CHECKING:
    from foia_assist.storage.secrets import SecretStore


def check_connection(
    url: str, password: str | None, *, own_database: Path, secrets: SecretStore | None
) -> str:
    """One line about the database at `url` ("" = this computer's own tracker, the file
    `own_database`); a saved password comes from `secrets` when none is typed."""
    if not url.strip():
        return f"This computer's own tracker: {own_database}"
    target = parse_database_url(url, base=Path.cwd())
    if isinstance(target, SqliteTarget):
        path = target.path
        if path.is_file():
            return f"SQLite file {path} ({path.stat().st_size:,} bytes)"
        if path.parent.is_dir():
            return f"SQLite file {path} does not exist yet; it will be created"
        raise UserError(f"the folder {path.parent} does not exist")
    from foia_assist.storage.postgres import connect

    if password:
        target = target.with_password(password)
    conn = connect(target, secrets)
    try:
        user, version = conn.execute(
            "SELECT current_user, current_setting('server_version')"
        ).fetchone() or ("?", "?")
        has_schema = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
        schema = 0
        if has_schema and has_schema[0]:
            found = conn.execute("SELECT max(version) FROM schema_version").fetchone()
            schema = int(found[0] or 0) if found else 0
    except Exception as exc:  # a privilege missing, the server going away mid-check
        raise UserError(
            f"{target.without_password().display}: {' '.join(str(exc).split())}"
        ) from None
    finally:
        conn.close()
    where = f"{target.where}/{target.dbname} as {user} (PostgreSQL {version})"
    if schema == 0:
        return (
            f"Connected to {where}; the database is empty: its owner sets it up by opening it once"
        )
    if schema > LATEST_SCHEMA:
        return f"Connected to {where}; its tracker is newer (schema {schema}): update FOIA Assist"
    return f"Connected to {where}; a FOIA Assist tracker (schema {schema})"
