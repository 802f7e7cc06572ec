"""A tracked request and its history: events in, status and clock inputs out.

Status is never stored: it is derived from the events every time, so a corrected event
corrects the status. `Walker` folds events one at a time and is shared by the rich path
(`TrackedRequest.facts()`) and the fast listing path, which feeds it raw values.

Over 400 lines as one thing: events and the one fold that turns them into facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from foia_assist.domain.jurisdictions import DEFAULT_RECEIPT, ReceiptRule
from foia_assist.domain.request import RequestSpec
from foia_assist.domain.status import CLOSED_STATUSES as CLOSED_STATUSES
from foia_assist.domain.status import Status as Status

# Mail receipt is assumed this many business days after posting unless the user says otherwise.
MAIL_RECEIPT_BUSINESS_DAYS = 3


class EventKind(StrEnum):
    DRAFTED = "drafted"
    SENT = "sent"
    RECEIVED = "received"  # the date the agency received the request
    ACKNOWLEDGED = "acknowledged"
    CLARIFICATION_REQUESTED = "clarification_requested"  # clock pauses
    CLARIFICATION_ANSWERED = "clarification_answered"  # clock resumes
    FEE_ESTIMATE = "fee_estimate"  # clock pauses
    FEE_PAID = "fee_paid"  # clock resumes
    EXTENSION = "extension"  # `days` more, or a `new_date`
    RECORDS_RELEASED = "records_released"  # `partial` True for a partial release
    DENIED = "denied"  # `exemptions` cited
    APPEAL_FILED = "appeal_filed"
    APPEAL_DECIDED = "appeal_decided"
    WITHDRAWN = "withdrawn"
    NOTE = "note"
    # The requester chased a late answer; no clock changes, but the next step does.
    FOLLOW_UP_SENT = "follow_up_sent"


class Method(StrEnum):
    EMAIL = "email"
    PORTAL = "portal"
    MAIL = "mail"
    FAX = "fax"
    IN_PERSON = "in person"


KINDS_BY_VALUE: dict[str, EventKind] = {k.value: k for k in EventKind}
METHODS_BY_VALUE: dict[str, Method] = {m.value: m for m in Method}
_KINDS, _METHODS = KINDS_BY_VALUE, METHODS_BY_VALUE

# What the status and clocks need from one event: kind, date, days, new_date, method, partial.
EventFacts = tuple[EventKind, date, int | None, date | None, Method | None, bool]

# The same as stored, which the fold reads: (owner, kind value, ISO date, detail). `owner` is
# whatever the caller grouped rows by (the listing's request id; ignored). `detail` is the
# method value of a 'sent', the new ISO date (str) or the added days (int) of an 'extension',
# the partial flag of a 'records_released', and ignored for other kinds. The requests list
# hands SQLite's rows to the fold as they come: no tuple is rebuilt per event.
EventRow = tuple[object, str, str, str | int | None]


class LifecycleError(ValueError):
    """An event that does not fit the request (shown to the user as one line)."""


def parse_kind(text: str) -> EventKind:
    kind = _KINDS.get(text.strip().lower().replace("-", "_").replace(" ", "_"))
    if kind is None:
        raise LifecycleError(f"unknown event kind {text!r}; use one of: {', '.join(_KINDS)}")
    return kind


def parse_method(text: str) -> Method:
    method = _METHODS.get(text.strip().lower().replace("_", " ").replace("-", " "))
    if method is None:
        raise LifecycleError(f"unknown method {text!r}; use one of: {', '.join(_METHODS)}")
    return method


_Date = date  # `Event.date` shadows the type inside the class body


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    date: date
    days: int | None = None  # extension: N more days
    new_date: _Date | None = None  # extension: a new due date
    note: str = ""
    method: Method | None = None  # sent: how
    message_id: str = ""  # email Message-ID or portal reference
    exemptions: tuple[str, ...] = ()  # denied / partial release: exemptions cited
    partial: bool = False  # records_released: partial (True) or complete (False)
    id: int | None = None
    author: str = ""  # who logged it (the user name from Settings); "" before schema 6

    def describe(self) -> str:
        """One line for a timeline."""
        words = self.kind.value.replace("_", " ")
        parts = [f"{self.date.isoformat()}  {words}"]
        if self.kind is EventKind.RECORDS_RELEASED:
            parts.append("(partial)" if self.partial else "(complete)")
        if self.method is not None:
            parts.append(f"by {self.method.value}")
        if self.days is not None:
            parts.append(f"{self.days} more days")
        if self.new_date is not None:
            parts.append(f"new date {self.new_date.isoformat()}")
        if self.exemptions:
            parts.append("exemptions: " + "; ".join(self.exemptions))
        if self.message_id:
            parts.append(f"ref {self.message_id}")
        if self.note:
            parts.append(f"— {self.note}")
        return " ".join(parts)

    def attributed(self) -> str:
        """`describe()` with who logged it, for a timeline a team shares."""
        return f"{self.describe()} [logged by {self.author}]" if self.author else self.describe()


def validate_event(event: Event) -> None:
    """Reject events whose fields do not fit their kind."""
    if event.kind is EventKind.EXTENSION:
        if (event.days is None) == (event.new_date is None):
            raise LifecycleError("an extension needs either a number of days or a new date")
        if event.days is not None and event.days <= 0:
            raise LifecycleError("an extension must add at least one day")
        if event.new_date is not None and event.new_date < event.date:
            raise LifecycleError("an extension's new date is before the extension itself")
    elif event.days is not None or event.new_date is not None:
        raise LifecycleError(f"only an extension takes days or a new date, not {event.kind.value}")
    if event.method is not None and event.kind is not EventKind.SENT:
        raise LifecycleError("only a 'sent' event takes a method")


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter file made for a request, with its hash so later changes can be noticed."""

    kind: str  # request, follow_up, appeal, ...
    path: str
    sha256: str
    made_on: date


@dataclass(frozen=True, slots=True)
class Reminder:
    """'Remind me on `due`'. Pending until the user marks it done (`done` is that day), so
    a reminder that fell due while the app was closed is still shown at the next start."""

    due: date
    note: str = ""
    id: int | None = None
    done: date | None = None

    def missed(self, today: date) -> bool:
        """Fell due before `today` and is still pending."""
        return self.done is None and self.due < today


class PauseSpan(NamedTuple):
    """A stretch with the clock stopped; `end` None while still paused."""

    reason: str  # "clarification" or "fees"
    start: date
    end: date | None


class Received(NamedTuple):
    """When the agency received the request, and whether that is an assumption."""

    date: date
    assumption: str = ""  # empty when the date is known


class Facts(NamedTuple):
    """Everything the clocks need, derived from the events (a tuple: cheap to build)."""

    status: Status
    sent: date | None
    method: Method | None
    received: Received | None
    pauses: tuple[PauseSpan, ...]
    extension_days: int
    new_due: date | None  # the latest date the agency itself set, if any
    acknowledged: date | None
    responded: date | None  # first release or denial: the response clock is met
    denied: date | None
    appeal_filed: date | None
    appeal_decided: date | None
    withdrawn: date | None
    extended: date | None = None  # the first extension the agency gave (either kind)

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_STATUSES


BusinessDayTest = Callable[[date], bool]


_ONE_DAY = timedelta(days=1)


def _business_days_after(day: date, n: int, is_business_day: BusinessDayTest) -> date:
    while n:
        day += _ONE_DAY
        if is_business_day(day):
            n -= 1
    return day


_ELECTRONIC = frozenset({Method.EMAIL, Method.FAX, Method.PORTAL})


def apply_receipt_rule(facts: Facts, rule: ReceiptRule, is_business_day: BusinessDayTest) -> Facts:
    """Facts with the receipt date the jurisdiction's law deems, where the user has not
    logged the actual date (a logged `received` event always wins)."""
    received, sent = facts.received, facts.sent
    if rule.is_default or received is None or not received.assumption or sent is None:
        return facts
    method, cite = facts.method, f" ({rule.citation})" if rule.citation else ""
    if method in _ELECTRONIC and rule.electronic_delay_business_days:
        n = rule.electronic_delay_business_days
        day = _business_days_after(sent, n, is_business_day)
        what = f"by law received {n} business day{'s' if n > 1 else ''} after it was sent"
        deemed = Received(day, f"{what} ({method.value}){cite}")
    elif method is Method.MAIL and rule.mail_delay_business_days is not None:
        n = rule.mail_delay_business_days
        day = _business_days_after(sent, n, is_business_day)
        deemed = _mail_receipt(
            day,
            f"deemed received on business day {n} after mailing{cite}; "
            "set the received date if you know it",
            facts.acknowledged,
        )
    else:
        return facts
    return facts._replace(received=deemed)


def assumed_mail_receipt(sent: date, is_business_day: BusinessDayTest) -> date:
    """`MAIL_RECEIPT_BUSINESS_DAYS` business days after posting (posting day not counted)."""
    return _business_days_after(sent, MAIL_RECEIPT_BUSINESS_DAYS, is_business_day)


def _mail_receipt(day: date, assumption: str, acknowledged: date | None) -> Received:
    """A mailed request's assumed receipt, never later than the agency's acknowledgment."""
    if acknowledged is not None and acknowledged < day:
        return Received(acknowledged, "assumed received no later than the agency's acknowledgment")
    return Received(day, assumption)


# Module-level names: an enum attribute lookup costs several times a global in the hot fold.
_K_ACKNOWLEDGED = EventKind.ACKNOWLEDGED
_K_APPEAL_DECIDED = EventKind.APPEAL_DECIDED
_K_APPEAL_FILED = EventKind.APPEAL_FILED
_K_CLARIFICATION_ANSWERED = EventKind.CLARIFICATION_ANSWERED
_K_CLARIFICATION_REQUESTED = EventKind.CLARIFICATION_REQUESTED
_K_DENIED = EventKind.DENIED
_K_DRAFTED = EventKind.DRAFTED
_K_EXTENSION = EventKind.EXTENSION
_K_FEE_ESTIMATE = EventKind.FEE_ESTIMATE
_K_FEE_PAID = EventKind.FEE_PAID
_K_NOTE = EventKind.NOTE
_K_RECEIVED = EventKind.RECEIVED
_K_RECORDS_RELEASED = EventKind.RECORDS_RELEASED
_K_SENT = EventKind.SENT
_K_WITHDRAWN = EventKind.WITHDRAWN
_S_APPEALING = Status.APPEALING
_S_APPEAL_DECIDED = Status.APPEAL_DECIDED
_S_AWAITING_RESPONSE = Status.AWAITING_RESPONSE
_S_COMPLETE = Status.COMPLETE
_S_DENIED = Status.DENIED
_S_DRAFTED = Status.DRAFTED
_S_EXTENDED = Status.EXTENDED
_S_PARTIALLY_RELEASED = Status.PARTIALLY_RELEASED
_S_PAUSED_CLARIFICATION = Status.PAUSED_CLARIFICATION
_S_PAUSED_FEES = Status.PAUSED_FEES
_S_SENT = Status.SENT
_S_WITHDRAWN = Status.WITHDRAWN
_MAIL = Method.MAIL
_PARSE = date.fromisoformat


def event_row(e: Event) -> EventRow:
    """`e` as `derive_from_rows` reads it (the shape `RequestsRepository.listing` fetches)."""
    detail: str | int | None = None
    if e.kind is EventKind.SENT:
        detail = e.method.value if e.method is not None else None
    elif e.kind is EventKind.EXTENSION:
        detail = e.new_date.isoformat() if e.new_date is not None else e.days
    elif e.kind is EventKind.RECORDS_RELEASED:
        detail = int(e.partial)
    return (e.id, e.kind.value, e.date.isoformat(), detail)


def derive_from_rows(rows: Iterable[EventRow], is_business_day: BusinessDayTest) -> Facts:
    """Fold event rows, already in date order, into `Facts`.

    One function with local variables (no per-event method calls): the requests list folds
    hundreds of thousands of events with it, and `derive` uses it too, so there is one logic.
    """
    kinds, methods, parse = _KINDS, _METHODS, _PARSE
    status = _S_DRAFTED
    before_pause = _S_AWAITING_RESPONSE
    sent: date | None = None
    sent_method: Method | None = None
    received: date | None = None
    acknowledged: date | None = None
    open_pauses: dict[str, date] = {}
    pauses: list[PauseSpan] = []
    extension_days = 0
    new_due: date | None = None
    responded: date | None = None
    denied: date | None = None
    appeal_filed: date | None = None
    appeal_decided: date | None = None
    withdrawn: date | None = None
    extended: date | None = None
    for _, kind_value, iso_day, detail in rows:
        kind = kinds[kind_value]
        if kind is _K_NOTE or kind is _K_DRAFTED:
            continue
        day = parse(iso_day)
        if kind is _K_SENT:
            if sent is None:
                sent = day
                sent_method = methods[detail] if isinstance(detail, str) and detail else None
            if status is _S_DRAFTED or status is _S_SENT:
                mail_unconfirmed = (
                    sent_method is _MAIL and received is None and acknowledged is None
                )
                status = _S_SENT if mail_unconfirmed else _S_AWAITING_RESPONSE
        elif kind is _K_RECEIVED or kind is _K_ACKNOWLEDGED:
            if kind is _K_RECEIVED:
                received = day
            elif acknowledged is None:
                acknowledged = day
            if status is _S_DRAFTED or status is _S_SENT:
                status = _S_AWAITING_RESPONSE
        elif kind is _K_CLARIFICATION_REQUESTED or kind is _K_FEE_ESTIMATE:
            reason = "clarification" if kind is _K_CLARIFICATION_REQUESTED else "fees"
            if reason not in open_pauses:
                open_pauses[reason] = day
            if status is not _S_PAUSED_CLARIFICATION and status is not _S_PAUSED_FEES:
                before_pause = status
            status = _S_PAUSED_CLARIFICATION if reason == "clarification" else _S_PAUSED_FEES
        elif kind is _K_CLARIFICATION_ANSWERED or kind is _K_FEE_PAID:
            reason = "clarification" if kind is _K_CLARIFICATION_ANSWERED else "fees"
            start = open_pauses.pop(reason, None)
            if start is not None:
                pauses.append(PauseSpan(reason, start, max(day, start)))
            if "clarification" in open_pauses:
                status = _S_PAUSED_CLARIFICATION
            elif "fees" in open_pauses:
                status = _S_PAUSED_FEES
            elif status is _S_PAUSED_CLARIFICATION or status is _S_PAUSED_FEES:
                status = before_pause
        elif kind is _K_EXTENSION:
            if extended is None:
                extended = day
            if isinstance(detail, str):
                new_due, extension_days = parse(detail), 0
            elif detail is not None:
                extension_days += detail
            if status in (_S_SENT, _S_AWAITING_RESPONSE, _S_DRAFTED):
                status = _S_EXTENDED
            elif status is _S_PAUSED_CLARIFICATION or status is _S_PAUSED_FEES:
                before_pause = _S_EXTENDED
        elif kind is _K_RECORDS_RELEASED or kind is _K_DENIED:
            if responded is None:
                responded = day
            if kind is _K_DENIED:
                denied = day
                status = _S_DENIED
            else:
                status = _S_PARTIALLY_RELEASED if detail else _S_COMPLETE
            if open_pauses:
                _close_pauses(open_pauses, pauses, day)
        elif kind is _K_APPEAL_FILED:
            appeal_filed = day
            status = _S_APPEALING
        elif kind is _K_APPEAL_DECIDED:
            appeal_decided = day
            status = _S_APPEAL_DECIDED
        elif kind is _K_WITHDRAWN:
            withdrawn = day
            _close_pauses(open_pauses, pauses, day)
            status = _S_WITHDRAWN
            break  # nothing after a withdrawal changes the request's status or clocks
    if open_pauses:
        pauses.extend(PauseSpan(r, d, None) for r, d in open_pauses.items())
    if len(pauses) > 1:
        pauses.sort(key=_pause_start)
    # The common receipts inline (a call and a class attribute lookup per request add up).
    if received is not None:
        receipt: Received | None = Received(received)
    elif sent is None:
        receipt = None
    elif sent_method is not _MAIL:
        receipt = Received(sent, _SAME_DAY[sent_method])
    else:
        receipt = _received(sent, sent_method, None, acknowledged, is_business_day)
    return Facts(
        status,
        sent,
        sent_method,
        receipt,
        tuple(pauses),
        extension_days,
        new_due,
        acknowledged,
        responded,
        denied,
        appeal_filed,
        appeal_decided,
        withdrawn,
        extended,
    )


def derive_from_facts(rows: Iterable[EventFacts], is_business_day: BusinessDayTest) -> Facts:
    """`derive_from_rows` for (kind, date, days, new_date, method, partial) tuples."""
    events = (
        Event(kind, day, days=days, new_date=new_date, method=method, partial=partial)
        for kind, day, days, new_date, method, partial in rows
    )
    return derive_from_rows([event_row(e) for e in events], is_business_day)


def _pause_start(p: PauseSpan) -> date:
    return p.start


def _close_pauses(open_pauses: dict[str, date], pauses: list[PauseSpan], day: date) -> None:
    for reason, start in open_pauses.items():
        pauses.append(PauseSpan(reason, start, max(day, start)))
    open_pauses.clear()


def _received(
    sent: date | None,
    method: Method | None,
    received: date | None,
    acknowledged: date | None,
    is_business_day: BusinessDayTest,
) -> Received | None:
    if received is not None:
        return Received(received)
    if sent is None:
        return None
    if method is not Method.MAIL:
        return Received(sent, _SAME_DAY.get(method, _SAME_DAY[None]))
    return _mail_receipt(
        assumed_mail_receipt(sent, is_business_day),
        f"assumed received {MAIL_RECEIPT_BUSINESS_DAYS} business days after mailing; "
        "set the received date if you know it",
        acknowledged,
    )


_SAME_DAY: dict[Method | None, str] = {
    m: f"received the day it was sent ({m.value})" for m in Method if m is not Method.MAIL
}
_SAME_DAY[None] = "received the day it was sent (method not recorded)"


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Date order; same-day events in the order they were logged."""
    return sorted(events, key=lambda e: (e.date, e.id if e.id is not None else 1 << 62))


def derive(events: Iterable[Event], is_business_day: BusinessDayTest) -> Facts:
    """Status and clock inputs from events logged in any order."""
    return derive_from_rows([event_row(e) for e in sort_events(events)], is_business_day)


@dataclass(frozen=True)
class TrackedRequest:
    id: int | None
    spec: RequestSpec  # a snapshot: later edits to the address book do not change it
    jurisdiction: str  # code, e.g. "CA"
    agency: str
    created: date
    tracking_number: str = ""
    letters: tuple[Letter, ...] = ()
    events: tuple[Event, ...] = ()
    reminders: tuple[Reminder, ...] = field(default=())
    # Goes up with every change to the request or its events, reminders or letters: an edit
    # made from an older version is refused (ConflictError) rather than overwriting.
    version: int = 1

    def facts(
        self, is_business_day: BusinessDayTest, receipt: ReceiptRule = DEFAULT_RECEIPT
    ) -> Facts:
        return apply_receipt_rule(derive(self.events, is_business_day), receipt, is_business_day)

    def timeline(self) -> list[Event]:
        return sort_events(self.events)

    def pending_reminders(self) -> list[Reminder]:
        """Reminders not marked done (past ones included), soonest first."""
        return sorted((r for r in self.reminders if r.done is None), key=lambda r: r.due)


def reminder_date(when: str, today: date) -> date:
    """'2026-12-01' or '+21' (days from today) or '+3w' (weeks) → a date, not in the past."""
    text = when.strip().lower()
    if text.startswith("+"):
        unit = 7 if text.endswith("w") else 1
        number = text[1:].rstrip("wd")
        if not number.isdigit() or int(number) <= 0:
            raise LifecycleError(f"{when!r}: write +N (days) or +Nw (weeks), e.g. +21 or +3w")
        return today + timedelta(days=int(number) * unit)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise LifecycleError(f"{when!r} is not a date (YYYY-MM-DD) or +N days") from None
    if day < today:
        raise LifecycleError(f"{when!r} is in the past")
    return day
