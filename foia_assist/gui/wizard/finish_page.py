"""Step 6: save the letter (Word, PDF, text), copy it for an email, add it to the tracker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from foia_assist.domain.lifecycle import Method
from foia_assist.gui import messages
from foia_assist.gui.wizard.host import WizardHost, step_title
from foia_assist.gui.wizard.jurisdiction_page import chosen_law_text
from foia_assist.gui.wizard.law_banner import law_banner


class FinishPage(QWizardPage):
    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(step_title(6, "Save and track"))
        self.setSubTitle("Save the letter, copy the email text, and add it to your tracker.")
        layout = QVBoxLayout(self)
        self.law = law_banner()
        layout.addWidget(self.law)
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
        folder_label = QLabel("F&older:")
        folder_label.setBuddy(self.folder)
        ff.addRow(folder_label, folder_row)
        self.stem = QLineEdit()
        self.stem.setAccessibleName("File name")
        ff.addRow("File na&me:", self.stem)
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
        # The letter's subject line, to paste into the email's Subject (the copied text is
        # the body; trial 3 T9).
        self.subject = QLineEdit()
        self.subject.setReadOnly(True)
        self.subject.setAccessibleName("Email subject")
        self.subject.setToolTip("Paste this into the email's Subject line.")
        subject_label = QLabel("Email s&ubject:")
        subject_label.setBuddy(self.subject)
        ff.addRow(subject_label, self.subject)
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.saved.setAccessibleName("Saved files")
        ff.addRow(self.saved)
        after = QHBoxLayout()
        self.open_button = QPushButton("O&pen the letter")
        self.open_button.setAccessibleName("Open the saved letter")
        self.open_button.clicked.connect(self._open_first)
        self.folder_button = QPushButton("Show in fo&lder")
        self.folder_button.setAccessibleName("Show the saved letter in its folder")
        self.folder_button.clicked.connect(self._open_folder)
        for b in (self.open_button, self.folder_button):
            b.hide()  # once something is saved
            after.addWidget(b)
        after.addStretch(1)
        ff.addRow(after)
        layout.addWidget(files)

        track = QGroupBox("Track it")
        tf = QFormLayout(track)
        self.track = QCheckBox("Add this request to my trac&ker")
        self.track.setAccessibleName("Add this request to my tracker")
        self.track.setChecked(True)
        self.as_drafted = QRadioButton("Not sent &yet (drafted)")
        self.as_sent = QRadioButton("Sen&t today by")  # keys: trial 3, T16
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
        self.law.setText(chosen_law_text(self.w.chosen_jurisdiction()))
        if not self.folder.text():
            self.folder.setText(str(self.w.deps.output_dir()))
        self.stem.setText(self.w.suggested_stem())
        self.subject.setText(self.w.email_subject())
        self.subject.setCursorPosition(0)

    def formats(self) -> list[str]:
        pairs = ((self.docx, ".docx"), (self.pdf, ".pdf"), (self.txt, ".txt"))
        return [suffix for box, suffix in pairs if box.isChecked()]

    def show_saved(self, paths: list[Path]) -> None:
        self.saved_paths = list(paths)
        self.saved.setText(
            "Saved: " + ", ".join(str(p) for p in paths) + ". Next: send it, then Finish "
            "adds it to your tracker."
            if paths
            else ""
        )
        for b in (self.open_button, self.folder_button):
            b.setVisible(bool(paths))

    def _open_first(self) -> None:
        if self.saved_paths:
            messages.open_or_explain(self, self.saved_paths[0])

    def _open_folder(self) -> None:
        if self.saved_paths:
            messages.open_or_explain(self, self.saved_paths[0].parent)

    def _choose(self) -> None:
        chosen = messages.ask_folder(self, "Folder for the letters", Path(self.folder.text()))
        if chosen is not None:
            self.folder.setText(str(chosen))

    def _copy(self) -> None:
        text = self.w.email_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            copied = "The letter text is on the clipboard: paste it into an email."
            # Added to the "Saved: …" line, not instead of it (the paths vanished).
            saved = "Saved: " + ", ".join(str(p) for p in self.saved_paths) + ". "
            self.saved.setText((saved if self.saved_paths else "") + copied)
