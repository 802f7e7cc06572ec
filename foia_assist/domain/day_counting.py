"""The one counting implementation: when a clock of N days from day 0 comes due.

Every due date in the app comes from `count_due`: the explained deadline
(`deadlines.compute_deadline`, which passes an `Explainer` that writes the steps), the
bulk manifest (`deadlines.due_date`), the tracker's clocks and the requests list
(`list_due.ListDue`, which passes none). A legal fix to counting is made here, once.

Rules (see docs/jurisdiction-data.md):
- The day the clock starts (usually receipt) is day 0; counting starts the next day.
- Business days skip Saturdays, Sundays and the jurisdiction's holidays.
- Calendar days count every day; an end on a weekend or holiday moves to the next business
  day only where the jurisdiction's roll-forward rule applies.
- An extension adds days after the original due date, counted in the extension's own day
  type (the rule file's [extension] day_type, e.g. Pennsylvania's 30 calendar days after 5
  business days), else in the clock's.
- A pause stops the clock: the days left are those after the pause day up to and including
  the due date (in the clock's day type); on resume the due date is the resume day plus
  those days. A pause that starts on or after the due date leaves the request overdue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.jurisdictions import Clock, DayType, Jurisdiction


@dataclass(frozen=True)
class Pause:
    """The clock stopped on `start` and restarted on `end` (None: still stopped)."""

    start: date
    end: date | None = None


def add_days(
    calendar: HolidayCalendar, start: date, days: int, day_type: DayType, roll_forward: bool
) -> date:
    """Day `days` counted from `start` (day 0).

    Business days skip weekends and holidays. Calendar days count every day; with
    `roll_forward` an end on a weekend or holiday moves to the next business day.
    """
    if days < 0:
        raise ValueError(f"cannot count a negative number of days ({days})")
    if day_type is DayType.BUSINESS:
        return calendar.add_business_days(start, days)
    end = start + timedelta(days=days)
    if roll_forward:
        return calendar.next_business_day(end)
    return end


def days_left(calendar: HolidayCalendar, paused: date, due: date, day_type: DayType) -> int:
    """Days of `day_type` after `paused`, up to and including `due`."""
    if day_type is DayType.BUSINESS:
        return calendar.count_business_days(paused, due)
    return (due - paused).days


def extension_day_type(jurisdiction: Jurisdiction, clock_day_type: DayType) -> DayType:
    """The kind of days an extension is counted in: the [extension]'s own day type when the
    rule file gives one (it may differ from the clock's), else the clock's."""
    ext = jurisdiction.extension
    if ext is not None and ext.day_type is not None:
        return ext.day_type
    return clock_day_type


def rolls_forward(jurisdiction: Jurisdiction, day_type: DayType) -> bool:
    """Whether a count of `day_type` days ending on a closed day moves to the next business day."""
    return day_type is DayType.CALENDAR and jurisdiction.roll_forward.applies is True


@dataclass(frozen=True, slots=True)
class CountRule:
    """What counting needs to know about one clock of one jurisdiction, looked up once."""

    days: int | None  # None: the law sets no number of days
    day_type: DayType | None
    roll: bool  # an end on a closed day moves to the next business day
    ext_type: DayType | None = None  # the kind of days an extension is counted in
    ext_roll: bool = False

    @classmethod
    def of(cls, jurisdiction: Jurisdiction, clock: Clock) -> CountRule:
        day_type = clock.day_type
        if clock.days is None or day_type is None:
            return cls(None, None, False)
        ext_type = extension_day_type(jurisdiction, day_type)
        return cls(
            clock.days,
            day_type,
            rolls_forward(jurisdiction, day_type),
            ext_type,
            rolls_forward(jurisdiction, ext_type),
        )


class Explainer(Protocol):
    """Told each step of a count as it is made (`deadlines` writes them out in words)."""

    def counted(self, start: date, days: int, day_type: DayType, end: date, what: str) -> None:
        """`days` of `day_type` after `start` end on `end` (rolled forward where the law
        says); `what` is "clock", "extension" or "restart"."""

    def extension(self, due: date, days: int, day_type: DayType) -> None: ...

    def paused_after_due(self, pause: Pause, due: date) -> None:
        """Paused on or after the due date: overdue; an open pause ends the count."""

    def paused(self, pause: Pause, left: int, due: date) -> None:
        """Paused before the due date with `left` days left; an open pause ends the count."""

    def restarted(self, pause: Pause) -> None: ...


def count_due(
    rule: CountRule,
    calendar: HolidayCalendar,
    start: date,
    extension_days: int = 0,
    pauses: Sequence[Pause] = (),
    explain: Explainer | None = None,
) -> date | None:
    """The due date of a clock with day 0 `start`.

    `extension_days` are added after the original due date; `pauses` (in date order, not
    overlapping) are applied after any extension. The due date is None when the law sets
    no number of days or while a pause that began before the due date lasts.
    """
    days, day_type = rule.days, rule.day_type
    if days is None or day_type is None:
        return None
    if extension_days < 0:
        raise ValueError(f"extension days cannot be negative ({extension_days})")
    if (
        explain is None
        and not pauses
        and day_type is DayType.BUSINESS
        and (not extension_days or rule.ext_type is DayType.BUSINESS)
    ):
        # The Nth business day after the Mth is the (M+N)th: one count, not two.
        return calendar.add_business_days(start, days + extension_days)
    due = add_days(calendar, start, days, day_type, rule.roll)
    if explain is not None:
        explain.counted(start, days, day_type, due, "clock")
    if extension_days:
        ext_type = rule.ext_type or day_type
        if explain is not None:
            explain.extension(due, extension_days, ext_type)
        extended = add_days(calendar, due, extension_days, ext_type, rule.ext_roll)
        if explain is not None:
            explain.counted(due, extension_days, ext_type, extended, "extension")
        due = extended
    for pause in pauses:
        if pause.start >= due:  # already overdue: the due date does not move
            if explain is not None:
                explain.paused_after_due(pause, due)
            if pause.end is None:
                return due
            continue
        left = days_left(calendar, pause.start, due, day_type)
        if explain is not None:
            explain.paused(pause, left, due)
        if pause.end is None:
            return None
        if explain is not None:
            explain.restarted(pause)
        resumed = add_days(calendar, pause.end, left, day_type, rule.roll)
        if explain is not None:
            explain.counted(pause.end, left, day_type, resumed, "restart")
        due = resumed
    return due
