"""Tab 1: the agency list (CSV), with a preview of every row and why a row is rejected."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.bulk.rows_model import COL_PROBLEM, COL_REFERENCE, BulkRowsModel, ProblemRole
from foia_assist.gui.enter_key import enter_does
from foia_assist.gui.styles import error_style

if TYPE_CHECKING:
    from foia_assist.domain.jurisdictions import JurisdictionSet
    from foia_assist.services.bulk.agencies_csv import AgencyList, ContactLookup


def _delimiter_words(delimiter: str) -> str:
    return {",": "comma-separated", ";": "semicolon-separated"}.get(delimiter, repr(delimiter))


def summary_line(agencies: AgencyList) -> str:
    """'212 agencies ready, 3 rows with problems; encoding UTF-8, comma-separated'."""
    good, bad = len(agencies.rows), len(agencies.rejected)
    ready = f"{good} {'agency' if good == 1 else 'agencies'} ready"
    problems = f"{bad} {'row' if bad == 1 else 'rows'} with problems" if bad else "no problems"
    text = (
        f"{ready}, {problems}; encoding {agencies.encoding}, {_delimiter_words(agencies.delimiter)}"
    )
    if agencies.ignored_columns:
        text += f"; ignored columns: {', '.join(agencies.ignored_columns)}"
    return text


class AgenciesTab(QWidget):
    loaded = Signal(object)  # AgencyList, or None when the file can't be used

    def __init__(self, jurisdictions: JurisdictionSet, start_dir: Path) -> None:
        super().__init__()
        self.jurisdictions = jurisdictions
        self.start_dir = start_dir
        self.agencies: AgencyList | None = None
        self.contacts: ContactLookup | None = None  # the contact book, for agency_id rows
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.csv_path = QLineEdit()
        self.csv_path.setAccessibleName("Agency list file (CSV)")
        self.csv_path.setPlaceholderText("A CSV with agency_name, jurisdiction and email/address")
        enter_does(self.csv_path, self.load_from_field)  # Enter reads it (not Browse…)
        label = QLabel("Agency &list:")
        label.setBuddy(self.csv_path)
        self.csv_browse = QPushButton("&Browse…")
        self.csv_browse.setAccessibleName("Choose the agency list")
        self.csv_browse.clicked.connect(self.browse)
        self.csv_load = QPushButton("Read &again")
        self.csv_load.setAccessibleName("Read the agency list again")
        self.csv_load.clicked.connect(self.load_from_field)
        row.addWidget(label)
        row.addWidget(self.csv_path, 1)
        row.addWidget(self.csv_browse)
        row.addWidget(self.csv_load)
        layout.addLayout(row)

        self.csv_error = QLabel()
        self.csv_error.setAccessibleName("Problem with the agency list")
        self.csv_error.setStyleSheet(error_style())
        self.csv_error.setWordWrap(True)
        self.csv_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.csv_error.hide()
        layout.addWidget(self.csv_error)
        self.csv_summary = QLabel("No agency list loaded yet.")
        self.csv_summary.setAccessibleName("Agency list summary")
        self.csv_summary.setWordWrap(True)
        layout.addWidget(self.csv_summary)

        self.rows_model = BulkRowsModel(self)
        self.rows_proxy = QSortFilterProxyModel(self)
        self.rows_proxy.setSourceModel(self.rows_model)
        self.rows_proxy.setFilterRole(ProblemRole)
        self.rows_proxy.setFilterKeyColumn(COL_PROBLEM)
        self.table = QTableView()
        self.table.setAccessibleName("Agency list preview")
        self.table.setModel(self.rows_proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(False)  # the tint marks rejected rows
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PROBLEM, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        self.only_problems = QCheckBox("Show only rows with &problems")
        self.only_problems.setAccessibleName("Show only rows with problems")
        self.only_problems.toggled.connect(self._filter_rows)
        legend = QLabel(
            "Rows with a problem are tinted and explained in the Problem column. They are "
            "skipped; after the export, rejected-rows.csv holds them with all their columns "
            "so you can fix them there and load that file again."
        )
        legend.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.only_problems)
        bottom.addWidget(legend, 1)
        layout.addLayout(bottom)

    def browse(self) -> None:
        current = self.csv_path.text().strip()
        start = Path(current).parent if current else self.start_dir
        path = messages.ask_open_path(
            self, "Choose the agency list", start, "CSV files (*.csv *.txt);;All files (*)"
        )
        if path is not None:
            self.load(path)

    def load_from_field(self) -> None:
        text = self.csv_path.text().strip()
        if text:
            self.load(Path(text).expanduser())

    def load(self, path: Path) -> None:
        """Read the CSV; a file-level problem is shown here, never as a traceback."""
        from foia_assist.services.bulk.agencies_csv import read_agency_csv

        self.csv_path.setText(str(path))
        try:
            agencies = read_agency_csv(path, self.jurisdictions, contacts=self.contacts)
        except UserError as exc:
            self._show_problem(f"This agency list can't be used: {exc}")
            return
        except OSError as exc:  # e.g. an I/O error halfway through reading
            self._show_problem(f"This agency list can't be read: {exc.strerror or exc}")
            return
        self.agencies = agencies
        self.rows_model.set_agencies(agencies)
        # Most lists have no reference column: leave its width to the Problem column.
        self.table.setColumnHidden(COL_REFERENCE, not any(r.reference for r in agencies.rows))
        self.csv_error.hide()
        self.csv_error.setText("")
        self.csv_summary.setText(summary_line(agencies))
        self.csv_summary.show()
        self.loaded.emit(agencies)

    def _show_problem(self, text: str) -> None:
        self.agencies = None
        self.rows_model.set_agencies(None)
        self.csv_error.setText(text)
        self.csv_error.show()
        self.csv_summary.hide()
        self.loaded.emit(None)

    def _filter_rows(self, only_problems: bool) -> None:
        self.rows_proxy.setFilterRegularExpression(".+" if only_problems else "")
