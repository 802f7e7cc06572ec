"""ICS calendar, Excel-safe CSV, and the JSON backup round trip."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.lifecycle import Letter, Status
from foia_assist.domain.request import Agency, RequestSpec
from foia_assist.errors import UserError
from foia_assist.paths import AppPaths
from foia_assist.services.backup import read_backup, restore_backup, write_backup
from foia_assist.services.csv_export import export_csv, requests_csv
from foia_assist.services.ics_export import build_calendar, calendar_entries, export_ics
from foia_assist.services.tracker import RequestRow, TrackerService
from foia_assist.storage.database import Database
from foia_assist.storage.requests_repo import RequestsRepository

TODAY = date(2026, 3, 20)
STAMP = datetime(2026, 3, 20, 12, 0)
TRICKY = "Police; Records, Unit\nSecond line — Ñandú «ü» 警察"


def spec(agency: str = "Springfield Police") -> RequestSpec:
    return RequestSpec.from_dict(
        {
            "agency": {"name": agency, "jurisdiction": "US"},
            "requester": {"name": "Ana"},
            "records": {"categories": ["contracts"]},
        }
    )


@pytest.fixture
def tracker(app_paths: AppPaths, jurisdictions) -> Iterator[TrackerService]:  # type: ignore[no-untyped-def]
    service = TrackerService.open(app_paths, jurisdictions, CalendarCache())
    yield service
    service.requests.db.close()


def _events(ics: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(ics)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_ics_has_an_event_per_open_deadline_and_reminder_with_alarms(
    tracker: TrackerService,
) -> None:
    open_id = tracker.add_request(spec(TRICKY), today=TODAY, sent=date(2026, 3, 2), method="email")
    tracker.remind(open_id, "+7", today=TODAY, note="call; ask, politely")
    denied = tracker.add_request(spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
    tracker.log_event(denied, "denied", date(2026, 3, 16))
    done = tracker.add_request(spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
    tracker.log_event(done, "records_released", date(2026, 3, 10))
    tracker.add_request(spec(), today=TODAY)  # drafted: nothing to put in a calendar

    ics = build_calendar(calendar_entries(tracker, TODAY), STAMP)
    events = _events(ics)
    reminder_uid = next(u for u in events if "reminder" in u)
    assert set(events) == {
        f"request-{open_id}-response@foia-assist",
        f"request-{denied}-appeal@foia-assist",
        reminder_uid,
    }
    response = events[f"request-{open_id}-response@foia-assist"]
    assert response["dtstart"].dt == date(2026, 3, 30)  # type: ignore[index]
    assert TRICKY in str(response["summary"])  # type: ignore[index]
    assert "20 business days" in str(response["description"])  # type: ignore[index]
    assert "not legal advice" in str(response["description"])  # type: ignore[index]
    for event in events.values():
        [alarm] = event.walk("VALARM")  # type: ignore[attr-defined]
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm["trigger"].dt == -timedelta(days=1)
    assert "call; ask, politely" in str(events[reminder_uid]["summary"])  # type: ignore[index]
    # icalendar escaped the separators in the raw text.
    assert b"Police\\; Records\\, Unit\\nSecond line" in ics


def test_ics_has_the_decision_on_a_pending_appeal(tracker: TrackerService) -> None:
    # Denied Mon 2026-03-16, appeal filed Wed 2026-03-18: 20 business days to decide
    # (5 U.S.C. § 552(a)(6)(A)(ii)): Mar 19-20 (2), 23-27 (7), Mar 30-Apr 3 (12), 6-10 (17),
    # 13-15 (20) -> Wed 2026-04-15.
    rid = tracker.add_request(spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
    tracker.log_event(rid, "denied", date(2026, 3, 16))
    tracker.log_event(rid, "appeal_filed", date(2026, 3, 18))
    events = _events(build_calendar(calendar_entries(tracker, TODAY), STAMP))
    assert set(events) == {f"request-{rid}-appeal-decision@foia-assist"}
    decision = events[f"request-{rid}-appeal-decision@foia-assist"]
    assert decision["dtstart"].dt == date(2026, 4, 15)  # type: ignore[index]
    assert "Decision on the appeal due" in str(decision["summary"])  # type: ignore[index]
    assert "20 business days" in str(decision["description"])  # type: ignore[index]


def test_ics_uids_are_stable_across_exports(tracker: TrackerService, tmp_path: Path) -> None:
    rid = tracker.add_request(spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
    tracker.remind(rid, "+7", today=TODAY)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert export_ics(tracker, first, today=TODAY, stamp=STAMP) == 2
    tracker.log_event(rid, "extension", date(2026, 3, 25), days=10)
    export_ics(tracker, second, today=TODAY, stamp=STAMP)
    a, b = _events(first.read_bytes()), _events(second.read_bytes())
    assert set(a) == set(b)
    uid = f"request-{rid}-response@foia-assist"
    assert a[uid]["dtstart"].dt != b[uid]["dtstart"].dt  # type: ignore[index]


def test_csv_opens_cleanly_in_excel_and_neutralises_formulas(
    tracker: TrackerService, tmp_path: Path
) -> None:
    for name in ('=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "Tab", TRICKY):
        tracker.add_request(spec(name), today=TODAY, sent=date(2026, 1, 5), method="email")
    out = tmp_path / "requests.csv"
    assert export_csv(tracker.list_requests(TODAY), out) == 6
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["agency"] for r in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "Tab",
        TRICKY,
    ]
    for cell in (c for r in rows for c in r.values()):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert rows[0]["days_left"] == "" and int(rows[0]["days_overdue"]) > 0
    assert requests_csv([]).decode("utf-8-sig").startswith("id,agency,jurisdiction,status")
    # Spec text is stripped on input; rows from elsewhere are still neutralised.
    row = RequestRow(1, "\tTab", "US", Status.SENT, None, None, None, "\r=1+1")
    [cells] = list(csv.reader(io.StringIO(requests_csv([row]).decode("utf-8-sig"))))[1:]
    assert cells[1] == "'\tTab" and cells[8] == "'\r=1+1"


def _fill(tracker: TrackerService) -> None:
    a = tracker.add_request(
        spec(TRICKY), today=TODAY, sent=date(2026, 3, 2), method="mail", tracking_number="T-1"
    )
    tracker.log_event(a, "received", date(2026, 3, 5))
    tracker.log_event(a, "extension", date(2026, 3, 10), new_date=date(2026, 5, 1), note=TRICKY)
    tracker.log_event(a, "denied", date(2026, 3, 12), exemptions=["b(5)", "b(7)(E)"])
    tracker.log_event(a, "records_released", date(2026, 3, 12), partial=True)
    tracker.remind(a, "+10", today=TODAY, note="appeal")
    tracker.remind(a, TODAY, today=TODAY, note="dealt with")
    tracker.reminders_done(a, TODAY)  # a done reminder survives the round trip as done
    tracker.record_letter(a, Letter("request", "/l/a.docx", "a" * 64, date(2026, 3, 1)))
    tracker.add_request(spec(), today=TODAY)
    tracker.agencies.add(Agency(TRICKY, "US", "1 Main", "r@example.gov", "https://x.gov", "Jo"))
    tracker.agencies.add(Agency("Sheriff", "US"))


def test_backup_round_trip_loses_nothing(
    tracker: TrackerService, tmp_path: Path, jurisdictions
) -> None:  # type: ignore[no-untyped-def]
    _fill(tracker)
    before = (tracker.requests.all(), tracker.agencies.all())
    path = tmp_path / "backup.json"
    counts = write_backup(tracker.requests, tracker.agencies, path, made=STAMP)
    assert (counts.requests, counts.agencies) == (2, 2)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "foia-assist-backup"

    other = TrackerService.open(AppPaths.under(tmp_path / "other"), jurisdictions, CalendarCache())
    try:
        restore_backup(other.requests, other.agencies, path, jurisdictions=jurisdictions)
        assert (other.requests.all(), other.agencies.all()) == before
        assert other.list_requests(TODAY) == tracker.list_requests(TODAY)
    finally:
        other.requests.db.close()


def test_a_backup_from_before_done_reminders_restores_them_pending(
    tracker: TrackerService, tmp_path: Path
) -> None:
    _fill(tracker)
    path = tmp_path / "backup.json"
    write_backup(tracker.requests, tracker.agencies, path, made=STAMP)
    data = json.loads(path.read_text(encoding="utf-8"))
    for r in data["requests"]:
        for m in r["reminders"]:
            assert "done" in m
            del m["done"]
    path.write_text(json.dumps(data), encoding="utf-8")
    restore_backup(
        tracker.requests, tracker.agencies, path, replace=True, jurisdictions=tracker.jurisdictions
    )
    reminders = [m for r in tracker.requests.all() for m in r.reminders]
    assert len(reminders) == 2 and all(m.done is None for m in reminders)


def test_restore_into_a_non_empty_database_is_refused_unless_replace(
    tracker: TrackerService, tmp_path: Path
) -> None:
    _fill(tracker)
    path = tmp_path / "backup.json"
    write_backup(tracker.requests, tracker.agencies, path, made=STAMP)
    snapshot = tracker.requests.all()
    tracker.add_request(spec("Added after the backup"), today=TODAY)
    with pytest.raises(UserError, match="--replace"):
        restore_backup(
            tracker.requests, tracker.agencies, path, jurisdictions=tracker.jurisdictions
        )
    assert tracker.requests.count() == 3  # nothing changed
    counts = restore_backup(
        tracker.requests, tracker.agencies, path, replace=True, jurisdictions=tracker.jurisdictions
    )
    assert tracker.requests.all() == snapshot
    # The data it replaced was copied first, and the copy opens with all three requests.
    assert counts.previous is not None and "before-restore" in counts.previous.name
    with Database.open(counts.previous, tmp_path / "unused") as old:
        assert RequestsRepository(old).count() == 3


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"not json", "not a readable"),
        (b'{"format": "something else"}', "not a FOIA Assist backup"),
        (b'{"format": "foia-assist-backup", "format_version": 99}', "newer FOIA Assist"),
        (
            b'{"format": "foia-assist-backup", "format_version": 1, "requests": [{"spec": {}}]}',
            r"requests\[0\]\.spec",
        ),
        (
            b'{"format": "foia-assist-backup", "format_version": 1, "requests": [], '
            b'"agencies": [{"name": 5}]}',
            r"agencies\[0\]\.name",
        ),
    ],
)
def test_a_bad_backup_is_refused_before_anything_is_written(
    tracker: TrackerService, tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(UserError, match=problem):
        restore_backup(
            tracker.requests, tracker.agencies, path, jurisdictions=tracker.jurisdictions
        )
    assert tracker.requests.count() == 0
    with pytest.raises(UserError, match="no backup file"):
        read_backup(tmp_path / "missing.json", tracker.jurisdictions)


def _damaged(tmp_path: Path, tracker: TrackerService, edit) -> Path:  # type: ignore[no-untyped-def]
    _fill(tracker)
    path = tmp_path / "backup.json"
    write_backup(tracker.requests, tracker.agencies, path, made=STAMP)
    doc = json.loads(path.read_text("utf-8"))
    edit(doc)
    path.write_text(json.dumps(doc), "utf-8")
    return path


def _dup_request(doc: dict) -> None:  # type: ignore[type-arg]
    doc["requests"].append(copy.deepcopy(doc["requests"][0]))
    doc["requests"][-1]["events"] = []
    doc["requests"][-1]["reminders"] = []


def _dup_event(doc: dict) -> None:  # type: ignore[type-arg]
    events = doc["requests"][0]["events"]
    events[1]["id"] = events[0]["id"]


def _dup_agency(doc: dict) -> None:  # type: ignore[type-arg]
    doc["agencies"][1]["id"] = doc["agencies"][0]["id"]


def _reminder_text(doc: dict) -> None:  # type: ignore[type-arg]
    doc["requests"][0]["reminders"] = ["call them"]


def _sent_in_year_one(doc: dict) -> None:  # type: ignore[type-arg]
    for e in doc["requests"][0]["events"]:
        e["date"] = "0001-01-01"


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (_dup_request, r"requests\[2\]\.id: 1 appears twice"),
        (_dup_event, r"requests\[0\]\.events\[1\]\.id: \d+ appears twice"),
        (_dup_agency, r"agencies\[1\]\.id: \d+ appears twice"),
        (_reminder_text, r"requests\[0\]\.reminders\[0\]: expected an object"),
        (_sent_in_year_one, r"requests\[0\]\.events\[0\]\.date: .*outside"),
    ],
)
def test_a_damaged_backup_is_named_and_the_data_kept(
    tracker: TrackerService, tmp_path: Path, edit, problem: str
) -> None:  # type: ignore[no-untyped-def]
    path = _damaged(tmp_path, tracker, edit)
    before = tracker.requests.all()
    with pytest.raises(UserError, match=problem):
        restore_backup(
            tracker.requests,
            tracker.agencies,
            path,
            replace=True,
            jurisdictions=tracker.jurisdictions,
        )
    assert tracker.requests.all() == before
