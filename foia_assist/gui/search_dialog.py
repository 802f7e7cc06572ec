"""Search every attachment of every request: ranked results with the words highlighted.

Typing searches (after a short pause); a result names its request and file, shows the matched
words in bold, and opens the file (a copy, so the kept file stays as it was) on double-click
or Enter. "Show request" selects the request in the main window.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.services.casefile.service import CaseFileService
from foia_assist.storage.attachments_repo import HIGHLIGHT, SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole


def snippet_html(snippet: str) -> str:
    """The snippet with the matched words in bold (everything else escaped)."""
    start, end = HIGHLIGHT
    out, rest = [], " ".join(snippet.split())
    while start in rest:
        before, _, after = rest.partition(start)
        word, _, rest = after.partition(end)
        out.append(html.escape(before) + "<b>" + html.escape(word) + "</b>")
    out.append(html.escape(rest))
    return "".join(out)


class SearchDialog(QDialog):
    show_request = Signal(int)

    def __init__(
        self,
        casefile: Callable[[], CaseFileService],
        parent: QWidget | None = None,
        agency_of: Callable[[int], str] | None = None,
    ) -> None:
        """`agency_of`: the agency of a request id ("" if unknown), shown with each hit
        (with 30 requests, "request 3" said nothing)."""
        super().__init__(parent)
        self._casefile = casefile
        self._agency_of = agency_of
        self.setWindowTitle("Search attachments")
        self.query = QLineEdit()
        self.query.setPlaceholderText("Words in replies and released records…")
        self.query.setAccessibleName("Search attachments")
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(lambda *_: self.open_selected())
        self.summary = QLabel("Type words to search every attachment of every request.")
        self.summary.setWordWrap(True)
        self.open_button = QPushButton("Open file")
        self.request_button = QPushButton("Show request")
        self.open_button.clicked.connect(self.open_selected)
        self.request_button.clicked.connect(self._show_request)
        self.results.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.request_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _: self._timer.start())
        self.resize(720, 520)
        self._update_buttons()

    def _agency(self, request_id: int) -> str:
        if self._agency_of is None:
            return ""
        try:
            return self._agency_of(request_id)
        except UserError:  # gone meanwhile, or the shared database unreachable
            return ""

    def run_search(self) -> None:
        text = self.query.text().strip()
        self.results.clear()
        if not text:
            self.summary.setText("Type words to search every attachment of every request.")
            self._update_buttons()
            return
        hits = self._casefile().search(text, 200)
        agencies: dict[int, str] = {}
        for hit in hits:
            if hit.request_id not in agencies:
                agencies[hit.request_id] = self._agency(hit.request_id)
            owner = f"request {hit.request_id}"
            if agencies[hit.request_id]:
                owner = f"{agencies[hit.request_id]} (request {hit.request_id})"
            label = QLabel(
                f"<b>{html.escape(hit.name)}</b> · {html.escape(owner)}<br>"
                f"{snippet_html(hit.snippet)}"
            )
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            item = QListWidgetItem()
            item.setData(HIT_ROLE, hit)
            # Screen readers read this; the label shows the highlighted version.
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{hit.name}, {owner}")
            item.setSizeHint(label.sizeHint())
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        if hits:
            self.summary.setText(f"{len(hits)} attachment(s), best match first.")
        else:
            self.summary.setText(
                "No attachment contains all of these words. Scanned files without OCR have "
                "no searchable text (their Note says so)."
            )
        if hits:
            self.results.setCurrentRow(0)
        self._update_buttons()

    def selected_hit(self) -> SearchHit | None:
        item = self.results.currentItem()
        return item.data(HIT_ROLE) if item is not None else None  # type: ignore[no-any-return]

    def _update_buttons(self) -> None:
        has = self.selected_hit() is not None
        for b in (self.open_button, self.request_button):
            b.setEnabled(has)
            b.setToolTip("" if has else "Select a result first")

    def open_selected(self) -> None:
        hit = self.selected_hit()
        if hit is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="foia-assist-open-"))
        copy = self._casefile().copy_out(hit.attachment_id, folder)
        if not messages.open_path(copy):
            messages.show_error(self, "Could not open the file", f"No program opens {copy.name}.")

    def _show_request(self) -> None:
        hit = self.selected_hit()
        if hit is not None:
            self.show_request.emit(hit.request_id)
