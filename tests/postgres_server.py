"""A throwaway PostgreSQL server for tests: `initdb` + `postgres` in a temporary folder, on a
free port of 127.0.0.1, with password (SCRAM) authentication over TCP.

PostgreSQL refuses to run as root, so under root (CI) the server runs as `nobody` (setpriv)
in a folder it owns; under a normal user it runs as that user. The binaries are found under
/usr/lib/postgresql/*/bin (Debian's `postgresql` package, installed by .ci/run) or on PATH;
without them the tests that need a server are skipped, saying so.

One server per test session (`PostgresServer.start`); each test gets a fresh database, a copy
of a template already migrated to the latest schema (`fresh_database`), or an empty one
(`empty_database`). Import by name: `from postgres_server import PostgresServer`.

A killed test run does not leave its server behind: the server is the test process's own
child (`postgres` run directly, not daemonised by `pg_ctl start`), in its own process group,
and the kernel sends it SIGQUIT (immediate shutdown) when the test process dies, however it
dies (`setpriv --pdeathsig`). Five servers of killed runs were found still running under
/tmp/foia-assist-pg-* when they were daemons. A folder a dead run left behind is removed
when the next server starts (`remove_stale_roots`).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# The tracker's tests run on both: `@on_both_backends` on a test, or as a module's
# `pytestmark` (the `backend` fixture in conftest.py, overridden by this parametrisation).
BACKENDS = ("sqlite", "postgresql")
on_both_backends = pytest.mark.parametrize("backend", BACKENDS)

ROOT_PREFIX = "foia-assist-pg-"  # the folders' names under the temporary directory
OWNER_FILE = "owner.pid"  # the test process that started the server in this folder
START_TIMEOUT = 60.0

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

    def start(self, *, template: bool = True) -> PostgresServer:
        initdb, postgres = find_bin("initdb"), find_bin("postgres")
        if not initdb or not postgres:
            pytest.skip("PostgreSQL is not installed (Debian: postgresql): no initdb/postgres")
        if not shutil.which("setpriv"):
            pytest.skip("setpriv (util-linux) is not installed")
        remove_stale_roots(self.root.parent)
        account = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
        self._account = (account.pw_uid, account.pw_gid)
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / OWNER_FILE).write_text(f"{os.getpid()} {_start_time(os.getpid())}\n")
        (self.root / "run").mkdir()
        pwfile = self.root / "pwfile"
        pwfile.write_text(SUPERUSER_PASSWORD + "\n")
        tls_settings: list[str] = []
        if self.tls is not None:
            (self.root / "server.crt").write_bytes(self.tls[0])
            (self.root / "server.key").write_bytes(self.tls[1])
            os.chmod(self.root / "server.key", 0o600)
            tls_settings = [
                "ssl=on",
                f"ssl_cert_file={self.root / 'server.crt'}",
                f"ssl_key_file={self.root / 'server.key'}",
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
        settings = [
            "listen_addresses=127.0.0.1",
            "fsync=off",
            "synchronous_commit=off",
            "full_page_writes=off",
            "max_connections=60",
            *tls_settings,
        ]
        options = ["-p", str(self.port), "-k", str(self.root / "run")]
        for setting in settings:
            options += ["-c", setting]
        self._command = [postgres, "-D", str(self.data_dir), *options]
        self._process = self._spawn(self._command)
        self._wait_until_ready()
        if template:
            self._make_template()
        return self

    def restart(self) -> None:
        """Start the stopped server again on the same data and port (a dropped connection
        that comes back)."""
        self.stop()
        self._process = self._spawn(self._command)
        self._wait_until_ready()

    def _spawn(self, command: list[str]) -> subprocess.Popen[bytes]:
        """Run the server as this process's child: in its own process group (a Ctrl-C in the
        terminal reaches only pytest, which then stops it in order), and stopped by the kernel
        if this process dies without stopping it (a killed run)."""
        wrapper = ["setpriv", "--pdeathsig", "SIGQUIT"]
        if os.geteuid() == 0:
            uid, gid = self._account
            wrapper += [f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]
        with open(self.root / "server.log", "ab") as log:
            return subprocess.Popen(
                [*wrapper, *command],
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _wait_until_ready(self) -> None:
        import psycopg

        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self._process.poll() is not None:
                raise RuntimeError(f"PostgreSQL exited ({self._process.returncode}): {self._log()}")
            try:
                self.admin().close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"PostgreSQL did not start: {self._log()}") from None
                time.sleep(0.1)

    def _log(self) -> str:
        log = self.root / "server.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else ""

    @property
    def pid(self) -> int:
        """The postmaster's process id."""
        return self._process.pid

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
        process = getattr(self, "_process", None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGQUIT)  # immediate shutdown: a throwaway server
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

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


def _start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot (/proc/PID/stat field 22): with the
    pid, it tells a live owner from a new process that reused a dead owner's pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def _alive(pid: int, started: str) -> bool:
    return _start_time(pid) == started != ""


def remove_stale_roots(parent: Path) -> list[Path]:
    """Remove the folders of servers whose test run died (its owner is gone) and whose server
    is gone too; returns them. A folder without an owner file (another kind of run) and one
    whose server still runs are left alone: this ends no process."""
    removed = []
    for root in parent.glob(f"{ROOT_PREFIX}*"):
        try:
            pid_text, started = (root / OWNER_FILE).read_text().split()
            owner = int(pid_text)
        except (OSError, ValueError):
            continue
        if _alive(owner, started):
            continue
        try:
            postmaster = int((root / "data" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            postmaster = 0
        if postmaster and Path(f"/proc/{postmaster}").exists():
            continue
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed


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
