"""Search-as-you-type over the agency directory: a line edit, a result list, a credit line.

`AgencySearchBox.picked(AgencyEntry)` fires when the user chooses an agency (double-click,
Enter, or the Use button). The index is built once, in a background thread, the first time
the box is shown (about a second); typing before then shows that the list is loading.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from foia_assist.gui.enter_key import enter_does
from foia_assist.gui.styles import muted_style
from foia_assist.services.agency_contacts import AgencyEntry, ContactBook

EntryRole = Qt.ItemDataRole.UserRole + 1
DEBOUNCE_MS = 80
CREDIT = (
    "Agency list: FBI Crime Data Explorer (Uniform Crime Reporting), 2018, public domain; "
    "federal FOIA offices as published by each agency. Contacts are yours."
)


def entry_line(e: AgencyEntry) -> str:
    where = ", ".join(p for p in (e.county and f"{e.county} Co.", e.state) if p)
    contact = e.email or e.portal_url or ("mail" if e.address else "no contact yet")
    return f"{e.name} — {e.type.value}, {where} — law: {e.jurisdiction or 'none'} — {contact}"


def warm_up(book: ContactBook) -> threading.Thread | None:
    """Build the search index in the background (once); None when it is already built."""
    if book.directory.index_ready():
        return None
    thread = threading.Thread(target=lambda: book.directory.index, daemon=True)
    thread.start()
    return thread


class AgencySearchBox(QWidget):
    picked = Signal(object)  # AgencyEntry

    def __init__(self, book: ContactBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.state: str | None = None  # limit to one state (the wizard's jurisdiction)
        self._warming: threading.Thread | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setAccessibleName("Search the agency directory")
        self.query.setPlaceholderText("Search 18,000 agencies: “sheriff wayne county”, a city…")
        self.query.setClearButtonEnabled(True)
        for button in self.query.findChildren(QToolButton):  # the clear button
            button.setAccessibleName("Clear the search")
        self.query.textChanged.connect(self._schedule)
        # Enter picks the highlighted agency and stops there: in a wizard or dialog it must
        # not also press the default button (Next), which skipped the contact fields.
        enter_does(self.query, self._use_current)
        self.only_state = QCheckBox("Only this state")
        self.only_state.setAccessibleName("Only agencies in the chosen state")
        self.only_state.setChecked(True)
        self.only_state.toggled.connect(self._schedule)
        row.addWidget(self.query, 1)
        row.addWidget(self.only_state)
        layout.addLayout(row)
        self.results = QListWidget()
        self.results.setAccessibleName("Agencies found")
        self.results.setMaximumHeight(150)
        self.results.itemActivated.connect(lambda item: self._use(item))
        self.results.currentItemChanged.connect(self._show_note)
        layout.addWidget(self.results)
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setAccessibleName("Search status")
        self.status.setWordWrap(True)
        self.use = QPushButton("&Use this agency")
        self.use.setEnabled(False)
        self.use.clicked.connect(self._use_current)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.use)
        layout.addLayout(bottom)
        self.credit = QLabel(CREDIT)
        self.credit.setAccessibleName("Source of the agency list")
        self.credit.setWordWrap(True)
        self.credit.setStyleSheet(muted_style("font-size: small; "))
        layout.addWidget(self.credit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)

    def set_state(self, state: str | None) -> None:
        """Limit results to `state` while "Only this state" is ticked (None: everywhere;
        "US": federal agencies)."""
        self.state = state
        self.only_state.setText(f"Only {state}" if state else "Only this state")
        self.only_state.setEnabled(bool(state))
        self._schedule()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._warming is None:
            self._warming = warm_up(self.book) or threading.Thread()

    def _schedule(self, *_: Any) -> None:
        self._timer.start()

    def ready(self) -> bool:
        return self.book.directory.index_ready()

    def run_search(self) -> None:
        text = self.query.text().strip()
        self.results.clear()
        self.use.setEnabled(False)
        if len(text) < 2:
            self.status.setText("Type two letters or more.")
            return
        if not self.ready():
            if self._warming is None:
                self._warming = warm_up(self.book) or threading.Thread()
            self.status.setText("Loading the agency list…")
            self._timer.start(150)
            return
        state = self.state if self.only_state.isChecked() and self.state else None
        try:
            result = self.book.find(text, state=None if state == "US" else state, limit=30)
        except Exception as exc:  # noqa: BLE001 - a bad filter must not break typing
            self.status.setText(str(exc))
            return
        found, all_words = result.entries, result.all_words
        if state == "US":
            found = [e for e in found if e.jurisdiction == "US"]
        if state and found and not all_words:
            # Not every word matched an agency in this state: say so, list nothing (the
            # closest were unrelated agencies, and Enter took the first; trial C5).
            self.status.setText(
                f"No agency in {state} matches “{text}”: untick {self.only_state.text()} "
                "to search everywhere."
            )
            return
        for e in found:
            item = QListWidgetItem(entry_line(e))
            item.setData(EntryRole, e)
            item.setToolTip(e.note or e.name)
            self.results.addItem(item)
        if found and all_words:
            self.results.setCurrentRow(0)
            self.use.setEnabled(True)
            self.status.setText(f"{len(found)} found")
        elif found:  # only some words matched: shown, but nothing chosen for Enter
            self.results.setCurrentRow(-1)
            self.status.setText(
                f"No agency matches every word of “{text}”; the closest are listed "
                "(choose one with the arrow keys, or change the words)."
            )
        else:
            self.status.setText("No agency found.")

    def _show_note(self, item: QListWidgetItem | None, *_: Any) -> None:
        e = item.data(EntryRole) if item else None
        self.use.setEnabled(isinstance(e, AgencyEntry))
        if isinstance(e, AgencyEntry) and e.note:
            self.status.setText(e.note)

    def _use_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._use(item)

    def _use(self, item: QListWidgetItem) -> None:
        e = item.data(EntryRole)
        if isinstance(e, AgencyEntry):
            self.picked.emit(e)
