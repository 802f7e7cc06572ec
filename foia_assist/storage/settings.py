"""User settings in one JSON file (`AppPaths.settings_file`). No Qt, no passwords.

Defaults live in the dataclasses below, the one declarative place. The file is written
atomically. A damaged file (not JSON, not an object, or a value of the wrong kind) is
moved aside to `settings.json.damaged-<time>`, the problem is reported in plain words,
and whatever could be read is kept; the rest falls back to defaults. Nothing is deleted.
The SMTP password is never here: it lives in the system keyring (`storage/secrets.py`).
Nor is a database password: `database_url` (a team's shared tracker, see
`storage/database_url.py`) is stored without one, and one found in the file is dropped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, cast

from foia_assist.domain.request import Requester, is_valid_email
from foia_assist.domain.text_rules import has_control_characters
from foia_assist.domain.typed_fields import TypedFields
from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_text

# Read-only peeks at the file live apart, for a light start.
from foia_assist.storage.settings_peek import database_url_to_store, login_name

SETTINGS_VERSION = 1
SmtpSecurity = Literal["starttls", "ssl", "none"]
SMTP_SECURITY: tuple[SmtpSecurity, ...] = ("starttls", "ssl", "none")
DEFAULT_PORTS: dict[SmtpSecurity, int] = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: SmtpSecurity = "starttls"
    user: str = ""
    # False: never save the password; ask for it at each send.
    remember_password: bool = True

    @property
    def configured(self) -> bool:
        return bool(self.host)

    @property
    def secret_account(self) -> str:
        """The keyring account name for this server's password."""
        return f"smtp:{self.user}@{self.host}:{self.port}"


# How letters become PDFs, for single letters and bulk alike (services/letters/pdf_conversion
# PdfMaker): "auto" is LibreOffice where installed, else the built-in renderer.
PDF_RENDERERS = ("auto", "libreoffice", "built-in")


@dataclass(frozen=True)
class Settings:
    requester: Requester = field(default_factory=lambda: Requester(name=""))
    output_dir: str = ""  # "" means the user's Documents folder, chosen by the window
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    # "" = the SQLite file in the data folder; else a database URL without its password.
    database_url: str = ""
    pdf_renderer: str = "auto"  # one of PDF_RENDERERS
    # Who is recorded with each event and change on a shared tracker; "" = the OS login name.
    user_name: str = ""

    @property
    def author(self) -> str:
        """The user name to record: the one set, else the login name of this computer."""
        return self.user_name or login_name()

    def with_requester(self, requester: Requester) -> Settings:
        """Your details, without the basis chosen under one law ("citizen of this state"):
        the file never kept it, and kept in memory it went into the next bulk export's
        letters to other states, which refused it."""
        return replace(self, requester=replace(requester, basis=""))

    def to_dict(self) -> dict[str, Any]:
        r, s = self.requester, self.smtp
        return {
            "version": SETTINGS_VERSION,
            "requester": {
                "name": r.name,
                "organisation": r.organisation,
                "address": r.address,
                "email": r.email,
                "phone": r.phone,
                "news_media": r.news_media,
                "residence": r.residence,
            },
            "output_dir": self.output_dir,
            "user_name": self.user_name,
            "pdf_renderer": self.pdf_renderer,
            "smtp": {
                "host": s.host,
                "port": s.port,
                "security": s.security,
                "user": s.user,
                "remember_password": s.remember_password,
            },
            "database_url": database_url_to_store(self.database_url),
        }


class _Reader(TypedFields):
    """Reads one JSON object leniently: a bad value is recorded in `problems` and replaced by
    its default, never raised (a damaged settings file must not stop the app)."""

    def __init__(self, data: Any, prefix: str, problems: list[str]) -> None:
        self.problems = problems
        if data is None:
            data = {}
        if not isinstance(data, Mapping):
            problems.append(f"'{prefix.rstrip('.')}' is not an object")
            data = {}
        super().__init__(data, prefix)

    def _bad(self, key: str, what: str) -> None:
        self.problems.append(f"'{self.path(key)}' {what}; using the default")

    def _value(self, key: str, default: Any) -> Any:
        return self.take(key) if key in self.data else default

    def text(self, key: str, default: str = "") -> str:
        value = self._value(key, default)
        if not isinstance(value, str):
            self._bad(key, "is not text")
            return default
        if has_control_characters(value, allow="\n\t"):
            self._bad(key, "contains control characters")
            return default
        return value.strip()

    def flag(self, key: str, default: bool) -> bool:
        value = self._value(key, default)
        if not isinstance(value, bool):
            self._bad(key, "is not true or false")
            return default
        return value

    def port(self, key: str, default: int) -> int:
        value = self._value(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
            self._bad(key, "is not a port number (1-65535)")
            return default
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self._value(key, default)
        if value not in choices:
            self._bad(key, f"is not one of {', '.join(choices)}")
            return default
        return cast(str, value)


def settings_from_dict(data: Any, problems: list[str]) -> Settings:
    """Build Settings from parsed JSON; appends a sentence to `problems` for each bad value."""
    top = _Reader(data, "", problems)
    req = _Reader(top.data.get("requester"), "requester.", problems)
    email = req.text("email")
    if email and not is_valid_email(email):
        req._bad("email", "is not a valid email address")
        email = ""
    requester = Requester(
        name=req.text("name"),
        organisation=req.text("organisation"),
        address=req.text("address"),
        email=email,
        phone=req.text("phone"),
        news_media=req.flag("news_media", False),
        residence=req.text("residence"),
    )
    smtp_r = _Reader(top.data.get("smtp"), "smtp.", problems)
    security = cast(SmtpSecurity, smtp_r.choice("security", SMTP_SECURITY, "starttls"))
    smtp = SmtpSettings(
        host=smtp_r.text("host"),
        port=smtp_r.port("port", DEFAULT_PORTS[security]),
        security=security,
        user=smtp_r.text("user"),
        remember_password=smtp_r.flag("remember_password", True),
    )
    user_name = top.text("user_name")
    if "\n" in user_name or "\t" in user_name:
        top._bad("user_name", "must be one line")
        user_name = ""
    return Settings(
        requester=requester,
        output_dir=top.text("output_dir"),
        smtp=smtp,
        database_url=_database_url(top),
        user_name=user_name,
        pdf_renderer=top.choice("pdf_renderer", PDF_RENDERERS, "auto"),
    )


def read_pdf_renderer(path: Path) -> str:
    """The PDF renderer setting, read without touching the file (a missing or damaged file,
    or a bad value: "auto"); the window's own load reports and sets aside a damaged one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return "auto"
    return settings_from_dict(data, []).pdf_renderer


def _database_url(top: _Reader) -> str:
    from foia_assist.storage.database_url import has_password

    text = top.text("database_url")
    try:
        stored = database_url_to_store(text)
    except UserError as exc:
        top._bad("database_url", f"is not a database URL ({exc})")
        return ""
    if has_password(text):
        top.problems.append(
            "'database_url' held a password, which settings never keep; it was removed "
            "(save the password in the keyring from Settings, or use PGPASSWORD or ~/.pgpass)"
        )
    return stored


@dataclass(frozen=True)
class LoadResult:
    settings: Settings
    problem: str = ""  # "" when the file was fine or absent
    moved_to: Path | None = None  # where the damaged file was kept


class SettingsStore:
    """Loads and saves `Settings` at one path."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self, now: datetime | None = None) -> LoadResult:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LoadResult(Settings())
        except (OSError, UnicodeDecodeError) as exc:
            return self._damaged(Settings(), f"it could not be read ({exc})", now)
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            return self._damaged(
                Settings(), f"it is not valid JSON ({exc.msg}, line {exc.lineno})", now
            )
        problems: list[str] = []
        settings = settings_from_dict(data, problems)
        if problems:
            return self._damaged(settings, "; ".join(problems), now)
        return LoadResult(settings)

    def save(self, settings: Settings) -> None:
        text = json.dumps(settings.to_dict(), indent=2, ensure_ascii=False) + "\n"
        atomic_write_text(self.path, text)

    def _damaged(self, settings: Settings, why: str, now: datetime | None) -> LoadResult:
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        try:
            os.replace(self.path, aside)
        except OSError:
            moved: Path | None = None
            where = "it was left in place"
        else:
            moved = aside
            where = f"the old file was kept as {aside.name}"
        message = f"The settings file {self.path} is damaged: {why}. Defaults are used; {where}."
        return LoadResult(settings, message, moved)
