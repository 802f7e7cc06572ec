"""Problems found in the third trial of the window as its users would use it.

See docs/verification/window-trial-2026-12-03c.md.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from foia_assist.app import AppContext

TODAY = date(2026, 12, 3)


def test_tab_from_an_events_date_goes_to_the_next_field_and_leaves_the_date_alone(
    qtbot: Any, gui_ctx: AppContext
) -> None:
    """K: Tab after the Date moved to the month; the exemptions typed next became the date
    2026-04-07 and were lost."""
    from foia_assist.domain.lifecycle import EventKind
    from foia_assist.gui.event_dialog import EventDialog

    dialog = EventDialog(EventKind.DENIED, TODAY, law=gui_ctx.jurisdictions.get("MA"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.date_edit.setFocus()
    qtbot.waitUntil(lambda: dialog.date_edit.hasFocus())
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.exemptions)
    qtbot.keyClicks(dialog.exemptions, "c. 4, s. 7(26)(f)")
    assert dialog.exemptions.text() == "c. 4, s. 7(26)(f)"
    assert dialog.date_edit.date().toPython() == TODAY
    # Shift+Tab goes back to the date, not into its month.
    qtbot.keyClick(dialog.exemptions, Qt.Key.Key_Backtab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.date_edit)
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Backtab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not dialog.date_edit)
    assert dialog.date_edit.date().toPython() == TODAY
