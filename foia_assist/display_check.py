"""Can a window open here? Checked before Qt starts, because Qt aborts the process.

Qt's own failure is an abort with a hint that often names the wrong library (it suggested
`libxcb-cursor0` on a machine that lacked `libxcb-icccm4`). This module looks first, without
importing Qt: is there a display to talk to, and does the platform plugin Qt will pick load
(its shared libraries are installed)? The answer is one line the user can act on.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

NO_DISPLAY = (
    "no display: run it on a desktop, or use the commands (foia-assist --help); "
    "set QT_QPA_PLATFORM=offscreen for tests"
)
README_HINT = "install the system packages listed in the README (Install and start)"


def display_problem(env: Mapping[str, str] | None = None, platform: str | None = None) -> str:
    """Why the window cannot open here, or "" when it can (or we cannot tell)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if env.get("QT_QPA_PLATFORM") or not platform.startswith("linux"):
        return ""  # chosen by the user or a test; macOS and Windows always have a display
    wayland = env.get("WAYLAND_DISPLAY", "")
    x11 = env.get("DISPLAY", "")
    if not wayland and not x11:
        return NO_DISPLAY
    if wayland and env.get("XDG_SESSION_TYPE") == "wayland":
        problem = _plugin_problem("libqwayland.so", "Wayland")
        if not problem or not x11:  # Qt falls back to X11 (XWayland) when Wayland fails
            return problem
    if x11 and not _x11_reachable(x11):
        return f"no display: cannot connect to the X display {x11!r} (is it running?)"
    return _plugin_problem("libqxcb.so", "X11")


def _plugin_problem(plugin: str, system: str) -> str:
    """Load Qt's platform plugin the way Qt will; a missing library is named."""
    qt = _qt_dir()
    path = qt / "plugins" / "platforms" / plugin if qt else None
    if path is None or not path.exists():
        return ""  # not a layout we know: let Qt try
    try:
        ctypes.CDLL(str(path))
    except OSError as exc:
        missing = str(exc).split(":", 1)[0]
        return f"the window cannot open: Qt's {system} support needs {missing}; {README_HINT}"
    return ""


def _qt_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")  # finds the package without importing Qt
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def _x11_reachable(display: str) -> bool:
    """A local display (":N") has a socket in /tmp/.X11-unix; others are not checked."""
    host, _, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if host not in ("", "unix") or not number.isdigit():
        return True  # a remote or unusual display: Qt will say
    # The socket file, else Linux's abstract socket of the same name.
    for address in (f"/tmp/.X11-unix/X{number}", f"\0/tmp/.X11-unix/X{number}"):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            try:
                sock.connect(address)
            except OSError:
                continue
            return True
    return False
