"""The agency directory: which US law-enforcement agencies exist, and whose law reaches them.

Entries come from the FBI Crime Data Explorer's 2018 list of agencies (built into
`resources/agencies/` by `tools/build_agency_directory.py`) and a hand-kept list of federal
agencies with their FOIA offices' published contacts. This module is pure: it maps the FBI's
agency types to ours, decides the level (federal, state, local, tribal) and the jurisdiction
whose public-records law applies, and cleans the values where the cleaning is certain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from foia_assist.domain.jurisdictions import Level


class AgencyType(StrEnum):
    CITY = "city"
    COUNTY = "county"
    STATE = "state"
    UNIVERSITY = "university"
    TRIBAL = "tribal"
    FEDERAL = "federal"
    OTHER = "other"


# The FBI's `agency_type_name` -> (our type, its level). "Other" rows are special districts,
# transit and port authorities, school districts, hospital districts: local bodies created
# under state law. Universities are "local" as Level documents (public colleges' police are
# created under state law; see UNIVERSITY_NOTE for private ones).
FBI_TYPES: dict[str, tuple[AgencyType, Level]] = {
    "City": (AgencyType.CITY, Level.LOCAL),
    "County": (AgencyType.COUNTY, Level.LOCAL),
    "State Police": (AgencyType.STATE, Level.STATE),
    "Other State Agency": (AgencyType.STATE, Level.STATE),
    "University or College": (AgencyType.UNIVERSITY, Level.LOCAL),
    "Tribal": (AgencyType.TRIBAL, Level.TRIBAL),
    "Other": (AgencyType.OTHER, Level.LOCAL),
}

# The FBI list's state codes that are not the postal code (certain: its state_name says so).
STATE_CODE_FIXES = {"NB": "NE", "GM": "GU"}
TERRITORIES = {"PR": "Puerto Rico", "VI": "U.S. Virgin Islands", "GU": "Guam"}

TRIBAL_NOTE = (
    "A tribal police department serves a sovereign tribal nation: the state's public-records "
    "law may not reach it. Ask under the tribe's own law or policy where it has one, and say "
    "in the letter that the request is made as a courtesy where no law applies."
)
UNIVERSITY_NOTE = (
    "A private college's police may fall outside the state's public-records law (a few "
    "states extend it to them); a public college's police are covered like other agencies."
)
TERRITORY_NOTE = (
    "FOIA Assist has no rule file for {name}: no law is cited for this agency; write the "
    "request yourself under {name}'s public-records law."
)
CUT_SHORT_NOTE = "The FBI list gives this name cut short; check the agency's full name."


@dataclass(frozen=True)
class DirectoryAgency:
    """One agency in the directory (read-only; users' contacts live in the address book)."""

    id: str  # the FBI's ORI; "US-..." for the federal agencies added by hand
    name: str
    type: AgencyType
    level: Level
    state: str  # postal code ("NE"); "US" for federal agencies
    county: str = ""  # as the FBI lists it, title-cased; several joined by "; "
    jurisdiction: str | None = None  # code of the law that applies; None: no rule file
    note: str = ""
    # Published contacts (federal FOIA offices only): where read and when.
    email: str = ""
    address: str = ""
    portal_url: str = ""
    contact_source: str = ""
    contact_checked: str = ""  # ISO date
    parent: str = ""  # a federal component's department (its id)

    def counties(self) -> tuple[str, ...]:
        return tuple(c.strip() for c in self.county.split(";") if c.strip())


def clean_text(text: str) -> str:
    """Whitespace collapsed and trimmed (the FBI list has doubled and trailing spaces)."""
    return " ".join(text.split())


def clean_state(code: str) -> str:
    code = code.strip().upper()
    return STATE_CODE_FIXES.get(code, code)


_MC = re.compile(r"\bMc([a-z])")


def clean_county(raw: str) -> str:
    """FBI county names are upper case; show them title-cased ("MCLEAN; ST. LOUIS" ->
    "McLean; St. Louis"). Display only: search folds case anyway."""
    parts = [clean_text(p) for p in raw.split(";")]
    titled = []
    for p in parts:
        if not p:
            continue
        t = " ".join(w.capitalize() if not w[:1].isdigit() else w for w in p.lower().split())
        t = re.sub(r"(?<=[-'])([a-z])", lambda m: m.group(1).upper(), t)
        titled.append(_MC.sub(lambda m: "Mc" + m.group(1).upper(), t))
    return "; ".join(titled)


def classify(fbi_type: str) -> tuple[AgencyType, Level]:
    """Our type and level for the FBI's agency type (unknown types: other, local)."""
    return FBI_TYPES.get(fbi_type.strip(), (AgencyType.OTHER, Level.LOCAL))


def jurisdiction_for(state: str, level: Level, known: frozenset[str]) -> str | None:
    """The code of the law that applies: "US" for federal agencies, else the state's code
    where FOIA Assist has its rule file (territories: None). Tribal agencies get their
    state's code with TRIBAL_NOTE: the state's law is the nearest, not a certain, fit."""
    if level is Level.FEDERAL:
        return "US"
    return state if state in known else None


def note_for(name: str, type_: AgencyType, state: str, jurisdiction: str | None) -> str:
    notes = []
    if type_ is AgencyType.TRIBAL:
        notes.append(TRIBAL_NOTE)
    if type_ is AgencyType.UNIVERSITY:
        notes.append(UNIVERSITY_NOTE)
    if jurisdiction is None and state in TERRITORIES:
        notes.append(TERRITORY_NOTE.format(name=TERRITORIES[state]))
    if name.endswith(":"):
        notes.append(CUT_SHORT_NOTE)
    return " ".join(notes)


def from_fbi_row(row: dict[str, str], known: frozenset[str]) -> DirectoryAgency:
    """One row of the FBI CSV, cleaned and mapped."""
    name = clean_text(row["agency_name"])
    type_, level = classify(row["agency_type_name"])
    state = clean_state(row["state_abbr"])
    jurisdiction = jurisdiction_for(state, level, known)
    return DirectoryAgency(
        id=row["ori"].strip(),
        name=name,
        type=type_,
        level=level,
        state=state,
        county=clean_county(row.get("county_name", "")),
        jurisdiction=jurisdiction,
        note=note_for(name, type_, state, jurisdiction),
    )
