"""The tracker: add requests, log what happened, list them with status and deadlines.

Qt-free; the window and `foia-assist track` both call this. "Today" is always an argument.

Over 400 lines as one thing: the tracker's service API (the dates themselves come from
`domain/day_counting.py` through `domain/list_due.py` and `domain/request_clocks.py`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from foia_assist.domain.appeal_routes import AppealPlan, drafted_filing, level_named, plan_appeal
from foia_assist.domain.calendars import MAX_YEAR, MIN_YEAR, CalendarCache, HolidayCalendar
from foia_assist.domain.clock_readings import ClockReading
from foia_assist.domain.deadlines import fmt_day
from foia_assist.domain.extension_notice import LateExtension, apply_extension_rule, late_extension
from foia_assist.domain.jurisdictions import (
    Jurisdiction,
    JurisdictionSet,
    Level,
    UnknownJurisdictionError,
)
from foia_assist.domain.lifecycle import (
    Event,
    EventKind,
    EventRow,
    Facts,
    Letter,
    LifecycleError,
    Method,
    Reminder,
    Status,
    TrackedRequest,
    parse_kind,
    parse_method,
    reminder_date,
    validate_event,
)
from foia_assist.domain.list_due import appeal_dates_vary
from foia_assist.domain.request import MAX_TEXT, RequestSpec, SpecError
from foia_assist.domain.request_clocks import RequestClocks
from foia_assist.domain.text_rules import first_control_character
from foia_assist.errors import UserError
from foia_assist.paths import AppPaths
from foia_assist.services.clock_summaries import ClockSummaries, SummaryMaker
from foia_assist.services.request_rows import RequestRow as RequestRow  # re-exported
from foia_assist.services.request_rows import stored_rows
from foia_assist.storage.agencies_repo import AgenciesRepository
from foia_assist.storage.clock_summary_repo import SummaryQuery
from foia_assist.storage.database import Database, DatabaseBusy, open_app_database
from foia_assist.storage.gc_pause import gc_paused
from foia_assist.storage.request_changes import Change, ConflictError
from foia_assist.storage.requests_repo import RequestsRepository

T = TypeVar("T")
BUSY_PATIENCE_S = 120.0


@dataclass(frozen=True)
class RequestView:
    """Everything the detail pane or `track show` needs, for one day."""

    request: TrackedRequest
    jurisdiction: Jurisdiction
    facts: Facts
    clocks: list[ClockReading]
    follow_up: str | None
    timeline: list[Event]
    reminders: list[Reminder]  # pending (past ones not yet marked done too), soonest first
    today: date  # the day the clocks were read for
    # What "Draft appeal" writes for this request: "appeal", the law's name for the filing
    # ("request for review"), or "reconsideration request" where the law has no
    # administrative appeal (`drafted_filing`, as the appeal letter decides).
    appeal_filing: str = "appeal"
    appeal_body: str = ""  # who decides it, where not the agency (e.g. "the Public Access …")

    @property
    def reminders_due(self) -> list[Reminder]:
        """Pending reminders whose day has come (today or missed while the app was closed)."""
        return [m for m in self.reminders if m.due <= self.today]


def _weekdays_only(d: date) -> bool:
    return d.weekday() < 5


@dataclass(frozen=True)
class NewRequest:
    """One request to start tracking (see `TrackerService.add_request` for the fields)."""

    spec: RequestSpec
    jurisdiction: str | None = None
    agency: str | None = None
    sent: date | None = None
    method: Method | str | None = None
    received: date | None = None
    tracking_number: str = ""
    letters: tuple[Letter, ...] = ()


class TrackerService:
    def __init__(
        self,
        requests: RequestsRepository,
        agencies: AgenciesRepository,
        jurisdictions: JurisdictionSet,
        calendars: CalendarCache,
        rules_fingerprint: str | None = None,
    ) -> None:
        """`rules_fingerprint`: what the stored clock summaries are checked against (default:
        the bundled rule files, see `rules_fingerprint.rules_fingerprint`)."""
        self.requests = requests
        self.agencies = agencies
        self.jurisdictions = jurisdictions
        self.calendars = calendars
        self.summaries = ClockSummaries(requests.db, jurisdictions, calendars, rules_fingerprint)

    @classmethod
    def over(
        cls,
        db: Database,
        jurisdictions: JurisdictionSet,
        calendars: CalendarCache,
        *,
        author: str = "",
    ) -> TrackerService:
        requests = RequestsRepository(db, author=author)
        return cls(requests, AgenciesRepository(db), jurisdictions, calendars)

    @classmethod
    def open(
        cls,
        paths: AppPaths,
        jurisdictions: JurisdictionSet,
        calendars: CalendarCache,
        *,
        author: str = "",
    ) -> TrackerService:
        """Over the database in the user's data folder (created and migrated as needed)."""
        return cls.over(open_app_database(paths), jurisdictions, calendars, author=author)

    @property
    def author(self) -> str:
        """Who is writing: recorded with every event logged and every change made."""
        return self.requests.author

    @author.setter
    def author(self, name: str) -> None:
        self.requests.author = check_text(name.strip(), "the user name")

    def changes(self, request_id: int) -> list[Change]:
        """Who made each version of the request, and what it was (oldest first)."""
        return self.requests.changes(request_id)

    def check_version(self, request_id: int, seen_version: int | None) -> TrackedRequest:
        """The request now; ConflictError if it is no longer at the version the user saw."""
        current = self.requests.get(request_id)
        if seen_version is not None and current.version != seen_version:
            later = [c for c in self.requests.changes(request_id) if c.version > seen_version]
            raise ConflictError(request_id, seen_version, current.version, later)
        return current

    def _write(
        self,
        request_id: int,
        seen_version: int | None,
        write: Callable[[TrackedRequest], T],
    ) -> T:
        """Check `write` against the request as it is now and make it, in one transaction
        that holds the request: no other writer gets in between the check and the write, so
        several people logging at once are served one after the other and nothing is lost.

        With the version the user saw, a change made since is refused (ConflictError)."""
        with self.requests.locked(request_id):
            current = self.check_version(request_id, seen_version)
            result = write(current)
            self._refresh_summary(request_id)  # same transaction: the list never lags
            return result

    def _refresh_summary(self, request_id: int) -> None:
        with self.requests.db.transaction() as conn:  # joins the enclosing transaction
            self.summaries.refresh(conn, [request_id])

    def _append_note(self, request_id: int, event: Event) -> int:
        with self.requests.db.transaction():
            event_id = self.requests.add_event(request_id, event)
            self._refresh_summary(request_id)
            return event_id

    def close(self) -> None:
        self.requests.db.close()

    # -- rules ---------------------------------------------------------------------------------

    def jurisdiction(self, code: str) -> Jurisdiction:
        try:
            return self.jurisdictions.get(code)
        except UnknownJurisdictionError as exc:
            raise UserError(str(exc)) from None

    def _rules(self, code: str) -> tuple[Jurisdiction, HolidayCalendar] | None:
        j = self.jurisdictions.find(code)
        return None if j is None else (j, self.calendars.for_jurisdiction(j))

    # -- writing -------------------------------------------------------------------------------

    def add_request(
        self,
        spec: RequestSpec,
        *,
        today: date,
        jurisdiction: str | None = None,
        agency: str | None = None,
        sent: date | None = None,
        method: Method | str | None = None,
        received: date | None = None,
        tracking_number: str = "",
        letters: Iterable[Letter] = (),
    ) -> int:
        """Start tracking `spec` (a snapshot is kept). With `sent`, it is logged as sent."""
        item = NewRequest(
            spec=spec,
            jurisdiction=jurisdiction,
            agency=agency,
            sent=sent,
            method=method,
            received=received,
            tracking_number=tracking_number,
            letters=tuple(letters),
        )
        tracked = self._new_tracked(item, today)
        with self.requests.db.transaction() as conn:
            rid = self.requests.add(tracked)
            self.summaries.refresh(conn, [rid])
        return rid

    def add_requests(self, items: Iterable[NewRequest], *, today: date) -> list[int]:
        """Start tracking many requests in one transaction (bulk export): all or none.

        Every item is checked before anything is written; returns the ids in order."""
        tracked = [self._new_tracked(item, today) for item in items]
        with self.requests.db.transaction() as conn:
            ids = self.requests.add_all(tracked)
            self.summaries.refresh(conn, ids)
        return ids

    def _new_tracked(self, item: NewRequest, today: date) -> TrackedRequest:
        spec, sent, received, method = item.spec, item.sent, item.received, item.method
        _check_days(today, sent, received)
        if item.jurisdiction is not None:
            check_text(item.jurisdiction, "the jurisdiction")
        j = self.jurisdiction(item.jurisdiction or spec.agency.jurisdiction)
        # The spec's rule for names: line breaks and tabs pass (exports escape them).
        name = check_text(
            (item.agency or spec.agency.name).strip(), "the agency name", multiline=True
        )
        if not name:
            raise UserError("the request needs an agency name")
        tracking_number = check_text(item.tracking_number.strip(), "the tracking number")
        drafted = min(d for d in (today, spec.letter_date, sent) if d is not None)
        events = [Event(EventKind.DRAFTED, drafted)]
        if method is not None and sent is None:
            raise UserError("a method was given without a sent date (--sent DATE)")
        if sent is not None:
            events.append(Event(EventKind.SENT, sent, method=_method(method)))
        if received is not None:
            if sent is None:
                raise UserError("a received date needs the date it was sent (--sent DATE)")
            if received < sent:
                raise UserError("the received date must be on or after the sent date")
            events.append(Event(EventKind.RECEIVED, received))
        if (spec.agency.jurisdiction, spec.agency.name) != (j.code, name):
            # The snapshot must say what was actually sent: later letters are made from it.
            spec = spec.with_agency(jurisdiction=j.code, name=name)
        _check_spec(spec)
        return TrackedRequest(
            id=None,
            spec=spec,
            jurisdiction=j.code,
            agency=name,
            created=today,
            tracking_number=tracking_number,
            letters=tuple(item.letters),
            events=tuple(events),
        )

    def log_event(
        self,
        request_id: int,
        kind: EventKind | str,
        day: date,
        *,
        days: int | None = None,
        new_date: date | None = None,
        note: str = "",
        method: Method | str | None = None,
        message_id: str = "",
        exemptions: Iterable[str] = (),
        partial: bool = False,
        seen_version: int | None = None,
    ) -> int:
        """Record what happened; returns the event id. Status and clocks follow from it.

        Events are appended: when several people log at once, every event is kept, each
        checked against the events logged before it. With `seen_version` (the version the
        user was looking at), a change made since is refused with ConflictError instead."""
        _check_days(day, new_date)
        check_text(note, "the note", multiline=True)
        check_text(message_id, "the message id")
        exemptions = [check_text(x, "an exemption") for x in exemptions]
        try:
            event = Event(
                kind=kind if isinstance(kind, EventKind) else _kind(kind),
                date=day,
                days=days,
                new_date=new_date,
                note=note.strip(),
                method=_method(method),
                message_id=message_id.strip(),
                exemptions=tuple(x.strip() for x in exemptions if x.strip()),
                partial=partial,
            )
            validate_event(event)
        except LifecycleError as exc:
            raise UserError(str(exc)) from None

        if event.kind is EventKind.NOTE and seen_version is None:
            # A note follows anything: appended in one short transaction, without reading
            # the request first (many people noting at once wait the least).
            return _patiently(lambda: self._append_note(request_id, event))

        def append(current: TrackedRequest) -> int:
            self._check_event(current, event)
            return self.requests.add_event(request_id, event, expected=current.version)

        return _patiently(lambda: self._write(request_id, seen_version, append))

    def _check_event(self, current: TrackedRequest, event: Event) -> None:
        request_id, day = current.id, event.date
        if event.kind is EventKind.SENT and any(e.kind is EventKind.SENT for e in current.events):
            raise UserError(f"request {request_id} is already marked as sent")
        sent = next((e.date for e in current.events if e.kind is EventKind.SENT), None)
        if event.kind is not EventKind.NOTE and event.kind is not EventKind.DRAFTED:
            if sent is None and event.kind is not EventKind.SENT:
                raise UserError(f"request {request_id} has not been sent yet; log 'sent' first")
            if sent is not None and day < sent:
                raise UserError(f"{day} is before the request was sent ({sent})")
        self._check_order(current, event)

    def _check_order(self, current: TrackedRequest, event: Event) -> None:
        """Events that cannot follow what is already logged, with what to do instead."""
        rid, kind = current.id, event.kind
        if kind is EventKind.NOTE:
            return
        withdrawn = next((e.date for e in current.events if e.kind is EventKind.WITHDRAWN), None)
        if withdrawn is not None:
            raise UserError(
                f"request {rid} was withdrawn on {withdrawn}; remove that event first if it "
                "was logged by mistake"
            )
        if kind is EventKind.APPEAL_FILED and not any(
            e.kind is EventKind.DENIED for e in current.events
        ):
            raise no_denial_logged(rid)
        if kind is EventKind.EXTENSION and event.new_date is not None:
            j = self.jurisdiction(current.jurisdiction)
            calendar = self.calendars.for_jurisdiction(j)
            due = RequestClocks(request_facts(current, j, calendar), j, calendar)
            deadline = due.response_deadline()
            if deadline is not None and deadline.due is not None and event.new_date < deadline.due:
                raise UserError(
                    f"the new date {event.new_date} is before the date already due "
                    f"({deadline.due}); an extension gives the agency more time"
                )

    def remove_event(
        self, request_id: int, event_id: int, *, seen_version: int | None = None
    ) -> Event:
        """Take back an event logged by mistake (a wrong date, a wrong kind); returns it.

        'sent' can go only when nothing but notes and the draft follows it."""

        def remove(current: TrackedRequest) -> Event:
            event = next((e for e in current.events if e.id == event_id), None)
            if event is None:
                raise UserError(f"request {request_id} has no event with id {event_id}")
            if event.kind is EventKind.SENT:
                later = [
                    e
                    for e in current.events
                    if e.kind not in (EventKind.SENT, EventKind.NOTE, EventKind.DRAFTED)
                ]
                if later:
                    raise UserError(
                        f"remove the events logged after sending first (e.g. {later[0].describe()})"
                    )
            self.requests.delete_event(request_id, event_id, expected=current.version)
            return event

        return self._write(request_id, seen_version, remove)

    def set_received(self, request_id: int, day: date) -> int:
        """The day the agency received the request (replaces any assumption)."""
        return self.log_event(request_id, EventKind.RECEIVED, day)

    def remind(
        self,
        request_id: int,
        when: date | str,
        *,
        today: date,
        note: str = "",
        seen_version: int | None = None,
    ) -> Reminder:
        """'remind me on DATE' or 'in N days' (`+N`, `+Nw` for weeks)."""
        try:
            due = when if isinstance(when, date) else reminder_date(when, today)
            _check_days(due)
        except LifecycleError as exc:
            raise UserError(str(exc)) from None
        if due < today:
            raise UserError(f"{due} is in the past")
        check_text(note, "the note", multiline=True)
        reminder = Reminder(due, note.strip())
        with self.requests.db.transaction():
            rid = self.requests.add_reminder(request_id, reminder, expected=seen_version)
            self._refresh_summary(request_id)
        return Reminder(due, reminder.note, rid)

    def reminders_done(
        self, request_id: int, today: date, *, seen_version: int | None = None
    ) -> int:
        """Mark the request's reminders due today or earlier done; returns how many."""
        with self.requests.db.transaction():
            count = self.requests.mark_reminders_done(
                request_id, today, today, expected=seen_version
            )
            self._refresh_summary(request_id)
        if count == 0:
            raise UserError(f"request {request_id} has no reminder due on or before {today}")
        return count

    def record_letter(
        self, request_id: int, letter: Letter, *, seen_version: int | None = None
    ) -> None:
        self.requests.add_letter(request_id, letter, expected=seen_version)

    def set_tracking_number(
        self, request_id: int, tracking_number: str, *, seen_version: int | None = None
    ) -> None:
        number = check_text(tracking_number.strip(), "the tracking number")
        with self.requests.db.transaction():
            self.requests.set_tracking_number(request_id, number, expected=seen_version)
            self._refresh_summary(request_id)  # the list shows the reference too

    # -- reading -------------------------------------------------------------------------------

    def get(self, request_id: int) -> TrackedRequest:
        return self.requests.get(request_id)

    def letter_owners(self, sha256s: Iterable[str]) -> dict[str, int]:
        """Which tracked request already holds a letter with each of these SHA-256 hashes."""
        return self.requests.letter_owners(sha256s)

    def letters(self, request_id: int) -> tuple[Letter, ...]:
        return self.requests.get(request_id).letters

    def view(self, request_id: int, today: date) -> RequestView:
        request = self.requests.get(request_id)
        j = self.jurisdiction(request.jurisdiction)
        calendar = self.calendars.for_jurisdiction(j)
        facts = request_facts(request, j, calendar)
        plan = appeal_plan(request, j)
        clocks = RequestClocks(facts, j, calendar, plan, request.spec.agency.level)
        return RequestView(
            request=request,
            jurisdiction=j,
            facts=facts,
            clocks=clocks.clocks_on(today),
            follow_up=_next_step(clocks, request, today),
            timeline=request.timeline(),
            reminders=request.pending_reminders(),
            today=today,
            appeal_filing=drafted_filing(plan, j),
            appeal_body=plan.body if plan.from_facts else "",
        )

    def late_extension(self, request_id: int, notice: date | None = None) -> LateExtension | None:
        """The request's extension whose notice came after the original due date (or, with
        `notice`, whether an extension noticed that day would): for the warning shown before
        and after logging it. None when in time or not known."""
        request = self.requests.get(request_id)
        j = self.jurisdiction(request.jurisdiction)
        calendar = self.calendars.for_jurisdiction(j)
        facts = request.facts(calendar.is_business_day, j.receipt)
        try:
            return late_extension(facts, j, calendar, notice)
        except ValueError:  # a date outside the calendars' years
            return None

    def clocks(self, request_id: int) -> RequestClocks:
        request = self.requests.get(request_id)
        j = self.jurisdiction(request.jurisdiction)
        calendar = self.calendars.for_jurisdiction(j)
        facts = request_facts(request, j, calendar)
        return RequestClocks(facts, j, calendar, appeal_plan(request, j), request.spec.agency.level)

    def list_requests(
        self,
        today: date,
        status: Status | str | None = None,
        due_within: int | None = None,
        *,
        order: str = "id",
    ) -> list[RequestRow]:
        """Every request with its status and due date on `today`, in id order (or `order`:
        agency, jurisdiction, status, sent, due), read from the stored clock summaries.

        `status` keeps one status; `due_within` keeps requests whose date falls within that
        many days (overdue ones included). The summaries are brought up to date first (see
        `ClockSummaries.ensure_current`: a no-op unless the rules changed or a request has
        none). Days left and overdue are worked out here, for `today`.
        """
        for _ in self.summaries.ensure_current():
            pass
        query = SummaryQuery(
            status=_status(status).value if status is not None else None,
            due_until=(today + timedelta(days=due_within)).isoformat()
            if due_within is not None
            else None,
            order=order,
        )
        with gc_paused():
            return stored_rows(self.summaries.repo.listing(query), today)

    def list_filtered(self, today: date, query: SummaryQuery) -> list[RequestRow]:
        """`list_requests` with any filter the window offers (see `SummaryQuery`)."""
        for _ in self.summaries.ensure_current():
            pass
        with gc_paused():
            return stored_rows(self.summaries.repo.listing(query), today)

    def compute_requests(
        self,
        today: date,
        status: Status | str | None = None,
        due_within: int | None = None,
    ) -> list[RequestRow]:
        """`list_requests` worked out from every request's events, without the stored
        summaries: the way the list was made before them (benchmark and tests compare the
        two). Dates use the engine's fast path; explanations are built only by `view`."""
        wanted = _status(status) if status is not None else None
        reminders = self.requests.next_reminders()
        maker = SummaryMaker(self.jurisdictions, self.calendars)
        rules, facts_of, due_of = maker.rules, maker.facts, maker.due
        new_row = tuple.__new__
        # Agency level and exemptions cited, per denied request: read once, only if a denied
        # or appealing request's route depends on them (Oregon: state or local agency).
        contexts: dict[int, tuple[Level | None, tuple[str, ...]]] | None = None

        def appeal_context(rid: int) -> tuple[Level | None, tuple[str, ...]]:
            nonlocal contexts
            if contexts is None:
                varying = [j.code for j in self.jurisdictions if appeal_dates_vary(j)]
                contexts = {
                    r: (level_named(level), cited)
                    for r, (level, cited) in self.requests.appeal_contexts(varying).items()
                }
            return contexts.get(rid, (None, ()))

        def summarise(
            rid: int, code: str, agency: str, tracking: str, events: list[EventRow]
        ) -> RequestRow | None:
            found = rules(code)
            facts = facts_of(found, events)
            if wanted is not None and facts.status is not wanted:
                return None
            # Oregon-style routes: the agency's level and the exemptions cited choose the
            # deciding body, so denied and appealing requests pass them (see `ListDue.due`).
            if found is not None and found[0].per_request and facts.denied is not None:
                due = due_of(found, facts, appeal_context(rid))
            else:
                due = due_of(found, facts)
            left = None if due is None else (due - today).days
            if due_within is not None and (left is None or left > due_within):
                return None
            # tuple.__new__ skips the NamedTuple's Python-level __new__ (fields in order).
            return new_row(
                RequestRow,
                (
                    rid,
                    agency,
                    code,
                    facts.status,
                    facts.sent,
                    due,
                    left,
                    tracking,
                    reminders.get(rid),
                ),
            )

        return self.requests.listing(summarise)


def request_facts(request: TrackedRequest, j: Jurisdiction, calendar: HolidayCalendar) -> Facts:
    """The request's facts under its law: the deemed receipt, and no extension whose notice
    came later than the law allows (`apply_extension_rule`)."""
    return apply_extension_rule(request.facts(calendar.is_business_day, j.receipt), j, calendar)


def appeal_plan(request: TrackedRequest, j: Jurisdiction) -> AppealPlan:
    """The appeal route for this request: its agency's level and its latest denial's
    exemptions (the same choice the appeal letter makes)."""
    denial = next((e for e in reversed(request.timeline()) if e.kind is EventKind.DENIED), None)
    cited = denial.exemptions if denial is not None else ()
    return plan_appeal(j, request.spec.agency.level, cited)


def _patiently(write: Callable[[], T]) -> T:
    """`write`, tried again while a SQLite file stays busy, up to BUSY_PATIENCE_S in all.

    SQLite does not queue writers: with several programs appending at once, one of them can
    keep missing the lock past the busy timeout. Nothing of the write was done then (its
    transaction never began), so trying again is safe; an event being logged is not given up
    on so soon."""
    deadline = time.monotonic() + BUSY_PATIENCE_S
    while True:
        try:
            return write()
        except DatabaseBusy:
            if time.monotonic() > deadline:
                raise


def _next_step(clocks: RequestClocks, request: TrackedRequest, today: date) -> str | None:
    """The clocks' next step, unless it is a follow-up the requester already sent."""
    step = clocks.follow_up(today)
    late = clocks.overdue_clock(today)
    chased = [e.date for e in request.events if e.kind is EventKind.FOLLOW_UP_SENT]
    if step is None or late is None or late.due is None or not chased:
        return step
    if max(chased) < late.due:
        return step  # chased an earlier deadline; this one is late too
    return (
        f"Follow-up sent on {fmt_day(max(chased))}: log the agency's answer when it comes, "
        "or send another follow-up if it stays silent."
    )


def no_denial_logged(request_id: int | None) -> UserError:
    """What an appeal needs first: the denial it answers."""
    return UserError(
        f"request {request_id} has no denial logged; log it first: "
        f"foia-assist track event {request_id} denied --date YYYY-MM-DD"
    )


def check_text(value: str, label: str, *, multiline: bool = False) -> str:
    """`value`, or UserError("{label} contains control characters") and the like.

    Typed text is stored and later printed to terminals, CSV and ICS files: escape sequences
    (ESC, CSI, BEL…), other C0/C1 controls and undecodable bytes (lone surrogates from a
    non-UTF-8 command line) are refused. `multiline` text (notes) keeps newlines and tabs.
    """
    refused = first_control_character(value, "\n\t" if multiline else "")
    if refused is not None:
        if refused in "\r\n" and not multiline:
            raise UserError(f"{label} must be one line (it contains a line break)")
        raise UserError(f"{label} contains control characters (such as ESC); use plain text")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise UserError(f"{label} is not valid UTF-8 text")
    if len(value) > MAX_TEXT:
        raise UserError(f"{label} is longer than {MAX_TEXT} characters")
    return value


def _check_spec(spec: RequestSpec) -> None:
    """The snapshot must load again: every later view and letter reads it back."""
    try:
        RequestSpec.from_dict(spec.to_dict())
    except SpecError as exc:
        raise UserError(f"the request cannot be tracked: {exc}") from None


def _check_days(*days: date | None) -> None:
    for day in days:
        if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            raise UserError(f"{day} is outside the years this app counts ({MIN_YEAR}-{MAX_YEAR})")


def _kind(text: str) -> EventKind:
    try:
        return parse_kind(text)
    except LifecycleError as exc:
        raise UserError(str(exc)) from None


def _method(value: Method | str | None) -> Method | None:
    if value is None or isinstance(value, Method):
        return value
    try:
        return parse_method(value)
    except LifecycleError as exc:
        raise UserError(str(exc)) from None


def _status(value: Status | str) -> Status:
    if isinstance(value, Status):
        return value
    text = value.strip().lower().replace("_", " ")
    for s in Status:
        if s.value == text or s.name.lower().replace("_", " ") == text:
            return s
    raise UserError(f"unknown status {value!r}; use one of: {', '.join(s.value for s in Status)}")
