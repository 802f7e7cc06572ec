"""`track letter --kind appeal` before a denial, and the hint after logging an acknowledgment."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from foia_assist.cli import run_cli

HINT = (
    "note: if the acknowledgment gave a date for the response, log it with: "
    "foia-assist track event {id} extension --new-date YYYY-MM-DD "
    "(the deadline then follows that date)"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = run_cli(["track", *args])
    out, err = capsys.readouterr()
    return rc, out, err


def add(capsys: pytest.CaptureFixture[str], tmp_path: Path, code: str) -> str:
    spec = tmp_path / f"spec-{code}.json"
    spec.write_text(
        json.dumps(
            {
                "agency": {"name": "Springfield Police", "jurisdiction": code},
                "requester": {"name": "Ana Núñez"},
                "records": {"categories": ["contracts"]},
            }
        ),
        "utf-8",
    )
    sent = (date.today() - timedelta(days=3)).isoformat()
    rc, out, err = run(capsys, "add", "--spec", str(spec), "--sent", sent, "--method", "email")
    assert rc == 0, err
    return out.strip()


def test_an_appeal_letter_needs_a_logged_denial(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rid = add(capsys, tmp_path, "US")
    out = tmp_path / "appeal.txt"
    rc, stdout, err = run(capsys, "letter", rid, "--kind", "appeal", "--out", str(out))
    assert (rc, stdout) == (2, "")
    assert err.strip() == (
        f"foia-assist: request {rid} has no denial logged; log it first: "
        f"foia-assist track event {rid} denied --date YYYY-MM-DD"
    )
    assert not out.exists()
    rc, stdout, _ = run(capsys, "show", rid, "--json")
    assert json.loads(stdout)["request"]["letters"] == []  # nothing recorded either

    assert run(capsys, "event", rid, "denied", "--exemption", "b(7)(E)")[0] == 0
    rc, stdout, err = run(capsys, "letter", rid, "--kind", "appeal", "--out", str(out))
    assert rc == 0, err
    assert out.is_file()


@pytest.mark.parametrize("code", ["US", "AZ"])  # a clock in days; "promptly" with no days
def test_acknowledged_hints_at_logging_the_date_it_gave(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, code: str
) -> None:
    rid = add(capsys, tmp_path, code)
    rc, stdout, err = run(capsys, "event", rid, "acknowledged")
    assert rc == 0 and stdout.strip().isdigit()
    assert err.strip() == HINT.format(id=rid)


def test_no_hint_where_the_acknowledgment_is_the_first_clock(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rid = add(capsys, tmp_path, "AL")  # Alabama's first clock is met by acknowledging
    rc, _, err = run(capsys, "event", rid, "acknowledged")
    assert (rc, err) == (0, "")


def test_no_hint_once_the_clock_is_met(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rid = add(capsys, tmp_path, "US")
    assert run(capsys, "event", rid, "denied")[0] == 0
    rc, _, err = run(capsys, "event", rid, "acknowledged")
    assert (rc, err) == (0, "")
    rc, _, err = run(capsys, "event", rid, "note", "--note", "called them")
    assert (rc, err) == (0, "")
