"""The agency list as a table: every row of the CSV, good or rejected, in spreadsheet order.

A rejected row is tinted AND explained in the Problem column (and its tooltip), so the
reason never depends on seeing colour.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from foia_assist.services.bulk.agencies_csv import AgencyList, AgencyRow, RejectedRow

COLUMNS = ("Row", "Agency", "Jurisdiction", "Send to", "Reference", "Problem")
COL_ROW, COL_AGENCY, COL_JURISDICTION, COL_SEND_TO, COL_REFERENCE, COL_PROBLEM = range(6)
ProblemRole = Qt.ItemDataRole.UserRole + 1  # the reason text, "" for a good row

REJECTED_BACKGROUND = QColor("#f8d7da")  # same tint the main window uses for "overdue"
REJECTED_FOREGROUND = QColor("#1a1a1a")  # dark text on the tint in light and dark themes

AnyIndex = QModelIndex | QPersistentModelIndex


def send_to(row: AgencyRow) -> str:
    """Where the letter goes, the way a person would say it: email, else portal, else post."""
    if row.email:
        return row.email
    if row.portal_url:
        return row.portal_url
    return row.address.replace("\n", ", ")


class BulkRowsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AgencyRow | RejectedRow] = []

    def set_agencies(self, agencies: AgencyList | None) -> None:
        self.beginResetModel()
        if agencies is None:
            self._rows = []
        else:
            both: list[AgencyRow | RejectedRow] = [*agencies.rows, *agencies.rejected]
            self._rows = sorted(both, key=lambda r: r.row)
        self.endResetModel()

    def entry(self, row: int) -> AgencyRow | RejectedRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        col = index.column()
        rejected = isinstance(entry, RejectedRow)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(entry, RejectedRow):
                return f"Row {entry.row} will be skipped: {entry.reason}"
            return self._text(entry, col) or None
        if role == ProblemRole:
            return entry.reason if isinstance(entry, RejectedRow) else ""
        if role == Qt.ItemDataRole.BackgroundRole and rejected:
            return QBrush(REJECTED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and rejected:
            return QBrush(REJECTED_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(entry: AgencyRow | RejectedRow, col: int) -> str:
        if col == COL_ROW:
            return str(entry.row)
        if col == COL_AGENCY:
            return entry.agency_name or "(no name)"
        if isinstance(entry, RejectedRow):
            if col == COL_JURISDICTION:
                return entry.jurisdiction
            return f"⚠ {entry.reason}" if col == COL_PROBLEM else ""
        if col == COL_JURISDICTION:
            return f"{entry.jurisdiction.code} — {entry.jurisdiction.name}"
        if col == COL_SEND_TO:
            return send_to(entry)
        if col == COL_REFERENCE:
            return entry.reference
        return ""
