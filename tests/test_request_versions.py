"""Several people on one tracker: versions, conflicts, authors (schema 6).

Two `TrackerService`s over the same database file stand for two people's windows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from tracking_helpers import tracked_spec

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.lifecycle import EventKind, Letter
from foia_assist.errors import UserError
from foia_assist.paths import AppPaths
from foia_assist.services.backup import restore_backup, write_backup
from foia_assist.services.tracker import TrackerService
from foia_assist.storage.database import open_app_database
from foia_assist.storage.request_changes import ConflictError

TODAY = date(2026, 3, 20)


@pytest.fixture
def pair(app_paths: AppPaths, jurisdictions) -> Iterator[tuple[TrackerService, TrackerService]]:  # type: ignore[no-untyped-def]
    alice = TrackerService.open(app_paths, jurisdictions, CalendarCache(), author="alice")
    bob = TrackerService.open(app_paths, jurisdictions, CalendarCache(), author="bob")
    yield alice, bob
    alice.close()
    bob.close()


def _sent_request(t: TrackerService) -> int:
    return t.add_request(tracked_spec("US"), today=TODAY, sent=date(2026, 3, 2), method="email")


def test_every_change_makes_a_new_version_with_who_and_what(
    pair: tuple[TrackerService, TrackerService],
) -> None:
    alice, bob = pair
    rid = _sent_request(alice)
    assert alice.get(rid).version == 1
    bob.log_event(rid, "acknowledged", date(2026, 3, 4))
    alice.remind(rid, date(2026, 4, 1), today=TODAY, note="call")
    bob.set_tracking_number(rid, "FOIA-7")
    alice.record_letter(rid, Letter("follow_up", "f.docx", "ab" * 32, TODAY))
    event_id = alice.log_event(rid, "note", date(2026, 3, 5), note="left a message")
    bob.remove_event(rid, event_id)
    alice.reminders_done(rid, date(2026, 4, 1))
    assert bob.get(rid).version == 8
    history = alice.changes(rid)
    assert [(c.version, c.author) for c in history] == [
        (1, "alice"),
        (2, "bob"),
        (3, "alice"),
        (4, "bob"),
        (5, "alice"),
        (6, "alice"),
        (7, "bob"),
        (8, "alice"),
    ]
    assert history[1].what == "logged 'acknowledged' on 2026-03-04"
    assert history[3].what == "set the tracking number to 'FOIA-7'"
    assert history[6].what == "removed the event 'note' of 2026-03-05"
    # Who logged each event is kept with it and shown on the timeline.
    by_kind = {e.kind: e for e in alice.get(rid).events}
    assert by_kind[EventKind.SENT].author == "alice"
    assert by_kind[EventKind.ACKNOWLEDGED].author == "bob"
    assert "[logged by bob]" in by_kind[EventKind.ACKNOWLEDGED].attributed()
    assert "bob" not in by_kind[EventKind.ACKNOWLEDGED].describe()


def test_an_edit_from_a_stale_version_is_refused_and_names_the_other_change(
    pair: tuple[TrackerService, TrackerService],
) -> None:
    alice, bob = pair
    rid = _sent_request(alice)
    seen_by_alice = alice.get(rid).version
    seen_by_bob = bob.get(rid).version
    bob.set_tracking_number(rid, "B-2", seen_version=seen_by_bob)
    with pytest.raises(ConflictError) as caught:
        alice.set_tracking_number(rid, "A-1", seen_version=seen_by_alice)
    message = str(caught.value)
    assert isinstance(caught.value, UserError)  # one line in the CLI, a dialog in the window
    assert "\n" not in message
    assert "bob set the tracking number to 'B-2'" in message
    assert "you saw version 1, it is now version 2" in message
    assert caught.value.changes[0].author == "bob"
    # Nothing of Alice's was written: Bob's number stands and no version was made.
    assert alice.get(rid).tracking_number == "B-2"
    assert alice.get(rid).version == 2
    # From the version she sees now, her edit goes through.
    alice.set_tracking_number(rid, "A-1", seen_version=2)
    assert bob.get(rid).tracking_number == "A-1"


@pytest.mark.parametrize("action", ["remove_event", "log_event", "remind", "reminders_done"])
def test_each_edit_checks_the_version_the_user_saw(
    pair: tuple[TrackerService, TrackerService], action: str
) -> None:
    alice, bob = pair
    rid = _sent_request(alice)
    alice.remind(rid, TODAY, today=TODAY)
    seen = alice.get(rid)
    note_id = alice.log_event(rid, "note", date(2026, 3, 3), note="x")
    bob.log_event(rid, "acknowledged", date(2026, 3, 4))
    before = alice.get(rid)
    with pytest.raises(ConflictError, match="bob logged 'acknowledged' on 2026-03-04"):
        if action == "remove_event":
            alice.remove_event(rid, note_id, seen_version=seen.version + 1)
        elif action == "log_event":
            alice.log_event(rid, "received", date(2026, 3, 5), seen_version=seen.version + 1)
        elif action == "remind":
            alice.remind(rid, date(2026, 5, 1), today=TODAY, seen_version=seen.version + 1)
        else:
            alice.reminders_done(rid, TODAY, seen_version=seen.version + 1)
    assert alice.get(rid) == before


def test_appends_from_people_who_had_not_seen_each_other_are_all_kept(
    pair: tuple[TrackerService, TrackerService],
) -> None:
    alice, bob = pair
    rid = _sent_request(alice)
    alice.get(rid)
    bob.get(rid)
    alice.log_event(rid, "note", date(2026, 3, 3), note="from alice")
    bob.log_event(rid, "note", date(2026, 3, 3), note="from bob")
    notes = {(e.note, e.author) for e in alice.get(rid).events if e.kind is EventKind.NOTE}
    assert notes == {("from alice", "alice"), ("from bob", "bob")}


def test_an_append_is_checked_against_what_the_other_person_logged(
    pair: tuple[TrackerService, TrackerService],
) -> None:
    alice, bob = pair
    rid = alice.add_request(tracked_spec("US"), today=TODAY)
    bob.log_event(rid, "sent", date(2026, 3, 2), method="email")
    with pytest.raises(UserError, match="already marked as sent"):
        alice.log_event(rid, "sent", date(2026, 3, 2), method="mail")


def test_backup_and_restore_keep_versions_authors_and_history(
    pair: tuple[TrackerService, TrackerService], tmp_path: Path, jurisdictions
) -> None:  # type: ignore[no-untyped-def]
    alice, bob = pair
    rid = _sent_request(alice)
    bob.log_event(rid, "acknowledged", date(2026, 3, 4))
    path = tmp_path / "backup.json"
    write_backup(alice.requests, alice.agencies, path, made=datetime(2026, 3, 20, 9, 0))
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["requests"][0]["version"] == 2
    other = TrackerService.open(AppPaths.under(tmp_path / "other"), jurisdictions, CalendarCache())
    try:
        restore_backup(other.requests, other.agencies, path, jurisdictions=jurisdictions)
        assert other.get(rid) == alice.get(rid)
        assert other.changes(rid) == alice.changes(rid)
    finally:
        other.close()


def test_the_author_comes_from_settings_else_the_login(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foia_assist.app import AppContext
    from foia_assist.storage.settings import Settings, SettingsStore

    monkeypatch.setenv("LOGNAME", "jdoe")
    monkeypatch.setenv("USER", "jdoe")
    ctx = AppContext(paths=app_paths)
    assert ctx.user_name == "jdoe"
    SettingsStore(app_paths.settings_file).save(Settings(user_name="Dana (newsroom)"))
    assert ctx.user_name == "Dana (newsroom)"
    try:
        rid = _sent_request(ctx.tracker)
        assert ctx.tracker.get(rid).events[-1].author == "Dana (newsroom)"
    finally:
        ctx.close()


def test_schema_5_data_gains_versions(tmp_path: Path) -> None:
    import shutil

    from foia_assist.storage.requests_repo import RequestsRepository

    copy = tmp_path / "v5.sqlite3"
    shutil.copy(Path(__file__).parent / "fixtures" / "db" / "schema_v5.sqlite3", copy)
    paths = AppPaths.under(tmp_path)
    paths.database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(copy, paths.database)
    db = open_app_database(paths)
    try:
        repo = RequestsRepository(db, author="carol")
        first = repo.all()[0]
        assert first.version == 1 and {e.author for e in first.events} == {""}
        repo.set_tracking_number(first.id or 0, "X", expected=1)
        assert repo.get(first.id or 0).version == 2
        assert [c.author for c in repo.changes(first.id or 0)] == ["carol"]
    finally:
        db.close()


def test_cli_shows_versions_and_refuses_a_stale_edit_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from foia_assist.cli import run_cli

    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(tracked_spec("US").to_dict()), encoding="utf-8")
    monkeypatch.setenv("LOGNAME", "carol")
    monkeypatch.setenv("USER", "carol")
    assert run_cli(["track", "add", "--spec", str(spec), "--sent", "2026-03-02"]) == 0
    assert run_cli(["track", "event", "1", "acknowledged", "--date", "2026-03-04"]) == 0
    capsys.readouterr()
    assert run_cli(["track", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "Version: 2; last change: carol logged 'acknowledged' on 2026-03-04" in out
    assert "acknowledged [logged by carol]" in out
    assert run_cli(["track", "show", "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["request"]
    assert shown["version"] == 2
    assert [(c["version"], c["author"]) for c in shown["changes"]] == [(1, "carol"), (2, "carol")]
    assert shown["events"][-1]["author"] == "carol"
    rc = run_cli(["track", "remove-event", "1", "3", "--if-version", "1"])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1
    assert "you saw version 1, it is now version 2" in err
    assert "carol logged 'acknowledged' on 2026-03-04" in err
    assert run_cli(["track", "remove-event", "1", "3", "--if-version", "2"]) == 0
