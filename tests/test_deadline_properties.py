"""Property-based checks of the deadline engine against naive references written here."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st
from test_deadlines import make

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.day_counting import Pause, add_days
from foia_assist.domain.deadlines import compute_deadline
from foia_assist.domain.jurisdictions import (
    DayType,
    FixedHoliday,
    HolidayRules,
    Jurisdiction,
)

RULES = (
    HolidayRules(),
    HolidayRules(subdiv="TX"),
    HolidayRules(subdiv="CA"),
    HolidayRules(subdiv="DC", remove=("Columbus Day",), add=(FixedHoliday("Test Day", 1, 1),)),
)
# Built once for the whole module: hypothesis reuses them across examples.
CALENDARS = [HolidayCalendar(r) for r in RULES]

calendars = st.sampled_from(CALENDARS)
receipts = st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 12, 31))
day_counts = st.integers(min_value=0, max_value=400)
day_types = st.sampled_from([DayType.BUSINESS, DayType.CALENDAR])


def jurisdiction(
    rules: HolidayRules, days: int, day_type: DayType, roll: bool | None
) -> Jurisdiction:
    return make(days=days, day_type=day_type, roll=roll, rules=rules)


def naive_add(cal: HolidayCalendar, start: date, days: int, day_type: DayType, roll: bool) -> date:
    """Reference: walk one day at a time."""
    d = start
    if day_type is DayType.BUSINESS:
        counted = 0
        while counted < days:
            d += timedelta(days=1)
            if cal.is_business_day(d):
                counted += 1
        return d
    for _ in range(days):
        d += timedelta(days=1)
    while roll and (d.weekday() >= 5 or cal.holiday_name(d) is not None):
        d += timedelta(days=1)
    return d


@given(calendars, receipts, st.integers(min_value=1, max_value=120))
def test_business_day_due_date_is_never_a_weekend_or_holiday(
    cal: HolidayCalendar, received: date, days: int
) -> None:
    due = add_days(cal, received, days, DayType.BUSINESS, False)
    assert due > received
    assert due.weekday() < 5
    assert cal.holiday_name(due) is None


@given(calendars, receipts, st.integers(min_value=1, max_value=120))
def test_rolled_calendar_day_due_date_is_a_business_day(
    cal: HolidayCalendar, received: date, days: int
) -> None:
    due = add_days(cal, received, days, DayType.CALENDAR, True)
    assert due >= received + timedelta(days=days)
    assert cal.is_business_day(due)


@given(calendars, receipts, receipts, day_counts, day_types, st.booleans())
def test_a_later_receipt_never_gives_an_earlier_due_date(
    cal: HolidayCalendar, r1: date, r2: date, days: int, day_type: DayType, roll: bool
) -> None:
    early, late = sorted((r1, r2))
    assert add_days(cal, early, days, day_type, roll) <= add_days(cal, late, days, day_type, roll)


@given(calendars, receipts, st.integers(1, 60), day_types, st.booleans(), st.integers(0, 60))
def test_an_extension_never_makes_the_due_date_earlier(
    cal: HolidayCalendar, received: date, days: int, day_type: DayType, roll: bool, ext: int
) -> None:
    j = jurisdiction(cal.rules, days, day_type, roll)
    base = compute_deadline(j, received, cal).due
    extended = compute_deadline(j, received, cal, extension_days=ext).due
    assert base is not None and extended is not None
    assert extended >= base
    if ext > 0:
        assert extended > base


@settings(max_examples=300)
@given(calendars, receipts, day_counts, day_types, st.booleans())
def test_add_days_equals_a_day_by_day_loop(
    cal: HolidayCalendar, start: date, days: int, day_type: DayType, roll: bool
) -> None:
    assert add_days(cal, start, days, day_type, roll) == naive_add(cal, start, days, day_type, roll)


@given(calendars, receipts, st.integers(1, 60), day_types, st.booleans())
def test_compute_deadline_agrees_with_the_fast_path_and_lists_every_skipped_day(
    cal: HolidayCalendar, received: date, days: int, day_type: DayType, roll: bool
) -> None:
    j = jurisdiction(cal.rules, days, day_type, roll)
    d = compute_deadline(j, received, cal)
    assert d.due == naive_add(cal, received, days, day_type, roll)
    if day_type is DayType.BUSINESS:
        # Every day between receipt and due is either counted or skipped, and exactly
        # `days` are counted.
        between = [received + timedelta(days=i) for i in range(1, (d.due - received).days + 1)]
        closed = [x for x in between if not cal.is_business_day(x)]
        assert [s.date for s in d.skipped] == closed
        assert len(between) - len(closed) == days


@given(
    calendars,
    receipts,
    st.integers(1, 40),
    day_types,
    st.integers(0, 80),
    st.integers(0, 40),
)
def test_a_pause_never_shortens_and_an_overdue_request_gains_nothing(
    cal: HolidayCalendar, received: date, days: int, day_type: DayType, at: int, length: int
) -> None:
    j = jurisdiction(cal.rules, days, day_type, False)
    due = compute_deadline(j, received, cal).due
    assert due is not None
    start = received + timedelta(days=at)
    resumed = compute_deadline(j, received, cal, pauses=[Pause(start, start + timedelta(length))])
    assert resumed.due is not None
    if start >= due:
        assert resumed.due == due  # overdue stays overdue
    else:
        assert resumed.due >= due


def test_is_business_day_matches_the_holidays_package_directly() -> None:
    # An independent reference: the package's own federal and Texas calendars, unmodified.
    for subdiv in (None, "TX"):
        raw = holidays.country_holidays("US", subdiv=subdiv, years=range(2019, 2033))
        cal = HolidayCalendar(HolidayRules(subdiv=subdiv))
        d = date(2020, 1, 1)
        while d <= date(2031, 12, 31):
            expected = d.weekday() < 5 and d not in raw
            assert cal.is_business_day(d) == expected, d
            d += timedelta(days=1)
