"""The date the requests list shows for each request: the same count as the explained
clocks (`day_counting.count_due`), with no explanation.

`list_due` is the rule; `ListDue` is it for many requests of one jurisdiction with the
rules looked up once (the list calls it 100,000 times). The property tests compare both
with `RequestClocks`.
"""

from __future__ import annotations

from datetime import date

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.clock_inputs import first_clock_facts, merge_pauses, response_answered
from foia_assist.domain.day_counting import CountRule, count_due, rolls_forward
from foia_assist.domain.jurisdictions import Clock, ClockAction, Jurisdiction
from foia_assist.domain.later_clocks import later_met, later_start
from foia_assist.domain.lifecycle import Facts, PauseSpan, Status


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
    merged = merge_pauses(pauses, start) if pauses else ()
    return count_due(CountRule.of(j, clock), calendar, start, extension_days, merged)


def _appeal_rule(j: Jurisdiction) -> CountRule | None:
    a = j.appeal
    if a.deadline_days is None or a.deadline_day_type is None:
        return None
    return CountRule(a.deadline_days, a.deadline_day_type, rolls_forward(j, a.deadline_day_type))


def quick_appeal_due(facts: Facts, j: Jurisdiction, calendar: HolidayCalendar) -> date | None:
    rule = _appeal_rule(j)
    if facts.denied is None or rule is None:
        return None
    return count_due(rule, calendar, facts.denied)


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

    The requests list calls this 100,000 times. The dates come from the same count as
    every other due date (`count_due`, with no explainer); only the look-ups are hoisted.
    Tests compare it with `list_due` and with the explained clocks.
    """

    __slots__ = ("j", "calendar", "_rule", "_appeal", "_ack", "_later", "_extends")

    def __init__(self, j: Jurisdiction, calendar: HolidayCalendar) -> None:
        self.j, self.calendar = j, calendar
        self._rule = CountRule.of(j, j.response)
        self._appeal = _appeal_rule(j)
        self._ack = j.response.action is ClockAction.ACKNOWLEDGE
        self._later = any(c.tracked for c in j.later_clocks)
        # Whether the law's extension lengthens the first clock (see `first_clock_facts`).
        self._extends = j.extended_clock is j.response

    def due(self, facts: Facts) -> date | None:
        s = facts.status
        if s is Status.DENIED:
            appeal, denied = self._appeal, facts.denied
            if appeal is None or denied is None:
                return None
            return count_due(appeal, self.calendar, denied)
        if s not in _RESPONSE_PENDING:
            return None
        if self._later:  # a few states: the full rule, first clock and later ones
            return list_due(facts, self.j, self.calendar)
        if facts.responded is not None or (self._ack and facts.acknowledged is not None):
            return None
        received = facts.received
        if received is None:
            return None
        extension = 0
        if self._extends:
            if facts.new_due is not None:
                return facts.new_due
            extension = facts.extension_days
        if facts.pauses:
            start = received.date
            merged = merge_pauses(facts.pauses, start)
            return count_due(self._rule, self.calendar, start, extension, merged)
        return count_due(self._rule, self.calendar, received.date, extension)


def list_clock(facts: Facts, j: Jurisdiction, calendar: HolidayCalendar, due: date | None) -> str:
    """The name of the clock whose due date the list shows (`due`, from `list_due`/`ListDue`):
    "Appeal" after a denial, the first clock's name ("Response"), or a later clock's name.
    Empty when no date is shown."""
    if due is None:
        return ""
    if facts.status is Status.DENIED:
        return "Appeal"
    if response_answered(facts, j.response) is None:
        first = quick_due(first_clock_facts(facts, j), j, calendar)
        if first == due:
            return j.response.name
    for clock in j.later_clocks:
        if not clock.tracked or later_met(clock, facts) is not None:
            continue
        start = later_start(clock, facts, j, calendar)
        if start is None:
            continue
        extends = clock.takes_extension
        later = quick_clock_due(
            j,
            clock,
            start,
            calendar,
            facts.extension_days if extends else 0,
            facts.new_due if extends else None,
            facts.pauses,
        )
        if later == due:
            return clock.name
    return j.response.name
