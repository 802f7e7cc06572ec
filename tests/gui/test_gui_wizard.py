"""The request wizard from the first page to a saved letter and a tracked request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard


def _fill_to_review(wizard: Any) -> None:
    wizard.jurisdiction_page.filter.setText("califor")
    visible = [
        wizard.jurisdiction_page.list.item(i)
        for i in range(wizard.jurisdiction_page.list.count())
        if not wizard.jurisdiction_page.list.item(i).isHidden()
    ]
    assert [i.text().split(" ")[0] for i in visible] == ["CA"]
    wizard.jurisdiction_page.list.setCurrentItem(visible[0])
    assert "10 calendar days" in wizard.jurisdiction_page.detail.toPlainText()
    wizard.next()
    page = wizard.agency_page
    assert not page.isComplete()
    page.name.setText("Oakland Police Department")
    page.email.setText("not an email")
    assert not page.isComplete()
    assert "not a valid email address" in page.problem.text()
    page.email.setText("records@oakland.example.gov")
    page.portal.setText("ftp://x")
    assert not page.isComplete()
    page.portal.setText("")
    assert page.isComplete()
    wizard.next()
    records = wizard.records_page.records
    assert wizard.records_page.isComplete()  # sensible defaults are ticked
    records.custom.setPlainText("Emails with Clearview AI sales staff")
    wizard.next()
    wizard.requester_page.name.setText("Ana Díaz")
    wizard.requester_page.email.setText("ana@example.org")
    wizard.next()


def test_wizard_start_to_exported_letter(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any, tmp_path: Path
) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    wizard = window.wizard
    assert isinstance(wizard, QWizard)
    qtbot.addWidget(wizard)
    _fill_to_review(wizard)

    review = wizard.review_page
    assert review.isComplete()
    preview = review.preview.toPlainText()
    assert "Oakland Police Department" in preview
    assert "Emails with Clearview AI sales staff" in preview
    assert "California Public Records Act" in preview
    assert "2026-12-07" in review.deadline.text()  # 10 calendar days, Sunday rolls to Monday

    # Back and Next keep what was entered.
    wizard.back()
    wizard.back()
    assert wizard.records_page.records.custom.toPlainText().startswith("Emails with")
    assert wizard.records_page.records.custom.tabChangesFocus()  # no tab lands in an item
    wizard.next()
    wizard.next()
    wizard.next()
    finish = wizard.finish_page
    finish.folder.setText(str(tmp_path / "letters"))
    finish.docx.setChecked(True)
    finish.pdf.setChecked(False)
    finish.txt.setChecked(True)
    with qtbot.waitSignal(wizard.letters_saved, timeout=15_000) as saved:
        qtbot.mouseClick(finish.save_button, Qt.MouseButton.LeftButton)
    paths = [Path(p) for p in saved.args[0]]
    assert [p.suffix for p in paths] == [".docx", ".txt"]
    assert all(p.is_file() and p.parent == tmp_path / "letters" for p in paths)
    text = paths[1].read_text(encoding="utf-8")
    assert "Oakland Police Department" in text and "Ana Díaz" in text

    finish.as_sent.setChecked(True)
    finish.method.setCurrentIndex(finish.method.findText("Email"))
    with qtbot.waitSignal(wizard.request_added) as added:
        wizard.accept()
    rid = added.args[0]
    request = gui_ctx.tracker.get(rid)
    assert request.agency == "Oakland Police Department"
    assert [x.kind for x in request.letters] == ["request", "request"]
    assert [e.kind.value for e in request.events] == ["drafted", "sent"]
    # The window now shows the tracker with the new request selected (on a busy machine
    # the last listing took over SYNC_RELOAD_SECONDS and this reload runs on the pool).
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: window.current_request_id() == rid, timeout=10_000)
    assert window.stack.currentIndex() == 1
    assert window.current_request_id() == rid
    # The profile and the agency were remembered.
    assert window.settings.requester.name == "Ana Díaz"
    assert gui_ctx.settings_store.load().settings.requester.email == "ana@example.org"
    assert [a.agency.name for a in gui_ctx.tracker.agencies.all("CA")] == [
        "Oakland Police Department"
    ]
    assert modals.errors == []


def test_pdf_letter_from_the_wizard(
    qtbot: Any, make_window: Any, gui_ctx: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from foia_assist.gui.main import install_pdf_renderer
    from foia_assist.services.letters import pdf_conversion

    monkeypatch.setattr(pdf_conversion, "libreoffice_path", lambda: None)  # the built-in renderer
    install_pdf_renderer(gui_ctx)
    window = make_window()
    window.new_request()
    wizard = window.wizard
    qtbot.addWidget(wizard)
    _fill_to_review(wizard)
    wizard.next()
    wizard.finish_page.folder.setText(str(tmp_path))
    wizard.finish_page.docx.setChecked(False)
    wizard.finish_page.pdf.setChecked(True)
    with qtbot.waitSignal(wizard.letters_saved, timeout=30_000) as saved:
        wizard.save_letters()
    (pdf,) = [Path(p) for p in saved.args[0]]
    from pypdf import PdfReader

    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "Oakland Police Department" in text


def test_draft_is_saved_and_resumed(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any
) -> None:
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    _fill_to_review(wizard)
    wizard.back()
    wizard.requester_page.fee_waiver.setChecked(True)
    wizard.requester_page.fee_why.setPlainText("to publish the records")
    path = wizard.save_draft()
    assert path is not None and path.is_file()
    wizard.reject()

    again = window.new_request()
    qtbot.addWidget(again)
    assert again.jurisdiction_page.draft_banner.isVisibleTo(again)  # offered, not asked
    again.jurisdiction_page.draft_banner.resume.click()
    assert again.jurisdiction_page.jurisdiction().code == "CA"
    assert again.agency_page.email.text() == "records@oakland.example.gov"
    assert again.records_page.records.custom.toPlainText().startswith("Emails with")
    assert again.requester_page.fee_why.toPlainText() == "to publish the records"
    assert again.currentPage() is again.requester_page


def test_residency_warning_and_expedited_only_where_the_law_provides(
    qtbot: Any, make_window: Any, jurisdictions: Any
) -> None:
    residents_only = [j for j in jurisdictions if j.residents_only is True]
    assert residents_only, "the rule files list at least one residents-only law"
    j = residents_only[0]
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.jurisdiction_page.select(j.code)
    detail = " ".join(wizard.jurisdiction_page.detail.toPlainText().split())
    bases = [f.bases for f in j.facts if f.topic == "requesters" and f.bases]
    if bases:  # the law's own terms ("citizen of this state"), not "residents", where read
        assert "Only these may ask under the" in detail and bases[0][0] in detail
    else:
        assert "Only residents may use" in detail
    no_expedited = next((x for x in jurisdictions if x.expedited.available is False), None)
    if no_expedited is not None:
        wizard.jurisdiction_page.select(no_expedited.code)
        wizard.next()
        wizard.agency_page.name.setText("Some Police Department")
        wizard.next()
        wizard.next()
        assert not wizard.requester_page.expedited.isEnabled()
    assert TODAY.year == 2026


def test_every_wizard_control_has_an_accessible_name(qtbot: Any, make_window: Any) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
        QTextBrowser,
    )

    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QListWidget, QTextBrowser, QAbstractSpinBox)
    unnamed = []
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        for w in page.findChildren(QWidget):
            if isinstance(w, kinds) and not w.accessibleName():
                if isinstance(w.parent(), QAbstractSpinBox | QComboBox):
                    continue  # the line edit inside a spin box or combo box
                unnamed.append(f"{type(page).__name__}: {type(w).__name__}")
            if isinstance(w, QAbstractButton) and not (w.accessibleName() or w.text()):
                unnamed.append(f"{type(page).__name__}: button")
    assert unnamed == []


from PySide6.QtWidgets import QWidget  # noqa: E402


def test_law_page_lists_later_clocks_and_sources(jurisdictions) -> None:  # type: ignore[no-untyped-def]
    from foia_assist.gui.wizard.law_summary import jurisdiction_html

    sc = jurisdiction_html(jurisdictions.get("SC"))
    assert "<b>Production</b> (30 calendar days, counted from" in sc
    assert "S.C. Code Ann. § 30-4-30(C)" in sc
    assert "<b>Sources</b>" in sc and "<a href='http" in sc
    assert "Rules checked" in sc and "holidays checked 2026-11-26" in sc
    assert "The tracker follows this clock" not in sc  # SC's production clock is not tracked
    al = jurisdiction_html(jurisdictions.get("AL"))
    assert "Substantive response</b> (15 business days" in al
    assert al.count("The tracker follows this clock") == 2


def test_state_frt_law_offered_only_to_agencies_it_reaches(
    qtbot: Any, make_window: Any, gui_ctx: Any
) -> None:
    """Virginia's FRT law (§ 15.2-1723.2) reaches local police only: step 3 offers its records
    for a city police department, and for a state agency says why it is not asked."""
    law = gui_ctx.catalogue.state_law("VA")
    assert law is not None and law.levels == ("local",)
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.jurisdiction_page.select("VA")
    wizard.next()
    page = wizard.agency_page
    page.name.setText("Virginia Department of State Police")
    page.level.setCurrentIndex(page.level.findData("state"))
    wizard.next()
    records = wizard.records_page.records
    note = " ".join(records.state_law_text.text().split())
    assert not records.state_law.isVisible()
    assert records.state_law_text.isVisible()
    assert "reaches only local agencies" in note and "this state agency" in note
    assert law.citation in note
    wizard.back()
    page.name.setText("Fairfax County Police Department")
    page.level.setCurrentIndex(page.level.findData("local"))
    wizard.next()
    assert records.state_law.isVisible() and records.state_law.isChecked()
    assert law.citation in records.state_law.text()
    assert "reaches only" not in records.state_law_text.text()
    # A university's police: § 23.1-815.1 governs them, not § 15.2-1723.2 (the letter leaves
    # the item out by the same name rule, `StateLaw.not_for`).
    wizard.back()
    page.name.setText("George Mason University Police Department")
    wizard.next()
    note = " ".join(records.state_law_text.text().split())
    assert not records.state_law.isVisible()
    assert "is not asked of George Mason University Police Department" in note
    assert "23.1-815.1" in note


def test_finish_page_gives_the_email_subject_to_paste(
    qtbot: Any, make_window: Any, jurisdictions: Any
) -> None:
    """Trial 3 T9: the copied email text is the letter's body; its subject line is shown on
    its own (read-only, selectable) to paste into the email's Subject."""
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    _fill_to_review(wizard)
    wizard.next()
    page = wizard.finish_page
    assert wizard.currentPage() is page
    law = jurisdictions.get("CA").law_name
    assert page.subject.text() == f"{law} request: facial recognition records"
    assert page.subject.isReadOnly()
    assert page.subject.accessibleName() == "Email subject"
