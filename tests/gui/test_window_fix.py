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


# -- J5: the agency column gets the spare width -----------------------------------------------

TYPICAL_AGENCIES = (
    ("Chicago Police Department", "IL", date(2026, 10, 20)),
    ("Boston Police Department", "MA", date(2026, 11, 2)),
    ("Fairfax County Police Department", "VA", date(2026, 11, 16)),
    ("Federal Bureau of Investigation", "US", date(2026, 11, 20)),
    ("Houston Police Department", "TX", None),
    ("Atlanta Police Department", "GA", date(2026, 11, 2)),
)


def _add_typical(ctx: Any) -> None:
    for name, code, sent in TYPICAL_AGENCIES:
        ctx.tracker.add_request(
            spec(name, code, "r@example.gov"), today=sent or TODAY, sent=sent,
            method="email" if sent else None,
        )  # fmt: skip


def _elided(window: Any) -> list[str]:
    """The cells whose text is wider than their column (drawn with "…")."""
    from foia_assist.gui.requests_model import HEADERS

    table, proxy = window.table, window.proxy
    metrics = table.fontMetrics()
    margin = 2 * (table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 1)
    cut = []
    for row in range(proxy.rowCount()):
        for col in range(len(HEADERS)):
            text = proxy.index(row, col).data()
            if metrics.horizontalAdvance(text) + margin > table.columnWidth(col):
                cut.append(f"{HEADERS[col]}: {text} ({table.columnWidth(col)} px)")
    return cut


def test_agency_names_and_days_left_are_not_cut_at_1024x640_and_1440x900(
    qtbot: Any, make_window: Any, gui_ctx: Any
) -> None:
    _add_typical(gui_ctx)
    window = make_window()
    window.show()
    for width, height in ((1024, 640), (1440, 900)):
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        QApplication.processEvents()
        assert _elided(window) == [], f"cut at {width}×{height}"
        # The table fits its viewport: nothing hidden behind a sideways scroll bar.
        assert window.table.horizontalScrollBar().maximum() == 0
        assert window.detail.width() >= 280
    # The full text is in a tooltip too (the agency, and days left with the date).
    index = window.proxy.index(0, 0)
    assert index.data() in (index.data(3) or "")


# -- J7: "Draft appeal" says what it drafts ---------------------------------------------------


def test_draft_appeal_button_names_a_reconsideration_request_where_there_is_no_appeal(
    qtbot: Any, make_window: Any, gui_ctx: Any
) -> None:
    from foia_assist.domain.appeal_routes import drafted_filing, plan_appeal

    tracker = gui_ctx.tracker
    ids = {}
    for name, code in (("Fairfax County Police Department", "VA"), ("Chicago PD", "IL")):
        rid = tracker.add_request(spec(name, code, "r@example.gov"), today=date(2026, 11, 2),
                                  sent=date(2026, 11, 2), method="email")  # fmt: skip
        tracker.log_event(rid, EventKind.DENIED, date(2026, 11, 6))
        ids[code] = rid
    # The same data the letter uses: Virginia's Act has no administrative appeal.
    va = gui_ctx.jurisdictions.get("VA")
    assert drafted_filing(plan_appeal(va, None, ()), va) == "reconsideration request"
    window = make_window()
    button = window.detail.appeal_button
    assert window.select_request(ids["VA"])
    qtbot.waitUntil(lambda: "reconsideration" in button.text())
    assert button.text() == "Dr&aft reconsideration" and button.isEnabled()
    assert "no administrative appeal" in button.toolTip()
    assert "reconsideration request" in button.accessibleName()
    # The longer name still fits the pane of a 1024-pixel window (no sideways scrolling).
    window.show()
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024)
    QApplication.processEvents()
    assert window.detail.scroll_area.horizontalScrollBar().maximum() == 0
    il = gui_ctx.jurisdictions.get("IL")
    filing = drafted_filing(plan_appeal(il, None, ()), il)
    assert filing != "reconsideration request"
    assert window.select_request(ids["IL"])
    qtbot.waitUntil(lambda: "reconsideration" not in button.text())
    expected = "Draft &appeal" if filing == "appeal" else f"Dr&aft {filing}"
    assert button.text() == expected
    assert "Public Access Counselor" in button.toolTip()  # who decides it


# -- J6 / K4: keys without duplicates ---------------------------------------------------------


def _key(text: str) -> str | None:
    """The mnemonic letter of a control's text ("&&" is a literal ampersand)."""
    import re

    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def mnemonics(root: Any) -> dict[str, list[str]]:
    """Every key in `root`'s window that is not hidden, with the texts using it: buttons,
    check boxes, labels with a buddy, group boxes and the menu bar's menus."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QWidget

    keys: dict[str, list[str]] = {}
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if isinstance(w, QAbstractButton) or isinstance(w, QLabel) and w.buddy() is not None:
            texts = [w.text()]
        elif isinstance(w, QGroupBox):
            texts = [w.title()]
        elif isinstance(w, QMenuBar):
            texts = [a.text() for a in w.actions()]
        else:
            continue
        for text in texts:
            key = _key(text)
            if key is not None:
                keys.setdefault(key, []).append(text)
    return keys


def duplicates(keys: dict[str, list[str]]) -> dict[str, list[str]]:
    return {k: v for k, v in keys.items() if len(v) > 1}


def test_log_event_menu_has_a_key_for_every_kind_and_none_twice(make_window: Any) -> None:
    window = make_window()
    menu = window.detail.log_menu
    texts = [a.text() for a in menu.actions()]
    assert len(texts) == 15
    keys = [_key(t) for t in texts]
    assert None not in keys, [t for t in texts if _key(t) is None]
    assert len(set(keys)) == len(keys), texts


def test_campaign_dialog_labels_have_keys_and_buddies_and_no_key_twice(
    qtbot: Any, gui_ctx: Any
) -> None:
    from PySide6.QtWidgets import QLabel

    from foia_assist.gui.campaign_dialog import CampaignDialog

    dialog = CampaignDialog(gui_ctx.contact_book)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {
        label.text(): label.buddy()
        for label in dialog.findChildren(QLabel)
        if label.text() in ("S&tate:", "T&ype:", "&County:", "&Or add one:")
    }
    assert labels == {
        "S&tate:": dialog.state,
        "T&ype:": dialog.type,
        "&County:": dialog.county,
        "&Or add one:": dialog.search.query,
    }
    assert duplicates(mnemonics(dialog)) == {}


def every_window(qtbot: Any, make_window: Any, gui_ctx: Any) -> Any:
    """(name, window) for the main window with a request shown, each wizard step, each bulk
    tab, Settings and the campaign dialog, each in the state it is looked at."""
    from PySide6.QtWidgets import QTabWidget

    from foia_assist.gui.campaign_dialog import CampaignDialog
    from foia_assist.gui.settings_dialog import SettingsDialog
    from foia_assist.storage.secrets import MemorySecretStore
    from foia_assist.storage.settings import Settings

    gui_ctx.tracker.add_request(spec("Chicago Police Department", "IL", "a@example.gov"),
                                today=date(2026, 11, 2), sent=date(2026, 11, 2),
                                method="email")  # fmt: skip
    window = make_window()
    window.show()
    qtbot.waitUntil(lambda: window.detail.log_button.isEnabled())
    yield "main window", window
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.show()
    for step in range(6):
        QApplication.processEvents()
        yield f"wizard step {step + 1} ({type(wizard.currentPage()).__name__})", wizard
        if step == 0:
            wizard.jurisdiction_page.select("TX")
        if step == 1:
            wizard.agency_page.name.setText("Austin Police Department")
        wizard.next()
    wizard.reject()
    bulk = window.open_bulk_export()
    qtbot.addWidget(bulk)
    bulk.show()
    tabs = bulk.findChild(QTabWidget)
    for tab in range(tabs.count()):
        tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        yield f"bulk export, tab {tabs.tabText(tab)!r}", bulk
    bulk.reject()
    settings = SettingsDialog(Settings(), MemorySecretStore(), gui_ctx.paths)
    qtbot.addWidget(settings)
    settings.show()
    yield "settings", settings
    campaign = CampaignDialog(gui_ctx.contact_book)
    qtbot.addWidget(campaign)
    campaign.show()
    yield "campaign", campaign


def test_no_key_twice_in_any_window(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any
) -> None:
    seen = {name: duplicates(mnemonics(w)) for name, w in every_window(qtbot, make_window, gui_ctx)}
    assert len(seen) >= 12
    assert {name: d for name, d in seen.items() if d} == {}


# -- C8: keys typed right after Ctrl+N ----------------------------------------------------------


def test_keys_typed_right_after_ctrl_n_reach_the_wizard_not_the_find_box(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any
) -> None:
    from PySide6.QtCore import Qt

    gui_ctx.tracker.add_request(spec("Chicago Police Department", "IL"), today=TODAY)
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.search.setFocus()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    # Before the window manager has made the wizard active, the keys still arrive where
    # the main window's focus was: the Find box.
    qtbot.keyClicks(window.search, "te")
    assert window.search.text() == ""
    assert wizard.jurisdiction_page.filter.text() == "te"
    qtbot.keyClicks(wizard.jurisdiction_page.filter, "xas")
    assert wizard.jurisdiction_page.filter.text() == "texas"
    # A click in the main window gives it its keys back.
    qtbot.mouseClick(window.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.search, "x")
    assert window.search.text() == "x"
    wizard.reject()


# -- C5: Only TX and words no Texas agency has --------------------------------------------------


def test_only_state_search_with_no_full_match_says_so_and_enter_takes_nothing(
    qtbot: Any, gui_ctx: Any
) -> None:
    from PySide6.QtCore import Qt

    from foia_assist.gui.agency_search import AgencySearchBox

    book = gui_ctx.contact_book
    # The service says when no agency has every word (the directory alone ranked 30
    # Texas police departments by "police" and "county").
    in_tx = book.find("fairfax county police", state="TX", limit=30)
    assert not in_tx.all_words
    everywhere = book.find("fairfax county police", limit=30)
    assert everywhere.all_words and everywhere.entries[0].jurisdiction == "VA"
    assert book.find("austin police", state="TX").all_words

    box = AgencySearchBox(book)
    qtbot.addWidget(box)
    box.show()
    box.set_state("TX")
    picked: list[Any] = []
    box.picked.connect(picked.append)
    box.query.setText("fairfax county police")
    qtbot.waitUntil(lambda: "No agency in TX matches" in box.status.text(), timeout=15_000)
    assert "untick Only TX to search everywhere" in box.status.text()
    assert box.results.count() == 0 and not box.use.isEnabled()
    qtbot.keyClick(box.query, Qt.Key.Key_Return)
    assert picked == []
    box.only_state.setChecked(False)
    qtbot.waitUntil(lambda: box.results.count() > 0, timeout=15_000)
    assert "Fairfax County Police" in box.results.item(0).text()
    qtbot.keyClick(box.query, Qt.Key.Key_Return)
    assert picked and picked[0].jurisdiction == "VA"


def test_search_with_no_full_match_anywhere_lists_the_closest_but_chooses_none(
    qtbot: Any, gui_ctx: Any
) -> None:
    from PySide6.QtCore import Qt

    from foia_assist.gui.agency_search import AgencySearchBox

    box = AgencySearchBox(gui_ctx.contact_book)
    qtbot.addWidget(box)
    box.show()
    box.set_state(None)
    picked: list[Any] = []
    box.picked.connect(picked.append)
    box.query.setText("zzqxv police")
    qtbot.waitUntil(lambda: "No agency matches every word" in box.status.text(), timeout=15_000)
    assert box.results.count() > 0 and box.results.currentItem() is None
    qtbot.keyClick(box.query, Qt.Key.Key_Return)
    assert picked == []


# -- C6: the FBI's note when no contact was recorded -----------------------------------------


def test_fbi_note_does_not_claim_contacts_recorded_by_the_user(gui_ctx: Any) -> None:
    from foia_assist.gui.wizard_agency_search import describe

    book = gui_ctx.contact_book
    fbi = book.find("federal bureau of investigation", state="US").entries[0]
    assert fbi.name == "Federal Bureau of Investigation" and fbi.contact.is_empty()
    text = describe(fbi)
    assert "recorded by you" not in text and "?" not in text.split(fbi.note)[0]
    assert f"No contact in the directory (looked for on {fbi.contact.checked})" in text
    assert fbi.email == "" and fbi.portal_url == ""  # none invented
    # Once the user records one, the "no contact" words go.
    from foia_assist.services.agency_contacts import Contact

    book.set_contact(fbi.id, Contact(email="foia@example.gov"))
    mine = book.find("federal bureau of investigation", state="US").entries[0]
    assert mine.email == "foia@example.gov" and "No contact" not in describe(mine)


# -- Accessibility: every focusable control has a name ---------------------------------------


def unnamed_controls(root: Any) -> tuple[int, list[str]]:
    """(how many focusable controls, those whose accessible name — their own, or their
    label buddy's as Qt's accessibility tree reports it — is empty)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

    seen, unnamed = 0, []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or not w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(w.parent(), QAbstractSpinBox | QComboBox):
            continue  # the line edit inside a spin box or combo box: named by its owner
        seen += 1
        node = QAccessible.queryAccessibleInterface(w)
        name = node.text(QAccessible.Text.Name).strip() if node is not None else ""
        if not name:
            text = getattr(w, "text", lambda: "")()
            unnamed.append(f"{type(w).__name__} {text!r} ({w.objectName() or 'no object name'})")
    return seen, unnamed


def test_every_focusable_control_in_every_window_has_an_accessible_name(
    qtbot: Any, make_window: Any, gui_ctx: Any, modals: Any
) -> None:
    """The main window had this test (test_window_in_use); the wizard's steps, the bulk
    dialog's tabs, Settings, the campaign dialog and the event dialog are walked too."""
    from foia_assist.gui.event_dialog import EventDialog

    found: dict[str, list[str]] = {}
    total = 0
    for name, window in every_window(qtbot, make_window, gui_ctx):
        seen, unnamed = unnamed_controls(window)
        total += seen
        if unnamed:
            found[name] = unnamed
    for kind in (EventKind.EXTENSION, EventKind.SENT, EventKind.DENIED):
        dialog = EventDialog(kind, TODAY, law=gui_ctx.jurisdictions.get("IL"))
        qtbot.addWidget(dialog)
        dialog.show()
        seen, unnamed = unnamed_controls(dialog)
        total += seen
        if unnamed:
            found[f"log {kind.value}"] = unnamed
    assert total > 150
    assert found == {}
