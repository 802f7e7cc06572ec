"""Enter in a line edit does that field's job only.

In a dialog or wizard, Qt passes an Enter that a QLineEdit did not accept on to the default
button: Enter in the agency search also pressed Next, and Enter in the bulk dialog's CSV path
also opened Browse…. `enter_does(edit, action)` runs `action` and keeps the key.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterFilter(QObject):
    def __init__(self, edit: QLineEdit, action: Callable[[], object]) -> None:
        super().__init__(edit)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER
        ):
            self._action()
            return True
        return super().eventFilter(watched, event)


def enter_does(edit: QLineEdit, action: Callable[[], object]) -> None:
    """Enter (or keypad Enter) in `edit` runs `action` and goes no further."""
    edit.installEventFilter(_EnterFilter(edit, action))
