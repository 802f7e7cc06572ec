"""Clocks of a tracked request on a given day: response, later and appeal deadlines, explained.

`RequestClocks` reads `Facts` (from lifecycle) against the jurisdiction's rules through the
deadline engine. `quick_due` is the listing fast path: the same dates with no explanation
(pauses applied with the engine's counting primitives; tests compare it with the engine).

Later clocks (Alabama's substantive response after the acknowledgment, Oregon's completion
or estimate, ...) are tracked when their rule file says in the tracker's terms when they
start (`counts_from`) and what satisfies them (`met_by`). The list shows the earliest date
among the clocks still running.
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
    extension_day_type,
    fmt_day,
    rolls_forward,
)
from foia_assist.domain.jurisdictions import (
    Clock,
    ClockAction,
    CountsFrom,
    DayType,
    Jurisdiction,
    MetBy,
)
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
    start: date | None = None  # day 0 of the count, once known
    met_on: date | None = None  # when the clock was met (state MET)

    @property
    def late_by(self) -> int | None:
        """Days the clock was met after its due date (None: on time, or not met)."""
        if self.met_on is None or self.due is None or self.met_on <= self.due:
            return None
        return (self.met_on - self.due).days

    @property
    def state_text(self) -> str:
        """The state in words: "met late (3 days after the due date)" rather than just "met"."""
        late = self.late_by
        if self.state is ClockState.MET and late is not None:
            return f"met late ({late} day{'s' if late != 1 else ''} after the due date)"
        return self.state.value

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


_roll = rolls_forward


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
    return quick_clock_due(
        j, j.response, received.date, calendar, facts.extension_days, facts.new_due, facts.pauses
    )


def quick_clock_due(
    j: Jurisdiction,
    clock: Clock,
    start: date,
    calendar: HolidayCalendar,
    extension_days: int,
    new_due: date | None,
    pauses: tuple[PauseSpan, ...],
) -> date | None:
    """Any clock's due date from day 0 `start`, as the engine counts it, without explanation."""
    if new_due is not None:
        return new_due
    day_type = clock.day_type
    if clock.days is None or day_type is None:
        return None
    roll = _roll(j, day_type)
    due = add_days(calendar, start, clock.days, day_type, roll)
    if extension_days:
        # Counted in the extension's own day type (Pennsylvania: calendar after business).
        ext_type = extension_day_type(j, day_type)
        due = add_days(calendar, due, extension_days, ext_type, _roll(j, ext_type))
    if not pauses:
        return due
    for pause in merge_pauses(pauses, start):
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


def response_answered(facts: Facts, clock: Clock) -> date | None:
    """When the first clock was met: a response, or an acknowledgment where that is all it asks."""
    answered = facts.responded
    if clock.action is ClockAction.ACKNOWLEDGE and facts.acknowledged is not None:
        answered = facts.acknowledged if answered is None else min(answered, facts.acknowledged)
    return answered


def later_start(
    clock: Clock, facts: Facts, j: Jurisdiction, calendar: HolidayCalendar
) -> date | None:
    """Day 0 of a tracked later clock, or None while it has not started."""
    received = facts.received
    if received is None or clock.counts_from is None:
        return None
    if clock.counts_from is CountsFrom.RECEIPT:
        return received.date
    if clock.counts_from is CountsFrom.ACKNOWLEDGMENT:
        return facts.acknowledged
    return due_date(j, received.date, calendar, 0)  # FIRST_DEADLINE, as the law sets it


_MET_WORDS = {
    MetBy.RESPONSE: "a response (records released or a denial)",
    MetBy.ACKNOWLEDGMENT: "an acknowledgment",
    MetBy.EXTENSION: "a written extension or estimate of when it will respond",
}


def later_met(clock: Clock, facts: Facts) -> date | None:
    """The first logged event that satisfies the later clock, if any."""
    best: date | None = None
    for m in clock.met_by:
        if m is MetBy.RESPONSE:
            d = facts.responded
        elif m is MetBy.ACKNOWLEDGMENT:
            d = facts.acknowledged
        else:
            d = facts.extended
        if d is not None and (best is None or d < best):
            best = d
    return best


def later_deadline(
    clock: Clock,
    facts: Facts,
    j: Jurisdiction,
    calendar: HolidayCalendar,
    start: date | None = None,
) -> Deadline | None:
    """A tracked later clock from its start (`later_start`, unless the caller has it), with
    pauses, and with extensions where the law's extension lengthens this clock; None while it
    has not started."""
    if start is None:
        start = later_start(clock, facts, j, calendar)
    if start is None:
        return None
    pauses = merge_pauses(facts.pauses, start)
    if clock.takes_extension and facts.new_due is not None:
        base = compute_deadline(j, start, calendar, clock=clock)
        steps = [
            *base.steps[:-1],
            f"Extension: the agency set a new due date, {fmt_day(facts.new_due)}; "
            "that date is used (later pauses are not added to it).",
        ]
        paused = any(p.end is None for p in pauses)
        return replace(base, due=facts.new_due, steps=tuple(steps), paused=paused)
    days = facts.extension_days if clock.takes_extension else 0
    return compute_deadline(j, start, calendar, clock=clock, extension_days=days, pauses=pauses)


def first_clock_facts(facts: Facts, j: Jurisdiction) -> Facts:
    """`facts` as the first clock sees them: without the extension when the law's extension
    lengthens a later clock instead (Alabama's substantive response, not the acknowledgment)."""
    if facts.extension_days == 0 and facts.new_due is None:
        return facts
    if j.extended_clock is not j.response:
        return facts._replace(extension_days=0, new_due=None)
    return facts


def later_dues(facts: Facts, j: Jurisdiction, calendar: HolidayCalendar) -> list[date]:
    """Due dates of the tracked later clocks still running (for the list)."""
    out = []
    for clock in j.later_clocks:
        if not clock.tracked or later_met(clock, facts) is not None:
            continue
        start = later_start(clock, facts, j, calendar)
        if start is None:
            continue
        extends = clock.takes_extension
        due = quick_clock_due(
            j,
            clock,
            start,
            calendar,
            facts.extension_days if extends else 0,
            facts.new_due if extends else None,
            facts.pauses,
        )
        if due is not None:
            out.append(due)
    return out


def list_due(facts: Facts, j: Jurisdiction, calendar: HolidayCalendar) -> date | None:
    """The date a list shows: the earliest running deadline (the first clock until it is met,
    then any tracked later clock), or the appeal deadline after a denial."""
    s = facts.status
    if s in (Status.DRAFTED, Status.WITHDRAWN, Status.COMPLETE, Status.APPEAL_DECIDED):
        return None
    if s is Status.DENIED:
        return quick_appeal_due(facts, j, calendar)
    if s is Status.APPEALING:
        return None
    dues = later_dues(facts, j, calendar)
    if response_answered(facts, j.response) is None:
        first = quick_due(first_clock_facts(facts, j), j, calendar)
        if first is not None:
            dues.append(first)
    return min(dues) if dues else None


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

    __slots__ = (
        "j",
        "calendar",
        "_days",
        "_business",
        "_roll",
        "_ext_business",
        "_ext_roll",
        "_appeal",
        "_ack",
        "_later",
    )

    def __init__(self, j: Jurisdiction, calendar: HolidayCalendar) -> None:
        self.j, self.calendar = j, calendar
        clock = j.response
        fixed = clock.days is not None and clock.days >= 0 and clock.day_type is not None
        self._days = clock.days if fixed else None
        self._business = clock.day_type is DayType.BUSINESS
        self._roll = clock.day_type is not None and _roll(j, clock.day_type)
        # Extension days are counted in the extension's own day type, which may differ.
        ext_type = extension_day_type(j, clock.day_type) if clock.day_type else None
        self._ext_business = ext_type is DayType.BUSINESS
        self._ext_roll = ext_type is not None and _roll(j, ext_type)
        self._ack = clock.action is ClockAction.ACKNOWLEDGE
        self._later = any(c.tracked for c in j.later_clocks)
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
        if s not in _RESPONSE_PENDING:
            return None
        if self._later:  # a few states: the full rule, first clock and later ones
            return list_due(facts, self.j, self.calendar)
        if facts.responded is not None or (self._ack and facts.acknowledged is not None):
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
            if self._ext_business or not extension:
                # The Nth business day after the Mth is the (M+N)th: one count, not two.
                return self.calendar.add_business_days(received.date, days + extension)
            due = self.calendar.add_business_days(received.date, days)
        else:
            due = received.date + timedelta(days=days)
            if self._roll:
                due = self.calendar.next_business_day(due)
        if extension:
            if self._ext_business:
                due = self.calendar.add_business_days(due, extension)
            else:
                due += timedelta(days=extension)
                if self._ext_roll:
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
        f = first_clock_facts(self.facts, self.j)
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
        # The table's `note` is research history (sources tried, passes): not for the pane.
        steps = [rule, *d.steps[1:]]
        return _replace_steps(d, steps)

    # -- readings for a day ------------------------------------------------------------------

    def clocks_on(self, today: date) -> list[ClockReading]:
        later = [self._later_on(c, today) for c in self.j.later_clocks if c.tracked]
        return [
            self._response_on(today),
            *later,
            *([r] if (r := self._appeal_on(today)) else []),
        ]

    def later_deadline(self, clock: Clock) -> Deadline | None:
        """A tracked later clock, explained (None: not started)."""
        start = later_start(clock, self.facts, self.j, self.calendar)
        return None if start is None else self._later_explained(clock, start)

    def _later_explained(self, clock: Clock, start: date) -> Deadline:
        d = later_deadline(clock, self.facts, self.j, self.calendar, start)
        assert d is not None  # it has a start
        origin = {
            CountsFrom.RECEIPT: "receipt",
            CountsFrom.ACKNOWLEDGMENT: "the agency's acknowledgment",
            CountsFrom.FIRST_DEADLINE: f"the {self.j.response.name.lower()} deadline",
        }[clock.counts_from or CountsFrom.RECEIPT]
        met = " or ".join(_MET_WORDS[m] for m in clock.met_by)
        note = f"This later deadline counts from {origin} ({fmt_day(start)}); it is met by {met}."
        return _replace_steps(d, [*d.steps, note])

    def _later_on(self, clock: Clock, today: date) -> ClockReading:
        f, name, cite = self.facts, clock.name, clock.citation
        if f.received is None:
            return ClockReading(name, ClockState.NOT_STARTED, None, None, "Not sent yet.", cite)
        start = later_start(clock, f, self.j, self.calendar)
        deadline = None if start is None else self._later_explained(clock, start)
        met = later_met(clock, f)
        if deadline is None and met is not None:
            why = f"Not needed: the agency answered on {fmt_day(met)}, before this clock began."
            return ClockReading(name, ClockState.MET, None, None, why, cite, None, met)
        if deadline is None:
            why = (
                f"Starts from {clock.starts}: log the agency's acknowledgment when it comes. "
                f"Then: {clock.period_in_words()} to {clock.summary}."
            )
            return ClockReading(name, ClockState.NOT_STARTED, None, None, why, cite)
        text = deadline.explanation()
        if f.withdrawn is not None:
            why = f"{text}\nWithdrawn on {fmt_day(f.withdrawn)}."
            return ClockReading(name, ClockState.STOPPED, deadline.due, None, why, cite, start)
        if met is not None:
            late = ""
            if deadline.due is not None and met > deadline.due:
                late = f" ({(met - deadline.due).days} days after the due date)"
            why = f"{text}\nMet on {fmt_day(met)}{late}."
            return ClockReading(name, ClockState.MET, deadline.due, None, why, cite, start, met)
        state = ClockState.PAUSED if deadline.paused else ClockState.RUNNING
        left = (deadline.due - today).days if deadline.due is not None else None
        return ClockReading(name, state, deadline.due, left, text, cite, start)

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
        answered = response_answered(f, clock)
        if answered is not None:
            late = ""
            if deadline.due is not None and answered > deadline.due:
                late = f" ({(answered - deadline.due).days} days after the due date)"
            did = "acknowledged the request" if answered == f.acknowledged else "responded"
            if answered == f.responded:
                did = "responded"
            why = f"{text}\nThe agency {did} on {fmt_day(answered)}{late}."
            return ClockReading(
                name, ClockState.MET, deadline.due, None, why, cite, f.received.date, answered
            )
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
        """The agency is late (an appeal window passing is not the agency's delay)."""
        return self.overdue_clock(today) is not None

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
        late = self.overdue_clock(today)
        if late is not None and late.due is not None:
            what = "response" if late.name == self.j.response.name else late.name.lower()
            return (
                f"The {what} was due on {fmt_day(late.due)} "
                f"({-(late.days_left or 0)} days ago): send a follow-up letter."
            )
        return None

    def overdue_clock(self, today: date) -> ClockReading | None:
        """The agency's most overdue deadline (first or later clock), if any has passed."""
        late = [c for c in self.clocks_on(today) if c.name != "Appeal" and c.overdue]
        return min(late, key=lambda c: c.days_left or 0) if late else None


def _replace_steps(d: Deadline, steps: list[str]) -> Deadline:
    return replace(d, steps=tuple(steps))


def _with_first_step(d: Deadline, step: str) -> Deadline:
    return replace(d, steps=(step, *d.steps))
