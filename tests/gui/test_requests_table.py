"""The requests table as the start-up work left it: plain role numbers, a header with its own
labels, colours instead of brushes (none of them names PySide6's `Qt` namespace before the
first list is painted: see `gui/requests_model.py`), and the same table as before."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import spec


def test_the_role_numbers_are_qts() -> None:
    from PySide6.QtCore import Qt

    from foia_assist.gui import requests_model as rm

    roles = Qt.ItemDataRole
    assert roles.DisplayRole.value == rm.DISPLAY_ROLE
    assert roles.ToolTipRole.value == rm.TOOLTIP_ROLE
    assert roles.BackgroundRole.value == rm.BACKGROUND_ROLE
    assert roles.ForegroundRole.value == rm.FOREGROUND_ROLE
    assert roles.AccessibleTextRole.value == rm.ACCESSIBLE_TEXT_ROLE
    assert roles.UserRole.value == rm.USER_ROLE
    assert (rm.SortRole, rm.RequestIdRole, rm.UrgencyRole) == (256, 257, 258)


def test_the_header_shows_the_columns_and_a_screen_reader_gets_the_same(
    make_window: Any,
) -> None:
    from PySide6.QtCore import Qt

    from foia_assist.gui.requests_model import COL_DUE, HEADER_TIPS, HEADERS

    window = make_window()
    header = window.table.horizontalHeader()
    shown = header.model()
    assert header.count() == len(HEADERS) == window.proxy.columnCount()
    for column, (text, tip) in enumerate(zip(HEADERS, HEADER_TIPS, strict=True)):
        # What the header view draws and its tooltip...
        assert shown.headerData(column, Qt.Orientation.Horizontal) == text
        assert (
            shown.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == tip
        )
        # ...and what a screen reader asks the view's model for.
        assert window.proxy.headerData(column, Qt.Orientation.Horizontal) == text
        tip_role = Qt.ItemDataRole.ToolTipRole
        assert window.proxy.headerData(column, Qt.Orientation.Horizontal, tip_role) == tip
    # A window that loads at once (no start-up list) sorts by due date from the start.
    assert window.table.isSortingEnabled()
    assert header.sortIndicatorSection() == COL_DUE
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder


def test_a_header_click_sorts_and_the_filter_query_follows(make_window: Any, gui_ctx: Any) -> None:
    from PySide6.QtCore import Qt

    from foia_assist.gui.requests_model import COL_AGENCY

    for i, (name, code) in enumerate(
        [("Seattle Police Department", "WA"), ("Atlanta Police Department", "GA")]
    ):
        day = date(2026, 10, 1 + i)
        gui_ctx.tracker.add_request(spec(name, code), today=day, sent=day, method="email")
    window = make_window()
    header = window.table.horizontalHeader()
    header.setSortIndicator(COL_AGENCY, Qt.SortOrder.AscendingOrder)  # as a click does
    agencies = [window.proxy.index(i, COL_AGENCY).data() for i in range(2)]
    assert agencies == ["Atlanta Police Department", "Seattle Police Department"]
    assert window.model.sql_order() == ("agency", False)
    header.setSortIndicator(COL_AGENCY, Qt.SortOrder.DescendingOrder)
    agencies = [window.proxy.index(i, COL_AGENCY).data() for i in range(2)]
    assert agencies == ["Seattle Police Department", "Atlanta Police Department"]
    assert window.model.sql_order() == ("agency", True)


def test_an_overdue_row_is_painted_in_its_colours(make_window: Any, gui_ctx: Any) -> None:
    """The model gives colours; the view's delegate paints them as it did the brushes."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyleOptionViewItem

    from foia_assist.gui.requests_model import COL_LEFT, OVERDUE_BG

    gui_ctx.tracker.add_request(
        spec("Los Angeles Police Department", "CA"),
        today=date(2026, 10, 1),
        sent=date(2026, 10, 1),
        method="email",
    )
    window = make_window()
    index = window.proxy.index(0, COL_LEFT)
    assert index.data() == "Overdue by 45 days"
    option = QStyleOptionViewItem()
    window.table.itemDelegate().initStyleOption(option, index)
    assert option.backgroundBrush.color().name() == OVERDUE_BG.name() == "#f8d7da"
    assert option.palette.brush(QPalette.ColorRole.Text).color().name() == "#1a1a1a"


def test_rows_with_no_date_stay_last_in_both_orders(make_window: Any, gui_ctx: Any) -> None:
    """Trial 3 T20: sorted by Days left the other way, the rows with no due date came first
    (the database puts them last both ways; a filter's query and a click now agree)."""
    from PySide6.QtCore import Qt

    from foia_assist.gui.requests_model import COL_AGENCY, COL_DUE, COL_LEFT, COL_SENT

    day = date(2026, 10, 1)
    gui_ctx.tracker.add_request(spec("Drafted Office", "WA"), today=day)  # never sent
    for i, code in enumerate(("CA", "TX")):
        sent = date(2026, 10, 1 + 7 * i)
        gui_ctx.tracker.add_request(
            spec(f"Sent Office {i}", code), today=sent, sent=sent, method="email"
        )
    window = make_window()
    header = window.table.horizontalHeader()
    for column in (COL_SENT, COL_DUE, COL_LEFT):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            header.setSortIndicator(column, order)
            agencies = [window.proxy.index(i, COL_AGENCY).data() for i in range(3)]
            assert agencies[-1] == "Drafted Office", (column, order, agencies)
            dated = agencies[:2]
            ascending = order == Qt.SortOrder.AscendingOrder
            assert dated == (["Sent Office 0", "Sent Office 1"] if ascending else
                             ["Sent Office 1", "Sent Office 0"]), (column, order)  # fmt: skip
