"""Repositories: domain objects in and out, parameterised SQL, clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from postgres_server import on_both_backends

from foia_assist.domain.lifecycle import (
    Event,
    EventKind,
    Letter,
    Method,
    Reminder,
    TrackedRequest,
    derive,
    derive_from_rows,
    event_row,
)
from foia_assist.domain.request import Agency, RequestSpec
from foia_assist.errors import UserError
from foia_assist.paths import AppPaths
from foia_assist.storage.agencies_repo import AgenciesRepository
from foia_assist.storage.database import Database
from foia_assist.storage.database_open import open_database
from foia_assist.storage.requests_repo import RequestNotFound, RequestsRepository

NASTY = 'Robert\'); DROP TABLE requests;-- «ñ» \n line two, "quoted"'


def make_spec(agency: str = "Springfield Police Department", code: str = "US") -> RequestSpec:
    return RequestSpec.from_dict(
        {
            "agency": {"name": agency, "jurisdiction": code, "email": "records@example.gov"},
            "requester": {"name": "Ana Núñez", "news_media": True},
            "records": {"categories": ["contracts"], "vendors": ["Clearview AI"]},
            "options": {"fee_cap": "25.50"},
        }
    )


def make_request(**changes: object) -> TrackedRequest:
    base = dict(
        id=None,
        spec=make_spec(),
        jurisdiction="US",
        agency="Springfield Police Department",
        created=date(2026, 3, 1),
    )
    base.update(changes)
    return TrackedRequest(**base)  # type: ignore[arg-type]


pytestmark = on_both_backends


@pytest.fixture
def db(app_paths: AppPaths, database_target) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    with open_database(database_target, app_paths.backups_dir) as database:
        yield database


def test_a_request_round_trips_with_everything_attached(db: Database) -> None:
    repo = RequestsRepository(db)
    request = make_request(
        tracking_number="FOIA-1",
        events=(
            Event(EventKind.SENT, date(2026, 3, 2), method=Method.IN_PERSON, message_id="<a@b>"),
            Event(EventKind.EXTENSION, date(2026, 3, 20), new_date=date(2026, 4, 30)),
            Event(EventKind.DENIED, date(2026, 4, 1), exemptions=("b(5)", "b(7)(E)"), note=NASTY),
            Event(EventKind.RECORDS_RELEASED, date(2026, 4, 1), partial=True),
        ),
        reminders=(Reminder(date(2026, 4, 15), "call"),),
        letters=(Letter("request", "/tmp/x.docx", "0" * 64, date(2026, 3, 1)),),
    )
    rid = repo.add(request)
    loaded = repo.get(rid)
    assert loaded.id == rid
    assert loaded.spec == request.spec
    assert loaded.tracking_number == "FOIA-1"
    assert loaded.letters == request.letters
    assert [r.due for r in loaded.reminders] == [date(2026, 4, 15)]
    # Same content; ids are assigned by the database.
    stripped = tuple(e.__class__(**{**_fields(e), "id": None}) for e in loaded.events)
    assert stripped == request.events
    assert all(e.id is not None for e in loaded.events)


def _fields(e: Event) -> dict[str, object]:
    return {name: getattr(e, name) for name in Event.__slots__}


def test_text_that_looks_like_sql_is_stored_literally(db: Database) -> None:
    repo = RequestsRepository(db)
    rid = repo.add(make_request(agency=NASTY, tracking_number=NASTY))
    repo.add_event(rid, Event(EventKind.NOTE, date(2026, 3, 3), note=NASTY))
    loaded = repo.get(rid)
    assert loaded.agency == NASTY and loaded.tracking_number == NASTY
    assert loaded.events[0].note == NASTY
    assert repo.count() == 1


def test_missing_requests_give_a_clear_error(db: Database) -> None:
    repo = RequestsRepository(db)
    with pytest.raises(RequestNotFound, match="no tracked request with id 42"):
        repo.get(42)
    with pytest.raises(UserError, match="42"):
        repo.add_event(42, Event(EventKind.NOTE, date(2026, 3, 3)))
    with pytest.raises(UserError):
        repo.add_reminder(42, Reminder(date(2026, 3, 3)))


def test_events_reminders_and_deletion(db: Database) -> None:
    repo = RequestsRepository(db)
    rid = repo.add(make_request())
    eid = repo.add_event(rid, Event(EventKind.SENT, date(2026, 3, 2), method=Method.EMAIL))
    mid = repo.add_reminder(rid, Reminder(date(2026, 3, 30), "chase"))
    repo.set_tracking_number(rid, "T-9")
    got = repo.get(rid)
    assert [e.id for e in got.events] == [eid] and got.reminders[0].id == mid
    assert got.tracking_number == "T-9"
    repo.delete_event(rid, eid)
    repo.delete_reminder(rid, mid)
    with pytest.raises(UserError, match="no event"):
        repo.delete_event(rid, eid)
    assert repo.get(rid).events == () and repo.get(rid).reminders == ()
    repo.add_event(rid, Event(EventKind.NOTE, date(2026, 3, 3)))
    repo.delete(rid)  # events go with it (foreign key cascade)
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_listing_groups_events_by_request_in_order_without_parsing_specs(db: Database) -> None:
    repo = RequestsRepository(db)
    first = repo.add(
        make_request(
            events=(
                Event(EventKind.DENIED, date(2026, 3, 20)),
                Event(EventKind.SENT, date(2026, 3, 2), method=Method.MAIL),
            )
        )
    )
    second = repo.add(make_request(agency="Other"))
    seen = repo.listing(
        lambda rid, code, agency, tracking, rows: (rid, agency, [r[1] for r in rows], rows)
    )
    assert [(s[0], s[1], s[2]) for s in seen] == [
        (first, "Springfield Police Department", ["sent", "denied"]),
        (second, "Other", []),
    ]
    assert seen[0][3][0] == (first, "sent", "2026-03-02", "mail")
    assert repo.listing(lambda *args: None) == []


def test_listing_rows_are_what_the_fold_reads_from_each_stored_event(db: Database) -> None:
    # The listing's SQL picks each kind's detail; `event_row` is the same rule in Python.
    repo = RequestsRepository(db)
    events = (
        Event(EventKind.DRAFTED, date(2026, 3, 1)),
        Event(EventKind.SENT, date(2026, 3, 2), method=Method.IN_PERSON),
        Event(EventKind.SENT, date(2026, 3, 2)),
        Event(EventKind.NOTE, date(2026, 3, 3), note="called"),
        Event(EventKind.FEE_ESTIMATE, date(2026, 3, 4)),
        Event(EventKind.FEE_PAID, date(2026, 3, 5)),
        Event(EventKind.EXTENSION, date(2026, 3, 6), days=10),
        Event(EventKind.EXTENSION, date(2026, 3, 7), new_date=date(2026, 5, 1)),
        Event(EventKind.RECORDS_RELEASED, date(2026, 3, 8), partial=True),
        Event(EventKind.RECORDS_RELEASED, date(2026, 3, 9)),
        Event(EventKind.DENIED, date(2026, 3, 10), exemptions=("b(5)",)),
        Event(EventKind.APPEAL_FILED, date(2026, 3, 11)),
    )
    rid = repo.add(make_request(events=events))
    [rows] = repo.listing(lambda rid, code, agency, tracking, rows: rows)
    stored = repo.get(rid).timeline()
    expected = [
        (rid, *event_row(e)[1:])
        for e in stored
        if e.kind not in (EventKind.NOTE, EventKind.DRAFTED)
    ]
    assert rows == expected
    assert [r[3] for r in rows] == [
        "in person",
        None,
        None,
        None,
        10,
        "2026-05-01",
        1,
        0,
        None,
        None,
    ]
    assert derive_from_rows(rows, weekdays) == derive(events, weekdays)


def weekdays(d: date) -> bool:
    return d.weekday() < 5


def test_next_reminders_keep_missed_ones_until_marked_done(db: Database) -> None:
    repo = RequestsRepository(db)
    rid = repo.add(
        make_request(
            reminders=(
                Reminder(date(2026, 3, 1)),
                Reminder(date(2026, 5, 1)),
                Reminder(date(2026, 4, 1)),
            )
        )
    )
    other = repo.add(make_request(reminders=(Reminder(date(2026, 2, 1), done=date(2026, 2, 1)),)))
    # 1 March passed while the app was closed: still the next one, until marked done.
    assert repo.next_reminders() == {rid: date(2026, 3, 1)}
    assert repo.mark_reminders_done(rid, up_to=date(2026, 3, 15), done=date(2026, 3, 15)) == 1
    assert repo.next_reminders() == {rid: date(2026, 4, 1)}
    loaded = repo.get(rid).reminders
    assert [(m.due, m.done) for m in loaded] == [
        (date(2026, 3, 1), date(2026, 3, 15)),
        (date(2026, 4, 1), None),
        (date(2026, 5, 1), None),
    ]
    assert repo.get(other).pending_reminders() == []
    with pytest.raises(UserError):
        repo.mark_reminders_done(999, date(2026, 3, 15), date(2026, 3, 15))


def test_address_book(db: Database) -> None:
    book = AgenciesRepository(db)
    police = Agency("Springfield Police", "IL", "1 Main St", "r@example.gov", "", "Clerk")
    aid = book.add(police)
    assert book.get(aid).agency == police
    with pytest.raises(UserError, match="already has 'Springfield Police' in IL"):
        book.add(police)
    book.add(Agency("100%_Real Sheriff", "IL"))
    book.add(Agency("Springfield Police", "MA"))
    assert [a.agency.jurisdiction for a in book.search("springfield")] == ["IL", "MA"]
    assert [a.agency.name for a in book.search("%_")] == ["100%_Real Sheriff"]
    assert [a.agency.name for a in book.search("0%")] == ["100%_Real Sheriff"]
    assert len(book.all()) == 3 and len(book.all("IL")) == 2
    updated = Agency("Springfield Police", "IL", "2 Main St", "new@example.gov")
    assert book.save(updated) == aid
    assert book.get(aid).agency.email == "new@example.gov"
    book.update(aid, Agency(NASTY, "IL"))
    assert book.get(aid).agency.name == NASTY
    book.delete(aid)
    with pytest.raises(UserError, match="no agency with id"):
        book.get(aid)
    with pytest.raises(UserError, match="needs a name"):
        book.add(Agency("  ", "IL"))
