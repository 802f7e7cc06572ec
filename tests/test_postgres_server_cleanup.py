"""A killed test run leaves no PostgreSQL server running (tests/postgres_server.py).

The throwaway server was a daemon (`pg_ctl start`) stopped only at the fixture's teardown:
five servers of killed runs were found still running under /tmp/foia-assist-pg-*. Here a
child process starts a server as the test session does, is killed, and the server must go.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from postgres_server import OWNER_FILE, ROOT_PREFIX, find_bin, remove_stale_roots

TESTS = Path(__file__).resolve().parent

# Start a server the way the session fixture does, say where it is, and wait to be killed.
CHILD = f"""
import sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {str(TESTS)!r})
from postgres_server import PostgresServer, free_port
root = Path(tempfile.mkdtemp(prefix={ROOT_PREFIX!r}))
server = PostgresServer(root, free_port()).start(template=False)
print(server.pid, root, flush=True)
time.sleep(600)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has stopped; only its exit status is left


def _postgres_processes_in(root: Path) -> list[int]:
    """Processes whose command line names the server's folder (the postmaster's -D)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if str(root / "data").encode() in args and _running(int(entry.name)):
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(
    not (find_bin("initdb") and find_bin("postgres") and shutil.which("setpriv")),
    reason="PostgreSQL (initdb, postgres) or setpriv is not installed",
)
@pytest.mark.parametrize("kill_with", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_test_process_leaves_no_server_running(kill_with: signal.Signals) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    root = None
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        error = "" if line or child.stderr is None else child.stderr.read()
        assert line, f"the child did not start a server: {error}"
        pid_text, root_text = line.split(maxsplit=1)
        postmaster, root = int(pid_text), Path(root_text.strip())
        assert _running(postmaster) and _postgres_processes_in(root) == [postmaster]
        child.send_signal(kill_with)  # no teardown runs: the process just dies
        child.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _postgres_processes_in(root) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _postgres_processes_in(root) == [], "the server outlived its test process"
        # The folder it left is removed when the next server starts (here: called directly).
        assert root in remove_stale_roots(root.parent)
        assert not root.exists()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if root is not None and root.exists():
            shutil.rmtree(root, ignore_errors=True)


def test_folders_of_live_or_unknown_runs_are_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / f"{ROOT_PREFIX}live"
    mine.mkdir()
    own_start = Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()[19]
    (mine / OWNER_FILE).write_text(f"{os.getpid()} {own_start}\n")
    unknown = tmp_path / f"{ROOT_PREFIX}unknown"  # no owner file: not ours to judge
    unknown.mkdir()
    reused = tmp_path / f"{ROOT_PREFIX}reused"  # a live pid, but another process's start time
    reused.mkdir()
    (reused / OWNER_FILE).write_text(f"{os.getpid()} 1\n")
    assert remove_stale_roots(tmp_path) == [reused]
    assert mine.exists() and unknown.exists() and not reused.exists()


def test_the_server_runs_in_its_own_process_group() -> None:
    """A Ctrl-C in the terminal goes to pytest's process group: pytest then stops the
    server in order (the fixture's teardown); the server never gets it half-way."""
    if not (find_bin("initdb") and find_bin("postgres") and shutil.which("setpriv")):
        pytest.skip("PostgreSQL (initdb, postgres) or setpriv is not installed")
    from postgres_server import PostgresServer, free_port

    root = Path(tempfile.mkdtemp(prefix=ROOT_PREFIX))
    server = PostgresServer(root, free_port())
    try:
        server.start(template=False)
        assert os.getpgid(server.pid) != os.getpgid(0)
        server.stop()
        assert not _running(server.pid)
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
