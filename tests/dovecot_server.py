"""A throwaway IMAP server for tests: Dovecot (Debian's dovecot-imapd, installed by .ci/run)
in a temporary folder, on a free port of 127.0.0.1, with one user and a plain password.

Dovecot's login process refuses to run as root, so under root (CI) the server runs as
`nobody` (setpriv) in a folder it owns; under a normal user it runs as that user.
Import by name: `from dovecot_server import DovecotServer`.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class DovecotServer:
    root: Path
    port: int
    user: str = "clinic"
    password: str = "correct horse"
    process: subprocess.Popen[bytes] | None = None
    _account: tuple[int, int] = (0, 0)

    def start(self) -> DovecotServer:
        if not Path(DOVECOT).exists():
            pytest.skip("Dovecot is not installed (Debian: dovecot-imapd)")
        account = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
        group = account.pw_gid
        (self.root / "run").mkdir(parents=True)
        (self.root / "mail").mkdir()
        (self.root / "users").write_text(f"{self.user}:{{PLAIN}}{self.password}::::::\n")
        (self.root / "dovecot.conf").write_text(
            f"""
base_dir = {self.root}/run
state_dir = {self.root}/run/state
log_path = {self.root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {account.pw_name}
default_internal_group = {_group_name(group)}
default_login_user = {account.pw_name}
first_valid_uid = 0
mail_location = maildir:{self.root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.root}/users
}}
userdb {{
  driver = static
  args = uid={account.pw_uid} gid={group} home={self.root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""
        )
        if os.geteuid() == 0:
            for path in [self.root, *self.root.rglob("*")]:
                os.chown(path, account.pw_uid, group)
        self._account = (account.pw_uid, group)
        return self.restart()

    def restart(self) -> DovecotServer:
        """Start the server (again) on the same folder, port and mail."""
        command = [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")]
        if os.geteuid() == 0:
            uid, gid = self._account
            command = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", *command]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        for _ in range(300):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as s:
                    if s.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                pass
            assert self.process is not None
            try:
                self.process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            break
        log = self.root / "dovecot.log"
        text = log.read_text() if log.exists() else "(no log)"
        raise RuntimeError(f"Dovecot did not start on port {self.port}: {text[-2000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)

    def client(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        imap.login(self.user, self.password)
        return imap

    def deliver(self, messages: list[bytes], folder: str = "INBOX") -> None:
        imap = self.client()
        try:
            for raw in messages:
                status, _ = imap.append(folder, None, None, raw)
                assert status == "OK"
        finally:
            imap.logout()

    def flags(self, folder: str = "INBOX") -> list[bytes]:
        imap = self.client()
        try:
            imap.select(folder, readonly=True)
            _, data = imap.fetch("1:*", "(FLAGS)")
            return [d for d in data if isinstance(d, bytes)]
        finally:
            imap.logout()


def _group_name(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name


class DroppingProxy:
    """A TCP relay to the server that can drop every connection at once (a dropped network)."""

    def __init__(self, target_port: int) -> None:
        import threading

        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def drop(self) -> None:
        with self._lock:
            for s in self._sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
            self._sockets.clear()

    def close(self) -> None:
        self.drop()
        self.listener.close()
