"""Wizard pages 4-6: requester and options, review, finish."""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWizardPage,
)

from foia_assist.domain.lifecycle import Method
from foia_assist.domain.request import Options, Requester, is_valid_email
from foia_assist.gui.requester_form import RequesterFields
from foia_assist.gui.wizard.pages_a import ERROR_STYLE

if TYPE_CHECKING:
    from foia_assist.gui.wizard.wizard import RequestWizard


def _text_edit(name: str, placeholder: str = "", height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaximumHeight(height)
    edit.setTabChangesFocus(True)
    return edit


class RequesterPage(QWizardPage):
    def __init__(self, wizard: RequestWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("4. You and your options")
        self.setSubTitle("Your details go in the letter. Options ask for what the law allows.")
        outer = QHBoxLayout(self)
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
        form.addRow(self.remember)
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        outer.addWidget(you, 1)

        opts = QGroupBox("Options")
        opts_layout = QVBoxLayout(opts)
        of = QFormLayout()
        opts_layout.addLayout(of)
        opts_layout.addStretch(1)
        self.fee_waiver = QCheckBox("Ask for a fee waiver")
        self.fee_waiver.setAccessibleName("Ask for a fee waiver")
        self.fee_why = _text_edit(
            "Why fees should be waived", "e.g. the records will be published for the public"
        )
        self.fee_cap = QDoubleSpinBox()
        self.fee_cap.setAccessibleName("Fee limit in dollars")
        self.fee_cap.setRange(0, 100000)
        self.fee_cap.setDecimals(0)
        self.fee_cap.setPrefix("$")
        self.fee_cap.setSpecialValueText("No limit")
        self.fee_cap.setValue(50)
        self.expedited = QCheckBox("Ask for expedited processing")
        self.expedited.setAccessibleName("Ask for expedited processing")
        self.expedited_note = QLabel()
        self.expedited_note.setWordWrap(True)
        self.expedited_why = _text_edit("Why it is urgent")
        self.electronic = QCheckBox("Records in electronic form")
        self.preservation = QCheckBox("Ask the agency to preserve the records")
        self.rolling = QCheckBox("Release records as they are ready (rolling)")
        for box in (self.electronic, self.preservation, self.rolling):
            box.setChecked(True)
            box.setAccessibleName(box.text())
        of.addRow(self.fee_waiver)
        of.addRow("&Why:", self.fee_why)
        of.addRow("Ask before fees e&xceed:", self.fee_cap)
        of.addRow(self.expedited)
        of.addRow(self.expedited_note)
        of.addRow("Wh&y urgent:", self.expedited_why)
        of.addRow(self.electronic)
        of.addRow(self.preservation)
        of.addRow(self.rolling)
        outer.addWidget(opts, 1)
        for edit in (self.name, self.email):
            edit.textChanged.connect(self._changed)
        self.fee_waiver.toggled.connect(self._changed)
        self.expedited.toggled.connect(self._changed)
        self.fee_why.textChanged.connect(self._changed)
        self.expedited_why.textChanged.connect(self._changed)
        self.fill(wizard.deps.settings().requester)

    def fill(self, r: Requester) -> None:
        self.fields.fill(r)

    def initializePage(self) -> None:  # noqa: N802
        j = self.w.jurisdiction_page.jurisdiction()
        available = j is not None and j.expedited.available is not False
        self.expedited.setEnabled(available)
        if not available:
            self.expedited.setChecked(False)
        if j is None:
            self.expedited_note.setText("")
        elif j.expedited.available is None:
            self.expedited_note.setText(f"Unsettled in {j.name}: {j.expedited.note}")
        elif not available:
            self.expedited_note.setText(f"The {j.law_name} does not provide expedited processing.")
        else:
            self.expedited_note.setText(f"{j.expedited.note} ({j.expedited.citation})".strip())
        self._changed()

    def _changed(self, *_: Any) -> None:
        self.fee_why.setEnabled(self.fee_waiver.isChecked())
        self.expedited_why.setEnabled(self.expedited.isChecked())
        self.problem.setText(" ".join(self.problems()))
        self.completeChanged.emit()

    def problems(self) -> list[str]:
        out = []
        if not self.name.text().strip():
            out.append("Enter your name.")
        email = self.email.text().strip()
        if email and not is_valid_email(email):
            out.append(f"“{email}” is not a valid email address.")
        if self.expedited.isChecked() and not self.expedited_why.toPlainText().strip():
            out.append("Say why the request is urgent, or untick expedited processing.")
        return out

    def isComplete(self) -> bool:  # noqa: N802
        return not self.problems()

    def requester(self) -> Requester:
        return self.fields.requester()

    def options(self) -> Options:
        cap = self.fee_cap.value()
        return Options(
            fee_waiver=self.fee_waiver.isChecked(),
            fee_waiver_justification=self.fee_why.toPlainText().strip(),
            fee_cap=Decimal(str(int(cap))) if cap > 0 else None,
            expedited=self.expedited.isChecked(),
            expedited_justification=self.expedited_why.toPlainText().strip(),
            electronic_format=self.electronic.isChecked(),
            rolling_production=self.rolling.isChecked(),
            preservation=self.preservation.isChecked(),
        )


class ReviewPage(QWizardPage):
    def __init__(self, wizard: RequestWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("5. Review the letter")
        self.setSubTitle("Read it as the agency will. Go Back to change anything.")
        layout = QHBoxLayout(self)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Letter preview")
        layout.addWidget(self.preview, 3)
        side = QVBoxLayout()
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.deadline.setAccessibleName("Deadline if sent today")
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Warnings")
        side.addWidget(self.deadline)
        side.addWidget(self.warnings)
        side.addStretch(1)
        layout.addLayout(side, 2)
        self.ok = False

    def initializePage(self) -> None:  # noqa: N802
        self.refresh()

    def refresh(self) -> None:
        review = self.w.review()
        self.ok = review.error == ""
        if review.error:
            self.preview.setHtml(f"<p style='color:#a40000'>{html.escape(review.error)}</p>")
        else:
            self.preview.setHtml(review.letter_html)
        self.deadline.setText(review.deadline_text)
        warnings = [*review.warnings]
        self.warnings.setText(
            "<b>Before you send:</b><ul>"
            + "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
            + "</ul>"
            if warnings
            else ""
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.ok


class FinishPage(QWizardPage):
    def __init__(self, wizard: RequestWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("6. Save and track")
        self.setSubTitle("Save the letter, copy the email text, and add it to your tracker.")
        layout = QVBoxLayout(self)
        files = QGroupBox("Save the letter")
        ff = QFormLayout(files)
        row = QHBoxLayout()
        self.docx = QCheckBox("Word (.docx)")
        self.pdf = QCheckBox("PDF")
        self.txt = QCheckBox("Plain text")
        for box in (self.docx, self.pdf, self.txt):
            box.setAccessibleName(f"Save as {box.text()}")
            row.addWidget(box)
        self.docx.setChecked(True)
        self.pdf.setChecked(True)
        ff.addRow("Formats:", row)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Folder for the letters")
        self.choose = QPushButton("C&hoose…")
        self.choose.setAccessibleName("Choose the folder")
        self.choose.clicked.connect(self._choose)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder)
        ff.addRow(folder_label, folder_row)
        self.stem = QLineEdit()
        self.stem.setAccessibleName("File name")
        ff.addRow("File &name:", self.stem)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Save letter")
        self.save_button.setAccessibleName("Save the letter")
        self.save_button.clicked.connect(self.w.save_letters)
        self.copy_button = QPushButton("&Copy email text")
        self.copy_button.setAccessibleName("Copy the letter text for an email")
        self.copy_button.clicked.connect(self._copy)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        ff.addRow(buttons)
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.saved.setAccessibleName("Saved files")
        ff.addRow(self.saved)
        layout.addWidget(files)

        track = QGroupBox("Track it")
        tf = QFormLayout(track)
        self.track = QCheckBox("Add this request to my tracker")
        self.track.setAccessibleName("Add this request to my tracker")
        self.track.setChecked(True)
        self.as_drafted = QRadioButton("Not sent yet (drafted)")
        self.as_sent = QRadioButton("Sent today by")
        self.as_drafted.setChecked(True)
        self.group = QButtonGroup(self)
        self.group.addButton(self.as_drafted)
        self.group.addButton(self.as_sent)
        self.method = QComboBox()
        self.method.setAccessibleName("How it was sent")
        for m in Method:
            self.method.addItem(m.value.capitalize(), m)
        sent_row = QHBoxLayout()
        sent_row.addWidget(self.as_sent)
        sent_row.addWidget(self.method)
        sent_row.addStretch(1)
        tf.addRow(self.track)
        tf.addRow(self.as_drafted)
        tf.addRow(sent_row)
        layout.addWidget(track)
        layout.addStretch(1)
        self.saved_paths: list[Path] = []

    def initializePage(self) -> None:  # noqa: N802
        if not self.folder.text():
            self.folder.setText(str(self.w.deps.output_dir()))
        self.stem.setText(self.w.suggested_stem())

    def formats(self) -> list[str]:
        pairs = ((self.docx, ".docx"), (self.pdf, ".pdf"), (self.txt, ".txt"))
        return [suffix for box, suffix in pairs if box.isChecked()]

    def show_saved(self, paths: list[Path]) -> None:
        self.saved_paths = list(paths)
        self.saved.setText("Saved: " + ", ".join(str(p) for p in paths) if paths else "")

    def _choose(self) -> None:
        from foia_assist.gui import messages

        chosen = messages.ask_folder(self, "Folder for the letters", Path(self.folder.text()))
        if chosen is not None:
            self.folder.setText(str(chosen))

    def _copy(self) -> None:
        text = self.w.email_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.saved.setText("The letter text is on the clipboard: paste it into an email.")
