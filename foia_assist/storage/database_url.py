"""Which tracker database to open: a SQLite file or a PostgreSQL server, named by a URL.

- `sqlite:///absolute/path`, `sqlite:relative/path` or a bare path: a SQLite file.
- `postgresql://user@host:port/dbname?sslmode=verify-full&sslrootcert=/path/ca.pem` (or
  `postgres://`): a PostgreSQL database through psycopg. Query parameters are libpq's
  connection parameters (sslmode, sslrootcert, sslcert, sslkey, connect_timeout,
  application_name ...); the password is not taken from here when it is saved in settings
  (see `without_password`): it comes from the keyring, PGPASSWORD or ~/.pgpass.

Pure parsing: nothing here opens a connection or reads the disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from foia_assist.errors import UserError

DATABASE_ENV = "FOIA_ASSIST_DATABASE"
POSTGRES_SCHEMES = ("postgresql", "postgres")
DEFAULT_PG_PORT = 5432
# libpq parameters a URL may carry; anything else is refused by name (a typo would otherwise
# reach the server as an unknown option, or be ignored).
PG_PARAMETERS = frozenset(
    {
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "sslcrl",
        "sslpassword",
        "sslnegotiation",
        "sslcompression",
        "connect_timeout",
        "application_name",
        "target_session_attrs",
        "channel_binding",
        "require_auth",
        "options",
        "keepalives",
        "keepalives_idle",
        "keepalives_interval",
        "keepalives_count",
        "passfile",
        "service",
        "gssencmode",
    }
)
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class SqliteTarget:
    path: Path

    dialect = "sqlite"

    @property
    def display(self) -> str:
        return str(self.path)

    @property
    def url(self) -> str:
        return f"sqlite:///{str(self.path).lstrip('/')}"


@dataclass(frozen=True)
class PostgresTarget:
    host: str
    port: int
    dbname: str
    user: str = ""
    password: str | None = field(default=None, repr=False)
    params: tuple[tuple[str, str], ...] = ()

    dialect = "postgresql"

    @property
    def display(self) -> str:
        """How messages name it: never with the password."""
        who = f"{self.user}@" if self.user else ""
        return f"PostgreSQL database {self.dbname!r} ({who}{self.host}:{self.port})"

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """The URL without the password (what settings may store and messages may show)."""
        user = quote(self.user, safe="") + "@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = ("?" + urlencode(self.params)) if self.params else ""
        return f"postgresql://{user}{host}:{self.port}/{quote(self.dbname, safe='')}{query}"

    @property
    def secret_account(self) -> str:
        """The keyring account of this database's password."""
        return f"postgresql:{self.user}@{self.host}:{self.port}/{self.dbname}"

    def without_password(self) -> PostgresTarget:
        return PostgresTarget(self.host, self.port, self.dbname, self.user, None, self.params)

    def with_password(self, password: str | None) -> PostgresTarget:
        return PostgresTarget(self.host, self.port, self.dbname, self.user, password, self.params)

    def connect_kwargs(self) -> dict[str, str | int]:
        """Keyword arguments for `psycopg.connect` (libpq's own names)."""
        out: dict[str, str | int] = {"host": self.host, "port": self.port, "dbname": self.dbname}
        if self.user:
            out["user"] = self.user
        if self.password is not None:
            out["password"] = self.password
        out.update(dict(self.params))
        return out


DatabaseTarget = SqliteTarget | PostgresTarget


def parse_database_url(text: str, *, base: Path | None = None) -> DatabaseTarget:
    """`text` as a target; UserError naming what is wrong. `base` anchors a relative path."""
    value = text.strip()
    if not value:
        raise UserError("the database URL is empty")
    if any(ord(c) < 32 for c in value):
        raise UserError("the database URL contains control characters")
    scheme_match = _SCHEME.match(value)
    scheme = scheme_match.group(1).lower() if scheme_match else ""
    # A Windows drive ("C:\\...") looks like a one-letter scheme: it is a path.
    if not scheme or len(scheme) == 1:
        return _sqlite(Path(value).expanduser(), base)
    if scheme == "sqlite":
        rest = value[len("sqlite:") :]
        if rest.startswith("///"):
            # sqlite:///abs/path and sqlite:////abs/path (SQLAlchemy's form): /abs/path;
            # sqlite:///C:/x on Windows: C:/x
            rest = "/" + rest.lstrip("/")
            if re.match(r"^/[A-Za-z]:", rest):
                rest = rest[1:]
        elif rest.startswith("//"):
            raise UserError(
                f"{value!r}: a SQLite URL has no host; write sqlite:///path/to/file.sqlite3"
            )
        if not rest:
            raise UserError(f"{value!r}: the SQLite URL names no file")
        return _sqlite(Path(unquote(rest)).expanduser(), base)
    if scheme in POSTGRES_SCHEMES:
        return _postgres(value)
    raise UserError(
        f"{_redacted(value)!r}: unknown kind of database {scheme!r}; use a file path, "
        "sqlite:///path or postgresql://user@host:port/dbname"
    )


def _sqlite(path: Path, base: Path | None) -> SqliteTarget:
    if not path.is_absolute() and base is not None:
        path = base / path
    return SqliteTarget(path)


def _postgres(value: str) -> PostgresTarget:
    shown = _redacted(value)
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise UserError(f"{shown!r}: not a valid PostgreSQL URL ({exc})") from None
    host = parts.hostname or ""
    if not host:
        raise UserError(f"{shown!r}: the PostgreSQL URL names no host")
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise UserError(
            f"{shown!r}: the PostgreSQL URL names no database (postgresql://user@host/dbname)"
        )
    if parts.fragment:
        raise UserError(f"{shown!r}: a PostgreSQL URL has no '#' part")
    params: list[tuple[str, str]] = []
    for key, val in parse_qsl(parts.query, keep_blank_values=True):
        if key not in PG_PARAMETERS:
            raise UserError(
                f"{shown!r}: unknown connection parameter {key!r} "
                f"(known: {', '.join(sorted(PG_PARAMETERS))})"
            )
        if key == "sslmode" and val not in SSL_MODES:
            raise UserError(f"{shown!r}: sslmode must be one of {', '.join(SSL_MODES)}")
        params.append((key, val))
    return PostgresTarget(
        host=host,
        port=port or DEFAULT_PG_PORT,
        dbname=dbname,
        user=unquote(parts.username or ""),
        password=unquote(parts.password) if parts.password is not None else None,
        params=tuple(params),
    )


def _redacted(value: str) -> str:
    """The URL with any password replaced by ***, for messages."""
    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", value)


def has_password(text: str) -> bool:
    """Does this URL carry a password (which settings must never store)?"""
    try:
        target = parse_database_url(text)
    except UserError:
        return False
    return isinstance(target, PostgresTarget) and target.password is not None
