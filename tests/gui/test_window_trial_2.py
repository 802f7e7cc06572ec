"""Problems found in the second trial of the window as its users would use it.

See docs/verification/window-trial-2026-12-03b.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from foia_assist.app import AppContext


def _contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def dark_palette() -> Iterator[QPalette]:
    """A dark system palette (as Qt's GTK theme gives with Adwaita:dark), put back after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    dark = QPalette(before)
    for role, colour in (
        (QPalette.ColorRole.Window, "#353535"),
        (QPalette.ColorRole.WindowText, "#eeeeee"),
        (QPalette.ColorRole.Base, "#2d2d2d"),
        (QPalette.ColorRole.Text, "#eeeeee"),
    ):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        yield dark
    finally:
        app.setPalette(before)


def _colours(text: str) -> list[QColor]:
    return [QColor(c) for c in re.findall(r"color:\s*(#[0-9a-fA-F]{3,6})", text)]


def test_a_laws_warnings_and_source_lines_stay_readable_on_a_dark_palette(
    qtbot: Any, gui_ctx: AppContext, dark_palette: QPalette
) -> None:
    """D1: under a dark palette Virginia's "Who may ask" warning on step 1 was dark red on
    dark grey (about 2:1, barely visible) and the agency list's source line dark grey."""
    from foia_assist.gui.agency_search import AgencySearchBox
    from foia_assist.gui.wizard.law_summary import facts_html, jurisdiction_html

    base = dark_palette.color(QPalette.ColorRole.Base)
    window = dark_palette.color(QPalette.ColorRole.Window)
    va = gui_ctx.jurisdictions.get("VA")
    summary = jurisdiction_html(va) + facts_html(va)
    assert "Who may ask" in summary
    colours = _colours(summary)
    assert colours, "the summary sets its warning and source colours"
    for colour in colours:
        assert _contrast(colour, base) >= 4.5, colour.name()

    box = AgencySearchBox(gui_ctx.contact_book)
    qtbot.addWidget(box)
    (credit,) = _colours(box.credit.styleSheet())
    assert _contrast(credit, window) >= 4.5, credit.name()


def test_the_same_colours_on_a_light_palette_are_unchanged(gui_ctx: AppContext) -> None:
    """The light palette keeps the colours it had (dark red warning, grey source line)."""
    from foia_assist.gui.wizard.law_summary import jurisdiction_html

    assert "color:#a40000" in jurisdiction_html(gui_ctx.jurisdictions.get("VA"))


def test_a_basis_chosen_for_one_law_does_not_follow_you_into_bulk_letters(
    qtbot: Any, make_window: Any, modals: Any
) -> None:
    """K5: a Tennessee request with "citizen of this state" chosen and "Remember my details"
    ticked, then a bulk export from the same window: the Virginia rows were rejected during
    the export ("field 'requester.basis': 'citizen of this state' is not one of the Virginia
    Freedom of Information Act's terms"), after the preview had called them ready. The basis
    is a choice made under one law; the settings file never kept it, only the open window."""
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.jurisdiction_page.select("TN")
    wizard.next()
    wizard.agency_page.name.setText("Nashville Metropolitan Police Department")
    wizard.agency_page.email.setText("records@nashville.example.gov")
    wizard.next()
    wizard.next()
    page = wizard.requester_page
    page.name.setText("Jordan Reyes")
    page.email.setText("jordan@example.org")
    assert page.remember.isChecked()
    page.basis.setCurrentIndex(page.basis.findData("citizen of this state"))
    assert page.requester().basis == "citizen of this state"
    wizard.next()
    wizard.next()
    wizard.accept()
    assert window.settings.requester.name == "Jordan Reyes"  # the details are remembered
    assert window.settings.requester.basis == ""  # the basis under Tennessee's law is not

    dialog = window.open_bulk_export()
    qtbot.addWidget(dialog)
    assert dialog.requester_tab.requester().name == "Jordan Reyes"
    assert dialog.requester_tab.requester().basis == ""


def test_the_detail_pane_never_shows_a_request_the_filters_hid(
    qtbot: Any, make_window: Any, gui_ctx: AppContext
) -> None:
    """J8: Nashville selected, then "houston" typed in Find: the list showed only Houston
    while the detail pane (and its Log event, Draft follow-up, Remind me buttons) went on
    showing Nashville."""
    from datetime import date

    from conftest import spec

    def add(name: str, code: str) -> int:
        return int(
            gui_ctx.tracker.add_request(
                spec(name, code, "r@example.gov"),
                today=date(2026, 11, 5),
                sent=date(2026, 11, 5),
                method="email",
            )
        )

    nashville = add("Nashville Metropolitan Police Department", "TN")
    houston = add("Houston Police Department", "TX")
    window = make_window()
    window.show()
    assert window.select_request(nashville)
    qtbot.waitUntil(lambda: "Nashville" in window.detail.title.text())

    window.search.setText("houston")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1)
    assert window.current_request_id() == houston
    qtbot.waitUntil(lambda: "Houston" in window.detail.title.text())

    window.search.setText("nowhere")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 0)
    assert window.current_request_id() is None
    assert "Houston" not in window.detail.title.text()
    assert not window.detail.log_button.isEnabled()


def test_keyboard_focus_lands_on_the_directory_search_on_step_2(
    qtbot: Any, make_window: Any
) -> None:
    """W1: Alt+N from step 1 to step 2 left the keyboard focus on the page's scroll area,
    drawn nowhere: "nashville police" typed right after went nowhere, and only a Tab showed
    where the focus was."""
    wizard = make_window().new_request()
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    wizard.jurisdiction_page.select("TN")
    wizard.jurisdiction_page.filter.setFocus()
    qtbot.waitUntil(lambda: wizard.focusWidget() is wizard.jurisdiction_page.filter)
    wizard.next()  # what Alt+N does
    page = wizard.agency_page
    qtbot.waitUntil(lambda: wizard.currentPage() is page)
    assert page.directory is not None
    query = page.directory.box.query
    qtbot.waitUntil(lambda: wizard.focusWidget() is query)
    qtbot.keyClicks(wizard.focusWidget(), "nashville police")
    assert query.text() == "nashville police"


def test_no_conflicting_mnemonics_on_step_4_where_the_law_names_who_may_ask(
    qtbot: Any, make_window: Any
) -> None:
    """W2: for Tennessee or Virginia step 4 shows "Who may ask", whose Alt+W was also the
    fee waiver's: Alt+W went to one, then the other, and never ticked the fee waiver."""
    from test_window_in_use import _mnemonics

    wizard = make_window().new_request()
    qtbot.addWidget(wizard)
    wizard.show()
    for code in ("TN", "VA"):
        wizard.restart()
        wizard.jurisdiction_page.select(code)
        wizard.next()
        wizard.agency_page.name.setText("Springfield Police Department")
        wizard.next()
        wizard.next()
        page = wizard.requester_page
        assert wizard.currentPage() is page
        assert page.basis.isVisibleTo(page)
        keys = _mnemonics(wizard)
        assert len(keys) == len(set(keys)), f"{code} step 4: {sorted(keys)}"


def test_the_reminder_dialog_is_wide_enough_for_its_title_and_hint(qtbot: Any) -> None:
    """J9: "Set a reminder" opened about 245 pixels wide: its title was cut ("Set a
    rem…OIA Assist") and the note's hint too ("e.g. call the recor…")."""
    from datetime import date

    from foia_assist.gui.event_dialog import ReminderDialog

    dialog = ReminderDialog(date(2026, 12, 3))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.note.placeholderText()
    assert dialog.note.width() >= dialog.note.fontMetrics().horizontalAdvance(hint) + 8
    title = f"{dialog.windowTitle()} — FOIA Assist"
    assert dialog.width() >= dialog.fontMetrics().horizontalAdvance(title) + 100  # frame buttons


def test_a_failed_connection_test_is_readable_whole_in_the_settings(
    qtbot: Any, gui_ctx: AppContext
) -> None:
    """S1: at 1024×640 "Test connection" on a server that wants a password showed
    "✗ the PostgreSQL server at 127.0.0.1:38633 asks for a p…" on one line cut by the box's
    edge, and pushed the keyring note above it out of its own lines."""
    from foia_assist.errors import UserError
    from foia_assist.gui.settings_dialog import SettingsDialog
    from foia_assist.storage.secrets import KeyringSecretStore
    from foia_assist.storage.settings import Settings

    reason = (
        "the PostgreSQL server at 127.0.0.1:38633 asks for a password: give it with "
        "PGPASSWORD or ~/.pgpass (no secure keyring here to keep it)"
    )

    def check(url: str, password: str | None) -> str:
        raise UserError(reason)

    dialog = SettingsDialog(Settings(), KeyringSecretStore(), gui_ctx.paths, check_database=check)
    qtbot.addWidget(dialog)
    dialog.resize(880, 520)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.shared
    box.url.setText("postgresql://postgres@127.0.0.1:38633/foia_team")
    box.test_button.click()
    qtbot.waitUntil(lambda: box.result.text().startswith("✗"), timeout=10_000)
    labels = (box.result, box.keyring_note)
    for label in labels:
        assert label.wordWrap(), label.accessibleName()

    def whole(label: Any) -> bool:
        corner = label.mapTo(box, label.rect().bottomRight())
        tall = label.height() >= label.heightForWidth(label.width())
        inside = box.contentsRect().contains(corner)
        return tall and inside

    # (the layout settles on a later pass of the event loop)
    qtbot.waitUntil(lambda: all(whole(label) for label in labels), timeout=3_000)


def test_status_bar_confirmations_are_seen_beside_the_legal_note(
    qtbot: Any, make_window: Any, gui_ctx: AppContext
) -> None:
    """N1: "Requests read again.", "Settings saved. The tracker's database changes when
    FOIA Assist is started again.", "Logged …; the deadlines are updated." were never seen,
    at 1024 or 1440 pixels wide: the "Not legal advice" note was a permanent status-bar
    widget stretched over the whole bar, leaving the messages no room."""
    from datetime import date

    from conftest import spec

    gui_ctx.tracker.add_request(spec("Houston Police Department", "TX", "r@example.gov"),
                                today=date(2026, 11, 5))  # fmt: skip
    window = make_window()
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "rules last checked" in window.footer.text())
    assert window.footer.isVisible()
    window.refresh()
    qtbot.waitUntil(lambda: bar.currentMessage() == "Requests read again.")
    # Qt draws a message only where no permanent widget is: the note steps aside for it…
    assert not window.footer.isVisible()
    bar.clearMessage()
    # … and comes back after it.
    qtbot.waitUntil(window.footer.isVisible)


def test_about_names_the_agency_directory_among_its_data_sources(
    gui_ctx: AppContext,
) -> None:
    """H1: Help › About listed the laws and the holidays but not the 18,702-agency
    directory every request starts from, nor its date (2018) and licence."""
    from foia_assist.gui.about_dialog import about_html

    text = about_html(gui_ctx)
    assert "FBI Crime Data Explorer" in text
    assert "2018" in text and "public domain" in text
    assert "federal contacts 20" in text  # the date the federal offices were read


def test_find_overdue_lists_the_overdue_requests(
    qtbot: Any, make_window: Any, gui_ctx: AppContext
) -> None:
    """J10: 14 rows said "Overdue by N days" and the banner "14 overdue", yet Find
    "overdue" said "No request matches “overdue”. 22 request(s) are hidden by the filters."
    """
    from datetime import timedelta

    from conftest import spec

    window = make_window()
    today = window.today()

    def add(name: str, code: str, sent_days_ago: int) -> None:
        sent = today - timedelta(days=sent_days_ago)
        gui_ctx.tracker.add_request(
            spec(name, code, "r@example.gov"), today=sent, sent=sent, method="email"
        )

    add("Chicago Police Department", "IL", 60)
    add("Houston Police Department", "TX", 45)
    add("Michigan State Police", "MI", 0)
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)

    def shown() -> list[str]:
        return sorted(window.proxy.index(i, 0).data() for i in range(window.proxy.rowCount()))

    window.search.setText("overdue")
    qtbot.waitUntil(lambda: shown() == ["Chicago Police Department", "Houston Police Department"])
    window.search.setText("texas overdue")
    qtbot.waitUntil(lambda: shown() == ["Houston Police Department"])


def test_the_case_files_names_are_readable_at_1024_pixels(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, tmp_path: Any
) -> None:
    """J11: at 1024×640 the case file's File column was about 25 pixels ("r…" for
    reply.eml) while the SHA-256 column took 100; the name had no tooltip."""
    from datetime import date

    from conftest import spec

    rid = int(
        gui_ctx.tracker.add_request(
            spec("Seattle Police Department", "WA", "r@example.gov"),
            today=date(2026, 11, 12),
            sent=date(2026, 11, 12),
            method="email",
        )
    )
    reply = tmp_path / "reply.eml"
    reply.write_text("From: a@b.gov\nSubject: x\n\nWe need more time.\n", encoding="utf-8")
    list(gui_ctx.casefile.attach(rid, [reply], today=date(2026, 11, 16)))
    window = make_window()
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.select_request(rid), timeout=30_000)
    # The detail pane as wide as it was at 1024×640 (its share of the splitter there).
    total = sum(window.splitter.sizes())
    window.splitter.setSizes([total - 324, 324])
    tree = window.casefile_actions.panel.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1)
    item = tree.topLevelItem(0)
    assert item.text(1) == "reply.eml"
    qtbot.waitUntil(
        lambda: tree.columnWidth(1) >= tree.fontMetrics().horizontalAdvance("reply.eml") + 8
    )
    assert "reply.eml" in item.toolTip(1) and item.text(3).rstrip("…") in item.toolTip(1)


def test_event_and_reminder_dialogs_name_the_request(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, dialogs: Any
) -> None:
    """J12: "Log: Extension" and "Set a reminder" did not say for which request; with 20
    requests the only check was the detail pane behind the dialog."""
    from datetime import date

    from conftest import spec

    from foia_assist.domain.lifecycle import EventKind

    rid = int(
        gui_ctx.tracker.add_request(
            spec("Houston Police Department", "TX", "r@example.gov"),
            today=date(2026, 11, 5),
            sent=date(2026, 11, 5),
            method="email",
        )
    )
    window = make_window()
    qtbot.waitUntil(lambda: window.select_request(rid), timeout=30_000)
    dialogs.steps += [lambda d: False, lambda d: False]  # look, then cancel
    window.log_event(EventKind.EXTENSION)
    window.set_reminder()
    titles = [d.windowTitle() for d in dialogs.seen]
    assert titles == [
        "Log: Extension — Houston Police Department",
        "Set a reminder — Houston Police Department",
    ]
