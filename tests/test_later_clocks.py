"""Later clocks the law sets after the first one, tracked per request (Alabama, Oregon, ...)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tracking_helpers import rule_files_with, tracked_spec

from foia_assist.domain.clock_readings import ClockState
from foia_assist.domain.jurisdictions import CountsFrom, JurisdictionSet, MetBy
from foia_assist.domain.request import RequestSpec
from foia_assist.paths import resources_dir
from foia_assist.services.ics_export import entries_for
from foia_assist.services.tracker import TrackerService
from foia_assist.storage.rule_files import RuleFileError, load_jurisdictions

RULES = resources_dir() / "jurisdictions"


def spec(code: str) -> RequestSpec:
    return tracked_spec(code, "Mobile Police Department")


def clock(view_clocks: list, name: str):  # type: ignore[no-untyped-def,type-arg]
    (found,) = [c for c in view_clocks if c.name == name]
    return found


def test_the_tracked_later_clocks_are_the_ones_the_data_describes(
    jurisdictions: JurisdictionSet,
) -> None:
    tracked = {
        (j.code, c.name): (c.counts_from, c.met_by, c.takes_extension)
        for j in jurisdictions
        for c in j.later_clocks
        if c.tracked
    }
    assert tracked == {
        ("AL", "Substantive response"): (CountsFrom.ACKNOWLEDGMENT, (MetBy.RESPONSE,), True),
        ("AL", "Response before presumed denial"): (
            CountsFrom.ACKNOWLEDGMENT,
            (MetBy.RESPONSE,),
            False,
        ),
        ("OR", "Completion or estimate"): (
            CountsFrom.FIRST_DEADLINE,
            (MetBy.RESPONSE, MetBy.EXTENSION),
            False,
        ),
        ("MD", "Delay notice"): (CountsFrom.RECEIPT, (MetBy.RESPONSE, MetBy.EXTENSION), False),
        ("NM", "Written response (if not within 3 business days)"): (
            CountsFrom.RECEIPT,
            (MetBy.RESPONSE, MetBy.EXTENSION),
            False,
        ),
    }


def test_alabama_after_the_acknowledgment(tracker: TrackerService) -> None:
    # Sent Thu 1 Oct 2026 by email; acknowledged Mon 5 Oct.
    rid = tracker.add_request(spec("AL"), today=date(2026, 10, 1), sent=date(2026, 10, 1),
                              method="email")  # fmt: skip
    today = date(2026, 10, 20)
    view = tracker.view(rid, today)
    assert clock(view.clocks, "Substantive response").state is ClockState.NOT_STARTED
    assert tracker.list_requests(today)[0].due == date(2026, 10, 13)  # the acknowledgment

    tracker.log_event(rid, "acknowledged", date(2026, 10, 5))
    view = tracker.view(rid, today)
    ack = clock(view.clocks, "Acknowledgment")
    assert ack.state is ClockState.MET and "acknowledged the request on Mon 2026-10-05" in (
        ack.explanation
    )
    substantive = clock(view.clocks, "Substantive response")
    # 15 business days from Mon 5 Oct, skipping Columbus Day (12 Oct): Tue 27 Oct.
    assert (substantive.state, substantive.due) == (ClockState.RUNNING, date(2026, 10, 27))
    assert "counts from the agency's acknowledgment (Mon 2026-10-05)" in substantive.explanation
    [row] = tracker.list_requests(today)
    assert (row.due, row.overdue) == (date(2026, 10, 27), False)  # not the met acknowledgment

    # Late: the list, the overdue flag and the follow-up name the substantive response.
    later = date(2026, 10, 30)
    assert tracker.list_requests(later)[0].overdue
    assert tracker.clocks(rid).overdue(later)
    follow_up = tracker.view(rid, later).follow_up
    assert follow_up is not None and follow_up.startswith(
        "The substantive response was due on Tue 2026-10-27"
    )

    # Alabama's extension lengthens the substantive response, not the acknowledgment.
    tracker.log_event(rid, "extension", date(2026, 10, 20), days=15)
    view = tracker.view(rid, later)
    assert clock(view.clocks, "Acknowledgment").due == date(2026, 10, 13)
    assert clock(view.clocks, "Substantive response").due == date(2026, 11, 18)
    assert tracker.list_requests(later)[0].due == date(2026, 11, 18)

    tracker.log_event(rid, "records_released", date(2026, 11, 2))
    view = tracker.view(rid, later)
    assert all(c.state is ClockState.MET for c in view.clocks)
    assert tracker.list_requests(later)[0].due is None


def test_oregon_counts_from_the_acknowledgment_deadline_and_an_estimate_meets_it(
    tracker: TrackerService,
) -> None:
    # Received Mon 2 Mar 2026: acknowledgment due 5 business days later (Mon 9 Mar);
    # completion or estimate 10 business days after that (Mon 23 Mar).
    rid = tracker.add_request(spec("OR"), today=date(2026, 3, 2), sent=date(2026, 3, 2),
                              method="email")  # fmt: skip
    tracker.log_event(rid, "acknowledged", date(2026, 3, 4))
    today = date(2026, 3, 10)
    completion = clock(tracker.view(rid, today).clocks, "Completion or estimate")
    assert (completion.state, completion.due) == (ClockState.RUNNING, date(2026, 3, 23))
    assert tracker.list_requests(today)[0].due == date(2026, 3, 23)
    tracker.log_event(rid, "extension", date(2026, 3, 20), new_date=date(2026, 4, 30))
    completion = clock(tracker.view(rid, today).clocks, "Completion or estimate")
    assert completion.state is ClockState.MET and "Met on Fri 2026-03-20" in completion.explanation


def test_each_clock_has_its_own_calendar_uid(tracker: TrackerService) -> None:
    rid = tracker.add_request(spec("MD"), today=date(2026, 3, 2), sent=date(2026, 3, 2),
                              method="email")  # fmt: skip
    entries = entries_for(tracker.view(rid, date(2026, 3, 3)))
    uids = [e.uid for e in entries]
    assert len(uids) == len(set(uids)) == 2
    assert uids[0].startswith(f"request-{rid}-response@")
    assert uids[1].startswith(f"request-{rid}-clock-delay-notice@")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('met_by = ["response"]\ntakes', "takes", "later_clocks[0].met_by"),
        ('counts_from = "acknowledgment"\n', "", "later_clocks[0].counts_from"),
        ('counts_from = "acknowledgment"', 'counts_from = "soon"', "later_clocks[0].counts_from"),
        ('met_by = ["response"]', 'met_by = ["a letter"]', "later_clocks[0].met_by[0]"),
        ('name = "Response before presumed denial"', 'name = "Substantive response"',
         "later_clocks[1].name"),
        ('presumed denial"', 'presumed denial"\ntakes_extension = true',
         "later_clocks[1].takes_extension"),
    ],
)  # fmt: skip
def test_a_broken_later_clock_names_its_field(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    with pytest.raises(RuleFileError) as err:
        load_jurisdictions(rule_files_with(tmp_path, "AL", old, new))
    assert err.value.field == field, str(err.value)
    assert str(err.value).startswith("AL.toml: field ")


def test_a_late_answer_is_called_late_and_unneeded_later_clocks_say_so(
    tracker: TrackerService,
) -> None:
    # Alabama, received Thu 1 Oct 2026: acknowledgment due Tue 13 Oct; denied on 2 Nov
    # without any acknowledgment, 20 days late.
    rid = tracker.add_request(spec("AL"), today=date(2026, 10, 1), sent=date(2026, 10, 1),
                              method="email")  # fmt: skip
    tracker.log_event(rid, "denied", date(2026, 11, 2))
    view = tracker.view(rid, date(2026, 11, 26))
    ack = clock(view.clocks, "Acknowledgment")
    assert (ack.state, ack.met_on, ack.late_by) == (ClockState.MET, date(2026, 11, 2), 20)
    assert ack.state_text == "met late (20 days after the due date)"
    substantive = clock(view.clocks, "Substantive response")
    assert substantive.state is ClockState.MET and substantive.due is None
    assert "Not needed: the agency answered on Mon 2026-11-02" in substantive.explanation
    assert substantive.state_text == "met"
