"""A date box whose Tab key moves on to the next field, as in every other box of a form.

Qt's QDateEdit takes Tab to move between its own year, month and day: a keyboard user who
pressed Tab after the Date to reach "Exemptions" typed "c. 4, s. 7(26)(f)" into the month
and day (the date became 2026-04-07 and the words were lost). Here Tab and Shift+Tab leave
the box; the arrow keys still move between its parts, and typing a whole date still works.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget


class DateField(QDateEdit):
    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if value is not None:
            self.setDate(value)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 (Qt's names)
        # QDateTimeEdit's version selects the next section instead of leaving the box.
        return QWidget.focusNextPrevChild(self, next)
