"""What the wizard's pages may ask of the wizard: its services and a few of its answers.

Pages import this, never `wizard.py`, so the wizard can import every page without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from foia_assist.domain.calendars import CalendarCache
    from foia_assist.domain.catalogue import Catalogue
    from foia_assist.domain.jurisdictions import Jurisdiction, JurisdictionSet
    from foia_assist.gui.workers import JobRunner
    from foia_assist.services.agency_contacts import ContactBook
    from foia_assist.services.letters.service import LetterService
    from foia_assist.services.tracker import TrackerService
    from foia_assist.storage.agencies_repo import StoredAgency
    from foia_assist.storage.settings import Settings

DRAFT_FILE = "wizard-draft.json"
STEPS = 6


@dataclass
class WizardDeps:
    jurisdictions: JurisdictionSet
    catalogue: Catalogue
    calendars: CalendarCache
    letters: LetterService
    tracker: TrackerService
    settings: Callable[[], Settings]
    save_settings: Callable[[Settings], None]
    today: Callable[[], date]
    output_dir: Callable[[], Path]
    runner: JobRunner
    drafts_dir: Path
    contact_book: ContactBook | None = None  # the agency directory's search; None: none

    def agencies(self, code: str) -> list[StoredAgency]:
        return self.tracker.agencies.all(code)

    @property
    def draft_path(self) -> Path:
        return self.drafts_dir / DRAFT_FILE


@dataclass
class Review:
    letter_html: str = ""
    deadline_text: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    law_html: str = ""  # each legal sentence of the letter with the fact behind it


class WizardHost(Protocol):
    deps: WizardDeps

    def chosen_jurisdiction(self) -> Jurisdiction | None: ...

    def select_jurisdiction(self, code: str) -> None: ...

    def agency_name(self) -> str:
        """The agency's name as typed on step 2."""
        ...

    def chosen_level(self) -> str | None:
        """The kind of agency chosen on step 2 ("state", "local", "federal"; None: not sure)."""
        ...

    def review(self) -> Review: ...

    def save_letters(self) -> None: ...

    def email_text(self) -> str: ...

    def email_subject(self) -> str: ...

    def suggested_stem(self) -> str: ...


def step_title(n: int, title: str) -> str:
    """'Step 2 of 6 — Which agency?'"""
    return f"Step {n} of {STEPS} — {title}"
