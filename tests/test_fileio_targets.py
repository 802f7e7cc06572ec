"""atomic_write_* writes through symlinks and never replaces a folder, pipe or device node.

Real device files are never touched here: a FIFO in tmp_path stands in for /dev/stdout and
/dev/full (both are replaced by a rename the same way)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from foia_assist.cli import run_cli
from foia_assist.errors import UserError
from foia_assist.fileio import NotARegularFileError, atomic_write_bytes, atomic_write_text

posix_only = pytest.mark.skipif(os.name != "posix", reason="symlinks and FIFOs")


@posix_only
def test_a_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real" / "cal.ics"
    real.parent.mkdir()
    real.write_text("old", "utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.ics"
    link.symlink_to(Path("real") / "cal.ics")  # relative, as `ln -s real/cal.ics link.ics`

    assert atomic_write_text(link, "new") == link
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "cal.ics")
    assert real.read_text("utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the target's mode is kept
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["cal.ics", "link.ics", "real"]


@posix_only
def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "made.csv")
    atomic_write_bytes(link, b"a,b\n")
    assert link.is_symlink() and (tmp_path / "made.csv").read_bytes() == b"a,b\n"


@posix_only
def test_a_pipe_is_refused_and_left_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "stdout-like"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match=r"stdout-like: it is not a regular file \(a pipe\)"):
        atomic_write_bytes(fifo, b"data")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["stdout-like"]  # no temp file left


@posix_only
def test_a_symlink_to_a_pipe_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "export.ics"
    link.symlink_to(fifo)
    with pytest.raises(UserError, match=r"export\.ics \(it links to .*pipe\).*not a regular"):
        atomic_write_bytes(link, b"data")
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix_only
def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(UserError, match="not a regular file"):
        atomic_write_bytes(tmp_path / "a", b"x")
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def test_a_folder_is_refused_as_a_user_error_and_an_os_error(tmp_path: Path) -> None:
    folder = tmp_path / "letters.docx"
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(NotARegularFileError) as info:
        atomic_write_bytes(folder, b"x")
    # Callers that catch OSError (the window's save handlers) still catch it.
    assert isinstance(info.value, OSError) and isinstance(info.value, UserError)
    assert str(info.value) == f"cannot write {folder}: it is not a regular file (a folder)"
    assert (folder / "inside").is_dir()


@posix_only
def test_track_export_through_a_symlink_and_into_a_pipe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "agency": {"name": "Springfield Police", "jurisdiction": "US"},
                "requester": {"name": "Ana"},
                "records": {"categories": ["contracts"]},
            }
        ),
        "utf-8",
    )
    assert run_cli(["track", "add", "--spec", str(spec), "--sent", "2026-03-02"]) == 0
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "cal.ics").write_text("stale", "utf-8")
    Path("link.ics").symlink_to("real/cal.ics")
    capsys.readouterr()

    assert run_cli(["track", "export-ics", "link.ics"]) == 0
    assert Path("link.ics").is_symlink()
    assert (tmp_path / "real" / "cal.ics").read_text("utf-8").startswith("BEGIN:VCALENDAR")

    os.mkfifo("requests.csv")
    assert run_cli(["track", "export-csv", "requests.csv"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "foia-assist: cannot write requests.csv: it is not a regular file (a pipe)"
    )
    assert stat.S_ISFIFO(os.lstat("requests.csv").st_mode)
