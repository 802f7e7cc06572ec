"""Problems found in the third trial of the window as its users would use it.

See docs/verification/window-trial-2026-12-03c.md.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

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


def test_attach_buttons_come_back_after_attaching(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, tmp_path: Any
) -> None:
    """T2: after "Attached 3 file(s)" the Attach files… and Attach a folder… buttons stayed
    disabled until another request was chosen (the job still counted as running when its
    `finished` callback updated them)."""
    from tracking_helpers import tracked_spec

    rid = int(gui_ctx.tracker.add_request(tracked_spec("MA"), today=TODAY, sent=date(2026, 11, 2)))
    window = make_window()
    window.load()
    qtbot.waitUntil(lambda: window.select_request(rid), timeout=30_000)
    panel = window.casefile_actions.panel
    assert panel.attach_button.isEnabled()
    broken = tmp_path / "corrupt-reply.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<" + bytes(range(256)) * 8)
    with qtbot.waitSignal(panel.changed, timeout=30_000):
        panel.attach([broken])
    qtbot.waitUntil(lambda: panel._runner.running == 0, timeout=10_000)
    qtbot.waitUntil(lambda: "Attached 1 file(s)" in panel.status.text(), timeout=10_000)
    assert panel.attach_button.isEnabled()
    assert panel.attach_folder_button.isEnabled()
    # The unreadable PDF is kept, with a note saying why it cannot be searched, and (T4:
    # the Note column is cut at 1024 pixels) the status line names it and says why.
    assert panel.tree.topLevelItemCount() == 1
    note = panel.tree.topLevelItem(0).text(4)
    assert note
    assert f"1 without searchable text: corrupt-reply.pdf ({note})" in panel.status.text()


def test_no_key_twice_in_any_menu(qtbot: Any, make_window: Any) -> None:
    """T3: File had "Export deadlines to &calendar" and "Export table to &CSV": Alt+F, C
    only moved between the two."""
    import re

    window = make_window()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        keys = [
            m.group(1).casefold()
            for a in menu.actions()
            if not a.isSeparator() and (m := re.search(r"&([^&])", a.text()))
        ]
        assert len(keys) == len(set(keys)), (menu_action.text(), keys)


def test_the_attach_message_does_not_follow_you_to_another_request(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, tmp_path: Any
) -> None:
    """T6: after attaching to Massachusetts State Police, Chicago's empty case file still
    said "Attached 3 file(s); 2 without searchable text (see Note).\""""
    from tracking_helpers import tracked_spec

    ma = int(gui_ctx.tracker.add_request(tracked_spec("MA"), today=TODAY, sent=date(2026, 11, 2)))
    il = int(gui_ctx.tracker.add_request(tracked_spec("IL"), today=TODAY, sent=date(2026, 11, 24)))
    window = make_window()
    window.load()
    qtbot.waitUntil(lambda: window.select_request(ma), timeout=30_000)
    panel = window.casefile_actions.panel
    reply = tmp_path / "reply.eml"
    reply.write_text("From: a@b.example\nSubject: x\n\nWe found 42 pages.\n", encoding="utf-8")
    with qtbot.waitSignal(panel.changed, timeout=30_000):
        panel.attach([reply])
    qtbot.waitUntil(lambda: "Attached 1 file(s)" in panel.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: window.select_request(il), timeout=30_000)
    qtbot.waitUntil(lambda: panel.request_id == il, timeout=10_000)
    assert panel.tree.topLevelItemCount() == 0
    assert "Attached" not in panel.status.text()
    # Back on Massachusetts its file is listed (the message was about the moment of attaching).
    qtbot.waitUntil(lambda: window.select_request(ma), timeout=30_000)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1, timeout=10_000)


def test_a_dropped_shared_tracker_is_said_and_the_pane_never_shows_the_wrong_request(
    qtbot: Any, tmp_path: Any, modals: Any
) -> None:
    """T8: with the team's PostgreSQL server stopped, the window said nothing; choosing
    Chicago left Denver's details and buttons beside the selected Chicago row (the case
    file's read failed outside the try). A server of its own: the session's is shared."""
    import shutil
    import tempfile
    from pathlib import Path

    from conftest import spec
    from postgres_server import SUPERUSER_PASSWORD, PostgresServer, free_port

    from foia_assist.gui.main_window import MainWindow
    from foia_assist.paths import AppPaths
    from foia_assist.storage.database_url import parse_database_url
    from foia_assist.storage.secrets import MemorySecretStore

    server = PostgresServer(Path(tempfile.mkdtemp(prefix="foia-assist-pg-")), free_port())
    ctx = None
    try:
        server.start()
        url = server.url(server.fresh_database())
        ctx = AppContext(paths=AppPaths.under(tmp_path / "data").ensure(), database_url=url)
        secrets = MemorySecretStore()
        secrets.set(parse_database_url(url).secret_account, SUPERUSER_PASSWORD)
        ctx.secrets = secrets  # type: ignore[misc]
        denver = ctx.tracker.add_request(spec("Denver Police Department", "CO"), today=TODAY)
        chicago = ctx.tracker.add_request(spec("Chicago Police Department", "IL"), today=TODAY)
        window = MainWindow(ctx, today=lambda: TODAY)
        window.WATCH_MS = 200
        window._watch_timer.setInterval(200)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
        qtbot.waitUntil(lambda: window._watch is not None, timeout=10_000)
        assert window.select_request(denver)
        assert window.detail.view is not None and window.detail.view.request.id == denver

        server.stop()
        bar = window.statusBar()
        qtbot.waitUntil(lambda: "Trying again" in bar.currentMessage(), timeout=10_000)
        assert "cannot reach" in bar.currentMessage().casefold()

        window.select_request(chicago)
        assert window.detail.view is None  # not Denver's
        assert not window.detail.log_button.isEnabled()
        assert window.casefile_actions.panel.request_id is None
        assert any("cannot reach" in text for _, text in modals.errors)

        # The server is back: the window says so and shows the request again.
        server.restart()
        qtbot.waitUntil(lambda: "Connected again" in bar.currentMessage(), timeout=20_000)
        assert window.select_request(chicago)
        assert window.detail.view is not None and window.detail.view.request.id == chicago
    finally:
        if ctx is not None:
            ctx.close()
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


def test_finishing_the_wizard_says_the_request_was_added(
    qtbot: Any, make_window: Any, gui_ctx: AppContext
) -> None:
    """T10: Finish closed the wizard and the window said nothing; the new row was selected
    somewhere in a list of 34."""
    from tracking_helpers import tracked_spec

    window = make_window()
    window.load()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    rid = int(gui_ctx.tracker.add_request(tracked_spec("CO"), today=TODAY, sent=TODAY))
    wizard.request_added.emit(rid)  # what Finish does once the request is in the tracker
    bar = window.statusBar()
    qtbot.waitUntil(lambda: window.current_request_id() == rid, timeout=10_000)
    qtbot.waitUntil(lambda: f"request #{rid}" in bar.currentMessage(), timeout=10_000)
    assert "Added to your tracker" in bar.currentMessage()
    wizard.close()


def test_tab_from_the_list_goes_to_log_event_and_the_focused_list_is_drawn_so(
    qtbot: Any, make_window: Any, gui_ctx: AppContext
) -> None:
    """T17: Tab from Find: status, jurisdiction, the list (its selected row looked the same
    focused or not), then a stop drawn nowhere (the detail pane's scroll area), then Log
    event."""
    from tracking_helpers import tracked_spec

    rid = int(gui_ctx.tracker.add_request(tracked_spec("MI"), today=TODAY, sent=TODAY))
    window = make_window()
    window.load()
    qtbot.waitUntil(lambda: window.select_request(rid), timeout=30_000)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    table = window.table
    highlight = table.palette().color(QPalette.ColorRole.Highlight)

    def left_edge() -> Any:  # the frame's pixel halfway down the list's left side
        image = table.grab().toImage()
        return image.pixelColor(0, image.height() // 2)

    assert left_edge() != highlight
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    assert left_edge() == highlight  # the keyboard's place is seen
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not table)
    assert QApplication.focusWidget() is window.detail.log_button


def test_step_6_tracking_choices_have_keys_and_the_directory_says_what_it_holds(
    qtbot: Any, make_window: Any
) -> None:
    """T16: "Not sent yet" / "Sent today by" / "Add this request to my tracker" had no keys
    (test_no_key_twice_in_any_window checks they take none twice). T13: step 2 said "the
    directory of US police agencies" while it finds federal FOIA offices too."""
    import re

    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    page = wizard.finish_page
    for box in (page.track, page.as_drafted, page.as_sent):
        assert re.search(r"&[^&]", box.text()), box.text()
    labels = [w.text() for w in wizard.agency_page.findChildren(QLabel)]
    assert any("federal FOIA offices" in t for t in labels)
    wizard.reject()


def test_find_due_today_lists_the_rows_that_say_due_today(
    qtbot: Any, make_window: Any, gui_ctx: AppContext
) -> None:
    """T18: two rows said "Due today" and Find "due today" said "No request matches"."""
    from datetime import timedelta

    from conftest import spec

    from foia_assist.gui.main_window import MainWindow
    from foia_assist.services.urgency import days_left_text

    start = date(2026, 11, 2)
    for i, days_ago in enumerate((0, 3, 6, 9, 12, 20, 40)):
        sent = start - timedelta(days=days_ago)
        gui_ctx.tracker.add_request(
            spec(f"Agency {i}", "TX", "r@example.gov"), today=sent, sent=sent, method="email"
        )
    # The window is opened on the day the second-earliest deadline falls: due that day.
    today = sorted(r.due for r in gui_ctx.tracker.list_requests(start) if r.due)[1]
    window = MainWindow(gui_ctx, today=lambda: today)
    qtbot.addWidget(window)
    window.load()
    qtbot.waitUntil(lambda: window.model.rowCount() == 7)

    def shown() -> dict[str, str]:
        return {
            window.proxy.index(i, 0).data(): window.proxy.index(i, 5).data()
            for i in range(window.proxy.rowCount())
        }

    words = {r.agency: days_left_text(r) for r in gui_ctx.tracker.list_requests(today)}
    soon = {a for a, w in words.items() if w == "Due today" or w.startswith("Due soon")}
    assert soon  # the dates give rows due within the week
    window.search.setText("due soon")
    qtbot.waitUntil(lambda: set(shown()) == soon)
    window.search.setText("due today")
    expected = {a for a, w in words.items() if w == "Due today"}
    assert expected
    qtbot.waitUntil(lambda: set(shown()) == expected)
    assert all(w == "Due today" for w in shown().values())


def test_copy_email_text_keeps_the_saved_files_line(
    qtbot: Any, make_window: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    """T9: after Copy email text, "Saved: …docx, …pdf" was replaced by the clipboard line."""
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    page = wizard.finish_page
    letter = tmp_path / "2026-12-03_request_Denver_Police_Department.docx"
    letter.write_bytes(b"x")
    page.show_saved([letter])
    monkeypatch.setattr(wizard, "email_text", lambda: "Dear Records Officer: …")
    page.copy_button.click()
    assert QApplication.clipboard().text() == "Dear Records Officer: …"
    assert str(letter) in page.saved.text()
    assert "on the clipboard" in page.saved.text()
    wizard.reject()


def test_attachment_search_names_the_agency_of_each_hit(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, tmp_path: Any
) -> None:
    """T5: a hit read "reply.eml · request 3": with 33 requests, which agency?"""
    from PySide6.QtWidgets import QLabel as Label
    from tracking_helpers import tracked_spec

    rid = int(gui_ctx.tracker.add_request(tracked_spec("MA"), today=TODAY, sent=TODAY))
    reply = tmp_path / "reply.eml"
    reply.write_text(
        "From: records@msp.example\nSubject: Your request\n\n42 pages about Clearview.\n",
        encoding="utf-8",
    )
    for _ in gui_ctx.casefile.attach(rid, [reply], today=TODAY):
        pass
    agency = gui_ctx.tracker.get(rid).agency
    window = make_window()
    window.casefile_actions.open_search()
    dialog = window.casefile_actions.search_dialog
    dialog.query.setText("clearview")
    dialog.run_search()
    assert dialog.results.count() == 1
    label = dialog.results.itemWidget(dialog.results.item(0))
    assert isinstance(label, Label)
    assert f"{agency} (request {rid})" in label.text()
    dialog.close()


def test_with_no_request_shown_the_appeal_button_names_no_states_filing(
    qtbot: Any, make_window: Any, gui_ctx: AppContext
) -> None:
    """T20: after Find matched nothing, the empty pane's disabled button still read
    "Draft complaint" (New Jersey's filing, the request shown before)."""
    from tracking_helpers import tracked_spec

    rid = int(gui_ctx.tracker.add_request(tracked_spec("NJ"), today=TODAY, sent=TODAY))
    window = make_window()
    window.load()
    qtbot.waitUntil(lambda: window.select_request(rid), timeout=30_000)
    button = window.detail.appeal_button
    named = button.text()
    assert named != "Draft &appeal"  # New Jersey's own filing
    window.search.setText("nowhere at all")
    qtbot.waitUntil(lambda: window.detail.view is None, timeout=10_000)
    assert button.text() == "Draft &appeal" and not button.isEnabled()
    window.search.setText("")
    qtbot.waitUntil(lambda: window.select_request(rid), timeout=10_000)
    qtbot.waitUntil(lambda: window.detail.view is not None, timeout=10_000)
    assert button.text() == named
