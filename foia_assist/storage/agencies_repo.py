"""The agency address book: name, jurisdiction, address, email, portal, records officer.

Since schema 4 it is also the contact book of the agency directory: an entry may carry the
directory id of the agency it is for (`directory_id`), where the user found its contacts and
when, and, for the user's own agencies, their state, type, level and county.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from foia_assist.domain.jurisdictions import Level
from foia_assist.domain.request import Agency
from foia_assist.errors import UserError
from foia_assist.storage.database import Database, IntegrityError

_COLUMNS = (
    "id, name, jurisdiction, address, email, portal_url, records_officer, "
    "directory_id, state, kind, level, county, contact_source, contact_checked"
)
_NEW_COLUMNS = _COLUMNS.removeprefix("id, ")  # the id assigned by the database
_NEW_VALUES = "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


@dataclass(frozen=True)
class AgencyDetails:
    """What the address book knows besides the letter's Agency (schema 4)."""

    directory_id: str | None = None  # the directory agency this entry is for; None: own
    state: str = ""
    kind: str = ""  # AgencyType value
    level: str = ""  # Level value
    county: str = ""
    contact_source: str = ""  # where the user found the contacts
    contact_checked: str = ""  # when (ISO date)


@dataclass(frozen=True)
class StoredAgency:
    id: int
    agency: Agency
    details: AgencyDetails = field(default_factory=AgencyDetails)


def _agency(row: tuple[Any, ...]) -> StoredAgency:
    aid, name, jurisdiction, address, email, portal_url, officer, *rest = row
    details = AgencyDetails(*rest)
    agency = Agency(name, jurisdiction, address, email, portal_url, officer, _level(details.level))
    return StoredAgency(aid, agency, details)


def _level(value: str | None) -> Level | None:
    """The stored level as the letter's agency takes it (an unknown value: not known)."""
    try:
        return Level(value) if value else None
    except ValueError:
        return None


def _level_text(agency: Agency, details: AgencyDetails | None = None) -> str:
    """What to store as the entry's level: the details' own, else the agency's."""
    if details is not None and details.level:
        return details.level
    return agency.level.value if agency.level is not None else ""


def _detail_params(d: AgencyDetails) -> tuple[str | None, ...]:
    return (
        d.directory_id,
        d.state,
        d.kind,
        d.level,
        d.county,
        d.contact_source,
        d.contact_checked,
    )


def _params(a: Agency) -> tuple[str, ...]:
    return (a.name, a.jurisdiction, a.address, a.email, a.portal_url, a.records_officer)


class AgenciesRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, agency: Agency, details: AgencyDetails | None = None) -> int:
        """Add an agency; one with the same name in the same jurisdiction is refused, and so
        is a second entry for the same directory agency."""
        if not agency.name.strip():
            raise UserError("an agency needs a name")
        d = details or AgencyDetails()
        if not d.level and agency.level is not None:  # the letter's agency knows its kind
            d = replace(d, level=agency.level.value)
        try:
            with self.db.transaction() as conn:
                return conn.insert(
                    f"INSERT INTO agencies ({_NEW_COLUMNS}) {_NEW_VALUES}",
                    (*_params(agency), *_detail_params(d)),
                )
        except IntegrityError:
            if d.directory_id and self.by_directory_id(d.directory_id) is not None:
                raise UserError(
                    f"the address book already has directory agency {d.directory_id}"
                ) from None
            raise UserError(
                f"the address book already has {agency.name!r} in {agency.jurisdiction}"
            ) from None

    def by_directory_id(self, directory_id: str) -> StoredAgency | None:
        with self.db.reading() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM agencies WHERE directory_id = ?", (directory_id,)
            ).fetchone()
        return _agency(row) if row else None

    def contacts_by_directory_id(self) -> dict[str, StoredAgency]:
        """Every entry tied to a directory agency, by its directory id."""
        with self.db.reading() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM agencies WHERE directory_id IS NOT NULL"
            ).fetchall()
        return {r[7]: _agency(r) for r in rows}

    def find(self, name: str, jurisdiction: str) -> StoredAgency | None:
        with self.db.reading() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM agencies WHERE jurisdiction = ? AND name = ?",
                (jurisdiction, name),
            ).fetchone()
        return _agency(row) if row else None

    def own(self) -> list[StoredAgency]:
        """The user's own agencies (not tied to the directory)."""
        with self.db.reading() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM agencies WHERE directory_id IS NULL "
                "ORDER BY jurisdiction, name, id"
            ).fetchall()
        return [_agency(r) for r in rows]

    def update_entry(self, agency_id: int, agency: Agency, details: AgencyDetails) -> None:
        """Replace an entry's contacts and details (the caller has asked before overwriting)."""
        try:
            with self.db.transaction() as conn:
                cur = conn.execute(
                    "UPDATE agencies SET name = ?, jurisdiction = ?, address = ?, email = ?, "
                    "portal_url = ?, records_officer = ?, directory_id = ?, state = ?, "
                    "kind = ?, level = ?, county = ?, contact_source = ?, contact_checked = ? "
                    "WHERE id = ?",
                    (*_params(agency), *_detail_params(details), agency_id),
                )
        except IntegrityError:
            raise UserError(
                f"the address book already has {agency.name!r} in {agency.jurisdiction}"
            ) from None
        if cur.rowcount == 0:
            raise UserError(f"no agency with id {agency_id} in the address book")

    def save(self, agency: Agency) -> int:
        """Add or update by (jurisdiction, name); returns the id. The agency's level is kept
        where given (a level not given leaves a stored one alone)."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO agencies (name, jurisdiction, address, email, portal_url, "
                "records_officer, level) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (jurisdiction, name) DO UPDATE SET address = excluded.address, "
                "email = excluded.email, portal_url = excluded.portal_url, "
                "records_officer = excluded.records_officer, "
                "level = CASE WHEN excluded.level != '' THEN excluded.level "
                "ELSE agencies.level END",
                (*_params(agency), _level_text(agency)),
            )
            row = conn.execute(
                "SELECT id FROM agencies WHERE jurisdiction = ? AND name = ?",
                (agency.jurisdiction, agency.name),
            ).fetchone()
            return int(row[0])

    def update(self, agency_id: int, agency: Agency) -> None:
        with self.db.transaction() as conn:
            # A level not given leaves the stored one alone.
            level = _level_text(agency)
            set_level = ", level = ?" if level else ""
            cur = conn.execute(
                "UPDATE agencies SET name = ?, jurisdiction = ?, address = ?, email = ?, "
                f"portal_url = ?, records_officer = ?{set_level} WHERE id = ?",
                (*_params(agency), *((level,) if level else ()), agency_id),
            )
            if cur.rowcount == 0:
                raise UserError(f"no agency with id {agency_id} in the address book")

    def delete(self, agency_id: int) -> None:
        with self.db.transaction() as conn:
            cur = conn.execute("DELETE FROM agencies WHERE id = ?", (agency_id,))
            if cur.rowcount == 0:
                raise UserError(f"no agency with id {agency_id} in the address book")

    def get(self, agency_id: int) -> StoredAgency:
        with self.db.reading() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM agencies WHERE id = ?", (agency_id,)
            ).fetchone()
        if row is None:
            raise UserError(f"no agency with id {agency_id} in the address book")
        return _agency(row)

    def all(self, jurisdiction: str | None = None) -> list[StoredAgency]:
        with self.db.reading() as conn:
            if jurisdiction is None:
                rows = conn.execute(
                    f"SELECT {_COLUMNS} FROM agencies ORDER BY jurisdiction, name, id"
                ).fetchall()
            else:
                rows = conn.execute(
                    f"SELECT {_COLUMNS} FROM agencies WHERE jurisdiction = ? ORDER BY name, id",
                    (jurisdiction,),
                ).fetchall()
        return [_agency(r) for r in rows]

    def search(self, text: str, limit: int = 50) -> list[StoredAgency]:
        """Agencies whose name contains `text` (case-insensitive; % and _ match literally)."""
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        with self.db.reading() as conn:
            # SQLite's LIKE ignores case (ASCII); PostgreSQL's needs ILIKE for the same.
            like = "ILIKE" if conn.dialect == "postgresql" else "LIKE"
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM agencies WHERE name {like} ? ESCAPE '\\' "
                "ORDER BY name, jurisdiction LIMIT ?",
                (pattern, limit),
            ).fetchall()
        return [_agency(r) for r in rows]

    def add_many(self, agencies: Iterable[StoredAgency | Agency], *, keep_ids: bool = False) -> int:
        n = 0
        with self.db.transaction() as conn:
            for item in agencies:
                aid = (item.id or None) if isinstance(item, StoredAgency) and keep_ids else None
                a = item.agency if isinstance(item, StoredAgency) else item
                d = item.details if isinstance(item, StoredAgency) else AgencyDetails()
                if aid is None:
                    conn.execute(
                        f"INSERT INTO agencies ({_NEW_COLUMNS}) {_NEW_VALUES}",
                        (*_params(a), *_detail_params(d)),
                    )
                else:
                    conn.execute(
                        f"INSERT INTO agencies ({_COLUMNS}) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (aid, *_params(a), *_detail_params(d)),
                    )
                n += 1
            if keep_ids:
                conn.ids_set_explicitly("agencies")
        return n

    def clear(self) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM agencies")

    def count(self) -> int:
        with self.db.reading() as conn:
            return int(conn.execute("SELECT count(*) FROM agencies").fetchone()[0])
