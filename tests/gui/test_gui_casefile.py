"""The case file in the window: attach (as drag and drop would), see the files, confirm the
events a reply announces, search with highlighted words, remove after asking."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from conftest import TODAY
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from foia_assist.gui.proposals_dialog import ProposalsDialog
from foia_assist.gui.search_dialog import snippet_html

REPLY = (
    "From: records@springfield.example\nSubject: Your request\n"
    "Date: Tue, 06 Oct 2026 10:15:00 -0400\nContent-Type: text/plain\n\n"
    "We have received your request, reference number PRR-77. We will need an extension and "
    "expect to respond by November 15, 2026. The Clearview contract is attached.\n"
)


def _tracked(gui_ctx: Any) -> int:
    from tracking_helpers import tracked_spec

    rid = gui_ctx.tracker.add_request(
        tracked_spec("WA"), today=date(2026, 10, 1), sent=date(2026, 10, 1)
    )
    return int(rid)


def test_drop_attach_confirm_search_and_remove(
    qtbot: Any, make_window: Any, gui_ctx: Any, tmp_path: Path, modals: Any, monkeypatch: Any
) -> None:
    rid = _tracked(gui_ctx)
    window = make_window()
    window.load()
    qtbot.waitUntil(lambda: window.select_request(rid), timeout=30_000)
    panel = window.casefile_actions.panel
    assert panel.request_id == rid and panel.attach_button.isEnabled()
    reply = tmp_path / "reply.eml"
    reply.write_text(REPLY, encoding="utf-8")

    # Confirm the proposals as shown (the dialog is accepted by the script below).
    seen: list[ProposalsDialog] = []

    def run_dialog(dialog: Any) -> bool:
        seen.append(dialog)
        return True

    from foia_assist.gui import messages

    monkeypatch.setattr(messages, "run_dialog", run_dialog)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(reply))])
    drop = QDropEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(panel.changed, timeout=30_000):
        panel.dropEvent(drop)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1, timeout=10_000)
    assert panel.tree.topLevelItem(0).text(1) == "reply.eml"
    assert "Attached 1 file(s)" in panel.status.text()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    kinds = [box.suggestion.kind for box in seen[0].boxes]
    assert kinds == ["acknowledged", "extension"]
    view = gui_ctx.tracker.view(rid, TODAY)
    logged = [e.kind.value for e in view.timeline]
    assert "acknowledged" in logged and "extension" in logged
    assert view.request.tracking_number == "PRR-77"

    window.casefile_actions.open_search()
    dialog = window.casefile_actions.search_dialog
    dialog.query.setText("clearview contract")
    dialog.run_search()
    assert dialog.results.count() == 1
    assert dialog.selected_hit().request_id == rid
    with qtbot.waitSignal(dialog.show_request):
        dialog.request_button.click()

    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    modals.answer_yes = True
    panel.remove_button.click()
    assert modals.questions and "Remove reply.eml" in modals.questions[-1][1]
    assert panel.tree.topLevelItemCount() == 0


def test_buttons_say_why_they_are_off(qtbot: Any, make_window: Any, gui_ctx: Any) -> None:
    window = make_window()
    panel = window.casefile_actions.panel
    panel.show_request(None)
    assert not panel.attach_button.isEnabled()
    assert panel.attach_button.toolTip() == "Select a request first"
    assert panel.remove_button.toolTip() == "Select an attachment first"


def test_snippets_bold_the_words_and_escape_the_rest() -> None:
    assert snippet_html("a <b> [[Clearview]] & [[contract]]") == (
        "a &lt;b&gt; <b>Clearview</b> &amp; <b>contract</b>"
    )
