"""What the window's controllers need from the window, as plain callables.

The controllers (`request_actions`, `letter_actions`, `data_actions`) get this instead of
the main window itself, so they never import it and tests can build them on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

    from foia_assist.app import AppContext
    from foia_assist.gui.workers import JobRunner
    from foia_assist.storage.settings import Settings


@dataclass
class WindowHooks:
    ctx: AppContext
    parent: QWidget
    runner: JobRunner
    qsettings: QSettings
    today: Callable[[], date]
    settings: Callable[[], Settings]
    save_settings: Callable[[Settings], None]
    current_request_id: Callable[[], int | None]
    reload: Callable[[int | None], None]  # reload(select_id)
    notify: Callable[[str], None]  # a short confirmation in the status bar
    output_dir: Callable[[], Path]
    # The version of the current request the detail pane shows (None: none shown): edits
    # are made from it, so a colleague's change since is refused, not overwritten.
    seen_version: Callable[[], int | None] = lambda: None
    # A confirmation with an Undo button that runs the callable (where undoing is cheap).
    offer_undo: Callable[[str, Callable[[], None]], None] = lambda text, undo: None

    def remember_folder(self, folder: Path) -> None:
        self.qsettings.setValue("last/output_dir", str(folder))
