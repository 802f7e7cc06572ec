"""Keys typed just after opening a window go to that window (trial C8).

After Ctrl+N the user starts typing the state at once ("texas"), but the window manager
activates the new wizard a moment later: the first keys reached the main window's Find box.
`hand_keys_to(target, source)` sends the keys `source` receives in that moment to `target`'s
focus widget instead (kept until `target` is shown), for `ms` milliseconds after it is
shown, or until the user clicks in `source` (then `source` is wanted again).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_KEYS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
_CLICKS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)


class KeyHandoff(QObject):
    def __init__(self, target: QWidget, source: QWidget, ms: int) -> None:
        super().__init__(target)
        self.target, self.source, self.ms = target, source, ms
        self.pending: list[QKeyEvent] = []
        self.active = True
        self._timer_started = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        target.destroyed.connect(self.stop)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if not self.active or not isinstance(watched, QWidget):
            return False
        if kind == QEvent.Type.Show and watched is self.target:
            self._shown()
            return False
        if watched.window() is not self.source:
            return False
        if kind in _CLICKS:
            self.stop()
            return False
        if kind in _KEYS and isinstance(event, QKeyEvent):
            copy = QKeyEvent(
                kind,
                event.key(),
                event.modifiers(),
                event.text(),
                event.isAutoRepeat(),
                event.count(),
            )
            if self.target.isVisible():
                self._deliver(copy)
            else:
                self.pending.append(copy)
            return True
        return False

    def _shown(self) -> None:
        for event in self.pending:
            self._deliver(event)
        self.pending.clear()
        if not self._timer_started:
            self._timer_started = True
            QTimer.singleShot(self.ms, self.stop)

    def _deliver(self, event: QKeyEvent) -> None:
        focus = self.target.focusWidget() or self.target
        QApplication.sendEvent(focus, event)

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def hand_keys_to(target: QWidget, source: QWidget, ms: int = 1000) -> KeyHandoff:
    """Until `ms` after `target` is shown, keys `source` receives go to `target`."""
    return KeyHandoff(target, source, ms)
