"""Composition root: builds paths, data, storage and services, then the CLI or the window.

Nothing is created at import time; each piece is built on first use so that a quick
CLI command does not pay for the database or Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.paths import AppPaths, letter_templates_dir, resources_dir

if TYPE_CHECKING:
    from foia_assist.domain.calendars import CalendarCache
    from foia_assist.domain.catalogue import Catalogue
    from foia_assist.domain.jurisdictions import JurisdictionSet
    from foia_assist.services.agency_contacts import ContactBook
    from foia_assist.services.agency_directory import AgencyDirectory
    from foia_assist.services.casefile.service import CaseFileService
    from foia_assist.services.letters.service import LetterService
    from foia_assist.services.tracker import TrackerService
    from foia_assist.services.tracker_migration import Side
    from foia_assist.storage.database_url import DatabaseTarget
    from foia_assist.storage.secrets import SecretStore
    from foia_assist.storage.settings import SettingsStore


def qt_pdf_renderer(html: str, out_path: Path) -> None:
    """The built-in PDF renderer (Qt), imported only when a PDF is made without LibreOffice.

    Services never import Qt; the composition root hands them this function."""
    from foia_assist.gui.pdf_backend import html_to_pdf

    html_to_pdf(html, out_path)


@dataclass
class AppContext:
    paths: AppPaths
    # Letter HTML -> PDF when LibreOffice is absent; the window may swap in its own. None:
    # LibreOffice only.
    html_pdf_renderer: Callable[[str, Path], None] | None = qt_pdf_renderer
    # The tracker's database URL from `--database`; None: FOIA_ASSIST_DATABASE, then the
    # `database_url` setting, then the SQLite file in the data folder.
    database_url: str | None = None

    @cached_property
    def jurisdictions(self) -> JurisdictionSet:
        from foia_assist.errors import UserError
        from foia_assist.storage.rule_files import RuleFileError, load_jurisdictions

        try:
            return load_jurisdictions(resources_dir() / "jurisdictions")
        except RuleFileError as exc:
            raise UserError(f"damaged jurisdiction data: {exc}") from None

    @cached_property
    def calendars(self) -> CalendarCache:
        from foia_assist.domain.calendars import CalendarCache

        return CalendarCache()

    # -- used by the window; each built on first use -------------------------------------------

    @cached_property
    def catalogue(self) -> Catalogue:
        from foia_assist.errors import UserError
        from foia_assist.storage.catalogue_files import CatalogueFileError, load_catalogue

        try:
            return load_catalogue(resources_dir() / "frt")
        except CatalogueFileError as exc:
            raise UserError(f"damaged records catalogue: {exc}") from None

    @cached_property
    def settings_store(self) -> SettingsStore:
        from foia_assist.storage.settings import SettingsStore

        return SettingsStore(self.paths.settings_file)

    @cached_property
    def secrets(self) -> SecretStore:
        """The system keyring (tests assign a `MemorySecretStore` here)."""
        from foia_assist.storage.secrets import KeyringSecretStore

        return KeyringSecretStore()

    @cached_property
    def database_target(self) -> DatabaseTarget:
        """Which database the tracker uses (see `database_url`)."""
        import os

        from foia_assist.storage.database_url import (
            DATABASE_ENV,
            SqliteTarget,
            parse_database_url,
        )
        from foia_assist.storage.settings_peek import peek_database_url

        text = (
            self.database_url
            or os.environ.get(DATABASE_ENV, "").strip()
            or peek_database_url(self.paths.settings_file)
        )
        if not text:
            return SqliteTarget(self.paths.database)
        return parse_database_url(text, base=Path.cwd())

    @cached_property
    def tracker(self) -> TrackerService:
        from foia_assist.services.tracker import TrackerService
        from foia_assist.storage.database_open import open_database
        from foia_assist.storage.database_url import SqliteTarget

        target = self.database_target
        if isinstance(target, SqliteTarget) and target.path == self.paths.database:
            return TrackerService.open(
                self.paths, self.jurisdictions, self.calendars, author=self.user_name
            )
        # A PostgreSQL password may be in the keyring (saved from Settings).
        secrets = None if isinstance(target, SqliteTarget) else self.secrets
        db = open_database(target, self.paths.backups_dir, secrets=secrets)
        return TrackerService.over(db, self.jurisdictions, self.calendars, author=self.user_name)

    @property
    def user_name(self) -> str:
        """Who is recorded with each event and change: Settings' user name, else the login."""
        from foia_assist.storage.settings_peek import peek_user_name

        return peek_user_name(self.paths.settings_file)

    @cached_property
    def agency_directory(self) -> AgencyDirectory:
        """The bundled agency list (FBI Crime Data Explorer, 2018, and federal agencies)."""
        from foia_assist.services.agency_directory import AgencyDirectory

        return AgencyDirectory.load(resources_dir() / "agencies", self.jurisdictions)

    @cached_property
    def contact_book(self) -> ContactBook:
        """The directory with the user's contacts, over the window's open database."""
        from foia_assist.services.agency_contacts import ContactBook

        return ContactBook(self.agency_directory, self.tracker.agencies, self.jurisdictions)

    @cached_property
    def casefile(self) -> CaseFileService:
        """Attachments of tracked requests (in the tracker's database) and their search."""
        from foia_assist.services.casefile.service import CaseFileService
        from foia_assist.storage.db_blob_store import blobs_for

        db = self.tracker.requests.db
        return CaseFileService(db, blobs_for(db, self.paths.attachments_dir))

    @cached_property
    def letters(self) -> LetterService:
        from foia_assist.services.letters.service import LetterService
        from foia_assist.storage.settings import read_pdf_renderer

        return LetterService(
            self.jurisdictions,
            self.catalogue,
            self.calendars,
            letter_templates_dir(),
            pdf_backend=self.html_pdf_renderer,
            user_templates_dir=self.paths.user_templates_dir,
            pdf_renderer=read_pdf_renderer(self.paths.settings_file),
        )

    @property
    def tracker_side(self) -> Side:
        """This tracker as the source of a migration (its database and attachments)."""
        from foia_assist.services.tracker_migration import Side

        db = self.tracker.requests.db
        return Side(db, self.casefile.blobs, db.display)

    def open_other_tracker(self, url: str) -> Side:
        """Another tracker (a migration's target), created and migrated as needed.

        A SQLite file (a path or sqlite:///path) keeps its attachments in the folder beside
        it, as the data folder does; a PostgreSQL database keeps them in itself. Its password
        comes from the keyring, PGPASSWORD or ~/.pgpass, as for `--database`."""
        from foia_assist.errors import UserError
        from foia_assist.services.tracker_migration import Side
        from foia_assist.storage.database_open import open_database
        from foia_assist.storage.database_url import SqliteTarget, parse_database_url
        from foia_assist.storage.db_blob_store import blobs_for

        if not url.strip():
            raise UserError("--to: give a database: a SQLite file or a postgresql:// URL")
        try:
            target = parse_database_url(url, base=Path.cwd())
        except UserError as exc:
            raise UserError(f"--to: {exc}") from None
        if target.display == self.database_target.display or (
            isinstance(target, SqliteTarget)
            and isinstance(self.database_target, SqliteTarget)
            and target.path.resolve() == self.database_target.path.resolve()
        ):
            raise UserError(f"--to: {target.display} is the tracker being copied")
        if isinstance(target, SqliteTarget):
            folder = target.path.parent
            db = open_database(target, folder / "backups")
            return Side(db, blobs_for(db, folder / "attachments"), db.display)
        db = open_database(target, self.paths.backups_dir, secrets=self.secrets)
        return Side(db, blobs_for(db, self.paths.attachments_dir), db.display)

    def close(self) -> None:
        """Release what was opened (the tracker's database); safe to call more than once."""
        tracker = self.__dict__.pop("tracker", None)
        if tracker is not None:
            tracker.close()


def build_context(data_dir: str | None = None, database: str | None = None) -> AppContext:
    return AppContext(paths=AppPaths.from_environment(data_dir), database_url=database)
