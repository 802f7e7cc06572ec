"""The window on a tracker that others change too: the author on the timeline, and an edit
from what the pane showed refused (with the colleague's change named) when it is stale."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import TODAY, spec

from foia_assist.domain.lifecycle import EventKind
from foia_assist.services.tracker import TrackerService


def _colleague(ctx: Any) -> TrackerService:
    return TrackerService.open(ctx.paths, ctx.jurisdictions, ctx.calendars, author="bob")


def test_a_stale_removal_is_refused_naming_the_colleagues_change(
    make_window: Any, gui_ctx: Any, modals: Any
) -> None:
    rid = gui_ctx.tracker.add_request(
        spec("Oakland Police Department", "CA"), today=TODAY, sent=date(2026, 10, 2), method="email"
    )
    gui_ctx.tracker.author = "alice"
    gui_ctx.tracker.log_event(rid, "records_released", date(2026, 10, 5))  # by mistake
    window = make_window()
    window.select_request(rid)
    detail = window.detail
    timeline = [detail.timeline.item(i).text() for i in range(detail.timeline.count())]
    assert "[logged by alice]" in timeline[-1]
    shown = window.seen_version()
    assert shown == gui_ctx.tracker.get(rid).version

    bob = _colleague(gui_ctx)
    try:
        bob.set_tracking_number(rid, "OPD-77")
    finally:
        bob.close()
    detail.timeline.setCurrentRow(detail.timeline.count() - 1)
    modals.answer_yes = True
    detail.remove_event_button.click()
    title, text = modals.errors[-1]
    assert title == "Remove event"
    assert "bob set the tracking number to 'OPD-77'" in text
    assert "Nothing was saved" in text
    kinds = [e.kind for e in gui_ctx.tracker.get(rid).events]
    assert EventKind.RECORDS_RELEASED in kinds  # not removed
    # The pane was reloaded: it now shows the colleague's change, and from there it works.
    assert window.seen_version() == gui_ctx.tracker.get(rid).version == shown + 1
    detail.timeline.setCurrentRow(detail.timeline.count() - 1)
    detail.remove_event_button.click()
    assert EventKind.RECORDS_RELEASED not in [e.kind for e in gui_ctx.tracker.get(rid).events]
