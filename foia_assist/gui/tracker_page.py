"""The tracker page: the summary line, search and filters, the requests table and the detail.

Built just after the window is on screen (see main_window's note on start-up cost). The
detail pane is built apart (`build_detail`), once the list is on screen: its module and the
events' model it imports took a third of the time from "shown" to "listed".
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from foia_assist.domain.status import Status
from foia_assist.gui.accessible import with_clear_button
from foia_assist.gui.requests_model import (
    COL_AGENCY,
    COL_DUE,
    DUE_SOON,
    NEEDS_ACTION,
    OVERDUE,
    TOOLTIP_ROLE,
    RequestIdRole,
    RequestsFilterModel,
    RequestsTableModel,
    header_labels,
)
from foia_assist.services.request_search import filter_query
from foia_assist.services.urgency import DUE_SOON_DAYS, summary_text

if TYPE_CHECKING:
    from foia_assist.gui.detail_pane import DetailPane
    from foia_assist.services.tracker import RequestRow
    from foia_assist.storage.clock_summary_repo import SummaryQuery

    # Runs a filter's query (on the GUI thread or the pool) and hands its rows to the
    # callback, on the GUI thread; it may drop a query it cannot run yet (start-up).
    Fetch = Callable[[SummaryQuery, Callable[[list[RequestRow]], None]], None]

# The agency column never shrinks below this many characters ("Atlanta Police Departm…").
AGENCY_MIN_CHARS = 24
# …and is not widened for names longer than this (they are cut, with a tooltip).
AGENCY_MAX_CHARS = 48


class TrackerPage(QWidget):
    # The shown request was hidden by the filters and no other is left to show.
    selection_lost = Signal()
    DETAIL_MIN_WIDTH = 280  # the detail pane's (and its place's until it is built)

    def __init__(self, model: RequestsTableModel, proxy: RequestsFilterModel) -> None:
        super().__init__()
        self.model, self.proxy = model, proxy
        # Every request as last listed (the summary line and the jurisdiction list), and
        # what filtered rows are asked for with (set by the window).
        self.all_rows: list[RequestRow] = []
        self.fetch: Fetch | None = None
        self._today: date | None = None
        self._names: dict[str, str] = {}
        self._query_generation = 0
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Overdue, due this week and reminders due")
        self.summary.setStyleSheet("QLabel { padding: 6px; font-weight: bold; }")
        layout.addWidget(self.summary)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search agency, state, status, date or reference…")
        self.search.setAccessibleName("Search requests")
        self.search.setToolTip(
            "Finds agencies, states by code or name (“virginia”), statuses (“denied”), "
            "dates (“2026-11”, “november”) and agency references. Ctrl+F comes here."
        )
        with_clear_button(self.search, "the search")
        self.search.textChanged.connect(self._text_changed)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("All statuses", "")
        self.status_filter.addItem("Needs action", NEEDS_ACTION)
        self.status_filter.addItem("Overdue", OVERDUE)
        self.status_filter.addItem(f"Due in the next {DUE_SOON_DAYS} days", DUE_SOON)
        self.status_filter.setItemData(
            1,
            "Overdue or due this week, a reminder due, not sent yet, or a denial you can "
            "still appeal",
            TOOLTIP_ROLE,
        )
        for s in Status:
            self.status_filter.addItem(s.value.capitalize(), s.value)
        self.status_filter.currentIndexChanged.connect(
            lambda _: self._apply(lambda: self.proxy.set_status(self.status_filter.currentData()))
        )
        self.jurisdiction_filter = QComboBox()
        self.jurisdiction_filter.setAccessibleName("Filter by jurisdiction")
        self.jurisdiction_filter.currentIndexChanged.connect(
            lambda _: self._apply(
                lambda: self.proxy.set_jurisdiction(self.jurisdiction_filter.currentData() or "")
            )
        )
        search_label = QLabel("Fi&nd:")
        search_label.setBuddy(self.search)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.jurisdiction_filter, 1)
        layout.addLayout(filters)
        empty_row = QHBoxLayout()
        self.empty = QLabel()
        self.empty.setAccessibleName("No request matches")
        self.empty.setWordWrap(True)
        self.clear_button = QPushButton("C&lear filters")
        self.clear_button.setAccessibleName("Clear the search and filters")
        self.clear_button.setToolTip("Show every request again.")
        self.clear_button.clicked.connect(self.clear_filters)
        empty_row.addWidget(self.empty, 1)
        empty_row.addWidget(self.clear_button)
        self.empty_row = QWidget()
        self.empty_row.setLayout(empty_row)
        self.empty_row.hide()
        layout.addWidget(self.empty_row)

        self.splitter = QSplitter()  # (horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.table = QTableView()
        self.table.setAccessibleName("Tracked requests")
        # The view takes the filter model before it has a source, and the header its own
        # labels: then Qt never asks the requests model's `headerData` before the first
        # list is painted (see `header_labels`).
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setModel(header_labels(self))
        self.proxy.setSourceModel(self.model)
        # Sorted by due date from the first list; the header's sort indicator and sorting by
        # a click come with `finish_table`, once the list has been painted.
        self.model.sort_by(COL_DUE)
        self._table_finished = False
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
        # The selected row is painted the same with or without the keyboard: a frame says
        # which (like the detail pane's read-only boxes).
        self.table.setStyleSheet("QTableView:focus { border: 2px solid palette(highlight); }")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_AGENCY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        # Columns fit the first 200 rows' text, not 1,000 (Qt's default): after each filter
        # the model's rows are replaced, and measuring 1,000 rows took longer than the query.
        header.setResizeContentsPrecision(200)
        # The detail pane's place, held by an empty widget of its minimum width until
        # `build_detail` puts the pane there (same sizes, so the table does not move).
        self.detail: DetailPane | None = None
        self._detail_slot = QWidget()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._detail_slot)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 520])
        self.table.setMinimumWidth(360)
        self._detail_slot.setMinimumWidth(self.DETAIL_MIN_WIDTH)
        layout.addWidget(self.splitter, 1)

    def finish_table(self) -> None:
        """What the table can do without until its first list is on screen: sorting by a
        header click, with the indicator on the due date (the rows are in that order
        already). Naming `Qt` here builds the enums of the whole namespace (~20 ms)."""
        if self._table_finished:
            return
        from PySide6.QtCore import Qt

        self._table_finished = True
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # The indicator first: enabling sorting sorts by it, here the order the rows have
        # (a stable sort: rows due the same day keep their order).
        self.table.horizontalHeader().setSortIndicator(COL_DUE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

    def build_detail(self) -> DetailPane:
        """The detail pane, in its place beside the table (built once)."""
        if self.detail is None:
            from foia_assist.gui.detail_pane import DetailPane

            pane = DetailPane()
            pane.setMinimumWidth(self.DETAIL_MIN_WIDTH)
            self.splitter.replaceWidget(1, pane)  # takes the slot's size and visibility
            self._detail_slot.deleteLater()
            self.detail = pane
        return self.detail

    def share_width(self) -> None:
        """Column policy: the short columns fit their contents, the agency column gets the
        rest. The table is given what its short columns need plus the widest agency name
        listed (at least AGENCY_MIN_CHARS, at most AGENCY_MAX_CHARS characters); the detail
        pane (which wraps) gets the rest, between 280 and 560 pixels. Cut text is in the
        cells' tooltips."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        metrics = self.table.fontMetrics()
        chars = metrics.averageCharWidth()
        header = self.table.horizontalHeader()
        fixed = sum(
            header.sectionSize(c) for c in range(self.model.columnCount()) if c != COL_AGENCY
        )
        # The rows shown (the first 200, as the columns are measured) set what is readable.
        names = (r.agency for r in self.model.first_rows(200))
        widest = max((metrics.horizontalAdvance(n) for n in names), default=0)
        agency = min(max(widest + chars * 2, chars * AGENCY_MIN_CHARS), chars * AGENCY_MAX_CHARS)
        frame = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        table = fixed + agency + frame
        detail = max(self._detail_floor(), min(560, total - table))
        self.splitter.setSizes([total - detail, detail])

    def _detail_floor(self) -> int:
        """The narrowest the detail pane may be without scrolling sideways (at least 280):
        what its buttons and boxes need, plus its scroll bar and frame."""
        if self.detail is None:  # not built yet (start-up): its place's width
            return self.DETAIL_MIN_WIDTH
        area = self.detail.scroll_area
        content = area.widget()
        need = content.minimumSizeHint().width() if content is not None else 0
        need += area.verticalScrollBar().sizeHint().width() + 2 * area.frameWidth()
        return max(self.DETAIL_MIN_WIDTH, need)

    # -- filters --------------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        self._apply(lambda: self.proxy.set_text(text))

    def _apply(self, change: Any) -> None:
        change()
        self.requery()

    def filter_query(self) -> SummaryQuery | None:
        """The database query of the filters as set, or None when none is set."""
        if not self.proxy.active() or self._today is None:
            return None
        order, descending = self.model.sql_order()
        return filter_query(
            self._today,
            status=self.proxy.status,
            jurisdiction=self.proxy.jurisdiction,
            text=self.proxy.text,
            names=self._names,
            order=order,
            descending=descending,
        )

    def requery(self) -> None:
        """Show the rows the filters keep, asked of the database (every row when none is
        set); a later change supersedes a query still running."""
        self._query_generation += 1
        generation = self._query_generation
        query = self.filter_query()
        if query is None or self.fetch is None:
            self._show_filtered(self.all_rows)
            return

        def deliver(rows: list[RequestRow]) -> None:
            if generation == self._query_generation:
                self._show_filtered(rows, pick_first=True)

        self.fetch(query, deliver)

    def _show_filtered(self, rows: list[RequestRow], pick_first: bool = False) -> None:
        """Replace the model's rows in one go, keeping the selected request if it is among
        them. When the filters hide it, the first request they keep is shown instead (or
        none): the detail pane went on showing the hidden request beside a list without it,
        so "Log event" would have gone to a request the list did not show. `pick_first`
        (a filter's answer): with nothing selected (after a search that found nothing), the
        first request found is shown too, not "Select a request…" beside the list."""
        current = self.current_request_id()
        self.model.set_rows(rows)
        lost = current is not None and not self.select_request(current)
        if lost or (current is None and pick_first and rows):
            first = self.proxy.index(0, 0)
            if first.isValid():
                self.table.selectionModel().setCurrentIndex(
                    first,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            else:
                self.selection_lost.emit()
        self.update_empty()

    def update_empty(self) -> None:
        """Say when the filters hide every request, and offer to clear them."""
        total = len(self.all_rows)
        hidden_all = total > 0 and self.proxy.rowCount() == 0
        if hidden_all:
            what = []
            if self.search.text().strip():
                what.append(f"“{html.escape(self.search.text().strip())}”")
            if self.status_filter.currentIndex() > 0:
                what.append(self.status_filter.currentText().lower())
            if self.jurisdiction_filter.currentIndex() > 0:
                what.append(self.jurisdiction_filter.currentText())
            self.empty.setText(
                f"No request matches {' and '.join(what)}. "
                f"{total} request(s) are hidden by the filters."
            )
        self.empty_row.setVisible(hidden_all)

    def clear_filters(self) -> None:
        for widget in (self.search, self.status_filter, self.jurisdiction_filter):
            widget.blockSignals(True)  # one listing for the three changes, not three
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.jurisdiction_filter.setCurrentIndex(0)
        for widget in (self.search, self.status_filter, self.jurisdiction_filter):
            widget.blockSignals(False)
        self.proxy.set_text("")
        self.proxy.set_status("")
        self.proxy.set_jurisdiction("")
        self.requery()

    def show_rows(self, rows: list[RequestRow], today: date, names: Mapping[str, str]) -> None:
        """Every request as listed; the model then shows those the filters keep."""
        self._today, self._names = today, dict(names)
        self.all_rows = rows
        self._refresh_jurisdiction_filter(rows, names)
        self.requery()
        self.summary.setText(summary_text(rows, today))
        overdue = any(r.overdue for r in rows)
        self.summary.setStyleSheet(
            "QLabel { padding: 6px; font-weight: bold; border-radius: 3px; "
            + ("background: #f8d7da; color: #1a1a1a; }" if overdue else "}")
        )

    def _refresh_jurisdiction_filter(
        self, rows: list[RequestRow], names: Mapping[str, str]
    ) -> None:
        box = self.jurisdiction_filter
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem("All jurisdictions", "")
        for code in sorted({r.jurisdiction for r in rows}):
            name = names.get(code)
            box.addItem(f"{code} — {name}" if name else code, code)
        index = box.findData(keep) if keep else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)
        self.proxy.set_jurisdiction(box.currentData() or "")

    # -- selection ------------------------------------------------------------------------

    def current_request_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.data(RequestIdRole)
        return int(value) if value is not None else None

    def select_request(self, request_id: int) -> bool:
        row = self.model.row_for(request_id)
        if row < 0:
            return False
        index: QModelIndex = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True
