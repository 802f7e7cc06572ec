"""A throwaway PostgreSQL server for tests: `initdb` + `pg_ctl` in a temporary folder, on a
free port of 127.0.0.1, with password (SCRAM) authentication over TCP.

PostgreSQL refuses to run as root, so under root (CI) the server runs as `nobody` (setpriv)
in a folder it owns; under a normal user it runs as that user. The binaries are found under
/usr/lib/postgresql/*/bin (Debian's `postgresql` package, installed by .ci/run) or on PATH;
without them the tests that need a server are skipped, saying so.

One server per test session (`PostgresServer.start`); each test gets a fresh database, a copy
of a template already migrated to the latest schema (`fresh_database`), or an empty one
(`empty_database`). Import by name: `from postgres_server import PostgresServer`.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# The tracker's tests run on both: `@on_both_backends` on a test, or as a module's
# `pytestmark` (the `backend` fixture in conftest.py, overridden by this parametrisation).
BACKENDS = ("sqlite", "postgresql")
on_both_backends = pytest.mark.parametrize("backend", BACKENDS)

SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "throwaway superuser"
TEMPLATE = "foia_template"


def find_bin(name: str) -> str | None:
    """The newest PostgreSQL's `name` (initdb, pg_ctl ...), or None."""
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if candidates:
        return candidates[-1]
    return shutil.which(name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    root: Path  # made by the caller in a folder `nobody` can reach (tempfile.mkdtemp in /tmp)
    port: int
    host: str = "127.0.0.1"
    # (certificate, private key) PEM files: the server then also speaks TLS
    tls: tuple[bytes, bytes] | None = None
    _account: tuple[int, int] = (0, 0)
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def start(self) -> PostgresServer:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not pg_ctl:
            pytest.skip("PostgreSQL is not installed (Debian: postgresql): no initdb/pg_ctl")
        self._pg_ctl = pg_ctl
        account = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
        self._account = (account.pw_uid, account.pw_gid)
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "run").mkdir()
        pwfile = self.root / "pwfile"
        pwfile.write_text(SUPERUSER_PASSWORD + "\n")
        tls_options: list[str] = []
        if self.tls is not None:
            (self.root / "server.crt").write_bytes(self.tls[0])
            (self.root / "server.key").write_bytes(self.tls[1])
            os.chmod(self.root / "server.key", 0o600)
            tls_options = [
                "-c ssl=on",
                f"-c ssl_cert_file={self.root / 'server.crt'}",
                f"-c ssl_key_file={self.root / 'server.key'}",
            ]
        if os.geteuid() == 0:
            for path in [self.root, *self.root.rglob("*")]:
                os.chown(path, *self._account)
        self._run(
            [
                initdb,
                "-D",
                str(self.data_dir),
                "-U",
                SUPERUSER,
                f"--pwfile={pwfile}",
                "--auth-host=scram-sha-256",
                "--auth-local=scram-sha-256",
                "--encoding=UTF8",
                "--no-locale",  # C collation: the same on every system (C.UTF-8 is not)
                "--no-sync",
            ]
        )
        # A test server: durability off (fast), listening on 127.0.0.1 only.
        options = " ".join(
            [
                f"-p {self.port}",
                f"-k {self.root / 'run'}",
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=60",
                *tls_options,
            ]
        )
        self._run(
            [
                pg_ctl,
                "-D",
                str(self.data_dir),
                "-l",
                str(self.root / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        self._make_template()
        return self

    def _run(self, command: list[str]) -> None:
        if os.geteuid() == 0:
            uid, gid = self._account
            command = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.root)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(
                f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]} {tail}"
            )

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run([self._pg_ctl, "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"])

    # -- databases -----------------------------------------------------------------------------

    def url(self, dbname: str, user: str = SUPERUSER, **params: str) -> str:
        query = ("?" + "&".join(f"{k}={v}" for k, v in params.items())) if params else ""
        return f"postgresql://{user}@{self.host}:{self.port}/{dbname}{query}"

    def admin(self, dbname: str = "postgres") -> Any:
        """A superuser psycopg connection (autocommit) for setting things up."""
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            dbname=dbname,
            user=SUPERUSER,
            password=SUPERUSER_PASSWORD,
            autocommit=True,
        )

    def _make_template(self) -> None:
        """A database at the latest schema, copied for each test (much faster than migrating)."""
        from foia_assist.storage.database_url import parse_database_url
        from foia_assist.storage.postgres import PostgresDatabase

        with self.admin() as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        target = parse_database_url(self.url(TEMPLATE)).with_password(SUPERUSER_PASSWORD)  # type: ignore[union-attr]
        with tempfile.TemporaryDirectory() as backups:
            PostgresDatabase.open(target, Path(backups)).close()

    def _new_name(self, prefix: str) -> str:
        return f"{prefix}_{os.getpid()}_{next(self._counter)}"

    def fresh_database(self) -> str:
        """A new database at the latest schema (empty tables); returns its name."""
        name = self._new_name("t")
        with self.admin() as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return name

    def empty_database(self, owner: str = SUPERUSER) -> str:
        """A new database with no tables at all; returns its name."""
        name = self._new_name("e")
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE {name} OWNER "{owner}"')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def make_tls_files(
    host: str = "127.0.0.1", ca: str = "FOIA Assist test CA"
) -> tuple[bytes, bytes, bytes]:
    """(CA certificate, server certificate, server key) as PEM: a throwaway CA that signed a
    certificate for `host` (an IP address), for `sslmode=verify-full` against the server."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)
    later = now + datetime.timedelta(days=2)
    earlier = now - datetime.timedelta(days=1)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, ca)])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(earlier)
        .not_valid_after(later)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(earlier)
        .not_valid_after(later)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    key_pem = key.private_bytes(
        pem, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    return ca_cert.public_bytes(pem), cert.public_bytes(pem), key_pem
