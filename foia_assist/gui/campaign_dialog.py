"""Choose the agencies of a campaign: by state, type and county, or by ticking them; export a
bulk-ready CSV or start the bulk export from the selection. Agencies with no contact are
listed (never silently dropped) so the user can fill them in first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from foia_assist.domain.agency_directory import AgencyType
from foia_assist.errors import UserError
from foia_assist.gui.agency_search import CREDIT, AgencySearchBox
from foia_assist.gui.screen_fit import fit_to_screen
from foia_assist.gui.styles import muted_style
from foia_assist.services.agency_contacts import AgencyEntry, ContactBook
from foia_assist.services.agency_contacts_csv import export_csv

COLUMNS = ("Agency", "Type", "County", "State", "Law", "Contact")
MAX_ROWS = 5000  # a whole state's agencies fit; the whole country is a CSV job
# Start the bulk export with this CSV (the window opens its bulk dialog with it loaded).
StartBulk = Callable[[Path], None]


def contact_text(e: AgencyEntry) -> str:
    parts = [p for p in (e.email, e.portal_url) if p]
    if e.address:
        parts.append("mail: " + e.address.splitlines()[0])
    return "; ".join(parts) or "no contact yet"


class CampaignDialog(QDialog):
    def __init__(
        self,
        book: ContactBook,
        *,
        start_bulk: StartBulk | None = None,
        save_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.start_bulk = start_bulk
        self.save_dir = save_dir or Path.home()
        self.entries: list[AgencyEntry] = []
        self.setWindowTitle("Campaign: choose agencies")
        self.resize(900, 620)
        fit_to_screen(self)  # 1024×640 screens: every button stays reachable
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.state = QComboBox()
        self.state.setAccessibleName("State")
        self.state.addItem("(any state)", "")
        for code in sorted(book.directory.state_names):
            self.state.addItem(f"{code} — {book.directory.state_names[code]}", code)
        self.type = QComboBox()
        self.type.setAccessibleName("Agency type")
        self.type.addItem("(any type)", "")
        for t in AgencyType:
            self.type.addItem(t.value, t.value)
        self.county = QLineEdit()
        self.county.setAccessibleName("County")
        self.county.setPlaceholderText("e.g. Wayne")
        choose = QPushButton("&Select these agencies")
        choose.clicked.connect(self.apply_filters)
        filters = QHBoxLayout()
        # Labels with keys, each its field's buddy (trial K4); none alike in this dialog.
        for label, w in (("S&tate", self.state), ("T&ype", self.type), ("&County", self.county)):
            name = QLabel(label + ":")
            name.setBuddy(w)
            filters.addWidget(name)
            filters.addWidget(w, 1)
        filters.addWidget(choose)
        form.addRow(filters)
        self.search = AgencySearchBox(book)
        self.search.only_state.setChecked(False)
        self.search.results.setMaximumHeight(80)
        self.search.credit.hide()  # credited once, at the bottom
        self.search.picked.connect(self.add_entry)
        add_one = QLabel("&Or add one:")
        add_one.setBuddy(self.search.query)
        form.addRow(add_one, self.search)
        layout.addLayout(form)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Agencies in this campaign (ticked ones are used)")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._counts)
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        self.summary.setAccessibleName("Campaign summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.missing = QLabel()
        self.missing.setAccessibleName("Agencies with no contact")
        self.missing.setWordWrap(True)
        self.missing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.missing)
        buttons = QHBoxLayout()
        tick_all = QPushButton("Tick &all")
        tick_all.clicked.connect(lambda: self._tick_all(True))
        untick = QPushButton("U&ntick all")  # "&Use this agency" has U
        untick.clicked.connect(lambda: self._tick_all(False))
        # A clinic with contacts for some agencies sends to those now and the rest later:
        # without this, each agency with no contact had to be unticked by hand.
        self.tick_contacts = QPushButton("Tick only those &with a contact")
        self.tick_contacts.clicked.connect(self._tick_with_contact)
        self.export_button = QPushButton("&Export CSV…")
        self.export_button.clicked.connect(self.export_csv)
        self.bulk_button = QPushButton("Start &bulk export…")
        self.bulk_button.clicked.connect(self.start_bulk_export)
        self.bulk_button.setEnabled(start_bulk is not None)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        for b in (tick_all, untick, self.tick_contacts):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.export_button, self.bulk_button, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        credit = QLabel(CREDIT)
        credit.setWordWrap(True)
        credit.setStyleSheet(muted_style("font-size: small; "))
        layout.addWidget(credit)
        self._counts()

    # -- choosing ---------------------------------------------------------------------------

    def apply_filters(self) -> None:
        state = str(self.state.currentData() or "") or None
        type_ = AgencyType(self.type.currentData()) if self.type.currentData() else None
        county = self.county.text().strip() or None
        if not (state or type_ or county):
            self.summary.setText("Choose a state, a type or a county first.")
            return
        try:
            found = self.book.select(state=state, type=type_, county=county)
        except UserError as exc:
            self.summary.setText(str(exc))
            return
        if len(found) > MAX_ROWS:
            self.summary.setText(
                f"{len(found)} agencies: too many to list here; narrow the choice, or use "
                "`foia-assist agencies export` for the CSV."
            )
            return
        self.set_entries(found)

    def set_entries(self, entries: list[AgencyEntry]) -> None:
        self.entries = list(entries)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for e in self.entries:
            self._append_row(e)
        self.table.blockSignals(False)
        self._counts()

    def add_entry(self, entry: AgencyEntry) -> None:
        if any(e.id == entry.id for e in self.entries):
            return
        self.entries.append(entry)
        self.table.blockSignals(True)
        self._append_row(entry)
        self.table.blockSignals(False)
        self._counts()

    def _append_row(self, e: AgencyEntry) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = (e.name, e.type.value, e.county, e.state, e.jurisdiction or "none",
                 contact_text(e))  # fmt: skip
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if col == 0:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                item.setToolTip(e.note or e.id)
            self.table.setItem(row, col, item)

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None:
                item.setCheckState(state)
        self.table.blockSignals(False)
        self._counts()

    def _tick_with_contact(self) -> None:
        self.table.blockSignals(True)
        for row, e in enumerate(self.entries):
            item = self.table.item(row, 0)
            if item is not None:
                on = e.contact.sends()
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.table.blockSignals(False)
        self._counts()

    def selected(self) -> list[AgencyEntry]:
        chosen = []
        for row, e in enumerate(self.entries):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                chosen.append(e)
        return chosen

    def _counts(self, *_: Any) -> None:
        chosen = self.selected()
        no_contact = [e for e in chosen if not e.contact.sends()]
        self.summary.setText(
            f"{len(chosen)} of {len(self.entries)} agencies ticked; "
            f"{len(chosen) - len(no_contact)} with a contact to send to."
        )
        if no_contact:
            names = "; ".join(f"{e.name} ({e.state})" for e in no_contact[:12])
            more = f" and {len(no_contact) - 12} more" if len(no_contact) > 12 else ""
            self.missing.setText(
                f"No contact yet for {len(no_contact)}: {names}{more}. They stay in the CSV "
                "so you can fill them in; bulk export lists them as rejected until then."
            )
        else:
            self.missing.setText("")
        enabled = bool(chosen)
        self.export_button.setEnabled(enabled)
        self.bulk_button.setEnabled(enabled and self.start_bulk is not None)

    # -- using the selection ----------------------------------------------------------------

    def write_csv(self, path: Path) -> list[AgencyEntry]:
        return export_csv(self.selected(), path)

    def export_csv(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the campaign as CSV", str(self.save_dir / "campaign.csv"), "CSV (*.csv)"
        )
        if not name:
            return
        try:
            missing = self.write_csv(Path(name))
        except (OSError, UserError) as exc:
            QMessageBox.warning(self, "Export CSV", f"Could not write {name}: {exc}")
            return
        self.summary.setText(
            f"Wrote {len(self.selected())} agencies to {name}"
            + (f"; {len(missing)} still need a contact." if missing else ".")
        )

    def start_bulk_export(self) -> None:
        if self.start_bulk is None:
            return
        path = self.save_dir / "campaign.csv"
        try:
            self.write_csv(path)
        except (OSError, UserError) as exc:
            QMessageBox.warning(self, "Bulk export", f"Could not write {path}: {exc}")
            return
        self.start_bulk(path)
