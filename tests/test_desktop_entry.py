"""`foia-assist install-desktop-entry [--remove]`: menu entry, icon and AppStream metadata."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from foia_assist.services import desktop_entry
from foia_assist.services.desktop_entry import APP_ID, data_home, desktop_files, exec_value

PROGRAM = Path(sys.executable).parent / "foia-assist"
SHIPPED = Path(desktop_entry.resources_dir()) / "desktop"


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(home))
    return subprocess.run(
        [str(PROGRAM), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_install_writes_entry_icon_and_metadata_and_remove_takes_them_out(tmp_path: Path) -> None:
    home = tmp_path / "share"
    done = _run("install-desktop-entry", home=home)
    assert done.returncode == 0, done.stderr
    files = desktop_files(home)
    for path in files.all():
        assert path.is_file()
        assert f"Wrote {path}" in done.stdout
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(files.entry, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == str(PROGRAM.absolute())  # this installation, not a bare name
    assert section["Icon"] == APP_ID and files.icon.name == f"{APP_ID}.svg"
    assert files.icon.read_bytes() == (SHIPPED / "foia-assist.svg").read_bytes()

    done = _run("install-desktop-entry", "--remove", home=home)
    assert done.returncode == 0, done.stderr
    assert not any(path.exists() for path in files.all())
    again = _run("install-desktop-entry", "--remove", home=home)
    assert again.returncode == 0 and "no menu entry to remove" in again.stdout


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_the_installed_entry_is_valid(tmp_path: Path) -> None:
    files = desktop_entry.install(tmp_path, Path("/opt/odd place/bin/foia-assist"))
    done = subprocess.run(
        ["desktop-file-validate", str(files.entry)], capture_output=True, text=True
    )
    assert done.returncode == 0 and "error" not in done.stdout, done.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream")
def test_the_appstream_metadata_is_valid() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(SHIPPED / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("program", "value"),
    [
        ("/home/jo/.venv/bin/foia-assist", "/home/jo/.venv/bin/foia-assist"),
        ("/home/jo/my apps/foia-assist", '"/home/jo/my apps/foia-assist"'),
        ('/x/a"b/foia-assist', '"/x/a\\\\"b/foia-assist"'),
        ("/x/$HOME/foia-assist", '"/x/\\\\$HOME/foia-assist"'),
        ("/x/100%/foia-assist", "/x/100%%/foia-assist"),
    ],
)
def test_exec_quotes_the_path_as_the_spec_says(program: str, value: str) -> None:
    assert exec_value(Path(program)) == value


def test_a_line_break_in_the_path_is_refused() -> None:
    from foia_assist.errors import UserError

    with pytest.raises(UserError, match="line break"):
        exec_value(Path("/x/a\nb/foia-assist"))


def test_data_home_follows_xdg() -> None:
    assert data_home({"XDG_DATA_HOME": "/data/share"}) == Path("/data/share")
    assert data_home({"XDG_DATA_HOME": "relative"}) == Path.home() / ".local" / "share"


def test_the_window_carries_the_icon(qapp: object) -> None:
    from PySide6.QtWidgets import QDialog

    from foia_assist.gui.main import ensure_application

    app = ensure_application()
    assert not app.windowIcon().isNull()
    assert app.desktopFileName() == APP_ID
    dialog = QDialog()
    assert dialog.windowIcon().cacheKey() == app.windowIcon().cacheKey()
