"""Unexpected errors: written to a log file in `AppPaths.log_dir`, then shown in a dialog.

`UserError`s are not crashes: they are shown as one plain line. Anything else is a bug;
the user sees where the details were saved so they can report it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_text

log = logging.getLogger("foia_assist")

ShowDialog = Callable[[str, str], None]


def _default_dialog(title: str, text: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.setAccessibleName(title)
    box.exec()


class CrashHandler:
    """Install with `install()`; `handle()` may also be called for errors from jobs."""

    def __init__(self, log_dir: Path, show_dialog: ShowDialog | None = None) -> None:
        self.log_dir = Path(log_dir)
        self.show_dialog = show_dialog or _default_dialog
        self._previous: Callable[..., object] | None = None
        self._handling = False

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.excepthook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.handle(exc, tb)

    def handle(self, exc: BaseException, tb: TracebackType | None = None) -> Path | None:
        """Log and show one error; returns the log file written (None for a UserError)."""
        if isinstance(exc, UserError):
            self.show_dialog("FOIA Assist", str(exc))
            return None
        if self._handling:  # an error inside the dialog itself: log only
            log.error("error while reporting an error", exc_info=(type(exc), exc, tb))
            return None
        self._handling = True
        try:
            path = self.write_log(exc, tb or exc.__traceback__)
            where = (
                f"The details were saved to {path}." if path else "The details could not be saved."
            )
            self.show_dialog(
                "FOIA Assist: unexpected error",
                f"Something went wrong that FOIA Assist did not expect:\n\n{type(exc).__name__}: "
                f"{exc}\n\n{where} Your saved requests are not affected. Please include the file "
                "when you report the problem.",
            )
            return path
        finally:
            self._handling = False

    def write_log(self, exc: BaseException, tb: TracebackType | None) -> Path | None:
        text = "".join(traceback.format_exception(type(exc), exc, tb))
        log.error("unexpected error\n%s", text)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.log_dir / f"crash-{stamp}.log"
        try:
            atomic_write_text(path, f"FOIA Assist crash report {stamp}\n\n{text}")
        except OSError:
            return None
        return path
