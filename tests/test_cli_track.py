"""`foia-assist track ...` end to end through `run_cli` (the CLI reads today's date)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from postgres_server import on_both_backends

from foia_assist.cli import run_cli

# FOIA_ASSIST_DATABASE names the test's database: the default file, or a fresh PostgreSQL one.
pytestmark = [on_both_backends, pytest.mark.usefixtures("database_env")]

SPEC = {
    "agency": {"name": 'Springfield Police; "Records"', "jurisdiction": "US"},
    "requester": {"name": "Ana Núñez"},
    "records": {"categories": ["contracts"]},
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = run_cli(["track", *args])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(SPEC), encoding="utf-8")
    return path


def test_add_list_show_event_remind(capsys: pytest.CaptureFixture[str], spec_file: Path) -> None:
    today = date.today()
    sent = today - timedelta(days=60)
    rc, out, _ = run(capsys, "add", "--spec", str(spec_file), "--sent", sent.isoformat(),
                     "--method", "email")  # fmt: skip
    assert rc == 0 and out.strip() == "1"
    rc, out, _ = run(capsys, "add", "--spec", str(spec_file), "--agency", "FBI")
    assert (rc, out.strip()) == (0, "2")

    rc, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert [(r["id"], r["agency"], r["jurisdiction"], r["status"]) for r in rows] == [
        (1, 'Springfield Police; "Records"', "US", "awaiting response"),
        (2, "FBI", "US", "drafted"),
    ]
    assert rows[0]["sent"] == sent.isoformat() and rows[0]["due"] is not None
    assert rows[0]["overdue"] is True  # 20 business days are well past after 60 days
    assert rows[1]["sent"] is None and rows[1]["due"] is None

    rc, out, _ = run(capsys, "list", "--json", "--status", "drafted")
    assert [r["id"] for r in json.loads(out)] == [2]
    rc, out, _ = run(capsys, "list", "--json", "--due-within", "5")
    assert [r["id"] for r in json.loads(out)] == [1]  # overdue counts as due
    rc, out, _ = run(capsys, "list")
    assert rc == 0 and "Springfield Police" in out and "overdue" in out

    rc, out, _ = run(capsys, "show", "1")
    assert rc == 0
    assert "Status: awaiting response" in out and "20 business days" in out
    assert "send a follow-up letter" in out and "Not legal advice" in out

    rc, out, _ = run(capsys, "event", "1", "withdrawn", "--note", "no longer needed")
    assert rc == 0 and out.strip().isdigit()
    rc, out, _ = run(capsys, "show", "1")
    assert "Status: withdrawn" in out and "follow-up letter" not in out

    rc, out, _ = run(capsys, "remind", "2", "+21", "--note", "check")
    assert rc == 0 and (today + timedelta(days=21)).isoformat() in out
    rc, out, _ = run(capsys, "show", "2", "--json")
    assert json.loads(out)["status"] == "drafted"


def test_a_due_reminder_is_listed_until_marked_done(
    capsys: pytest.CaptureFixture[str], spec_file: Path
) -> None:
    today = date.today().isoformat()
    run(capsys, "add", "--spec", str(spec_file), "--agency", "Denver PD")
    rc, _, _ = run(capsys, "remind", "1", today, "--note", "call the clerk")
    assert rc == 0
    rc, out, _ = run(capsys, "list")
    assert "Reminders due" in out and "#1 Denver PD (today)" in out
    rc, out, _ = run(capsys, "show", "1")
    assert f"{today} (due, not marked done)  call the clerk" in out
    rc, out, _ = run(capsys, "remind", "1", "--done")
    assert (rc, out.strip()) == (0, "Marked 1 reminder(s) of request 1 done")
    rc, out, _ = run(capsys, "list")
    assert "Reminders due" not in out
    rc, _, err = run(capsys, "remind", "1", "--done")
    assert rc == 2 and "no reminder due" in err
    rc, _, err = run(capsys, "remind", "1")
    assert rc == 2 and "--done" in err


def test_extension_and_denial_events(capsys: pytest.CaptureFixture[str], spec_file: Path) -> None:
    today = date.today()
    sent = (today - timedelta(days=10)).isoformat()
    run(capsys, "add", "--spec", str(spec_file), "--sent", sent, "--method", "portal")
    rc, _, _ = run(capsys, "event", "1", "extension", "--date", sent, "--days", "10")
    assert rc == 0
    rc, out, _ = run(capsys, "list", "--json")
    assert json.loads(out)[0]["status"] == "extended"
    rc, _, _ = run(capsys, "event", "1", "denied", "--exemption", "b(5)", "--exemption", "b(6)")
    assert rc == 0
    rc, out, _ = run(capsys, "show", "1")
    assert "Appeal clock: running" in out and "exemptions: b(5); b(6)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "7"], "no tracked request with id 7"),
        (["event", "1", "lost"], "unknown event kind"),
        (["event", "1", "note", "--date", "2026-02-30"], "no such day"),
        (["event", "1", "note", "--date", "9999-01-01"], "in the future"),
        (["remind", "1", "+x"], "+N"),
        (["list", "--status", "nope"], "unknown status"),
        (["list", "--due-within", "-1"], "zero or more"),
        (["add", "--spec", "/no/such/spec.json"], "spec file not found"),
        (["add", "--spec", "SPEC", "--jurisdiction", "Atlantis"], "unknown jurisdiction"),
        (["add", "--spec", "SPEC", "--sent", "yesterday"], "--sent: malformed date"),
        (["restore", "/no/such/backup.json"], "no backup file"),
    ],
)
def test_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], spec_file: Path, args: list[str], message: str
) -> None:
    run(capsys, "add", "--spec", str(spec_file))
    args = [str(spec_file) if a == "SPEC" else a for a in args]
    rc, _, err = run(capsys, *args)
    assert rc == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_bad_spec_names_the_field(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**SPEC, "requester": {"name": ""}}), encoding="utf-8")
    rc, _, err = run(capsys, "add", "--spec", str(bad))
    assert rc == 2 and "requester.name" in err


def test_exports_backup_and_restore(
    capsys: pytest.CaptureFixture[str],
    spec_file: Path,
    tmp_path: Path,
    backend: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent = (date.today() - timedelta(days=3)).isoformat()
    run(capsys, "add", "--spec", str(spec_file), "--sent", sent, "--method", "email")
    ics, csv_file, backup = tmp_path / "d.ics", tmp_path / "r.csv", tmp_path / "b.json"
    assert run(capsys, "export-ics", str(ics))[0] == 0
    assert b"UID:request-1-response@foia-assist" in ics.read_bytes()
    assert run(capsys, "export-csv", str(csv_file))[0] == 0
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbfid,agency")
    assert run(capsys, "backup", str(backup))[0] == 0
    rc, _, err = run(capsys, "restore", str(backup))
    assert rc == 2 and "--replace" in err
    rc, out, _ = run(capsys, "restore", str(backup), "--replace")
    assert rc == 0 and "Restored 1 requests" in out
    data_dir = tmp_path / "elsewhere"
    if backend == "postgresql":  # then a backup from PostgreSQL restores into SQLite
        monkeypatch.delenv("FOIA_ASSIST_DATABASE")
    rc = run_cli(["--data-dir", str(data_dir), "track", "restore", str(backup)])
    assert rc == 0 and (data_dir / "foia-assist.sqlite3").is_file()


def test_track_without_an_action_shows_help(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys)
    assert rc == 2 and "export-ics" in out


@pytest.mark.slow
def test_letter_from_a_tracked_request_cites_the_tracked_law_and_is_recorded(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    spec = tmp_path / "spec.json"
    example = subprocess.run(
        [sys.executable, "-m", "foia_assist", "letter", "--example-spec"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    spec.write_text(example.stdout, encoding="utf-8")  # its agency is under federal FOIA

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "foia_assist", "--data-dir", str(tmp_path / "d"), *args],
            capture_output=True, text=True,
        )  # fmt: skip

    added = cli("track", "add", "--spec", str(spec), "--jurisdiction", "CA",
                "--agency", "Oakland Police Department", "--sent", "2026-10-01",
                "--method", "email")  # fmt: skip
    rid = added.stdout.strip()
    out = tmp_path / "follow-up.txt"
    made = cli("track", "letter", rid, "--kind", "follow-up", "--out", str(out))
    assert made.returncode == 0, made.stderr
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "California Public Records Act" in text and "Freedom of Information Act" not in text
    assert "Oakland Police Department" in text
    # CA: 10 calendar days from Thu 2026-10-01 is Sun 2026-10-11, which rolls to Mon 10-12.
    assert "October 12, 2026" in text
    shown = cli("track", "show", rid)
    assert "follow-up" in shown.stdout and str(out) in shown.stdout

    appeal = cli("track", "letter", rid, "--kind", "appeal", "--out", str(tmp_path / "a.txt"))
    assert appeal.returncode == 2
    assert appeal.stderr.strip() == (
        f"foia-assist: request {rid} has no denial logged; log it first: "
        f"foia-assist track event {rid} denied --date YYYY-MM-DD"
    )


def test_an_absurd_extension_or_reminder_is_refused_and_the_request_stays_readable(
    capsys: pytest.CaptureFixture[str], spec_file: Path
) -> None:
    sent = (date.today() - timedelta(days=3)).isoformat()
    rc, out, _ = run(capsys, "add", "--spec", str(spec_file), "--sent", sent)
    rid = out.strip()
    for args in (["event", rid, "extension", "--days", "99999999"], ["remind", rid, "+99999999"]):
        rc, _, err = run(capsys, *args)
        assert rc == 2, err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    rc, out, err = run(capsys, "show", rid)
    assert rc == 0, err
    assert "due" in out


def test_a_clock_beyond_the_counted_years_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], spec_file: Path, tmp_path: Path
) -> None:
    # A backup (hand-edited, or from before the limit) can hold such an extension.
    sent = (date.today() - timedelta(days=3)).isoformat()
    run(capsys, "add", "--spec", str(spec_file), "--sent", sent)
    backup = tmp_path / "b.json"
    run(capsys, "backup", str(backup))
    doc = json.loads(backup.read_text("utf-8"))
    doc["requests"][0]["events"].append(
        {"id": 99, "kind": "extension", "date": sent, "days": 99999999}
    )
    backup.write_text(json.dumps(doc), "utf-8")
    rc, _, err = run(capsys, "restore", str(backup), "--replace")
    assert rc == 0, err
    rc, _, err = run(capsys, "show", "1")
    assert rc == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
