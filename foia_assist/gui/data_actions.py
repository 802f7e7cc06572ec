"""The main window's File actions on all the data: calendar, CSV, backup and restore."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foia_assist.errors import UserError
from foia_assist.gui import messages

if TYPE_CHECKING:
    from foia_assist.gui.hooks import WindowHooks
    from foia_assist.services.backups import BackupService
    from foia_assist.services.tracker import RequestRow


class DataActions:
    def __init__(self, hooks: WindowHooks) -> None:
        self.h = hooks

    def backups(self) -> BackupService:
        from foia_assist.services.backups import BackupService

        return BackupService(self.h.ctx.tracker)

    def _ask_export_path(self, title: str, name: str, filters: str) -> Path | None:
        return messages.ask_save_path(self.h.parent, title, self.h.output_dir() / name, filters)

    def _report(
        self, work: Callable[[], Any], done: Callable[[Any], str], path: Path, title: str
    ) -> Any:
        """Write, then say what was written and offer its folder (never finish silently)."""
        try:
            result = work()
        except UserError as exc:
            messages.show_error(self.h.parent, "FOIA Assist", str(exc))
        except OSError as exc:
            messages.show_error(self.h.parent, "FOIA Assist", f"Couldn't write the file: {exc}")
        else:
            text = done(result)
            self.h.notify(text)
            self.h.remember_folder(path.parent)
            messages.show_done(self.h.parent, title, text, path)
            return result
        return None

    def export_ics(self) -> None:
        from foia_assist.services.ics_export import export_ics

        path = self._ask_export_path("Export deadlines", "foia-deadlines.ics", "Calendar (*.ics)")
        if path is None:
            return
        tracker, today = self.h.ctx.tracker, self.h.today()
        self._report(
            lambda: export_ics(tracker, path, today=today, stamp=datetime.now(UTC)),
            lambda n: (
                f"{n} calendar entries written to {path}. Import the file into your "
                "calendar (Outlook, Google Calendar, Apple Calendar); export again after logging "
                "events to update it."
            ),
            path,
            "Deadlines exported",
        )

    def export_csv(self, rows: Sequence[RequestRow]) -> None:
        from foia_assist.services.csv_export import export_csv

        path = self._ask_export_path("Export table", "foia-requests.csv", "CSV (*.csv)")
        if path is None:
            return
        self._report(
            lambda: export_csv(list(rows), path),
            lambda n: f"{n} requests written to {path}.",
            path,
            "Table exported",
        )

    def backup(self) -> None:
        stamp = self.h.today().isoformat()
        path = self._ask_export_path("Back up", f"foia-assist-backup-{stamp}.json", "JSON (*.json)")
        if path is None:
            return
        service = self.backups()
        self._report(
            lambda: service.back_up(path),
            lambda c: f"Backed up {c.requests} requests and {c.agencies} agencies to {path}.",
            path,
            "Backed up",
        )

    def restore(self) -> None:
        """Replace everything with a backup, after asking; the current data is copied first."""
        h = self.h
        title = "Restore from a backup"
        path = messages.ask_open_path(h.parent, title, h.output_dir(), "Backup (*.json)")
        if path is None:
            return
        service = self.backups()
        held = service.held()
        if not held.empty and not messages.ask_yes_no(
            h.parent,
            title,
            f"Replace the {held.requests} request(s) and the address book now in FOIA Assist "
            f"with the backup {path.name}?\n\nA copy of the current data is kept in "
            f"{service.safety_copies_dir} first.",
        ):
            return
        try:
            counts = service.restore(path)
        except UserError as exc:
            messages.show_error(h.parent, title, str(exc))
            return
        except OSError as exc:
            messages.show_error(h.parent, title, f"Couldn't read {path}: {exc}")
            return
        h.reload(None)
        kept = (
            f"\n\nThe data it replaced was copied to {counts.previous}." if counts.previous else ""
        )
        messages.show_info(
            h.parent,
            title,
            f"Restored {counts.requests} requests and {counts.agencies} agencies from "
            f"{path.name}.{kept}",
        )

    def open_data_folder(self) -> None:
        messages.open_or_explain(self.h.parent, self.h.ctx.paths.data_dir)
