"""The date the requests list shows for each request: the same count as the explained
clocks (`day_counting.count_due`), with no explanation.

`list_due` is the rule; `ListDue` is it for many requests of one jurisdiction with the
rules looked up once (the list calls it 100,000 times). The property tests compare both
with `RequestClocks`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from foia_assist.domain.appeal_clocks import (
    APPEAL_DECISION,
    decision_decided,
    decision_route,
    decision_rule,
    decision_start,
    window_rule,
)
from foia_assist.domain.appeal_routes import AppealPlan, depends_on_request, plan_appeal
from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.clock_inputs import first_clock_facts, merge_pauses, response_answered
from foia_assist.domain.day_counting import CountRule, count_due
from foia_assist.domain.jurisdictions import Clock, ClockAction, Jurisdiction, Level
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


def quick_appeal_due(
    facts: Facts, j: Jurisdiction, calendar: HolidayCalendar, plan: AppealPlan | None = None
) -> date | None:
    """The requester's deadline to appeal the denial, on the route for this request."""
    rule = window_rule(j, plan if plan is not None else plan_appeal(j, None, ()))
    if facts.denied is None or rule is None:
        return None
    return count_due(rule, calendar, facts.denied)


def quick_decision_due(
    facts: Facts, j: Jurisdiction, calendar: HolidayCalendar, plan: AppealPlan | None = None
) -> date | None:
    """The deciding body's deadline to decide the pending appeal (None: decided, no route,
    or no number in the law)."""
    route = decision_route(plan if plan is not None else plan_appeal(j, None, ()), facts)
    if route is None or decision_decided(facts) is not None:
        return None
    start, rule = decision_start(route, facts), decision_rule(j, route)
    if start is None or rule is None:
        return None
    return count_due(rule, calendar, start)


def _running_later_clocks(
    facts: Facts, j: Jurisdiction, calendar: HolidayCalendar
) -> Iterator[tuple[Clock, date]]:
    """Each tracked later clock still running, with its due date."""
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
            yield clock, due


def later_dues(facts: Facts, j: Jurisdiction, calendar: HolidayCalendar) -> list[date]:
    """Due dates of the tracked later clocks still running (for the list)."""
    return [due for _, due in _running_later_clocks(facts, j, calendar)]


def list_due(
    facts: Facts, j: Jurisdiction, calendar: HolidayCalendar, plan: AppealPlan | None = None
) -> date | None:
    """The date a list shows: the earliest running deadline (the first clock until it is met,
    then any tracked later clock), the appeal deadline after a denial, or the deciding body's
    deadline while an appeal is pending. `plan`: the appeal route for this request's agency
    level and denial (default: an agency of unknown level)."""
    s = facts.status
    if s in (Status.DRAFTED, Status.WITHDRAWN, Status.COMPLETE, Status.APPEAL_DECIDED):
        return None
    if s is Status.DENIED:
        return quick_appeal_due(facts, j, calendar, plan)
    if s is Status.APPEALING:
        return quick_decision_due(facts, j, calendar, plan)
    dues = later_dues(facts, j, calendar)
    if response_answered(facts, j.response) is None:
        first = quick_due(first_clock_facts(facts, j), j, calendar)
        if first is not None:
            dues.append(first)
    if facts.appeal_filed is not None:  # an appeal still pending (the agency asked something)
        decision = quick_decision_due(facts, j, calendar, plan)
        if decision is not None:
            dues.append(decision)
    return min(dues) if dues else None


def appeal_dates_vary(j: Jurisdiction) -> bool:
    """Whether the appeal dates of a request can differ with its agency level or the
    exemptions cited: a route limited to some records, or a different time to appeal or to
    decide on the route (or the next one) for some level."""
    if not depends_on_request(j):
        return False
    routes = [f for f in j.facts if f.topic == "appeal"]
    if any(f.records for f in routes):
        return True
    signatures = set()
    for level in (None, *Level):
        plan = plan_appeal(j, level, ())
        steps = [plan.route, *plan.later[:1]] if plan.from_facts else []
        decisions = tuple(
            None
            if f is None
            else (f.decision_days, f.decision_day_type, f.decision_wording, f.decision_counts_from)
            for f in steps
        )
        signatures.add((window_rule(j, plan), decisions))
    return len(signatures) > 1


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

    __slots__ = (
        "j",
        "calendar",
        "_rule",
        "_ack",
        "_later",
        "_extends",
        "_plans",
        "_windows",
        "per_request",
    )

    def __init__(self, j: Jurisdiction, calendar: HolidayCalendar) -> None:
        self.j, self.calendar = j, calendar
        self._rule = CountRule.of(j, j.response)
        # Appeal routes per (agency level, exemptions cited), chosen once each.
        self._plans: dict[tuple[Level | None, tuple[str, ...]], AppealPlan] = {}
        self._windows: dict[tuple[Level | None, tuple[str, ...]], CountRule | None] = {}
        # Whether the appeal dates depend on the request (its level, the denial): the caller
        # then passes `level` and `cited` for denied and appealing requests.
        self.per_request = appeal_dates_vary(j)
        self._ack = j.response.action is ClockAction.ACKNOWLEDGE
        self._later = any(c.tracked for c in j.later_clocks)
        # Whether the law's extension lengthens the first clock (see `first_clock_facts`).
        self._extends = j.extended_clock is j.response

    def plan(self, level: Level | None = None, cited: tuple[str, ...] = ()) -> AppealPlan:
        key = (level, cited) if self.per_request else (None, ())
        found = self._plans.get(key)
        if found is None:
            found = self._plans[key] = plan_appeal(self.j, *key)
        return found

    def _window(self, level: Level | None, cited: tuple[str, ...]) -> CountRule | None:
        key = (level, cited) if self.per_request else (None, ())
        try:
            return self._windows[key]
        except KeyError:
            rule = self._windows[key] = window_rule(self.j, self.plan(*key))
            return rule

    def due(
        self, facts: Facts, level: Level | None = None, cited: tuple[str, ...] = ()
    ) -> date | None:
        """The list date; `level` and `cited` (the agency's level, the exemptions the denial
        cited) choose the appeal route for denied and appealing requests."""
        s = facts.status
        if s is Status.DENIED:
            rule, denied = self._window(level, cited), facts.denied
            if rule is None or denied is None:
                return None
            return count_due(rule, self.calendar, denied)
        if s is Status.APPEALING:
            return quick_decision_due(facts, self.j, self.calendar, self.plan(level, cited))
        if s not in _RESPONSE_PENDING:
            return None
        if self._later or facts.appeal_filed is not None:
            # A few states' later clocks, or an appeal pending: the full rule.
            return list_due(facts, self.j, self.calendar, self.plan(level, cited))
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


def list_clock(
    facts: Facts,
    j: Jurisdiction,
    calendar: HolidayCalendar,
    due: date | None,
    plan: AppealPlan | None = None,
) -> str:
    """The name of the clock whose due date the list shows (`due`, from `list_due`/`ListDue`):
    "Appeal" after a denial, "Appeal decision" while an appeal is pending (the deciding
    body's deadline), the first clock's name ("Response"), or a later clock's name. `plan`:
    the request's appeal route, as given to `list_due`. Empty when no date is shown."""
    if due is None:
        return ""
    if facts.status is Status.DENIED:
        return "Appeal"
    if facts.status is Status.APPEALING:
        return APPEAL_DECISION
    if response_answered(facts, j.response) is None:
        first = quick_due(first_clock_facts(facts, j), j, calendar)
        if first == due:
            return j.response.name
    for clock, later in _running_later_clocks(facts, j, calendar):
        if later == due:
            return clock.name
    if facts.appeal_filed is not None and quick_decision_due(facts, j, calendar, plan) == due:
        return APPEAL_DECISION  # an appeal still pending while the agency asked something
    return j.response.name
