"""Deadlines explained: the due date of a clock and, step by step, how it was found.

The counting itself is `day_counting.count_due` (the one implementation); this module
passes it an explainer that writes each step in plain English, and wraps the result in a
`Deadline`. `due_date` is the same count with no explanation (bulk manifests).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.day_counting import CountRule, Pause, count_due
from foia_assist.domain.jurisdictions import Clock, DayType, Jurisdiction

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKEND = {5: "Saturday", 6: "Sunday"}


@dataclass(frozen=True)
class SkippedDay:
    date: date
    reason: str  # "Saturday", "Sunday" or the holiday's name


@dataclass(frozen=True)
class Deadline:
    jurisdiction: str  # code
    clock_name: str
    received: date
    due: date | None
    days: int | None
    day_type: DayType | None
    extension_days: int
    skipped: tuple[SkippedDay, ...]
    steps: tuple[str, ...]
    citation: str
    paused: bool = False
    note: str = ""
    extension_day_type: DayType | None = None  # the kind of days the extension was counted in

    def explanation(self) -> str:
        return "\n".join(self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "clock_name": self.clock_name,
            "received": self.received.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "days": self.days,
            "day_type": self.day_type.value if self.day_type else None,
            "extension_days": self.extension_days,
            "extension_day_type": (
                self.extension_day_type.value if self.extension_day_type else None
            ),
            "skipped": [{"date": s.date.isoformat(), "reason": s.reason} for s in self.skipped],
            "explanation": self.explanation(),
            "steps": list(self.steps),
            "citation": self.citation,
            "paused": self.paused,
            "note": self.note,
        }


def fmt_day(d: date) -> str:
    """ "Mon 2026-11-23": the weekday (not locale-dependent) and the ISO date."""
    return f"{_WEEKDAYS[d.weekday()]} {d.isoformat()}"


def due_date(
    jurisdiction: Jurisdiction,
    received: date,
    calendar: HolidayCalendar,
    extension_days: int = 0,
) -> date | None:
    """The first clock's due date (None when the law sets no number), without explanation."""
    rule = CountRule.of(jurisdiction, jurisdiction.response)
    return count_due(rule, calendar, received, extension_days)


# -- explained computation ---------------------------------------------------------------


def compute_deadline(
    jurisdiction: Jurisdiction,
    received: date,
    calendar: HolidayCalendar,
    *,
    clock: Clock | None = None,
    extension_days: int = 0,
    pauses: Iterable[Pause] = (),
) -> Deadline:
    """The due date of `clock` (default: the first response clock) with every step explained.

    `received` is the day the clock starts (day 0). `extension_days` are added after the
    original due date; `pauses` are applied in date order after any extension.
    """
    clock = clock or jurisdiction.response
    if extension_days < 0:
        raise ValueError(f"extension days cannot be negative ({extension_days})")
    pause_list = sorted(pauses, key=lambda p: p.start)
    _check_pauses(received, pause_list)
    return _Explained(jurisdiction, received, calendar, clock, extension_days).run(pause_list)


def _check_pauses(received: date, pauses: list[Pause]) -> None:
    for i, p in enumerate(pauses):
        if p.start < received:
            raise ValueError(f"a pause starts on {p.start}, before the clock started ({received})")
        if p.end is not None and p.end < p.start:
            raise ValueError(f"a pause ends on {p.end}, before it started ({p.start})")
        if i + 1 < len(pauses):
            following = pauses[i + 1]
            if p.end is None or following.start < p.end:
                raise ValueError(
                    f"pauses overlap: one from {p.start}, the next from {following.start}"
                )


class _Explained:
    """Builds one Deadline: runs the count with itself as the explainer, keeping the steps
    and the skipped days."""

    def __init__(
        self,
        jurisdiction: Jurisdiction,
        received: date,
        calendar: HolidayCalendar,
        clock: Clock,
        extension_days: int,
    ) -> None:
        self.j = jurisdiction
        self.received = received
        self.calendar = calendar
        self.clock = clock
        self.extension_days = extension_days
        self.steps: list[str] = []
        self.skipped: list[SkippedDay] = []
        self.extension_day_type: DayType | None = None  # set once an extension is counted
        self.left = ""  # the days left at the last pause, in words
        self.stopped_by: Pause | None = None  # the open pause the count ended at

    def deadline(self, due: date | None, *, paused: bool = False, note: str = "") -> Deadline:
        return Deadline(
            jurisdiction=self.j.code,
            clock_name=self.clock.name,
            received=self.received,
            due=due,
            days=self.clock.days,
            day_type=self.clock.day_type,
            extension_days=self.extension_days,
            skipped=tuple(self.skipped),
            steps=tuple(self.steps),
            citation=self.clock.citation,
            paused=paused,
            note=note,
            extension_day_type=self.extension_day_type,
        )

    def run(self, pauses: list[Pause]) -> Deadline:
        clock = self.clock
        days, day_type = clock.days, clock.day_type
        if days is None or day_type is None:
            return self.no_fixed_days()
        unit = _unit(days, day_type)
        self.steps.append(
            # The time limit first: summaries can end in their own "within …" wording.
            f"Rule: under the {self.j.law_name} ({clock.citation}), within {unit} of "
            f"{clock.starts} the agency must {clock.summary}."
        )
        self.steps.append(
            f"The {_start_words(clock)} ({fmt_day(self.received)}) is day 0; "
            "counting starts the next day."
        )
        rule = CountRule.of(self.j, clock)
        due = count_due(rule, self.calendar, self.received, self.extension_days, pauses, self)
        stopped_by = self.stopped_by
        if stopped_by is not None and due is not None:
            note = f"Paused since {stopped_by.start.isoformat()}, after the due date: overdue."
            self.steps.append(f"Result: overdue since {fmt_day(due)}; the clock is paused.")
            return self.deadline(due, paused=True, note=note)
        if stopped_by is not None:
            note = (
                f"Paused since {stopped_by.start.isoformat()} with {self.left} left; the new "
                f"due date will be {self.left} after the day the clock restarts."
            )
            self.steps.append(f"Result: no due date while the clock is paused. {note}")
            return self.deadline(None, paused=True, note=note)
        assert due is not None  # a fixed number of days and no open pause
        self.steps.append(f"Result: the {clock.name.lower()} is due by {fmt_day(due)}.")
        return self.deadline(due)

    def no_fixed_days(self) -> Deadline:
        clock = self.clock
        wording = clock.wording or "no fixed number of days"
        # Quotation marks only for words a fact's quote holds (the law's own words as read).
        if clock.wording and self.j.quoting(clock.wording) is not None:
            said = f"the law says “{wording}” and sets no number of days"
        else:
            said = f"the law sets no number of days (in short: {wording})"
        self.steps.append(
            f"Rule: under the {self.j.law_name} ({clock.citation}), the agency must "
            f"{clock.summary}: {said}."
        )
        note = "The law sets no fixed number of days, so no date can be computed."
        self.steps.append(f"{note} Received {fmt_day(self.received)}.")
        return self.deadline(None, note=note)

    # -- the explainer (day_counting.Explainer) ------------------------------------------

    def counted(self, start: date, days: int, day_type: DayType, end: date, what: str) -> None:
        unit = _unit(days, day_type)
        from_what = {
            "clock": "",
            "extension": fmt_day(start),
            "restart": f"the restart ({fmt_day(start)})",
        }[what]
        after = f" after {from_what}" if from_what else ""
        if day_type is DayType.BUSINESS:
            self.steps.append(
                f"Counting {unit}{after}, skipping Saturdays, Sundays and holidays"
                f"{_holiday_source(self.j)}."
            )
            for skipped in self.skipped_between(start, end):
                self.steps.append(f"Skipped {fmt_day(skipped.date)}: {skipped.reason}.")
                self.skipped.append(skipped)
            self.steps.append(f"Business day {days} is {fmt_day(end)}.")
            return
        last = start + timedelta(days=days)  # before any roll forward
        self.steps.append(f"Counting {unit}{after}: day {days} is {fmt_day(last)}.")
        self.rolled(last, end)

    def rolled(self, end: date, moved: date) -> None:
        """Explain the jurisdiction's roll-forward rule for a calendar-day end date."""
        if self.calendar.is_business_day(end):
            return
        why = _closed_reason(self.calendar, end)
        rule = self.j.roll_forward
        cite = f" ({rule.citation})" if rule.citation else ""
        if rule.applies is True:
            passed = self.skipped_between(end - timedelta(days=1), moved - timedelta(days=1))
            self.skipped.extend(passed)
            self.steps.append(
                f"{fmt_day(end)} is a {why}, so the deadline moves to the next business day, "
                f"{fmt_day(moved)}{cite}."
            )
        elif rule.applies is None:
            self.steps.append(
                f"{fmt_day(end)} is a {why}. No rule was found on moving a deadline that ends "
                f"on a weekend or holiday, so the date is not moved."
            )
        else:
            self.steps.append(
                f"{fmt_day(end)} is a {why}; the law does not move a calendar-day deadline to "
                f"the next business day{cite}, so the date is not moved."
            )

    def extension(self, due: date, days: int, day_type: DayType) -> None:
        ext = self.j.extension
        self.extension_day_type = day_type
        if ext is not None and ext.citation:
            basis = f"the law allows an extension ({ext.citation}): {ext.conditions}"
        else:
            basis = "no extension is set out in this app's rule data; the number given is used"
        self.steps.append(
            f"Extension: {_unit(days, day_type)} after the original due date "
            f"{fmt_day(due)} ({basis})."
        )

    def paused_after_due(self, pause: Pause, due: date) -> None:
        self.steps.append(
            f"The clock was paused on {fmt_day(pause.start)}, on or after the due date "
            f"{fmt_day(due)}: the request was already overdue and stays overdue; "
            "the due date does not move."
        )
        if pause.end is None:
            self.stopped_by = pause

    def paused(self, pause: Pause, left: int, due: date) -> None:
        day_type = self.clock.day_type
        assert day_type is not None  # only a counted clock pauses
        self.left = _unit(left, day_type)
        # Days after the pause no longer count; the resumed count lists its own skipped days.
        self.skipped = [s for s in self.skipped if s.date <= pause.start]
        self.steps.append(
            f"The clock was paused on {fmt_day(pause.start)} with {self.left} left "
            f"(after {fmt_day(pause.start)} up to and including {fmt_day(due)})."
        )
        if pause.end is None:
            self.stopped_by = pause

    def restarted(self, pause: Pause) -> None:
        assert pause.end is not None
        self.steps.append(f"The clock restarted on {fmt_day(pause.end)}.")

    def skipped_between(self, start: date, end: date) -> list[SkippedDay]:
        """Weekend days and holidays after `start`, up to and including `end`."""
        found: list[SkippedDay] = []
        holidays = dict(self.calendar.holidays_between(start + timedelta(days=1), end))
        d = start + timedelta(days=1)
        while d <= end:
            reason = _WEEKEND.get(d.weekday()) or holidays.get(d)
            if reason:
                found.append(SkippedDay(d, reason))
            d += timedelta(days=1)
        return found


def _unit(days: int, day_type: DayType) -> str:
    return f"{days} {day_type.value} day{'' if days == 1 else 's'}"


def _start_words(clock: Clock) -> str:
    """What day 0 is, after "The ": "receipt day", "day of the notice", ..."""
    starts = clock.starts
    if starts.startswith("receipt"):
        return "receipt day"
    if starts[:4].lower() == "the ":  # "the acknowledgment deadline (...)": no second "the"
        return f"day of the {starts[4:]}"
    return f"day of the {starts}"


def _holiday_source(j: Jurisdiction) -> str:
    return f" ({j.holidays.citation})" if j.holidays.citation else ""


def _closed_reason(calendar: HolidayCalendar, d: date) -> str:
    weekend = _WEEKEND.get(d.weekday())
    holiday = calendar.holiday_name(d)
    if weekend and holiday:
        return f"{weekend} ({holiday})"
    if weekend:
        return weekend
    return f"holiday ({holiday})"
