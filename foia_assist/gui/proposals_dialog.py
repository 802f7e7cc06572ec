"""Confirm or edit the events an agency's reply announces, before any is logged.

Each proposal shows the sentence it rests on; its date (and new date, days, amount,
exemptions, partial release) can be corrected; unticked ones are not logged. Logging goes
through the tracker, so an event that cannot follow (an extension after a denial…) is refused
with the tracker's own words and the others are still logged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from foia_assist.errors import UserError
from foia_assist.gui.widgets.date_field import DateField
from foia_assist.services.casefile.reply_reader import Suggestion

KIND_LABELS = {
    "acknowledged": "Acknowledged the request",
    "extension": "Extended the deadline",
    "fee_estimate": "Sent a fee estimate (the clock pauses)",
    "clarification_requested": "Asked you to clarify (the clock pauses)",
    "records_released": "Released records",
    "denied": "Denied or withheld records",
}


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class _ProposalBox(QGroupBox):
    def __init__(self, source: str, s: Suggestion, today: date) -> None:
        super().__init__(KIND_LABELS.get(s.kind, s.kind))
        self.source, self.suggestion = source, s
        self.use = QCheckBox("Log this event")
        self.use.setChecked(True)
        evidence = QLabel(f"“{s.evidence}” — {source}")
        evidence.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.use)
        form.addRow(evidence)
        self.day = DateField(_qdate(s.date or today))
        self.day.setMaximumDate(_qdate(today))
        self.day.setAccessibleName("Date of the event")
        form.addRow("Date:", self.day)
        self.new_date: QDateEdit | None = None
        self.days: QSpinBox | None = None
        self.amount: QLineEdit | None = None
        self.exemptions: QLineEdit | None = None
        self.partial: QCheckBox | None = None
        if s.kind == "extension":
            if s.new_date is not None or s.days is None:
                self.new_date = DateField(_qdate(s.new_date or today))
                self.new_date.setAccessibleName("New due date")
                form.addRow("New due date:", self.new_date)
            else:
                self.days = QSpinBox()
                self.days.setRange(1, 3650)
                self.days.setValue(s.days)
                self.days.setAccessibleName("More days")
                form.addRow("More days:", self.days)
        if s.kind == "fee_estimate":
            self.amount = QLineEdit("" if s.amount is None else f"{s.amount:.2f}")
            self.amount.setAccessibleName("Amount in dollars")
            form.addRow("Amount ($):", self.amount)
        if s.kind == "denied":
            self.exemptions = QLineEdit("; ".join(s.exemptions))
            self.exemptions.setAccessibleName("Exemptions cited, separated by semicolons")
            form.addRow("Exemptions cited:", self.exemptions)
        if s.kind == "records_released":
            self.partial = QCheckBox("Only part of the records (the rest withheld or to follow)")
            self.partial.setChecked(s.partial)
            form.addRow(self.partial)

    def confirmed(self) -> Suggestion | None:
        if not self.use.isChecked():
            return None
        s = replace(self.suggestion, date=_date(self.day.date()))
        if self.new_date is not None:
            s = replace(s, new_date=_date(self.new_date.date()), days=None)
        if self.days is not None:
            s = replace(s, days=self.days.value())
        if self.amount is not None:
            try:
                s = replace(s, amount=Decimal(self.amount.text().replace("$", "").replace(",", "")))
            except InvalidOperation:
                s = replace(s, amount=None)
        if self.exemptions is not None:
            parts = tuple(x.strip() for x in self.exemptions.text().split(";") if x.strip())
            s = replace(s, exemptions=parts)
        if self.partial is not None:
            s = replace(s, partial=self.partial.isChecked())
        return s


class ProposalsDialog(QDialog):
    """Shows the proposals; `log_all` logs the ticked ones and returns the problems."""

    def __init__(
        self, proposals: list[tuple[str, Suggestion]], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("What the agency's reply announces")
        intro = QLabel(
            "FOIA Assist read these events in the reply. Check each against the sentence it "
            "rests on, correct it if needed, and untick any that is wrong. Nothing is logged "
            "until you press Log events."
        )
        intro.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        self.boxes = [_ProposalBox(source, s, today) for source, s in proposals]
        for box in self.boxes:
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop drawn nowhere otherwise
        scroll.setWidget(body)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Log events")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def confirmed(self) -> list[tuple[str, Suggestion]]:
        out = []
        for box in self.boxes:
            s = box.confirmed()
            if s is not None:
                out.append((box.source, s))
        return out

    def log_all(self, log: Callable[[str, Suggestion], object]) -> list[str]:
        """Log every ticked proposal through `log(source, suggestion)`; the refusals."""
        problems = []
        for source, s in self.confirmed():
            try:
                log(source, s)
            except (UserError, ValueError) as exc:
                problems.append(f"{KIND_LABELS.get(s.kind, s.kind)}: {exc}")
        return problems
