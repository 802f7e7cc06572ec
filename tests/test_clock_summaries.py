"""Stored clock summaries (schema 7) equal the clocks worked out from the events.

The requests list reads each request's status and due date from `clock_summary` instead of
computing every clock. These tests prove the stored rows are the computed ones: random
histories in every jurisdiction (and one the app does not know), written through each path
that writes summaries (a write's own transaction, filling in missing ones, a full rebuild);
and that a day passing changes no stored date, only what the list calls overdue.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from postgres_server import on_both_backends
from test_lifecycle import _event_specs, _history

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.extension_notice import apply_extension_rule
from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.domain.lifecycle import (
    Event,
    EventKind,
    Method,
    Reminder,
    Status,
    TrackedRequest,
    derive,
)
from foia_assist.domain.list_due import ListDue, list_due
from foia_assist.domain.request import RequestSpec
from foia_assist.paths import resources_dir
from foia_assist.services.clock_summaries import ClockSummaries
from foia_assist.services.tracker import TrackerService, appeal_plan
from foia_assist.services.urgency import DUE_SOON_DAYS, Urgency, needs_action, urgency
from foia_assist.storage.clock_summary_repo import SummaryQuery
from foia_assist.storage.rule_files import load_jurisdictions

_RULES: JurisdictionSet = load_jurisdictions(resources_dir() / "jurisdictions")
_CODES = sorted(j.code for j in _RULES)
_CALENDARS = CalendarCache()  # shared: building calendars is the slow part, not the rows
_days = st.integers(min_value=0, max_value=700).map(lambda n: date(2025, 3, 1) + timedelta(n))
_TODAYS = (date(2025, 6, 1), date(2026, 2, 14), date(2027, 1, 4))
# Every test here runs on SQLite and on a throwaway PostgreSQL server (skipped, saying so,
# where no PostgreSQL is installed): the summaries' SQL is the same on both.
pytestmark = on_both_backends


def _spec(code: str) -> RequestSpec:
    return RequestSpec.from_dict(
        {
            "agency": {"name": "Police", "jurisdiction": code if code in _CODES else "US"},
            "requester": {"name": "Ana"},
            "records": {"categories": ["contracts"]},
        }
    )


def _rules(tracker: TrackerService, fingerprint: str) -> TrackerService:
    """`tracker` as an app whose rules have this fingerprint (as after an update)."""
    tracker.summaries = ClockSummaries(tracker.requests.db, _RULES, _CALENDARS, fingerprint)
    return tracker


def _stored(tracker: TrackerService) -> list[tuple[object, ...]]:
    with tracker.requests.db.reading() as conn:
        return list(conn.execute("SELECT * FROM clock_summary ORDER BY request_id"))


def _first(tracker: TrackerService) -> dict[str, object]:
    """The first stored summary by column name."""
    with tracker.requests.db.reading() as conn:
        cur = conn.execute("SELECT * FROM clock_summary ORDER BY request_id")
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchone(), strict=True))


_request = st.tuples(
    st.sampled_from([*_CODES, "ZZ"]),  # "ZZ": a jurisdiction this app has no rules for
    _days,
    _event_specs,
    st.lists(st.tuples(st.integers(-60, 200), st.booleans()), max_size=3),  # reminders
)


def _tracked(code: str, start: date, specs: list, reminders: list) -> TrackedRequest:  # type: ignore[type-arg]
    events = _history(start, specs)
    return TrackedRequest(
        id=None,
        spec=_spec(code),
        jurisdiction=code,
        agency=f"{code} police",
        created=start,
        events=tuple(events),
        reminders=tuple(
            Reminder(start + timedelta(offset), "r", done=start if done else None)
            for offset, done in reminders
        ),
    )


def _expected_due(request: TrackedRequest) -> date | None:
    """The list date straight from the domain objects (not from the stored rows)."""
    j = _RULES.find(request.jurisdiction)
    if j is None:
        return None
    cal = _CALENDARS.for_jurisdiction(j)
    try:
        # The facts under the law, as every list and the clocks read them: an extension
        # whose notice came later than the law allows does not count (extension_notice).
        facts = apply_extension_rule(request.facts(cal.is_business_day, j.receipt), j, cal)
        return ListDue(j, cal).due(facts)
    except ValueError:
        return None


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # one database; each example starts it empty
    ],
)
@given(requests=st.lists(_request, min_size=1, max_size=8))
def test_stored_summaries_equal_the_computed_clocks(
    tracker: TrackerService,
    requests: list[tuple[str, date, list, list]],  # type: ignore[type-arg]
) -> None:
    tracker.requests.clear()  # (summaries go with their requests)
    _rules(tracker, "rules-1")
    tracked = [_tracked(*r) for r in requests]
    # Written by a path that stores no summaries (like a restore): listing fills them in.
    tracker.requests.add_many(tracked)
    assert tracker.summaries.repo.missing() != []
    for today in _TODAYS:
        stored = tracker.list_requests(today)
        assert stored == tracker.compute_requests(today)
    assert tracker.summaries.repo.missing() == []
    by_id = {r.id: r for r in tracker.list_requests(_TODAYS[0])}
    for request in tracker.requests.all():
        assert by_id[request.id].due == _expected_due(request)
    filled = _stored(tracker)
    # The same summaries from a full rebuild (the rules' fingerprint changed).
    _rules(tracker, "rules-2")
    assert not tracker.summaries.is_current()
    assert tracker.list_requests(_TODAYS[1]) == tracker.compute_requests(_TODAYS[1])
    assert tracker.summaries.repo.fingerprint() == "rules-2"
    assert _stored(tracker) == filled
    # Filters decided in SQL for the day shown equal the same filters on computed rows.
    for today in _TODAYS:
        _check_filters(tracker, today)


def _check_filters(tracker: TrackerService, today: date) -> None:
    computed = tracker.compute_requests(today)
    for status in {r.status for r in computed}:
        assert tracker.list_requests(today, status=status) == [
            r for r in computed if r.status is status
        ]
    for within in (-10, 0, 7, 30):
        assert tracker.list_requests(today, due_within=within) == [
            r for r in computed if r.days_left is not None and r.days_left <= within
        ]
    iso, soon = today.isoformat(), (today + timedelta(DUE_SOON_DAYS)).isoformat()
    overdue = tracker.list_filtered(today, SummaryQuery(due_before=iso))
    assert overdue == [r for r in computed if urgency(r) is Urgency.OVERDUE]
    due_soon = tracker.list_filtered(today, SummaryQuery(due_from=iso, due_until=soon))
    assert due_soon == [r for r in computed if urgency(r) is Urgency.SOON]
    action = tracker.list_filtered(today, SummaryQuery(action_until=soon, today=iso))
    assert action == [r for r in computed if needs_action(r, today)]
    # Sorted by the database: dated rows by date then id, undated ones last, by id.
    for order, field in (("due", "due"), ("sent", "sent")):
        dated = sorted(
            (r for r in computed if getattr(r, field) is not None),
            key=lambda r: (getattr(r, field), r.id),  # noqa: B023
        )
        undated = [r for r in computed if getattr(r, field) is None]
        assert tracker.list_requests(today, order=order) == dated + undated
    assert tracker.list_requests(today, order="status") == sorted(
        computed, key=lambda r: (r.status.value, r.id)
    )


def test_each_write_updates_the_summary_in_its_own_transaction(tracker: TrackerService) -> None:
    _rules(tracker, "rules-1")
    rid = tracker.add_request(_spec("NY"), today=date(2026, 3, 2), sent=date(2026, 3, 2))
    assert tracker.summaries.repo.missing() == []  # written with the request
    row = _first(tracker)
    assert row["status"] == "awaiting response" and row["due"] is not None
    assert row["clock"] == _RULES.get("NY").response.name == "Response"
    eid = tracker.log_event(rid, "denied", date(2026, 3, 9))
    row = _first(tracker)
    assert (row["status"], row["clock"]) == ("denied", "Appeal")
    assert row["due"] == row["appeal_due"] == "2026-04-08"  # NY: 30 days to appeal
    tracker.remove_event(rid, eid)
    assert _first(tracker)["status"] == "awaiting response"
    tracker.remind(rid, date(2026, 4, 1), today=date(2026, 3, 10))
    assert _first(tracker)["next_reminder"] == "2026-04-01"
    tracker.reminders_done(rid, date(2026, 4, 1))
    assert _first(tracker)["next_reminder"] is None
    tracker.set_tracking_number(rid, "NY-123")
    assert _first(tracker)["tracking_number"] == "NY-123"
    # Everything equals the computed list at every step's end.
    day = date(2026, 3, 10)
    assert tracker.list_requests(day) == tracker.compute_requests(day)


def test_a_failed_summary_leaves_the_event_unsaved(
    tracker: TrackerService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The event and its summary are one transaction: neither is saved without the other."""
    rid = tracker.add_request(_spec("NY"), today=date(2026, 3, 2), sent=date(2026, 3, 2))
    before = _stored(tracker)

    def broken(*args: object) -> None:
        raise RuntimeError("summary failed")

    monkeypatch.setattr(tracker.summaries.maker, "record", broken)
    with pytest.raises(RuntimeError):
        tracker.log_event(rid, "acknowledged", date(2026, 3, 4))
    assert [e.kind for e in tracker.get(rid).events] == [EventKind.DRAFTED, EventKind.SENT]
    assert _stored(tracker) == before


def test_a_day_passing_changes_no_stored_date_only_what_is_overdue(
    tracker: TrackerService,
) -> None:
    _rules(tracker, "rules-1")
    rid = tracker.add_request(_spec("US"), today=date(2026, 3, 2), sent=date(2026, 3, 2))
    due = tracker.list_requests(date(2026, 3, 2))[0].due
    assert due is not None
    stored = _stored(tracker)
    day_before, day_after = due - timedelta(1), due + timedelta(1)
    before = tracker.list_requests(day_before)[0]
    after = tracker.list_requests(day_after)[0]
    assert (before.due, before.days_left, before.overdue) == (due, 1, False)
    assert (after.due, after.days_left, after.overdue) == (due, -1, True)
    assert _stored(tracker) == stored  # nothing was rewritten for the new day
    overdue = SummaryQuery(due_before=day_after.isoformat())
    assert [r.id for r in tracker.list_filtered(day_after, overdue)] == [rid]
    not_yet = SummaryQuery(due_before=day_before.isoformat())
    assert tracker.list_filtered(day_before, not_yet) == []


def test_changed_rules_rebuild_every_summary_with_progress(tracker: TrackerService) -> None:
    _rules(tracker, "old-rules")
    for i, code in enumerate(("CA", "TX", "US")):
        tracker.add_request(_spec(code), today=date(2026, 3, 2), sent=date(2026, 3, 2 + i))
    assert tracker.list_requests(date(2026, 4, 1))  # the old rules' fingerprint recorded
    with tracker.requests.db.transaction() as conn:  # as if the old rules had set other dates
        conn.execute("UPDATE clock_summary SET due = '2000-01-01'")
    _rules(tracker, "new-rules")  # the app was updated
    progress = tracker.summaries.ensure_current()
    lines = []
    try:
        while True:
            lines.append(next(progress))
    except StopIteration as done:
        assert done.value == 3
    assert lines and "rules changed" in lines[0]
    assert "2000-01-01" not in {r[6] for r in _stored(tracker)}
    day = date(2026, 4, 1)
    assert tracker.list_requests(day) == tracker.compute_requests(day)
    assert list(tracker.summaries.ensure_current()) == []  # current now: nothing to do


def test_the_listing_reads_only_the_summary_table(tracker: TrackerService) -> None:
    """The list is the stored rows: with the events gone behind its back it still shows
    what was stored (and so did no clock computation)."""
    _rules(tracker, "rules-1")
    tracker.add_request(_spec("WA"), today=date(2026, 3, 2), sent=date(2026, 3, 2))
    assert tracker.list_requests(date(2026, 3, 3))[0].due is not None  # rules recorded
    with tracker.requests.db.transaction() as conn:
        conn.execute("DELETE FROM events")
    row = tracker.list_requests(date(2026, 3, 3))[0]
    assert row.status is Status.AWAITING_RESPONSE and row.due is not None


def test_derive_and_stored_agree_for_an_unknown_jurisdiction(tracker: TrackerService) -> None:
    start = date(2026, 5, 4)
    tracker.requests.add(_tracked("ZZ", start, [], []))
    row = tracker.list_requests(start)[0]
    facts = derive(_history(start, []), lambda d: d.weekday() < 5)
    assert (row.status, row.due) == (facts.status, None)


def test_writers_at_once_leave_every_summary_right(
    tracker: TrackerService,
    database_target,
    app_paths,  # type: ignore[no-untyped-def]
) -> None:
    """Several connections logging on the same requests at once (a team on one server):
    each summary is written from events that include every committed change."""
    import threading

    from foia_assist.storage.database_open import open_database

    ids = [
        tracker.add_request(_spec(code), today=date(2026, 3, 2), sent=date(2026, 3, 2))
        for code in ("NY", "US")
    ]
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        db = open_database(database_target, app_paths.backups_dir)
        other = TrackerService.over(db, _RULES, _CALENDARS)
        try:
            for i in range(12):
                rid = ids[i % 2]
                other.remind(rid, date(2026, 4, 1) + timedelta(n * 12 + i), today=date(2026, 3, 3))
                if i == 5 + n:
                    other.log_event(rid, "acknowledged", date(2026, 3, 3 + n))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            other.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    day = date(2026, 3, 20)
    assert tracker.list_requests(day) == tracker.compute_requests(day)
    assert [r.next_reminder for r in tracker.list_requests(day)] == [
        date(2026, 4, 1),
        date(2026, 4, 2),
    ]


# Jurisdictions whose appeal dates differ with the agency's level or the records the denial
# names (Oregon, Pennsylvania, Washington...): the summaries must use each request's route.
_VARYING = sorted(j.code for j in _RULES if ListDue(j, _CALENDARS.for_jurisdiction(j)).per_request)
_CITED = st.lists(
    st.sampled_from(
        [
            "criminal investigative records",  # Pennsylvania's DA appeals officer
            "exemption 5 (deliberative process)",
            "RCW 42.56.240 (investigative records)",
        ]
    ),
    max_size=2,
    unique=True,
).map(tuple)
_routed = st.tuples(
    st.sampled_from(_VARYING),
    st.sampled_from([None, "federal", "state", "local"]),
    _days,
    st.integers(1, 60),  # days from sending to the denial
    _CITED,
    st.one_of(st.none(), st.integers(1, 40)),  # days from the denial to an appeal, if any
)


def _routed_request(
    code: str,
    level: str | None,
    start: date,
    to_denial: int,
    cited: tuple[str, ...],
    to_appeal: int | None,
) -> TrackedRequest:
    spec = _spec(code).to_dict()
    spec["agency"]["level"] = level  # type: ignore[index]
    events = [
        Event(EventKind.SENT, start, method=Method.EMAIL),
        Event(EventKind.DENIED, start + timedelta(to_denial), exemptions=cited),
    ]
    if to_appeal is not None:
        events.append(Event(EventKind.APPEAL_FILED, start + timedelta(to_denial + to_appeal)))
    return TrackedRequest(
        id=None,
        spec=RequestSpec.from_dict(spec),
        jurisdiction=code,
        agency=f"{code} police",
        created=start,
        events=tuple(events),
    )


def _routed_due(request: TrackedRequest) -> date | None:
    """The list date from the domain's slow path, on the route the explained clocks and the
    appeal letter use (`appeal_plan`: the spec's level, the latest denial's exemptions)."""
    j = _RULES.get(request.jurisdiction)
    cal = _CALENDARS.for_jurisdiction(j)
    try:
        facts = request.facts(cal.is_business_day, j.receipt)
        return list_due(facts, j, cal, appeal_plan(request, j))
    except ValueError:
        return None


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(requests=st.lists(_routed, min_size=1, max_size=8))
def test_stored_appeal_dates_follow_each_requests_route(
    tracker: TrackerService,
    requests: list[tuple[str, str | None, date, int, tuple[str, ...], int | None]],
) -> None:
    """Denied and appealing requests where the route depends on the level or the records:
    filled in, rebuilt and computed, the list shows each request's own appeal date and the
    deciding body's date while the appeal is pending."""
    tracker.requests.clear()
    _rules(tracker, "rules-1")
    tracker.requests.add_many(_routed_request(*r) for r in requests)
    stored = tracker.list_requests(_TODAYS[1])  # fills the summaries in (`refresh`)
    assert stored == tracker.compute_requests(_TODAYS[1])
    expected = {r.id: _routed_due(r) for r in tracker.requests.all()}
    assert {r.id: r.due for r in stored} == expected
    filled = _stored(tracker)
    _rules(tracker, "rules-2")  # a full rebuild (`rebuild`)
    assert tracker.list_requests(_TODAYS[1]) == stored
    assert _stored(tracker) == filled
    with tracker.requests.db.reading() as conn:
        clocks = dict(conn.execute("SELECT request_id, clock FROM clock_summary"))
    for r in tracker.requests.all():
        if r.facts(_weekdays).status is Status.APPEALING and expected[r.id] is not None:
            assert clocks[r.id] == "Appeal decision"


def _weekdays(d: date) -> bool:
    return d.weekday() < 5


def test_a_logged_appeal_stores_the_deciding_bodys_date_on_the_levels_route(
    tracker: TrackerService,
) -> None:
    """Oregon: a state agency's denial goes to the Attorney General, a local one's to the
    district attorney (ORS 192.411, 192.415). Written through `log_event` (each write's own
    transaction), the stored dates are the ones the explained clocks give for that level."""
    ids = {}
    for level in ("state", "local"):
        spec = _spec("OR").to_dict()
        spec["agency"]["level"] = level  # type: ignore[index]
        rid = tracker.add_request(
            RequestSpec.from_dict(spec),
            today=date(2026, 3, 2),
            sent=date(2026, 3, 2),
            method="email",
        )
        tracker.log_event(rid, "denied", date(2026, 3, 16))
        tracker.log_event(rid, "appeal_filed", date(2026, 3, 20))
        ids[level] = rid
    rows = {r.id: r for r in tracker.list_requests(date(2026, 3, 23))}
    assert list(rows.values()) == tracker.compute_requests(date(2026, 3, 23))
    for rid in ids.values():
        request = tracker.requests.get(rid)
        assert rows[rid].status is Status.APPEALING
        assert rows[rid].due is not None
        assert rows[rid].due == _routed_due(request)
    with tracker.requests.db.reading() as conn:
        clocks = dict(conn.execute("SELECT request_id, clock FROM clock_summary"))
    assert clocks[ids["state"]] == clocks[ids["local"]] == "Appeal decision"


def test_the_windows_filters_and_search_in_sql_equal_the_python_rules(
    tracker: TrackerService,
) -> None:
    """What the window asks the database (`request_search.filter_query`): every status
    filter and search word keeps exactly the rows the Python rules keep, on both backends
    (LIKE's own % and _ taken literally, upper and lower case alike)."""
    from foia_assist.services.request_search import filter_query, matches

    names = {j.code: j.name for j in _RULES}
    agencies = ("Richmond POLICE", "Houston 100%_Office", "Austin Clerk", "Oakland x_y")
    sent_days = (None, date(2026, 3, 2), date(2026, 10, 5), date(2026, 11, 20))
    for i in range(24):
        code = ("VA", "TX", "CA", "WV", "US", "NY")[i % 6]
        rid = tracker.add_request(
            _spec(code),
            today=date(2026, 3, 1),
            agency=f"{agencies[i % 4]} {i}",
            sent=sent_days[i % 4],
            method="email" if sent_days[i % 4] else None,
            tracking_number=f"Ref-{i:03d}" if i % 3 == 0 else "",
        )
        if i % 5 == 1 and sent_days[i % 4]:
            tracker.log_event(rid, "denied", date(2026, 11, 21))
        if i % 7 == 2:
            tracker.remind(rid, date(2026, 11, 24), today=date(2026, 3, 1))
    today = date(2026, 11, 26)
    computed = tracker.compute_requests(today)
    rules = {
        "overdue": lambda r: urgency(r) is Urgency.OVERDUE,
        "soon": lambda r: urgency(r) is Urgency.SOON,
        "action": lambda r: needs_action(r, today),
        **{s.value: (lambda r, s=s: r.status is s) for s in Status},
    }
    for value, keep in rules.items():
        got = tracker.list_filtered(today, filter_query(today, status=value))
        assert got == [r for r in computed if keep(r)], value
    texts = ("virginia", "VIRGINIA denied", "police", "ref-00", "100%", "%", "_", "x_y", "0%_",
             "2026-11", "nov", "october", "emb", "texas 2026", "west", "zz", "nowhere")  # fmt: skip
    for text in texts:
        got = tracker.list_filtered(today, filter_query(today, text=text, names=names))
        assert got == [r for r in computed if matches(r, text, names)], text
    assert tracker.list_filtered(today, filter_query(today, text="%", names=names)) == [
        r for r in computed if "%" in r.agency
    ]
    both = filter_query(today, status="action", jurisdiction="VA", text="richmond", names=names)
    expected = [
        r for r in computed
        if needs_action(r, today) and r.jurisdiction == "VA" and matches(r, "richmond", names)
    ]  # fmt: skip
    assert expected and tracker.list_filtered(today, both) == expected
    kept = [text for text in texts if any(matches(r, text, names) for r in computed)]
    assert len(kept) >= len(texts) - 3  # most words find something (not only empty lists)


def test_track_list_reports_a_rebuild_on_a_terminal(
    tracker: TrackerService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a rules change the first listing rebuilds every summary: on a terminal (a real
    pseudo-terminal here) it says so on stderr as it goes; piped, it prints nothing."""
    import os
    import sys

    from foia_assist.cli import track

    for code in ("CA", "TX"):
        tracker.add_request(_spec(code), today=date(2026, 3, 2), sent=date(2026, 3, 2))
    assert tracker.list_requests(date(2026, 4, 1))
    monkeypatch.setattr(track, "PROGRESS_EVERY", 0.0)  # every line (there are only two)
    primary, secondary = os.openpty()
    with os.fdopen(secondary, "w") as terminal:
        monkeypatch.setattr(sys, "stderr", terminal)
        _rules(tracker, "rules-after-an-update")
        track._bring_summaries_up_to_date(tracker)
        terminal.flush()
        shown = os.read(primary, 65536).decode()
    os.close(primary)
    assert "rules changed" in shown and shown.startswith("foia-assist: ")
    assert tracker.summaries.is_current()
    import io

    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    _rules(tracker, "rules-after-another-update")
    track._bring_summaries_up_to_date(tracker)
    assert piped.getvalue() == "" and tracker.summaries.is_current()


def test_due_today_and_due_soon_are_found_as_the_list_shows_them(tracker: TrackerService) -> None:
    """Trial 3 (T18): Find "due today" found nothing beside two rows saying "Due today".
    The database's answer equals the Python rule's, and it is the rows the list words so."""
    from foia_assist.services.request_search import filter_query, matches
    from foia_assist.services.urgency import days_left_text

    names = {j.code: j.name for j in _RULES}
    for i, sent in enumerate(
        (date(2026, 11, 12), date(2026, 11, 19), date(2026, 11, 25), date(2026, 10, 1), None)
    ):
        tracker.add_request(
            _spec(("TX", "VA", "CA", "NY", "TX")[i]),
            today=date(2026, 10, 1),
            agency=f"Agency {i}",
            sent=sent,
            method="email" if sent else None,
        )
    # The day the second-earliest deadline falls: one row due that day, one overdue, and
    # (as the dates fall) some due within the week.
    today = sorted(r.due for r in tracker.compute_requests(date(2026, 10, 1)) if r.due)[1]
    computed = tracker.compute_requests(today)
    for text in ("due today", "due soon", "due", "today", "soon", "texas due"):
        got = tracker.list_filtered(today, filter_query(today, text=text, names=names))
        assert got == [r for r in computed if matches(r, text, names)], text
    words = {r.agency: days_left_text(r) for r in computed}
    assert any(w.startswith("Due soon") for w in words.values())  # the data has each kind
    assert any(w.startswith("Overdue by") for w in words.values())
    found = tracker.list_filtered(today, filter_query(today, text="due today", names=names))
    assert found and all(words[r.agency] == "Due today" for r in found)
    assert [a for a, w in words.items() if w == "Due today"] == [r.agency for r in found]
    soon = tracker.list_filtered(today, filter_query(today, text="due soon", names=names))
    assert {r.agency for r in soon} == {
        a for a, w in words.items() if w == "Due today" or w.startswith("Due soon")
    }
    nothing_due = tracker.list_filtered(today, filter_query(today, text="due", names=names))
    assert "Agency 4" not in {r.agency for r in nothing_due}  # never sent: no due date


def test_dates_typed_as_people_write_them_are_found(tracker: TrackerService) -> None:
    """Trial 3 (T18): "11/20" (US order) found nothing and "nov 20" found every row of 2026
    (the "20" matched the year). A day is now matched as part of an ISO date, in the
    database's query and the Python rule alike."""
    from foia_assist.services.request_search import date_terms, filter_query, matches

    assert date_terms("11/20") == ["-11-20"] and date_terms("Nov 20") == ["-11-20"]
    assert date_terms("20 november 2026") == ["2026-11-20"]
    assert date_terms("11/20/26") == ["2026-11-20"]
    assert date_terms("nov 2026") == ["nov", "2026"]  # a month and a year stay as they were
    assert date_terms("texas denied") == ["texas", "denied"]
    names = {j.code: j.name for j in _RULES}
    for i, sent in enumerate((date(2026, 11, 20), date(2026, 11, 2), date(2026, 10, 20))):
        tracker.add_request(
            _spec(("TX", "VA", "CA")[i]),
            today=date(2026, 10, 1),
            agency=f"Agency {i}",
            sent=sent,
            method="email",
        )
    today = date(2026, 12, 3)
    computed = tracker.compute_requests(today)
    # No due date falls on Nov 20 or Oct 20 (TX Dec, VA Nov 9, CA Oct 30): a day finds only
    # the row sent that day; "nov 20" used to find Agency 1 too (sent 2026-11-02: "20" in 2026).
    assert not any(r.due in (date(2026, 11, 20), date(2026, 10, 20)) for r in computed)
    for text, expected in (
        ("11/20", ["Agency 0"]),
        ("nov 20", ["Agency 0"]),
        ("20 November 2026", ["Agency 0"]),
        ("10/20/2026", ["Agency 2"]),
        ("10/20/2025", []),
        ("november", ["Agency 0", "Agency 1"]),
    ):
        got = tracker.list_filtered(today, filter_query(today, text=text, names=names))
        assert got == [r for r in computed if matches(r, text, names)], text
        assert sorted(r.agency for r in got) == expected, text
