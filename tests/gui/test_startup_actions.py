"""While the start-up load runs, the menus work and the detail pane agrees with the list (trial
J14: for about a second the menus and toolbar were greyed, Ctrl+N did nothing, and the first
row was selected while the detail pane said "Select a request…").

The load is held back for the test by giving the window's runner a one-thread pool whose
thread a gate occupies: the load job waits behind it, so "while loading" is not a race.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from conftest import TODAY, spec


@pytest.fixture
def held_load() -> Iterator[tuple[Any, threading.Event]]:
    """A thread pool whose only thread waits for the gate (set it to let the load run)."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    gate = threading.Event()
    pool.start(lambda: gate.wait(30))
    yield pool, gate
    gate.set()
    assert pool.waitForDone(10_000)


def _window(qtbot: Any, ctx: Any, pool: Any) -> Any:
    from foia_assist.gui.main_window import MainWindow

    for i, (name, code) in enumerate(
        [("Los Angeles Police Department", "CA"), ("Seattle Police Department", "WA")]
    ):
        day = date(2026, 10, 1 + i)
        ctx.tracker.add_request(spec(name, code), today=day, sent=day, method="email")
    window = MainWindow(ctx, today=lambda: TODAY, defer_load=True)
    qtbot.addWidget(window)
    window.runner.pool = pool
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.after_show()
    qtbot.waitUntil(lambda: window.pages_built and window.model.rowCount() == 2)
    return window


def test_ctrl_n_while_loading_opens_the_wizard_once_the_data_is_in(
    qtbot: Any, gui_ctx: Any, held_load: tuple[Any, threading.Event]
) -> None:
    from PySide6.QtCore import Qt

    pool, gate = held_load
    window = _window(qtbot, gui_ctx, pool)
    # The list is on screen; the rules are not read yet.
    assert window.load_job is not None and not window.load_job.cancel_requested
    # Nothing is greyed: every menu item and toolbar button can be chosen.
    assert all(a.isEnabled() for a in window.menus.actions.values())
    assert window.data_loading
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.wizard is None  # it waits for the data...
    assert "as soon as they are in" in window.statusBar().currentMessage()
    window.new_action.trigger()  # (chosen twice: still one wizard)
    gate.set()
    qtbot.waitUntil(lambda: not window.data_loading, timeout=30_000)
    # ...and opens once it is in.
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.isVisible())
    wizard = window.wizard
    assert wizard.parent() is window
    assert window.statusBar().currentMessage() == ""
    wizard.close()


def test_the_detail_pane_agrees_with_the_selection_while_loading(
    qtbot: Any, gui_ctx: Any, held_load: tuple[Any, threading.Event]
) -> None:
    pool, gate = held_load
    window = _window(qtbot, gui_ctx, pool)
    qtbot.waitUntil(lambda: window.detail_built)  # built once the list is painted
    # No row is selected while the pane cannot show one: it says to select a request.
    assert window.current_request_id() is None
    assert "Select a request" in window.detail.title.text()
    # A row chosen now: the pane says its deadlines follow, not "Select a request".
    first = window.proxy.index(0, 0)
    window.table.setCurrentIndex(first)
    chosen = window.current_request_id()
    assert chosen is not None
    assert "Select a request" not in window.detail.title.text()
    assert "Reading the rules" in window.detail.title.text()
    assert not window.detail.log_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not window.data_loading, timeout=30_000)
    # Once the rules are read, the chosen request is shown.
    assert window.current_request_id() == chosen
    assert window.detail.view is not None and window.detail.view.request.id == chosen


def test_after_the_load_the_first_request_is_selected_and_shown(
    qtbot: Any, gui_ctx: Any, held_load: tuple[Any, threading.Event]
) -> None:
    pool, gate = held_load
    window = _window(qtbot, gui_ctx, pool)
    gate.set()
    qtbot.waitUntil(lambda: not window.data_loading, timeout=30_000)
    from foia_assist.gui.requests_model import RequestIdRole

    rid = window.current_request_id()
    assert rid is not None and rid == window.proxy.index(0, 0).data(RequestIdRole)
    qtbot.waitUntil(lambda: window.detail_built)
    assert window.detail.view is not None and window.detail.view.request.id == rid


def test_the_welcome_page_is_usable_while_loading(
    qtbot: Any, gui_ctx: Any, held_load: tuple[Any, threading.Event]
) -> None:
    """A first start: the welcome's "Start a new request" is not greyed while the rules are
    read; clicked then, the wizard opens once they are in."""
    from PySide6.QtCore import Qt

    from foia_assist.gui.main_window import MainWindow

    pool, gate = held_load
    gui_ctx.tracker  # noqa: B018  (an empty tracker)
    window = MainWindow(gui_ctx, today=lambda: TODAY, defer_load=True)
    qtbot.addWidget(window)
    window.runner.pool = pool
    window.show()
    window.after_show()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0 and window.data_loading)
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.start_button.isEnabled() and window.welcome.isEnabled()
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    assert window.wizard is None
    gate.set()
    qtbot.waitUntil(lambda: not window.data_loading, timeout=30_000)
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.isVisible())
    window.wizard.close()


def test_a_window_never_painted_still_reads_the_rules(qtbot: Any, gui_ctx: Any) -> None:
    """The full load starts once the start-up list has been painted (so that it does not
    take turns with the paint); a window that is never painted (minimised) starts it after a
    moment all the same."""
    from foia_assist.gui.main_window import MainWindow
    from foia_assist.gui.requests_model import COL_DUE

    day = date(2026, 10, 1)
    gui_ctx.tracker.add_request(
        spec("Los Angeles Police Department", "CA"), today=day, sent=day, method="email"
    )
    window = MainWindow(gui_ctx, today=lambda: TODAY, defer_load=True)
    qtbot.addWidget(window)  # never shown
    window.after_show()
    qtbot.waitUntil(lambda: window.pages_built and window.data_loading)
    qtbot.waitUntil(lambda: not window.data_loading, timeout=30_000)
    assert not window.isVisible()
    assert window.proxy.index(0, COL_DUE).data() == "2026-10-12"
    assert window.table.isSortingEnabled()  # (finished by the full list, not a paint)
