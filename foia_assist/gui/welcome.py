"""The first-run page: what the app does and one button to start, instead of an empty table."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from foia_assist.gui.styles import muted_color

WELCOME_HTML = """
<h1>Welcome to FOIA Assist</h1>
<p>Police departments rarely announce that they use facial recognition. Public-records
requests are how the public finds out: contracts with vendors such as Clearview AI, trial
accounts, search logs, policies and accuracy tests.</p>
<p>FOIA Assist writes the request under your state's law (or federal FOIA), tells you when the
agency must answer and why, reminds you when it is late, and drafts the follow-up and appeal.
{where}</p>
<p><b>Start with your first request</b>: choose the jurisdiction, the agency and the records;
you can review the letter before saving it.</p>
<p style="color:{muted}">Not legal advice. Each rule shows its source and the date it was
checked.</p>
"""


class WelcomePage(QWidget):
    start = Signal()
    settings = Signal()

    def __init__(self, parent: QWidget | None = None, *, shared: str = "") -> None:
        """`shared`: the team's database the tracker is on (how it is named), if any."""
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        where = (
            f"Your requests are kept on your team's shared tracker ({html.escape(shared)})."
            if shared
            else "Everything stays on this computer."
        )
        text = QLabel(WELCOME_HTML.replace("{muted}", muted_color()).replace("{where}", where))
        text.setWordWrap(True)
        # Rich text without saying so (the text starts with <h1>, which Qt's automatic
        # format takes as rich): naming `Qt.TextFormat` would build the enums of the whole
        # `Qt` namespace, which a first start's welcome page otherwise never needs.
        text.setMaximumWidth(680)
        text.setAccessibleName("Welcome")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(text)
        row.addStretch(1)
        outer.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start_button = QPushButton("&Start a new request…")
        self.start_button.setAccessibleName("Start a new request")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(36)
        self.start_button.clicked.connect(self.start.emit)
        self.settings_button = QPushButton("Your &details and email settings…")
        self.settings_button.setAccessibleName("Open settings")
        self.settings_button.setMinimumHeight(36)
        self.settings_button.clicked.connect(self.settings.emit)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.settings_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        outer.addStretch(2)
