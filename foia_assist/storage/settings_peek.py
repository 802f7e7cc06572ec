"""What the settings file says about the database and the user, read without changing it.

Apart from `settings` (its dataclasses and checks import the request model) so that the
CLI, which asks for every command, and the window's first list read only JSON here.
"""

from __future__ import annotations

import json
from pathlib import Path

from foia_assist.domain.text_rules import has_control_characters
from foia_assist.errors import UserError


def database_url_to_store(text: str) -> str:
    """`text` as settings keep it: checked, and never with a password."""
    from foia_assist.storage.database_url import PostgresTarget, parse_database_url

    if not text.strip():
        return ""
    target = parse_database_url(text)
    if isinstance(target, PostgresTarget) and target.password is not None:
        return target.without_password().url
    return text.strip()


def peek_database_url(path: Path) -> str:
    """The `database_url` saved in the settings file at `path`, or "" (no file, damaged, not
    set); UserError when it is set but malformed. Read-only: unlike `SettingsStore.load`, a
    damaged file is not moved aside (the CLI asks this for every command)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return ""
    value = data.get("database_url") if isinstance(data, dict) else None
    if not isinstance(value, str) or has_control_characters(value):
        return ""
    try:
        return database_url_to_store(value)
    except UserError as exc:  # falling back to the local file would split the team's data
        raise UserError(f"the database_url in {path} is not usable: {exc}") from None


def peek_user_name(path: Path) -> str:
    """The user name to record, from the settings file at `path` without changing it (the
    CLI asks for every command; `SettingsStore.load` would move a damaged file aside)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        data = None
    value = data.get("user_name") if isinstance(data, dict) else None
    if isinstance(value, str) and value.strip() and not has_control_characters(value):
        return value.strip()
    return login_name()


def login_name() -> str:
    """The operating system's name for the person logged in ("" if it has none)."""
    import getpass  # (with termios: not on the window's start-up path)

    try:
        return getpass.getuser().strip()
    except (OSError, KeyError, ImportError):  # no USER/LOGNAME and no passwd entry
        return ""
