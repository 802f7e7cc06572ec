"""Derived status, receipt assumptions, pauses, clocks and follow-up rules of a tracked request."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tracking_helpers import earliest_running_due

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.clock_inputs import merge_pauses
from foia_assist.domain.clock_readings import ClockState
from foia_assist.domain.deadlines import compute_deadline
from foia_assist.domain.jurisdictions import Appeal, DayType, RollForward
from foia_assist.domain.lifecycle import (
    Event,
    EventKind,
    LifecycleError,
    Method,
    PauseSpan,
    Status,
    assumed_mail_receipt,
    derive,
    derive_from_facts,
    derive_from_rows,
    parse_kind,
    parse_method,
    reminder_date,
    validate_event,
)
from foia_assist.domain.list_due import ListDue, list_due, quick_due
from foia_assist.domain.request_clocks import RequestClocks

K = EventKind
D = date


def weekdays(d: date) -> bool:
    return d.weekday() < 5


def ev(kind: EventKind, day: date, **kw: object) -> Event:
    return Event(kind, day, **kw)  # type: ignore[arg-type]


SENT = ev(K.SENT, D(2026, 3, 2), method=Method.EMAIL)  # a Monday


@pytest.fixture(scope="module")
def us(jurisdictions):  # type: ignore[no-untyped-def]
    return jurisdictions.get("US")


@pytest.fixture(scope="module")
def us_cal(us):  # type: ignore[no-untyped-def]
    return CalendarCache().for_jurisdiction(us)


@pytest.mark.parametrize(
    ("events", "status"),
    [
        ([], Status.DRAFTED),
        ([ev(K.DRAFTED, D(2026, 3, 1))], Status.DRAFTED),
        ([SENT], Status.AWAITING_RESPONSE),
        ([ev(K.SENT, D(2026, 3, 2), method=Method.MAIL)], Status.SENT),
        (
            [ev(K.SENT, D(2026, 3, 2), method=Method.MAIL), ev(K.RECEIVED, D(2026, 3, 4))],
            Status.AWAITING_RESPONSE,
        ),
        ([SENT, ev(K.ACKNOWLEDGED, D(2026, 3, 3))], Status.AWAITING_RESPONSE),
        ([SENT, ev(K.CLARIFICATION_REQUESTED, D(2026, 3, 5))], Status.PAUSED_CLARIFICATION),
        (
            [
                SENT,
                ev(K.CLARIFICATION_REQUESTED, D(2026, 3, 5)),
                ev(K.CLARIFICATION_ANSWERED, D(2026, 3, 6)),
            ],
            Status.AWAITING_RESPONSE,
        ),
        ([SENT, ev(K.FEE_ESTIMATE, D(2026, 3, 5))], Status.PAUSED_FEES),
        (
            [SENT, ev(K.EXTENSION, D(2026, 3, 5), days=10), ev(K.FEE_ESTIMATE, D(2026, 3, 6))],
            Status.PAUSED_FEES,
        ),
        (
            [
                SENT,
                ev(K.EXTENSION, D(2026, 3, 5), days=10),
                ev(K.FEE_ESTIMATE, D(2026, 3, 6)),
                ev(K.FEE_PAID, D(2026, 3, 9)),
            ],
            Status.EXTENDED,
        ),
        ([SENT, ev(K.RECORDS_RELEASED, D(2026, 3, 9), partial=True)], Status.PARTIALLY_RELEASED),
        ([SENT, ev(K.RECORDS_RELEASED, D(2026, 3, 9))], Status.COMPLETE),
        ([SENT, ev(K.DENIED, D(2026, 3, 9))], Status.DENIED),
        ([SENT, ev(K.DENIED, D(2026, 3, 9)), ev(K.APPEAL_FILED, D(2026, 3, 20))], Status.APPEALING),
        (
            [
                SENT,
                ev(K.DENIED, D(2026, 3, 9)),
                ev(K.APPEAL_FILED, D(2026, 3, 20)),
                ev(K.APPEAL_DECIDED, D(2026, 4, 20)),
            ],
            Status.APPEAL_DECIDED,
        ),
        ([SENT, ev(K.WITHDRAWN, D(2026, 3, 9))], Status.WITHDRAWN),
        # Nothing after a withdrawal changes the status.
        ([SENT, ev(K.WITHDRAWN, D(2026, 3, 9)), ev(K.DENIED, D(2026, 3, 10))], Status.WITHDRAWN),
        ([SENT, ev(K.NOTE, D(2026, 3, 9), note="called them")], Status.AWAITING_RESPONSE),
    ],
)
def test_status_is_derived_from_events(events: list[Event], status: Status) -> None:
    assert derive(events, weekdays).status is status


def test_events_are_folded_in_date_order_whatever_order_they_were_logged() -> None:
    late_first = [ev(K.DENIED, D(2026, 3, 20), id=2), ev(K.SENT, D(2026, 3, 2), id=1)]
    assert derive(late_first, weekdays).status is Status.DENIED


def test_fast_path_fold_matches_the_rich_fold() -> None:
    events = [
        SENT,
        ev(K.FEE_ESTIMATE, D(2026, 3, 4)),
        ev(K.FEE_PAID, D(2026, 3, 10)),
        ev(K.EXTENSION, D(2026, 3, 12), days=5),
    ]
    rows = [(e.kind, e.date, e.days, e.new_date, e.method, e.partial) for e in events]
    assert derive_from_facts(rows, weekdays) == derive(events, weekdays)
    stored = [(1, e.kind.value, e.date.isoformat(), None) for e in events]
    stored[0] = (1, "sent", "2026-03-02", "email")
    stored[3] = (1, "extension", "2026-03-12", 5)
    assert derive_from_rows(stored, weekdays) == derive(events, weekdays)


def test_receipt_defaults_to_sent_day_for_email_portal_fax_in_person() -> None:
    for method in (Method.EMAIL, Method.PORTAL, Method.FAX, Method.IN_PERSON):
        facts = derive([ev(K.SENT, D(2026, 3, 2), method=method)], weekdays)
        assert facts.received is not None
        assert facts.received.date == D(2026, 3, 2)
        assert method.value in facts.received.assumption


def test_mail_receipt_is_a_stated_assumption_of_three_business_days() -> None:
    facts = derive([ev(K.SENT, D(2026, 3, 5), method=Method.MAIL)], weekdays)  # Thursday
    assert facts.received is not None
    assert facts.received.date == D(2026, 3, 10)  # Fri, (Sat, Sun), Mon, Tue
    assert "assumed" in facts.received.assumption


def test_mail_receipt_skips_the_jurisdictions_holidays(us_cal) -> None:  # type: ignore[no-untyped-def]
    # Posted Wed 2026-11-25: Thanksgiving (Thu 26) is not a business day.
    assert assumed_mail_receipt(D(2026, 11, 25), us_cal.is_business_day) == D(2026, 12, 1)


def test_known_receipt_replaces_the_assumption() -> None:
    events = [ev(K.SENT, D(2026, 3, 5), method=Method.MAIL), ev(K.RECEIVED, D(2026, 3, 12))]
    received = derive(events, weekdays).received
    assert received is not None
    assert (received.date, received.assumption) == (D(2026, 3, 12), "")


def test_an_acknowledgment_caps_the_assumed_mail_receipt() -> None:
    events = [ev(K.SENT, D(2026, 3, 5), method=Method.MAIL), ev(K.ACKNOWLEDGED, D(2026, 3, 6))]
    received = derive(events, weekdays).received
    assert received is not None
    assert received.date == D(2026, 3, 6)
    assert "acknowledg" in received.assumption


def test_pauses_open_and_close_and_overlapping_pauses_merge() -> None:
    events = [
        SENT,
        ev(K.CLARIFICATION_REQUESTED, D(2026, 3, 4)),
        ev(K.FEE_ESTIMATE, D(2026, 3, 6)),
        ev(K.CLARIFICATION_ANSWERED, D(2026, 3, 9)),
        ev(K.FEE_PAID, D(2026, 3, 11)),
    ]
    facts = derive(events, weekdays)
    assert facts.status is Status.AWAITING_RESPONSE
    assert facts.pauses == (
        PauseSpan("clarification", D(2026, 3, 4), D(2026, 3, 9)),
        PauseSpan("fees", D(2026, 3, 6), D(2026, 3, 11)),
    )
    merged = merge_pauses(facts.pauses, D(2026, 3, 2))
    assert [(p.start, p.end) for p in merged] == [(D(2026, 3, 4), D(2026, 3, 11))]


def test_a_pause_before_assumed_mail_receipt_starts_at_receipt() -> None:
    merged = merge_pauses((PauseSpan("fees", D(2026, 3, 1), D(2026, 3, 8)),), D(2026, 3, 4))
    assert [(p.start, p.end) for p in merged] == [(D(2026, 3, 4), D(2026, 3, 8))]
    gone = merge_pauses((PauseSpan("fees", D(2026, 3, 1), D(2026, 3, 2)),), D(2026, 3, 4))
    assert gone == []


def test_event_validation() -> None:
    with pytest.raises(LifecycleError, match="either a number of days or a new date"):
        validate_event(ev(K.EXTENSION, D(2026, 3, 5)))
    with pytest.raises(LifecycleError, match="either"):
        validate_event(ev(K.EXTENSION, D(2026, 3, 5), days=3, new_date=D(2026, 4, 1)))
    with pytest.raises(LifecycleError, match="at least one day"):
        validate_event(ev(K.EXTENSION, D(2026, 3, 5), days=0))
    with pytest.raises(LifecycleError, match="before the extension"):
        validate_event(ev(K.EXTENSION, D(2026, 3, 5), new_date=D(2026, 3, 1)))
    with pytest.raises(LifecycleError, match="only an extension"):
        validate_event(ev(K.DENIED, D(2026, 3, 5), days=3))
    with pytest.raises(LifecycleError, match="only a 'sent' event"):
        validate_event(ev(K.NOTE, D(2026, 3, 5), method=Method.MAIL))
    validate_event(ev(K.EXTENSION, D(2026, 3, 5), days=10))  # fine


def test_parsing_kinds_methods_and_reminder_dates() -> None:
    assert parse_kind("Records-Released") is K.RECORDS_RELEASED
    assert parse_method("in_person") is Method.IN_PERSON
    with pytest.raises(LifecycleError, match="unknown event kind"):
        parse_kind("lost")
    with pytest.raises(LifecycleError, match="unknown method"):
        parse_method("pigeon")
    today = D(2026, 3, 2)
    assert reminder_date("+21", today) == D(2026, 3, 23)
    assert reminder_date("+3w", today) == D(2026, 3, 23)
    assert reminder_date("2026-04-01", today) == D(2026, 4, 1)
    for bad in ("+0", "+x", "soon", "2026-02-30"):
        with pytest.raises(LifecycleError):
            reminder_date(bad, today)
    with pytest.raises(LifecycleError, match="past"):
        reminder_date("2026-03-01", today)


# -- clocks ----------------------------------------------------------------------------------


def clocks(events: list[Event], j, cal) -> RequestClocks:  # type: ignore[no-untyped-def]
    return RequestClocks(derive(events, cal.is_business_day), j, cal)


def test_response_clock_running_overdue_due_soon_and_days_left(us, us_cal) -> None:  # type: ignore[no-untyped-def]
    c = clocks([SENT], us, us_cal)
    due = c.response_deadline().due  # type: ignore[union-attr]
    assert due == D(2026, 3, 30)  # 20 business days after Mon 2026-03-02, no holidays
    [reading] = c.clocks_on(D(2026, 3, 20))
    assert (reading.state, reading.days_left) == (ClockState.RUNNING, 10)
    assert "20 business days" in reading.explanation
    assert c.days_left(D(2026, 3, 20)) == 10
    assert c.due_soon(D(2026, 3, 20), 10) and not c.due_soon(D(2026, 3, 20), 9)
    assert not c.overdue(D(2026, 3, 30))
    assert c.overdue(D(2026, 3, 31))
    assert c.follow_up(D(2026, 3, 31)) is not None
    assert "follow-up" in (c.follow_up(D(2026, 3, 31)) or "")
    assert c.follow_up(D(2026, 3, 30)) is None


def test_no_follow_up_after_withdrawal_or_complete_release(us, us_cal) -> None:  # type: ignore[no-untyped-def]
    late = D(2026, 6, 1)
    for closing in (ev(K.WITHDRAWN, D(2026, 3, 10)), ev(K.RECORDS_RELEASED, D(2026, 4, 20))):
        c = clocks([SENT, closing], us, us_cal)
        assert c.follow_up(late) is None
        assert not c.overdue(late)
        assert not c.due_soon(late, 365)
    withdrawn = clocks([SENT, ev(K.WITHDRAWN, D(2026, 3, 10))], us, us_cal)
    assert withdrawn.clocks_on(late)[0].state is ClockState.STOPPED


def test_a_late_response_is_met_and_says_how_late(us, us_cal) -> None:  # type: ignore[no-untyped-def]
    c = clocks([SENT, ev(K.RECORDS_RELEASED, D(2026, 4, 3), partial=True)], us, us_cal)
    [reading] = c.clocks_on(D(2026, 4, 10))
    assert reading.state is ClockState.MET
    assert "4 days after the due date" in reading.explanation


def test_one_day_late_says_one_day(us, us_cal) -> None:  # type: ignore[no-untyped-def]
    """Trial 3: "met late (1 days after the due date)", "(1 days ago): send a follow-up"."""
    c = clocks([SENT, ev(K.RECORDS_RELEASED, D(2026, 3, 31), partial=True)], us, us_cal)
    [reading] = c.clocks_on(D(2026, 4, 10))
    assert "(1 day after the due date)" in reading.explanation
    silent = clocks([SENT], us, us_cal)
    assert "(1 day ago): send a follow-up letter" in (silent.follow_up(D(2026, 3, 31)) or "")


def test_extension_days_and_new_date(us, us_cal) -> None:  # type: ignore[no-untyped-def]
    c = clocks([SENT, ev(K.EXTENSION, D(2026, 3, 20), days=10)], us, us_cal)
    assert c.response_deadline().due == D(2026, 4, 13)  # type: ignore[union-attr]
    c = clocks([SENT, ev(K.EXTENSION, D(2026, 3, 20), new_date=D(2026, 5, 1))], us, us_cal)
    deadline = c.response_deadline()
    assert deadline is not None and deadline.due == D(2026, 5, 1)
    assert "new due date" in deadline.explanation()


def test_open_pause_means_no_due_date_and_no_overdue(us, us_cal) -> None:  # type: ignore[no-untyped-def]
    c = clocks([SENT, ev(K.FEE_ESTIMATE, D(2026, 3, 10))], us, us_cal)
    [reading] = c.clocks_on(D(2026, 6, 1))
    assert reading.state is ClockState.PAUSED
    assert reading.due is None and not c.overdue(D(2026, 6, 1))


def test_pausing_an_overdue_request_gives_no_new_time(us, us_cal) -> None:  # type: ignore[no-untyped-def]
    # MuckRock's abs() bug: an overdue request paused then resumed got fresh days.
    events = [
        SENT,
        ev(K.FEE_ESTIMATE, D(2026, 4, 10)),
        ev(K.FEE_PAID, D(2026, 4, 20)),
    ]
    c = clocks(events, us, us_cal)
    assert c.response_deadline().due == D(2026, 3, 30)  # type: ignore[union-attr]
    assert c.overdue(D(2026, 4, 21))


def test_appeal_clock_after_denial(us, us_cal) -> None:  # type: ignore[no-untyped-def]
    c = clocks([SENT, ev(K.DENIED, D(2026, 3, 20), exemptions=("b(5)",))], us, us_cal)
    response, appeal = c.clocks_on(D(2026, 3, 25))
    assert response.state is ClockState.MET
    assert appeal.state is ClockState.RUNNING
    assert appeal.due == D(2026, 6, 18)  # 90 calendar days
    assert "an appeal must be filed within 90 calendar days" in appeal.explanation
    assert "Consider an appeal" in (c.follow_up(D(2026, 3, 25)) or "")
    filed = clocks(
        [SENT, ev(K.DENIED, D(2026, 3, 20)), ev(K.APPEAL_FILED, D(2026, 4, 1))], us, us_cal
    )
    assert filed.clocks_on(D(2026, 4, 2))[1].state is ClockState.MET


def test_appeal_without_a_statutory_deadline_says_so_plainly(us, us_cal) -> None:  # type: ignore[no-untyped-def]
    no_deadline = dataclasses.replace(us, appeal=Appeal(route="Sue in the district court."))
    c = clocks([SENT, ev(K.DENIED, D(2026, 3, 20))], no_deadline, us_cal)
    appeal = c.clocks_on(D(2026, 3, 25))[1]
    assert appeal.state is ClockState.NO_DEADLINE and appeal.due is None
    assert "sets no deadline to appeal" in appeal.explanation
    assert list_due(c.facts, no_deadline, us_cal) is None


def test_list_due_follows_the_status(us, us_cal) -> None:  # type: ignore[no-untyped-def]
    def due(events: list[Event]) -> date | None:
        return list_due(derive(events, us_cal.is_business_day), us, us_cal)

    assert due([]) is None
    assert due([SENT]) == D(2026, 3, 30)
    assert due([SENT, ev(K.RECORDS_RELEASED, D(2026, 3, 9), partial=True)]) is None
    assert due([SENT, ev(K.DENIED, D(2026, 3, 20))]) == D(2026, 6, 18)
    # Issue 12 item 10: an appealing request shows the agency's deadline to decide the appeal,
    # 20 business days after it was filed (5 U.S.C. § 552(a)(6)(A)(ii)); no holiday in April.
    appealed = [SENT, ev(K.DENIED, D(2026, 3, 20)), ev(K.APPEAL_FILED, D(2026, 4, 1))]
    assert due(appealed) == D(2026, 4, 29)
    assert due([*appealed, ev(K.APPEAL_DECIDED, D(2026, 4, 20))]) is None
    assert due([SENT, ev(K.WITHDRAWN, D(2026, 3, 3))]) is None


# The fast paths must give exactly the engine's date, for any pauses and extensions, including
# an extension counted in a different kind of days from the clock (Pennsylvania: 30 calendar
# days after 5 business days).
_days = st.integers(min_value=0, max_value=400).map(lambda n: D(2025, 12, 1) + timedelta(n))


@settings(max_examples=300, deadline=None)
@given(
    received=_days,
    extension=st.integers(min_value=0, max_value=15),
    pauses=st.lists(
        st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(0, 30))), max_size=3
    ),
    calendar_days=st.booleans(),
    roll=st.sampled_from([True, False, None]),
    extension_type=st.sampled_from([None, DayType.BUSINESS, DayType.CALENDAR]),
)
@pytest.mark.slow
def test_quick_due_agrees_with_the_engine(
    jurisdictions, received, extension, pauses, calendar_days, roll, extension_type
) -> None:  # type: ignore[no-untyped-def]
    j = jurisdictions.get("US")
    if calendar_days:
        j = dataclasses.replace(
            j, response=dataclasses.replace(j.response, day_type=DayType.CALENDAR, days=30)
        )
    # None: the extension has no day type of its own and counts in the clock's.
    j = dataclasses.replace(
        j,
        extension=dataclasses.replace(j.extension, day_type=extension_type),
        roll_forward=RollForward(applies=roll),
    )
    cal = CalendarCache().for_jurisdiction(j)
    spans = []
    for offset, length in pauses:
        start = received + timedelta(offset)
        spans.append(
            PauseSpan("fees", start, None if length is None else start + timedelta(length))
        )
    events = [Event(K.SENT, received, method=Method.EMAIL)]
    if extension:
        events.append(Event(K.EXTENSION, received, days=extension))
    facts = derive(events, cal.is_business_day)._replace(pauses=tuple(spans))
    engine = compute_deadline(
        j,
        received,
        cal,
        extension_days=extension,
        pauses=merge_pauses(facts.pauses, received),
    )
    assert quick_due(facts, j, cal) == engine.due
    assert ListDue(j, cal).due(facts) == engine.due
    if extension:
        assert engine.extension_day_type is (extension_type or j.response.day_type)


# Random histories: kinds, days apart, methods, extensions (days or a new date), partial releases.
_event_specs = st.lists(
    st.tuples(
        st.sampled_from([k for k in EventKind if k is not K.DRAFTED]),
        st.integers(0, 40),
        st.sampled_from(list(Method)),
        st.one_of(st.integers(-2, 20), st.integers(0, 60).map(lambda n: -n - 1000)),
        st.booleans(),
    ),
    max_size=6,
)


def _history(start: date, specs: list[tuple[EventKind, int, Method, int, bool]]) -> list[Event]:
    events, day = [Event(K.SENT, start, method=Method.MAIL if not specs else specs[0][2])], start
    for kind, gap, method, extra, partial in specs:
        day += timedelta(gap)
        if kind is K.EXTENSION:
            # extra <= -1000 encodes "a new date" (day + extra + 1000 days later); else days
            if extra <= -1000:
                events.append(Event(kind, day, new_date=day + timedelta(-extra - 1000)))
            else:
                events.append(Event(kind, day, days=extra))
        else:
            events.append(
                Event(kind, day, method=method if kind is K.SENT else None, partial=partial)
            )
    return events


@settings(max_examples=400, deadline=None)
@given(
    code=st.sampled_from(
        ["US", "CA", "NY", "TX", "FL", "IL", "PA", "WA", "AL", "OR", "MD", "NM", "ME"]
    ),
    start=_days,
    specs=_event_specs,
    calendar_days=st.booleans(),
    roll=st.sampled_from([True, False, None]),
)
@pytest.mark.slow
def test_list_due_rules_agree_with_list_due(
    jurisdictions, code, start, specs, calendar_days, roll
) -> None:  # type: ignore[no-untyped-def]
    j = jurisdictions.get(code)
    if calendar_days:
        j = dataclasses.replace(
            j,
            response=dataclasses.replace(j.response, day_type=DayType.CALENDAR, days=20),
            roll_forward=RollForward(applies=roll),
        )
    cal = CalendarCache().for_jurisdiction(j)
    facts = derive(_history(start, specs), cal.is_business_day)
    try:
        expected: date | None | type[ValueError] = list_due(facts, j, cal)
    except ValueError:
        expected = ValueError
    try:
        got: date | None | type[ValueError] = ListDue(j, cal).due(facts)
    except ValueError:
        got = ValueError
    assert got == expected


@settings(max_examples=300, deadline=None)
@given(
    code=st.sampled_from(["AL", "OR", "MD", "NM", "ME", "FL", "US", "CA"]),
    start=_days,
    specs=_event_specs,
)
@pytest.mark.slow
def test_the_list_date_is_the_earliest_running_clock_of_the_view(
    jurisdictions, code, start, specs
) -> None:  # type: ignore[no-untyped-def]
    from foia_assist.domain.list_due import _RESPONSE_PENDING

    j = jurisdictions.get(code)
    cal = CalendarCache().for_jurisdiction(j)
    facts = derive(_history(start, specs), cal.is_business_day)
    if facts.status not in _RESPONSE_PENDING:
        return
    try:
        listed = list_due(facts, j, cal)
        readings = RequestClocks(facts, j, cal).clocks_on(start)
    except ValueError:  # a date outside the calendars' years
        return
    assert listed == earliest_running_due(readings)
