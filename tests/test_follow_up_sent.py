"""A 'follow-up sent' event: it changes no clock, but the next step stops asking for one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from foia_assist.app import AppContext
from foia_assist.domain.lifecycle import EventKind, parse_kind
from foia_assist.domain.request import Agency, Records, Requester, RequestSpec
from foia_assist.paths import AppPaths

TODAY = date(2026, 11, 26)


def _overdue(ctx: AppContext) -> int:
    spec = RequestSpec(
        agency=Agency(name="Los Angeles Police Department", jurisdiction="CA"),
        requester=Requester(name="Ana"),
        records=Records(categories=("contracts",)),
    )
    # California: 10 calendar days; sent 2026-10-01 by email, due 2026-10-12.
    return int(
        ctx.tracker.add_request(
            spec, today=date(2026, 10, 1), sent=date(2026, 10, 1), method="email"
        )
    )


def test_follow_up_sent_replaces_the_suggestion_and_keeps_the_clocks(tmp_path: Path) -> None:
    ctx = AppContext(paths=AppPaths.under(tmp_path).ensure())
    rid = _overdue(ctx)
    before = ctx.tracker.view(rid, TODAY)
    assert before.follow_up is not None and "send a follow-up letter" in before.follow_up
    ctx.tracker.log_event(rid, EventKind.FOLLOW_UP_SENT, date(2026, 11, 2), note="by email")
    after = ctx.tracker.view(rid, TODAY)
    assert after.follow_up is not None
    assert after.follow_up.startswith("Follow-up sent on Mon 2026-11-02")
    assert [c.due for c in after.clocks] == [c.due for c in before.clocks]
    assert after.facts.status is before.facts.status
    [row] = ctx.tracker.list_requests(TODAY)
    assert row.overdue  # the agency is still late
    assert parse_kind("follow-up sent") is EventKind.FOLLOW_UP_SENT
    ctx.close()


def test_a_follow_up_before_an_earlier_deadline_does_not_hide_a_later_one(
    tmp_path: Path,
) -> None:
    ctx = AppContext(paths=AppPaths.under(tmp_path).ensure())
    rid = _overdue(ctx)
    ctx.tracker.log_event(rid, EventKind.FOLLOW_UP_SENT, date(2026, 10, 5))  # before it was due
    view = ctx.tracker.view(rid, TODAY)
    assert view.follow_up is not None and "send a follow-up letter" in view.follow_up
