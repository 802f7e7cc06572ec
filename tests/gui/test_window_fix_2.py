"""The second window trial's leftovers (docs/verification/window-trial-2026-12-03b.md, rows
W3, W4, K6)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

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
