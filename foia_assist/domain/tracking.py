"""Clocks of a tracked request on a given day: response and appeal deadlines, explained.

`RequestClocks` reads `Facts` (from lifecycle) against the jurisdiction's rules through the
deadline engine. `quick_due` is the listing fast path: the same dates with no explanation
(pauses applied with the engine's counting primitives; tests compare it with the engine).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.deadlines import (
    Deadline,
    Pause,
    add_days,
    compute_deadline,
    due_date,
    fmt_day,
)
from foia_assist.domain.jurisdictions import Clock, ClockAction, DayType, Jurisdiction
from foia_assist.domain.lifecycle import Facts, PauseSpan, Status


class ClockState(StrEnum):
    NOT_STARTED = "not started"  # not sent yet
    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"  # the agency responded (or the appeal was filed)
    STOPPED = "stopped"  # withdrawn
    NO_DEADLINE = "no deadline"  # the law sets no number of days


@dataclass(frozen=True)
class ClockReading:
    name: str  # "Determination", "Appeal", ...
    state: ClockState
    due: date | None
    days_left: int | None  # calendar days from `today` to `due`; negative when past
    explanation: str
    citation: str = ""

    @property
    def overdue(self) -> bool:
        return self.state in (ClockState.RUNNING, ClockState.PAUSED) and (
            self.days_left is not None and self.days_left < 0
        )


def merge_pauses(pauses: tuple[PauseSpan, ...], received: date) -> list[Pause]:
    """Engine pauses: none before receipt, overlapping stretches (fees + clarification) merged."""
    out: list[Pause] = []
    for p in sorted(pauses, key=lambda p: p.start):
        if p.end is not None and p.end < received:
            continue
        start = max(p.start, received)
        if out and (out[-1].end is None or start < out[-1].end):
            last = out[-1]
            end = None if last.end is None or p.end is None else max(last.end, p.end)
            out[-1] = Pause(last.start, end)
        else:
            out.append(Pause(start, p.end))
    return out


def _roll(j: Jurisdiction, day_type: DayType) -> bool:
    return day_type is DayType.CALENDAR and j.roll_forward.applies is True


def _left(calendar: HolidayCalendar, paused: date, due: date, day_type: DayType) -> int:
    if day_type is DayType.BUSINESS:
        return calendar.count_business_days(paused, due)
    return (due - paused).days


def quick_due(facts: Facts, j: Jurisdiction, calendar: HolidayCalendar) -> date | None:
    """The response due date as `response_deadline` computes it, without explanation.

    None when not sent, paused before the due date, or the law sets no number of days.
    """
    received = facts.received
    if received is None:
        return None
    if facts.new_due is not None:
        return facts.new_due
    due = due_date(j, received.date, calendar, facts.extension_days)
    if due is None or not facts.pauses:
        return due
    day_type = j.response.day_type
    assert day_type is not None  # due_date returned a date, so the clock is fixed
    for pause in merge_pauses(facts.pauses, received.date):
        if pause.start >= due:
            if pause.end is None:
                return due
            continue
        left = _left(calendar, pause.start, due, day_type)
        if pause.end is None:
            return None
        due = add_days(calendar, pause.end, left, day_type, _roll(j, day_type))
    return due


def quick_appeal_due(facts: Facts, j: Jurisdiction, calendar: HolidayCalendar) -> date | None:
    a = j.appeal
    if facts.denied is None or a.deadline_days is None or a.deadline_day_type is None:
        return None
    return add_days(
        calendar, facts.denied, a.deadline_days, a.deadline_day_type, _roll(j, a.deadline_day_type)
    )


def list_due(facts: Facts, j: Jurisdiction, calendar: HolidayCalendar) -> date | None:
    """The date a list shows: the open response deadline, or the appeal deadline after denial."""
    s = facts.status
    if s in (Status.DRAFTED, Status.WITHDRAWN, Status.COMPLETE, Status.APPEAL_DECIDED):
        return None
    if s is Status.DENIED:
        return quick_appeal_due(facts, j, calendar)
    if facts.responded is not None or s is Status.APPEALING:
        return None
    return quick_due(facts, j, calendar)


# Statuses whose list date is the response deadline (while the agency has not responded).
_RESPONSE_PENDING = frozenset(
    {
        Status.SENT,
        Status.AWAITING_RESPONSE,
        Status.PAUSED_CLARIFICATION,
        Status.PAUSED_FEES,
        Status.EXTENDED,
        Status.PARTIALLY_RELEASED,
    }
)


class ListDue:
    """`list_due` for many requests of one jurisdiction: its rules are looked up once.

    The requests list calls this 100,000 times; the common cases (no pause, no agency-set
    date) go straight to the calendar's counting instead of through `quick_due`, `due_date`
    and `add_days`. Anything unusual takes `quick_due` itself; tests compare with `list_due`.
    """

    __slots__ = ("j", "calendar", "_days", "_business", "_roll", "_appeal")

    def __init__(self, j: Jurisdiction, calendar: HolidayCalendar) -> None:
        self.j, self.calendar = j, calendar
        clock = j.response
        fixed = clock.days is not None and clock.days >= 0 and clock.day_type is not None
        self._days = clock.days if fixed else None
        self._business = clock.day_type is DayType.BUSINESS
        self._roll = clock.day_type is not None and _roll(j, clock.day_type)
        a = j.appeal
        self._appeal = (
            (a.deadline_days, a.deadline_day_type, _roll(j, a.deadline_day_type))
            if a.deadline_days is not None and a.deadline_day_type is not None
            else None
        )

    def due(self, facts: Facts) -> date | None:
        s = facts.status
        if s is Status.DENIED:
            appeal, denied = self._appeal, facts.denied
            if appeal is None or denied is None:
                return None
            return add_days(self.calendar, denied, *appeal)
        if s not in _RESPONSE_PENDING or facts.responded is not None:
            return None
        received = facts.received
        if received is None:
            return None
        if facts.new_due is not None:
            return facts.new_due
        days, extension = self._days, facts.extension_days
        if days is None or facts.pauses or extension < 0:
            return quick_due(facts, self.j, self.calendar)
        if self._business:
            # The Nth business day after the Mth is the (M+N)th: one count, not two.
            return self.calendar.add_business_days(received.date, days + extension)
        due = received.date + timedelta(days=days)
        if self._roll:
            due = self.calendar.next_business_day(due)
        if extension:
            due += timedelta(days=extension)
            if self._roll:
                due = self.calendar.next_business_day(due)
        return due


class RequestClocks:
    """The clocks of one request, for any day. Dates come from the engine, explained."""

    def __init__(self, facts: Facts, jurisdiction: Jurisdiction, calendar: HolidayCalendar):
        self.facts = facts
        self.j = jurisdiction
        self.calendar = calendar

    # -- the deadlines -----------------------------------------------------------------------

    def response_deadline(self) -> Deadline | None:
        """The first response clock with extensions and pauses applied (None: not sent)."""
        f = self.facts
        if f.received is None:
            return None
        received = f.received.date
        pauses = merge_pauses(f.pauses, received)
        if f.new_due is not None:
            base = compute_deadline(self.j, received, self.calendar)
            steps = [
                *base.steps[:-1],
                f"Extension: the agency set a new due date, {fmt_day(f.new_due)}; "
                "that date is used (later pauses are not added to it).",
            ]
            paused = any(p.end is None for p in pauses)
            deadline = replace(base, due=f.new_due, steps=tuple(steps), paused=paused)
        else:
            deadline = compute_deadline(
                self.j, received, self.calendar, extension_days=f.extension_days, pauses=pauses
            )
        if f.received.assumption:
            note = f"Receipt: {fmt_day(received)} — {f.received.assumption}."
            deadline = _with_first_step(deadline, note)
        return deadline

    def appeal_deadline(self) -> Deadline | None:
        """The deadline to appeal a denial (None: no denial). No number: `.due` is None."""
        f, a = self.facts, self.j.appeal
        if f.denied is None:
            return None
        clock = Clock(
            days=a.deadline_days,
            day_type=a.deadline_day_type if a.deadline_days is not None else None,
            action=ClockAction.RESPOND,
            summary="file an appeal",
            citation=a.citation,
            starts="denial",
            wording="no deadline to appeal is set by the law",
            name="Appeal",
        )
        d = compute_deadline(self.j, f.denied, self.calendar, clock=clock)
        if a.deadline_days is None or a.deadline_day_type is None:
            rule = (
                f"Rule: the {self.j.law_name} sets no deadline to appeal a denial"
                f"{f' ({a.citation})' if a.citation else ''}. Route: {a.route}"
            )
        else:
            unit = f"{a.deadline_days} {a.deadline_day_type.value} days"
            rule = (
                f"Rule: under the {self.j.law_name} ({a.citation or 'no citation recorded'}), "
                f"an appeal must be filed within {unit} of the denial. Route: {a.route}"
            )
        steps = [rule, *d.steps[1:]]
        if a.note:
            steps.append(f"Note: {a.note}")
        return _replace_steps(d, steps)

    # -- readings for a day ------------------------------------------------------------------

    def clocks_on(self, today: date) -> list[ClockReading]:
        return [self._response_on(today), *([r] if (r := self._appeal_on(today)) else [])]

    def _response_on(self, today: date) -> ClockReading:
        f, clock = self.facts, self.j.response
        name, cite = clock.name, clock.citation
        if f.received is None:
            return ClockReading(name, ClockState.NOT_STARTED, None, None, "Not sent yet.", cite)
        deadline = self.response_deadline()
        assert deadline is not None
        text = deadline.explanation()
        if f.withdrawn is not None:
            why = f"Withdrawn on {fmt_day(f.withdrawn)}: no follow-up will be suggested."
            return ClockReading(name, ClockState.STOPPED, deadline.due, None, why, cite)
        answered = f.responded
        if clock.action is ClockAction.ACKNOWLEDGE and f.acknowledged is not None:
            answered = min(filter(None, (answered, f.acknowledged)))
        if answered is not None:
            late = ""
            if deadline.due is not None and answered > deadline.due:
                late = f" ({(answered - deadline.due).days} days after the due date)"
            why = f"{text}\nThe agency responded on {fmt_day(answered)}{late}."
            return ClockReading(name, ClockState.MET, deadline.due, None, why, cite)
        if deadline.due is None and not deadline.paused:
            return ClockReading(name, ClockState.NO_DEADLINE, None, None, text, cite)
        state = ClockState.PAUSED if deadline.paused else ClockState.RUNNING
        left = (deadline.due - today).days if deadline.due is not None else None
        return ClockReading(name, state, deadline.due, left, text, cite)

    def _appeal_on(self, today: date) -> ClockReading | None:
        f = self.facts
        deadline = self.appeal_deadline()
        if deadline is None:
            return None
        text, cite = deadline.explanation(), deadline.citation
        if f.appeal_filed is not None and f.appeal_filed >= (f.denied or f.appeal_filed):
            why = f"{text}\nAppeal filed on {fmt_day(f.appeal_filed)}."
            return ClockReading("Appeal", ClockState.MET, deadline.due, None, why, cite)
        if f.withdrawn is not None:
            why = f"{text}\nWithdrawn on {fmt_day(f.withdrawn)}."
            return ClockReading("Appeal", ClockState.STOPPED, deadline.due, None, why, cite)
        if deadline.due is None:
            return ClockReading("Appeal", ClockState.NO_DEADLINE, None, None, text, cite)
        left = (deadline.due - today).days
        return ClockReading("Appeal", ClockState.RUNNING, deadline.due, left, text, cite)

    def days_left(self, today: date) -> int | None:
        """Calendar days to the nearest running deadline (negative when it has passed)."""
        lefts = [
            c.days_left
            for c in self.clocks_on(today)
            if c.state in (ClockState.RUNNING, ClockState.PAUSED) and c.days_left is not None
        ]
        return min(lefts) if lefts else None

    def overdue(self, today: date) -> bool:
        """The agency's response is late (an appeal window passing is not the agency's delay)."""
        return self._response_on(today).overdue

    def due_soon(self, today: date, within_days: int) -> bool:
        return any(
            c.state is ClockState.RUNNING
            and c.days_left is not None
            and 0 <= c.days_left <= within_days
            for c in self.clocks_on(today)
        )

    def follow_up(self, today: date) -> str | None:
        """What to do next, if anything. Never after withdrawal or complete release."""
        f = self.facts
        if f.closed or f.status is Status.DRAFTED:
            return None
        for c in self.clocks_on(today):
            if c.name == "Appeal" and c.state is ClockState.RUNNING and c.due is not None:
                if c.due >= today:
                    return f"Consider an appeal: the deadline to file is {fmt_day(c.due)}."
                return f"The deadline to appeal passed on {fmt_day(c.due)}."
        response = self._response_on(today)
        if response.overdue and response.due is not None:
            return (
                f"The response was due on {fmt_day(response.due)} "
                f"({-(response.days_left or 0)} days ago): send a follow-up letter."
            )
        return None


def _replace_steps(d: Deadline, steps: list[str]) -> Deadline:
    return replace(d, steps=tuple(steps))


def _with_first_step(d: Deadline, step: str) -> Deadline:
    return replace(d, steps=(step, *d.steps))
