"""A tracked request and its history: events in, status and clock inputs out.

Status is never stored: it is derived from the events every time, so a corrected event
corrects the status. `Walker` folds events one at a time and is shared by the rich path
(`TrackedRequest.facts()`) and the fast listing path, which feeds it raw values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from foia_assist.domain.request import RequestSpec

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


class Method(StrEnum):
    EMAIL = "email"
    PORTAL = "portal"
    MAIL = "mail"
    FAX = "fax"
    IN_PERSON = "in person"


class Status(StrEnum):
    DRAFTED = "drafted"
    SENT = "sent"  # posted; receipt not yet established
    AWAITING_RESPONSE = "awaiting response"
    PAUSED_CLARIFICATION = "paused: clarification"
    PAUSED_FEES = "paused: fees"
    EXTENDED = "extended"
    PARTIALLY_RELEASED = "partially released"
    COMPLETE = "complete"
    DENIED = "denied"
    APPEALING = "appealing"
    APPEAL_DECIDED = "appeal decided"
    WITHDRAWN = "withdrawn"


# Statuses after which no follow-up or reminder to chase the agency is suggested.
CLOSED_STATUSES = frozenset({Status.COMPLETE, Status.WITHDRAWN})

KINDS_BY_VALUE: dict[str, EventKind] = {k.value: k for k in EventKind}
METHODS_BY_VALUE: dict[str, Method] = {m.value: m for m in Method}
_KINDS, _METHODS = KINDS_BY_VALUE, METHODS_BY_VALUE

# What the status and clocks need from one event: kind, date, days, new_date, method, partial.
EventFacts = tuple[EventKind, date, int | None, date | None, Method | None, bool]
_PAUSE_OPEN = {
    EventKind.CLARIFICATION_REQUESTED: "clarification",
    EventKind.FEE_ESTIMATE: "fees",
}
_PAUSE_CLOSE = {
    EventKind.CLARIFICATION_ANSWERED: "clarification",
    EventKind.FEE_PAID: "fees",
}


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
    due: date
    note: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class PauseSpan:
    """A stretch with the clock stopped; `end` None while still paused."""

    reason: str  # "clarification" or "fees"
    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class Received:
    """When the agency received the request, and whether that is an assumption."""

    date: date
    assumption: str = ""  # empty when the date is known


@dataclass(frozen=True)
class Facts:
    """Everything the clocks need, derived from the events."""

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

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_STATUSES


BusinessDayTest = Callable[[date], bool]


def assumed_mail_receipt(sent: date, is_business_day: BusinessDayTest) -> date:
    """`MAIL_RECEIPT_BUSINESS_DAYS` business days after posting (posting day not counted)."""
    day, left = sent, MAIL_RECEIPT_BUSINESS_DAYS
    while left:
        day += timedelta(days=1)
        if is_business_day(day):
            left -= 1
    return day


class Walker:
    """Folds events (in date order) into `Facts`. Feed with `step`, finish with `facts`."""

    __slots__ = (
        "status",
        "sent",
        "method",
        "received",
        "acknowledged",
        "open_pauses",
        "pauses",
        "extension_days",
        "new_due",
        "responded",
        "denied",
        "appeal_filed",
        "appeal_decided",
        "withdrawn",
        "before_pause",
    )

    def __init__(self) -> None:
        self.status = Status.DRAFTED
        self.sent: date | None = None
        self.method: Method | None = None
        self.received: date | None = None
        self.acknowledged: date | None = None
        self.open_pauses: dict[str, date] = {}
        self.pauses: list[PauseSpan] = []
        self.extension_days = 0
        self.new_due: date | None = None
        self.responded: date | None = None
        self.denied: date | None = None
        self.appeal_filed: date | None = None
        self.appeal_decided: date | None = None
        self.withdrawn: date | None = None
        self.before_pause = Status.AWAITING_RESPONSE

    def step(
        self,
        kind: EventKind,
        day: date,
        days: int | None = None,
        new_date: date | None = None,
        method: Method | None = None,
        partial: bool = False,
    ) -> None:
        if self.withdrawn is not None:
            return  # nothing after a withdrawal changes the request's status or clocks
        K, S = EventKind, Status
        if kind is K.SENT:
            if self.sent is None:
                self.sent, self.method = day, method
            if self.status in (S.DRAFTED, S.SENT):
                self.status = self._after_sending()
        elif kind is K.RECEIVED:
            self.received = day
            if self.status in (S.DRAFTED, S.SENT):
                self.status = S.AWAITING_RESPONSE
        elif kind is K.ACKNOWLEDGED:
            self.acknowledged = self.acknowledged or day
            if self.status in (S.DRAFTED, S.SENT):
                self.status = S.AWAITING_RESPONSE
        elif kind in _PAUSE_OPEN:
            reason = _PAUSE_OPEN[kind]
            if reason not in self.open_pauses:
                self.open_pauses[reason] = day
            if self.status not in (S.PAUSED_CLARIFICATION, S.PAUSED_FEES):
                self.before_pause = self.status
            self.status = S.PAUSED_CLARIFICATION if reason == "clarification" else S.PAUSED_FEES
        elif kind in _PAUSE_CLOSE:
            reason = _PAUSE_CLOSE[kind]
            start = self.open_pauses.pop(reason, None)
            if start is not None:
                self.pauses.append(PauseSpan(reason, start, max(day, start)))
            if "clarification" in self.open_pauses:
                self.status = S.PAUSED_CLARIFICATION
            elif "fees" in self.open_pauses:
                self.status = S.PAUSED_FEES
            elif self.status in (S.PAUSED_CLARIFICATION, S.PAUSED_FEES):
                self.status = self.before_pause
        elif kind is K.EXTENSION:
            if new_date is not None:
                self.new_due, self.extension_days = new_date, 0
            elif days is not None:
                self.extension_days += days
            if self.status in (S.SENT, S.AWAITING_RESPONSE, S.DRAFTED):
                self.status = S.EXTENDED
            elif self.status in (S.PAUSED_CLARIFICATION, S.PAUSED_FEES):
                self.before_pause = S.EXTENDED
        elif kind is K.RECORDS_RELEASED:
            self.responded = self.responded or day
            self._close_pauses(day)
            self.status = S.PARTIALLY_RELEASED if partial else S.COMPLETE
        elif kind is K.DENIED:
            self.responded = self.responded or day
            self.denied = day
            self._close_pauses(day)
            self.status = S.DENIED
        elif kind is K.APPEAL_FILED:
            self.appeal_filed = day
            self.status = S.APPEALING
        elif kind is K.APPEAL_DECIDED:
            self.appeal_decided = day
            self.status = S.APPEAL_DECIDED
        elif kind is K.WITHDRAWN:
            self.withdrawn = day
            self._close_pauses(day)
            self.status = S.WITHDRAWN
        # drafted and note change nothing

    def _after_sending(self) -> Status:
        if self.method is Method.MAIL and self.received is None and self.acknowledged is None:
            return Status.SENT
        return Status.AWAITING_RESPONSE

    def _close_pauses(self, day: date) -> None:
        for reason, start in self.open_pauses.items():
            self.pauses.append(PauseSpan(reason, start, max(day, start)))
        self.open_pauses.clear()

    def facts(self, is_business_day: BusinessDayTest) -> Facts:
        return Facts(
            status=self.status,
            sent=self.sent,
            method=self.method,
            received=self._received(is_business_day),
            pauses=tuple(
                sorted(
                    [*self.pauses, *(PauseSpan(r, s, None) for r, s in self.open_pauses.items())],
                    key=lambda p: p.start,
                )
            ),
            extension_days=self.extension_days,
            new_due=self.new_due,
            acknowledged=self.acknowledged,
            responded=self.responded,
            denied=self.denied,
            appeal_filed=self.appeal_filed,
            appeal_decided=self.appeal_decided,
            withdrawn=self.withdrawn,
        )

    def _received(self, is_business_day: BusinessDayTest) -> Received | None:
        if self.received is not None:
            return Received(self.received)
        if self.sent is None:
            return None
        if self.method is not Method.MAIL:
            how = self.method.value if self.method else "an unstated method"
            return Received(self.sent, f"received the day it was sent ({how})")
        assumed = assumed_mail_receipt(self.sent, is_business_day)
        why = (
            f"assumed received {MAIL_RECEIPT_BUSINESS_DAYS} business days after mailing; "
            "set the received date if you know it"
        )
        if self.acknowledged is not None and self.acknowledged < assumed:
            assumed = self.acknowledged
            why = "assumed received no later than the agency's acknowledgment"
        return Received(assumed, why)


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Date order; same-day events in the order they were logged."""
    return sorted(events, key=lambda e: (e.date, e.id if e.id is not None else 1 << 62))


def derive_from_facts(rows: Iterable[EventFacts], is_business_day: BusinessDayTest) -> Facts:
    """As `derive`, for rows already in date order (the fast listing path)."""
    walker = Walker()
    step = walker.step
    for kind, day, days, new_date, method, partial in rows:
        step(kind, day, days, new_date, method, partial)
    return walker.facts(is_business_day)


def derive(events: Iterable[Event], is_business_day: BusinessDayTest) -> Facts:
    walker = Walker()
    for e in sort_events(events):
        walker.step(e.kind, e.date, e.days, e.new_date, e.method, e.partial)
    return walker.facts(is_business_day)


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

    def facts(self, is_business_day: BusinessDayTest) -> Facts:
        return derive(self.events, is_business_day)

    def timeline(self) -> list[Event]:
        return sort_events(self.events)

    def open_reminders(self, today: date) -> list[Reminder]:
        """Reminders on or after `today`, soonest first."""
        return sorted((r for r in self.reminders if r.due >= today), key=lambda r: r.due)


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
