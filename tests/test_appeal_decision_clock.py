"""The deciding body's deadline to decide an appeal, per kind of route: the agency's own head
(federal), an outside body (Kentucky's Attorney General), a body that only mediates
(Maryland's Ombudsman), a clock counted from the denial (Washington), routes that depend on
the agency's level (Oregon) or on the records denied (Pennsylvania), a route whose time to
decide is not in the data (Illinois) and no administrative route at all (California).

Every expected date is worked out by hand in the comments, from the rule files' numbers.
"""

from __future__ import annotations

from datetime import date

import pytest

from foia_assist.domain.appeal_clocks import APPEAL, APPEAL_DECISION
from foia_assist.domain.appeal_routes import plan_appeal
from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.clock_readings import ClockReading, ClockState
from foia_assist.domain.jurisdictions import JurisdictionSet, Level
from foia_assist.domain.lifecycle import Event, EventKind, Method, Status, derive
from foia_assist.domain.list_due import ListDue, list_due
from foia_assist.domain.request_clocks import RequestClocks
from foia_assist.paths import resources_dir
from foia_assist.storage.rule_files import load_jurisdictions

K, D = EventKind, date
RULES: JurisdictionSet = load_jurisdictions(resources_dir() / "jurisdictions")
CALENDARS = CalendarCache()


def _history(denied: date, appealed: date | None, *more: Event) -> list[Event]:
    events = [
        Event(K.SENT, D(2026, 1, 5), method=Method.EMAIL),
        Event(K.DENIED, denied, exemptions=()),
    ]
    if appealed is not None:
        events.append(Event(K.APPEAL_FILED, appealed))
    return [*events, *more]


def _clocks(
    code: str,
    events: list[Event],
    level: Level | None = None,
    cited: tuple[str, ...] = (),
) -> RequestClocks:
    j = RULES.get(code)
    cal = CALENDARS.for_jurisdiction(j)
    facts = derive(events, cal.is_business_day)
    return RequestClocks(facts, j, cal, plan_appeal(j, level, cited))


def _decision(c: RequestClocks, today: date) -> ClockReading:
    [reading] = [r for r in c.clocks_on(today) if r.name == APPEAL_DECISION]
    return reading


def _list_date(c: RequestClocks) -> date | None:
    """The requests list's date, by both list paths, which must agree."""
    rule = list_due(c.facts, c.j, c.calendar, c.plan)
    level = c.plan.route.applies_to[0] if c.plan.route and c.plan.route.applies_to else None
    cited = ("criminal investigative records",) if c.j.code == "PA" else ()
    fast = ListDue(c.j, c.calendar).due(c.facts, level, cited)
    assert fast == rule
    return rule


def test_federal_agency_head_has_twenty_business_days_and_goes_overdue_the_day_after() -> None:
    # Appeal filed Wed 2026-04-01; 20 business days (no federal holiday in April):
    # Apr 2,3 / 6-10 / 13-17 / 20-24 / 27,28,29 -> Wed 2026-04-29.
    c = _clocks("US", _history(D(2026, 3, 20), D(2026, 4, 1)))
    assert c.facts.status is Status.APPEALING
    on_time = _decision(c, D(2026, 4, 29))
    assert on_time.state is ClockState.RUNNING
    assert on_time.due == D(2026, 4, 29) and on_time.days_left == 0
    assert "5 U.S.C. § 552(a)(6)(A)(ii)" in on_time.explanation
    assert "the head of the agency must decide the appeal within 20 business days" in (
        on_time.explanation
    )
    assert "is day 0" in on_time.explanation and "Business day 20 is Wed 2026-04-29" in (
        on_time.explanation
    )
    assert not c.overdue(D(2026, 4, 29))
    late = _decision(c, D(2026, 4, 30))
    assert late.overdue and late.days_left == -1
    assert c.overdue(D(2026, 4, 30))
    assert c.follow_up(D(2026, 4, 30)) == (
        "The decision on your appeal was due on Wed 2026-04-29 (1 day ago): ask for it, "
        "or consider your next step."
    )
    assert _list_date(c) == D(2026, 4, 29)
    # The requester's own window is met by the appeal: it is no longer running.
    [window] = [r for r in c.clocks_on(D(2026, 4, 2)) if r.name == APPEAL]
    assert window.state is ClockState.MET


def test_a_decided_appeal_stops_the_clock() -> None:
    events = _history(D(2026, 3, 20), D(2026, 4, 1), Event(K.APPEAL_DECIDED, D(2026, 5, 4)))
    c = _clocks("US", events)
    reading = _decision(c, D(2026, 5, 10))
    assert reading.state is ClockState.MET and reading.met_on == D(2026, 5, 4)
    assert reading.late_by == 5  # Wed 2026-04-29 to Mon 2026-05-04
    assert not c.overdue(D(2026, 5, 10))
    assert _list_date(c) is None


def test_kentucky_attorney_general_with_the_laws_words() -> None:
    # Filed Mon 2026-03-02; 20 days excepting weekends and holidays (none in March):
    # Mar 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), 30 (20) -> Mon 2026-03-30.
    c = _clocks("KY", _history(D(2026, 2, 25), D(2026, 3, 2)))
    reading = _decision(c, D(2026, 3, 3))
    assert reading.due == D(2026, 3, 30)
    assert "the Attorney General must decide the appeal within 20 business days" in (
        reading.explanation
    )
    assert "within twenty (20) days, excepting Saturdays, Sundays and legal holidays" in (
        reading.explanation
    )
    assert "KRS 61.880(2)(a)" in reading.explanation
    assert _list_date(c) == D(2026, 3, 30)


def test_a_body_that_only_mediates_is_asked_to_answer_not_decide() -> None:
    # Maryland's Public Access Ombudsman: 90 calendar days. Filed Wed 2026-03-04:
    # Mar 31 is day 27, Apr 30 day 57, May 31 day 88 -> Tue 2026-06-02 (a business day).
    c = _clocks("MD", _history(D(2026, 2, 27), D(2026, 3, 4)), Level.LOCAL)
    reading = _decision(c, D(2026, 3, 5))
    assert reading.due == D(2026, 6, 2)
    assert "the Public Access Ombudsman must answer the request within 90 calendar days" in (
        reading.explanation
    )
    assert "decide the" not in reading.explanation.split("\n")[0]


def test_washington_counts_from_the_denial() -> None:
    # Denied Thu 2026-03-19; review deemed complete two business days after: Fri 20, Mon 23.
    c = _clocks("WA", _history(D(2026, 3, 19), D(2026, 3, 20)), Level.LOCAL)
    reading = _decision(c, D(2026, 3, 20))
    assert reading.due == D(2026, 3, 23) and reading.days_left == 3
    assert "runs 2 business days from the denial" in reading.explanation
    assert "two business days after the initial denial" in reading.explanation
    assert reading.start == D(2026, 3, 19)
    assert _decision(c, D(2026, 3, 24)).overdue


@pytest.mark.parametrize(
    ("level", "body"),
    [(Level.STATE, "the Attorney General"), (Level.LOCAL, "the district attorney of the county")],
)
def test_oregon_route_follows_the_agencys_level(level: Level, body: str) -> None:
    # Seven days from the petition's receipt: filed Wed 2026-03-04 -> Wed 2026-03-11.
    c = _clocks("OR", _history(D(2026, 3, 2), D(2026, 3, 4)), level)
    reading = _decision(c, D(2026, 3, 5))
    assert reading.due == D(2026, 3, 11)
    assert f"{body} must decide the appeal within 7 calendar days" in reading.explanation
    j = RULES.get("OR")
    cal = CALENDARS.for_jurisdiction(j)
    assert ListDue(j, cal).due(c.facts, level) == D(2026, 3, 11)


def test_oregon_with_no_level_states_no_date_and_says_why() -> None:
    c = _clocks("OR", _history(D(2026, 3, 2), D(2026, 3, 4)))
    reading = _decision(c, D(2026, 3, 5))
    assert reading.state is ClockState.NO_DEADLINE and reading.due is None
    assert "No administrative appeal route" in reading.explanation
    assert "depend on the kind of agency" in reading.explanation
    assert not c.overdue(D(2027, 1, 1))
    j = RULES.get("OR")
    assert ListDue(j, CALENDARS.for_jurisdiction(j)).due(c.facts) is None


@pytest.mark.parametrize(
    ("level", "body"),
    [
        (Level.LOCAL, "the appeals officer designated by the county's district attorney"),
        (Level.STATE, "the Office of Open Records"),
    ],
)
def test_pennsylvania_route_follows_the_records_denied(level: Level, body: str) -> None:
    # 30 days of receipt of the appeal: filed Mon 2026-03-09; Mar 31 is day 22 -> Wed 2026-04-08.
    cited = ("criminal investigative records",)
    c = _clocks("PA", _history(D(2026, 3, 5), D(2026, 3, 9)), level, cited)
    reading = _decision(c, D(2026, 3, 10))
    assert reading.due == D(2026, 4, 8)
    assert body in reading.explanation
    assert "the appeal is deemed denied" in reading.explanation


def test_a_route_without_a_time_to_decide_in_the_data_shows_no_date() -> None:
    c = _clocks("IL", _history(D(2026, 3, 2), D(2026, 3, 4)), Level.LOCAL)
    reading = _decision(c, D(2026, 3, 5))
    assert reading.state is ClockState.NO_DEADLINE and reading.due is None
    assert "No time for the Public Access Counselor" in reading.explanation
    assert "5 ILCS 140/9.5(a)" in reading.explanation
    assert _list_date(c) is None


def test_no_administrative_route_shows_no_date() -> None:
    c = _clocks("CA", _history(D(2026, 3, 2), D(2026, 3, 4)), Level.LOCAL)
    reading = _decision(c, D(2026, 3, 5))
    assert reading.state is ClockState.NO_DEADLINE
    assert "No administrative appeal route for this agency is recorded for California" in (
        reading.explanation
    )


def test_no_decision_clock_before_an_appeal_is_logged() -> None:
    c = _clocks("US", _history(D(2026, 3, 20), None))
    assert [r.name for r in c.clocks_on(D(2026, 3, 25))] == [c.j.response.name, APPEAL]


def test_a_second_appeal_goes_to_the_next_route_in_the_laws_order() -> None:
    # Maryland: the Ombudsman's final determination (logged as the appeal decided, Fri
    # 2026-05-01), then a complaint to the Compliance Board filed Tue 2026-05-05: at the latest
    # 120 days after filing: May 31 is day 26, Jun 30 day 56, Jul 31 day 87, Aug 31 day 118
    # -> Wed 2026-09-02.
    events = _history(
        D(2026, 2, 27),
        D(2026, 3, 4),
        Event(K.APPEAL_DECIDED, D(2026, 5, 1)),
        Event(K.APPEAL_FILED, D(2026, 5, 5)),
    )
    c = _clocks("MD", events, Level.LOCAL)
    assert c.facts.status is Status.APPEALING
    reading = _decision(c, D(2026, 5, 6))
    assert reading.state is ClockState.RUNNING and reading.due == D(2026, 9, 2)
    assert "the State Public Information Act Compliance Board" in reading.explanation
    assert "120 days after the filing of the complaint" in reading.explanation
    assert _list_date(c) == D(2026, 9, 2)


def test_after_the_agency_heads_decision_a_mediator_has_no_date() -> None:
    events = _history(
        D(2026, 3, 20),
        D(2026, 4, 1),
        Event(K.APPEAL_DECIDED, D(2026, 4, 20)),
        Event(K.APPEAL_FILED, D(2026, 4, 22)),
    )
    c = _clocks("US", events)
    reading = _decision(c, D(2026, 4, 23))
    assert reading.state is ClockState.NO_DEADLINE
    assert "No time for the Office of Government Information Services" in reading.explanation
    assert _list_date(c) is None


def test_an_event_after_the_appeal_keeps_the_decision_date_in_the_list() -> None:
    # The agency asks for clarification after the appeal was filed: the status is a paused
    # one, but the appeal is still pending, so the list keeps its date (Wed 2026-04-29).
    events = _history(
        D(2026, 3, 20), D(2026, 4, 1), Event(K.CLARIFICATION_REQUESTED, D(2026, 4, 3))
    )
    c = _clocks("US", events)
    assert c.facts.status is Status.PAUSED_CLARIFICATION
    assert _decision(c, D(2026, 4, 6)).state is ClockState.RUNNING
    assert _list_date(c) == D(2026, 4, 29)
