"""Typed input is checked where it enters: control characters, impossible ids, odd files.

Each test here failed before its fix (QA defects): a value that was accepted and stored
then broke or garbled every later command.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from foia_assist.cli import run_cli
from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.request import RequestSpec
from foia_assist.errors import UserError
from foia_assist.paths import AppPaths
from foia_assist.services.tracker import NewRequest, TrackerService
from foia_assist.storage.requests_repo import RequestNotFound

TODAY = date(2026, 3, 20)
SPEC = {
    "agency": {"name": "Springfield Police Department", "jurisdiction": "US"},
    "requester": {"name": "Ana Núñez"},
    "records": {"categories": ["contracts"]},
}
ESC = "ESC\x1b[31mred"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = run_cli(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(SPEC), encoding="utf-8")
    return path


@pytest.fixture
def tracker(app_paths: AppPaths, jurisdictions) -> Iterator[TrackerService]:  # type: ignore[no-untyped-def]
    service = TrackerService.open(app_paths, jurisdictions, CalendarCache())
    yield service
    service.close()


def sent_request(capsys: pytest.CaptureFixture[str], spec_file: Path) -> str:
    sent = (date.today() - timedelta(days=3)).isoformat()
    rc, out, err = run(capsys, "track", "add", "--spec", str(spec_file), "--sent", sent)
    assert rc == 0, err
    return out.strip()


# -- 1. agency name / jurisdiction override ---------------------------------------------------


def test_track_add_refuses_an_agency_with_control_characters(
    capsys: pytest.CaptureFixture[str], spec_file: Path
) -> None:
    rc, out, err = run(capsys, "track", "add", "--spec", str(spec_file), "--agency", ESC)
    assert rc == 2 and out == ""
    line = one_line(err)
    assert "--agency" in line and "control characters" in line and "\x1b" not in line
    rc, out, _ = run(capsys, "track", "list", "--json")
    assert json.loads(out) == []  # nothing stored that would break later commands

    rc, _, err = run(capsys, "track", "add", "--spec", str(spec_file), "--jurisdiction", "C\x1bA")
    assert rc == 2 and "--jurisdiction" in one_line(err)


def test_add_request_checks_the_agency_for_the_window_and_bulk_too(
    tracker: TrackerService,
) -> None:
    spec = RequestSpec.from_dict(SPEC)
    with pytest.raises(UserError, match="agency name contains control characters"):
        tracker.add_request(spec, today=TODAY, agency=ESC)  # the wizard's override
    with pytest.raises(UserError, match="agency name contains control characters"):
        tracker.add_request(spec, today=TODAY, agency="Police\rDepartment")
    with pytest.raises(UserError, match="agency name"):
        tracker.add_requests([NewRequest(spec), NewRequest(spec, agency=ESC)], today=TODAY)
    assert tracker.requests.count() == 0  # bulk: all or nothing

    rid = tracker.add_request(spec, today=TODAY, agency="  Springfield PD ")
    assert tracker.view(rid, TODAY).request.agency == "Springfield PD"  # still readable


def test_add_request_refuses_a_spec_that_could_not_be_read_back(tracker: TrackerService) -> None:
    # The snapshot is loaded again by every later command: it must pass spec validation.
    spec = RequestSpec.from_dict(SPEC)
    bad = spec.with_agency(address="100 Main\x1b[2J Street")
    with pytest.raises(UserError, match=r"agency\.address.*control characters"):
        tracker.add_request(bad, today=TODAY)
    assert tracker.requests.count() == 0


# -- 2. tracking number, note, exemption, message id ------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--note", "call back \x1b[2J"),
        ("--note", "bell\x07"),
        ("--message-id", "<abc\x1b]0;title\x07@example.org>"),
        ("--message-id", "two\nlines"),
        ("--exemption", "b(5)\x9b31m"),  # a C1 control (CSI) as a character
        ("--exemption", "b(5)\udc9b"),  # the byte 0x9b from a non-UTF-8 terminal
    ],
)
def test_track_event_refuses_control_characters_naming_the_option(
    capsys: pytest.CaptureFixture[str], spec_file: Path, option: str, value: str
) -> None:
    rid = sent_request(capsys, spec_file)
    rc, out, err = run(capsys, "track", "event", rid, "denied", option, value)
    assert rc == 2 and out == ""
    line = one_line(err)
    assert option in line and "\x1b" not in line and "\x9b" not in line
    rc, out, _ = run(capsys, "track", "show", rid, "--json")
    assert [e["kind"] for e in json.loads(out)["request"]["events"]] == ["drafted", "sent"]


def test_track_add_refuses_a_tracking_number_with_control_characters(
    capsys: pytest.CaptureFixture[str], spec_file: Path
) -> None:
    rc, _, err = run(
        capsys, "track", "add", "--spec", str(spec_file), "--tracking-number", "T\x1b[31mX"
    )
    assert rc == 2 and "--tracking-number" in one_line(err)


def test_notes_keep_newlines_and_tabs(capsys: pytest.CaptureFixture[str], spec_file: Path) -> None:
    rid = sent_request(capsys, spec_file)
    rc, _, err = run(capsys, "track", "event", rid, "note", "--note", "line 1\nline 2\tend")
    assert rc == 0, err
    rc, out, _ = run(capsys, "track", "show", rid, "--json")
    notes = [e["note"] for e in json.loads(out)["request"]["events"] if e["kind"] == "note"]
    assert notes == ["line 1\nline 2\tend"]


def test_tracker_service_refuses_control_characters_for_the_window(
    tracker: TrackerService,
) -> None:
    rid = tracker.add_request(RequestSpec.from_dict(SPEC), today=TODAY, sent=date(2026, 3, 2))
    with pytest.raises(UserError, match="note contains control characters"):
        tracker.log_event(rid, "note", TODAY, note="\x1b[31m")
    with pytest.raises(UserError, match="message id"):
        tracker.log_event(rid, "acknowledged", TODAY, message_id="a\x1bb")
    with pytest.raises(UserError, match="exemption"):
        tracker.log_event(rid, "denied", TODAY, exemptions=["ok", "bad\x85"])
    with pytest.raises(UserError, match="tracking number"):
        tracker.set_tracking_number(rid, "F-1\x1b[0m")
    with pytest.raises(UserError, match="tracking number"):
        tracker.add_request(RequestSpec.from_dict(SPEC), today=TODAY, tracking_number="\x7f")
    with pytest.raises(UserError, match="note"):
        tracker.remind(rid, "+3", today=TODAY, note="\x1b[5m")
    request = tracker.get(rid)
    assert [e.kind.value for e in request.events] == ["drafted", "sent"]
    assert request.tracking_number == "" and request.reminders == ()
    tracker.set_tracking_number(rid, " F-2026-01 ")
    assert tracker.get(rid).tracking_number == "F-2026-01"


# -- 3. ids SQLite cannot hold ------------------------------------------------------------------

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "args",
    [
        ("track", "show", HUGE),
        ("track", "show", str(2**63)),
        ("track", "show", "0"),
        ("track", "event", HUGE, "note", "--note", "x"),
        ("track", "letter", HUGE, "--kind", "follow-up", "--out", "OUT"),
        ("track", "record", HUGE, "--out", "OUT"),
        ("track", "remind", HUGE, "+3"),
        ("track", "remind", HUGE, "--done"),
    ],
)
def test_an_impossible_request_id_is_not_found(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], tmp_path: Path
) -> None:
    out_file = str(tmp_path / "x.txt")
    rc, out, err = run(capsys, *(out_file if a == "OUT" else a for a in args))
    number = args[2]
    assert (rc, out) == (2, "")
    assert one_line(err) == f"foia-assist: no tracked request with id {int(number)}"
    assert not (tmp_path / "x.txt").exists()


def test_the_biggest_possible_id_is_looked_up(capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = run(capsys, "track", "show", str(2**63 - 1))
    assert rc == 2 and one_line(err) == f"foia-assist: no tracked request with id {2**63 - 1}"


def test_the_repository_reports_impossible_ids_as_not_found(tracker: TrackerService) -> None:
    for bad in (2**63, 10**30, 0, -1):
        with pytest.raises(RequestNotFound):
            tracker.get(bad)
        with pytest.raises(RequestNotFound):
            tracker.view(bad, TODAY)
        with pytest.raises(RequestNotFound):
            tracker.remind(bad, "+3", today=TODAY)
        with pytest.raises(RequestNotFound):
            tracker.reminders_done(bad, TODAY)
        with pytest.raises(RequestNotFound):
            tracker.set_tracking_number(bad, "x")
