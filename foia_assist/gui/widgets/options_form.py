"""The request options (fee waiver and limit, expedited, electronic, preservation, rolling).

One form for the wizard and the bulk dialog. Bulk letters go to many states, so there the
expedited part is left out: whether it exists and what it needs differs by state.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from foia_assist.domain.request import Options

if TYPE_CHECKING:
    from foia_assist.domain.jurisdictions import Jurisdiction


def text_edit(name: str, placeholder: str = "", height: int = 60) -> QPlainTextEdit:
    """A short multi-line box where Tab moves on (it never types a tab into a letter)."""
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaximumHeight(height)
    edit.setTabChangesFocus(True)
    return edit


class OptionsForm(QGroupBox):
    changed = Signal()

    def __init__(
        self, *, with_expedited: bool, agencies: str = "the agency", parent: QWidget | None = None
    ) -> None:
        super().__init__("Options", parent)
        self.setAccessibleName("Request options")
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.fee_waiver = QCheckBox("Ask for a fee &waiver")
        self.fee_waiver.setAccessibleName("Ask for a fee waiver")
        self.fee_why = text_edit(
            "Why fees should be waived", "e.g. the records will be published for the public"
        )
        self.fee_cap = QDoubleSpinBox()
        self.fee_cap.setAccessibleName("Fee limit in dollars")
        self.fee_cap.setRange(0, 100000)
        self.fee_cap.setDecimals(0)
        self.fee_cap.setPrefix("$")
        self.fee_cap.setSpecialValueText("No limit")
        self.fee_cap.setValue(50)
        form.addRow(self.fee_waiver)
        form.addRow("Wh&y:", self.fee_why)
        form.addRow("Ask before fees e&xceed:", self.fee_cap)
        self.expedited = QCheckBox("Ask for expedited processing")
        self.expedited.setAccessibleName("Ask for expedited processing")
        self.expedited_note = QLabel()
        self.expedited_note.setWordWrap(True)
        self.expedited_note.setAccessibleName("Expedited processing under this law")
        self.expedited_why = text_edit("Why it is urgent")
        self.with_expedited = with_expedited
        if with_expedited:
            form.addRow(self.expedited)
            form.addRow(self.expedited_note)
            form.addRow("Why &urgent:", self.expedited_why)
        self.electronic = QCheckBox("Records in electronic f&orm")
        self.preservation = QCheckBox(f"Ask {agencies} to &preserve the records")
        self.rolling = QCheckBox("Release records as they are ready (&rolling)")
        for box in (self.electronic, self.preservation, self.rolling):
            box.setChecked(True)
            box.setAccessibleName(box.text().replace("&", ""))
            form.addRow(box)
        self.form = form
        for box in (self.fee_waiver, self.expedited):
            box.toggled.connect(self._changed)
        for edit in (self.fee_why, self.expedited_why):
            edit.textChanged.connect(self._changed)
        self._changed()

    def _changed(self, *_: Any) -> None:
        self.fee_why.setEnabled(self.fee_waiver.isChecked())
        self.expedited_why.setEnabled(self.expedited.isChecked())
        self.changed.emit()

    def set_jurisdiction(self, j: Jurisdiction | None) -> None:
        """Expedited processing where the law offers it, with what the law says of it."""
        from foia_assist.services.law import provision_available, provision_sentence

        provided = provision_available(j, "expedited") if j is not None else None
        available = j is not None and provided is not False
        self.expedited.setEnabled(available)
        if not available:
            self.expedited.setChecked(False)
        # What the law says of it: the facts' statements or the table's yes/no with its
        # citation, never the table's research note.
        self.expedited_note.setText(provision_sentence(j, "expedited") if j is not None else "")
        self.expedited.setToolTip(
            "" if available else self.expedited_note.text() or "Choose a law first."
        )

    def problems(self) -> list[str]:
        out = []
        if self.fee_waiver.isChecked() and not self.fee_why.toPlainText().strip():
            out.append("Say why fees should be waived, or untick the fee waiver.")
        if self.expedited.isChecked() and not self.expedited_why.toPlainText().strip():
            out.append("Say why the request is urgent, or untick expedited processing.")
        return out

    def options(self, base: Options | None = None) -> Options:
        cap = self.fee_cap.value()
        return replace(
            base or Options(),
            fee_waiver=self.fee_waiver.isChecked(),
            fee_waiver_justification=self.fee_why.toPlainText().strip(),
            fee_cap=Decimal(str(int(cap))) if cap > 0 else None,
            expedited=self.expedited.isChecked()
            if self.with_expedited
            else (base.expedited if base else False),
            expedited_justification=self.expedited_why.toPlainText().strip()
            if self.with_expedited
            else (base.expedited_justification if base else ""),
            electronic_format=self.electronic.isChecked(),
            rolling_production=self.rolling.isChecked(),
            preservation=self.preservation.isChecked(),
        )

    def set_options(self, o: Options) -> None:
        self.fee_waiver.setChecked(o.fee_waiver)
        self.fee_why.setPlainText(o.fee_waiver_justification)
        self.fee_cap.setValue(float(o.fee_cap or 0))
        if self.with_expedited:
            self.expedited.setChecked(o.expedited)
            self.expedited_why.setPlainText(o.expedited_justification)
        self.electronic.setChecked(o.electronic_format)
        self.preservation.setChecked(o.preservation)
        self.rolling.setChecked(o.rolling_production)

    def restore(self, o: dict[str, Any]) -> None:
        """From a saved wizard draft (values as the draft file stores them)."""
        self.fee_waiver.setChecked(bool(o.get("fee_waiver", False)))
        self.fee_why.setPlainText(str(o.get("fee_waiver_justification", "")))
        self.fee_cap.setValue(float(o.get("fee_cap") or 0))
        self.expedited.setChecked(bool(o.get("expedited", False)))
        self.expedited_why.setPlainText(str(o.get("expedited_justification", "")))
        self.electronic.setChecked(bool(o.get("electronic_format", True)))
        self.preservation.setChecked(bool(o.get("preservation", True)))
        self.rolling.setChecked(bool(o.get("rolling_production", True)))
