"""A killed writer, two writers at once, damaged and newer files: the data survives, clearly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from foia_assist.cli import run_cli
from foia_assist.paths import AppPaths
from foia_assist.storage.database import LATEST_SCHEMA, open_app_database
from foia_assist.storage.requests_repo import RequestsRepository

ROOT = Path(__file__).resolve().parent.parent

# Writes requests one transaction at a time; request i carries i % 5 + 1 notes "i-0", "i-1"...
# Prints the count after each commit so the parent knows what was acknowledged.
WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from pathlib import Path
    from foia_assist.domain.lifecycle import Event, EventKind, TrackedRequest
    from foia_assist.domain.request import RequestSpec
    from foia_assist.paths import AppPaths
    from foia_assist.storage.database import open_app_database
    from foia_assist.storage.requests_repo import RequestsRepository

    data_dir, tag, count, start_flag = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    while start_flag != "-" and not Path(start_flag).exists():
        time.sleep(0.01)
    spec = RequestSpec.from_dict({"agency": {"name": "P", "jurisdiction": "US"},
        "requester": {"name": "A"}, "records": {"categories": ["contracts"]}})
    repo = RequestsRepository(open_app_database(AppPaths.under(Path(data_dir))))
    for i in range(count):
        notes = tuple(Event(EventKind.NOTE, date(2026, 1, 1), note=f"{tag}{i}-{k}")
                      for k in range(i % 5 + 1))
        repo.add(TrackedRequest(None, spec, "US", f"{tag}{i}", date(2026, 1, 1), events=notes))
        print(i + 1, flush=True)
    """
)


def _writer(data_dir: Path, tag: str, count: int, start_flag: str = "-") -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), tag, str(count), start_flag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _expected_notes(tag: str, i: int) -> list[str]:
    return [f"{tag}{i}-{k}" for k in range(i % 5 + 1)]


@pytest.mark.slow
def test_sigkill_mid_writes_leaves_a_consistent_prefix(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    proc = _writer(data_dir, "r", 1_000_000)
    assert proc.stdout is not None
    acknowledged = 0
    for line in proc.stdout:
        acknowledged = int(line)
        if acknowledged >= 300:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    with open_app_database(AppPaths.under(data_dir)) as db:
        with db.reading() as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        requests = RequestsRepository(db).all()
    # Everything acknowledged is there; at most the writes in flight beyond it; no half request.
    assert acknowledged <= len(requests) <= acknowledged + 50
    assert [r.agency for r in requests] == [f"r{i}" for i in range(len(requests))]
    for i, r in enumerate(requests):
        assert [e.note for e in r.timeline()] == _expected_notes("r", i)


@pytest.mark.slow
def test_two_processes_writing_at_once_both_succeed(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    open_app_database(AppPaths.under(data_dir)).close()  # created before the race
    flag = tmp_path / "go"
    writers = [_writer(data_dir, tag, 150, str(flag)) for tag in ("a", "b")]
    flag.write_text("go")
    for proc in writers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.split()[-1] == "150"
    with open_app_database(AppPaths.under(data_dir)) as db:
        requests = RequestsRepository(db).all()
    assert len(requests) == 300
    for tag in ("a", "b"):
        mine = [r for r in requests if r.agency.startswith(tag)]
        assert [r.agency for r in mine] == [f"{tag}{i}" for i in range(150)]  # in order
        assert all(
            [e.note for e in r.timeline()] == _expected_notes(tag, i) for i, r in enumerate(mine)
        )


@pytest.mark.slow
def test_two_first_starts_at_once_migrate_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    flag = tmp_path / "go"
    writers = [_writer(data_dir, tag, 5, str(flag)) for tag in ("a", "b")]
    flag.write_text("go")
    for proc in writers:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with open_app_database(AppPaths.under(data_dir)) as db:
        assert db.schema_version() == LATEST_SCHEMA
        assert RequestsRepository(db).count() == 10


def test_a_damaged_database_gives_one_clear_line_from_the_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    assert run_cli(["--data-dir", str(data_dir), "track", "list"]) == 0
    db_file = AppPaths.under(data_dir).database
    for extra in ("-wal", "-shm"):
        Path(str(db_file) + extra).unlink(missing_ok=True)
    db_file.write_bytes(os.urandom(8192))
    capsys.readouterr()
    assert run_cli(["--data-dir", str(data_dir), "track", "list"]) == 2
    err = capsys.readouterr().err
    assert str(db_file) in err and "damaged" in err and "backup" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_newer_database_is_refused_by_the_cli_and_left_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    paths = AppPaths.under(data_dir)
    with open_app_database(paths) as db:
        RequestsRepository(db).count()
    conn = sqlite3.connect(paths.database)
    conn.execute(f"PRAGMA user_version = {LATEST_SCHEMA + 1}")
    conn.close()
    before = paths.database.read_bytes()
    assert run_cli(["--data-dir", str(data_dir), "track", "list"]) == 2
    err = capsys.readouterr().err
    assert f"newer FOIA Assist (schema {LATEST_SCHEMA + 1})" in err
    assert paths.database.read_bytes() == before
