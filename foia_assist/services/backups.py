"""Back up and restore the tracker's data, as the window and the CLI offer it.

`services.backup` holds the file format; this is the application's side of it: what is
held now, where the copy taken before a restore goes, and the one call for each action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foia_assist.services.backup import BackupCounts
    from foia_assist.services.tracker import TrackerService


@dataclass(frozen=True)
class Held:
    requests: int
    agencies: int

    @property
    def empty(self) -> bool:
        return not self.requests and not self.agencies


class BackupService:
    def __init__(self, tracker: TrackerService, now: Callable[[], datetime] = datetime.now) -> None:
        self.tracker = tracker
        self.now = now

    def held(self) -> Held:
        t = self.tracker
        return Held(t.requests.count(), t.agencies.count())

    @property
    def safety_copies_dir(self) -> Path:
        """Where the data a restore replaces is copied first."""
        return Path(self.tracker.requests.db.backups_dir)

    def back_up(self, path: Path) -> BackupCounts:
        from foia_assist.services.backup import write_backup

        t = self.tracker
        return write_backup(t.requests, t.agencies, path, made=self.now())

    def restore(self, path: Path, *, replace: bool = True) -> BackupCounts:
        """Replace everything with the backup (a copy of the current data is kept first)."""
        from foia_assist.services.backup import restore_backup

        t = self.tracker
        return restore_backup(
            t.requests,
            t.agencies,
            path,
            jurisdictions=t.jurisdictions,
            replace=replace,
            now=self.now,
        )
