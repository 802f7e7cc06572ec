"""An "Undo" button in the status bar beside a confirmation, for a few seconds.

Offered where taking an action back is cheap and exact (an event just logged is removed
again); it goes when the time is up or another confirmation takes the bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QPushButton

OFFER_MS = 15_000


class UndoOffer:
    def __init__(self, window: QMainWindow) -> None:
        self.bar = window.statusBar()
        self.button = QPushButton("&Undo")
        self.button.setAccessibleName("Undo what was just done")
        self.button.setFlat(True)
        self.button.hide()
        self.bar.addPermanentWidget(self.button)
        self._undo: Callable[[], None] | None = None
        self._timer = QTimer(self.button)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.withdraw)
        self.button.clicked.connect(self._clicked)
        self.bar.messageChanged.connect(self._message_changed)
        self._text = ""

    def offer(self, text: str, undo: Callable[[], None], tip: str = "") -> None:
        """Show `text` as a confirmation with an Undo button that runs `undo`."""
        self._text = text
        self._undo = undo
        self.bar.showMessage(text, OFFER_MS)
        self.button.setToolTip(tip)
        self.button.show()
        self._timer.start(OFFER_MS)

    def withdraw(self) -> None:
        self._undo = None
        self._timer.stop()
        self.button.hide()

    def _message_changed(self, text: str) -> None:
        if text and text != self._text:  # another confirmation took the bar
            self.withdraw()

    def _clicked(self) -> None:
        undo = self._undo
        self.withdraw()
        if undo is not None:
            undo()


def undo_offer(window: QMainWindow) -> UndoOffer:
    """The window's offer, made on first use (nothing is built at start-up for it)."""
    offer = getattr(window, "_undo_offer", None)
    if offer is None:
        offer = UndoOffer(window)
        window._undo_offer = offer  # type: ignore[attr-defined]
    return offer
