"""The values a letter template is filled with: plain strings, lists and dicts of strings.

`build_context(kind, spec, jurisdiction, catalogue, calendar, today)` is the whole job;
`draft_letter` also returns the warnings the requester must read before sending (a
residency statement to confirm, an expedited request the law does not provide for, a state
FRT law whose text must be checked). Nothing here escapes markup: the renderer autoescapes.
Legal facts come only from the jurisdiction rule files and the FRT catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.catalogue import Catalogue, Category, Vendor
from foia_assist.domain.deadlines import compute_deadline
from foia_assist.domain.jurisdictions import Clock, ClockAction, CountsFrom, Jurisdiction
from foia_assist.domain.request import History, RequestSpec, SpecError, check_history_dates

KINDS = ("request", "follow-up", "appeal", "preservation")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# What the requester has not received when a clock of each kind runs out.
_AWAITED = {
    ClockAction.ACKNOWLEDGE: "an acknowledgment",
    ClockAction.RESPOND: "a response",
    ClockAction.DECIDE: "a determination",
    ClockAction.PRODUCE: "the records",
}


# Every key `build_context` returns, per kind: user templates are checked against these.
COMMON_KEYS = frozenset(
    {
        "kind",
        "letter_date",
        "letter_date_iso",
        "agency_name",
        "agency_block",
        "agency_lines",
        "agency_email",
        "agency_portal_url",
        "salutation",
        "requester_name",
        "requester_organisation",
        "requester_email",
        "requester_phone",
        "requester_block",
        "requester_lines",
        "signature_block",
        "signature_lines",
        "subject",
        "reference_text",
        "jurisdiction_code",
        "jurisdiction_name",
        "law_name",
        "short_name",
        "citation",
        "statute_url",
        "response_period",
        "response_citation",
        "response_text",
        "extension_text",
        "tracking_number",
        "received_date",
        "contact_text",
        "closing",
    }
)
KIND_KEYS = {
    "request": frozenset(
        {
            "intro_text",
            "frt_definition",
            "exclusions_text",
            "vendors_text",
            "items",
            "state_law_name",
            "state_law_citation",
            "state_law_text",
            "residency_text",
            "fee_waiver_text",
            "fee_cap_text",
            "expedited_text",
            "format_text",
            "rolling_text",
            "segregability_text",
            "preservation_text",
            "narrow_text",
            "tracking_text",
        }
    ),
    "follow-up": frozenset(
        {
            "due_date",
            "is_overdue",
            "followup_intro_text",
            "deadline_text",
            "completion_text",
            "narrow_text",
        }
    ),
    "appeal": frozenset(
        {
            "denied_on",
            "denial_summary",
            "appeal_intro_text",
            "denial_text",
            "appeal_route",
            "appeal_citation",
            "appeal_deadline_text",
            "appeal_timely_text",
            "exemptions",
            "exemptions_general_text",
            "segregability_text",
            "new_search_text",
            "appeal_request_text",
        }
    ),
    "preservation": frozenset(
        {
            "preservation_intro_text",
            "frt_definition",
            "preservation_items",
            "suspend_deletion_text",
            "duration_text",
            "confirm_text",
        }
    ),
}


def context_keys(kind: str) -> frozenset[str]:
    """The names a template for `kind` may use."""
    if kind not in KIND_KEYS:
        raise UnknownKindError(kind)
    return COMMON_KEYS | KIND_KEYS[kind]


class UnknownKindError(ValueError):
    def __init__(self, kind: str) -> None:
        super().__init__(f"unknown letter kind {kind!r} (choose from: {', '.join(KINDS)})")
        self.kind = kind


@dataclass(frozen=True)
class LetterDraft:
    context: dict[str, Any]
    warnings: tuple[str, ...] = field(default=())


def long_date(d: date) -> str:
    """ "November 26, 2026": US style, independent of the machine's locale."""
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def money(amount: Decimal) -> str:
    text = f"${amount:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def build_context(
    kind: str,
    spec: RequestSpec,
    jurisdiction: Jurisdiction,
    catalogue: Catalogue,
    calendar: HolidayCalendar,
    today: date,
) -> dict[str, Any]:
    return draft_letter(kind, spec, jurisdiction, catalogue, calendar, today).context


def draft_letter(
    kind: str,
    spec: RequestSpec,
    jurisdiction: Jurisdiction,
    catalogue: Catalogue,
    calendar: HolidayCalendar,
    today: date,
) -> LetterDraft:
    if kind not in KINDS:
        raise UnknownKindError(kind)
    builder = _Builder(spec, jurisdiction, catalogue, calendar, spec.letter_date or today)
    ctx = builder.common(kind)
    if kind == "request":
        ctx.update(builder.request())
    elif kind == "follow-up":
        ctx.update(builder.follow_up())
    elif kind == "appeal":
        ctx.update(builder.appeal())
    else:
        ctx.update(builder.preservation())
    return LetterDraft(context=ctx, warnings=tuple(builder.warnings))


def _sentence(text: str) -> str:
    """Trim and end with exactly one full stop (rule-file summaries carry none)."""
    text = text.strip().rstrip(".;")
    return f"{text}." if text else ""


def _end(text: str) -> str:
    """End with one full stop, keeping one that is part of an abbreviation ("et seq.")."""
    return text if text.endswith(".") else f"{text}."


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return "; ".join(items[:-1]) + "; and " + items[-1]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class _Builder:
    def __init__(
        self,
        spec: RequestSpec,
        jurisdiction: Jurisdiction,
        catalogue: Catalogue,
        calendar: HolidayCalendar,
        letter_date: date,
    ) -> None:
        self.spec = spec
        self.j = jurisdiction
        self.cat = catalogue
        self.calendar = calendar
        self.letter_date = letter_date
        self.warnings: list[str] = []
        self.history = spec.history or History()
        check_history_dates(self.history, letter_date)

    # -- shared by every kind ---------------------------------------------------------------

    def common(self, kind: str) -> dict[str, Any]:
        s, j = self.spec, self.j
        a, q = s.agency, s.requester
        agency_block = [a.records_officer] if a.records_officer else []
        agency_block += [a.name, *_lines(a.address)]
        if a.email:
            agency_block.append(a.email)
        if a.portal_url:
            agency_block.append(a.portal_url)
        requester_block = [q.name]
        if q.organisation:
            requester_block.append(q.organisation)
        requester_block += _lines(q.address)
        requester_block += [x for x in (q.email, q.phone) if x]
        officer = a.records_officer or ("FOIA Officer" if j.is_federal else "Records Officer")
        return {
            "kind": kind,
            "letter_date": long_date(self.letter_date),
            "letter_date_iso": self.letter_date.isoformat(),
            "agency_name": a.name,
            "agency_block": agency_block,
            "agency_lines": "\n".join(agency_block),
            "agency_email": a.email,
            "agency_portal_url": a.portal_url,
            "salutation": f"Dear {officer}:",
            "requester_name": q.name,
            "requester_organisation": q.organisation,
            "requester_email": q.email,
            "requester_phone": q.phone,
            "requester_block": requester_block,
            "requester_lines": "\n".join(requester_block),
            "signature_block": [x for x in (q.name, q.organisation) if x],
            "signature_lines": "\n".join(x for x in (q.name, q.organisation) if x),
            "subject": self.subject(kind),
            "reference_text": f"Reference: {s.reference}" if s.reference else "",
            "jurisdiction_code": j.code,
            "jurisdiction_name": j.name,
            "law_name": j.law_name,
            "short_name": j.short_name,
            "citation": j.citation,
            "statute_url": j.statute_url,
            "response_period": j.response.period_in_words(),
            "response_citation": j.response.citation,
            "response_text": self.response_text(),
            "extension_text": self.extension_text(),
            "tracking_number": self.history.tracking_number,
            "received_date": long_date(self.history.received) if self.history.received else "",
            "contact_text": self.contact_text(),
            "closing": "Sincerely,",
        }

    def subject(self, kind: str) -> str:
        base = self.spec.subject or f"{self.j.law_name} request: facial recognition records"
        number = self.history.tracking_number
        if number and kind != "request":
            base = f"{base} (request no. {number})"
        prefix = {
            "request": "",
            "follow-up": "Follow-up: ",
            "appeal": "Request for reconsideration: " if self.no_admin_appeal() else "Appeal: ",
            "preservation": "Preservation of records: ",
        }[kind]
        return prefix + base

    def response_text(self) -> str:
        """What the law requires of the agency and by when, with citations."""
        parts = [self._clock_sentence(self.j.response, first=True)]
        parts += [self._clock_sentence(c, first=False) for c in self.j.later_clocks]
        return " ".join(parts)

    def _clock_sentence(self, clock: Clock, *, first: bool) -> str:
        also = "" if first else "also "
        summary = clock.summary.strip().rstrip(".;")
        if clock.fixed:
            start = "receiving the request" if clock.starts == "receipt" else clock.starts
            when = f"within {clock.period_in_words()} of {start}"
            return f"Under {clock.citation}, {when}, your office must {also}{summary}."
        wording = clock.wording.strip().rstrip(".")
        return (
            f"Under {clock.citation}, your office must {also}{summary}; the law sets no fixed "
            f'number of days, and its words are: "{wording}".'
        )

    def extension_text(self) -> str:
        ext = self.j.extension
        if ext is None:
            return ""
        conditions = ext.conditions.strip().rstrip(".")
        if ext.days is not None and ext.day_type is not None:
            unit = "day" if ext.days == 1 else "days"
            more = f"{ext.days} more {ext.day_type.value} {unit}"
        else:
            more = "more time"
        return (
            f"The law allows {more} only in limited circumstances ({ext.citation}): "
            f"{conditions}. If you need more time, please tell me in writing, with the reason "
            "and the date you expect to respond."
        )

    def contact_text(self) -> str:
        q = self.spec.requester
        ways = []
        if q.email:
            ways.append(f"by email at {q.email}")
        if q.phone:
            ways.append(f"by phone at {q.phone}")
        if q.address:
            ways.append("by post at the address above")
        if not ways:
            return ""
        return f"You can reach me {' or '.join(ways)}."

    # -- request ------------------------------------------------------------------------------

    def request(self) -> dict[str, Any]:
        s, j, o = self.spec, self.j, self.spec.options
        vendors = self.vendors()
        items = self.items(vendors)
        law = self.cat.state_law(j.code) if s.records.include_state_frt_law else None
        if law is not None:
            self.warnings.append(
                f"The letter cites {law.name} ({law.citation}), checked {law.verified}: "
                f"{law.verify_note}"
            )
        return {
            "intro_text": (
                f"Under the {j.law_name} ({j.citation}), I request copies of the following "
                f"records held by {s.agency.name} concerning facial recognition technology."
            ),
            "frt_definition": self.cat.definition.text,
            "exclusions_text": self.cat.definition.exclusions,
            "vendors_text": self.vendors_text(vendors),
            "items": items,
            "state_law_name": law.name if law else "",
            "state_law_citation": law.citation if law else "",
            "state_law_text": self.state_law_text() if law else "",
            "residency_text": self.residency_text(),
            "fee_waiver_text": self.fee_waiver_text() if o.fee_waiver else "",
            "fee_cap_text": self.fee_cap_text(),
            "expedited_text": self.expedited_text() if o.expedited else "",
            "format_text": (
                "Please provide the records in electronic form: data such as logs, statistics "
                "and user lists in their native format or as CSV or spreadsheet files; emails "
                "with their attachments and header information; and other documents in their "
                "native format or as searchable PDF files."
                if o.electronic_format
                else ""
            ),
            "rolling_text": (
                "Please release records on a rolling basis as they become ready, starting with "
                "contracts, invoices and policies, rather than waiting until every item is "
                "complete. With your response, please describe how you searched: the offices, "
                "systems and custodians searched and the search terms used."
                if o.rolling_production
                else ""
            ),
            "segregability_text": (
                "If you withhold any record or part of a record, please cite the specific "
                "exemption for each withholding and explain how it applies, release every "
                "reasonably segregable part that is not exempt, and give me an index of what "
                "was withheld."
                if o.segregability
                else ""
            ),
            "preservation_text": (
                "Please preserve every record responsive to this request, and suspend any "
                "automatic deletion of search and audit logs, emails and messages that may be "
                "responsive, until this request and any appeal are finally resolved."
                if o.preservation
                else ""
            ),
            "narrow_text": (
                "I am glad to discuss narrowing or clarifying any item, or the order in which "
                "you release records, if that helps you respond sooner. Please contact me "
                "before denying any item as too broad or too burdensome."
            ),
            "tracking_text": "Please confirm that you have received this request and give me "
            "its tracking or reference number.",
        }

    def vendors(self) -> list[Vendor | str]:
        """The vendors named in the letter: the spec's choice, or every catalogued vendor."""
        chosen: list[Vendor | str] = []
        for name in self.spec.records.vendors:
            chosen.append(self.cat.vendor(name) or name)
        return chosen or list(self.cat.vendors)

    def vendors_text(self, vendors: list[Vendor | str]) -> str:
        labels = [v.label() if isinstance(v, Vendor) else v for v in vendors]
        text = (
            "This request covers facial recognition technology from any source, including "
            f"products of the following vendors: {'; '.join(labels)}."
        )
        systems = [s.name for s in self.cat.shared_systems_for(self.j.code)]
        if systems:
            text += f" It also covers access to shared systems, including {_join(systems)}."
        return text

    def items(self, vendors: list[Vendor | str]) -> list[dict[str, str]]:
        rec = self.spec.records
        items: list[dict[str, str]] = []
        for i, cat_id in enumerate(rec.categories):
            category = self.cat.category(cat_id)
            if category is None:
                raise SpecError(
                    f"records.categories[{i}]",
                    f"unknown category {cat_id!r} (choose from: "
                    f"{', '.join(self.cat.category_ids())})",
                )
            text = category.wording
            if category.uses_search_terms:
                text += " " + self.search_text(vendors)
            items.append(
                {
                    "title": category.title,
                    "text": text,
                    "date_range": self.date_range_text(category, vendors),
                }
            )
        for custom in rec.custom_items:
            items.append(
                {"title": "", "text": custom, "date_range": self.date_range_text(None, vendors)}
            )
        law = self.cat.state_law(self.j.code)
        if law is not None and rec.include_state_frt_law:
            items.append(
                {
                    "title": f"Records required by {law.citation}",
                    "text": law.wording,
                    "date_range": "Date range: all dates.",
                }
            )
        for n, item in enumerate(items, start=1):
            item["number"] = str(n)
            item["heading"] = f"{_end(item['title'])} " if item["title"] else ""
            label = f"{item['title']}: " if item["title"] else ""
            item["full_text"] = f"{label}{item['text']} {item['date_range']}".strip()
        return items

    def search_text(self, vendors: list[Vendor | str]) -> str:
        rec = self.spec.records
        terms = list(rec.search_terms) or list(self.cat.default_search_terms)
        if not rec.search_terms:
            for v in vendors:
                terms.extend(v.search_terms() if isinstance(v, Vendor) else (v,))
        custodians = list(rec.custodians) or list(self.cat.default_custodians)
        quoted = ", ".join(f'"{t}"' for t in dict.fromkeys(terms))
        return f"Custodians to search: {_join(custodians)}. Search terms: {quoted}."

    def date_range_text(self, category: Category | None, vendors: list[Vendor | str]) -> str:
        rec = self.spec.records
        if rec.date_from or rec.date_to:
            start, end = rec.date_from, rec.date_to
        elif category is None:
            return ""
        else:
            start, end = category.default_range.start(self.letter_date), None
            if start is not None and category.vendor_dates:
                for v in vendors:
                    if isinstance(v, Vendor) and v.since and v.since < start:
                        start = v.since
        end_text = long_date(end) if end else "the date of this letter"
        if start is None:
            if end is None:
                return "Date range: all dates, including current and past versions."
            return f"Date range: all dates up to {end_text}."
        return f"Date range: {long_date(start)} to {end_text}."

    def state_law_text(self) -> str:
        law = self.cat.state_law(self.j.code)
        assert law is not None
        # Where the current text is in doubt (a section amended or repealed lately), the
        # letter claims only what the law has required: the records made then still exist.
        verb = "has required" if law.text_changed else "requires"
        return (
            f"{law.citation} ({law.name}) {verb} agencies that use facial recognition to "
            f"create or keep records, including {_join(list(law.records))}. The last numbered "
            "item asks for these records."
        )

    def residency_text(self) -> str:
        j, q = self.j, self.spec.requester
        resident = self._is_resident()
        if j.residents_only is False:
            return ""
        if j.residents_only is True:
            if resident is False:
                self.warnings.append(
                    f"The {j.law_name} lets only residents of {j.name} request records "
                    f"({j.requesters.citation or 'see the rule file'}), and you gave your "
                    f"residence as {q.residence!r}. The letter makes no residency statement; "
                    "consider asking a resident to submit it."
                )
                return ""
            if resident is None:
                # Never state a residence the requester has not given (bulk letters go to
                # many states at once): say nothing, and tell them why.
                self.warnings.append(
                    f"Only residents of {j.name} may request records under the {j.law_name} "
                    f"({j.requesters.citation or 'see the rule file'}). The letter makes no "
                    "residency statement because your state of residence is not given: if you "
                    f"live in {j.name}, add it (requester.residence, or 'State you live in') "
                    "so the letter says so; otherwise ask a resident to send the request."
                )
                return ""
            return f"I am a resident of {j.name}."
        # Unsettled: say nothing untrue, and ask to be told rather than refused.
        if resident is True:
            return f"I am a resident of {j.name}."
        return (
            f"If you consider that the {j.law_name} limits requests to residents of {j.name}, "
            "please tell me promptly, rather than denying the request, so that it can be "
            "resubmitted."
        )

    def _is_resident(self) -> bool | None:
        given = self.spec.requester.residence.strip().casefold()
        if not given:
            return None
        names = {self.j.code.casefold(), self.j.name.casefold()}
        names |= {a.casefold() for a in self.j.aliases}
        return given in names

    def fee_waiver_text(self) -> str:
        j, o, q = self.j, self.spec.options, self.spec.requester
        why = o.fee_waiver_justification or (
            "The records concern how a public agency uses facial recognition technology, a "
            "matter of public interest, and I do not seek them for a commercial purpose."
        )
        fw = j.fee_waiver
        if fw.available is True:
            cite = f" under {fw.citation}" if fw.citation else ""
            text = f"I request a waiver of all fees{cite}. {_sentence(why)}"
        elif fw.available is False:
            text = (
                f"The {j.law_name} does not provide for a fee waiver, but I ask you to use "
                f"any discretion you have to waive or reduce fees. {_sentence(why)}"
            )
        else:
            text = f"I ask you to waive or reduce any fees. {_sentence(why)}"
        if q.news_media:
            org = f" ({q.organisation})" if q.organisation else ""
            text += (
                f" I am a representative of the news media{org} and ask to be treated as one "
                "for fee purposes."
            )
        return text

    def fee_cap_text(self) -> str:
        cap = self.spec.options.fee_cap
        if cap is None:
            return (
                "If there are any fees, please send me an itemized estimate before you incur them."
            )
        if cap == 0:
            return "Please contact me before incurring any fees, with an itemized estimate."
        return (
            "If there are any fees, please send me an itemized estimate, and contact me "
            f"before fees exceed {money(cap)}."
        )

    def expedited_text(self) -> str:
        j, o = self.j, self.spec.options
        if j.expedited.available is not True:
            state = "does not provide" if j.expedited.available is False else "may not provide"
            self.warnings.append(
                f"You asked for expedited processing, but the {j.law_name} {state} for it, so "
                "the letter does not ask for it."
            )
            return ""
        cite = f" under {j.expedited.citation}" if j.expedited.citation else ""
        return (
            f"I request expedited processing{cite}. {_sentence(o.expedited_justification)} "
            "I certify that this statement is true and correct to the best of my knowledge "
            "and belief."
        )

    # -- follow-up ------------------------------------------------------------------------------

    def _require(self, value: object, field_name: str, kind: str) -> None:
        if not value:
            article = "an" if kind[0] in "aeiou" else "a"
            raise SpecError(f"history.{field_name}", f"needed for {article} {kind} letter")

    def _request_ref(self) -> str:
        h = self.history
        number = f" (your reference {h.tracking_number})" if h.tracking_number else ""
        received = long_date(h.received) if h.received else ""
        on = f", which your office received on {received}" if received else ""
        return (
            f"my request under the {self.j.law_name} ({self.j.citation}) for records about "
            f"{self.spec.agency.name}'s use of facial recognition technology{number}{on}"
        )

    def _followed_clock(self) -> Clock:
        """The clock a follow-up is about: `history.clock` by name, else the first one."""
        name, j = self.history.clock.strip(), self.j
        if not name:
            return j.response
        clock = j.clock_named(name)
        if clock is not None:
            return clock
        names = ", ".join(repr(c.name) for c in (j.response, *j.later_clocks))
        raise SpecError("history.clock", f"{j.name} has no clock named {name!r} (it has {names})")

    def follow_up(self) -> dict[str, Any]:
        h, j = self.history, self.j
        self._require(h.received, "received", "follow-up")
        assert h.received is not None
        clock = self._followed_clock()
        due = h.due
        if due is None and not h.due_note:
            if clock is not j.response and clock.counts_from is not CountsFrom.RECEIPT:
                raise SpecError(
                    "history.due", f"needed for a follow-up on the {clock.name!r} clock"
                )
            due = compute_deadline(j, h.received, self.calendar, clock=clock).due
        awaited = _AWAITED[clock.action]
        summary = clock.summary.strip().rstrip(".;")
        start = "receipt" if clock is j.response else clock.starts
        how = f" ({h.due_note})" if h.due_note else ""
        intro = f"I am writing about {self._request_ref()}."
        overdue = False
        if due is not None and clock.fixed:
            overdue = self.letter_date > due
            ends = "ended" if overdue else "ends"
            rule = (
                f"Under {clock.citation}, your office had {clock.period_in_words()} from "
                f"{start} to {summary}; that time{how} {ends} on {long_date(due)}."
            )
            if overdue:
                status = f"That date has passed, and I have not received {awaited}."
            else:
                status = f"As of today I have not received {awaited}."
        elif due is not None:  # no number in the law, but the agency set a date itself
            overdue = self.letter_date > due
            wording = clock.wording.strip().rstrip(".")
            rule = (
                f"Under {clock.citation}, your office must {summary}; the law's words are: \""
                f'{wording}". Your office set {long_date(due)} as the date for its response.'
            )
            if overdue:
                status = f"That date has passed, and I have not received {awaited}."
            else:
                status = f"As of today I have not received {awaited}."
        elif clock.fixed:  # the clock is paused: no date to claim
            rule = (
                f"Under {clock.citation}, your office has {clock.period_in_words()} from "
                f"{start} to {summary}{how}."
            )
            status = f"As of today I have not received {awaited}."
        else:
            waited = (self.letter_date - h.received).days
            wording = clock.wording.strip().rstrip(".")
            rule = (
                f"Under {clock.citation}, your office must {summary}; the law's words are: \""
                f'{wording}".'
            )
            status = (
                f"It is now {waited} calendar day{'s' if waited != 1 else ''} since your "
                f"office received the request, and I have not received {awaited}."
            )
        if h.acknowledged_on is not None and h.released_on is None:
            status = (
                f"Your office acknowledged the request on {long_date(h.acknowledged_on)}, but "
                "I have not yet received the records or a decision on them."
            )
        if h.released_on is not None:
            status = (
                f"Your office released part of the records on {long_date(h.released_on)}; "
                "I have not received the rest, or a statement that there is nothing more."
            )
        return {
            "due_date": long_date(due) if due else "",
            "is_overdue": overdue,
            "followup_intro_text": intro,
            "deadline_text": f"{rule} {status}",
            "completion_text": (
                "Please tell me the status of the request and the date by which you expect to "
                "complete it. If some records are ready, please release them now rather than "
                "waiting for the rest."
            ),
            "narrow_text": (
                "If anything in the request is unclear or is holding up your search, please "
                "tell me: I am glad to clarify or narrow it."
            ),
        }

    # -- appeal ---------------------------------------------------------------------------------

    def appeal(self) -> dict[str, Any]:
        h, j = self.history, self.j
        self._require(h.denied_on, "denied_on", "appeal")
        assert h.denied_on is not None
        ap = j.appeal
        deadline_text = ""
        timely_text = ""
        if ap.deadline_days is not None and ap.deadline_day_type is not None:
            unit = "day" if ap.deadline_days == 1 else "days"
            cite = f" ({ap.citation})" if ap.citation else ""
            deadline_text = (
                f"The law allows {ap.deadline_days} {ap.deadline_day_type.value} {unit} to "
                f"appeal{cite}."
            )
            clock = Clock(
                days=ap.deadline_days,
                day_type=ap.deadline_day_type,
                action=ClockAction.RESPOND,
                summary="file an appeal",
                citation=ap.citation or j.citation,
                starts="the denial",
                name="Appeal",
            )
            due = compute_deadline(j, h.denied_on, self.calendar, clock=clock).due
            if due is not None and self.letter_date <= due:
                timely_text = (
                    f"This appeal is made within that time: the denial is dated "
                    f"{long_date(h.denied_on)}."
                )
            elif due is not None:
                self.warnings.append(
                    f"The appeal period appears to have ended on {long_date(due)} "
                    f"({ap.citation or 'see the rule file'}). Check before sending; you may "
                    "need to file a new request instead."
                )
        elif ap.citation and not self.no_admin_appeal():
            deadline_text = _end(f"I make this appeal under {ap.citation}")
        if self.no_admin_appeal():
            cite = f" ({ap.citation})" if ap.citation else ""
            deadline_text = (
                f"I understand that the {j.law_name} provides no administrative appeal{cite}. "
                "I ask you to reconsider the denial before I consider other remedies."
            )
            # Any deadline in the rule file is then a court's: "made within that time" would
            # point at nothing in this letter, and a passed court deadline is not its business.
            timely_text = ""
            self.warnings = [w for w in self.warnings if "appeal period" not in w]
        body = ap.outside_body
        if body:
            self.warnings.append(
                f"Send this appeal to {body}, which decides it in {j.name} ({ap.route}). The "
                "letter is addressed to the agency as its copy: send it to the agency too, and "
                f"address the original to {body} (see its website for how to file)."
            )
        else:
            self.warnings.append(f"Appeal route in {j.name}: {ap.route} Check where to send it.")
        denial = h.denial_summary
        denial_text = f"Your office denied the request on {long_date(h.denied_on)}" + (
            f", giving these reasons: {_sentence(denial)}" if denial else "."
        )
        return {
            "denied_on": long_date(h.denied_on),
            "denial_summary": denial,
            "appeal_intro_text": self._appeal_intro(body),
            "denial_text": denial_text,
            "appeal_route": ap.route,
            "appeal_citation": ap.citation,
            "appeal_deadline_text": deadline_text,
            "appeal_timely_text": timely_text,
            "exemptions": [
                {"exemption": e, "argument": _exemption_argument(e)} for e in h.exemptions_cited
            ],
            "exemptions_general_text": (
                "Each exemption must be applied to specific records or parts of records. "
                "Your office has not shown how any exemption applies to each record withheld."
            ),
            "segregability_text": (
                "Even where an exemption applies, the law requires release of the parts of a "
                "record that are not exempt. Please release every reasonably segregable part, "
                "cite the exemption for each redaction, and give me an index of what was "
                "withheld and why."
            ),
            "new_search_text": (
                "Please also conduct a new search that covers facial recognition used through "
                "other agencies, shared systems and vendors, free trials, and employees' "
                "personal devices and accounts used for agency work, and describe the offices, "
                "systems, custodians and search terms searched. Agencies have said that no "
                "records existed and later produced them."
            ),
            "appeal_request_text": (
                f"I ask {body} to reverse the denial and to have the records, or the non-exempt "
                "parts of them, released without further delay."
                if body
                else "I ask you to reverse the denial and release the records, or the non-exempt "
                "parts of them, without further delay."
            ),
        }

    def _appeal_intro(self, body: str) -> str:
        ref = self._request_ref()
        if self.no_admin_appeal():
            return f"I ask you to reconsider the denial, in whole or in part, of {ref}."
        if body:
            return (
                f"This is my appeal to {body} of your office's denial, in whole or in part, of "
                f"{ref}. I am filing it with {body} and sending this copy to your office."
            )
        return f"I appeal the denial, in whole or in part, of {ref}."

    def no_admin_appeal(self) -> bool:
        """The rule file says there is no administrative appeal (only a court)."""
        return self.j.appeal.administrative is False

    # -- preservation ---------------------------------------------------------------------------

    def preservation(self) -> dict[str, Any]:
        h = self.history
        about = self._request_ref() if (h.received or h.tracking_number) else ""
        intro = (
            f"I write about {about}. I ask you to preserve the records it covers."
            if about
            else (
                f"I am requesting records from {self.spec.agency.name} about its use of facial "
                "recognition technology, and I ask you to preserve the records described below."
            )
        )
        return {
            "preservation_intro_text": intro,
            "frt_definition": self.cat.definition.text,
            "preservation_items": [
                "search and audit logs of every facial recognition system, including logs "
                "held by a vendor or a partner agency on your behalf",
                "user account lists and administrator reports",
                "emails with attachments, text and chat messages, and calendar entries that "
                "mention facial recognition or a facial recognition vendor, including those "
                "on personal devices or accounts used for agency work",
                "contracts, invoices, trial account records, policies and training materials",
                "request forms and results exchanged with other agencies",
            ],
            "suspend_deletion_text": (
                "Please suspend any automatic deletion, purge or overwrite of these records, "
                "including retention settings in the facial recognition system, the email "
                "system and messaging apps, and tell the vendors and partner agencies that "
                "hold such records for you to do the same."
            ),
            "duration_text": (
                "Please keep these records until my request and any appeal or litigation "
                "about it are finally resolved, even if a retention schedule would otherwise "
                "allow their destruction."
            ),
            "confirm_text": (
                "Please confirm in writing that you have taken these steps, and tell me if any "
                "responsive records have already been deleted, with the date and the reason."
            ),
        }


def _exemption_argument(exemption: str) -> str:
    """A short argument against a commonly claimed exemption (frt-records-guide.md §5)."""
    e = exemption.casefold()
    if "investigat" in e or "technique" in e or "law enforcement" in e:
        return (
            "Contracts, invoices, policies, training materials and aggregate statistics are "
            "not investigative files, and disclosing them would not reveal any particular "
            "investigation. Where a record does concern a case, please redact the case "
            "details instead of withholding the record."
        )
    if "trade secret" in e or "commercial" in e or "proprietary" in e or "non-disclosure" in e:
        return (
            "A vendor's label or a non-disclosure agreement does not by itself make a record "
            "exempt. Prices paid with public money and the terms of public contracts are "
            "public; please redact only specific information shown to be exempt."
        )
    if "create" in e or "new record" in e:
        return (
            "Running the system's standard audit report or export does not create a new "
            "record; it retrieves data the agency already holds."
        )
    if "burden" in e or "broad" in e or "vague" in e:
        return (
            "Each item names the records, date range, custodians and search terms. Burden "
            "is not vagueness, and I have offered to narrow or prioritize; please work with "
            "me on that rather than deny the request."
        )
    if "privacy" in e or "personal" in e or "personnel" in e:
        return (
            "I do not ask for probe images or the names of people searched for. Privacy "
            "concerns can be met by redacting names and identifiers, not by withholding whole "
            "records."
        )
    if "security" in e:
        return (
            "Please identify the specific security risk that release of each record would "
            "create. Contracts, policies and usage figures do not reveal system "
            "vulnerabilities; redact any technical detail that would."
        )
    if "deliberat" in e or "draft" in e:
        return (
            "Final policies, contracts and factual material are not deliberative. Please "
            "release them and any factual parts of drafts."
        )
    return (
        "Please explain how this exemption applies to each record or part withheld, and "
        "release everything it does not cover."
    )
