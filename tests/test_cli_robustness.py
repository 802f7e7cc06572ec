"""Cross-cutting CLI promises: a path the user gives that cannot be written is one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foia_assist.cli import run_cli

SPEC = {
    "agency": {"name": "Springfield Police", "jurisdiction": "US"},
    "requester": {"name": "Ana Núñez"},
    "records": {"categories": ["contracts"]},
}


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(SPEC), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "make_args",
    [
        lambda d, s: ["track", "export-ics", str(d / "not-a-folder.txt" / "x.ics")],
        lambda d, s: ["track", "export-csv", str(d)],  # a folder, not a file
        lambda d, s: ["track", "backup", str(d / "not-a-folder.txt" / "b.json")],
        lambda d, s: ["letter", "--spec", str(s), "--out", str(d / "not-a-folder.txt" / "l.txt")],
        lambda d, s: ["letter", "--spec", str(s), "--out", str(d / "folder.docx")],
    ],
)
def test_an_unwritable_output_path_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spec_file: Path, make_args
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "not-a-folder.txt").write_text("x", "utf-8")
    (tmp_path / "folder.docx").mkdir()
    rc = run_cli(make_args(tmp_path, spec_file))
    err = capsys.readouterr().err
    assert rc == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "cannot write" in err
    assert (tmp_path / "not-a-folder.txt").read_text("utf-8") == "x"
    assert not list(tmp_path.glob(".*.part"))
