"""Problems found trying the window as its users would (docs/verification/window-trial-2026-12-03.md)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from foia_assist.app import AppContext


def test_enter_in_the_directory_search_picks_the_agency_and_stays_on_step_2(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, modals: Any
) -> None:
    """Enter in the directory search used the agency AND pressed Next: the user never saw
    "No contact recorded yet: enter the one you find" nor the empty email field."""
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.jurisdiction_page.select("TX")
    wizard.next()
    page = wizard.agency_page
    picker = page.directory
    assert picker is not None
    qtbot.waitUntil(lambda: wizard.currentPage() is page)
    picker.box.query.setFocus()
    qtbot.keyClicks(picker.box.query, "austin police")
    qtbot.waitUntil(lambda: picker.box.results.count() > 0, timeout=15_000)
    qtbot.keyClick(picker.box.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.name.text() == "Austin Police Department")
    assert wizard.currentPage() is page  # still on step 2: the contact is still to be entered
    assert "No contact recorded yet" in picker.info.text()


def test_agency_postal_address_keeps_two_lines_at_1024x640(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, modals: Any
) -> None:
    """At 1024×640 the postal address box on step 2 shrank to one line with scroll arrows."""
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.resize(1024, 640)
    wizard.show()
    wizard.jurisdiction_page.select("TX")
    wizard.next()
    page = wizard.agency_page
    qtbot.waitUntil(lambda: page.address.isVisible())
    line = page.address.fontMetrics().lineSpacing()
    assert page.address.viewport().height() >= 2 * line


def test_windows_leave_room_for_the_title_bar_on_a_small_screen(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, modals: Any
) -> None:
    """On a 1024×640 screen with a window manager, the main window and the wizard opened
    exactly 640 pixels high, so their frame pushed the status line and the wizard's
    Back/Next/Cancel buttons below the screen's edge."""
    from foia_assist.gui.screen_fit import fit_to_screen

    title_bar = 20  # the smallest title bar a window manager draws

    window = make_window()
    free = window.screen().availableGeometry()
    window.resize(free.width() + 200, free.height() + 200)
    fit_to_screen(window)
    assert window.height() + title_bar <= free.height()
    assert window.width() < free.width()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    assert wizard.height() + title_bar <= free.height()
    assert wizard.minimumHeight() + title_bar <= free.height()
