"""Spec files saved by Windows editors: UTF-8 with a byte-order mark, or UTF-16."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foia_assist.cli import run_cli
from foia_assist.storage.spec_files import load_spec

SPEC = {
    "agency": {"name": "Springfield Police Department", "jurisdiction": "US"},
    "requester": {"name": "Ana Núñez"},
    "records": {"categories": ["contracts"]},
}
TEXT = json.dumps(SPEC, ensure_ascii=False, indent=2).replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom.json", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),  # Notepad's "UTF-8 with BOM"
        ("utf16.json", TEXT.encode("utf-16")),  # Notepad's "Unicode" (with its BOM)
        ("utf16be.json", b"\xfe\xff" + TEXT.encode("utf-16-be")),
        ("plain.json", TEXT.encode("utf-8")),
    ],
)
def test_load_spec_reads_windows_encodings(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    spec = load_spec(path)
    assert spec.requester.name == "Ana Núñez"
    assert spec.agency.name == "Springfield Police Department"


def test_letter_track_and_bulk_accept_a_spec_with_a_bom(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    out = tmp_path / "letter.txt"
    assert run_cli(["letter", "--spec", str(spec), "--out", str(out)]) == 0
    assert "Ana Núñez" in out.read_text("utf-8")
    assert run_cli(["track", "add", "--spec", str(spec)]) == 0
    agencies = tmp_path / "agencies.csv"
    agencies.write_text("agency_name,jurisdiction,email\nA PD,CA,a@example.gov\n", "utf-8")
    rc = run_cli(["bulk", "--agencies", str(agencies), "--spec", str(spec), "--out",
                  str(tmp_path / "out"), "--format", "txt", "--jobs", "1"])  # fmt: skip
    assert rc == 0
    assert "BOM" not in capsys.readouterr().err


def test_a_spec_in_another_encoding_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = tmp_path / "latin1.json"
    spec.write_bytes(TEXT.encode("latin-1"))
    assert run_cli(["letter", "--spec", str(spec), "--out", str(tmp_path / "l.txt")]) == 2
    assert capsys.readouterr().err.strip() == "foia-assist: latin1.json: not UTF-8 text"


def test_letter_refuses_an_agency_override_with_control_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(TEXT, "utf-8")
    out = tmp_path / "l.txt"
    rc = run_cli(["letter", "--spec", str(spec), "--out", str(out), "--agency", "A\x1b[31mB"])
    assert rc == 2 and not out.exists()
    assert "--agency contains control characters" in capsys.readouterr().err
