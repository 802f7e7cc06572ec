"""The requests table: a thin model over `TrackerService.list_requests` rows, and the state
of its filters (the rows themselves are filtered by the database: see `TrackerPage`).

Nothing here names PySide6's `Qt` namespace on the way to the first list (roles are plain
numbers, the sort order a flag): its first use builds the enums of the whole namespace,
about 100 of them (~20 ms), which the window does only once the list has been painted.
"""

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
)
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel

# The status filter's values beyond the statuses themselves (re-exported for the page).
from foia_assist.services.request_search import DUE_SOON as DUE_SOON
from foia_assist.services.request_search import NEEDS_ACTION as NEEDS_ACTION
from foia_assist.services.request_search import OVERDUE as OVERDUE
from foia_assist.services.urgency import Urgency, days_left_text, urgency

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from foia_assist.services.tracker import RequestRow

COL_AGENCY, COL_JURISDICTION, COL_STATUS, COL_SENT, COL_DUE, COL_LEFT = range(6)
# Short headers for short columns ("IL" under "Jurisdiction" took 100 pixels the agency
# name needed); each header's tooltip says what the column is.
HEADERS = ("Agency", "State", "Status", "Sent", "Due", "Days left")
HEADER_TIPS = (
    "The agency the request went to",
    "Jurisdiction: the state whose public-records law applies (US: the federal FOIA)",
    "Where the request stands",
    "The day it was sent",
    "The date shown: the earliest deadline still running",
    "Days until that date, or how long it is overdue",
)
# Qt.ItemDataRole's values (tests/gui/test_gui_tracker.py checks them against Qt's).
DISPLAY_ROLE, TOOLTIP_ROLE, BACKGROUND_ROLE, FOREGROUND_ROLE = 0, 3, 8, 9
ACCESSIBLE_TEXT_ROLE, USER_ROLE = 11, 256
SortRole = USER_ROLE
RequestIdRole = USER_ROLE + 1
UrgencyRole = USER_ROLE + 2

# The roles `data` answers. The view's delegate asks each cell for eight roles on every
# measure and paint, most of them none of these: those are turned away first.
_ROLES = frozenset(
    (
        DISPLAY_ROLE,
        ACCESSIBLE_TEXT_ROLE,
        BACKGROUND_ROLE,
        FOREGROUND_ROLE,
        TOOLTIP_ROLE,
        SortRole,
        RequestIdRole,
        UrgencyRole,
    )
)

# Pale backgrounds keep the default text colour readable; the words carry the meaning too.
OVERDUE_BG = QColor("#f8d7da")
DUE_SOON_BG = QColor("#fff3cd")
DARK_TEXT = QColor("#1a1a1a")

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
        self._order: tuple[int, bool] | None = None  # (column, descending)

    def set_rows(self, rows: Sequence[RequestRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._order is not None:
            self._sort_rows(*self._order)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """Sort by `column` (ascending unless `order` says descending), keeping selections
        and the current row on their requests."""
        from PySide6.QtCore import Qt

        self.sort_by(column, descending=order == Qt.SortOrder.DescendingOrder)

    def sort_by(self, column: int, *, descending: bool = False) -> None:
        """`sort` without naming `Qt` (the first list is sorted before it is painted)."""
        if not 0 <= column < len(HEADERS):
            self._order = None
            return
        self._order = (column, descending)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].id if 0 <= i.row() < len(self._rows) else None for i in old]
        self._sort_rows(column, descending)
        where = {r.id: n for n, r in enumerate(self._rows)}
        new = [
            self.index(where[rid], i.column()) if rid in where else QModelIndex()
            for rid, i in zip(ids, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, descending: bool) -> None:
        self._rows.sort(key=lambda r: self._sort_key(r, column), reverse=descending)
        if descending and column in (COL_SENT, COL_DUE, COL_LEFT):
            # Rows with no date stay last both ways, as the database orders them (trial 3
            # T20: sorted the other way they came first); the sort is stable.
            self._rows.sort(key=lambda r: self._sort_key(r, column) == _UNDATED)

    def sql_order(self) -> tuple[str, bool]:
        """The database order of the current sort (`SummaryQuery.order`, descending)."""
        if self._order is None:
            return "id", False
        column, descending = self._order
        return SQL_ORDERS[column], descending

    def rows(self) -> list[RequestRow]:
        return list(self._rows)

    def first_rows(self, n: int) -> list[RequestRow]:
        """The first `n` rows as sorted (no copy of them all: a resize measures these)."""
        return self._rows[:n]

    def row_for(self, request_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == request_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        """The model's own headers (what a screen reader asks the view's model for); the
        table's header view shows the same words from `header_labels`."""
        from PySide6.QtCore import Qt

        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS)
        if role == TOOLTIP_ROLE and horizontal:
            return HEADER_TIPS[section]
        if role != DISPLAY_ROLE:
            return None
        if horizontal:
            return HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role in (DISPLAY_ROLE, ACCESSIBLE_TEXT_ROLE):
            return self._display(row, col)
        if role == SortRole:
            return self._sort_key(row, col)
        if role == RequestIdRole:
            return row.id
        if role == UrgencyRole:
            return urgency(row).value
        # Colours, not brushes: the view's delegate makes them brushes, and PySide6's QBrush
        # constructor builds the enums of the whole `Qt` namespace on first use.
        if role == BACKGROUND_ROLE:
            u = urgency(row)
            if u is Urgency.OVERDUE:
                return OVERDUE_BG
            if u is Urgency.SOON:
                return DUE_SOON_BG
            return None
        if role == FOREGROUND_ROLE and urgency(row):
            return DARK_TEXT  # dark text on the pale background, any theme
        if role == TOOLTIP_ROLE:
            return self._tooltip(row, col)
        return None

    def _tooltip(self, row: RequestRow, col: int) -> str:
        """The cell's full text (a narrow column cuts it with "…"), and more where useful."""
        reference = f"\nAgency reference: {row.tracking_number}" if row.tracking_number else ""
        if col == COL_LEFT and row.days_left is not None:
            return f"Due {row.due.isoformat() if row.due else ''}: {days_left_text(row)}"
        if col == COL_AGENCY:
            return f"{row.agency}{reference}"
        return f"{self._display(row, col)}{reference}"

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
            return d.toordinal() if d else _UNDATED  # undated rows sort last
        if col == COL_LEFT:
            return row.days_left if row.days_left is not None else _UNDATED
        return self._display(row, col).casefold()


_UNDATED = 10**7  # the sort key of a row with no date: after every dated one

# The database's order for each column (`ClockSummaryRepository.ORDERS`); days left is the
# due date's order.
SQL_ORDERS = ("agency", "jurisdiction", "status", "sent", "due", "due")


class RequestsFilterModel(QSortFilterProxyModel):
    """The filters' state: status (or overdue / due soon / needs action), jurisdiction and
    free text (see `services.request_search`: state names, statuses and dates are
    understood). It hides no row itself: `TrackerPage` asks the database for the rows that
    match (`TrackerService.list_filtered`) and the model holds only those, so a filter at
    100,000 requests is one indexed query, not a Python test of every row."""

    ALL = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.status = self.ALL
        self.jurisdiction = self.ALL
        self.text = ""

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """The source model sorts (one key per row); this proxy keeps its order."""
        from PySide6.QtCore import Qt

        order = Qt.SortOrder.AscendingOrder if order is None else order
        source = self.sourceModel()
        if isinstance(source, RequestsTableModel):
            source.sort(column, order)
            super().sort(-1)
            return
        super().sort(column, order)

    def set_status(self, status: str) -> None:
        self.status = status or self.ALL

    def set_jurisdiction(self, code: str) -> None:
        self.jurisdiction = code

    def set_text(self, text: str) -> None:
        self.text = text.strip()

    def active(self) -> bool:
        """Whether any filter hides rows (the window offers "Clear filters")."""
        return bool(self.status or self.jurisdiction or self.text)


def header_labels(parent: QObject | None = None) -> QStandardItemModel:
    """The table's column headers and their tooltips, for its header view. Not the requests
    model's `headerData`: Qt would call that with a `Qt.Orientation`, which makes PySide6
    build the enums of the whole `Qt` namespace before the first list is painted."""
    labels = QStandardItemModel(0, len(HEADERS), parent)
    for column, (text, tip) in enumerate(zip(HEADERS, HEADER_TIPS, strict=True)):
        item = QStandardItem(text)
        item.setToolTip(tip)
        labels.setHorizontalHeaderItem(column, item)
    return labels
