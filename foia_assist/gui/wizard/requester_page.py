"""Step 4: who asks, and the options the law allows (fee waiver, expedited, and so on)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWizardPage,
)

from foia_assist.domain.request import Options, Requester, is_valid_email
from foia_assist.gui.styles import error_style
from foia_assist.gui.widgets.options_form import OptionsForm
from foia_assist.gui.widgets.requester_form import RequesterFields
from foia_assist.gui.wizard.host import WizardHost, step_title
from foia_assist.gui.wizard.jurisdiction_page import chosen_law_text
from foia_assist.gui.wizard.law_banner import law_banner


class RequesterPage(QWizardPage):
    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(step_title(4, "You and your options"))
        self.setSubTitle("Your details go in the letter. Options ask for what the law allows.")
        page = QVBoxLayout(self)
        self.law = law_banner()
        page.addWidget(self.law)
        outer = QHBoxLayout()
        page.addLayout(outer, 1)
        you = QGroupBox("You")
        you_layout = QVBoxLayout(you)
        form = QFormLayout()
        you_layout.addLayout(form)
        you_layout.addStretch(1)
        self.remember = QCheckBox("Remember my details on this computer")
        self.remember.setAccessibleName("Remember my details")
        self.remember.setChecked(True)
        self.fields = RequesterFields(form)
        # Tests and the draft file read the fields by these names.
        f = self.fields
        self.name, self.organisation, self.address = f.name, f.organisation, f.address
        self.email, self.phone, self.residence = f.email, f.phone, f.residence
        self.news_media = f.news_media
        # Where the law names who may ask, the requester's basis in the statute's words.
        self.basis = QComboBox()
        self.basis.setAccessibleName("Who may ask: your basis in the law's words")
        self.basis_label = QLabel("Who may as&k:")
        self.basis_label.setBuddy(self.basis)
        self.basis_note = QLabel()
        self.basis_note.setWordWrap(True)
        self.basis_note.setAccessibleName("Who the law lets ask")
        form.addRow(self.basis_label, self.basis)
        form.addRow(self.basis_note)
        self.basis.currentIndexChanged.connect(self._changed)
        for widget in (self.basis, self.basis_label, self.basis_note):
            widget.setVisible(False)
        form.addRow(self.remember)
        self.problem = QLabel()
        self.problem.setStyleSheet(error_style())
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problems with your details")
        form.addRow(self.problem)
        outer.addWidget(you, 1)

        self.options_form = OptionsForm(with_expedited=True)
        o = self.options_form
        self.fee_waiver, self.fee_why, self.fee_cap = o.fee_waiver, o.fee_why, o.fee_cap
        self.expedited, self.expedited_note = o.expedited, o.expedited_note
        self.expedited_why = o.expedited_why
        self.electronic, self.preservation, self.rolling = o.electronic, o.preservation, o.rolling
        outer.addWidget(o, 1)
        for edit in (self.name, self.email):
            edit.textChanged.connect(self._changed)
        o.changed.connect(self._changed)
        self.fill(wizard.deps.settings().requester)

    def fill(self, r: Requester) -> None:
        self.fields.fill(r)

    def initializePage(self) -> None:  # noqa: N802
        j = self.w.chosen_jurisdiction()
        self.law.setText(chosen_law_text(j))
        self.options_form.set_jurisdiction(j)
        self._set_bases(j)
        self._changed()

    def _set_bases(self, j: Any) -> None:
        """Offer the law's bases (in its words) where it limits who may ask; else hide."""
        facts = [f for f in j.facts if f.topic == "requesters" and f.bases] if j else []
        chosen = self.basis.currentData()
        self.basis.blockSignals(True)
        self.basis.clear()
        if facts:
            self.basis.addItem("None of these describes me", "")
            for basis in facts[0].bases:
                self.basis.addItem(basis, basis)
            found = self.basis.findData(chosen)
            self.basis.setCurrentIndex(found if found >= 0 else 0)
            self.basis_note.setText(
                f"The {j.law_name} lets only these ask ({facts[0].citation}). Choose the one "
                "that describes you: the letter states it in the law's words. If none does, "
                "ask someone it describes to send the request."
            )
        else:
            self.basis_note.setText("")
        self.basis.blockSignals(False)
        for widget in (self.basis, self.basis_label, self.basis_note):
            widget.setVisible(bool(facts))

    def _changed(self, *_: Any) -> None:
        self.problem.setText(" ".join(self.problems()))
        self.completeChanged.emit()

    def problems(self) -> list[str]:
        out = []
        if not self.name.text().strip():
            out.append("Enter your name.")
        email = self.email.text().strip()
        if email and not is_valid_email(email):
            out.append(f"“{email}” is not a valid email address.")
        return out + self.options_form.problems()

    def isComplete(self) -> bool:  # noqa: N802
        return not self.problems()

    def requester(self) -> Requester:
        from dataclasses import replace

        basis = self.basis.currentData() if self.basis.isVisibleTo(self) else ""
        return replace(self.fields.requester(), basis=basis or "")

    def options(self) -> Options:
        return self.options_form.options()
