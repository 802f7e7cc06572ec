"""Later clocks of a tracked request (Alabama's substantive response after the
acknowledgment, Oregon's completion or estimate, ...): when each starts and what meets it.

They are tracked when their rule file says in the tracker's terms when they start
(`counts_from`) and what satisfies them (`met_by`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.clock_inputs import merge_pauses
from foia_assist.domain.deadlines import Deadline, compute_deadline, due_date, fmt_day
from foia_assist.domain.jurisdictions import Clock, CountsFrom, Jurisdiction, MetBy
from foia_assist.domain.lifecycle import Facts


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


MET_WORDS = {
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
