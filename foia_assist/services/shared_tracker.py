"""Checking a tracker database before the app is pointed at it (Settings' "Test connection").

`check_connection` opens the database the URL names, as the app would, and says in one line
what it found (or raises UserError with the problem): nothing is created or changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.app import AppContext


def check_connection(ctx: AppContext, url: str, password: str | None) -> str:
    """One line about the database at `url` ("" = this computer's own tracker)."""
    text = url.strip()
    if not text:
        return f"This computer's own tracker: {ctx.paths.database}"
    if text.startswith("sqlite:///"):
        text = text.removeprefix("sqlite://")
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise UserError(f"unsupported database {scheme}:// (use postgresql:// or a file)")
    path = Path(text).expanduser()
    if path.is_file():
        return f"SQLite file {path} ({path.stat().st_size:,} bytes)"
    if path.parent.is_dir():
        return f"SQLite file {path} does not exist yet; it will be created"
    raise UserError(f"the folder {path.parent} does not exist")
