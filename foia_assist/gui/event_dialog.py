"""Small dialogs for the tracker: log one event (fields depend on its kind), set a reminder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from foia_assist.domain.lifecycle import EventKind, Method
from foia_assist.gui.widgets.date_field import DateField

if TYPE_CHECKING:
    from foia_assist.domain.jurisdictions import Jurisdiction

# What the user can log by hand ("drafted" is logged when the request is made).
LOGGABLE: tuple[tuple[EventKind, str, str], ...] = (
    (EventKind.SENT, "Sent", "You sent the request."),
    (EventKind.RECEIVED, "Received by the agency", "The date the agency got it starts the clock."),
    (EventKind.ACKNOWLEDGED, "Acknowledged", "The agency confirmed it has the request."),
    (
        EventKind.CLARIFICATION_REQUESTED,
        "Agency asked for clarification",
        "The clock pauses until you answer.",
    ),
    (EventKind.CLARIFICATION_ANSWERED, "You answered", "The clock starts again."),
    (EventKind.FEE_ESTIMATE, "Fee estimate", "The clock pauses until you pay or agree."),
    (EventKind.FEE_PAID, "Fee paid or agreed", "The clock starts again."),
    (EventKind.EXTENSION, "Extension", "The agency took more time: days or a new date."),
    (
        EventKind.FOLLOW_UP_SENT,
        "Follow-up sent",
        "You chased a late answer (letter, email or call); the next step then says so.",
    ),
    (EventKind.RECORDS_RELEASED, "Records released", "All of them, or a partial release."),
    (EventKind.DENIED, "Denied", "Note the exemptions the agency cited."),
    (EventKind.APPEAL_FILED, "Appeal filed", ""),
    (EventKind.APPEAL_DECIDED, "Appeal decided", ""),
    (EventKind.WITHDRAWN, "Withdrawn", "No follow-up will be suggested."),
    (EventKind.NOTE, "Note", "Anything worth remembering."),
)
LABELS = {kind: label for kind, label, _ in LOGGABLE}
# The Log event menu's items with their keys (no two alike: trial J6); the dialogs' titles
# use LABELS. Chosen by hand so that each key is a letter one would guess.
MENU_LABELS = {
    EventKind.SENT: "&Sent",
    EventKind.RECEIVED: "&Received by the agency",
    EventKind.ACKNOWLEDGED: "Ac&knowledged",
    EventKind.CLARIFICATION_REQUESTED: "Agency asked for &clarification",
    EventKind.CLARIFICATION_ANSWERED: "&You answered",
    EventKind.FEE_ESTIMATE: "Fee &estimate",
    EventKind.FEE_PAID: "Fee &paid or agreed",
    EventKind.EXTENSION: "E&xtension",
    EventKind.FOLLOW_UP_SENT: "F&ollow-up sent",
    EventKind.RECORDS_RELEASED: "Records re&leased",
    EventKind.DENIED: "&Denied",
    EventKind.APPEAL_FILED: "Appeal &filed",
    EventKind.APPEAL_DECIDED: "&Appeal decided",
    EventKind.WITHDRAWN: "&Withdrawn",
    EventKind.NOTE: "&Note",
}


@dataclass
class EventInput:
    kind: EventKind
    day: date
    note: str = ""
    method: Method | None = None
    days: int | None = None
    new_date: date | None = None
    partial: bool = False
    message_id: str = ""
    exemptions: list[str] = field(default_factory=list)


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _date_edit(value: date, name: str) -> QDateEdit:
    edit = DateField(to_qdate(value))
    edit.setAccessibleName(name)
    return edit


def extension_words(law: Jurisdiction | None) -> str:
    """What the request's law says of extensions, in one or two sentences."""
    if law is None:
        return "The law of this request is not known: check how long an extension may be."
    ext = law.extension
    if ext is None:
        # No [extension] table means the rule file records no extension rule, not that the
        # law has none (Texas: § 552.221(d) lets the officer certify a later date; unread).
        return (
            f"FOIA Assist records no extension rule for the {law.law_name}: check the law "
            f"(`foia-assist law {law.code}` lists what was read) before accepting one. Log it "
            "if the agency claimed one, and consider a follow-up."
        )
    conditions = ext.conditions.strip().rstrip(".")
    when = f" {conditions[:1].upper()}{conditions[1:]}." if conditions else ""
    if ext.days is None:
        return f"The {law.law_name} allows more time but sets no number ({ext.citation}).{when}"
    kind = f" {ext.day_type.value}" if ext.day_type is not None else ""
    return f"The {law.law_name} allows at most {ext.days}{kind} days more ({ext.citation}).{when}"


class EventDialog(QDialog):
    """Log one event of `kind`; only the fields that kind takes are shown."""

    def __init__(
        self,
        kind: EventKind,
        today: date,
        parent: QWidget | None = None,
        *,
        law: Jurisdiction | None = None,
        late_check: Callable[[date], str] | None = None,
    ) -> None:
        """`law`: the request's jurisdiction; an extension defaults to, and is limited by,
        the extension that law allows (and says so). `late_check`: for an extension, the
        warning when one noticed on a given day came after the original due date ("" if
        not), shown before the extension is logged."""
        super().__init__(parent)
        self.kind = kind
        label = LABELS.get(kind, kind.value)
        self.setWindowTitle(f"Log: {label}")
        self.setAccessibleName(f"Log event: {label}")
        # Wide enough for its title, the hints and a citation (it opened 230 pixels wide).
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        layout = QVBoxLayout(self)
        hint = next((h for k, _, h in LOGGABLE if k is kind), "")
        if hint:
            text = QLabel(hint)
            text.setWordWrap(True)
            layout.addWidget(text)
        form = QFormLayout()
        layout.addLayout(form)
        self.date_edit = _date_edit(today, "Date")
        self.date_edit.setMaximumDate(to_qdate(today))  # events are logged when they happen
        form.addRow("&Date:", self.date_edit)

        self.method = QComboBox()
        self.method.setAccessibleName("How it was sent")
        for m in Method:
            self.method.addItem(m.value.capitalize(), m)
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Reference or message ID")
        self.days = QSpinBox()
        self.days.setRange(0, 365)
        self.days.setSpecialValueText("—")
        self.days.setAccessibleName("Extra days")
        self.new_date = _date_edit(today, "New due date")
        self.use_new_date = QCheckBox("The agency set a new due date instead")
        self.use_new_date.setAccessibleName("Use a new due date")
        self.partial = QCheckBox("Only part of the records (partial release)")
        self.partial.setAccessibleName("Partial release")
        self.exemptions = QLineEdit()
        # A federal example only for a federal request: a state denial cites the state's law.
        federal = law is not None and law.is_federal
        self.exemptions.setPlaceholderText(
            "e.g. 5 U.S.C. 552(b)(7)(E); separate with ;"
            if federal
            else "The sections the agency cited; separate with ;"
        )
        hint = self.exemptions.placeholderText()
        self.exemptions.setMinimumWidth(self.exemptions.fontMetrics().horizontalAdvance(hint) + 24)
        self.exemptions.setAccessibleName("Exemptions cited")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")

        if kind is EventKind.SENT:
            form.addRow("&Method:", self.method)
            form.addRow("&Reference:", self.reference)
        if kind is EventKind.EXTENSION:
            self.law_note = QLabel(extension_words(law))
            self.law_note.setWordWrap(True)
            self.law_note.setAccessibleName("The extension the law allows")
            form.addRow(self.law_note)
            ext = law.extension if law is not None else None
            if ext is not None and ext.days is not None:
                self.days.setRange(1, ext.days)
                self.days.setValue(ext.days)
                if ext.day_type is not None:
                    self.days.setSuffix(f" {ext.day_type.value} days")
                self.days.setToolTip(f"At most {ext.days}: {ext.citation}")
            else:
                self.days.setValue(10)
            # A notice after the original due date: said before saving (trial J1).
            self.late_warning = QLabel()
            self.late_warning.setWordWrap(True)
            self.late_warning.setAccessibleName("Late extension warning")
            self.late_warning.setStyleSheet("QLabel { font-weight: bold; }")
            self.late_warning.setVisible(False)
            form.addRow(self.late_warning)
            self._late_check = late_check
            self.date_edit.dateChanged.connect(self._show_late_warning)
            self._show_late_warning()
            form.addRow("E&xtra days:", self.days)
            form.addRow("", self.use_new_date)
            form.addRow("New &due date:", self.new_date)
            self.new_date.setEnabled(False)
            self.use_new_date.toggled.connect(self._toggle_new_date)
        if kind is EventKind.RECORDS_RELEASED:
            form.addRow("", self.partial)
        if kind in (EventKind.DENIED, EventKind.RECORDS_RELEASED):
            form.addRow("&Exemptions:", self.exemptions)
        if kind in (EventKind.ACKNOWLEDGED, EventKind.RECEIVED):
            form.addRow("&Tracking no.:", self.reference)
            self.reference.setAccessibleName("Agency tracking number")
        form.addRow("&Note:", self.note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Log")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons

    def _show_late_warning(self) -> None:
        check = self._late_check
        text = check(from_qdate(self.date_edit.date())) if check is not None else ""
        self.late_warning.setText(f"⚠ Late notice. {text}" if text else "")
        self.late_warning.setVisible(bool(text))

    def _toggle_new_date(self, on: bool) -> None:
        self.new_date.setEnabled(on)
        self.days.setEnabled(not on)

    def value(self) -> EventInput:
        kind = self.kind
        out = EventInput(kind, from_qdate(self.date_edit.date()), note=self.note.text().strip())
        if kind is EventKind.SENT:
            out.method = self.method.currentData()
            out.message_id = self.reference.text().strip()
        if kind is EventKind.EXTENSION:
            if self.use_new_date.isChecked():
                out.new_date = from_qdate(self.new_date.date())
            else:
                out.days = self.days.value() or None
        if kind is EventKind.RECORDS_RELEASED:
            out.partial = self.partial.isChecked()
        if kind in (EventKind.DENIED, EventKind.RECORDS_RELEASED):
            out.exemptions = [x.strip() for x in self.exemptions.text().split(";") if x.strip()]
        return out

    def tracking_number(self) -> str:
        if self.kind in (EventKind.ACKNOWLEDGED, EventKind.RECEIVED):
            return self.reference.text().strip()
        return ""


class ReminderDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set a reminder")
        self.setAccessibleName("Set a reminder")
        # As wide as the event dialogs: it opened 245 pixels wide, title and hint cut.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        form = QFormLayout(self)
        from datetime import timedelta

        self.date_edit = _date_edit(today + timedelta(days=7), "Remind me on")
        self.date_edit.setMinimumDate(to_qdate(today))
        self.note = QLineEdit()
        self.note.setAccessibleName("Reminder note")
        self.note.setPlaceholderText("e.g. call the records office")
        form.addRow("Remind me &on:", self.date_edit)
        form.addRow("&Note:", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> tuple[date, str]:
        return from_qdate(self.date_edit.date()), self.note.text().strip()
