"""`foia-assist deadline`: JSON and text output, and one-line errors (exit 2) for bad input.

Uses only the federal rule file (US.toml); the state files are being written in parallel.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from foia_assist.cli import run_cli


def test_json_output_for_a_federal_request(capsys: pytest.CaptureFixture[str]) -> None:
    # Received Mon 23 Nov 2026; 20 business days skipping Thanksgiving (Thu 26 Nov) and four
    # weekends: Tue 22 Dec 2026 (worked out day by day in test_deadlines.py).
    assert run_cli(["deadline", "US", "2026-11-23", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["jurisdiction"] == "US"
    assert data["received"] == "2026-11-23"
    assert data["due"] == "2026-12-22"
    assert data["days"] == 20
    assert data["day_type"] == "business"
    assert {"date": "2026-11-26", "reason": "Thanksgiving Day"} in data["skipped"]
    assert all(set(s) == {"date", "reason"} for s in data["skipped"])
    assert "day 0" in data["explanation"]
    assert data["citation"] == "5 U.S.C. § 552(a)(6)(A)(i)"


def test_json_with_an_extension_by_full_name(capsys: pytest.CaptureFixture[str]) -> None:
    # Tue 22 Dec 2026 plus 10 business days, skipping Christmas (Fri 25 Dec) and New Year's
    # Day (Fri 1 Jan 2027): Thu 7 Jan 2027.
    rc = run_cli(["deadline", "united states", "2026-11-23", "--extension-days", "10", "--json"])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == "2027-01-07"
    assert data["extension_days"] == 10


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["deadline", "US", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "Determination due: Tue 2026-12-22 (20 business days)" in out
    assert "Skipped Thu 2026-11-26: Thanksgiving Day." in out
    assert (
        "Not legal advice: rule last verified 2026-11-26 "
        "(source: https://www.law.cornell.edu/uscode/text/5/552)." in out
    )


def test_unknown_jurisdiction_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["deadline", "Atlantis", "2026-11-23"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "Atlantis" in lines[0]
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("bad", ["2026-13-01", "2026-02-30", "23/11/2026", "yesterday"])
def test_malformed_date_exit_2(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["deadline", "US", bad]) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"foia-assist: malformed date {bad!r}")
    assert "Traceback" not in err


def test_date_outside_supported_years_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["deadline", "US", "1985-06-03"]) == 2
    err = capsys.readouterr().err
    assert "1985" in err and len(err.strip().splitlines()) == 1


def test_negative_extension_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["deadline", "US", "2026-11-23", "--extension-days=-3"]) == 2
    assert "extension" in capsys.readouterr().err


def test_real_process_error_has_no_traceback() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "foia_assist", "deadline", "XX", "2026-11-23"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        "foia-assist: unknown jurisdiction: 'XX' (use a two-letter code such as CA, or US)"
    ]
