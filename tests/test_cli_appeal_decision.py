"""`foia-assist track`: after an appeal is logged, `show` and `list` give the deciding body's
deadline, on the route for the agency's level (Oregon: a city police department's appeal is
decided by the district attorney, within seven days; with no level the route is unknown)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from foia_assist.cli import run_cli


def _spec(tmp_path: Path, level: str | None) -> Path:
    agency: dict[str, object] = {"name": "Portland Police Bureau", "jurisdiction": "OR"}
    if level is not None:
        agency["level"] = level
    spec = {
        "agency": agency,
        "requester": {"name": "Ana Núñez"},
        "records": {"categories": ["contracts"]},
    }
    path = tmp_path / f"spec-{level}.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    rc = run_cli(["track", *args])
    out, err = capsys.readouterr()
    assert rc == 0, err
    return rc, out


def test_show_and_list_give_the_decision_deadline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    today = date.today()
    sent, denied, appealed = (today - timedelta(days=n) for n in (60, 30, 20))
    for level in ("local", None):
        run(capsys, "add", "--spec", str(_spec(tmp_path, level)), "--sent", sent.isoformat())
    for rid in ("1", "2"):
        run(capsys, "event", rid, "denied", "--date", denied.isoformat())
        run(capsys, "event", rid, "appeal_filed", "--date", appealed.isoformat())

    _, out = run(capsys, "show", "1", "--json")
    shown = json.loads(out)
    assert shown["status"] == "appealing"
    [decision] = [c for c in shown["clocks"] if c["name"] == "Appeal decision"]
    assert decision["state"] == "running"
    due = date.fromisoformat(decision["due"])
    # Seven calendar days after the petition (moved to a business day at most a few days on).
    assert appealed + timedelta(days=7) <= due <= appealed + timedelta(days=11)
    assert decision["days_left"] == (due - today).days < 0
    assert (
        "the district attorney of the county must decide the appeal within 7 calendar days"
        in (decision["explanation"])
    )
    assert "ORS 192.411(1), 192.415(1)(a)" in decision["explanation"]
    assert "The decision on your appeal was due on" in shown["follow_up"]

    _, out = run(capsys, "show", "1")
    assert "Appeal decision clock: running; due " + due.isoformat() in out
    assert f"{(today - due).days} days overdue" in out

    _, out = run(capsys, "list", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows[1]["status"] == "appealing"
    assert rows[1]["due"] == due.isoformat() and rows[1]["overdue"] is True
    # No level: Oregon's route depends on it, so no date is made up for request 2.
    assert rows[2]["status"] == "appealing" and rows[2]["due"] is None

    _, out = run(capsys, "show", "2", "--json")
    [unknown] = [c for c in json.loads(out)["clocks"] if c["name"] == "Appeal decision"]
    assert unknown["state"] == "no deadline" and unknown["due"] is None
    assert "depend on the kind of agency" in unknown["explanation"]

    _, out = run(capsys, "list", "--due-within", "0")
    assert "Portland Police Bureau" in out and "overdue" in out

    run(capsys, "event", "1", "appeal_decided", "--date", today.isoformat())
    _, out = run(capsys, "list", "--json")
    assert {r["id"]: r["due"] for r in json.loads(out)}[1] is None
