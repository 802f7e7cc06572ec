"""The window on a tracker that others change too: the author on the timeline, and an edit
from what the pane showed refused (with the colleague's change named) when it is stale."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import TODAY, spec

from foia_assist.domain.lifecycle import EventKind
from foia_assist.services.tracker import TrackerService


def _colleague(ctx: Any) -> TrackerService:
    return TrackerService.open(ctx.paths, ctx.jurisdictions, ctx.calendars, author="bob")


def test_a_stale_removal_is_refused_naming_the_colleagues_change(
    make_window: Any, gui_ctx: Any, modals: Any
) -> None:
    rid = gui_ctx.tracker.add_request(
        spec("Oakland Police Department", "CA"), today=TODAY, sent=date(2026, 10, 2), method="email"
    )
    gui_ctx.tracker.author = "alice"
    gui_ctx.tracker.log_event(rid, "records_released", date(2026, 10, 5))  # by mistake
    window = make_window()
    window.select_request(rid)
    detail = window.detail
    timeline = [detail.timeline.item(i).text() for i in range(detail.timeline.count())]
    assert "[logged by alice]" in timeline[-1]
    shown = window.seen_version()
    assert shown == gui_ctx.tracker.get(rid).version

    bob = _colleague(gui_ctx)
    try:
        bob.set_tracking_number(rid, "OPD-77")
    finally:
        bob.close()
    detail.timeline.setCurrentRow(detail.timeline.count() - 1)
    modals.answer_yes = True
    detail.remove_event_button.click()
    title, text = modals.errors[-1]
    assert title == "Remove event"
    assert "bob set the tracking number to 'OPD-77'" in text
    assert "Nothing was saved" in text
    kinds = [e.kind for e in gui_ctx.tracker.get(rid).events]
    assert EventKind.RECORDS_RELEASED in kinds  # not removed
    # The pane was reloaded: it now shows the colleague's change, and from there it works.
    assert window.seen_version() == gui_ctx.tracker.get(rid).version == shown + 1
    detail.timeline.setCurrentRow(detail.timeline.count() - 1)
    detail.remove_event_button.click()
    assert EventKind.RECORDS_RELEASED not in [e.kind for e in gui_ctx.tracker.get(rid).events]


def test_settings_shared_tracker_section(qtbot: Any, gui_ctx: Any, tmp_path: Any) -> None:
    from foia_assist.errors import UserError
    from foia_assist.gui.settings_dialog import SettingsDialog
    from foia_assist.gui.widgets.shared_tracker_box import NO_KEYRING_NOTE
    from foia_assist.storage.secrets import KeyringSecretStore, MemorySecretStore
    from foia_assist.storage.settings import Settings

    calls: list[tuple[str, str | None]] = []

    def check(url: str, password: str | None) -> str:
        calls.append((url, password))
        if "refuse" in url:
            raise UserError("the PostgreSQL server at db.example:5432 refused the password")
        return "Connected to db.example:5432 as ana (schema 6)"

    dialog = SettingsDialog(Settings(), MemorySecretStore(), gui_ctx.paths, check_database=check)
    qtbot.addWidget(dialog)
    box = dialog.shared
    box.url.setText("postgresql://ana@db.example/foia")
    box.password.setText("pw")
    box.test_button.click()
    qtbot.waitUntil(lambda: box.result.text().startswith("✓"), timeout=5_000)
    assert box.result.text() == "✓ Connected to db.example:5432 as ana (schema 6)"
    assert calls == [("postgresql://ana@db.example/foia", "pw")]
    box.url.setText("postgresql://refuse@db.example/foia")
    box.test_button.click()
    qtbot.waitUntil(lambda: box.result.text().startswith("✗"), timeout=5_000)
    assert "refused the password" in box.result.text() and "\n" not in box.result.text()
    box.user_name.setText("Ana (clinic)")
    dialog.accept()
    assert dialog.settings.user_name == "Ana (clinic)"
    assert dialog.settings.author == "Ana (clinic)"

    # No secure keyring: said so, no password field, nothing stored.
    plain = SettingsDialog(Settings(), KeyringSecretStore(), gui_ctx.paths, check_database=check)
    qtbot.addWidget(plain)
    assert plain.shared.keyring_note.text() == NO_KEYRING_NOTE
    assert not plain.shared.password.isEnabled()
    assert plain.shared.typed_password() is None


def test_the_user_name_from_settings_is_recorded_by_the_window(
    make_window: Any, gui_ctx: Any, dialogs: Any
) -> None:
    window = make_window()

    def fill(d: Any) -> bool:
        d.shared.user_name.setText("Dana")
        d.accept()
        return d.result() == d.DialogCode.Accepted

    dialogs.steps.append(fill)
    window.open_settings()
    assert gui_ctx.settings_store.load().settings.user_name == "Dana"
    rid = gui_ctx.tracker.add_request(spec("Fresno Police Department", "CA"), today=TODAY)
    assert gui_ctx.tracker.get(rid).events[0].author == "Dana"
