from __future__ import annotations

import os
from pathlib import Path

import pytest

from foia_assist.fileio import atomic_write_bytes, atomic_write_text


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "letter.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    assert [p.name for p in target.parent.iterdir()] == ["letter.txt"]


def test_failure_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    atomic_write_bytes(target, b"old")

    with pytest.raises(TypeError):
        atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.docx"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_files_follow_the_umask_and_replacements_keep_their_mode(tmp_path: Path) -> None:
    old_mask = os.umask(0o027)
    try:
        fresh = atomic_write_text(tmp_path / "letter.txt", "x")
    finally:
        os.umask(old_mask)
    assert fresh.stat().st_mode & 0o777 == 0o640  # not mkstemp's private 0600
    os.chmod(fresh, 0o604)
    atomic_write_text(fresh, "y")
    assert fresh.stat().st_mode & 0o777 == 0o604
