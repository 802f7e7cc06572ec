"""Step 3: which records. The catalogue's categories, vendors, dates and own items."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizardPage

from foia_assist.gui.styles import error_style
from foia_assist.gui.widgets.records_form import RecordsWidget
from foia_assist.gui.wizard.host import WizardHost, step_title
from foia_assist.gui.wizard.jurisdiction_page import chosen_law_text
from foia_assist.gui.wizard.law_banner import law_banner


class RecordsPage(QWizardPage):
    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(step_title(3, "Which records?"))
        self.setSubTitle(
            "Tick what to ask for; each category explains what it covers and how to get it."
        )
        layout = QVBoxLayout(self)
        self.law = law_banner()
        layout.addWidget(self.law)
        self.records = RecordsWidget(wizard.deps.catalogue)
        self.records.changed.connect(self._changed)
        layout.addWidget(self.records)
        self.problem = QLabel()
        self.problem.setStyleSheet(error_style())
        layout.addWidget(self.problem)

    def initializePage(self) -> None:  # noqa: N802
        j = self.w.chosen_jurisdiction()
        self.law.setText(chosen_law_text(j))
        self.records.set_jurisdiction(
            j.code if j else "", self.w.deps.today(), self.w.chosen_level(), self.w.agency_name()
        )
        self._changed()

    def _changed(self) -> None:
        self.problem.setText(self.records.problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return not self.records.problem()
