"""Before Qt starts: no display, or a platform plugin that cannot load, is one clear line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from foia_assist.display_check import NO_DISPLAY, display_problem

PROGRAM = Path(sys.executable).parent / "foia-assist"


def test_no_display_on_linux_is_named() -> None:
    assert display_problem({}, "linux") == NO_DISPLAY
    assert "QT_QPA_PLATFORM=offscreen" in NO_DISPLAY


def test_a_chosen_platform_or_another_system_is_left_to_qt() -> None:
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert display_problem({}, "darwin") == ""
    assert display_problem({}, "win32") == ""


def test_an_x_display_that_is_not_running_is_named() -> None:
    problem = display_problem({"DISPLAY": ":987"}, "linux")
    assert problem == "no display: cannot connect to the X display ':987' (is it running?)"


def test_a_remote_display_is_left_to_qt() -> None:
    # Only local displays are probed; xcb itself then loads (the README's libraries).
    assert display_problem({"DISPLAY": "otherhost:0"}, "linux") == ""


def _cli(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PROGRAM), "--data-dir", str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_the_program_says_so_in_one_line_instead_of_aborting(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    done = _cli(env, tmp_path)
    assert done.returncode == 2
    assert done.stderr == f"foia-assist: {NO_DISPLAY}\n"
    assert done.stdout == ""


@pytest.fixture
def xvfb_display(tmp_path: Path) -> Iterator[str]:
    """A real X server (Xvfb) on a free display number; `.ci/run` installs it."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (Debian: xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()  # Xvfb writes the display number once it is ready
    try:
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_window_opens_on_a_real_x_server(xvfb_display: str, tmp_path: Path) -> None:
    """The README's libraries are enough for Qt's xcb plugin: the main window maps."""
    assert display_problem({"DISPLAY": xvfb_display}, "linux") == ""
    if shutil.which("xwininfo") is None:
        pytest.skip("xwininfo is not installed (Debian: x11-utils)")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = xvfb_display
    app = subprocess.Popen(
        [str(PROGRAM), "--data-dir", str(tmp_path / "data")],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        seen = ""
        for _ in range(300):  # up to a minute on a slow machine
            try:
                app.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                pass
            else:
                said = app.stderr.read() if app.stderr else ""
                pytest.fail(f"the window process ended (status {app.returncode}): {said}")
            tree = subprocess.run(
                ["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True
            )
            seen = tree.stdout
            if '"FOIA Assist' in seen:
                break
        assert '"FOIA Assist' in seen, "no FOIA Assist window appeared on the X server"
    finally:
        app.terminate()
        app.wait(timeout=30)
