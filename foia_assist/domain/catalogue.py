"""The FRT records catalogue: what to ask for, which vendors to name, which state laws apply.

Loaded from `resources/frt/*.toml` by `foia_assist.storage.catalogue_files`. Pure data plus
date arithmetic that takes the letter date as an argument.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class RangeKind(StrEnum):
    YEARS = "years"  # `value` years before the letter date
    MONTHS = "months"  # `value` months before the letter date
    SINCE = "since"  # from a fixed date
    ALL = "all"  # no limit: current and all past versions


@dataclass(frozen=True)
class DefaultRange:
    kind: RangeKind
    value: int | None = None
    since: date | None = None

    def start(self, letter_date: date) -> date | None:
        """The first day of the range for a letter dated `letter_date`; None means no limit."""
        if self.kind is RangeKind.ALL:
            return None
        if self.kind is RangeKind.SINCE:
            return self.since
        assert self.value is not None
        months = self.value * 12 if self.kind is RangeKind.YEARS else self.value
        return months_before(letter_date, months)


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier, clamped to the month's end (29 Feb -> 28 Feb)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    explanation: str  # plain words for the requester
    wording: str  # the numbered item's text in the letter
    default_range: DefaultRange
    tip: str
    exemptions: tuple[str, ...]
    sources: tuple[str, ...]
    vendor_dates: bool = False  # start no later than the chosen vendors' `since` dates
    uses_search_terms: bool = False  # the item lists search terms and custodians


@dataclass(frozen=True)
class Vendor:
    id: str
    name: str
    products: tuple[str, ...]
    domains: tuple[str, ...]  # seen in public code; search terms, not contacts
    sources: tuple[str, ...]
    since: date | None = None  # ask from this date (Clearview: 2018-01-01)
    note: str = ""
    terms: tuple[str, ...] = ()  # email search words; default: the name and products

    def search_terms(self) -> tuple[str, ...]:
        words = self.terms or (self.name, *self.products)
        return (*words, *(f"@{d}" for d in self.domains))

    def label(self) -> str:
        return f"{self.name} ({', '.join(self.products)})" if self.products else self.name


@dataclass(frozen=True)
class SharedSystem:
    id: str
    name: str
    jurisdictions: tuple[str, ...]  # empty: named in every letter
    sources: tuple[str, ...]
    note: str = ""

    def applies_to(self, code: str) -> bool:
        return not self.jurisdictions or code.upper() in self.jurisdictions


@dataclass(frozen=True)
class StateLaw:
    """A state law on police FRT that creates records (reports, logs, notices)."""

    jurisdiction: str
    name: str
    citation: str
    records: tuple[str, ...]  # plain words, each with its subsection where known
    wording: str  # the numbered item's text in the letter
    sources: tuple[str, ...]
    verified: date
    verify_note: str  # shown to the requester: check the current text
    # The section was amended or expired lately and its current text was not read: letters
    # say what it "has required" (the records made under it still exist), not "requires".
    text_changed: bool = False
    # The agency levels ("state", "local") the law reaches; empty: every state and local
    # agency. Virginia's Va. Code § 15.2-1723.2 reaches local law-enforcement agencies only.
    levels: tuple[str, ...] = ()
    levels_note: str = ""  # told to the user when the agency is of another (or no) level
    # Words in an agency's name that mark a kind of agency of a reached level that another
    # section governs (Virginia: campus police, "local" in this app, fall under
    # § 23.1-815.1, not § 15.2-1723.2; review-pass-11 F10), and the note told the user.
    not_for_names: tuple[str, ...] = ()
    not_for_note: str = ""
    # The version of the section whose words the records list rests on, where the current
    # text was not read ("marked effective until July 1, 2026"): the letter names it.
    version: str = ""

    def reaches(self, level: str | None) -> bool:
        """Whether a letter to an agency of this level may cite the law; an unknown level
        (None) is given the benefit of the doubt, with a warning from the letter."""
        return not self.levels or level is None or level in self.levels

    def reach(self) -> str:
        """The kinds of agency it reaches, in words ("local agencies")."""
        return " and ".join(f"{x} agencies" for x in self.levels)

    def not_for(self, agency_name: str) -> bool:
        """The agency's name marks it as a kind another section governs (`not_for_names`)."""
        words = re.findall(r"[a-z]+", agency_name.casefold())
        return any(w in words for w in self.not_for_names)


@dataclass(frozen=True)
class Definition:
    text: str  # the broad FRT definition printed in every request
    exclusions: str  # what the request leaves out (probe images, names, footage)
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    definition: Definition
    categories: tuple[Category, ...]
    vendors: tuple[Vendor, ...]
    shared_systems: tuple[SharedSystem, ...]
    state_laws: tuple[StateLaw, ...]
    default_search_terms: tuple[str, ...]
    default_custodians: tuple[str, ...]
    verified: date

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def vendor(self, vendor_id: str) -> Vendor | None:
        key = vendor_id.strip().casefold()
        return next(
            (v for v in self.vendors if v.id == key or v.name.casefold() == key),
            None,
        )

    def state_law(self, code: str) -> StateLaw | None:
        return next((law for law in self.state_laws if law.jurisdiction == code.upper()), None)

    def shared_systems_for(self, code: str) -> tuple[SharedSystem, ...]:
        return tuple(s for s in self.shared_systems if s.applies_to(code))

    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)
