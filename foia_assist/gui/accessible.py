"""Small helpers so that every control has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QToolButton


def with_clear_button(edit: QLineEdit, what: str) -> QLineEdit:
    """A line edit with Qt's clear button, named ("Clear the search") for screen readers."""
    edit.setClearButtonEnabled(True)
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(f"Clear {what}")
        button.setToolTip(f"Clear {what}")
    return edit
