"""Taking back an event logged by mistake, and events that cannot follow what is logged."""

from __future__ import annotations

from datetime import date

import pytest
from tracking_helpers import tracked_spec

from foia_assist.cli import run_cli
from foia_assist.domain.lifecycle import EventKind, Status
from foia_assist.errors import UserError
from foia_assist.services.tracker import TrackerService

TODAY = date(2026, 11, 26)


def sent(tracker: TrackerService, day: date = date(2026, 10, 1)) -> int:
    return tracker.add_request(tracked_spec("US"), today=day, sent=day, method="email")


def test_a_wrong_event_can_be_removed_and_the_clocks_recompute(tracker: TrackerService) -> None:
    rid = sent(tracker)
    eid = tracker.log_event(rid, "records_released", date(2026, 10, 5))  # meant partial
    assert tracker.list_requests(TODAY)[0].status is Status.COMPLETE
    removed = tracker.remove_event(rid, eid)
    assert removed.kind is EventKind.RECORDS_RELEASED
    row = tracker.list_requests(TODAY)[0]
    assert row.status is Status.AWAITING_RESPONSE and row.overdue
    with pytest.raises(UserError, match=f"request {rid} has no event with id {eid}"):
        tracker.remove_event(rid, eid)


def test_a_mistyped_sent_date_can_be_fixed(tracker: TrackerService) -> None:
    rid = tracker.add_request(tracked_spec("US"), today=TODAY)
    sent_id = tracker.log_event(rid, "sent", date(2027, 11, 20), method="email")  # year typo
    tracker.log_event(rid, "note", date(2027, 11, 21), note="called")
    tracker.remove_event(rid, sent_id)  # notes after it do not block
    tracker.log_event(rid, "sent", date(2026, 11, 20), method="email")
    assert tracker.view(rid, TODAY).facts.sent == date(2026, 11, 20)
    tracker.log_event(rid, "acknowledged", date(2026, 11, 23))
    new_sent = next(e.id for e in tracker.get(rid).events if e.kind is EventKind.SENT)
    assert new_sent is not None
    with pytest.raises(UserError, match="remove the events logged after sending first"):
        tracker.remove_event(rid, new_sent)


def test_events_that_cannot_follow_are_refused(tracker: TrackerService) -> None:
    rid = sent(tracker)
    with pytest.raises(UserError, match="has no denial logged"):
        tracker.log_event(rid, "appeal_filed", date(2026, 10, 20))
    # Federal: received Thu 1 Oct 2026, 20 business days -> Fri 30 Oct 2026.
    with pytest.raises(UserError, match=r"new date 2026-10-20 is before the date already due"):
        tracker.log_event(rid, "extension", date(2026, 10, 10), new_date=date(2026, 10, 20))
    tracker.log_event(rid, "withdrawn", date(2026, 10, 12))
    with pytest.raises(UserError, match="was withdrawn on 2026-10-12"):
        tracker.log_event(rid, "records_released", date(2026, 10, 15))
    tracker.log_event(rid, "note", date(2026, 10, 15), note="notes are always fine")


def test_cli_remove_event(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    import json

    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(tracked_spec("US").to_dict()), encoding="utf-8")
    assert run_cli(["track", "add", "--spec", str(spec), "--sent", "2026-10-01"]) == 0
    assert run_cli(["track", "event", "1", "acknowledged", "--date", "2026-10-02"]) == 0
    capsys.readouterr()
    assert run_cli(["track", "remove-event", "1", "3"]) == 0
    assert capsys.readouterr().out.strip() == "Removed event 3: 2026-10-02  acknowledged"
    assert run_cli(["track", "remove-event", "1", "3"]) == 2
    assert "request 1 has no event with id 3" in capsys.readouterr().err
