"""Run something once a widget has been painted: work that can wait for the first sight.

Not a zero-time timer: Qt posts the paint request at low priority, so a queued call made at
the same moment would run first and hold the paint back by its own length.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, action: Callable[[], object]) -> None:
        super().__init__(widget)
        self._action = action
        widget.installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint event has been delivered, not inside it.
            QTimer.singleShot(0, self, self._run)  # not if this is deleted meanwhile
        return False

    def _run(self) -> None:
        self.deleteLater()
        self._action()


def after_paint(widget: QWidget, action: Callable[[], object]) -> None:
    """Call `action` once, just after `widget` is next painted (never if it is not: callers
    build what `action` builds on first use as well)."""
    _AfterPaint(widget, action)
