"""The second window trial's leftovers (docs/verification/window-trial-2026-12-03b.md, rows
W3, W4, K6)."""

from __future__ import annotations

from typing import Any

from conftest import TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget

# -- W3: the kept draft is offered inside the wizard -------------------------------------------


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


def _keep_a_draft(window: Any, qtbot: Any) -> Any:
    """A Michigan draft for the Michigan State Police, kept at step 2 (as in the trial)."""
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.jurisdiction_page.select("MI")
    wizard.next()
    wizard.agency_page.name.setText("Michigan State Police")
    assert wizard.save_draft(quiet=True) is not None
    wizard.reject()
    return wizard.deps.draft_path


def test_keys_typed_after_ctrl_n_go_to_the_search_while_a_draft_is_offered(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any
) -> None:
    """Trial W3: with a kept draft, Ctrl+N asked "Resume your draft?" in a message box
    before the wizard opened; the "n" of "virginia" typed next answered No. Now no question
    is asked: the wizard opens with the focus in step 1's search and offers the draft on a
    banner; the keys typed (first into the main window, then the wizard) all reach the search,
    and the draft stays kept."""
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    draft_path = _keep_a_draft(window, qtbot)
    asked = len(modals.questions)
    window.search.setFocus()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    qtbot.keyClicks(window.search, "vir")  # before the wizard is active (key hand-off)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.jurisdiction_page
    assert wizard.focusWidget() is page.filter
    qtbot.keyClicks(wizard.focusWidget(), "ginia")
    assert modals.questions[asked:] == []  # nothing asked, nothing answered by a letter
    assert page.filter.text() == "virginia" and window.search.text() == ""
    banner = page.draft_banner
    assert banner.isVisible()
    assert "Michigan State Police (Michigan)" in banner.text.text()
    assert "saved 2" in banner.text.text()  # the date it was kept
    keys = _mnemonics(wizard)
    assert len(keys) == len(set(keys)), sorted(keys)
    assert {"r", "a", "t"} <= set(keys)
    qtbot.keyClick(page.filter, Qt.Key.Key_Return)  # picks Virginia
    assert page.jurisdiction().code == "VA"
    assert draft_path.is_file()  # still kept: nothing was decided for the user


def test_the_offered_draft_resumes_or_stays_kept(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any
) -> None:
    window = make_window()
    draft_path = _keep_a_draft(window, qtbot)

    # Resume: the draft's law, agency and step come back.
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.jurisdiction_page.draft_banner.resume.click()
    assert not wizard.jurisdiction_page.draft_banner.isVisibleTo(wizard)
    assert wizard.jurisdiction_page.jurisdiction().code == "MI"
    assert wizard.agency_page.name.text() == "Michigan State Police"
    assert wizard.currentPage() is wizard.agency_page
    wizard.done(0)  # closed without the close question

    # Start afresh: the banner goes, the draft stays; closing with answers says it replaces it.
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.jurisdiction_page.draft_banner.afresh.click()
    assert not wizard.jurisdiction_page.draft_banner.isVisibleTo(wizard)
    assert draft_path.is_file()
    wizard.jurisdiction_page.select("TX")
    wizard.next()
    wizard.agency_page.name.setText("Austin Police Department")
    modals.answer_yes = False
    wizard.reject()
    assert "replaces the unfinished request for Michigan State Police" in modals.questions[-1][1]
    wizard.done(0)  # closed without the close question
    assert "Michigan State Police" in draft_path.read_text(encoding="utf-8")

    # Discard it: asked first; No keeps it, Yes deletes it.
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    modals.answer_yes = False
    wizard.jurisdiction_page.draft_banner.discard.click()
    assert draft_path.is_file()
    modals.answer_yes = True
    wizard.jurisdiction_page.draft_banner.discard.click()
    assert not draft_path.exists()
    assert not wizard.jurisdiction_page.draft_banner.isVisibleTo(wizard)
    wizard.done(0)  # closed without the close question

    # With no draft kept, no banner.
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    assert not wizard.jurisdiction_page.draft_banner.isVisibleTo(wizard)
    wizard.done(0)  # closed without the close question


# -- W4: dialogs grow where the screen has room --------------------------------------------------


def _no_scrolling(area: Any) -> bool:
    return area.verticalScrollBar().maximum() == 0


def test_the_wizard_and_bulk_grow_on_a_1440x900_screen_and_stop_scrolling(
    qtbot: Any, make_window: Any, modals: Any
) -> None:
    """Trial W4: at 1440×900 the wizard stayed 1000×680 and step 2 scrolled with 900 pixels
    free; the bulk dialog's vendor list (tab 2) scrolled the same way. They now grow to a
    preferred size where the screen allows, and no larger than it."""
    from PySide6.QtCore import QRect

    from foia_assist.gui.screen_fit import FRAME_ALLOWANCE, fit_to_screen

    big = QRect(0, 0, 1440, 900)
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    fit_to_screen(wizard, preferred=type(wizard).PREFERRED, free=big)  # as on that screen
    assert wizard.width() > 1000 and wizard.height() > 680
    assert wizard.height() + FRAME_ALLOWANCE.height() <= big.height()
    assert wizard.width() + FRAME_ALLOWANCE.width() <= big.width()
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.jurisdiction_page.select("VA")
    wizard.next()
    area = wizard.agency_page.findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.viewport().height() > 0)
    assert area.widget().sizeHint().height() <= area.viewport().height()
    assert _no_scrolling(area), "step 2 scrolls with room to spare"
    wizard.agency_page.name.setText("Fairfax County Police Department")
    wizard.next()
    records = wizard.records_page.records
    assert _no_scrolling(records.categories) and _no_scrolling(records.vendors)
    wizard.done(0)

    bulk = window.open_bulk_export()
    qtbot.addWidget(bulk)
    fit_to_screen(bulk, preferred=type(bulk).PREFERRED, free=big)
    assert bulk.height() + FRAME_ALLOWANCE.height() <= big.height()
    bulk.tabs.setCurrentIndex(1)
    qtbot.waitExposed(bulk)
    vendors = bulk.records_tab.records.vendors
    qtbot.waitUntil(lambda: vendors.height() > 0)
    assert _no_scrolling(vendors), "the vendor list scrolls with room to spare"
    bulk.reject()


def test_preferred_sizes_still_fit_a_1024x640_screen(
    qtbot: Any, make_window: Any, modals: Any
) -> None:
    from PySide6.QtCore import QRect

    from foia_assist.gui.screen_fit import fit_to_screen, frame_extra

    small = QRect(0, 0, 1024, 640)
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    bulk = window.open_bulk_export()
    qtbot.addWidget(bulk)
    for dialog in (wizard, bulk):
        fit_to_screen(dialog, preferred=type(dialog).PREFERRED, free=small)
        extra = frame_extra(dialog)  # the frame as measured (an estimate before it is shown)
        assert dialog.width() + extra.width() <= small.width()
        assert dialog.height() + extra.height() <= small.height()
        assert dialog.minimumHeight() + 20 <= small.height()
    wizard.done(0)
    bulk.reject()
    # And the window's own screen (the test platform's) is never exceeded.
    free = window.screen().availableGeometry()
    again = window.new_request()
    qtbot.addWidget(again)
    assert again.width() <= free.width() and again.height() <= free.height()
    again.done(0)


# -- K6: messages name the fields as the window and the CSV show them ---------------------------

SPEC_WORDS = ("requester.basis", "requester.residence", "agency.level", "field '")


def test_the_bulk_log_names_the_dialogs_fields_and_the_csvs_columns(
    qtbot: Any, gui_ctx: Any, tmp_path: Any
) -> None:
    """Trial K6: the bulk log said "choose it (requester.basis, or 'Who may ask' in the
    window)" and "(agency.level, --level)"."""
    from foia_assist.domain.request import Requester
    from foia_assist.gui.bulk.dialog import BulkExportDialog
    from foia_assist.gui.workers import JobRunner

    dialog = BulkExportDialog(
        jurisdictions=gui_ctx.jurisdictions,
        catalogue=gui_ctx.catalogue,
        letters=gui_ctx.letters,
        requester=Requester(name="Ana Díaz", email="ana@example.org", address="12 Elm St"),
        runner=JobRunner(),
        today=lambda: TODAY,
        jobs=1,
    )
    qtbot.addWidget(dialog)
    agencies = tmp_path / "agencies.csv"
    agencies.write_text(
        "Agency Name,Jurisdiction,E-mail,Kind of agency\n"
        "Fairfax County Police Department,VA,foia@fairfax.example.gov,local\n"
        "Chicago Police Department,IL,foia@chicago.example.gov,\n",
        encoding="utf-8",
    )
    dialog.load_csv(agencies)
    dialog.out_dir.setText(str(tmp_path / "out"))
    assert dialog.export_button.isEnabled(), dialog.problem_label.text()
    with qtbot.waitSignal(dialog.export_ended, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    log = dialog.summary.toPlainText()
    assert "Check before sending:" in log
    assert "choose it in “Who may ask” in a new request of its own" in log
    assert "Give the agency's level (the CSV's “Kind of agency” column)." in log
    for word in SPEC_WORDS:
        assert word not in log, word


def test_the_wizards_review_names_its_own_rows(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any
) -> None:
    wizard = make_window().new_request()
    qtbot.addWidget(wizard)
    wizard.jurisdiction_page.select("TN")
    wizard.next()
    wizard.agency_page.name.setText("Nashville Police Department")
    wizard.agency_page.email.setText("records@nashville.example.gov")
    wizard.next()
    wizard.next()
    wizard.requester_page.name.setText("Ana")
    wizard.requester_page.email.setText("ana@example.org")
    review = wizard.review()
    assert not review.error, review.error
    text = " ".join(review.warnings)
    assert "choose it in “Who may ask” on step 4 so the letter" in text
    for word in SPEC_WORDS:
        assert word not in text, word
    wizard.done(0)


def test_the_draft_banner_is_reached_with_tab_after_the_search(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any
) -> None:
    window = make_window()
    _keep_a_draft(window, qtbot)
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.jurisdiction_page
    assert wizard.focusWidget() is page.filter
    chain, widget = [], page.filter.nextInFocusChain()
    while widget is not page.list and len(chain) < 20:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    banner = page.draft_banner
    assert [w for w in chain if w in (banner.resume, banner.afresh, banner.discard)] == [
        banner.resume,
        banner.afresh,
        banner.discard,
    ]
    wizard.done(0)
