"""Add FOIA Assist to a Linux desktop's application menu (and take it out again).

Follows the freedesktop.org specifications: the `.desktop` entry goes to
`$XDG_DATA_HOME/applications`, the icon to the hicolor theme and the AppStream metadata to
`$XDG_DATA_HOME/metainfo` (default `$XDG_DATA_HOME`: `~/.local/share`). The entry's `Exec`
names the absolute path of the `foia-assist` program that ran the command, so a menu click
starts the same installation (usually a virtual environment) without activating it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from foia_assist.errors import UserError
from foia_assist.paths import resources_dir

APP_ID = "io.github.foia_assist.FoiaAssist"
DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
ICON_SOURCE = "foia-assist.svg"


def icon_path() -> Path:
    """The application icon (SVG) shipped with the package; the window uses it too."""
    return resources_dir() / "desktop" / ICON_SOURCE


@dataclass(frozen=True)
class DesktopFiles:
    entry: Path
    icon: Path
    metainfo: Path

    def all(self) -> tuple[Path, Path, Path]:
        return (self.entry, self.icon, self.metainfo)


def data_home(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    configured = env.get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():  # the spec ignores a relative value
        return Path(configured)
    return Path.home() / ".local" / "share"


def desktop_files(home: Path) -> DesktopFiles:
    return DesktopFiles(
        entry=home / "applications" / DESKTOP_FILE,
        icon=home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        metainfo=home / "metainfo" / METAINFO_FILE,
    )


def exec_value(program: Path) -> str:
    """`program` as a desktop entry's Exec value: quoted, with the spec's escapes."""
    text = str(program)
    if any(ch in text for ch in "\n\r\t"):
        raise UserError(f"cannot name {text!r} in a menu entry: it contains a line break or tab")
    text = text.replace("%", "%%")  # % starts a field code (%f, %u) in Exec
    if not any(ch in text for ch in " \"'\\><~|&;$*?#()`="):
        return text
    # Inside quotes the spec escapes " ` $ and \ with a backslash; the string rule then
    # doubles every backslash (so a literal backslash is four).
    for char in ("\\", '"', "`", "$"):
        text = text.replace(char, "\\" + char)
    return '"' + text.replace("\\", "\\\\") + '"'


def install(home: Path, program: Path) -> DesktopFiles:
    """Write the entry (running `program`), the icon and the metadata; returns their paths."""
    # (Imported here: the window imports this module for APP_ID and the icon at start-up,
    # and `fileio` brings `tempfile`, which it does not need then.)
    from foia_assist.fileio import atomic_write_bytes, atomic_write_text

    files = desktop_files(home)
    shipped = resources_dir() / "desktop"
    lines = []
    for line in (shipped / DESKTOP_FILE).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_value(program)}"
        elif line.startswith("TryExec="):
            continue
        lines.append(line)
    try:
        for path in files.all():
            path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(files.entry, "\n".join(lines) + "\n")
        atomic_write_bytes(files.icon, (shipped / ICON_SOURCE).read_bytes())
        atomic_write_bytes(files.metainfo, (shipped / METAINFO_FILE).read_bytes())
    except OSError as exc:
        raise UserError(f"cannot add the menu entry under {home}: {exc.strerror or exc}") from None
    return files


def remove(home: Path) -> list[Path]:
    """Delete what `install` wrote; returns the files that were there."""
    removed = []
    for path in desktop_files(home).all():
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise UserError(f"cannot remove {path}: {exc.strerror or exc}") from None
        removed.append(path)
    return removed
