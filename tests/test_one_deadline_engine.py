"""One counting implementation: the requests list's fast path and the explained clocks give
the same due dates in every jurisdiction, with extensions (days or an agency-set date) and
pauses (fees, clarification), and counting with explanations off equals counting with them on.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_lifecycle import _event_specs, _history
from tracking_helpers import earliest_running_due

from foia_assist.domain.appeal_clocks import APPEAL_DECISION
from foia_assist.domain.calendars import CalendarCache, CalendarRangeError
from foia_assist.domain.clock_readings import ClockState
from foia_assist.domain.day_counting import CountRule, Pause, count_due
from foia_assist.domain.deadlines import compute_deadline
from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.domain.lifecycle import Status, derive
from foia_assist.domain.list_due import _RESPONSE_PENDING, ListDue, list_due
from foia_assist.domain.request_clocks import RequestClocks
from foia_assist.paths import resources_dir
from foia_assist.storage.rule_files import load_jurisdictions

_RULES: JurisdictionSet = load_jurisdictions(resources_dir() / "jurisdictions")
_CODES = sorted(j.code for j in _RULES)
_CALENDARS = CalendarCache()
_days = st.integers(min_value=0, max_value=800).map(lambda n: date(2025, 6, 1) + timedelta(n))


def test_every_jurisdiction_is_sampled() -> None:
    assert len(_CODES) == 52


@settings(max_examples=600, deadline=None)
@given(
    code=st.sampled_from(_CODES),
    start=_days,
    extension=st.integers(min_value=0, max_value=40),
    pauses=st.lists(
        st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(0, 30))), max_size=3
    ),
)
@pytest.mark.slow
def test_counting_without_explanations_equals_counting_with_them(
    code: str, start: date, extension: int, pauses: list[tuple[int, int | None]]
) -> None:
    j = _RULES.get(code)
    cal = _CALENDARS.for_jurisdiction(j)
    spans: list[Pause] = []
    at = start
    for offset, length in pauses:  # in date order, not overlapping, as the engine takes them
        begin = at + timedelta(offset)
        end = None if length is None else begin + timedelta(length)
        spans.append(Pause(begin, end))
        if end is None:
            break
        at = end
    clocks = [j.response, *j.later_clocks]
    for clock in clocks:
        explained = compute_deadline(
            j, start, cal, clock=clock, extension_days=extension, pauses=spans
        )
        silent = count_due(CountRule.of(j, clock), cal, start, extension, spans)
        assert silent == explained.due


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(code=st.sampled_from(_CODES), start=_days, specs=_event_specs)
def test_the_list_path_equals_the_explained_clocks_in_every_jurisdiction(
    code: str, start: date, specs: list[tuple[object, ...]]
) -> None:
    j = _RULES.get(code)
    cal = _CALENDARS.for_jurisdiction(j)
    facts = derive(_history(start, specs), cal.is_business_day)  # type: ignore[arg-type]
    try:
        fast = ListDue(j, cal).due(facts)
        rule = list_due(facts, j, cal)
        readings = RequestClocks(facts, j, cal).clocks_on(start)
    except (ValueError, CalendarRangeError):  # a negative extension, a date past 2100
        return
    assert fast == rule
    if facts.status is Status.DENIED:
        appeal = [c for c in readings if c.name == "Appeal"]
        assert fast == (appeal[0].due if appeal else None)
    elif facts.status in _RESPONSE_PENDING:
        assert fast == earliest_running_due(readings)
    elif facts.status is Status.APPEALING:  # the deciding body's deadline, where the law sets one
        decision = [c for c in readings if c.name == APPEAL_DECISION]
        running = [c.due for c in decision if c.state is ClockState.RUNNING]
        assert fast == (running[0] if running else None)
    else:
        assert fast is None
