"""What every letter kind shares: addresses, subject, the response clocks and extension, the
agency-level checks, and small text helpers.

Sentences of law are stated through `LawUse` (law.py), so each one is recorded with the fact
or table it rests on, and nothing is quoted that a fact's `quote` does not hold.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.catalogue import Catalogue
from foia_assist.domain.jurisdictions import Clock, Fact, Jurisdiction, Level
from foia_assist.domain.letter_wording import LetterWording
from foia_assist.domain.request import Agency, History, RequestSpec, SpecError, check_history_dates
from foia_assist.services.letters.field_names import SPEC_NAMES, FieldNames
from foia_assist.services.letters.law import LawUse, LegalSentence, depends_on_level

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


def long_date(d: date) -> str:
    """ "November 26, 2026": US style, independent of the machine's locale."""
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def money(amount: Decimal) -> str:
    text = f"${amount:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def sentence(text: str) -> str:
    """Trim and end with exactly one full stop (rule-file summaries carry none)."""
    text = text.strip().rstrip(".;")
    return f"{text}." if text else ""


def end(text: str) -> str:
    """End with one full stop, keeping one that is part of an abbreviation ("et seq.")."""
    return text if text.endswith(".") else f"{text}."


def join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return "; ".join(items[:-1]) + "; and " + items[-1]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def agency_address(agency: Agency) -> list[str]:
    """The agency's postal address lines, without a first line that repeats its name:
    directory addresses often begin with it (ICE, CBP, the U.S. Marshals) and the letter
    printed the name twice."""
    address = lines(agency.address)
    if address and address[0].casefold() == agency.name.strip().casefold():
        return address[1:]
    return address


def level_mismatch(j: Jurisdiction, level: Level | None) -> str:
    """Why the law cannot be used against an agency of `level` ("" where it can): federal FOIA
    reaches only federal agencies, and a state's law no federal one. Bulk refuses such rows."""
    if level is None:
        return ""
    if j.is_federal and level is not Level.FEDERAL:
        return (
            f"the federal FOIA reaches only federal agencies, and this agency is {level.value}: "
            "send the request under the public-records law of the agency's state instead"
        )
    if not j.is_federal and level is Level.FEDERAL:
        return (
            f"the {j.law_name} is a {j.name} law and does not reach a federal agency: send "
            "the request under the federal FOIA (jurisdiction US) instead"
        )
    return ""


def level_warnings(j: Jurisdiction, level: Level | None) -> list[str]:
    """A law applied to an agency it does not reach, or a tribal agency: what to tell the user
    (the `letter` command, the window and the bulk report use the same words)."""
    mismatch = level_mismatch(j, level)
    if mismatch:
        return [mismatch[0].upper() + mismatch[1:] + "."]
    if level is Level.TRIBAL:
        return [
            f"This is a tribal agency. State public-records laws, including the {j.law_name}, "
            "may not reach tribal governments; ask the tribe whether it has its own "
            "records law or policy, and treat this letter as a request, not a demand."
        ]
    return []


def missing_level_warnings(
    j: Jurisdiction, level: Level | None, names: FieldNames = SPEC_NAMES
) -> list[str]:
    """The agency's kind is not given and the law depends on it: the letter command and the
    window say so (a federal FOIA letter to a city police department drafted silently)."""
    if level is not None:
        return []
    if j.is_federal:
        scope = next((f for f in j.facts if f.topic == "scope"), None)
        cite = f" ({scope.citation})" if scope is not None else ""
        return [
            f"The kind of agency is not given. The federal FOIA reaches only federal "
            f"agencies{cite}: the letter is written as to a federal agency. For a state, "
            "county or city agency use the law of its state; give the agency's level "
            f"({names('agency.level')})."
        ]
    topics = sorted({f.topic.replace("_", " ") for f in j.facts if depends_on_level(f)})
    if not topics:
        return []
    return [
        f"The kind of agency is not given, and the {j.law_name} differs by it ({', '.join(topics)})"
        ": the letter states only what holds for every agency. Give the agency's level "
        f"({names('agency.level')})."
    ]


class LetterBase:
    """The parts every letter kind has; a kind's module subclasses it and adds `build()`."""

    kind = ""

    def __init__(
        self,
        spec: RequestSpec,
        jurisdiction: Jurisdiction,
        catalogue: Catalogue,
        calendar: HolidayCalendar,
        letter_date: date,
        wording: LetterWording,
        names: FieldNames = SPEC_NAMES,
    ) -> None:
        self.spec = spec
        self.names = names  # how the user's fields are named in warnings
        self.j = jurisdiction
        self.cat = catalogue
        self.calendar = calendar
        self.letter_date = letter_date
        self.wording = wording
        self.law = LawUse(jurisdiction, spec.agency.level)
        self.warnings: list[str] = [
            *level_warnings(jurisdiction, spec.agency.level),
            *missing_level_warnings(jurisdiction, spec.agency.level, names),
        ]
        self.history = spec.history or History()
        check_history_dates(self.history, letter_date)

    def text(self, key: str) -> str:
        return self.wording.text(self.kind, key)

    def build(self) -> dict[str, Any]:
        raise NotImplementedError

    def all_warnings(self) -> list[str]:
        return [*self.warnings, *self.law.warnings]

    # -- shared by every kind ---------------------------------------------------------------

    def common(self) -> dict[str, Any]:
        s, j = self.spec, self.j
        a, q = s.agency, s.requester
        agency_block = [a.records_officer] if a.records_officer else []
        agency_block += [a.name, *agency_address(a)]
        if a.email:
            agency_block.append(a.email)
        if a.portal_url:
            agency_block.append(a.portal_url)
        requester_block = [q.name]
        if q.organisation:
            requester_block.append(q.organisation)
        requester_block += lines(q.address)
        requester_block += [x for x in (q.email, q.phone) if x]
        officer = a.records_officer or ("FOIA Officer" if j.is_federal else "Records Officer")
        return {
            "kind": self.kind,
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
            "subject": self.subject(),
            "reference_text": f"Reference: {s.reference}" if s.reference else "",
            "jurisdiction_code": j.code,
            "jurisdiction_name": j.name,
            "law_name": j.law_name,
            "short_name": j.short_name,
            "citation": j.citation,
            "statute_url": j.statute_url,
            "response_period": self.response_period(),
            "response_citation": self.response_citation(),
            "response_text": self.response_text(),
            "extension_text": self.extension_text(),
            "tracking_number": self.history.tracking_number,
            "received_date": long_date(self.history.received) if self.history.received else "",
            "contact_text": self.contact_text(),
            "closing": "Sincerely,",
        }

    def response_period(self) -> str:
        """The first clock's period for the template key: where the `[response]` table does
        not cover this kind of agency (Montana's state agencies, § 2-6-1006(3)), the time its
        own fact's section sets, in words, with no number (none is stored or was read)."""
        own = self.law.own_clock_fact(self.j.response.name, True)
        if own is not None:
            return f"the time {own.citation} sets"
        return self.j.response.period_in_words()

    def response_citation(self) -> str:
        own = self.law.own_clock_fact(self.j.response.name, True)
        return own.citation if own is not None else self.j.response.citation

    def subject_prefix(self) -> str:
        return ""

    def subject(self) -> str:
        base = self.spec.subject or f"{self.j.law_name} request: facial recognition records"
        number = self.history.tracking_number
        if number and self.kind != "request":
            base = f"{base} (request no. {number})"
        return self.subject_prefix() + base

    def response_text(self) -> str:
        """What the law requires of the agency and by when, with citations."""
        response = self.j.response
        parts = [self.clock_sentence(response, first=True)]
        # Right after the first clock, so "the same" time is that one.
        same = f"within the same {response.period_in_words()}" if response.fixed else "promptly"
        parts += self.other_act_times("response_text", same)
        parts += [
            self.clock_sentence(c, first=False)
            for c in self.j.later_clocks
            if not self.law.excludes_clock(c.name, first=False)
        ]
        return " ".join(parts)

    def other_act_times(self, key: str, when: str) -> list[str]:
        """For each second act that holds for this agency and says what time it sets
        (`act_response`; Colorado's Criminal Justice Records Act sets none but the 72 hours for
        a statement of grounds): that, as the requester's understanding — whether the main
        law's days reach those records is not settled — and a request to answer `when`."""
        said = []
        for fact in self.other_acts():
            if not fact.act_response:
                continue
            text = (
                f"I understand that the {fact.act} ({fact.act_citation}), which governs any of "
                f"these records that are {fact.records}, {fact.act_response.strip().rstrip('.')}; "
                f"I ask you to answer for those records {when}."
            )
            said.append(self.law.state(key, text, fact))
        return said

    def clock_sentence(self, clock: Clock, *, first: bool, key: str = "response_text") -> str:
        own = self.law.own_clock_fact(clock.name, first)
        if own is not None:  # the table's rule is for other kinds of agency
            return self.law.state_fact(key, own)
        also = "" if first else "also "
        summary = clock.summary.strip().rstrip(".;")
        fact = self.law.clock_fact(clock.name, first)
        table = "[response]" if first else f"[[later_clocks]] {clock.name!r}"
        if clock.fixed:
            start = "receiving the request" if clock.starts == "receipt" else clock.starts
            when = f"within {clock.period_in_words()} of {start}"
            text = f"Under {clock.citation}, {when}, your office must {also}{summary}."
        else:
            text = (
                f"Under {clock.citation}, your office must {also}{summary}; {self.no_days(clock)}"
            )
        return self.law.state(key, text, fact, table)

    def no_days(self, clock: Clock) -> str:
        """The law's standard where it sets no number of days: in quotation marks only where a
        fact's quote holds those words."""
        wording = clock.wording.strip().rstrip(".")
        quoted, source = self.law.quoted(wording)
        if source is not None:
            return f"the law sets no fixed number of days, and its words are: {quoted}."
        return f"the law sets no fixed number of days (in short: {wording})."

    def extension_text(self) -> str:
        ext = self.j.extension
        if ext is None or self.law.excludes_extension():  # for other kinds of agency only
            return ""
        conditions = ext.conditions.strip().rstrip(".")
        if ext.days is not None and ext.day_type is not None:
            unit = "day" if ext.days == 1 else "days"
            more = f"{ext.days} more {ext.day_type.value} {unit}"
        else:
            more = "more time"
        rule = self.law.state(
            "extension_text",
            # The conditions as the file gives them: "only in limited circumstances" overstated
            # laws that allow an extension by notice alone (Alabama, Michigan).
            f"The law allows {more} ({ext.citation}): {conditions}.",
            self.law.extension_fact(),
            "[extension]",
        )
        return (
            f"{rule} If you need more time, please tell me in writing, with the reason and the "
            "date you expect to respond."
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

    # -- helpers for the later letters ----------------------------------------------------------

    def require(self, value: object, field_name: str) -> None:
        if not value:
            article = "an" if self.kind[0] in "aeiou" else "a"
            raise SpecError(f"history.{field_name}", f"needed for {article} {self.kind} letter")

    # -- the laws a letter names ------------------------------------------------------------

    def other_acts(self) -> list[Fact]:
        """Scope facts naming a second act for some records (Colorado: the Criminal Justice
        Records Act for criminal justice records) that hold for this agency."""
        return [f for f in self.law.facts("scope") if f.act]

    def laws_named(self, key: str) -> str:
        """ "the <law> (<citation>)", and for each second act that holds for this agency ", and,
        for any of these records that are <records>, the <act> (<citation>)". Each clause
        naming a second act is recorded with its fact (an unsettled one is the requester's
        understanding), and the user is told why it is there."""
        text = f"the {self.j.law_name} ({self.j.citation})"
        for fact in self.other_acts():
            understood = "" if fact.settled else "as I understand the law, "
            clause = (
                f"{understood}for any of these records that are {fact.records}, the {fact.act} "
                f"({fact.act_citation})"
            )
            text += f" and, {clause}"
            self.law.grounds.append(LegalSentence(key, clause, fact))
            if fact.act.casefold() in fact.statement.casefold():
                # The statement says what the act governs: said once (Colorado).
                note = (
                    f"The letter also names the {fact.act} ({fact.act_citation}). {fact.statement}"
                )
            else:
                note = (
                    f"The letter also names the {fact.act} ({fact.act_citation}), which governs "
                    f"{fact.records}. {fact.statement}"
                )
            if not fact.settled:
                note += (
                    " (The law is unsettled on this: the letter words it as your understanding.)"
                )
            if note not in self.warnings:
                self.warnings.append(note)
        return text

    def request_ref(self) -> str:
        h = self.history
        number = f" (your reference {h.tracking_number})" if h.tracking_number else ""
        received = long_date(h.received) if h.received else ""
        on = f", which your office received on {received}" if received else ""
        return (
            f"my request under {self.laws_named('request_ref')} for records about "
            f"{self.spec.agency.name}'s use of facial recognition technology{number}{on}"
        )
