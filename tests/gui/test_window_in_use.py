"""The window as people use it (issue 12): visible choices, sizes, filters, refresh,
keyboard, confirmations, names for screen readers."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from conftest import TODAY, spec
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from foia_assist.domain.lifecycle import EventKind


def _visible_codes(page: Any) -> list[str]:
    return [str(page.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in page.visible_rows()]


# -- 1. the wizard's choice is never hidden --------------------------------------------------


def test_a_filtered_out_law_is_not_kept_as_the_choice(qtbot: Any, make_window: Any) -> None:
    wizard = make_window().new_request()
    qtbot.addWidget(wizard)
    page = wizard.jurisdiction_page
    page.select("TX")
    assert page.jurisdiction().code == "TX" and page.isComplete()
    assert "Texas" in page.chosen.text()
    page.filter.setText("Virginia")
    assert "TX" not in _visible_codes(page)
    assert page.jurisdiction() is None  # Texas is hidden: no longer the letter's law
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    assert page.chosen.text() == "No law chosen yet."


def test_enter_and_down_in_the_filter_pick_the_first_match(qtbot: Any, make_window: Any) -> None:
    wizard = make_window().new_request()
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.jurisdiction_page
    page.filter.setFocus()
    qtbot.keyClicks(page.filter, "virginia")
    qtbot.keyClick(page.filter, Qt.Key.Key_Return)
    assert page.jurisdiction() is not None and page.jurisdiction().name == "Virginia"
    page.filter.clear()
    page.list.setCurrentRow(-1)
    qtbot.keyClicks(page.filter, "texas")
    qtbot.keyClick(page.filter, Qt.Key.Key_Down)
    assert page.jurisdiction().code == "TX"
    assert wizard.focusWidget() is page.list
    page.filter.setText("zzzz")
    assert page.no_match.isVisible() and "zzzz" in page.no_match.text()


def test_later_steps_name_the_law_and_say_step_n_of_6(qtbot: Any, make_window: Any) -> None:
    wizard = make_window().new_request()
    qtbot.addWidget(wizard)
    wizard.jurisdiction_page.select("VA")
    titles = [wizard.page(i).title() for i in wizard.pageIds()]
    assert titles[0].startswith("Step 1 of 6") and titles[5].startswith("Step 6 of 6")
    wizard.next()
    assert "Virginia" in wizard.agency_page.law.text()
    wizard.agency_page.name.setText("Richmond Police Department")
    wizard.next()
    assert "Virginia" in wizard.records_page.law.text()
    wizard.next()
    assert "Virginia" in wizard.requester_page.law.text()


# -- 9. cancel asks and keeps a draft --------------------------------------------------------


def test_cancel_asks_and_keeps_a_draft(qtbot: Any, make_window: Any, modals: Any) -> None:
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.jurisdiction_page.select("TX")
    wizard.next()
    wizard.agency_page.name.setText("Austin Police Department")
    modals.answer_yes = False  # "Close the wizard?" -> no: it stays open
    wizard.show()
    wizard.reject()
    assert wizard.isVisible()
    assert "kept as a draft" in modals.questions[-1][1]
    modals.answer_yes = True
    wizard.reject()
    assert not wizard.isVisible()
    assert wizard.deps.draft_path.is_file()
    again = window.new_request()  # the draft is offered on step 1: Resume
    qtbot.addWidget(again)
    again.jurisdiction_page.draft_banner.resume.click()
    assert again.agency_page.name.text() == "Austin Police Department"


# -- 2. sizes ----------------------------------------------------------------------------------


def _fully_inside(widget: QWidget, area: QWidget) -> bool:
    top_left = widget.mapTo(area, widget.rect().topLeft())
    bottom_right = widget.mapTo(area, widget.rect().bottomRight())
    r = area.rect()
    return r.contains(top_left) and r.contains(bottom_right)


def test_window_at_1024x640_shows_what_is_needed(
    qtbot: Any, make_window: Any, gui_ctx: Any
) -> None:
    gui_ctx.tracker.add_request(
        spec("Atlanta Police Department Open Records Unit", "GA", "records@atlanta.example.gov"),
        today=date(2026, 11, 1),
        sent=date(2026, 11, 2),
        method="email",
    )
    window = make_window()
    window.show()
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024)
    window.tracker_page.share_width()
    QApplication.processEvents()
    assert window.minimumWidth() <= 1024 and window.minimumHeight() <= 640
    detail = window.detail
    bar = detail.scroll_area.horizontalScrollBar()
    assert bar.maximum() == 0, "the detail pane scrolls sideways"
    viewport = detail.scroll_area.viewport()
    for button in (detail.send_button, detail.log_button, detail.follow_up_button):
        assert button.isVisible()
        assert button.mapTo(viewport, button.rect().bottomRight()).x() <= viewport.width()
    chars = window.table.fontMetrics().averageCharWidth()
    assert window.table.columnWidth(0) >= 20 * chars, "the agency column is cut short"
    assert _fully_inside(window.search, window)


def test_window_never_opens_larger_than_the_screen(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    free = window.screen().availableGeometry()
    assert window.width() <= free.width() and window.height() <= free.height()
    assert window.minimumWidth() >= 640 and window.minimumHeight() >= 480  # 400x300 refused


# -- 3. the extension dialog follows the law ------------------------------------------------


def test_extension_defaults_to_and_is_limited_by_the_law(
    qtbot: Any, make_window: Any, gui_ctx: Any, dialogs: Any
) -> None:
    from foia_assist.gui.event_dialog import EventDialog

    law = gui_ctx.jurisdictions.get("IL")
    dialog = EventDialog(EventKind.EXTENSION, TODAY, law=law)
    qtbot.addWidget(dialog)
    assert dialog.days.value() == 5 and dialog.days.maximum() == 5
    assert "business" in dialog.days.suffix()
    dialog.days.setValue(10)
    assert dialog.days.value() == 5
    assert "at most 5 business days" in dialog.law_note.text()
    assert "5 ILCS 140/3(e)" in dialog.law_note.text()
    us = EventDialog(EventKind.EXTENSION, TODAY, law=gui_ctx.jurisdictions.get("US"))
    qtbot.addWidget(us)
    assert us.days.value() == gui_ctx.jurisdictions.get("US").extension.days


# -- 4. search and filters ----------------------------------------------------------------------


def _add(ctx: Any, name: str, code: str, sent: date | None = None) -> int:
    return int(
        ctx.tracker.add_request(
            spec(name, code, "r@example.gov"),
            today=sent or TODAY,
            sent=sent,
            method="email" if sent else None,
        )
    )


def test_search_understands_state_names_statuses_and_dates(
    qtbot: Any, make_window: Any, gui_ctx: Any
) -> None:
    _add(gui_ctx, "Richmond Police Department", "VA", date(2026, 11, 20))
    _add(gui_ctx, "Houston Police Department", "TX", date(2026, 10, 5))
    _add(gui_ctx, "Dallas Police Department", "TX")
    window = make_window()

    def shown() -> list[str]:
        return sorted(window.proxy.index(i, 0).data() for i in range(window.proxy.rowCount()))

    window.search.setText("virginia")
    assert shown() == ["Richmond Police Department"]
    window.search.setText("texas drafted")
    assert shown() == ["Dallas Police Department"]
    window.search.setText("2026-10")
    assert shown() == ["Houston Police Department"]
    window.search.setText("october")
    assert shown() == ["Houston Police Department"]
    window.search.setText("nowhere")
    page = window.tracker_page
    assert page.empty_row.isVisibleTo(window) and "nowhere" in page.empty.text()
    page.clear_button.click()
    assert window.search.text() == "" and window.proxy.rowCount() == 3
    assert not page.empty_row.isVisibleTo(window)


def test_needs_action_and_due_soon_filters(qtbot: Any, make_window: Any, gui_ctx: Any) -> None:
    _add(gui_ctx, "Not Sent Yet PD", "CA")  # drafted: needs action (send it)
    _add(gui_ctx, "Overdue PD", "CA", date(2026, 10, 1))  # CA 10 days: long overdue
    _add(gui_ctx, "Due Soon PD", "CA", date(2026, 11, 20))  # due within the week
    window = make_window()
    box = window.status_filter

    def shown_for(value: str) -> list[str]:
        box.setCurrentIndex(box.findData(value))
        return sorted(window.proxy.index(i, 0).data() for i in range(window.proxy.rowCount()))

    assert shown_for("soon") == ["Due Soon PD"]
    assert shown_for("overdue") == ["Overdue PD"]
    assert shown_for("action") == ["Due Soon PD", "Not Sent Yet PD", "Overdue PD"]


def test_ctrl_f_focuses_the_search(qtbot: Any, make_window: Any, gui_ctx: Any) -> None:
    _add(gui_ctx, "Oakland Police Department", "CA")
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.table.setFocus()
    window.menus.actions["find"].trigger()
    assert window.focusWidget() is window.search
    assert window.menus.actions["find"].shortcut().toString() == "Ctrl+F"


# -- 6. refresh ----------------------------------------------------------------------------


def test_changes_made_elsewhere_show_up(qtbot: Any, make_window: Any, gui_ctx: Any) -> None:
    from foia_assist.services.tracker import TrackerService

    _add(gui_ctx, "Oakland Police Department", "CA")
    window = make_window()
    assert window.model.rowCount() == 1
    window.check_for_changes()  # the first look
    other = TrackerService.open(gui_ctx.paths, gui_ctx.jurisdictions, gui_ctx.calendars)
    try:  # as the CLI would, on its own connection
        other.add_request(spec("Fresno Police Department", "CA"), today=TODAY)
    finally:
        other.close()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    assert window.refresh_action.shortcuts()[0].toString() == "F5"


# -- 7, 11. keyboard and names ------------------------------------------------------------------


def _mnemonics(root: QWidget) -> list[str]:
    keys = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        text = w.text() if isinstance(w, QAbstractButton | QLabel) else ""
        if isinstance(w, QLabel) and w.buddy() is None:
            continue
        i = text.find("&")
        if i >= 0 and i + 1 < len(text) and text[i + 1] != "&":
            keys.append(text[i + 1].lower())
    return keys


def test_no_conflicting_mnemonics_on_any_wizard_step(qtbot: Any, make_window: Any) -> None:
    wizard = make_window().new_request()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.jurisdiction_page.select("CA")
    for _ in range(4):
        keys = _mnemonics(wizard)
        assert len(keys) == len(set(keys)), f"step {wizard.currentId() + 1}: {sorted(keys)}"
        if wizard.currentId() == 1:
            wizard.agency_page.name.setText("Oakland Police Department")
        if wizard.currentId() == 3:
            wizard.requester_page.name.setText("Ana")
        wizard.next()


def test_no_conflicting_mnemonics_in_the_main_window(
    qtbot: Any, make_window: Any, gui_ctx: Any
) -> None:
    _add(gui_ctx, "Oakland Police Department", "CA")
    window = make_window()
    window.show()
    keys = _mnemonics(window) + [
        a.text()[a.text().index("&") + 1].lower() for a in window.menuBar().actions()
    ]
    assert len(keys) == len(set(keys)), "".join(sorted(keys))


def test_every_control_has_a_name_in_the_accessibility_tree(
    qtbot: Any, make_window: Any, gui_ctx: Any
) -> None:
    from PySide6.QtGui import QAccessible

    _add(gui_ctx, "Oakland Police Department", "CA")
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    interactive = {
        QAccessible.Role.PushButton,
        QAccessible.Role.CheckBox,
        QAccessible.Role.RadioButton,
        QAccessible.Role.ComboBox,
        QAccessible.Role.EditableText,
        QAccessible.Role.Table,
        QAccessible.Role.List,
        QAccessible.Role.SpinBox,
    }
    unnamed: list[str] = []
    seen = 0

    def walk(node: Any, depth: int = 0) -> None:
        nonlocal seen
        if node is None or depth > 40:
            return
        if node.role() in interactive and not node.state().invisible:
            seen += 1
            if not node.text(QAccessible.Text.Name).strip():
                unnamed.append(f"{node.role().name} {type(node.object()).__name__}")
        for i in range(node.childCount()):
            walk(node.child(i), depth + 1)

    walk(QAccessible.queryAccessibleInterface(window))
    assert seen > 15
    assert unnamed == []


def test_disabled_buttons_say_why(qtbot: Any, make_window: Any, gui_ctx: Any) -> None:
    _add(gui_ctx, "Oakland Police Department", "CA")
    window = make_window()
    detail = window.detail
    for button in (detail.follow_up_button, detail.appeal_button, detail.send_button):
        assert not button.isEnabled()
        assert button.toolTip().strip(), button.text()
    assert "Settings" in detail.send_button.toolTip()  # no mail server set up yet


def test_help_about_names_version_sources_licence_and_data(
    qtbot: Any, make_window: Any, gui_ctx: Any, dialogs: Any
) -> None:
    from foia_assist import __version__

    window = make_window()
    shown: list[str] = []
    dialogs.steps.append(lambda d: shown.append(d.text.toPlainText()) or True)
    window.menus.actions["about"].trigger()
    (text,) = shown
    assert __version__ in text and "MIT" in text
    assert "checked" in text and "holidays" in text
    assert str(gui_ctx.paths.data_dir) in text


def test_dark_palette_keeps_error_text_readable(qtbot: Any) -> None:
    from PySide6.QtGui import QColor, QPalette

    from foia_assist.gui.styles import ERROR_STYLE, error_style

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    try:
        app.setPalette(dark)
        assert error_style() != ERROR_STYLE
    finally:
        app.setPalette(before)
    assert error_style() == ERROR_STYLE


# -- 8. every action says what it did --------------------------------------------------------


def test_wizard_save_offers_to_open_the_letter(
    qtbot: Any, make_window: Any, modals: Any, tmp_path: Path
) -> None:
    from test_gui_wizard import _fill_to_review

    wizard = make_window().new_request()
    qtbot.addWidget(wizard)
    _fill_to_review(wizard)
    wizard.next()
    page = wizard.finish_page
    assert not page.open_button.isVisibleTo(wizard)
    page.folder.setText(str(tmp_path))
    page.pdf.setChecked(False)
    wizard.save_letters()
    qtbot.waitUntil(lambda: bool(page.saved_paths), timeout=30_000)
    assert page.open_button.isVisibleTo(wizard) and page.folder_button.isVisibleTo(wizard)
    assert "Next:" in page.saved.text()


def test_follow_up_is_previewed_before_saving_and_can_be_logged_as_sent(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any, dialogs: Any, monkeypatch: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    from foia_assist.gui import messages

    rid = _add(gui_ctx, "Los Angeles Police Department", "CA", date(2026, 10, 1))
    window = make_window()
    window.select_request(rid)
    asked: list[Path] = []
    monkeypatch.setattr(messages, "ask_save_path", lambda *a: asked.append(a[2]) or None)
    modals.answer_yes = False  # close the preview: nothing is asked, nothing saved
    window.detail.follow_up_button.click()
    title, html, _ = modals.previews[-1]
    assert "follow-up" in title and "Los Angeles Police Department" in html
    assert asked == [] and gui_ctx.tracker.get(rid).letters == ()
    # Sent it (by post, say): log it; the next step stops asking for a follow-up.
    assert "send a follow-up letter" in window.detail.next_step.text()
    dialogs.steps.append(lambda d: True)
    window.log_event(EventKind.FOLLOW_UP_SENT)
    assert "Logged" in window.statusBar().currentMessage()
    # The list reloads off the UI thread; the detail pane follows when it is back.
    qtbot.waitUntil(
        lambda: window.detail.next_step.text().startswith("Next step: Follow-up sent on"),
        timeout=10_000,
    )


def test_calendar_export_says_what_it_wrote(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    from foia_assist.gui import messages

    _add(gui_ctx, "Los Angeles Police Department", "CA", date(2026, 11, 20))
    window = make_window()
    target = tmp_path / "deadlines.ics"
    monkeypatch.setattr(messages, "ask_save_path", lambda *a: target)
    window.ics_action.trigger()
    assert target.is_file()
    (title, text, path) = modals.done[-1]
    assert path == target and "calendar entries written" in text


def test_a_denied_row_shows_the_requesters_own_appeal_window(
    qtbot: Any, make_window: Any, gui_ctx: Any
) -> None:
    from foia_assist.gui.requests_model import COL_LEFT

    pa = _add(gui_ctx, "Philadelphia Police Department", "PA", date(2026, 11, 2))
    tx = _add(gui_ctx, "Houston Police Department", "TX", date(2026, 11, 2))
    for rid in (pa, tx):
        gui_ctx.tracker.log_event(rid, EventKind.DENIED, date(2026, 11, 20))
    window = make_window()

    def left(rid: int) -> str:
        return str(window.model.index(window.model.row_for(rid), COL_LEFT).data())

    # Pennsylvania: 15 business days to appeal to the Office of Open Records.
    assert left(pa).startswith("Appeal within ") and left(pa).endswith(" days")
    assert left(tx) == "No appeal deadline"  # Texas sets none (no administrative appeal)
