"""The agency directory as the app uses it: loaded once, searched as the user types.

Loading the bundled list takes a fraction of a second and the index about a second more, so
both are built on first use (the window does that in the background); nothing at import.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from foia_assist.domain.agency_directory import TERRITORIES, AgencyType, DirectoryAgency
from foia_assist.domain.agency_search import AgencyIndex, Hit
from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.errors import UserError
from foia_assist.storage.agency_directory_files import (
    SOURCE_CREDIT,
    DirectoryFileError,
    load_directory,
)

__all__ = ["SOURCE_CREDIT", "AgencyDirectory", "parse_type"]


def parse_type(text: str | None) -> AgencyType | None:
    """An agency type from the command line or a form ("" or None: any)."""
    if not text:
        return None
    try:
        return AgencyType(text.strip().lower())
    except ValueError:
        choices = ", ".join(t.value for t in AgencyType)
        raise UserError(f"unknown agency type {text!r}: choose from {choices}") from None


class AgencyDirectory:
    def __init__(self, agencies: list[DirectoryAgency], state_names: dict[str, str]) -> None:
        self.agencies = agencies
        self.state_names = state_names
        self._by_id = {a.id: a for a in agencies}

    @classmethod
    def load(cls, folder: Path, jurisdictions: JurisdictionSet) -> AgencyDirectory:
        try:
            agencies = load_directory(folder)
        except DirectoryFileError as exc:
            raise UserError(f"damaged agency directory: {exc}") from None
        names = {j.code: j.name for j in jurisdictions}
        names.update(TERRITORIES)
        return cls(agencies, names)

    @cached_property
    def index(self) -> AgencyIndex:
        return AgencyIndex(self.agencies, self.state_names)

    def get(self, agency_id: str) -> DirectoryAgency | None:
        return self._by_id.get(agency_id.strip())

    def search(
        self,
        text: str,
        *,
        state: str | None = None,
        type: AgencyType | None = None,
        county: str | None = None,
        limit: int = 20,
    ) -> list[Hit]:
        if state and state.strip().upper() not in self.state_names:
            raise UserError(f"unknown state {state!r}: use its two-letter code (e.g. MI)")
        return self.index.search(text, state=state, type=type, county=county, limit=limit)

    def select(
        self, *, state: str | None = None, type: AgencyType | None = None, county: str | None = None
    ) -> list[DirectoryAgency]:
        if state and state.strip().upper() not in self.state_names:
            raise UserError(f"unknown state {state!r}: use its two-letter code (e.g. MI)")
        return self.index.select(state=state, type=type, county=county)
