"""Windows never open larger than the screen they are on."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_to_screen(window: QWidget) -> None:
    """Shrink to the screen's free area (an 800×600 screen, a size saved on a bigger one)."""
    screen = window.screen()
    if screen is None:
        return
    free = screen.availableGeometry()
    width, height = min(window.width(), free.width()), min(window.height(), free.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
        window.move(free.topLeft())
