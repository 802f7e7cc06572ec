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
def tracker(app_paths: AppPaths, jurisdictions, database_target):  # type: ignore[no-untyped-def]
    """A TrackerService over a fresh database: the SQLite file in the test's folder, or a
    fresh PostgreSQL database when the module runs on both backends (see `backend`)."""
    from foia_assist.domain.calendars import CalendarCache
    from foia_assist.services.tracker import TrackerService
    from foia_assist.storage.database_open import open_database

    db = open_database(database_target, app_paths.backups_dir)
    service = TrackerService.over(db, jurisdictions, CalendarCache())
    yield service
    service.close()


# -- the tracker on both backends ---------------------------------------------------------------
# `backend` is "sqlite" unless a test is parametrised over it (`on_both_backends` from
# tests/postgres_server.py, on a test or as a module's `pytestmark`); `database_target` and
# `tracker` follow it. PostgreSQL tests share one throwaway server per session and get a
# fresh database each.


@pytest.fixture(scope="session")
def postgres_server():  # type: ignore[no-untyped-def]
    import shutil
    import tempfile

    from postgres_server import PostgresServer, free_port

    root = Path(tempfile.mkdtemp(prefix="foia-assist-pg-"))
    server = PostgresServer(root, free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def postgres_database(postgres_server):  # type: ignore[no-untyped-def]
    """The name of a fresh database at the latest schema, dropped after the test."""
    name = postgres_server.fresh_database()
    yield name
    postgres_server.drop_database(name)


@pytest.fixture
def database_target(backend: str, app_paths: AppPaths, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Where the test's tracker lives: the SQLite file in its data folder, or a fresh
    PostgreSQL database (superuser; its password carried in the target, not in a URL)."""
    from foia_assist.storage.database_url import SqliteTarget, parse_database_url

    if backend == "sqlite":
        return SqliteTarget(app_paths.database)
    from postgres_server import SUPERUSER_PASSWORD

    server = request.getfixturevalue("postgres_server")
    name = request.getfixturevalue("postgres_database")
    return parse_database_url(server.url(name)).with_password(SUPERUSER_PASSWORD)


@pytest.fixture
def database_env(backend: str, database_target, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """For CLI tests: FOIA_ASSIST_DATABASE (and PGPASSWORD) name the test's database."""
    if backend == "postgresql":
        monkeypatch.setenv("FOIA_ASSIST_DATABASE", database_target.without_password().url)
        monkeypatch.setenv("PGPASSWORD", database_target.password)
