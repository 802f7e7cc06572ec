"""The two appeal clocks of a denied request, on the route that decides it (`appeal_routes`):
the requester's time to appeal, and, once an appeal is filed, the deciding body's time to
decide it. Both are counted by `day_counting.count_due`, like every other due date.

The requester's time comes from the route's own `deadline_days` where the facts give one, else
from the rule file's [appeal] table (federal FOIA's "not less than 90 days" is a period the
agency sets; the table keeps the 90). The time to decide comes only from the route's
`decision_*` keys: where they are missing the app states no date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from foia_assist.domain.appeal_routes import AppealPlan
from foia_assist.domain.day_counting import CountRule, rolls_forward
from foia_assist.domain.jurisdictions import DayType, Fact, Jurisdiction
from foia_assist.domain.lifecycle import Facts

APPEAL = "Appeal"  # the requester's time to appeal a denial
APPEAL_DECISION = "Appeal decision"  # the deciding body's time to decide the appeal


@dataclass(frozen=True)
class AppealWindow:
    """The requester's time to appeal: from the route's fact, or the [appeal] table."""

    days: int | None
    day_type: DayType | None
    citation: str
    route: str  # plain words: where the appeal goes
    fact: Fact | None = None  # None: from the [appeal] table


def appeal_window(j: Jurisdiction, plan: AppealPlan) -> AppealWindow:
    route = plan.route if plan.from_facts else None
    if route is not None and route.deadline_days is not None and route.deadline_day_type:
        return AppealWindow(
            route.deadline_days,
            route.deadline_day_type,
            route.deadline_citation,
            route.statement,
            route,
        )
    a = j.appeal
    day_type = a.deadline_day_type if a.deadline_days is not None else None
    return AppealWindow(a.deadline_days, day_type, a.citation, a.route)


def window_rule(j: Jurisdiction, plan: AppealPlan) -> CountRule | None:
    w = appeal_window(j, plan)
    if w.days is None or w.day_type is None:
        return None
    return CountRule(w.days, w.day_type, rolls_forward(j, w.day_type))


def pending_route(plan: AppealPlan, facts: Facts) -> Fact | None:
    """The route the pending appeal is before: the plan's route, or, once an appeal has been
    decided and another filed, the next administrative route in the order the law gives them
    (Maryland: the Compliance Board after the Ombudsman). None: no such route is recorded."""
    route = plan.route if plan.from_facts else None
    decided, filed = facts.appeal_decided, facts.appeal_filed
    if route is not None and decided is not None and filed is not None and decided < filed:
        return plan.later[0] if plan.later else None
    return route


def decision_route(plan: AppealPlan, facts: Facts) -> Fact | None:
    """The pending route whose time to decide is tracked (None: no route, or the law's time
    for it is not in the data)."""
    route = pending_route(plan, facts)
    if route is None or (route.decision_days is None and not route.decision_wording):
        return None
    return route


def decision_rule(j: Jurisdiction, route: Fact) -> CountRule | None:
    days, day_type = route.decision_days, route.decision_day_type
    if days is None or day_type is None:
        return None
    return CountRule(days, day_type, rolls_forward(j, day_type))


def decision_start(route: Fact, facts: Facts) -> date | None:
    """Day 0 of the time to decide: the appeal's filing as logged (the law counts from the
    body's receipt), or the denial where the law counts from it (Washington). None until an
    appeal of a denial is logged."""
    if facts.appeal_filed is None or facts.denied is None:
        return None
    if route.decision_counts_from == "denial":
        return facts.denied
    return facts.appeal_filed


def decision_decided(facts: Facts) -> date | None:
    """The day the appeal was decided, if that came after the appeal now pending."""
    filed, decided = facts.appeal_filed, facts.appeal_decided
    if filed is None or decided is None or decided < filed:
        return None
    return decided
