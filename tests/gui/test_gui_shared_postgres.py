"""The window on a shared tracker on a real (throwaway) PostgreSQL server: another user's
change reaches it by NOTIFY and the list reloads; Settings tests a connection to it."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import TODAY, spec
from postgres_server import SUPERUSER_PASSWORD
from PySide6.QtWidgets import QLabel

from foia_assist.app import AppContext
from foia_assist.paths import AppPaths
from foia_assist.services.tracker import TrackerService
from foia_assist.storage.database import LATEST_SCHEMA
from foia_assist.storage.database_open import open_database
from foia_assist.storage.database_url import parse_database_url
from foia_assist.storage.secrets import MemorySecretStore


@pytest.fixture
def pg_ctx(tmp_path: Any, postgres_server: Any, postgres_database: str, modals: Any) -> Any:
    url = postgres_server.url(postgres_database)
    ctx = AppContext(paths=AppPaths.under(tmp_path / "data").ensure(), database_url=url)
    secrets = MemorySecretStore()
    secrets.set(parse_database_url(url).secret_account, SUPERUSER_PASSWORD)  # from Settings
    ctx.secrets = secrets  # type: ignore[misc]
    yield ctx
    ctx.close()


def test_another_users_change_reloads_the_window(qtbot: Any, pg_ctx: Any) -> None:
    from foia_assist.gui.main_window import MainWindow

    pg_ctx.tracker.add_request(spec("Oakland Police Department", "CA"), today=TODAY)
    window = MainWindow(pg_ctx, today=lambda: TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: window._watch is not None, timeout=10_000)  # listening
    target = parse_database_url(pg_ctx.database_url).with_password(SUPERUSER_PASSWORD)
    other = TrackerService.over(
        open_database(target, pg_ctx.paths.backups_dir),
        pg_ctx.jurisdictions,
        pg_ctx.calendars,
        author="bob",
    )
    try:
        other.add_request(spec("Fresno Police Department", "CA"), today=TODAY)
    finally:
        other.close()
    # Within a couple of seconds (the window looks every WATCH_MS = 2 s).
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=6_000)


def test_settings_test_connection_against_the_server(
    qtbot: Any, pg_ctx: Any, postgres_server: Any, postgres_database: str
) -> None:
    from foia_assist.gui.settings_dialog import SettingsDialog
    from foia_assist.services.shared_tracker import check_connection
    from foia_assist.storage.settings import Settings

    keyring = MemorySecretStore()
    pg_ctx.secrets = keyring
    dialog = SettingsDialog(
        Settings(),
        keyring,
        pg_ctx.paths,
        check_database=lambda u, p: check_connection(
            u, p, own_database=pg_ctx.paths.database, secrets=keyring
        ),
    )
    qtbot.addWidget(dialog)
    box = dialog.shared
    box.url.setText(postgres_server.url(postgres_database))
    box.password.setText("not the password")
    box.test_button.click()
    qtbot.waitUntil(lambda: box.result.text().startswith("✗"), timeout=15_000)
    assert "refused the password" in box.result.text()
    box.password.setText(SUPERUSER_PASSWORD)
    box.test_button.click()
    qtbot.waitUntil(lambda: box.result.text().startswith("✓"), timeout=15_000)
    assert f"a FOIA Assist tracker (schema {LATEST_SCHEMA})" in box.result.text()
    dialog.accept()
    saved = dialog.settings.database_url
    assert saved == postgres_server.url(postgres_database)  # no password in it
    assert keyring.get(parse_database_url(saved).secret_account) == SUPERUSER_PASSWORD


def test_the_window_says_it_is_on_the_shared_tracker(qtbot: Any, pg_ctx: Any) -> None:
    """S3 (window trial 2): on the team's database the window was titled "FOIA Assist" and
    its empty tracker's welcome said "Everything stays on this computer"."""
    from foia_assist.gui.main_window import MainWindow

    window = MainWindow(pg_ctx, today=lambda: TODAY)
    qtbot.addWidget(window)
    target = parse_database_url(pg_ctx.database_url)
    assert window.windowTitle() == f"Shared tracker {target.dbname} on {target.where}"
    welcome = " ".join(label.text() for label in window.welcome.findChildren(QLabel))
    assert "shared tracker" in welcome and target.dbname in welcome
    assert "Everything stays on this computer" not in welcome
