"""Each request's clock summary, kept in the database so the requests list is read, not
worked out (issue 15: 100,000 requests listed in a fraction of a second).

- `SummaryMaker` is the one computation: events -> facts -> the list's due date
  (`ListDue`), the same code `TrackerService.compute_requests` runs for every request. The
  stored summaries are therefore the computed ones, written down; the property tests and
  `benchmarks/tracker_list_stored.py` check it for every request.
- `ClockSummaries.refresh` rewrites one request's summary inside the transaction that
  changed its events or reminders; `ensure_current` rebuilds every summary when the rules
  they were worked out with changed (`rules_fingerprint`), as a generator with progress,
  and fills in requests that have none (restored from a backup, copied in).
- Nothing about "today" is stored: overdue and due soon are decided when the list is read.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from foia_assist.domain.lifecycle import (
    BusinessDayTest,
    EventRow,
    Facts,
    apply_receipt_rule,
    derive_from_rows,
)

# The fingerprint (files only) lives apart, for the window's first list.
from foia_assist.services.rules_fingerprint import default_fingerprint
from foia_assist.storage.clock_summary_repo import ClockSummaryRepository, SummaryRecord

if TYPE_CHECKING:
    from foia_assist.domain.calendars import CalendarCache, HolidayCalendar
    from foia_assist.domain.jurisdictions import (
        Jurisdiction,
        JurisdictionSet,
        Level,
        ReceiptRule,
    )
    from foia_assist.domain.list_due import ListDue
    from foia_assist.storage.database import Database

# A jurisdiction's list-date rules, business-day test and receipt rule (looked up once).
Rules = tuple["ListDue", BusinessDayTest, "ReceiptRule"]
# A denied request's agency level and the exemptions its latest denial cited: they choose
# the appeal route (and so its dates) where the routes differ by level or records (Oregon).
AppealContext = tuple["Level | None", tuple[str, ...]]
# How many summaries are written between progress reports of a rebuild.
_CHUNK = 10_000


def _weekdays_only(d: date) -> bool:
    return d.weekday() < 5


class SummaryMaker:
    """Facts and list date of requests, with each jurisdiction's rules looked up once.

    The one place the list's status and due date are worked out: the computed listing and
    the stored summaries both call it."""

    def __init__(self, jurisdictions: JurisdictionSet, calendars: CalendarCache) -> None:
        self.jurisdictions, self.calendars = jurisdictions, calendars
        self._rules: dict[str, Rules | None] = {}

    def rules(self, code: str) -> Rules | None:
        try:
            return self._rules[code]
        except KeyError:
            pass
        from foia_assist.domain.list_due import ListDue

        j = self.jurisdictions.find(code)
        found = None
        if j is not None:
            calendar = self.calendars.for_jurisdiction(j)
            found = (ListDue(j, calendar), calendar.is_business_day, j.receipt)
        self._rules[code] = found
        return found

    def facts(self, found: Rules | None, rows: list[EventRow]) -> Facts:
        if found is None:  # a jurisdiction this app does not know: weekdays only
            return derive_from_rows(rows, _weekdays_only)
        facts = derive_from_rows(rows, found[1])
        if not found[2].is_default:  # e.g. Michigan: email received a day later
            facts = apply_receipt_rule(facts, found[2], found[1])
        if facts.extended is not None:  # an extension noticed too late does not count
            # (Imported here: the start-up list must not import the deadline engine.)
            from foia_assist.domain.extension_notice import apply_extension_rule

            facts = apply_extension_rule(facts, found[0].j, found[0].calendar)
        return facts

    @staticmethod
    def due(found: Rules | None, facts: Facts, context: AppealContext | None = None) -> date | None:
        """The list date; `context` (level, cited) for a denied or appealing request whose
        jurisdiction's appeal dates depend on them (`ListDue.per_request`)."""
        if found is None:
            return None
        try:
            return found[0].due(facts, *context) if context is not None else found[0].due(facts)
        except ValueError:  # a date outside the calendars' years
            return None

    def record(
        self,
        rid: int,
        head: tuple[str, str, str],
        rows: list[EventRow],
        next_reminder: str | None,
        context: AppealContext | None = None,
    ) -> SummaryRecord:
        """The stored summary of one request; `context` as for `due` (None: not needed or
        not known, the route of an agency of unknown level)."""
        from foia_assist.domain.list_due import list_clock, quick_appeal_due

        agency, code, tracking = head
        found = self.rules(code)
        facts = self.facts(found, rows)
        if found is None or not found[0].per_request or facts.denied is None:
            context = None  # the same route for every request: as `compute_requests` does
        due = self.due(found, facts, context)
        clock, appeal = "", None
        if found is not None:
            listed = found[0]
            j: Jurisdiction = listed.j
            calendar: HolidayCalendar = listed.calendar
            plan = listed.plan(*context) if context is not None else listed.plan()
            try:
                clock = list_clock(facts, j, calendar, due, plan)
                appeal = quick_appeal_due(facts, j, calendar, plan)
            except ValueError:  # outside the calendars' years, as for `due`
                clock, appeal = "", None
        return (
            rid,
            agency,
            code,
            tracking,
            facts.status.value,
            _iso(facts.sent),
            _iso(due),
            clock,
            _iso(appeal),
            next_reminder,
        )


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


class ClockSummaries:
    """The stored summaries of one tracker database."""

    def __init__(
        self,
        db: Database,
        jurisdictions: JurisdictionSet,
        calendars: CalendarCache,
        fingerprint: str | None = None,
    ) -> None:
        self.repo = ClockSummaryRepository(db)
        self.maker = SummaryMaker(jurisdictions, calendars)
        self._fingerprint = fingerprint

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = default_fingerprint()
        return self._fingerprint

    def refresh(self, conn: Any, request_ids: Iterable[int]) -> None:
        """Rewrite these requests' summaries; call inside the transaction that changed them."""
        from foia_assist.domain.appeal_routes import level_named
        from foia_assist.storage.requests_repo import read_appeal_contexts

        repo = self.repo
        for rid in request_ids:
            head = repo.head(conn, rid)
            if head is None:
                continue  # deleted: its summary went with it (ON DELETE CASCADE)
            found = self.maker.rules(head[1])
            context = None
            if found is not None and found[0].per_request:  # read only where it matters
                stored = read_appeal_contexts(conn, rid).get(rid)
                if stored is not None:
                    context = (level_named(stored[0]), stored[1])
            record = self.maker.record(
                rid, head, repo.event_rows(conn, rid), repo.next_reminder(conn, rid), context
            )
            repo.put(conn, record)

    def is_current(self) -> bool:
        return self.repo.fingerprint() == self.fingerprint and not self.repo.missing()

    def ensure_current(self) -> Generator[str, None, int]:
        """Rebuild every summary if the rules changed, else fill in missing ones; returns how
        many summaries were written. Yields progress lines."""
        if self.repo.fingerprint() != self.fingerprint:
            if self.repo.empty():
                return 0  # nothing to rebuild: no write (a new tracker's first listing)
            return (yield from self.rebuild())
        missing = self.repo.missing()
        if missing:
            yield f"Working out the deadlines of {len(missing):,} request(s)…"
            with self.repo.db.transaction() as conn:
                self.refresh(conn, missing)
        return len(missing)

    def rebuild(self) -> Generator[str, None, int]:
        """Every request's summary anew, in one transaction (readers see old or new)."""
        from foia_assist.domain.appeal_routes import level_named
        from foia_assist.storage.requests_repo import RequestsRepository, read_appeal_contexts

        db = self.repo.db
        yield "The rules changed: working out every deadline again…"
        with db.transaction() as conn:
            if self.repo.lock_for_rebuild(conn) == self.fingerprint and not self.repo.missing():
                return 0  # another copy of the app rebuilt them while this one waited
            reminders = {
                int(rid): str(due)
                for rid, due in conn.execute(
                    "SELECT request_id, min(due) FROM reminders WHERE done IS NULL "
                    "GROUP BY request_id"
                )
            }
            contexts = {
                rid: (level_named(level), cited)
                for rid, (level, cited) in read_appeal_contexts(conn).items()
            }
            make = self.maker.record

            def summarise(
                rid: int, code: str, agency: str, tracking: str, rows: list[EventRow]
            ) -> SummaryRecord:
                return make(
                    rid, (agency, code, tracking), rows, reminders.get(rid), contexts.get(rid)
                )

            total = conn.execute("SELECT count(*) FROM requests").fetchone()[0]
            records: list[SummaryRecord] = []
            for n, record in enumerate(RequestsRepository(db).iter_listing(summarise), 1):
                if record is not None:
                    records.append(record)
                if n % _CHUNK == 0:
                    yield f"Working out the deadlines: {n:,} of {total:,} requests…"
            total = len(records)
            self.repo.clear(conn)
            for start in range(0, total, _CHUNK):
                yield f"Saving the deadlines: {start:,} of {total:,} requests…"
                self.repo.insert_many(conn, records[start : start + _CHUNK])
            self.repo.set_fingerprint(conn, self.fingerprint)
        return total
