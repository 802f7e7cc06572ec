"""Jurisdictions and the rules their public-records laws set.

Every field mirrors a key in `resources/jurisdictions/<CODE>.toml` (see
`docs/jurisdiction-data.md`). `None` always means "the law sets no such thing"
or "unsettled"; the accompanying note says which.

Over 400 lines as one thing: the model of a rule file, one dataclass per section.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class DayType(StrEnum):
    BUSINESS = "business"
    CALENDAR = "calendar"


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ClockAction(StrEnum):
    """What the agency must do by the end of a clock."""

    ACKNOWLEDGE = "acknowledge"  # confirm receipt, perhaps with an estimate
    RESPOND = "respond"  # grant, deny, or say when (any of several responses)
    DECIDE = "decide"  # determine whether records will be released
    PRODUCE = "produce"  # make the records available


class CountsFrom(StrEnum):
    """What a later clock's day 0 is, in terms the tracker knows."""

    RECEIPT = "receipt"  # the day the agency received the request
    ACKNOWLEDGMENT = "acknowledgment"  # the day the agency acknowledged it
    FIRST_DEADLINE = "first_deadline"  # the first clock's due date (no extension or pause)


class MetBy(StrEnum):
    """Logged events that satisfy a later clock."""

    ACKNOWLEDGMENT = "acknowledgment"  # 'acknowledged'
    EXTENSION = "extension"  # 'extension' (a new date or more days, in writing)
    RESPONSE = "response"  # records released (in part or in full) or a denial


@dataclass(frozen=True)
class Clock:
    """One deadline the law sets, counted from `starts` (day 0).

    A later clock is tracked per request only when `counts_from` and `met_by` say, in the
    tracker's terms, when it starts and what satisfies it; otherwise it is shown as text.
    """

    days: int | None
    day_type: DayType | None
    action: ClockAction
    summary: str  # plain words: what the agency must do by then
    citation: str
    starts: str = "receipt"  # the event the count starts from (day 0)
    wording: str = ""  # statutory words where no number is set ("promptly")
    name: str = "Response"
    counts_from: CountsFrom | None = None  # later clocks only
    met_by: tuple[MetBy, ...] = ()  # later clocks only
    takes_extension: bool = False  # later clocks: the law's [extension] lengthens this one

    @property
    def tracked(self) -> bool:
        return self.counts_from is not None and self.fixed

    @property
    def fixed(self) -> bool:
        return self.days is not None and self.day_type is not None

    def period_in_words(self) -> str:
        if self.days is None or self.day_type is None:
            return self.wording or "no fixed number of days"
        unit = "day" if self.days == 1 else "days"
        return f"{self.days} {self.day_type.value} {unit}"


@dataclass(frozen=True)
class Extension:
    days: int | None  # None: the law allows more time but sets no number
    day_type: DayType | None
    conditions: str
    citation: str
    # The law's read text makes notice within the original period a condition of the
    # extension: a late notice does not move the due date (`domain/extension_notice.py`).
    notice_within_period: bool = False


@dataclass(frozen=True)
class Requesters:
    """Who may request. `residents_only` is None where the law is unsettled."""

    residents_only: bool | None
    note: str
    citation: str = ""


@dataclass(frozen=True)
class RollForward:
    """Whether a calendar-day deadline ending on a weekend or holiday moves on.

    `applies` is None where no rule was found; the engine then does not roll
    forward and says so.
    """

    applies: bool | None
    citation: str = ""
    note: str = ""


OBSERVED_RULES = ("sunday-to-monday", "saturday-to-friday-sunday-to-monday", "weekend-to-monday")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class FixedHoliday:
    """A holiday the `holidays` package lacks, given by one of three rules:

    - a fixed date: `month` and `day` (e.g. 26 December);
    - the `nth` `weekday` of `month` (nth -1 = the last), e.g. the 4th Friday of September;
    - `easter_offset` days from Easter Sunday (Good Friday = -2).
    `offset_days` then shifts the result (the Friday after Thanksgiving = 4th Thursday of
    November + 1). `observed` moves a fixed date falling on Saturday to Friday and on Sunday
    to Monday. `years` limits it to some years: election days are holidays only in the years
    that election is held (general election day: 1st Monday of November + 1, even years).
    """

    name: str
    month: int | None = None
    day: int | None = None
    observed: bool = True
    weekday: int | None = None  # 0 = Monday
    nth: int | None = None
    easter_offset: int | None = None
    offset_days: int = 0
    years: str = "all"  # one of HOLIDAY_YEARS

    def dates_in(self, year: int) -> list[tuple[date, str]]:
        """The holiday's date(s) in `year`, with an "(observed)" entry where it moves."""
        if year % HOLIDAY_YEARS[self.years][0] != HOLIDAY_YEARS[self.years][1]:
            return []
        if self.easter_offset is not None:
            return [
                (
                    easter_sunday(year) + timedelta(days=self.easter_offset + self.offset_days),
                    self.name,
                )
            ]
        if self.weekday is not None and self.nth is not None and self.month is not None:
            return [
                (
                    nth_weekday(year, self.month, self.weekday, self.nth)
                    + timedelta(days=self.offset_days),
                    self.name,
                )
            ]
        if self.month is None or self.day is None:
            return []
        try:
            day = date(year, self.month, self.day) + timedelta(days=self.offset_days)
        except ValueError:  # 29 February in a common year
            return []
        found = [(day, self.name)]
        if self.observed and day.weekday() == 5:
            found.append((day - timedelta(days=1), f"{self.name} (observed)"))
        elif self.observed and day.weekday() == 6:
            found.append((day + timedelta(days=1), f"{self.name} (observed)"))
        return found


# `years` of an added holiday -> (divisor, remainder) the year must have.
HOLIDAY_YEARS: dict[str, tuple[int, int]] = {
    "all": (1, 0),
    "even": (2, 0),
    "odd": (2, 1),
    "divisible-by-4": (4, 0),  # US presidential election years
}


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth `weekday` (0 = Monday) of the month; nth = -1 is the last one."""
    # Imported here, like `holidays` in calendars.py: only building a calendar needs it.
    from dateutil.relativedelta import relativedelta, weekdays

    which = weekdays[weekday](nth)
    if nth > 0:  # the nth on or after the 1st
        return date(year, month, 1) + relativedelta(weekday=which)  # type: ignore[no-any-return]
    # counting back from the month's last day (day=31 is clamped to the month's end)
    return date(year, month, 1) + relativedelta(day=31, weekday=which)  # type: ignore[no-any-return]


def easter_sunday(year: int) -> date:
    """Western (Gregorian) Easter Sunday."""
    from dateutil.easter import EASTER_WESTERN, easter

    return easter(year, EASTER_WESTERN)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class HolidayRules:
    """Which days the jurisdiction's agencies close, built on the `holidays` package."""

    country: str = "US"
    subdiv: str | None = None  # None: the federal calendar
    observed: bool = True
    # None: weekend holidays move as the `holidays` package computes for the state. Otherwise
    # the package's own observed days are dropped and this rule applies to every holiday:
    # "sunday-to-monday", "saturday-to-friday-sunday-to-monday", "weekend-to-monday".
    observed_rule: str | None = None
    remove: tuple[str, ...] = ()  # holiday names in the package that agencies do not observe
    add: tuple[FixedHoliday, ...] = ()
    citation: str = ""
    source: str = ""
    note: str = ""
    verified: date | None = None  # when the holiday list was last checked, if apart from the file


@dataclass(frozen=True)
class ReceiptRule:
    """When the law deems a request received, if not the day it was sent.

    `electronic_delay_business_days`: email, fax and portal requests count as received that
    many business days after they are sent (Michigan: 1). `mail_delay_business_days`: a
    mailed request whose receipt date is unknown counts as received on that business day
    after posting (Texas: the 3rd); None leaves the app's stated assumption.
    """

    electronic_delay_business_days: int = 0
    mail_delay_business_days: int | None = None
    citation: str = ""
    note: str = ""

    @property
    def is_default(self) -> bool:
        return self.electronic_delay_business_days == 0 and self.mail_delay_business_days is None


DEFAULT_RECEIPT = ReceiptRule()


@dataclass(frozen=True)
class Appeal:
    route: str
    # False: no appeal to the agency or an administrative body, only a court (a "follow-up
    # after denial" letter then asks the agency to reconsider); None: not recorded.
    administrative: bool | None = None
    deadline_days: int | None = None
    deadline_day_type: DayType | None = None
    citation: str = ""
    note: str = ""
    # Who decides an administrative appeal when it is not the agency itself ("the Office of
    # Open Records"): the appeal letter is then made to that body, with a copy to the agency.
    body: str = ""

    @property
    def outside_body(self) -> str:
        """The body an appeal must be filed with, where that is not the agency ("": none)."""
        return self.body if self.administrative is True else ""


@dataclass(frozen=True)
class Provision:
    """A fee waiver or expedited-processing provision; `available` None: unsettled."""

    available: bool | None
    note: str = ""
    citation: str = ""


class Level(StrEnum):
    """The kind of agency a request goes to; facts say which levels they hold for."""

    FEDERAL = "federal"
    STATE = "state"
    LOCAL = "local"  # city, county, special district, school or university
    TRIBAL = "tribal"


FACT_TOPICS = (
    "scope",
    "requesters",
    "response",
    "later_clock",
    "extension",
    "receipt",
    "roll_forward",
    "holidays",
    "appeal",
    "fees",
    "fee_waiver",
    "expedited",
)


@dataclass(frozen=True)
class Fact:
    """One statement of law, with its pinpoint citation and the law's own words.

    `quote` is verbatim text read at `source` ("" where none could be read: `unread` says
    why). `applies_to` holds the agency levels it is true for (empty: all). A letter may put
    in quotation marks only text found in a fact's quote. Format: docs/jurisdiction-data.md.
    """

    id: str
    topic: str  # one of FACT_TOPICS
    statement: str
    citation: str
    source: str
    verified: date
    confidence: Confidence
    quote: str = ""
    unread: str = ""
    applies_to: tuple[Level, ...] = ()  # empty: every level
    records: str = ""  # the records or denials it is limited to, in plain words
    # letter kinds that also state the fact, beyond its topic's place: "appeal" (the letter
    # after a denial: Texas § 552.301/§ 552.302), "preservation" (a statute that forbids
    # disposing of a requested record: Florida § 119.07(1)(h))
    cited_in: tuple[str, ...] = ()
    unsettled: bool = False
    # topic-specific (see docs/jurisdiction-data.md)
    bases: tuple[str, ...] = ()  # requesters: classes of person, in the statute's words
    residents_only: bool | None = None  # requesters
    route: str = ""  # appeal: "administrative" or "court"
    body: str = ""  # appeal: who decides, where not the agency itself
    deadline_days: int | None = None  # appeal
    deadline_day_type: DayType | None = None  # appeal
    deadline_wording: str = ""  # appeal: the law's words where it sets no number
    decides: bool = True  # appeal: false where the body only mediates or advises
    filing: str = ""  # appeal: the law's name for the filing ("formal complaint"), in `quote`
    asks: str = ""  # appeal: what the letter asks the body to do ("issue an advisory opinion")
    encloses: tuple[str, ...] = ()  # appeal: what the filing must include, in the fact's words
    # appeal with `encloses`: who asks for the enclosures where the law read does not (the
    # Pennsylvania Office of Open Records' appeal instructions, not 65 P.S. § 67.1101(a)(1)):
    # the letter then never says "As the law requires"
    encloses_by: str = ""
    # appeal: what the user is told beside this route and never said to the agency, e.g. an
    # office that advises or mediates but decides nothing (Tennessee's Office of Open Records
    # Counsel, Virginia's FOI Advisory Council): advice for the requester, not law for the letter
    user_note: str = ""
    addressee: str = ""  # appeal: the officer who decides ("the head of the agency")
    # appeal (administrative): the time the law gives the deciding body to decide, counted
    # from its receipt of the appeal; the number is in `quote` or `decision_quote`.
    decision_days: int | None = None
    decision_day_type: DayType | None = None
    decision_wording: str = ""  # the law's words where it sets no number
    decision_citation: str = ""  # where the decision clock is set, if not `citation`
    decision_quote: str = ""  # the law's words setting it, where `quote` does not hold them
    decision_source: str = ""  # the URL `decision_quote` was read from (default `source`)
    # what day 0 of the decision clock is: "appeal" (the appeal's filing, as logged) or
    # "denial" (Washington: review deemed complete two business days after the denial)
    decision_counts_from: str = "appeal"
    # what the law counts the time to decide from, in its words ("the filing of the complaint",
    # "the receipt of such appeal"): said by `foia-assist law` and the tracker's explanation
    decision_from: str = ""
    alternative: bool = False  # appeal: taken instead of the routes before it, not after them
    no_response: bool = False  # appeal: open only where the agency failed to respond
    form: str = ""  # the form the law requires for the filing or request, in the law's words
    form_citation: str = ""  # where the form is required, if not `citation` (a regulation)
    # whether the filing or request must be on `form` is unsettled (New Jersey's request form
    # since 2024): the letter goes with the form without saying the law requires it
    form_unsettled: bool = False
    missed_deadline: bool = False  # a consequence of a missed deadline: stated in a follow-up
    available: bool | None = None  # fee_waiver, expedited
    clock: str = ""  # response, later_clock, extension: the clock's name
    # scope: a second act that governs `records` (Colorado: the Criminal Justice Records Act
    # for criminal justice records); letters then name it beside the main law.
    act: str = ""
    act_citation: str = ""
    # scope with `act`: what the second act sets as the time to answer a request, in plain
    # words ("sets no time for answering a request other than …"); the request and follow-up
    # say it, as the requester's understanding, after the main law's deadline
    act_response: str = ""
    # Pinpoints where `citation` names several parts and a sentence rests on one of them:
    # the part that sets an appeal's time to file (`deadline_days`/`deadline_wording`),
    # and the part a fee waiver or expedition is asked under (Utah: § 63G-2-203(4)).
    days_citation: str = ""
    grant_citation: str = ""
    # fee_waiver: the grounds the law gives, as the letter asks on them, with quotation marks
    # only around words of `quote` (Missouri: "… is in the public interest because …")
    grounds: str = ""
    # fee_waiver: what the requester must give or attach for the grounds to be met, told to the
    # user as a warning (Maryland: ability to pay, or an affidavit of indigency)
    grounds_note: str = ""
    # appeal: what the letter asks the agency itself for where it names this route, quoted
    # passages in the law's words (Colorado: the written statement of the grounds for denying a
    # criminal justice record, C.R.S. § 24-72-305(6))
    asks_agency: str = ""
    # extension: the words of `quote` that say by when notice of the extension must come
    # (Illinois § 3(d), Michigan MCL 15.235(2)); the late-extension message quotes this fact
    notice_timing: str = ""
    # response, extension: `quote` says a request not answered in time is denied (Illinois
    # § 3(d), Pennsylvania § 67.901); the late-extension message says so, citing the fact
    deemed_denial: bool = False

    def applies(self, level: Level | None) -> bool:
        """True where the fact holds for `level` (an unknown level: only facts for all)."""
        if not self.applies_to:
            return True
        return level is not None and level in self.applies_to

    @property
    def deadline_citation(self) -> str:
        """The section that sets the time to file an appeal (the whole citation if not given)."""
        return self.days_citation or self.citation

    @property
    def grant_pinpoint(self) -> str:
        """The section a fee waiver or expedition is asked under."""
        return self.grant_citation or self.citation

    @property
    def form_pinpoint(self) -> str:
        """The section that requires `form` (the whole citation if not given)."""
        return self.form_citation or self.citation

    @property
    def settled(self) -> bool:
        """Stated as law only when its words were read and the law is not unclear."""
        return bool(self.quote) and not self.unsettled


@dataclass(frozen=True)
class Jurisdiction:
    code: str  # two letters; "US" for federal FOIA
    name: str
    law_name: str
    short_name: str
    citation: str
    statute_url: str
    requesters: Requesters
    response: Clock
    roll_forward: RollForward
    holidays: HolidayRules
    appeal: Appeal
    fee_waiver: Provision
    expedited: Provision
    sources: tuple[str, ...]
    verified: date
    confidence: Confidence
    extension: Extension | None = None
    later_clocks: tuple[Clock, ...] = ()
    receipt: ReceiptRule = DEFAULT_RECEIPT
    notes: str = ""
    aliases: tuple[str, ...] = field(default=())
    facts: tuple[Fact, ...] = ()

    def facts_on(self, topic: str, level: Level | None = None) -> list[Fact]:
        """The facts on `topic` that hold for an agency of `level` (None: any level)."""
        return [f for f in self.facts if f.topic == topic and (level is None or f.applies(level))]

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def quoting(self, passage: str) -> Fact | None:
        """The fact whose `quote` holds `passage` verbatim (whitespace and quote marks
        normalised, any case): only such words may be put in quotation marks."""
        wanted = normalise_text(passage).casefold()
        if not wanted:
            return None
        return next(
            (f for f in self.facts if f.quote and wanted in normalise_text(f.quote).casefold()),
            None,
        )

    def clock_named(self, name: str) -> Clock | None:
        """The first clock or a later one, by its name."""
        return next((c for c in (self.response, *self.later_clocks) if c.name == name), None)

    @property
    def extended_clock(self) -> Clock:
        """The clock the law's extension lengthens: a later clock marked `takes_extension`
        (Alabama's substantive response), else the first clock."""
        return next((c for c in self.later_clocks if c.takes_extension), self.response)

    @property
    def is_federal(self) -> bool:
        return self.code == "US"

    @property
    def residents_only(self) -> bool | None:
        return self.requesters.residents_only


_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalise_text(text: str) -> str:
    """Whitespace collapsed, curly quotes and apostrophes made straight: for matching only."""
    return " ".join(text.translate(_STRAIGHT).split())


class UnknownJurisdictionError(LookupError):
    def __init__(self, query: str) -> None:
        super().__init__(
            f"unknown jurisdiction: {query!r} (use a two-letter code such as CA, or US)"
        )
        self.query = query


class JurisdictionSet:
    """All jurisdictions, looked up by code or full name, case-insensitively."""

    def __init__(self, jurisdictions: list[Jurisdiction]) -> None:
        self._by_code = {j.code.upper(): j for j in sorted(jurisdictions, key=lambda j: j.code)}
        self._by_name: dict[str, Jurisdiction] = {}
        for j in self._by_code.values():
            for key in (j.name, *j.aliases):
                self._by_name[_fold(key)] = j

    def __iter__(self) -> Iterator[Jurisdiction]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, query: object) -> bool:
        return isinstance(query, str) and self.find(query) is not None

    def codes(self) -> list[str]:
        return list(self._by_code)

    def find(self, query: str) -> Jurisdiction | None:
        q = query.strip()
        return self._by_code.get(q.upper()) or self._by_name.get(_fold(q))

    def get(self, query: str) -> Jurisdiction:
        found = self.find(query)
        if found is None:
            raise UnknownJurisdictionError(query)
        return found


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace(".", " ").split())
