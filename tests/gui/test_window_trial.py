"""Problems found trying the window as its users would.

See docs/verification/window-trial-2026-12-03.md.
"""

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


def test_agency_page_fields_do_not_overlap_on_a_1024x640_screen(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, modals: Any
) -> None:
    """On a 1024×640 screen (the wizard 600 high inside its frame), after picking an agency
    from the directory, step 2 needed more height than it had: the postal address box shrank
    to one line and the Email row was drawn over it."""
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.resize(1000, 600)
    wizard.show()
    wizard.jurisdiction_page.select("VA")
    wizard.next()
    page = wizard.agency_page
    assert page.directory is not None
    page.directory.fill(gui_ctx.contact_book.search("fairfax county police", state="VA")[0])
    qtbot.waitUntil(lambda: page.address.isVisible() and page.name.text() != "")
    qtbot.waitUntil(lambda: page.email.geometry().height() > 0)
    line = page.address.fontMetrics().lineSpacing()
    assert page.address.viewport().height() >= 2 * line
    rows = [page.name, page.officer, page.address, page.email, page.portal, page.level]
    tops = [w.mapTo(page, w.rect().topLeft()).y() for w in rows]
    bottoms = [w.mapTo(page, w.rect().bottomLeft()).y() for w in rows]
    for above, below, widget in zip(bottoms, tops[1:], rows[1:], strict=False):
        assert above < below, f"{widget.accessibleName()} overlaps the row above it"
    for widget in rows:  # each keeps the height it needs to show its text
        assert widget.height() >= widget.minimumSizeHint().height(), widget.accessibleName()


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


def test_open_the_letter_says_where_it_is_when_nothing_can_open_it(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, modals: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    """On a computer with no PDF viewer (or no xdg-open), "Open the letter" and "Show in
    folder" on step 6 did nothing at all: no window, no message."""
    from foia_assist.gui import messages

    opened: list[Any] = []
    # The system's "open with the default program" fails, as it does with no viewer set up.
    monkeypatch.setattr(messages, "open_path", lambda p: opened.append(p) and False)
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    page = wizard.finish_page
    letter = tmp_path / "2026-12-03_request_Fairfax.pdf"
    letter.write_bytes(b"%PDF-1.4\n")
    page.show_saved([letter])
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(modals.errors) == 1)
    title, text = modals.errors[0]
    assert title == "Can't open the file"
    assert str(letter) in text and "No program" in text
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(modals.errors) == 2)
    assert modals.errors[1][0] == "Can't open the folder" and str(tmp_path) in modals.errors[1][1]
    assert opened == [letter, tmp_path]


def test_denial_dialog_is_wide_enough_and_shows_no_federal_example_for_a_state(
    qtbot: Any, gui_ctx: AppContext
) -> None:
    """Logging a denial for a Virginia request opened a 230-pixel dialog whose exemptions
    field cut off its hint, and the hint was a federal citation (5 U.S.C. 552(b)(7)(E))."""
    from datetime import date

    from foia_assist.domain.lifecycle import EventKind
    from foia_assist.gui.event_dialog import EventDialog

    law = gui_ctx.jurisdictions.get("VA")
    dialog = EventDialog(EventKind.DENIED, date(2026, 12, 3), law=law)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.exemptions.placeholderText()
    assert "U.S.C." not in hint
    room = dialog.exemptions.width() - 12  # the line edit's frame and text margins
    assert dialog.exemptions.fontMetrics().horizontalAdvance(hint) <= room
    assert dialog.width() >= dialog.fontMetrics().averageCharWidth() * 55


def test_a_refused_event_reopens_its_dialog_with_what_was_typed(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, modals: Any, dialogs: Any
) -> None:
    """A denial dated before the request was sent was refused with a message, and the dialog
    was gone with the exemptions and note typed into it."""
    from datetime import date

    from conftest import TODAY, spec
    from PySide6.QtCore import QDate

    from foia_assist.domain.lifecycle import EventKind

    rid = gui_ctx.tracker.add_request(
        spec("Fairfax County Police Department", "VA", "r@example.gov"),
        today=date(2026, 11, 16),
        sent=date(2026, 11, 16),
        method="email",
    )
    window = make_window()
    window.select_request(rid)
    seen: list[tuple[str, str]] = []

    def first(d: Any) -> bool:
        d.date_edit.setDate(QDate(2026, 3, 7))  # a slip of the keyboard: before it was sent
        d.exemptions.setText("Va. Code § 2.2-3706(B)(10)")
        d.note.setText("letter from the records officer")
        return True

    def second(d: Any) -> bool:  # the same dialog, still filled in
        seen.append((d.exemptions.text(), d.note.text()))
        d.date_edit.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
        return True

    dialogs.steps.extend([first, second])
    window.log_event(EventKind.DENIED)
    assert len(modals.errors) == 1 and "before the request was sent" in modals.errors[0][1]
    assert seen == [("Va. Code § 2.2-3706(B)(10)", "letter from the records officer")]
    events = gui_ctx.tracker.get(rid).events
    assert events[-1].kind is EventKind.DENIED and events[-1].date == TODAY
    assert events[-1].note == "letter from the records officer"
    assert events[-1].exemptions == ("Va. Code § 2.2-3706(B)(10)",)


def test_letter_preview_fits_a_small_screen(qtbot: Any) -> None:
    """The follow-up/appeal preview opened 640 pixels high: on a 1024×640 screen its
    Save as… and Cancel buttons were cut off at the bottom edge."""
    from foia_assist.gui import messages

    dialog = messages.preview_dialog(None, "The appeal letter", "<p>Dear Officer</p>", ["Check"])
    qtbot.addWidget(dialog)
    free = dialog.screen().availableGeometry()
    assert dialog.height() + 20 <= free.height()  # with room for its title bar


def test_bulk_and_campaign_dialogs_fit_the_screen(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, modals: Any
) -> None:
    """Bulk export opened 1100×720 on a 1024×640 screen: its Read button, its bottom row and
    the Export button were off the screen, with no way to reach them."""
    window = make_window()
    free = window.screen().availableGeometry()
    bulk = window.open_bulk_export()
    qtbot.addWidget(bulk)
    qtbot.waitExposed(bulk)
    assert bulk.width() < free.width() and bulk.height() + 20 <= free.height()
    bulk.reject()
    campaign = window.open_campaign()
    qtbot.addWidget(campaign)
    qtbot.waitExposed(campaign)
    assert campaign.width() < free.width() and campaign.height() + 20 <= free.height()


def test_enter_in_the_bulk_csv_path_reads_it_without_opening_browse(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, modals: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    """Typing the CSV's path and pressing Enter read the file and then also opened the
    Browse… file chooser (the dialog's default button)."""
    from foia_assist.gui import messages

    browsed: list[Any] = []
    monkeypatch.setattr(messages, "ask_open_path", lambda *a: browsed.append(a) and None)
    path = tmp_path / "clinic.csv"
    path.write_text(
        "agency_name,jurisdiction,email\n"
        "Fairfax County Police Department,VA,foia@fairfax.example.gov\n"
        "Atlantis Police,ZZ,x@atlantis.example\n",
        encoding="utf-8",
    )
    window = make_window()
    bulk = window.open_bulk_export()
    qtbot.addWidget(bulk)
    qtbot.waitExposed(bulk)
    bulk.csv_path.setFocus()
    bulk.csv_path.setText(str(path))
    qtbot.keyClick(bulk.csv_path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bulk.rows_model.rowCount() == 2)
    assert browsed == []
    assert bulk.isVisible()


def test_extension_dialog_does_not_say_a_law_without_an_extension_rule_has_none() -> None:
    # Trial 2, J13: Texas has no [extension] table, but § 552.221(d) lets the officer certify a
    # later date; the dialog must not claim the Act "provides no extension".
    from foia_assist.gui.event_dialog import extension_words
    from foia_assist.paths import resources_dir
    from foia_assist.storage.rule_files import load_jurisdictions

    texas = {j.code: j for j in load_jurisdictions(resources_dir() / "jurisdictions")}["TX"]
    assert texas.extension is None
    words = extension_words(texas)
    assert "provides no extension" not in words
    assert "records no extension rule" in words and "foia-assist law TX" in words
