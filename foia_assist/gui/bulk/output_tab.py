"""Tab 4: where the letters go, in which formats, the sent date, and tracking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from foia_assist.gui import messages
from foia_assist.gui.event_dialog import from_qdate, to_qdate
from foia_assist.gui.widgets.date_field import DateField


class OutputTab(QWidget):
    changed = Signal()

    def __init__(self, start_dir: Path, today: Callable[[], date], can_track: bool) -> None:
        super().__init__()
        self.start_dir = start_dir
        form = QFormLayout(self)
        folder_row = QHBoxLayout()
        self.out_dir = QLineEdit()
        self.out_dir.setAccessibleName("Output folder")
        self.out_dir.setPlaceholderText(
            "A folder for the letters, manifest.csv and rejected-rows.csv"
        )
        self.out_dir.textChanged.connect(lambda _: self.changed.emit())
        self.out_browse = QPushButton("B&rowse…")
        self.out_browse.setAccessibleName("Choose the output folder")
        self.out_browse.clicked.connect(self.browse)
        folder_row.addWidget(self.out_dir, 1)
        folder_row.addWidget(self.out_browse)
        folder_label = QLabel("Output &folder:")
        folder_label.setBuddy(self.out_dir)
        form.addRow(folder_label, folder_row)

        formats = QHBoxLayout()
        self.fmt_docx = QCheckBox("&Word (DOCX)")
        self.fmt_docx.setAccessibleName("Write DOCX files")
        self.fmt_pdf = QCheckBox("&PDF")
        self.fmt_pdf.setAccessibleName("Write PDF files")
        self.fmt_txt = QCheckBox("Plain &text")
        self.fmt_txt.setAccessibleName("Write plain text files")
        self.fmt_docx.setChecked(True)
        for box in (self.fmt_docx, self.fmt_pdf, self.fmt_txt):
            box.toggled.connect(lambda _: self.changed.emit())
            formats.addWidget(box)
        formats.addStretch(1)
        form.addRow("Formats:", formats)
        self.make_zip = QCheckBox("Also make a &ZIP of the folder (beside it)")
        self.make_zip.setAccessibleName("Also make a ZIP")
        form.addRow(self.make_zip)

        sent_row = QHBoxLayout()
        self.use_sent = QCheckBox("Letters are &sent on:")
        self.use_sent.setAccessibleName("Letters have a sent date")
        self.sent_on = DateField()
        self.sent_on.setAccessibleName("Sent on")
        self.sent_on.setDate(to_qdate(today()))
        self.sent_on.setEnabled(False)
        self.sent_on.setToolTip("Tick “Letters are sent on” to give a sent date.")
        self.use_sent.toggled.connect(self.sent_on.setEnabled)
        sent_row.addWidget(self.use_sent)
        sent_row.addWidget(self.sent_on)
        sent_row.addStretch(1)
        form.addRow(sent_row)
        sent_note = QLabel(
            "With a sent date, manifest.csv gives each agency's due date under its own law."
        )
        sent_note.setWordWrap(True)
        form.addRow(sent_note)

        self.track = QCheckBox("Add every letter to the trac&ker")
        self.track.setAccessibleName("Add every letter to the tracker")
        self.track.setToolTip("Each agency becomes a tracked request; with a sent date, as sent.")
        self.track.setVisible(can_track)
        form.addRow(self.track)
        rerun = QLabel(
            "Each letter is named after its agency and jurisdiction. Exporting again to the "
            "same folder rewrites only the letters that changed."
        )
        rerun.setWordWrap(True)
        form.addRow(rerun)

    def browse(self) -> None:
        current = self.out_dir.text().strip()
        path = messages.ask_folder(
            self, "Choose the output folder", Path(current) if current else self.start_dir
        )
        if path is not None:
            self.out_dir.setText(str(path))

    def formats(self) -> tuple[str, ...]:
        boxes = (("docx", self.fmt_docx), ("pdf", self.fmt_pdf), ("txt", self.fmt_txt))
        return tuple(fmt for fmt, box in boxes if box.isChecked())

    def sent(self) -> date | None:
        return from_qdate(self.sent_on.date()) if self.use_sent.isChecked() else None

    def problem(self) -> str:
        if not self.formats():
            return "Tick at least one format (tab 4)."
        if not self.out_dir.text().strip():
            return "Choose an output folder (tab 4)."
        return ""
