"""Extensions are counted in the extension's own day type, not the first clock's.

Pennsylvania: 5 business days, then an extension of 30 CALENDAR days (65 P.S. § 67.902), with
calendar-day deadlines rolled forward (1 Pa.C.S. § 1908). Every expected date is worked out by
hand in the comments. Also: the "day 0" sentence never says "the the".
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from test_deadlines import make

from foia_assist.cli import run_cli
from foia_assist.domain.calendars import CalendarCache, HolidayCalendar
from foia_assist.domain.day_counting import extension_day_type
from foia_assist.domain.deadlines import SkippedDay, compute_deadline, due_date
from foia_assist.domain.jurisdictions import (
    DayType,
    Extension,
    HolidayRules,
    Jurisdiction,
    JurisdictionSet,
)
from foia_assist.domain.later_clocks import later_deadline
from foia_assist.domain.lifecycle import Event, EventKind, Facts, Method, derive
from foia_assist.domain.list_due import ListDue, list_due, quick_due
from foia_assist.domain.request_clocks import RequestClocks

K = EventKind
D = date


@pytest.fixture(scope="module")
def pa(jurisdictions: JurisdictionSet) -> Jurisdiction:
    return jurisdictions.get("PA")


@pytest.fixture(scope="module")
def pa_cal(pa: Jurisdiction) -> HolidayCalendar:
    return CalendarCache().for_jurisdiction(pa)


@pytest.fixture(scope="module")
def federal_cal() -> HolidayCalendar:
    return HolidayCalendar(HolidayRules())


def ext(days: int | None, day_type: DayType | None) -> Extension:
    return Extension(days=days, day_type=day_type, conditions="written notice", citation="§ 3")


def extended_facts(cal: HolidayCalendar, sent: date, days: int, on: date | None = None) -> Facts:
    """A request sent by email on `sent` with an extension of `days` logged on `on`."""
    events = [Event(K.SENT, sent, method=Method.EMAIL), Event(K.EXTENSION, on or sent, days=days)]
    return derive(events, cal.is_business_day)


def all_fast_paths(facts: Facts, j: Jurisdiction, cal: HolidayCalendar) -> set[date | None]:
    return {quick_due(facts, j, cal), list_due(facts, j, cal), ListDue(j, cal).due(facts)}


# -- Pennsylvania, the rule file as shipped ---------------------------------------------------


def test_pennsylvania_rule_file_has_mixed_units(pa: Jurisdiction) -> None:
    # The premise of the tests below; if the rule file changes, they must be re-derived.
    assert pa.response.days == 5 and pa.response.day_type is DayType.BUSINESS
    assert pa.extension is not None
    assert pa.extension.days == 30 and pa.extension.day_type is DayType.CALENDAR
    assert pa.roll_forward.applies is True
    assert extension_day_type(pa, DayType.BUSINESS) is DayType.CALENDAR


def test_pennsylvania_extension_is_30_calendar_days_rolled_forward(
    pa: Jurisdiction, pa_cal: HolidayCalendar
) -> None:
    # Received Thu 1 Oct 2026 (day 0). Business days: Fri 2 (1), Mon 5 (2), Tue 6 (3),
    # Wed 7 (4), Thu 8 Oct (5). Then 30 calendar days after Thu 8 Oct: Sat 7 Nov 2026, a
    # Saturday, so it rolls forward to Mon 9 Nov (Veterans Day is Wed 11 Nov, not in the way).
    # The old (buggy) count of 30 business days gave Mon 23 Nov 2026.
    d = compute_deadline(pa, D(2026, 10, 1), pa_cal, extension_days=30)
    assert d.due == D(2026, 11, 9)
    assert d.day_type is DayType.BUSINESS  # the clock's own unit is unchanged
    assert d.extension_day_type is DayType.CALENDAR
    text = d.explanation()
    assert "Extension: 30 calendar days after the original due date Thu 2026-10-08" in text
    assert "Counting 30 calendar days after Thu 2026-10-08: day 30 is Sat 2026-11-07." in text
    assert "moves to the next business day, Mon 2026-11-09 (1 Pa.C.S. § 1908)" in text
    assert "30 business days" not in text
    # Only the roll-forward's Saturday and Sunday are skipped after the first clock: the
    # calendar-day extension counts Columbus Day (Mon 12 Oct) and every weekend.
    assert SkippedDay(D(2026, 10, 12), "Columbus Day") not in d.skipped
    assert [s.date for s in d.skipped if s.date > D(2026, 10, 8)] == [
        D(2026, 11, 7),
        D(2026, 11, 8),
    ]
    assert due_date(pa, D(2026, 10, 1), pa_cal, extension_days=30) == D(2026, 11, 9)
    data = json.loads(json.dumps(d.to_dict()))
    assert data["extension_day_type"] == "calendar"
    assert data["day_type"] == "business"


def test_pennsylvania_extension_ending_on_a_weekday_does_not_move(
    pa: Jurisdiction, pa_cal: HolidayCalendar
) -> None:
    # Received Mon 5 Oct 2026: Tue 6 (1), Wed 7 (2), Thu 8 (3), Fri 9 (4), Mon 12 Oct is
    # Columbus Day (a Commonwealth closure), Tue 13 Oct (5). Plus 30 calendar days:
    # Thu 12 Nov 2026, a business day.
    d = compute_deadline(pa, D(2026, 10, 5), pa_cal, extension_days=30)
    assert SkippedDay(D(2026, 10, 12), "Columbus Day") in d.skipped
    assert d.due == D(2026, 11, 12)
    assert "moves to the next business day" not in d.explanation()


def test_pennsylvania_tracked_request_every_path_agrees(
    pa: Jurisdiction, pa_cal: HolidayCalendar
) -> None:
    # The case that showed the bug: sent by email Thu 1 Oct 2026, 30-day extension logged Mon 5 Oct.
    facts = extended_facts(pa_cal, D(2026, 10, 1), 30, on=D(2026, 10, 5))
    assert facts.extension_days == 30
    clocks = RequestClocks(facts, pa, pa_cal)
    deadline = clocks.response_deadline()
    assert deadline is not None and deadline.due == D(2026, 11, 9)
    assert "30 calendar days after the original due date" in deadline.explanation()
    assert all_fast_paths(facts, pa, pa_cal) == {D(2026, 11, 9)}


def test_pennsylvania_cli_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["deadline", "PA", "2026-10-01", "--extension-days", "30", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == "2026-11-09"
    assert data["extension_day_type"] == "calendar"
    assert "30 calendar days after the original due date" in data["explanation"]


# -- the other mixes, on a test jurisdiction ---------------------------------------------------


def test_business_day_extension_after_a_calendar_day_clock(federal_cal: HolidayCalendar) -> None:
    j = make(days=10, day_type=DayType.CALENDAR, roll=True, extension=ext(10, DayType.BUSINESS))
    # Received Wed 25 Mar 2026: day 10 is Sat 4 Apr -> Mon 6 Apr. Then 10 business days:
    # Tue 7 - Fri 10 (1-4), Mon 13 - Fri 17 (5-9), Mon 20 Apr 2026 (10). Counting them as
    # calendar days (the bug) would give Thu 16 Apr.
    d = compute_deadline(j, D(2026, 3, 25), federal_cal, extension_days=10)
    assert d.due == D(2026, 4, 20)
    assert d.extension_day_type is DayType.BUSINESS
    text = d.explanation()
    assert "Extension: 10 business days after the original due date Mon 2026-04-06" in text
    assert "Business day 10 is Mon 2026-04-20." in text
    assert SkippedDay(D(2026, 4, 11), "Saturday") in d.skipped
    assert due_date(j, D(2026, 3, 25), federal_cal, extension_days=10) == D(2026, 4, 20)
    facts = extended_facts(federal_cal, D(2026, 3, 25), 10)
    assert all_fast_paths(facts, j, federal_cal) == {D(2026, 4, 20)}


@pytest.mark.parametrize(
    ("roll", "says"),
    [
        (False, "the law does not move a calendar-day deadline"),
        (None, "No rule was found on moving a deadline"),
    ],
)
def test_calendar_extension_is_not_rolled_where_the_law_does_not_roll(
    federal_cal: HolidayCalendar, roll: bool | None, says: str
) -> None:
    j = make(days=5, day_type=DayType.BUSINESS, roll=roll, extension=ext(30, DayType.CALENDAR))
    # Federal calendar, received Thu 1 Oct 2026: business day 5 is Thu 8 Oct (Columbus Day is
    # Mon 12 Oct, later). Plus 30 calendar days: Sat 7 Nov 2026, left where it is.
    d = compute_deadline(j, D(2026, 10, 1), federal_cal, extension_days=30)
    assert d.due == D(2026, 11, 7)
    assert says in d.explanation()
    facts = extended_facts(federal_cal, D(2026, 10, 1), 30)
    assert all_fast_paths(facts, j, federal_cal) == {D(2026, 11, 7)}


@pytest.mark.parametrize("extension", [None, ext(None, None), ext(10, None)])
def test_without_an_extension_day_type_the_clocks_own_is_used(
    federal_cal: HolidayCalendar, extension: Extension | None
) -> None:
    j = make(days=10, day_type=DayType.CALENDAR, roll=True, extension=extension)
    # Mon 6 Apr 2026 (as above) plus 10 calendar days: Thu 16 Apr 2026.
    d = compute_deadline(j, D(2026, 3, 25), federal_cal, extension_days=10)
    assert d.due == D(2026, 4, 16)
    assert d.extension_day_type is DayType.CALENDAR
    assert "Extension: 10 calendar days after the original due date" in d.explanation()
    facts = extended_facts(federal_cal, D(2026, 3, 25), 10)
    assert all_fast_paths(facts, j, federal_cal) == {D(2026, 4, 16)}


def test_no_extension_means_no_extension_day_type(
    pa: Jurisdiction, pa_cal: HolidayCalendar
) -> None:
    d = compute_deadline(pa, D(2026, 10, 1), pa_cal)
    assert d.due == D(2026, 10, 8)
    assert d.extension_day_type is None
    assert "Extension" not in d.explanation()


def test_alabama_extension_still_lengthens_the_business_day_later_clock(
    jurisdictions: JurisdictionSet,
) -> None:
    al = jurisdictions.get("AL")
    cal = CalendarCache().for_jurisdiction(al)
    assert al.response.day_type is DayType.CALENDAR
    assert al.extension is not None and al.extension.day_type is DayType.BUSINESS
    substantive = next(c for c in al.later_clocks if c.takes_extension)
    assert substantive.days == 15 and substantive.day_type is DayType.BUSINESS
    # Sent Mon 2 Mar 2026, acknowledged Mon 2 Mar (day 0 of the later clock); 15 business
    # days: 3-6 (1-4), 9-13 (5-9), 16-20 (10-14), Mon 23 Mar (15). The 15 business-day
    # extension: 24-27 (1-4), 30 Mar - 3 Apr (5-9), 6-10 Apr (10-14), Mon 13 Apr 2026 (15).
    facts = derive(
        [
            Event(K.SENT, D(2026, 3, 2), method=Method.EMAIL),
            Event(K.ACKNOWLEDGED, D(2026, 3, 2)),
            Event(K.EXTENSION, D(2026, 3, 10), days=15),
        ],
        cal.is_business_day,
    )
    d = later_deadline(substantive, facts, al, cal)
    assert d is not None and d.due == D(2026, 4, 13)
    assert d.extension_day_type is DayType.BUSINESS
    assert "Extension: 15 business days after the original due date Mon 2026-03-23" in (
        d.explanation()
    )
    # The first (calendar-day) clock does not take the extension.
    first = RequestClocks(facts, al, cal).response_deadline()
    assert first is not None and first.extension_days == 0


# -- defect 2: "The day of the the ..." ---------------------------------------------------------


def test_oregon_later_clock_starts_without_a_doubled_the(jurisdictions: JurisdictionSet) -> None:
    oregon = jurisdictions.get("OR")
    clock = next(c for c in oregon.later_clocks if c.name == "Completion or estimate")
    assert clock.starts.startswith("the acknowledgment deadline")
    cal = CalendarCache().for_jurisdiction(oregon)
    # Received Mon 2 Mar 2026: the acknowledgment deadline (5 business days) is Mon 9 Mar.
    start = due_date(oregon, D(2026, 3, 2), cal)
    assert start == D(2026, 3, 9)
    text = compute_deadline(oregon, start, cal, clock=clock).explanation()
    assert (
        "The day of the acknowledgment deadline (5 business days after receipt) "
        "(Mon 2026-03-09) is day 0" in text
    )
    assert "the the" not in text.lower()


def test_no_explanation_of_any_clock_says_the_the(jurisdictions: JurisdictionSet) -> None:
    doubled = re.compile(r"\bthe the\b", re.IGNORECASE)
    checked = 0
    for j in jurisdictions:
        cal = CalendarCache().for_jurisdiction(j)
        for clock in (j.response, *j.later_clocks):
            text = compute_deadline(j, D(2026, 3, 2), cal, clock=clock).explanation()
            assert not doubled.search(text), (j.code, clock.name, text)
            checked += 1
    assert checked > 52  # every jurisdiction's first clock, and the later ones
