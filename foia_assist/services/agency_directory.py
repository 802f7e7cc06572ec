"""The agency directory as the app uses it: loaded once, searched as the user types.

Loading the bundled list takes a fraction of a second and the index about a second more, so
both are built on first use (the window does that in the background); nothing at import.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
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
    """The agencies, read from the bundled files on first use (`load` reads nothing yet: the
    wizard opens at once and the search box loads and indexes in the background)."""

    def __init__(
        self,
        agencies: list[DirectoryAgency] | Callable[[], list[DirectoryAgency]],
        state_names: dict[str, str],
    ) -> None:
        self._agencies = agencies if isinstance(agencies, list) else None
        self._loader = None if isinstance(agencies, list) else agencies
        self.state_names = state_names
        self._by_id_map: dict[str, DirectoryAgency] | None = None
        self._index: AgencyIndex | None = None
        self._lock = threading.RLock()  # the window loads and indexes in a background thread

    @classmethod
    def load(cls, folder: Path, jurisdictions: JurisdictionSet) -> AgencyDirectory:
        def read() -> list[DirectoryAgency]:
            try:
                return load_directory(folder)
            except DirectoryFileError as exc:
                raise UserError(f"damaged agency directory: {exc}") from None

        names = {j.code: j.name for j in jurisdictions}
        names.update(TERRITORIES)
        return cls(read, names)

    @property
    def agencies(self) -> list[DirectoryAgency]:
        with self._lock:
            if self._agencies is None:
                assert self._loader is not None
                self._agencies = self._loader()
            return self._agencies

    @property
    def _by_id(self) -> dict[str, DirectoryAgency]:
        with self._lock:
            if self._by_id_map is None:
                self._by_id_map = {a.id: a for a in self.agencies}
            return self._by_id_map

    @property
    def index(self) -> AgencyIndex:
        """Built on first use (about a second), once even when two threads ask."""
        with self._lock:
            if self._index is None:
                self._index = AgencyIndex(self.agencies, self.state_names)
            return self._index

    def index_ready(self) -> bool:
        return self._index is not None

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
