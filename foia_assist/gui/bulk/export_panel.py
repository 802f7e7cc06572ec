"""The part of the bulk dialog under the tabs: why export can't run, progress, summary, buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from foia_assist.gui.styles import error_style


class ExportPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.problem_label = QLabel()
        self.problem_label.setAccessibleName("Why export is not possible yet")
        self.problem_label.setStyleSheet(error_style())
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)
        self.notice = QLabel()
        self.notice.setAccessibleName("Before you export")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.hide()
        layout.addWidget(self.notice)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("%v of %m")
        self.progress.hide()  # shown from the first export on
        self.progress_text = QLabel()
        self.progress_text.setAccessibleName("Export status")
        self.progress_text.setTextFormat(Qt.TextFormat.PlainText)
        progress_row.addWidget(self.progress, 2)
        progress_row.addWidget(self.progress_text, 3)
        layout.addLayout(progress_row)
        self.summary = QPlainTextEdit()
        self.summary.setAccessibleName("Export summary")
        self.summary.setReadOnly(True)
        self.summary.setTabChangesFocus(True)
        self.summary.setMaximumHeight(110)
        self.summary.hide()
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.export_button = QPushButton("&Export letters")
        self.export_button.setAccessibleName("Export letters")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton("&Cancel export")
        self.cancel_button.setAccessibleName("Cancel export")
        self.cancel_button.setEnabled(False)
        self.cancel_button.setToolTip("Only while an export runs.")
        self.open_button = QPushButton("Ope&n folder")
        self.open_button.setAccessibleName("Open the output folder")
        self.open_button.setEnabled(False)
        self.open_button.setToolTip("After an export: opens the folder it wrote.")
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.setAutoDefault(False)
        buttons.addStretch(1)
        for b in (self.export_button, self.cancel_button, self.open_button, self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
