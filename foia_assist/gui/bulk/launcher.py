"""Open the bulk dialog from the main window (an `AppContext`) or from plain services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from foia_assist.gui.bulk.dialog import BulkExportDialog
from foia_assist.gui.workers import JobRunner

if TYPE_CHECKING:
    from foia_assist.app import AppContext
    from foia_assist.domain.catalogue import Catalogue
    from foia_assist.domain.jurisdictions import JurisdictionSet
    from foia_assist.domain.request import Requester
    from foia_assist.services.letters.service import LetterService
    from foia_assist.services.tracker import TrackerService


@dataclass
class BulkServices:
    """What the dialog needs, for callers that don't have an `AppContext`."""

    jurisdictions: JurisdictionSet
    catalogue: Catalogue
    letters: LetterService
    requester: Requester
    runner: JobRunner
    tracker: TrackerService | None = None
    today: Callable[[], date] = date.today
    output_dir: Path | None = None


def open_bulk_dialog(
    parent: QWidget | None, ctx_or_services: AppContext | BulkServices
) -> BulkExportDialog:
    """Show the bulk export dialog (not blocking). From the main window:
    `open_bulk_dialog(self, self.ctx)`; it uses the window's runner, settings, today and
    output folder when the window has them, and reloads the window after tracking."""
    if isinstance(ctx_or_services, BulkServices):
        s = ctx_or_services
        dialog = BulkExportDialog(
            jurisdictions=s.jurisdictions,
            catalogue=s.catalogue,
            letters=s.letters,
            requester=s.requester,
            runner=s.runner,
            tracker=s.tracker,
            today=s.today,
            output_dir=s.output_dir,
            parent=parent,
        )
    else:
        ctx = ctx_or_services
        settings = getattr(parent, "settings", None) or ctx.settings_store.load().settings
        runner = getattr(parent, "runner", None)
        output_dir = getattr(parent, "output_dir", None)
        dialog = BulkExportDialog(
            jurisdictions=ctx.jurisdictions,
            catalogue=ctx.catalogue,
            letters=ctx.letters,
            requester=settings.requester,
            runner=runner if isinstance(runner, JobRunner) else JobRunner(parent=parent),
            tracker=ctx.tracker,
            today=getattr(parent, "today", date.today),
            output_dir=output_dir() if callable(output_dir) else None,
            contacts=lambda agency_id: ctx.contact_book.letter_agency(agency_id),
            parent=parent,
        )
    reload = getattr(parent, "reload", None)
    if callable(reload):
        dialog.tracked.connect(lambda _ids: reload())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
