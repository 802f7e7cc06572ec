"""The requests table: a thin model over `TrackerService.list_requests` rows, and its filter."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from foia_assist.services.request_search import matches
from foia_assist.services.urgency import Urgency, days_left_text, needs_action, urgency

if TYPE_CHECKING:
    from foia_assist.services.tracker import RequestRow

COL_AGENCY, COL_JURISDICTION, COL_STATUS, COL_SENT, COL_DUE, COL_LEFT = range(6)
HEADERS = ("Agency", "Jurisdiction", "Status", "Sent", "Due", "Days left")
SortRole = Qt.ItemDataRole.UserRole
RequestIdRole = Qt.ItemDataRole.UserRole + 1
UrgencyRole = Qt.ItemDataRole.UserRole + 2

# Pale backgrounds keep the default text colour readable; the words carry the meaning too.
OVERDUE_BG = QColor("#f8d7da")
DUE_SOON_BG = QColor("#fff3cd")

AnyIndex = QModelIndex | QPersistentModelIndex


def _day(d: date | None) -> str:
    return d.isoformat() if d else "—"


class RequestsTableModel(QAbstractTableModel):
    """The rows as listed (from the stored clock summaries), sorted here in one pass.

    Sorting is the model's own (`sort`): one key per row and Python's sort, instead of the
    proxy comparing rows through `data()` about n·log n times (seconds at 100,000 rows)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RequestRow] = []
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[RequestRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._order is not None:
            self._sort_rows(*self._order)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column`, keeping selections and the current row on their requests."""
        if not 0 <= column < len(HEADERS):
            self._order = None
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].id if 0 <= i.row() < len(self._rows) else None for i in old]
        self._sort_rows(column, order)
        where = {r.id: n for n, r in enumerate(self._rows)}
        new = [
            self.index(where[rid], i.column()) if rid in where else QModelIndex()
            for rid, i in zip(ids, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._rows.sort(
            key=lambda r: self._sort_key(r, column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def rows(self) -> list[RequestRow]:
        return list(self._rows)

    def row_for(self, request_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == request_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, col)
        if role == SortRole:
            return self._sort_key(row, col)
        if role == RequestIdRole:
            return row.id
        if role == UrgencyRole:
            return urgency(row).value
        if role == Qt.ItemDataRole.BackgroundRole:
            u = urgency(row)
            if u is Urgency.OVERDUE:
                return QBrush(OVERDUE_BG)
            if u is Urgency.SOON:
                return QBrush(DUE_SOON_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and urgency(row):
            return QBrush(QColor("#1a1a1a"))  # dark text on the pale background, any theme
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_LEFT and row.days_left is not None:
                return f"Due {row.due.isoformat() if row.due else ''}: {days_left_text(row)}"
            if row.tracking_number:
                return f"Agency reference: {row.tracking_number}"
        return None

    def _display(self, row: RequestRow, col: int) -> str:
        if col == COL_AGENCY:
            return row.agency
        if col == COL_JURISDICTION:
            return row.jurisdiction
        if col == COL_STATUS:
            return row.status.value.capitalize()
        if col == COL_SENT:
            return _day(row.sent)
        if col == COL_DUE:
            return _day(row.due)
        if col == COL_LEFT:
            return days_left_text(row)
        return ""

    def _sort_key(self, row: RequestRow, col: int) -> Any:
        if col in (COL_SENT, COL_DUE):
            d = row.sent if col == COL_SENT else row.due
            return d.toordinal() if d else 10**7  # undated rows sort last
        if col == COL_LEFT:
            return row.days_left if row.days_left is not None else 10**7
        return self._display(row, col).casefold()


# Status filter values beyond the statuses themselves.
OVERDUE, DUE_SOON, NEEDS_ACTION = "overdue", "soon", "action"


class RequestsFilterModel(QSortFilterProxyModel):
    """Filters by status (or overdue / due soon / needs action), jurisdiction and free text
    (see `services.request_search`: state names, statuses and dates are understood)."""

    ALL = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._status = self.ALL
        self._jurisdiction = self.ALL
        self._text = ""
        self._names: dict[str, str] = {}
        self.today: date | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts (one key per row); this proxy keeps its order."""
        source = self.sourceModel()
        if isinstance(source, RequestsTableModel):
            source.sort(column, order)
            super().sort(-1)
            return
        super().sort(column, order)

    def _refilter(self, change: Any) -> None:
        self.beginFilterChange()
        change()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str) -> None:
        self._refilter(lambda: setattr(self, "_status", status or self.ALL))

    def set_jurisdiction(self, code: str) -> None:
        self._refilter(lambda: setattr(self, "_jurisdiction", code))

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_text", text.strip()))

    def set_names(self, names: dict[str, str]) -> None:
        """Jurisdiction code -> name, so "virginia" finds VA."""
        self._refilter(lambda: setattr(self, "_names", dict(names)))

    def active(self) -> bool:
        """Whether any filter hides rows (the window offers "Clear filters")."""
        return bool(self._status or self._jurisdiction or self._text)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, RequestsTableModel):
            return True
        rows = model._rows
        if not 0 <= source_row < len(rows):
            return False
        row = rows[source_row]
        status = self._status
        if status == OVERDUE:
            if urgency(row) is not Urgency.OVERDUE:
                return False
        elif status == DUE_SOON:
            if urgency(row) is not Urgency.SOON:
                return False
        elif status == NEEDS_ACTION:
            if not needs_action(row, self.today):
                return False
        elif status and row.status.value != status:
            return False
        if self._jurisdiction and row.jurisdiction != self._jurisdiction:
            return False
        return not self._text or matches(row, self._text, self._names)
