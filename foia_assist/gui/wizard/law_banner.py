"""The line at the top of steps 2 to 6 that names the law the letter is written under."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def law_banner() -> QLabel:
    label = QLabel()
    label.setAccessibleName("Chosen law")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label
