"""The contact book: the directory's agencies with the contacts users found for them.

The directory ships no emails or addresses (the FBI list has none), so users supply them:
email, mailing address, portal, records officer, with where they found them and when. They
live in the address book table (`AgenciesRepository`), tied to the directory by its id, and
are reused by every later request, the CLI, the window and bulk export. A contact is never
overwritten without asking: `set_contact` raises `ContactConflict` naming the fields that
differ unless `replace=True`, and a CSV import reports conflicts instead of applying them.
Agencies the directory does not list can be added as the user's own ("own-<n>").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from datetime import date
from functools import cached_property
from typing import Any

from foia_assist.domain.agency_directory import AgencyType, DirectoryAgency, clean_text
from foia_assist.domain.agency_search import AgencyIndex, normalise
from foia_assist.domain.jurisdictions import JurisdictionSet, Level
from foia_assist.domain.request import Agency, is_valid_email, is_valid_url
from foia_assist.domain.text_rules import has_control_characters
from foia_assist.errors import UserError
from foia_assist.services.agency_directory import AgencyDirectory
from foia_assist.storage.agencies_repo import AgenciesRepository, AgencyDetails, StoredAgency

OWN_PREFIX = "own-"
TYPE_LEVEL = {
    AgencyType.CITY: Level.LOCAL,
    AgencyType.COUNTY: Level.LOCAL,
    AgencyType.UNIVERSITY: Level.LOCAL,
    AgencyType.OTHER: Level.LOCAL,
    AgencyType.STATE: Level.STATE,
    AgencyType.TRIBAL: Level.TRIBAL,
    AgencyType.FEDERAL: Level.FEDERAL,
}
CONTACT_FIELDS = ("email", "address", "portal_url", "records_officer", "source", "checked")
MAX_CELL = 2000
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Contact:
    email: str = ""
    address: str = ""
    portal_url: str = ""
    records_officer: str = ""
    source: str = ""  # where the user found it (a page, a phone call, a letterhead)
    checked: str = ""  # when (ISO date)

    def is_empty(self) -> bool:
        return not (self.email or self.address or self.portal_url or self.records_officer)

    def sends(self) -> bool:
        """A letter can go somewhere: an email, a mailing address or a portal."""
        return bool(self.email or self.address or self.portal_url)

    def problem(self) -> str:
        for name in CONTACT_FIELDS:
            value = getattr(self, name)
            if len(value) > MAX_CELL:
                return f"{name} is longer than {MAX_CELL} characters"
            if has_control_characters(value, allow="\n\t"):
                return f"{name} contains control characters"
        if self.email and not is_valid_email(self.email):
            return f"malformed email {self.email!r}"
        if self.portal_url and not is_valid_url(self.portal_url):
            return f"portal {self.portal_url!r} is not an http(s) address"
        if self.checked:
            try:
                if not _ISO.match(self.checked):
                    raise ValueError
                date.fromisoformat(self.checked)
            except ValueError:
                return f"date found {self.checked!r} is not a date (YYYY-MM-DD)"
        return ""

    def check(self) -> Contact:
        problem = self.problem()
        if problem:
            raise UserError(problem)
        return self

    def merged_over(self, old: Contact) -> Contact:
        """This contact's filled fields over `old`'s (an empty cell erases nothing)."""
        return Contact(*(getattr(self, f) or getattr(old, f) for f in CONTACT_FIELDS))

    def conflicts_with(self, old: Contact) -> list[str]:
        """The contact fields both fill, differently (where and when are not conflicts)."""
        return [
            f
            for f in CONTACT_FIELDS[:4]
            if getattr(self, f) and getattr(old, f) and getattr(self, f) != getattr(old, f)
        ]


def _contact_of(stored: StoredAgency) -> Contact:
    a, d = stored.agency, stored.details
    return Contact(
        a.email, a.address, a.portal_url, a.records_officer, d.contact_source, d.contact_checked
    )


class ContactConflict(UserError):
    def __init__(self, agency: AgencyEntry, fields: list[str], new: Contact) -> None:
        old = agency.contact
        parts = [f"{f} {getattr(old, f)!r} -> {getattr(new, f)!r}" for f in fields]
        super().__init__(
            f"{agency.name} ({agency.id}) already has other contacts: {'; '.join(parts)}; "
            "confirm to replace them (--replace)"
        )
        self.fields = fields


@dataclass(frozen=True)
class AgencyEntry:
    """A directory agency (or the user's own) with the contacts known for it."""

    id: str
    name: str
    type: AgencyType
    level: Level
    state: str
    county: str = ""
    jurisdiction: str | None = None
    note: str = ""
    contact: Contact = field(default_factory=Contact)
    own: bool = False
    published: bool = False  # the contact is the directory's (a federal FOIA office's)

    @property
    def email(self) -> str:
        return self.contact.email

    @property
    def address(self) -> str:
        return self.contact.address

    @property
    def portal_url(self) -> str:
        return self.contact.portal_url

    def as_agency(self) -> Agency:
        """The letter's Agency: name, the law that applies, contacts."""
        c = self.contact
        return Agency(
            self.name,
            self.jurisdiction or "",
            c.address,
            c.email,
            c.portal_url,
            c.records_officer,
            level=self.level,
        )

    def to_json(self) -> dict[str, Any]:
        c = self.contact

        def v(text: str | None) -> str | None:
            return text or None

        return {
            "id": self.id,
            "name": self.name,
            "type": self.type.value,
            "level": self.level.value,
            "state": self.state,
            "county": v(self.county),
            "jurisdiction": v(self.jurisdiction),
            "email": v(c.email),
            "address": v(c.address),
            "portal_url": v(c.portal_url),
            "records_officer": v(c.records_officer),
            "contact_source": v(c.source),
            "contact_checked": v(c.checked),
            "note": v(self.note),
            "own": self.own,
        }


@dataclass(frozen=True)
class AgencySearchResult:
    entries: list[AgencyEntry]
    all_words: bool  # False: no agency has every word; `entries` have only some of them


class ContactBook:
    def __init__(
        self, directory: AgencyDirectory, repo: AgenciesRepository, jurisdictions: JurisdictionSet
    ) -> None:
        self.directory = directory
        self.repo = repo
        self.jurisdictions = jurisdictions

    @cached_property
    def by_name_and_law(self) -> dict[tuple[str, str], list[DirectoryAgency]]:
        """Directory agencies by (jurisdiction, normalised name): import matches by name."""
        out: dict[tuple[str, str], list[DirectoryAgency]] = {}
        for a in self.directory.agencies:
            out.setdefault((a.jurisdiction or a.state, normalise(a.name)), []).append(a)
        return out

    # -- entries ----------------------------------------------------------------------------

    def _entry(self, a: DirectoryAgency, stored: StoredAgency | None) -> AgencyEntry:
        published = Contact(a.email, a.address, a.portal_url, "", a.contact_source,
                            a.contact_checked)  # fmt: skip
        contact = _contact_of(stored) if stored else published
        return AgencyEntry(
            a.id, a.name, a.type, a.level, a.state, a.county, a.jurisdiction, a.note,
            contact, own=a.id.startswith(OWN_PREFIX),
            published=stored is None and not published.is_empty(),
        )  # fmt: skip

    def _stored_for(self, a: DirectoryAgency) -> StoredAgency | None:
        stored = self.repo.by_directory_id(a.id)
        if stored is None and a.jurisdiction:
            # An address-book entry from before the directory, same name and law: its contacts.
            wanted = (a.jurisdiction, normalise(a.name))
            for legacy in self.repo.own():
                if (legacy.agency.jurisdiction, normalise(legacy.agency.name)) == wanted:
                    return legacy
        return stored

    def _own_agency(self, s: StoredAgency) -> DirectoryAgency:
        d = s.details
        try:
            type_ = AgencyType(d.kind) if d.kind else AgencyType.OTHER
        except ValueError:
            type_ = AgencyType.OTHER
        j = s.agency.jurisdiction
        level = TYPE_LEVEL[type_] if d.level == "" else Level(d.level)
        return DirectoryAgency(
            f"{OWN_PREFIX}{s.id}", s.agency.name, type_, level, d.state or j, d.county, j or None
        )

    def entry(self, agency_id: str) -> AgencyEntry:
        agency_id = agency_id.strip()
        if agency_id.startswith(OWN_PREFIX):
            try:
                stored = self.repo.get(int(agency_id[len(OWN_PREFIX) :]))
            except ValueError:
                stored = None
            if stored is None or stored.details.directory_id is not None:
                raise UserError(f"no agency with id {agency_id!r}")
            return self._entry(self._own_agency(stored), stored)
        a = self.directory.get(agency_id)
        if a is None:
            raise UserError(
                f"no agency with id {agency_id!r} in the directory (ids are the FBI's ORI, "
                "e.g. MI8234900, or US-FBI; `foia-assist agencies search` shows them)"
            )
        return self._entry(a, self._stored_for(a))

    def letter_agency(self, agency_id: str) -> Agency | None:
        """The letter's Agency for a directory id, with the contacts known (bulk's lookup);
        None for an id neither the directory nor the contact book knows."""
        try:
            return self.entry(agency_id).as_agency()
        except UserError:
            return None

    def entries(self, agencies: Iterable[DirectoryAgency]) -> list[AgencyEntry]:
        """Many at once (an export): the address book is read once."""
        linked = self.repo.contacts_by_directory_id()
        own = self.repo.own()
        own_by_id = {f"{OWN_PREFIX}{s.id}": s for s in own}
        legacy = {(s.agency.jurisdiction, normalise(s.agency.name)): s for s in own}
        out = []
        for a in agencies:
            stored = linked.get(a.id) or own_by_id.get(a.id)
            if stored is None and legacy:
                stored = legacy.get((a.jurisdiction or "", normalise(a.name)))
            out.append(self._entry(a, stored))
        return out

    def own_agencies(self) -> list[DirectoryAgency]:
        """The user's own agencies; an old address-book entry with the name of a directory
        agency under the same law is that agency (its contacts show there), not listed."""
        by_name = self.by_name_and_law
        return [
            self._own_agency(s)
            for s in self.repo.own()
            if (s.agency.jurisdiction, normalise(s.agency.name)) not in by_name
        ]

    # -- search and selection ---------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        state: str | None = None,
        type: AgencyType | None = None,
        county: str | None = None,
        limit: int = 20,
    ) -> list[AgencyEntry]:
        """The user's own agencies that match first, then the directory's, best first."""
        return self.find(text, state=state, type=type, county=county, limit=limit).entries

    def find(
        self,
        text: str,
        *,
        state: str | None = None,
        type: AgencyType | None = None,
        county: str | None = None,
        limit: int = 20,
    ) -> AgencySearchResult:
        """`search`, saying whether the agencies found have every word searched for.

        Where some agency (the user's own or the directory's) has them all, only such
        agencies are listed; otherwise those with the most words, marked `all_words`
        False, so that the caller says none matched rather than offering an unrelated
        agency as the answer (trial C5: "fairfax county police" with Only TX)."""
        hits = self.directory.search(text, state=state, type=type, county=county, limit=limit)
        own = self.own_agencies()
        mine = (
            AgencyIndex(own, self.directory.state_names).search(
                text, state=state, type=type, county=county, limit=limit
            )
            if own
            else []
        )
        every = [*mine, *hits]
        complete = [h for h in every if h.all_words]
        chosen = complete or every
        entries = self.entries([h.agency for h in chosen][:limit])
        return AgencySearchResult(entries, all_words=bool(complete) or not every)

    def select(
        self,
        *,
        state: str | None = None,
        type: AgencyType | None = None,
        county: str | None = None,
        ids: Sequence[str] = (),
    ) -> list[AgencyEntry]:
        """A campaign: every agency the filters select, plus those ticked by id."""
        chosen: list[DirectoryAgency] = []
        if state or type or county:
            chosen = self.directory.select(state=state, type=type, county=county)
            own = AgencyIndex(self.own_agencies(), self.directory.state_names)
            chosen += own.select(state=state, type=type, county=county)
        entries = self.entries(chosen)
        seen = {e.id for e in entries}
        entries += [self.entry(i) for i in ids if i not in seen]
        return entries

    # -- writing contacts --------------------------------------------------------------------

    def set_contact(self, agency_id: str, contact: Contact, *, replace: bool = False) -> str:
        """Record `contact` for an agency: "added", "updated" or "unchanged". Fields left
        empty keep what was there; a filled field that differs raises ContactConflict
        unless `replace`."""
        contact.check()
        entry = self.entry(agency_id)
        stored: StoredAgency | None
        if entry.own:
            stored = self.repo.get(int(entry.id[len(OWN_PREFIX) :]))
        else:
            a = self.directory.get(entry.id)
            assert a is not None
            stored = self._stored_for(a)
        old = _contact_of(stored) if stored else Contact()
        clash = contact.conflicts_with(old)
        if clash and not replace:
            raise ContactConflict(entry, clash, contact)
        merged = contact.merged_over(old)
        if stored is not None and merged == old:
            return "unchanged"
        agency = replace_agency(entry.as_agency(), merged)
        if stored is None:
            details = AgencyDetails(
                entry.id, entry.state, entry.type.value, entry.level.value, entry.county,
                merged.source, merged.checked,
            )  # fmt: skip
            self.repo.add(agency, details)
            return "added"
        details = dc_replace(stored.details, contact_source=merged.source,
                          contact_checked=merged.checked)  # fmt: skip
        if not entry.own and details.directory_id is None:
            details = dc_replace(details, directory_id=entry.id)  # adopt the old entry
        self.repo.update_entry(stored.id, replace_agency(stored.agency, merged), details)
        return "updated"

    def add_own(
        self,
        name: str,
        *,
        jurisdiction: str,
        type: AgencyType = AgencyType.OTHER,
        state: str = "",
        county: str = "",
        contact: Contact = Contact(),  # noqa: B008 (frozen, shared safely)
    ) -> AgencyEntry:
        """An agency the directory does not list, with the law that applies to it."""
        name = clean_text(name)
        if not name:
            raise UserError("an agency needs a name")
        if has_control_characters(name + county):
            raise UserError("the agency's name or county contains control characters")
        j = self.jurisdictions.find(jurisdiction)
        if j is None:
            raise UserError(f"unknown jurisdiction {jurisdiction!r}")
        contact.check()
        level = TYPE_LEVEL[type]
        details = AgencyDetails(None, (state or j.code).upper(), type.value, level.value,
                                clean_text(county), contact.source, contact.checked)  # fmt: skip
        agency = Agency(name, j.code, contact.address, contact.email, contact.portal_url,
                        contact.records_officer)  # fmt: skip
        new_id = self.repo.add(agency, details)
        return self.entry(f"{OWN_PREFIX}{new_id}")


def replace_agency(agency: Agency, c: Contact) -> Agency:
    return dc_replace(agency, email=c.email, address=c.address, portal_url=c.portal_url,
                   records_officer=c.records_officer)  # fmt: skip
