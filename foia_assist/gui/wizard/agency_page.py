"""Step 2: which agency. From the address book or typed in, checked as it is typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWizardPage,
)

from foia_assist.domain.jurisdictions import Level
from foia_assist.domain.request import Agency, is_valid_email, is_valid_url
from foia_assist.gui.screen_fit import scroll_when_short
from foia_assist.gui.styles import error_style
from foia_assist.gui.wizard.host import WizardHost, step_title
from foia_assist.gui.wizard.jurisdiction_page import chosen_law_text
from foia_assist.gui.wizard.law_banner import law_banner
from foia_assist.gui.wizard_agency_search import DirectoryPicker

LEVEL_LABELS = (
    ("federal", "Federal agency"),
    ("state", "State agency"),
    ("local", "Local: city, county, district, school or university"),
    ("tribal", "Tribal agency"),
)


class AgencyPage(QWizardPage):
    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(step_title(2, "Which agency?"))
        self.setSubTitle(
            "Find it in the directory, pick one from your address book or enter a new one."
        )
        layout = QVBoxLayout(self)
        self.law = law_banner()
        layout.addWidget(self.law)
        self.book = QComboBox()
        self.book.setAccessibleName("Address book")
        self.book.currentIndexChanged.connect(self._from_book)
        form = QFormLayout()
        form.addRow("From your &address book:", self.book)
        self.name = QLineEdit()
        self.name.setAccessibleName("Agency name")
        self.name.setPlaceholderText("e.g. Springfield Police Department")
        self.officer = QLineEdit()
        self.officer.setAccessibleName("Records officer")
        self.officer.setPlaceholderText("e.g. Public Records Officer")
        self.address = QPlainTextEdit()
        self.address.setAccessibleName("Postal address")
        # Two lines at least (a street and a city), even when the window is 640 pixels high.
        lines = self.address.fontMetrics().lineSpacing()
        self.address.setMinimumHeight(lines * 2 + 14)
        self.address.setMaximumHeight(max(70, lines * 4 + 14))
        self.address.setTabChangesFocus(True)
        self.email = QLineEdit()
        self.email.setAccessibleName("Records email address")
        self.portal = QLineEdit()
        self.portal.setAccessibleName("Records portal web address")
        self.portal.setPlaceholderText("https://…")
        # The kind of agency: which facts of the law hold for it (Washington's appeal routes
        # differ for state and local agencies; federal FOIA reaches only federal ones).
        self.level = QComboBox()
        self.level.setAccessibleName("Kind of agency")
        self.level.addItem("Not sure", None)
        for value, label in LEVEL_LABELS:
            self.level.addItem(label, value)
        self.level_note = QLabel()
        self.level_note.setWordWrap(True)
        self.level_note.setAccessibleName("What the kind of agency changes")
        self.level.currentIndexChanged.connect(self._level_changed)
        self.save_to_book = QCheckBox("Save this agency in my address book")
        self.save_to_book.setAccessibleName("Save this agency in my address book")
        self.save_to_book.setChecked(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(error_style())
        self.problem.setAccessibleName("Problems with the agency details")
        self.problem.setWordWrap(True)
        form.addRow("Agency na&me:", self.name)
        form.addRow("A&ttention:", self.officer)
        form.addRow("&Postal address:", self.address)
        form.addRow("&Email:", self.email)
        form.addRow("Web p&ortal:", self.portal)
        form.addRow("&Kind of agency:", self.level)
        form.addRow("", self.level_note)
        form.addRow("", self.save_to_book)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        for edit in (self.name, self.email, self.portal):
            edit.textChanged.connect(self._validate)
        self._stored: list[Any] = []
        book = wizard.deps.contact_book
        self.directory = (
            DirectoryPicker(self, book, wizard.select_jurisdiction, at=1) if book else None
        )
        # The directory search and the form need about 520 pixels: on a 1024×640 screen the
        # page scrolls rather than drawing the Email row over the postal address.
        scroll_when_short(self)

    def initializePage(self) -> None:  # noqa: N802
        j = self.w.chosen_jurisdiction()
        self.law.setText(chosen_law_text(j))
        if self.directory is not None:
            self.directory.set_jurisdiction(j.code if j else None)
        self._stored = self.w.deps.agencies(j.code) if j else []
        self.book.blockSignals(True)
        self.book.clear()
        self.book.addItem("New agency", None)
        for stored in self._stored:
            self.book.addItem(stored.agency.name, stored.id)
        self.book.blockSignals(False)
        if j is not None and j.is_federal and self.level_value() is None:
            self.level.setCurrentIndex(self.level.findData(Level.FEDERAL.value))
        self._level_changed()
        self._validate()

    def _level_changed(self, *_: Any) -> None:
        from foia_assist.services.letters.shared import level_warnings

        j = self.w.chosen_jurisdiction()
        level = self.level_value()
        notes = level_warnings(j, level) if j is not None else []
        from foia_assist.services.letters.law import depends_on_level

        differs = j is not None and any(depends_on_level(f) for f in j.facts)
        if not notes and j is not None and level is None and differs:
            notes = [
                f"Parts of the {j.law_name} differ by the kind of agency (such as who "
                "hears an appeal): choose it if you know it."
            ]
        self.level_note.setText(" ".join(notes))

    def level_value(self) -> Level | None:
        value = self.level.currentData()
        return Level(value) if value else None

    def _from_book(self, index: int) -> None:
        if index <= 0 or index > len(self._stored):
            return
        a = self._stored[index - 1].agency
        self.name.setText(a.name)
        self.officer.setText(a.records_officer)
        self.address.setPlainText(a.address)
        self.email.setText(a.email)
        self.portal.setText(a.portal_url)
        self.save_to_book.setChecked(False)

    def problems(self) -> list[str]:
        out = []
        if not self.name.text().strip():
            out.append("Enter the agency's name.")
        email = self.email.text().strip()
        if email and not is_valid_email(email):
            out.append(f"“{email}” is not a valid email address.")
        url = self.portal.text().strip()
        if url and not is_valid_url(url):
            out.append("The portal address must start with http:// or https://.")
        return out

    def _validate(self, *_: Any) -> None:
        self.problem.setText(" ".join(self.problems()) if self.name.text().strip() else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return not self.problems()

    def agency(self, code: str) -> Agency:
        return Agency(
            name=self.name.text().strip(),
            jurisdiction=code,
            address=self.address.toPlainText().strip(),
            email=self.email.text().strip(),
            portal_url=self.portal.text().strip(),
            records_officer=self.officer.text().strip(),
            level=self.level_value(),
        )

    def state(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "officer": self.officer.text(),
            "address": self.address.toPlainText(),
            "email": self.email.text(),
            "portal": self.portal.text(),
            "directory_id": self.directory.picked_id() if self.directory else "",
            "level": self.level.currentData(),
        }

    def restore(self, s: dict[str, Any]) -> None:
        self.name.setText(str(s.get("name", "")))
        self.officer.setText(str(s.get("officer", "")))
        self.address.setPlainText(str(s.get("address", "")))
        self.email.setText(str(s.get("email", "")))
        self.portal.setText(str(s.get("portal", "")))
        if self.directory is not None:
            self.directory.restore(str(s.get("directory_id", "")))
        found = self.level.findData(s.get("level"))
        self.level.setCurrentIndex(found if found >= 0 else 0)
