"""The case file of the selected request: what the agency sent back, in the detail pane.

Files and folders can be dropped on it or chosen with Attach…; attaching runs on the thread
pool (a release of thousands of pages does not freeze the window), each file is listed as it
is kept, and files that could not be kept or read are named. When replies announce events,
the proposals dialog opens so the user confirms or edits each one before it is logged.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from foia_assist.gui import messages
from foia_assist.gui.workers import JobRunner

if TYPE_CHECKING:
    from foia_assist.services.casefile.service import AttachOutcome, CaseFileService

ID_ROLE = Qt.ItemDataRole.UserRole
# Narrower than this, the attachments list leaves out its SHA-256 column (kept in the tooltip).
SHA_COLUMN_FROM = 420


class CaseFilePanel(QWidget):
    """Lists the request's attachments; Attach…, Open, Remove…, and drag and drop."""

    changed = Signal(int)  # a request's attachments or events changed (the window reloads)
    proposals = Signal(int, list)  # request id, [(attachment name, Suggestion)] to confirm

    def __init__(
        self,
        casefile: Callable[[], CaseFileService],
        runner: JobRunner,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._casefile = casefile
        self._runner = runner
        self._today = today
        self.request_id: int | None = None
        self.job: Any = None
        self.setAcceptDrops(True)
        self.setAccessibleName("Case file: replies and released records")

        self.hint = QLabel("Drop the agency's replies and released records here, or use Attach…")
        self.hint.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Received", "File", "Kind", "SHA-256", "Note"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Attachments")
        header = self.tree.header()
        # The file's name gets the room: at 1024×640 the SHA-256 column took 100 pixels and
        # the name 25 ("r…"). The SHA-256 column shows only where there is room for both;
        # the name's tooltip always has it.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.installEventFilter(self)
        self.tree.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Attach status")

        self.attach_button = QPushButton("Attach files…")
        self.attach_folder_button = QPushButton("Attach a folder…")
        self.open_button = QPushButton("Open")
        self.remove_button = QPushButton("Remove…")
        self.attach_button.clicked.connect(self._choose_files)
        self.attach_folder_button.clicked.connect(self._choose_folder)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        # Two short rows: the detail pane must not scroll sideways at 1024 pixels wide.
        adding, handling = QHBoxLayout(), QHBoxLayout()
        adding.addWidget(self.attach_button)
        adding.addWidget(self.attach_folder_button)
        adding.addStretch(1)
        handling.addWidget(self.open_button)
        handling.addStretch(1)
        handling.addWidget(self.remove_button)
        self.tree.setMinimumWidth(160)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(adding)
        layout.addLayout(handling)
        layout.addWidget(self.status)
        self.show_request(None)

    # -- showing ------------------------------------------------------------------------------

    def show_request(self, request_id: int | None) -> None:
        if request_id != self.request_id and not self._runner.is_running(self.job):
            # "Attached 3 files" was about the request shown before, not this one.
            self.status.clear()
        self.request_id = request_id
        self.tree.clear()
        if request_id is not None:
            for a in self._casefile().for_request(request_id):
                item = QTreeWidgetItem(
                    [a.received.isoformat(), a.name, a.kind, a.sha256[:12] + "…", a.problem]
                )
                item.setData(0, ID_ROLE, a.id)
                item.setToolTip(1, f"{a.name}\nSHA-256 {a.sha256}")
                item.setToolTip(3, a.sha256)
                item.setToolTip(4, a.problem)
                self.tree.addTopLevelItem(item)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.tree and event.type() == QEvent.Type.Resize:
            self.tree.setColumnHidden(3, self.tree.width() < SHA_COLUMN_FROM)
        return super().eventFilter(watched, event)

    def _update_buttons(self) -> None:
        has_request = self.request_id is not None
        busy = self._runner.is_running(self.job)
        selected = bool(self.tree.selectedItems())
        for b in (self.attach_button, self.attach_folder_button):
            b.setEnabled(has_request and not busy)
            b.setToolTip("" if has_request else "Select a request first")
        for b in (self.open_button, self.remove_button):
            b.setEnabled(selected)
            b.setToolTip("" if selected else "Select an attachment first")
        self.setAcceptDrops(has_request)

    def selected_id(self) -> int | None:
        items = self.tree.selectedItems()
        return int(items[0].data(0, ID_ROLE)) if items else None

    # -- attaching ----------------------------------------------------------------------------

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Attach files to this request")
        if names:
            self.attach([Path(n) for n in names])

    def _choose_folder(self) -> None:
        folder = messages.ask_folder(self, "Attach a folder of released records", Path.home())
        if folder is not None:
            self.attach([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if self.request_id is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.attach(paths)

    def attach(self, paths: list[Path]) -> None:
        """Attach `paths` to the shown request on the thread pool."""
        if self.request_id is None or self._runner.is_running(self.job):
            return
        request_id, casefile, today = self.request_id, self._casefile(), self._today()
        outcomes: list[AttachOutcome] = []
        self.status.setText("Attaching…")

        def progress(outcome: Any) -> None:
            outcomes.append(outcome)
            self.status.setText(f"Attaching… {len(outcomes)} file(s) so far ({outcome.name})")

        # The runner counts a job as running until after these callbacks, so the job is
        # forgotten first: otherwise the Attach buttons stayed disabled after attaching.
        def finished(_: Any) -> None:
            self.job = None
            self._done(request_id, outcomes)

        def failed(exc: Any) -> None:
            self.job = None
            self.status.setText("")
            messages.show_error(self, "Could not attach", str(exc))
            self._done(request_id, outcomes)

        self.job = self._runner.start(
            lambda: casefile.attach(request_id, paths, today=today),
            "Attach",
            progress=progress,
            finished=finished,
            failed=failed,
        )
        self._update_buttons()

    def _done(self, request_id: int, outcomes: list[AttachOutcome]) -> None:
        kept = [o for o in outcomes if o.attachment is not None]
        new = [o for o in kept if o.new]
        skipped = [o for o in outcomes if o.attachment is None]
        unread = [o for o in kept if o.attachment is not None and o.attachment.problem]
        parts = [f"Attached {len(new)} file(s)"]
        if len(kept) > len(new):
            parts.append(f"{len(kept) - len(new)} already attached")
        if unread:
            # Each file and why, here: the Note column is cut off at 1024 pixels (trial 3, T4).
            why = ", ".join(
                f"{o.attachment.name} ({o.attachment.problem})"
                for o in unread[:3]
                if o.attachment is not None
            )
            more = f" and {len(unread) - 3} more" if len(unread) > 3 else ""
            parts.append(f"{len(unread)} without searchable text: {why}{more}")
        text = "; ".join(parts) + "."
        if skipped:
            text += " Not attached: " + "; ".join(f"{o.name} ({o.skipped})" for o in skipped[:5])
            if len(skipped) > 5:
                text += f" and {len(skipped) - 5} more"
        self.status.setText(text)
        if self.request_id == request_id:
            self.show_request(request_id)
        self.changed.emit(request_id)
        proposed = [
            (o.attachment.name, s) for o in kept if o.attachment is not None for s in o.suggestions
        ]
        if proposed:
            self.proposals.emit(request_id, proposed)

    # -- one attachment -----------------------------------------------------------------------

    def open_selected(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="foia-assist-open-"))
        copy = self._casefile().copy_out(attachment_id, folder)
        if not messages.open_path(copy):
            messages.show_error(self, "Could not open the file", f"No program opens {copy.name}.")

    def remove_selected(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is None or self.request_id is None:
            return
        name = self.tree.selectedItems()[0].text(1)
        question = f"Remove {name} from this request? The kept copy is deleted when no other "
        question += "request uses it; the file you attached from is not touched."
        if not messages.ask_yes_no(self, "Remove attachment", question):
            return
        self._casefile().remove(attachment_id)
        self.status.setText(f"Removed {name}.")
        self.show_request(self.request_id)
        self.changed.emit(self.request_id)
