"""The 2026-12-03 trial's leftovers (docs/verification/window-trial-2026-12-03.md, rows
J1, J5, J6/K4, J7, C5, C6, C8, K3)."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import TODAY, spec
from PySide6.QtWidgets import QApplication

from foia_assist.domain.lifecycle import EventKind, Status

# -- J1: an extension noticed after the original due date -----------------------------------


def test_a_late_illinois_extension_is_flagged_before_saving_and_does_not_extend(
    qtbot: Any, make_window: Any, gui_ctx: Any, dialogs: Any
) -> None:
    """Chicago, emailed 2026-11-03, was due 2026-11-10 (5 business days). An extension
    logged on 2026-11-26 (TODAY) came after that: the dialog says so before Log, and the
    request stays overdue instead of becoming "Extended"."""
    rid = gui_ctx.tracker.add_request(
        spec("Chicago Police Department", "IL", "foia@example.gov"),
        today=date(2026, 11, 3), sent=date(2026, 11, 3), method="email",
    )  # fmt: skip
    window = make_window()
    assert window.select_request(rid)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> bool:
        seen["late"] = (dialog.late_warning.isVisibleTo(dialog), dialog.late_warning.text())
        dialog.date_edit.setDate(dialog.date_edit.date().addDays(-16))  # 2026-11-10: in time
        seen["in_time"] = dialog.late_warning.isVisibleTo(dialog)
        dialog.date_edit.setDate(dialog.date_edit.date().addDays(16))  # back to 11-26
        return True

    dialogs.steps.append(fill)
    window.log_event(EventKind.EXTENSION)
    visible, text = seen["late"]
    assert visible and "came after the original due date, 2026-11-10" in text
    assert "written notice within the original 5 business days" in text
    assert "5 ILCS 140/3(e)" in text
    assert seen["in_time"] is False
    qtbot.waitUntil(lambda: "Late extension" in window.detail.clocks.toPlainText())
    row = next(r for r in gui_ctx.tracker.list_requests(TODAY) if r.id == rid)
    assert row.status is Status.AWAITING_RESPONSE and row.due == date(2026, 11, 10)
    assert "late extension" in window.statusBar().currentMessage()
    QApplication.processEvents()
