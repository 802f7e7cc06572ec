"""Step 1's offer of a kept draft: "You have an unfinished request for X (saved DATE)".

It replaced a question asked before the wizard opened (window trial 2026-12-03b, W3): a
message box takes plain letters as its buttons' keys, so the "n" of "virginia", typed at once
after Ctrl+N, answered No. The wizard now opens at once with the focus in step 1's search,
and the draft is offered here; nothing is decided by a key typed for something else, and the
draft is kept until the user resumes, replaces or discards it.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from foia_assist.domain.jurisdictions import JurisdictionSet


def draft_subject(draft: dict[str, Any], jurisdictions: JurisdictionSet) -> str:
    """What the draft is for, in the user's words: the agency typed, else the state chosen."""
    agency = draft.get("agency")
    name = str(agency.get("name", "")).strip() if isinstance(agency, dict) else ""
    code = str(draft.get("jurisdiction", "")).strip()
    law = jurisdictions.find(code) if code else None
    if name and law is not None:
        return f"{name} ({law.name})"
    if name:
        return name
    if law is not None:
        return f"an agency in {law.name}" if law.code != "US" else "a federal agency"
    return "an agency not chosen yet"


def saved_when(saved: datetime | None) -> str:
    return saved.strftime("%Y-%m-%d %H:%M") if saved is not None else "earlier"


class DraftBanner(QFrame):
    resume_requested = Signal()
    afresh_requested = Signal()
    discard_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Unfinished request")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAccessibleName("Unfinished request")
        # The mnemonics of step 1 and the wizard's buttons are s, n, b, d, f: none of these.
        self.resume = QPushButton("&Resume")
        self.resume.setAccessibleName("Resume the unfinished request")
        self.resume.setToolTip("Fill the wizard with the kept draft and go to its step.")
        self.afresh = QPushButton("Start &afresh")
        self.afresh.setAccessibleName("Start a new request; keep the draft")
        self.afresh.setToolTip(
            "Start a new request. The draft stays kept; it is replaced if you save this one "
            "as a draft."
        )
        self.discard = QPushButton("Discard i&t")
        self.discard.setAccessibleName("Discard the unfinished request")
        self.discard.setToolTip("Delete the kept draft (you are asked first).")
        for button in (self.resume, self.afresh, self.discard):
            # Made after step 1's search, so they come after it in the Tab chain and the
            # search keeps the first focus (the first keys after Ctrl+N are the state's name).
            button.setAutoDefault(False)
        self.resume.clicked.connect(self.resume_requested)
        self.afresh.clicked.connect(self.afresh_requested)
        self.discard.clicked.connect(self.discard_requested)
        row.addWidget(self.text, 1)
        row.addWidget(self.resume)
        row.addWidget(self.afresh)
        row.addWidget(self.discard)
        self.hide()

    def offer(self, subject: str, saved: datetime | None) -> None:
        self.text.setText(
            f"You have an unfinished request for <b>{html.escape(subject)}</b> "
            f"(saved {html.escape(saved_when(saved))})."
        )
        self.show()
