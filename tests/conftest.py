"""Shared fixtures. Tests never touch the real home directory or the real keyring."""

from __future__ import annotations

import os

# Before any QApplication exists: no display is needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from foia_assist.paths import AppPaths  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point HOME, XDG folders and the app's data folder at a temporary place."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("FOIA_ASSIST_DATA_DIR", str(home / "foia-data"))
    # A test that forgets the in-memory keyring fixture must fail, not write secrets anywhere.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "data").ensure()


@pytest.fixture(scope="session")
def jurisdictions():  # type: ignore[no-untyped-def]
    from foia_assist.paths import resources_dir
    from foia_assist.storage.rule_files import load_jurisdictions

    return load_jurisdictions(resources_dir() / "jurisdictions")


@pytest.fixture
def tracker(app_paths: AppPaths, jurisdictions):  # type: ignore[no-untyped-def]
    """A TrackerService over a fresh database in the test's folder."""
    from foia_assist.domain.calendars import CalendarCache
    from foia_assist.services.tracker import TrackerService

    service = TrackerService.open(app_paths, jurisdictions, CalendarCache())
    yield service
    service.close()
