"""The clocks of one tracked request on a given day: response, later and appeal deadlines,
each explained by the deadline engine.

`RequestClocks` reads `Facts` (from lifecycle) against the jurisdiction's rules. The list
shows the earliest date among the clocks still running (`list_due`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.clock_inputs import first_clock_facts, merge_pauses, response_answered
from foia_assist.domain.clock_readings import ClockReading, ClockState
from foia_assist.domain.deadlines import Deadline, compute_deadline, fmt_day
from foia_assist.domain.jurisdictions import Clock, ClockAction, CountsFrom, Jurisdiction
from foia_assist.domain.later_clocks import MET_WORDS, later_deadline, later_met, later_start
from foia_assist.domain.lifecycle import Facts, Status


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
        met = " or ".join(MET_WORDS[m] for m in clock.met_by)
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
