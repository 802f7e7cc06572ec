"""The request model: who asks whom for which records, with which options.

`RequestSpec.from_dict` validates the JSON request spec (docs/request-spec.md) and
raises `SpecError` naming the dotted field; `to_dict` is its exact inverse.

Over 400 lines as one thing: the spec's model and its reader and writer, kept side by side so
a field is added in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from foia_assist.domain.jurisdictions import Level
from foia_assist.domain.text_rules import has_control_characters
from foia_assist.domain.typed_fields import TypedFields

_EMAIL = re.compile(
    r"^[^@\s<>(),;:\"\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
MAX_TEXT = 5000
MAX_FEE_CAP = Decimal("1000000000")  # above this it is a typo, and Decimal maths overflows
# Dates a letter can sensibly carry; outside them the record ranges and clocks cannot count.
MIN_YEAR, MAX_YEAR = 1900, 2100
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SpecError(ValueError):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"field '{field}': {problem}")
        self.field = field
        self.problem = problem


def is_valid_email(text: str) -> bool:
    return bool(_EMAIL.match(text)) and len(text) <= 254


def is_valid_url(text: str) -> bool:
    return bool(_URL.match(text)) and len(text) <= 2000


@dataclass(frozen=True)
class Agency:
    name: str
    jurisdiction: str  # a code such as "CA", or "US"; resolved against the rule files by services
    address: str = ""
    email: str = ""
    portal_url: str = ""
    records_officer: str = ""  # "Attention:" line
    # The kind of agency (federal, state, local, tribal): which facts of the law hold for it.
    # None: not known (federal FOIA then means a federal agency).
    level: Level | None = None

    def to_dict(self) -> dict[str, Any]:
        """The agency as the spec's JSON (and the backup's address book) writes it."""
        return {
            "name": self.name,
            "jurisdiction": self.jurisdiction,
            "address": self.address,
            "email": self.email,
            "portal_url": self.portal_url,
            "records_officer": self.records_officer,
        }


@dataclass(frozen=True)
class Requester:
    name: str
    organisation: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    news_media: bool = False  # say so only when true: letters never claim it otherwise
    residence: str = ""  # state of residence (code or name); matters where only residents may ask
    # Where the law limits who may request, the class the requester belongs to, in the
    # statute's own words (one of a `requesters` fact's `bases`): the letter states it.
    basis: str = ""


@dataclass(frozen=True)
class Records:
    categories: tuple[str, ...] = ()  # ids from the FRT records catalogue
    vendors: tuple[str, ...] = ()  # vendor ids or free-text names
    date_from: date | None = None
    date_to: date | None = None
    custom_items: tuple[str, ...] = ()
    search_terms: tuple[str, ...] = ()
    custodians: tuple[str, ...] = ()
    include_state_frt_law: bool = True  # ask for records the state's FRT law requires


@dataclass(frozen=True)
class Options:
    fee_waiver: bool = False
    fee_waiver_justification: str = ""
    fee_cap: Decimal | None = None  # dollars; contact the requester before exceeding
    expedited: bool = False
    expedited_justification: str = ""
    electronic_format: bool = True
    rolling_production: bool = True
    preservation: bool = True
    segregability: bool = True  # release non-exempt parts, justify each withholding


@dataclass(frozen=True)
class History:
    """What happened to the request so far: needed for follow-up and appeal letters."""

    received: date | None = None  # the date the agency received the request (clock day 0)
    tracking_number: str = ""
    denied_on: date | None = None  # date of the denial or partial denial being appealed
    denial_summary: str = ""  # the agency's reasons, in the requester's words
    # the denial being appealed is a deemed denial: the agency did not respond in time, so
    # there is no response to enclose (Pennsylvania; review-pass-11 F9)
    deemed_denied: bool = False
    exemptions_cited: tuple[str, ...] = ()  # each exemption the agency cited, as cited
    # For a follow-up: which clock is late (its name; empty: the first one), its due date as
    # tracked (extensions and pauses applied; None: counted from `received`), and how that
    # date was reached, in words for the letter ("including the 10-day extension ...").
    clock: str = ""
    due: date | None = None
    due_note: str = ""
    released_on: date | None = None  # a partial release: the follow-up asks for the rest
    acknowledged_on: date | None = None  # the first clock was met by an acknowledgment

    def is_empty(self) -> bool:
        return self == History()


@dataclass(frozen=True)
class RequestSpec:
    agency: Agency
    requester: Requester
    records: Records = field(default_factory=Records)
    options: Options = field(default_factory=Options)
    subject: str = ""  # optional subject line; letters make one when empty
    letter_date: date | None = None  # the date printed on the letter; None: the day it is made
    reference: str = ""  # client or matter number (bulk export)
    history: History | None = None  # None: nothing has happened yet (a new request)

    def with_agency(self, **changes: Any) -> RequestSpec:
        return replace(self, agency=replace(self.agency, **changes))

    # -- JSON ---------------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Any) -> RequestSpec:
        r = _Fields(data, "")
        agency_r = r.table("agency")
        agency = Agency(
            name=agency_r.text("name", required=True),
            jurisdiction=agency_r.text("jurisdiction", required=True),
            address=agency_r.text("address"),
            email=agency_r.email("email"),
            portal_url=agency_r.url("portal_url"),
            records_officer=agency_r.text("records_officer"),
            level=agency_r.level("level"),
        )
        agency_r.done()
        req_r = r.table("requester")
        requester = Requester(
            name=req_r.text("name", required=True),
            organisation=req_r.text("organisation"),
            address=req_r.text("address"),
            email=req_r.email("email"),
            phone=req_r.text("phone"),
            news_media=req_r.flag("news_media", False),
            residence=req_r.text("residence"),
            basis=req_r.text("basis"),
        )
        req_r.done()
        rec_r = r.table("records", required=False)
        records = Records(
            categories=rec_r.texts("categories"),
            vendors=rec_r.texts("vendors"),
            date_from=rec_r.day("date_from"),
            date_to=rec_r.day("date_to"),
            custom_items=rec_r.texts("custom_items"),
            search_terms=rec_r.texts("search_terms"),
            custodians=rec_r.texts("custodians"),
            include_state_frt_law=rec_r.flag("include_state_frt_law", True),
        )
        if records.date_from and records.date_to and records.date_from > records.date_to:
            raise SpecError("records.date_to", "is before records.date_from")
        if not records.categories and not records.custom_items:
            raise SpecError("records.categories", "choose at least one category or custom item")
        rec_r.done()
        opt_r = r.table("options", required=False)
        options = Options(
            fee_waiver=opt_r.flag("fee_waiver", False),
            fee_waiver_justification=opt_r.text("fee_waiver_justification"),
            fee_cap=opt_r.money("fee_cap"),
            expedited=opt_r.flag("expedited", False),
            expedited_justification=opt_r.text("expedited_justification"),
            electronic_format=opt_r.flag("electronic_format", True),
            rolling_production=opt_r.flag("rolling_production", True),
            preservation=opt_r.flag("preservation", True),
            segregability=opt_r.flag("segregability", True),
        )
        if options.expedited and not options.expedited_justification:
            raise SpecError("options.expedited_justification", "explain why expedition is needed")
        opt_r.done()
        letter_date = r.day("letter_date")
        history = _history(r, letter_date)
        spec = cls(
            agency=agency,
            requester=requester,
            records=records,
            options=options,
            subject=r.text("subject"),
            letter_date=letter_date,
            reference=r.text("reference"),
            history=history,
        )
        r.done()
        return spec

    def to_dict(self) -> dict[str, Any]:
        a, q, rec, o = self.agency, self.requester, self.records, self.options
        return {
            # The spec adds the agency's level; the address book (Agency.to_dict) keeps none.
            "agency": {**a.to_dict(), "level": a.level.value if a.level else None},
            "requester": {
                "name": q.name,
                "organisation": q.organisation,
                "address": q.address,
                "email": q.email,
                "phone": q.phone,
                "news_media": q.news_media,
                "residence": q.residence,
                "basis": q.basis,
            },
            "records": {
                "categories": list(rec.categories),
                "vendors": list(rec.vendors),
                "date_from": rec.date_from.isoformat() if rec.date_from else None,
                "date_to": rec.date_to.isoformat() if rec.date_to else None,
                "custom_items": list(rec.custom_items),
                "search_terms": list(rec.search_terms),
                "custodians": list(rec.custodians),
                "include_state_frt_law": rec.include_state_frt_law,
            },
            "options": {
                "fee_waiver": o.fee_waiver,
                "fee_waiver_justification": o.fee_waiver_justification,
                "fee_cap": str(o.fee_cap) if o.fee_cap is not None else None,
                "expedited": o.expedited,
                "expedited_justification": o.expedited_justification,
                "electronic_format": o.electronic_format,
                "rolling_production": o.rolling_production,
                "preservation": o.preservation,
                "segregability": o.segregability,
            },
            "subject": self.subject,
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "reference": self.reference,
            "history": _history_dict(self.history),
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _history_dict(h: History | None) -> dict[str, Any] | None:
    if h is None:
        return None
    return {
        "received": _iso(h.received),
        "tracking_number": h.tracking_number,
        "denied_on": _iso(h.denied_on),
        "denial_summary": h.denial_summary,
        "exemptions_cited": list(h.exemptions_cited),
        "clock": h.clock,
        "due": _iso(h.due),
        "due_note": h.due_note,
        "released_on": _iso(h.released_on),
        "acknowledged_on": _iso(h.acknowledged_on),
        # written only when set, so specs without it (and the example) round-trip unchanged
        **({"deemed_denied": True} if h.deemed_denied else {}),
    }


def _history(r: _Fields, letter_date: date | None) -> History | None:
    """The optional `history` object; None when absent or null."""
    if r.data.get("history") is None:
        r.used.add("history")
        return None
    h_r = r.table("history")
    history = History(
        received=h_r.day("received"),
        tracking_number=h_r.text("tracking_number"),
        denied_on=h_r.day("denied_on"),
        denial_summary=h_r.text("denial_summary"),
        deemed_denied=h_r.flag("deemed_denied", False),
        exemptions_cited=h_r.texts("exemptions_cited"),
        clock=h_r.text("clock"),
        due=h_r.day("due"),
        due_note=h_r.text("due_note"),
        released_on=h_r.day("released_on"),
        acknowledged_on=h_r.day("acknowledged_on"),
    )
    h_r.done()
    check_history_dates(history, letter_date)
    return history


def check_history_dates(history: History, letter_date: date | None) -> None:
    """Dates must run in order: received <= denied_on <= letter date. Raises SpecError."""
    if letter_date is not None:
        if history.received and history.received > letter_date:
            raise SpecError("history.received", "is after the letter date")
        if history.denied_on and history.denied_on > letter_date:
            raise SpecError("history.denied_on", "is after the letter date")
    if history.received and history.denied_on and history.denied_on < history.received:
        raise SpecError("history.denied_on", "is before history.received")
    if history.received and history.due and history.due < history.received:
        raise SpecError("history.due", "is before history.received")


class _Fields(TypedFields):
    """Reads one JSON object of a request spec (null is the same as absent)."""

    def __init__(self, data: Any, prefix: str) -> None:
        if data is None:
            data = {}
        if not isinstance(data, Mapping):
            raise SpecError(prefix.rstrip(".") or "(spec)", "expected an object")
        super().__init__(data, prefix)

    def error(self, field: str, problem: str) -> SpecError:
        return SpecError(field, problem)

    def _raw(self, key: str) -> Any:
        return self.take(key)

    def table(self, key: str, required: bool = True) -> _Fields:
        value = self._raw(key)
        if value is None and required:
            raise self.fail(key, "missing")
        return _Fields(value, f"{self.prefix}{key}.")

    def text(self, key: str, required: bool = False) -> str:
        value = self._raw(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise self.fail(key, f"expected text, got {type(value).__name__}")
        value = value.strip()
        if required and not value:
            raise self.fail(key, "must not be empty")
        if len(value) > MAX_TEXT:
            raise self.fail(key, f"longer than {MAX_TEXT} characters")
        if has_control_characters(value, allow="\n\t"):
            raise self.fail(key, "contains control characters")
        return value

    def email(self, key: str) -> str:
        value = self.text(key)
        if value and not is_valid_email(value):
            raise self.fail(key, f"{value!r} is not a valid email address")
        return value

    def url(self, key: str) -> str:
        value = self.text(key)
        if value and not is_valid_url(value):
            raise self.fail(
                key, f"{value!r} is not a web address starting with http:// or https://"
            )
        return value

    def level(self, key: str) -> Level | None:
        value = self.text(key)
        if not value:
            return None
        try:
            return Level(value.casefold())
        except ValueError:
            allowed = ", ".join(m.value for m in Level)
            raise self.fail(key, f"{value!r} is not one of: {allowed}") from None

    def flag(self, key: str, default: bool) -> bool:
        value = self._raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, "expected true or false")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        out = []
        for where, item in self.text_items(key):
            if not isinstance(item, str):
                raise self.fail(where, "expected text")
            item = item.strip()
            if len(item) > MAX_TEXT:
                raise self.fail(where, f"longer than {MAX_TEXT} characters")
            if item:
                out.append(item)
        return tuple(out)

    def day(self, key: str) -> date | None:
        value = self._raw(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.fail(key, "expected a date as YYYY-MM-DD")
        try:
            if not _ISO_DAY.match(value):
                raise ValueError(value)
            day = date.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"{value!r} is not a date (YYYY-MM-DD)") from None
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise self.fail(key, f"{value} is outside the years {MIN_YEAR}-{MAX_YEAR}")
        return day

    def money(self, key: str) -> Decimal | None:
        value = self._raw(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.fail(key, "expected an amount in dollars")
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(key, f"{value!r} is not an amount in dollars") from None
        if not amount.is_finite() or amount < 0:
            raise self.fail(key, "must be zero or more")
        if amount > MAX_FEE_CAP:
            raise self.fail(key, f"{value!r} is too large for a fee cap")
        return amount.quantize(Decimal("0.01"))

    def done(self) -> None:
        self.check_unknown()
