"""The clocks of one tracked request on a given day: response, later and appeal deadlines,
each explained by the deadline engine.

`RequestClocks` reads `Facts` (from lifecycle) against the jurisdiction's rules. The list
shows the earliest date among the clocks still running (`list_due`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from foia_assist.domain.appeal_clocks import (
    APPEAL,
    APPEAL_DECISION,
    appeal_window,
    decision_decided,
    decision_route,
    decision_start,
    pending_route,
)
from foia_assist.domain.appeal_routes import AppealPlan, filing_of, plan_appeal
from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.clock_inputs import first_clock_facts, merge_pauses, response_answered
from foia_assist.domain.clock_readings import ClockReading, ClockState
from foia_assist.domain.deadlines import Deadline, compute_deadline, fmt_day
from foia_assist.domain.extension_notice import LateExtension, late_extension
from foia_assist.domain.jurisdictions import (
    Clock,
    ClockAction,
    CountsFrom,
    Fact,
    Jurisdiction,
    Level,
)
from foia_assist.domain.later_clocks import MET_WORDS, later_deadline, later_met, later_start
from foia_assist.domain.level_clock import own_clock_deadline, own_first_clock_fact
from foia_assist.domain.lifecycle import Facts, Status


class RequestClocks:
    """The clocks of one request, for any day. Dates come from the engine, explained."""

    def __init__(
        self,
        facts: Facts,
        jurisdiction: Jurisdiction,
        calendar: HolidayCalendar,
        plan: AppealPlan | None = None,
        level: Level | None = None,
    ):
        self.facts = facts
        self.j = jurisdiction
        self.calendar = calendar
        # Where the `[response]` table does not cover this kind of agency (Montana's state
        # agencies), the first clock is the fact's own, shown without a date (level_clock).
        self.own_clock = own_first_clock_fact(jurisdiction, level)
        self.level = level
        # The appeal route for this request's agency level and denial (appeal_routes); an
        # agency of unknown level gets only the routes open against every agency.
        self.plan = plan if plan is not None else plan_appeal(jurisdiction, None, ())

    # -- the deadlines -----------------------------------------------------------------------

    def response_deadline(self) -> Deadline | None:
        """The first response clock with extensions and pauses applied (None: not sent)."""
        f = first_clock_facts(self.facts, self.j)
        if f.received is None:
            return None
        received = f.received.date
        pauses = merge_pauses(f.pauses, received)
        if self.own_clock is not None and f.new_due is None:
            assumption = f.received.assumption or ""
            return own_clock_deadline(
                self.j, self.own_clock, received, assumption, f.extension_days
            )
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
        late = (
            late_extension(f, self.j, self.calendar, level=self.level)
            if f.extended is not None
            else None
        )
        if late is not None:
            deadline = replace(
                deadline, steps=(*deadline.steps, f"Late extension: {late.message()}")
            )
        return deadline

    def appeal_deadline(self) -> Deadline | None:
        """The deadline to appeal a denial (None: no denial). No number: `.due` is None."""
        f, w = self.facts, appeal_window(self.j, self.plan)
        if f.denied is None:
            return None
        clock = Clock(
            days=w.days,
            day_type=w.day_type,
            action=ClockAction.RESPOND,
            summary="file an appeal",
            citation=w.citation,
            starts="denial",
            wording="no deadline to appeal is set by the law",
            name=APPEAL,
        )
        d = compute_deadline(self.j, f.denied, self.calendar, clock=clock)
        basis = self._appeal_basis(w.fact, w.citation)
        if (w.days is None or w.day_type is None) and basis is not None and not basis.settled:
            # The section's text was not read (or the law is unsettled): no deadline was
            # found, which is not the law setting none (review-pass-11 F11).
            why = "its text was not read" if not basis.quote else "the law is unsettled"
            rule = (
                f"Rule: no deadline to appeal a denial was found in the {self.j.law_name} "
                f"({basis.citation}: {why}). Route: {w.route}"
            )
        elif w.days is None or w.day_type is None:
            rule = (
                f"Rule: the {self.j.law_name} sets no deadline to appeal a denial"
                f"{f' ({w.citation})' if w.citation else ''}. Route: {w.route}"
            )
        else:
            unit = f"{w.days} {w.day_type.value} days"
            rule = (
                f"Rule: under the {self.j.law_name} ({w.citation or 'no citation recorded'}), "
                f"an appeal must be filed within {unit} of the denial. Route: {w.route}"
            )
        # The table's `note` is research history (sources tried, passes): not for the pane.
        steps = [rule, *d.steps[1:]]
        return _replace_steps(d, steps)

    def _appeal_basis(self, route: Fact | None, citation: str) -> Fact | None:
        """The fact the appeal rule rests on: the route's, else (no administrative route) the
        court's, else an appeal fact with the [appeal] table's citation."""
        if route is not None:
            return route
        if self.plan.court is not None and self.plan.route is None:
            return self.plan.court
        return next(
            (f for f in self.j.facts if f.topic == "appeal" and f.citation == citation), None
        )

    def decision_deadline(self) -> Deadline | None:
        """The deciding body's deadline to decide the pending appeal, explained (None: no
        appeal logged, or the law's time to decide is not in the data; no number: `.due`
        is None)."""
        route = decision_route(self.plan, self.facts)
        start = None if route is None else decision_start(route, self.facts)
        if route is None or start is None:
            return None
        who = _decider(route)
        filing = filing_of(route)
        what = f"decide the {filing}" if route.decides else "answer the request"
        counted = "the denial" if route.decision_counts_from == "denial" else "the appeal"
        cite = route.decision_citation or route.citation
        clock = Clock(
            days=route.decision_days,
            day_type=route.decision_day_type,
            action=ClockAction.DECIDE,
            summary=what,
            citation=cite,
            starts=counted,
            wording=route.decision_wording,
            name=APPEAL_DECISION,
        )
        d = compute_deadline(self.j, start, self.calendar, clock=clock)
        if route.decision_days is None or route.decision_day_type is None:
            rule = (
                f"Rule: under the {self.j.law_name} ({cite}), {who} must {what} "
                f"{route.decision_wording}; the law sets no number of days."
            )
            return _replace_steps(d, [rule, *_law_words(route)])
        unit = f"{route.decision_days} {route.decision_day_type.value} days"
        if route.decision_counts_from == "denial":
            rule = (
                f"Rule: under the {self.j.law_name} ({cite}), the time for {who} to {what} "
                f"runs {unit} from the denial."
            )
            day0 = (
                f"The day of the denial ({fmt_day(start)}) is day 0; counting starts the next day."
            )
        elif route.decision_from:  # the law's own words for day 0 (Maryland's Board: filing)
            rule = (
                f"Rule: under the {self.j.law_name} ({cite}), {who} must {what} within {unit} "
                f"after \u201c{route.decision_from}\u201d."
            )
            day0 = (
                f"The day the {filing} was filed ({fmt_day(start)}) is day 0 (the law counts "
                f"from \u201c{route.decision_from}\u201d: if that came later, the date is "
                "later); counting "
                "starts the next day."
            )
        else:
            rule = (
                f"Rule: under the {self.j.law_name} ({cite}), {who} must {what} within {unit} "
                "of receiving it."
            )
            day0 = (
                f"The day the {filing} was filed ({fmt_day(start)}) is day 0 (the law "
                "counts from its receipt: if it arrived later, the date is later); counting "
                "starts the next day."
            )
        return _replace_steps(d, [rule, *_law_words(route), day0, *d.steps[2:]])

    # -- readings for a day ------------------------------------------------------------------

    def clocks_on(self, today: date) -> list[ClockReading]:
        later = [self._later_on(c, today) for c in self.j.later_clocks if c.tracked]
        return [
            self._response_on(today),
            *later,
            *([r] if (r := self._appeal_on(today)) else []),
            *([r] if (r := self._decision_on(today)) else []),
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
                late = f" ({_days((met - deadline.due).days)} after the due date)"
            why = f"{text}\nMet on {fmt_day(met)}{late}."
            return ClockReading(name, ClockState.MET, deadline.due, None, why, cite, start, met)
        state = ClockState.PAUSED if deadline.paused else ClockState.RUNNING
        left = (deadline.due - today).days if deadline.due is not None else None
        return ClockReading(name, state, deadline.due, left, text, cite, start)

    def _response_on(self, today: date) -> ClockReading:
        f, clock = self.facts, self.j.response
        name, cite = clock.name, clock.citation
        if self.own_clock is not None:
            name, cite = self.own_clock.clock, self.own_clock.citation
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
                late = f" ({_days((answered - deadline.due).days)} after the due date)"
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
            return ClockReading(APPEAL, ClockState.MET, deadline.due, None, why, cite)
        if f.withdrawn is not None:
            why = f"{text}\nWithdrawn on {fmt_day(f.withdrawn)}."
            return ClockReading(APPEAL, ClockState.STOPPED, deadline.due, None, why, cite)
        if deadline.due is None:
            return ClockReading(APPEAL, ClockState.NO_DEADLINE, None, None, text, cite)
        left = (deadline.due - today).days
        return ClockReading(APPEAL, ClockState.RUNNING, deadline.due, left, text, cite)

    def _decision_on(self, today: date) -> ClockReading | None:
        """The deciding body's clock, once an appeal is logged; where the data has no time to
        decide for this route, a reading that says so (no date is made up)."""
        f = self.facts
        if f.appeal_filed is None or f.denied is None:
            return None
        deadline = self.decision_deadline()
        if deadline is None:
            why = self._no_decision_clock()
            return ClockReading(APPEAL_DECISION, ClockState.NO_DEADLINE, None, None, why)
        text, cite = deadline.explanation(), deadline.citation
        start = deadline.received
        decided = decision_decided(f)
        if decided is not None:
            late = ""
            if deadline.due is not None and decided > deadline.due:
                late = f" ({_days((decided - deadline.due).days)} after the due date)"
            why = f"{text}\nDecided on {fmt_day(decided)}{late}."
            return ClockReading(
                APPEAL_DECISION, ClockState.MET, deadline.due, None, why, cite, start, decided
            )
        if f.withdrawn is not None:
            why = f"{text}\nWithdrawn on {fmt_day(f.withdrawn)}."
            return ClockReading(
                APPEAL_DECISION, ClockState.STOPPED, deadline.due, None, why, cite, start
            )
        if deadline.due is None:
            return ClockReading(APPEAL_DECISION, ClockState.NO_DEADLINE, None, None, text, cite)
        left = (deadline.due - today).days
        return ClockReading(
            APPEAL_DECISION, ClockState.RUNNING, deadline.due, left, text, cite, start
        )

    def _no_decision_clock(self) -> str:
        plan = self.plan
        route = pending_route(plan, self.facts)
        if route is None and plan.from_facts and plan.route is not None:
            return (
                "An earlier appeal was decided; no further administrative route for this agency "
                f"is recorded for {self.j.name}, so no date to decide is shown."
            )
        if route is not None:
            who = _decider(route)
            return (
                f"No time for {who} to decide is recorded for {self.j.name} "
                f"({route.citation}), so no date is shown. Log the decision when it comes."
            )
        why = f"No administrative appeal route for this agency is recorded for {self.j.name}"
        notes = " ".join(plan.notes)
        return f"{why}, so no date to decide is shown.{f' {notes}' if notes else ''}"

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
            if c.name == APPEAL and c.state is ClockState.RUNNING and c.due is not None:
                if c.due >= today:
                    return f"Consider an appeal: the deadline to file is {fmt_day(c.due)}."
                return f"The deadline to appeal passed on {fmt_day(c.due)}."
        late = self.overdue_clock(today)
        if late is not None and late.due is not None and late.name == APPEAL_DECISION:
            ago = -(late.days_left or 0)
            return (
                f"The decision on your appeal was due on {fmt_day(late.due)} "
                f"({ago} day{'s' if ago != 1 else ''} ago): ask for it, or consider your next "
                "step."
            )
        if late is not None and late.due is not None:
            what = "response" if late.name == self.j.response.name else late.name.lower()
            ago = -(late.days_left or 0)
            deemed = self._deemed_denial() if what == "response" else None
            if deemed is not None:
                # A late extension that does not move the date, where the law read treats an
                # unanswered request as denied: the time to appeal may be running, so a
                # follow-up letter is not the next step (review-pass-12 R2). The filing by
                # the route's own name (IL: "a request for review", 5 ILCS 140/9.5(a)), as
                # the late-extension message says it (review-pass-13).
                return (
                    f"The response was due on {fmt_day(late.due)} "
                    f"({ago} day{'s' if ago != 1 else ''} ago) and the late extension does not "
                    f"move it: under {deemed.denial_citation} you may treat the request as "
                    f"denied and consider {deemed.filing} now (log a denial dated "
                    f"{deemed.original_due.isoformat()} to count the time to appeal)."
                )
            return (
                f"The {what} was due on {fmt_day(late.due)} "
                f"({ago} day{'s' if ago != 1 else ''} ago): send a follow-up letter."
            )
        return None

    def _deemed_denial(self) -> LateExtension | None:
        """The late extension whose message says the request may be treated as denied."""
        if self.facts.extended is None:
            return None
        late = late_extension(self.facts, self.j, self.calendar, level=self.level)
        return late if late is not None and late.denial_citation else None

    def overdue_clock(self, today: date) -> ClockReading | None:
        """The agency's most overdue deadline (first or later clock), if any has passed."""
        late = [c for c in self.clocks_on(today) if c.name != APPEAL and c.overdue]
        return min(late, key=lambda c: c.days_left or 0) if late else None


def _decider(route: Fact) -> str:
    """Who decides the route, in the fact's words: its body, the officer the law names, or
    the agency itself."""
    return route.body or route.addressee or "the agency"


def _law_words(route: Fact) -> list[str]:
    """The law's words that set the time to decide, where they were read for it."""
    if not route.decision_quote:
        return []
    source = route.decision_source or route.source
    return [f"The law's words: \u201c{route.decision_quote}\u201d (read at {source})."]


def _replace_steps(d: Deadline, steps: list[str]) -> Deadline:
    return replace(d, steps=tuple(steps))


def _with_first_step(d: Deadline, step: str) -> Deadline:
    return replace(d, steps=(step, *d.steps))


def _days(n: int) -> str:
    """ "1 day", "3 days" (it said "met late (1 days after the due date)")."""
    return f"{n} day{'s' if n != 1 else ''}"
