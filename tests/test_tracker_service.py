"""TrackerService: adding, logging, listing with status and due dates, reminders, views."""

from __future__ import annotations

from datetime import date

import pytest
from postgres_server import on_both_backends

from foia_assist.domain.lifecycle import EventKind, Letter, Method, Status
from foia_assist.domain.request import RequestSpec
from foia_assist.errors import UserError
from foia_assist.services.tracker import TrackerService

TODAY = date(2026, 3, 20)


def make_spec(code: str = "US") -> RequestSpec:
    return RequestSpec.from_dict(
        {
            "agency": {"name": "Springfield Police Department", "jurisdiction": code},
            "requester": {"name": "Ana Núñez"},
            "records": {"categories": ["contracts"]},
        }
    )


# The `tracker` fixture (conftest.py): a fresh database on each backend.
pytestmark = on_both_backends


def test_add_request_records_drafted_and_sent(tracker: TrackerService) -> None:
    rid = tracker.add_request(make_spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
    request = tracker.get(rid)
    assert request.jurisdiction == "US" and request.agency == "Springfield Police Department"
    assert [(e.kind, e.date) for e in request.timeline()] == [
        (EventKind.DRAFTED, date(2026, 3, 2)),
        (EventKind.SENT, date(2026, 3, 2)),
    ]
    assert request.timeline()[1].method is Method.EMAIL


def test_add_request_checks_its_input(tracker: TrackerService) -> None:
    with pytest.raises(UserError, match="unknown jurisdiction"):
        tracker.add_request(make_spec(code="Atlantis"), today=TODAY)
    with pytest.raises(UserError, match="without a sent date"):
        tracker.add_request(make_spec(), today=TODAY, method="mail")
    with pytest.raises(UserError, match="unknown method"):
        tracker.add_request(make_spec(), today=TODAY, sent=TODAY, method="pigeon")
    with pytest.raises(UserError, match="on or after the sent date"):
        tracker.add_request(make_spec(), today=TODAY, sent=TODAY, received=date(2026, 3, 1))
    assert tracker.requests.count() == 0


def test_overrides_for_jurisdiction_and_agency(tracker: TrackerService) -> None:
    rid = tracker.add_request(make_spec(), today=TODAY, jurisdiction="federal", agency="FBI")
    request = tracker.get(rid)
    assert (request.jurisdiction, request.agency) == ("US", "FBI")
    # The snapshot is the request as sent: later follow-up and appeal letters are made from it.
    assert (request.spec.agency.jurisdiction, request.spec.agency.name) == ("US", "FBI")
    assert request.spec.agency.email == make_spec().agency.email  # the rest is kept


def test_list_shows_derived_status_due_date_and_days_left(tracker: TrackerService) -> None:
    drafted = tracker.add_request(make_spec(), today=TODAY)
    awaiting = tracker.add_request(make_spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
    overdue = tracker.add_request(make_spec(), today=TODAY, sent=date(2026, 1, 5), method="portal")
    paused = tracker.add_request(make_spec(), today=TODAY, sent=date(2026, 3, 2), method="fax")
    tracker.log_event(paused, "fee_estimate", date(2026, 3, 10))
    denied = tracker.add_request(make_spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
    tracker.log_event(denied, EventKind.DENIED, date(2026, 3, 16), exemptions=["b(5)"])
    rows = {r.id: r for r in tracker.list_requests(TODAY)}
    assert rows[drafted].status is Status.DRAFTED and rows[drafted].due is None
    assert (rows[awaiting].status, rows[awaiting].due, rows[awaiting].days_left) == (
        Status.AWAITING_RESPONSE,
        date(2026, 3, 30),
        10,
    )
    assert rows[overdue].overdue and rows[overdue].days_left is not None
    assert rows[overdue].due == date(2026, 2, 3)  # MLK Day (Jan 19) skipped
    assert rows[paused].status is Status.PAUSED_FEES and rows[paused].due is None
    assert rows[denied].status is Status.DENIED
    assert rows[denied].due == date(2026, 6, 14)  # appeal: 90 calendar days
    assert [r.id for r in tracker.list_requests(TODAY, status="paused: fees")] == [paused]
    assert [r.id for r in tracker.list_requests(TODAY, status=Status.DENIED)] == [denied]
    assert {r.id for r in tracker.list_requests(TODAY, due_within=10)} == {awaiting, overdue}
    with pytest.raises(UserError, match="unknown status"):
        tracker.list_requests(TODAY, status="lost")


def test_list_agrees_with_the_explained_view(tracker: TrackerService) -> None:
    rid = tracker.add_request(make_spec(), today=TODAY, sent=date(2026, 2, 12), method="mail")
    tracker.log_event(rid, "clarification_requested", date(2026, 2, 20))
    tracker.log_event(rid, "clarification_answered", date(2026, 3, 3))
    tracker.log_event(rid, "extension", date(2026, 3, 10), days=10)
    [row] = tracker.list_requests(TODAY)
    view = tracker.view(rid, TODAY)
    assert row.status is Status.EXTENDED
    assert row.due == view.clocks[0].due and row.days_left == view.clocks[0].days_left
    assert "assumed received 3 business days after mailing" in view.clocks[0].explanation
    assert "paused" in view.clocks[0].explanation and "Extension" in view.clocks[0].explanation


def test_set_received_replaces_the_mail_assumption(tracker: TrackerService) -> None:
    rid = tracker.add_request(make_spec(), today=TODAY, sent=date(2026, 3, 2), method="mail")
    assert tracker.list_requests(TODAY)[0].status is Status.SENT
    tracker.set_received(rid, date(2026, 3, 9))
    view = tracker.view(rid, TODAY)
    assert view.facts.status is Status.AWAITING_RESPONSE
    assert view.facts.received is not None and view.facts.received.assumption == ""
    assert view.clocks[0].due == date(2026, 4, 6)


def test_log_event_rejects_what_does_not_fit(tracker: TrackerService) -> None:
    rid = tracker.add_request(make_spec(), today=TODAY)
    with pytest.raises(UserError, match="not been sent yet"):
        tracker.log_event(rid, "denied", TODAY)
    tracker.log_event(rid, "note", TODAY, note="drafting")  # notes are fine any time
    tracker.log_event(rid, "sent", date(2026, 3, 2), method="portal")
    with pytest.raises(UserError, match="already marked as sent"):
        tracker.log_event(rid, "sent", date(2026, 3, 3))
    with pytest.raises(UserError, match="before the request was sent"):
        tracker.log_event(rid, "acknowledged", date(2026, 3, 1))
    with pytest.raises(UserError, match="unknown event kind"):
        tracker.log_event(rid, "lost in the post", TODAY)
    with pytest.raises(UserError, match="number of days or a new date"):
        tracker.log_event(rid, "extension", TODAY)
    with pytest.raises(UserError, match="no tracked request"):
        tracker.log_event(999, "note", TODAY)
    with pytest.raises(UserError, match="outside the years"):
        tracker.log_event(rid, "note", date(1800, 1, 1))
    with pytest.raises(UserError, match="outside the years"):
        tracker.add_request(make_spec(), today=TODAY, sent=date(1850, 1, 1), method="mail")


def test_withdrawal_stops_follow_ups(tracker: TrackerService) -> None:
    rid = tracker.add_request(make_spec(), today=TODAY, sent=date(2026, 1, 5), method="email")
    assert tracker.view(rid, TODAY).follow_up is not None  # overdue: chase it
    tracker.log_event(rid, "withdrawn", date(2026, 3, 18))
    view = tracker.view(rid, TODAY)
    assert view.facts.status is Status.WITHDRAWN and view.follow_up is None
    [row] = tracker.list_requests(TODAY)
    assert row.due is None and not row.overdue


def test_reminders_on_a_date_or_in_n_days(tracker: TrackerService) -> None:
    rid = tracker.add_request(make_spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
    in_three_weeks = tracker.remind(rid, "+3w", today=TODAY, note="chase")
    assert in_three_weeks.due == date(2026, 4, 10) and in_three_weeks.id is not None
    tracker.remind(rid, date(2026, 3, 25), today=TODAY)
    assert tracker.list_requests(TODAY)[0].next_reminder == date(2026, 3, 25)
    assert [m.due for m in tracker.view(rid, TODAY).reminders] == [
        date(2026, 3, 25),
        date(2026, 4, 10),
    ]
    with pytest.raises(UserError, match="past"):
        tracker.remind(rid, date(2026, 3, 1), today=TODAY)
    with pytest.raises(UserError, match=r"\+N"):
        tracker.remind(rid, "+soon", today=TODAY)


def test_a_reminder_missed_while_closed_stays_until_marked_done(tracker: TrackerService) -> None:
    rid = tracker.add_request(make_spec(), today=TODAY, sent=date(2026, 3, 2), method="email")
    tracker.remind(rid, date(2026, 3, 20), today=TODAY, note="call the clerk")
    tracker.remind(rid, date(2026, 4, 20), today=TODAY)
    later = date(2026, 3, 24)  # the app was not opened on the 20th
    view = tracker.view(rid, later)
    assert [m.due for m in view.reminders_due] == [date(2026, 3, 20)]
    assert view.reminders[0].missed(later)
    assert tracker.list_requests(later)[0].next_reminder == date(2026, 3, 20)
    assert tracker.reminders_done(rid, later) == 1
    view = tracker.view(rid, later)
    assert view.reminders_due == [] and [m.due for m in view.reminders] == [date(2026, 4, 20)]
    assert tracker.list_requests(later)[0].next_reminder == date(2026, 4, 20)
    with pytest.raises(UserError, match="no reminder due"):
        tracker.reminders_done(rid, later)


def test_letters_are_recorded(tracker: TrackerService) -> None:
    rid = tracker.add_request(make_spec(), today=TODAY)
    letter = Letter("follow_up", "/letters/a.docx", "f" * 64, TODAY)
    tracker.record_letter(rid, letter)
    assert tracker.letters(rid) == (letter,)


def test_unknown_jurisdiction_in_storage_still_lists(
    tracker: TrackerService,
) -> None:
    from foia_assist.domain.lifecycle import Event, TrackedRequest

    tracker.requests.add(
        TrackedRequest(
            None,
            make_spec(),
            "ZZ",
            "Gone",
            TODAY,
            events=(Event(EventKind.SENT, TODAY, method=Method.EMAIL),),
        )
    )
    [row] = tracker.list_requests(TODAY)
    assert row.status is Status.AWAITING_RESPONSE and row.due is None
    with pytest.raises(UserError, match="unknown jurisdiction"):
        tracker.view(row.id, TODAY)


def test_michigan_counts_an_email_as_received_one_business_day_later(
    tracker: TrackerService,
) -> None:
    # MCL 15.235(1): emailed Mon 2026-03-02, received Tue 03-03 (day 0); 5 business days:
    # Wed 4, Thu 5, Fri 6, Mon 9, Tue 10. Without the rule it would be Mon 03-09.
    rid = tracker.add_request(make_spec("MI"), today=TODAY, sent=date(2026, 3, 2), method="email")
    view = tracker.view(rid, TODAY)
    assert view.facts.received is not None
    assert view.facts.received.date == date(2026, 3, 3)
    assert "MCL 15.235(1)" in view.facts.received.assumption
    (row,) = [r for r in tracker.list_requests(TODAY) if r.id == rid]
    assert row.due == date(2026, 3, 10)
    assert tracker.clocks(rid).response_deadline().due == date(2026, 3, 10)  # type: ignore[union-attr]
    # In person is received at once; a logged receipt date always wins.
    walk_in = tracker.add_request(
        make_spec("MI"), today=TODAY, sent=date(2026, 3, 2), method="in person"
    )
    assert tracker.view(walk_in, TODAY).facts.received.date == date(2026, 3, 2)  # type: ignore[union-attr]
    tracker.set_received(rid, date(2026, 3, 2))
    assert tracker.view(rid, TODAY).facts.received == (date(2026, 3, 2), "")


def test_texas_mail_is_deemed_received_on_the_third_business_day(tracker: TrackerService) -> None:
    # Tex. Gov't Code § 552.301(a-1): posted Mon 2026-03-02 (Texas Independence Day, a state
    # holiday): business days after it are Tue 3, Wed 4, Thu 5 -> deemed received Thu 03-05.
    rid = tracker.add_request(make_spec("TX"), today=TODAY, sent=date(2026, 3, 2), method="mail")
    received = tracker.view(rid, TODAY).facts.received
    assert received is not None and received.date == date(2026, 3, 5)
    assert "552.301(a-1)" in received.assumption
    # 10 business days from Thu 03-05: Fri 6 (1), Mar 9-13 (2-6), Mar 16-19 (7-10).
    (row,) = [r for r in tracker.list_requests(TODAY) if r.id == rid]
    assert row.due == date(2026, 3, 19)


def test_received_without_sent_says_what_is_missing(tracker: TrackerService) -> None:
    with pytest.raises(UserError, match="needs the date it was sent"):
        tracker.add_request(make_spec(), today=TODAY, received=date(2026, 3, 3))
    with pytest.raises(UserError, match="on or after the sent date"):
        tracker.add_request(
            make_spec(), today=TODAY, sent=date(2026, 3, 3), received=date(2026, 3, 2)
        )
