"""Load and validate the jurisdiction rule files in `resources/jurisdictions/`.

Each file is TOML (format in `docs/jurisdiction-data.md`). A problem is reported
as `RuleFileError` naming the file and the dotted field, never as a traceback.

Over 400 lines as one thing: the reader of one file format, one function per section.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from foia_assist.domain.appeal_clocks import APPEAL, APPEAL_DECISION
from foia_assist.domain.jurisdictions import (
    DEFAULT_RECEIPT,
    FACT_TOPICS,
    HOLIDAY_YEARS,
    OBSERVED_RULES,
    WEEKDAYS,
    Appeal,
    Clock,
    ClockAction,
    Confidence,
    CountsFrom,
    DayType,
    Extension,
    Fact,
    FixedHoliday,
    HolidayRules,
    Jurisdiction,
    JurisdictionSet,
    Level,
    MetBy,
    Provision,
    ReceiptRule,
    Requesters,
    RollForward,
    normalise_text,
)
from foia_assist.domain.typed_fields import TypedFields

T = TypeVar("T")


class RuleFileError(ValueError):
    def __init__(self, file: Path | str, field: str, problem: str) -> None:
        name = Path(file).name
        super().__init__(f"{name}: field '{field}': {problem}")
        self.file = str(file)
        self.field = field
        self.problem = problem


class _Reader(TypedFields):
    """Typed access to one TOML table of a rule file."""

    def __init__(self, file: Path, data: Mapping[str, Any], prefix: str = "") -> None:
        super().__init__(data, prefix)
        self.file = file

    def error(self, field: str, problem: str) -> RuleFileError:
        return RuleFileError(self.file, field, problem)

    def _get(self, key: str, kind: type[T] | tuple[type, ...], required: bool) -> Any:
        if key not in self.data:
            return self.take(key, required)
        value = self.take(key)
        # bool is an int subclass; never accept it for a number
        if isinstance(value, bool) and kind is int:
            raise self.fail(key, f"expected a whole number, got {value!r}")
        if not isinstance(value, kind):
            raise self.fail(key, f"expected {_kind_name(kind)}, got {type(value).__name__}")
        return value

    def text(self, key: str, required: bool = True, nonempty: bool = True) -> str:
        value = self._get(key, str, required)
        if value is None:
            return ""
        if required and nonempty and not value.strip():
            raise self.fail(key, "must not be empty")
        return str(value).strip()

    def integer(self, key: str, minimum: int = 0) -> int | None:
        value = self._get(key, int, False)
        if value is not None and value < minimum:
            raise self.fail(key, f"must be at least {minimum}")
        return value  # type: ignore[no-any-return]

    def boolean(self, key: str) -> bool | None:
        return self._get(key, bool, False)  # type: ignore[no-any-return]

    def day(self, key: str) -> date:
        value = self._get(key, date, True)
        return value  # type: ignore[no-any-return]

    def strings(self, key: str, required: bool = False) -> tuple[str, ...]:
        value = self._get(key, list, required) or []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{key}[{i}]", "expected non-empty text")
            out.append(item.strip())
        if required and not out:
            raise self.fail(key, "must list at least one entry")
        return tuple(out)

    def choice(self, key: str, enum: Callable[[str], T], required: bool = True) -> T | None:
        value = self._get(key, str, required)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in enum)  # type: ignore[attr-defined]
            raise self.fail(key, f"{value!r} is not one of: {allowed}") from None

    def table(self, key: str, required: bool = True) -> _Reader | None:
        value = self._get(key, dict, required)
        if value is None:
            return None
        return _Reader(self.file, value, f"{self.prefix}{key}.")

    def tables(self, key: str) -> list[_Reader]:
        value = self._get(key, list, False) or []
        readers = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(f"{key}[{i}]", "expected a table")
            readers.append(_Reader(self.file, item, f"{self.prefix}{key}[{i}]."))
        return readers


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "text",
        int: "a whole number",
        bool: "true or false",
        date: "a date (YYYY-MM-DD)",
        list: "a list",
        dict: "a table",
    }
    if isinstance(kind, tuple):
        return " or ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)


def _clock(r: _Reader, *, later: bool = False) -> Clock:
    days = r.integer("days", minimum=1)
    day_type = r.choice("day_type", DayType, required=False)
    wording = r.text("wording", required=False)
    if (days is None) != (day_type is None):
        raise r.fail(
            "day_type" if days is not None else "days",
            "days and day_type go together: give both or neither",
        )
    if days is None and not wording:
        raise r.fail("wording", "a clock without days must quote the statute's wording")
    clock = Clock(
        days=days,
        day_type=day_type,
        action=r.choice("action", ClockAction),  # type: ignore[arg-type]
        summary=r.text("summary"),
        citation=r.text("citation"),
        starts=r.text("starts", required=False) or "receipt",
        wording=wording,
        name=r.text("name", required=False) or "Response",
    )
    if later:
        clock = _tracking_terms(r, clock)
    r.check_unknown()
    return clock


def _tracking_terms(r: _Reader, clock: Clock) -> Clock:
    """A later clock's `counts_from` and `met_by`: both or neither, and only with days."""
    counts_from = r.choice("counts_from", CountsFrom, required=False)
    met_by = tuple(MetBy(m) for m in _choices(r, "met_by", MetBy))
    if (counts_from is None) != (not met_by):
        raise r.fail(
            "met_by" if counts_from is not None else "counts_from",
            "counts_from and met_by go together: give both or neither",
        )
    if counts_from is not None and not clock.fixed:
        raise r.fail("counts_from", "only a clock with days and day_type can be tracked")
    takes_extension = bool(r.boolean("takes_extension"))
    if takes_extension and counts_from is None:
        raise r.fail("takes_extension", "only a tracked clock (with counts_from) takes one")
    return replace(clock, counts_from=counts_from, met_by=met_by, takes_extension=takes_extension)


def _choices(r: _Reader, key: str, enum: type[MetBy]) -> tuple[str, ...]:
    values = r.strings(key)
    allowed = {m.value for m in enum}
    for i, value in enumerate(values):
        if value not in allowed:
            raise r.fail(f"{key}[{i}]", f"{value!r} is not one of: {', '.join(sorted(allowed))}")
    return values


def _extension(r: _Reader) -> Extension:
    days = r.integer("days", minimum=1)
    day_type = r.choice("day_type", DayType, required=False)
    if days is not None and day_type is None:
        raise r.fail("day_type", "needed when days is given")
    ext = Extension(
        days=days,
        day_type=day_type,
        conditions=r.text("conditions"),
        citation=r.text("citation"),
        notice_within_period=bool(r.boolean("notice_within_period")),
    )
    r.check_unknown()
    return ext


def _added_holiday(t: _Reader) -> FixedHoliday:
    month = t.integer("month", minimum=1)
    day = t.integer("day", minimum=1)
    weekday_name = t.text("weekday", required=False)
    nth = t._get("nth", int, False)
    easter = t._get("easter_offset", int, False)
    offset = t._get("offset_days", int, False) or 0
    observed = t.boolean("observed")
    years = t.text("years", required=False) or "all"
    if years not in HOLIDAY_YEARS:
        raise t.fail("years", f"{years!r} is not one of: {', '.join(HOLIDAY_YEARS)}")
    if month is not None and month > 12:
        raise t.fail("month", "must be 1 to 12")
    if day is not None and day > 31:
        raise t.fail("day", "must be 1 to 31")
    weekday = None
    if weekday_name:
        if weekday_name.casefold() not in WEEKDAYS:
            raise t.fail("weekday", f"{weekday_name!r} is not a day of the week")
        weekday = WEEKDAYS.index(weekday_name.casefold())
    rules_given = sum(
        [month is not None and day is not None, weekday is not None, easter is not None]
    )
    if rules_given != 1:
        raise t.fail(
            "name",
            "give exactly one rule: month + day, or month + weekday + nth, or easter_offset",
        )
    if weekday is not None and (month is None or nth is None or nth == 0 or not -5 <= nth <= 5):
        raise t.fail("nth", "a weekday rule needs month and nth (1 to 5, or -1 for the last)")
    holiday = FixedHoliday(
        name=t.text("name"),
        month=month,
        day=day,
        observed=True if observed is None else observed,
        weekday=weekday,
        nth=nth,
        easter_offset=easter,
        offset_days=offset,
        years=years,
    )
    t.check_unknown()
    return holiday


def _holidays(r: _Reader) -> HolidayRules:
    added = [_added_holiday(t) for t in r.tables("add")]
    observed = r.boolean("observed")
    observed_rule = r.text("observed_rule", required=False) or None
    if observed_rule is not None and observed_rule not in OBSERVED_RULES:
        raise r.fail(
            "observed_rule", f"{observed_rule!r} is not one of: {', '.join(OBSERVED_RULES)}"
        )
    rules = HolidayRules(
        country=r.text("country", required=False) or "US",
        subdiv=r.text("subdiv", required=False) or None,
        observed=True if observed is None else observed,
        observed_rule=observed_rule,
        remove=r.strings("remove"),
        add=tuple(added),
        citation=r.text("citation"),
        source=r.text("source"),
        note=r.text("note", required=False),
        verified=r._get("verified", date, False),
    )
    r.check_unknown()
    return rules


def _provision(r: _Reader) -> Provision:
    p = Provision(
        available=r.boolean("available"),
        note=r.text("note", required=False),
        citation=r.text("citation", required=False),
    )
    r.check_unknown()
    return p


def parse_jurisdiction(file: Path, data: Mapping[str, Any]) -> Jurisdiction:
    r = _Reader(file, data)
    code = r.text("code")
    if code != file.stem:
        raise r.fail("code", f"{code!r} does not match the file name {file.name!r}")
    if len(code) != 2 or not code.isalpha() or not code.isupper():
        raise r.fail("code", "must be two capital letters")

    req = r.table("requesters")
    assert req is not None
    requesters = Requesters(
        residents_only=req.boolean("residents_only"),
        note=req.text("note"),
        citation=req.text("citation", required=False),
    )
    req.check_unknown()

    response_r = r.table("response")
    assert response_r is not None
    response = _clock(response_r)

    ext_r = r.table("extension", required=False)
    receipt_r = r.table("receipt", required=False)
    receipt = DEFAULT_RECEIPT
    if receipt_r is not None:
        receipt = ReceiptRule(
            electronic_delay_business_days=receipt_r.integer(
                "electronic_delay_business_days", minimum=0
            )
            or 0,
            mail_delay_business_days=receipt_r.integer("mail_delay_business_days", minimum=0),
            citation=receipt_r.text("citation"),
            note=receipt_r.text("note", required=False),
        )
        receipt_r.check_unknown()
    later = tuple(_clock(t, later=True) for t in r.tables("later_clocks"))
    names = [c.name for c in later]
    for i, name in enumerate(names):
        if name in names[:i] or name in (response.name, APPEAL, APPEAL_DECISION):
            raise r.fail(f"later_clocks[{i}].name", f"{name!r} is used by another clock")
    extended = [i for i, c in enumerate(later) if c.takes_extension]
    if len(extended) > 1:  # the law has one [extension]: it lengthens one clock
        raise r.fail(f"later_clocks[{extended[1]}].takes_extension", "only one clock can take it")

    roll_r = r.table("roll_forward")
    assert roll_r is not None
    roll = RollForward(
        applies=roll_r.boolean("applies"),
        citation=roll_r.text("citation", required=False),
        note=roll_r.text("note", required=False),
    )
    roll_r.check_unknown()
    if response.day_type is DayType.CALENDAR and roll.applies is None and not roll.note:
        raise roll_r.fail("note", "a calendar-day law with no known roll-forward rule must say so")

    hol_r = r.table("holidays")
    assert hol_r is not None
    appeal_r = r.table("appeal")
    assert appeal_r is not None
    appeal = Appeal(
        route=appeal_r.text("route"),
        administrative=appeal_r.boolean("administrative"),
        deadline_days=appeal_r.integer("deadline_days", minimum=1),
        deadline_day_type=appeal_r.choice("deadline_day_type", DayType, required=False),
        citation=appeal_r.text("citation", required=False),
        note=appeal_r.text("note", required=False),
        body=appeal_r.text("body", required=False),
    )
    if appeal.deadline_days is not None and appeal.deadline_day_type is None:
        raise appeal_r.fail("deadline_day_type", "needed when deadline_days is given")
    appeal_r.check_unknown()

    fee_r = r.table("fee_waiver")
    exp_r = r.table("expedited")
    assert fee_r is not None and exp_r is not None

    verified = r.day("verified")
    j = Jurisdiction(
        code=code,
        name=r.text("name"),
        law_name=r.text("law_name"),
        short_name=r.text("short_name"),
        citation=r.text("citation"),
        statute_url=r.text("statute_url"),
        requesters=requesters,
        response=response,
        extension=_extension(ext_r) if ext_r else None,
        later_clocks=later,
        receipt=receipt,
        roll_forward=roll,
        holidays=_holidays(hol_r),
        appeal=appeal,
        fee_waiver=_provision(fee_r),
        expedited=_provision(exp_r),
        sources=r.strings("sources", required=True),
        verified=verified,
        confidence=r.choice("confidence", Confidence),  # type: ignore[arg-type]
        notes=r.text("notes", required=False),
        aliases=r.strings("aliases"),
        facts=_facts(r),
    )
    r.check_unknown()
    return j


_FACT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _facts(r: _Reader) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    seen: set[str] = set()
    for fr in r.tables("facts"):
        fact_id = fr.text("id")
        if not _FACT_ID.match(fact_id):
            raise fr.fail("id", f"{fact_id!r}: use lowercase letters, digits and dashes")
        if fact_id in seen:
            raise fr.fail("id", f"{fact_id!r} is used twice")
        seen.add(fact_id)
        topic = fr.text("topic")
        if topic not in FACT_TOPICS:
            raise fr.fail("topic", f"{topic!r} is not one of: {', '.join(FACT_TOPICS)}")
        quote = fr.text("quote", required=False)
        unread = fr.text("unread", required=False)
        if not quote and not unread:
            raise fr.fail("unread", "say why no text could be read, or give the quote")
        levels = fr.strings("applies_to")
        applies_to: tuple[Level, ...] = ()
        if levels and levels != ("all",):
            try:
                applies_to = tuple(Level(v) for v in levels)
            except ValueError:
                allowed = "all, " + ", ".join(m.value for m in Level)
                raise fr.fail("applies_to", f"{levels!r}: each one of {allowed}") from None
        bases = fr.strings("bases")
        for i, basis in enumerate(bases):
            if basis.casefold() not in " ".join(quote.split()).casefold():
                raise fr.fail(f"bases[{i}]", f"{basis!r} is not in the quote (the law's words)")
        route = fr.text("route", required=False)
        if route not in ("", "administrative", "court"):
            raise fr.fail("route", f"{route!r} is not one of: administrative, court")
        if topic == "appeal" and not route:
            raise fr.fail("route", "missing (administrative or court)")
        deadline_days = fr.integer("deadline_days", minimum=1)
        deadline_day_type = fr.choice("deadline_day_type", DayType, required=False)
        if (deadline_days is None) != (deadline_day_type is None):
            raise fr.fail("deadline_day_type", "deadline_days and deadline_day_type go together")
        appeal_keys = _appeal_keys(fr, topic, quote)
        decision_keys = _decision_keys(fr, topic, route, quote)
        act_keys = _act_keys(fr, topic)
        pinpoints = _pinpoints(fr, topic, deadline_days is not None)
        grounds = _grounds(fr, topic, quote)
        asks_agency = fr.text("asks_agency", required=False)
        if asks_agency:
            if topic != "appeal":
                raise fr.fail("asks_agency", "is for appeal facts")
            _check_quoted(fr, "asks_agency", asks_agency, quote)
        grounds_note = fr.text("grounds_note", required=False)
        if grounds_note and topic != "fee_waiver":
            raise fr.fail("grounds_note", "is for fee_waiver facts")
        timing = _notice_timing(fr, topic, quote)
        facts.append(
            Fact(
                id=fact_id,
                topic=topic,
                statement=fr.text("statement"),
                citation=fr.text("citation"),
                source=fr.text("source"),
                verified=fr.day("verified"),
                confidence=fr.choice("confidence", Confidence),  # type: ignore[arg-type]
                quote=quote,
                unread=unread,
                applies_to=applies_to,
                records=fr.text("records", required=False),
                cited_in=_cited_in(fr, quote),
                unsettled=bool(fr.boolean("unsettled")),
                bases=bases,
                residents_only=fr.boolean("residents_only"),
                route=route,
                body=fr.text("body", required=False),
                deadline_days=deadline_days,
                deadline_day_type=deadline_day_type,
                deadline_wording=fr.text("deadline_wording", required=False),
                available=fr.boolean("available"),
                clock=fr.text("clock", required=False),
                **appeal_keys,
                **decision_keys,
                **act_keys,
                **pinpoints,
                grounds=grounds,
                grounds_note=grounds_note,
                asks_agency=asks_agency,
                **timing,
            )
        )
        fr.check_unknown()
    return tuple(facts)


def _notice_timing(fr: _Reader, topic: str, quote: str) -> dict[str, Any]:
    """`notice_timing` (extension facts: the words of `quote` that say by when notice of an
    extension must come) and `deemed_denial` (response or extension facts whose `quote` says
    a request not answered in time is denied), each checked against the fact's own words:
    the late-extension message quotes them (docs/jurisdiction-data.md)."""
    words = " ".join(quote.split()).casefold()
    timing = fr.text("notice_timing", required=False)
    if timing:
        if topic != "extension":
            raise fr.fail("notice_timing", "is for extension facts")
        if " ".join(timing.split()).casefold() not in words:
            raise fr.fail("notice_timing", f"{timing!r} is not in the quote (the law's words)")
    denial = fr.boolean("deemed_denial")
    if denial:
        if topic not in ("response", "extension"):
            raise fr.fail("deemed_denial", "is for response and extension facts")
        if "denial" not in words and "denied" not in words:
            raise fr.fail("deemed_denial", "the quote does not say the request is denied")
    return {"notice_timing": timing, "deemed_denial": bool(denial)}


# Letter kinds a fact may be named in beyond its topic's place (`cited_in`).
_CITED_IN = ("appeal", "preservation")


def _cited_in(fr: _Reader, quote: str) -> tuple[str, ...]:
    """`cited_in` of a fact: letter kinds that also state it. Only a fact whose words were
    read can be given to the agency (docs/jurisdiction-data.md)."""
    kinds = fr.strings("cited_in")
    for i, kind in enumerate(kinds):
        if kind not in _CITED_IN:
            raise fr.fail(f"cited_in[{i}]", f"{kind!r} is not one of {', '.join(_CITED_IN)}")
    if kinds and not quote:
        raise fr.fail("cited_in", "needs the law's words in quote")
    return kinds


def _appeal_keys(fr: _Reader, topic: str, quote: str) -> dict[str, Any]:
    """`decides`, `filing`, `asks`, `encloses`, `addressee` of an appeal fact, each checked
    against the fact's own words (docs/jurisdiction-data.md)."""
    words = " ".join(quote.split()).casefold()
    said = words + " " + " ".join(fr.text("statement").split()).casefold()
    decides = fr.boolean("decides")
    filing = fr.text("filing", required=False)
    asks = fr.text("asks", required=False)
    encloses = fr.strings("encloses")
    addressee = fr.text("addressee", required=False)
    user_note = fr.text("user_note", required=False)
    if user_note and topic != "appeal":
        raise fr.fail("user_note", "is for appeal facts")
    encloses_by = fr.text("encloses_by", required=False)
    if encloses_by and not encloses:
        raise fr.fail("encloses_by", "says who asks for the enclosures (encloses)")
    alternative = fr.boolean("alternative")
    no_response = fr.boolean("no_response")
    given = decides is not None or filing or asks or encloses or addressee
    if (given or alternative is not None or no_response is not None) and topic != "appeal":
        raise fr.fail(
            "topic",
            "decides, filing, asks, encloses, addressee, alternative and no_response are for "
            "appeal facts",
        )
    if filing and filing.casefold() not in words:
        raise fr.fail("filing", f"{filing!r} is not in the quote (the law's name for it)")
    if decides is False and not asks:
        raise fr.fail("asks", "say what the body can be asked to do, since it does not decide")
    for i, item in enumerate(encloses):
        if " ".join(item.split()).casefold() not in said:
            raise fr.fail(f"encloses[{i}]", f"{item!r} is not in the quote or the statement")
    if addressee and addressee.casefold() not in said:
        raise fr.fail("addressee", f"{addressee!r} is not in the quote or the statement")
    form = fr.text("form", required=False)
    if form and " ".join(form.split()).casefold() not in said:
        raise fr.fail("form", f"{form!r} is not in the quote or the statement (the law's name)")
    if form and topic not in _FORM_TOPICS:
        raise fr.fail("form", f"is for facts on {', '.join(_FORM_TOPICS)}")
    form_citation = fr.text("form_citation", required=False)
    if form_citation and not form:
        raise fr.fail("form_citation", "is where the law requires the form (form)")
    form_unsettled = fr.boolean("form_unsettled")
    if form_unsettled is not None and not form:
        raise fr.fail("form_unsettled", "says whether the form (form) is required")
    missed = fr.boolean("missed_deadline")
    if missed and not quote:
        # A follow-up states a consequence of a missed deadline only in the law's own words.
        raise fr.fail("missed_deadline", "needs the law's words in quote")
    return {
        "decides": decides is not False,
        "filing": filing,
        "asks": asks,
        "encloses": encloses,
        "encloses_by": encloses_by,
        "user_note": user_note,
        "addressee": addressee,
        "alternative": bool(alternative),
        "no_response": bool(no_response),
        "form": form,
        "form_citation": form_citation,
        "form_unsettled": bool(form_unsettled),
        "missed_deadline": bool(missed),
    }


_UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = (
    "_",
    "_",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
)


def number_words(n: int) -> str:
    """1..999 in words as statutes write them ("twenty", "forty-five", "one hundred eighty")."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")


def says_number(words: str, n: int) -> bool:
    """`words` (normalised, casefolded) state the number `n`, in digits or in words."""
    spelled = number_words(n)
    forms = "|".join(re.escape(f) for f in (str(n), spelled, spelled.replace("-", " ")))
    pattern = rf"(?<![\w-])(?:{forms})(?![\w-])"
    return re.search(pattern, words) is not None


def _decision_keys(fr: _Reader, topic: str, route: str, quote: str) -> dict[str, Any]:
    """The time the law gives the deciding body to decide an administrative appeal: the
    number (or the words) must be in the fact's own `quote` or in `decision_quote`, the law's
    words read for it (docs/jurisdiction-data.md)."""
    days = fr.integer("decision_days", minimum=1)
    day_type = fr.choice("decision_day_type", DayType, required=False)
    wording = fr.text("decision_wording", required=False)
    citation = fr.text("decision_citation", required=False)
    extra = fr.text("decision_quote", required=False)
    source = fr.text("decision_source", required=False)
    counts_from = fr.text("decision_counts_from", required=False)
    start = fr.text("decision_from", required=False)
    given = (
        days is not None or day_type is not None or wording or citation or extra or source
    ) or (counts_from or start)
    if not given:
        return {}
    if topic != "appeal" or route != "administrative":
        raise fr.fail("decision_days", "a time to decide is for administrative appeal facts")
    if source and not extra:
        raise fr.fail("decision_source", "is the source of decision_quote, which is missing")
    if (days is None) != (day_type is None):
        raise fr.fail("decision_day_type", "decision_days and decision_day_type go together")
    if days is None and not wording:
        raise fr.fail("decision_days", "give decision_days or decision_wording")
    if days is not None and wording:
        raise fr.fail("decision_wording", "only where the law sets no number (decision_days)")
    if counts_from not in ("", "appeal", "denial"):
        raise fr.fail("decision_counts_from", f"{counts_from!r} is not one of: appeal, denial")
    words = " ".join(f"{quote} {extra}".split()).casefold()
    if days is not None and not says_number(words, days):
        raise fr.fail(
            "decision_days", f"{days} is not in the quote or decision_quote (the law's words)"
        )
    if wording and " ".join(wording.split()).casefold() not in words:
        raise fr.fail("decision_wording", f"{wording!r} is not in the quote or decision_quote")
    if start and " ".join(start.split()).casefold() not in words:
        raise fr.fail("decision_from", f"{start!r} is not in the quote or decision_quote")
    if start and counts_from == "denial":
        raise fr.fail("decision_from", "the time runs from the denial (decision_counts_from)")
    return {
        "decision_days": days,
        "decision_day_type": day_type,
        "decision_wording": wording,
        "decision_citation": citation,
        "decision_quote": extra,
        "decision_source": source,
        "decision_counts_from": counts_from or "appeal",
        "decision_from": start,
    }


def _act_keys(fr: _Reader, topic: str) -> dict[str, Any]:
    """`act` and `act_citation` of a scope fact: a second act that governs the fact's
    `records` (docs/jurisdiction-data.md)."""
    act = fr.text("act", required=False)
    act_citation = fr.text("act_citation", required=False)
    act_response = fr.text("act_response", required=False)
    if act_response and not act:
        raise fr.fail("act_response", "is for a scope fact naming a second act (act)")
    if not act and not act_citation:
        return {}
    if topic != "scope":
        raise fr.fail("act", "a second act is named on a scope fact")
    if not act or not act_citation:
        raise fr.fail("act_citation" if act else "act", "act and act_citation go together")
    if not fr.text("records", required=False):
        raise fr.fail("records", "say which records the act governs (records)")
    return {"act": act, "act_citation": act_citation, "act_response": act_response}


def _pinpoints(fr: _Reader, topic: str, has_days: bool) -> dict[str, Any]:
    """`days_citation` (appeal facts with a deadline to file) and `grant_citation` (fee waiver
    and expedited facts): the part of `citation` a sentence rests on."""
    days = fr.text("days_citation", required=False)
    grant = fr.text("grant_citation", required=False)
    whole = " ".join(fr.text("citation").split())
    has_deadline = has_days or bool(fr.text("deadline_wording", required=False))
    if days and (topic != "appeal" or not has_deadline):
        raise fr.fail("days_citation", "is for appeal facts with a deadline to file")
    if grant and topic not in ("fee_waiver", "expedited"):
        raise fr.fail("grant_citation", "is for fee_waiver and expedited facts")
    for key, value in (("days_citation", days), ("grant_citation", grant)):
        # A pinpoint narrows the citation: the part must be in it, title and all.
        if value and " ".join(value.split()) not in whole:
            raise fr.fail(key, f"{value!r} is not part of the citation {whole!r}")
    return {"days_citation": days, "grant_citation": grant}


_QUOTED = re.compile(r'"([^"]+)"|\u201c([^\u201d]+)\u201d')


def _grounds(fr: _Reader, topic: str, quote: str) -> str:
    """`grounds` of a fee_waiver fact: what the letter says to ask on the law's grounds. Every
    passage in quotation marks must be in the fact's `quote`; at least one must be there."""
    grounds = fr.text("grounds", required=False)
    if not grounds:
        return ""
    if topic != "fee_waiver":
        raise fr.fail("grounds", "is for fee_waiver facts")
    _check_quoted(fr, "grounds", grounds, quote)
    return grounds


def _check_quoted(fr: _Reader, key: str, text: str, quote: str) -> None:
    """At least one passage of `text` is in quotation marks, and each one is in `quote`."""
    passages = [a or b for a, b in _QUOTED.findall(text)]
    if not passages:
        raise fr.fail(key, "put the law's words in quotation marks")
    words = normalise_text(quote).casefold()
    for passage in passages:
        if normalise_text(passage).casefold() not in words:
            raise fr.fail(key, f"{passage!r} is not in the quote (the law's words)")


# Facts that may name a form the law requires: an appeal's filing, or the request itself.
_FORM_TOPICS = ("appeal", "requesters", "response")


def load_jurisdiction_file(file: Path) -> Jurisdiction:
    try:
        with open(file, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(file, "(syntax)", str(exc)) from None
    except OSError as exc:
        raise RuleFileError(file, "(file)", exc.strerror or str(exc)) from None
    return parse_jurisdiction(file, data)


def load_jurisdictions(folder: Path) -> JurisdictionSet:
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise RuleFileError(folder, "(folder)", "no jurisdiction files found")
    return JurisdictionSet([load_jurisdiction_file(f) for f in files])
