"""A word-wrapped label that keeps the height its lines need at its width.

Layouts size a wrapped QLabel from its size hint (its text at some other width) and ignore
`heightForWidth` inside a dialog, so a long line of text could get two lines' height for
three lines of words and be cut at the bottom. This label asks for the height it needs at
the width it was given, each time that width or its text changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)
        elif not self.text() and self.minimumHeight():
            self.setMinimumHeight(0)
