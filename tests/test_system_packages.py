"""The README's Debian package line covers every system library Qt loads.

Qt's own libraries come in the PySide6 wheel; the rest (X11, Wayland, EGL, fontconfig…) must
come from the system. This reads the shared libraries that the app's Qt modules and the
platform plugins (xcb, Wayland, offscreen) need directly (`readelf -d`), resolves each on this
machine (`ldd`) and maps it to its Debian package (`dpkg -S`). Each must be in the README's
line, which `.ci/run` installs as written, or in every minimal Debian (BASE_PACKAGES): a
library missing from the list fails here instead of on a new user's machine, where Qt's abort
names the wrong package.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

# In every `debootstrap --variant=minbase` Debian 12 root (checked against one on 2026-12-03).
BASE_PACKAGES = frozenset({"libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libzstd1"})

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg") is None or shutil.which("readelf") is None,
    reason="maps libraries to Debian packages: needs dpkg and readelf (binutils)",
)


def readme_debian_packages() -> list[str]:
    """The packages on the README's `apt-get install` line (the one `.ci/run` runs)."""
    lines = [
        line
        for line in README.read_text(encoding="utf-8").splitlines()
        if "apt-get install" in line
    ]
    assert len(lines) == 1, f"the README should have one apt-get install line, has {len(lines)}"
    words = lines[0].split("apt-get install", 1)[1].split()
    return [w for w in words if not w.startswith("-")]


def _qt_roots() -> list[Path]:
    package = Path(PySide6.__file__).parent
    plugins = package / "Qt" / "plugins"
    roots = [package / f"{m}.abi3.so" for m in ("QtCore", "QtGui", "QtWidgets")]
    roots += [
        plugins / "platforms" / f for f in ("libqxcb.so", "libqwayland.so", "libqoffscreen.so")
    ]
    for folder in (
        "xcbglintegrations",
        "wayland-shell-integration",
        "wayland-graphics-integration-client",
        "wayland-decoration-client",
    ):
        roots += sorted((plugins / folder).glob("*.so"))
    roots.append(plugins / "imageformats" / "libqsvg.so")
    return [r for r in roots if r.exists()]


def system_libraries() -> dict[str, tuple[Path, str]]:
    """Each system library Qt needs directly -> (a file that needs it, where ldd finds it)."""
    package = Path(PySide6.__file__).parent
    bundled = {p.name for d in (package, package / "Qt" / "lib") for p in d.glob("*.so*")}
    bundled |= {p.name for p in (package.parent / "shiboken6").glob("*.so*")}
    seen: set[Path] = set()
    queue = _qt_roots()
    found: dict[str, tuple[Path, str]] = {}
    while queue:
        lib = queue.pop()
        if lib in seen:
            continue
        seen.add(lib)
        dynamic = subprocess.run(["readelf", "-d", str(lib)], capture_output=True, text=True)
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic.stdout)
        resolved = dict(
            re.findall(
                r"^\s*(\S+) => (\S+)",
                subprocess.run(["ldd", str(lib)], capture_output=True, text=True).stdout,
                re.M,
            )
        )
        for name in needed:
            if name in bundled:
                inside = package / "Qt" / "lib" / name
                if inside.exists():
                    queue.append(inside)
            elif name.startswith("ld-linux"):
                continue
            else:
                found.setdefault(name, (lib, resolved.get(name, "not")))
    return found


def debian_packages(paths: list[str]) -> dict[str, str]:
    """Each path -> its Debian package (one `dpkg -S` for all; merged /usr tried both ways)."""
    variants: dict[str, str] = {}
    for path in paths:
        for candidate in {path, str(Path(path).resolve())}:
            variants[candidate] = path
            other = candidate[4:] if candidate.startswith("/usr/") else "/usr" + candidate
            variants[other] = path
    out = subprocess.run(["dpkg", "-S", *variants], capture_output=True, text=True).stdout
    owners: dict[str, str] = {}
    for line in out.splitlines():
        package, _, where = line.partition(": ")
        if where.strip() in variants:
            owners[variants[where.strip()]] = package.split(":", 1)[0].strip()
    return owners


def test_the_readme_lists_every_library_qt_needs() -> None:
    listed = set(readme_debian_packages())
    libraries = system_libraries()
    assert "libxcb-icccm.so.4" in libraries  # the xcb plugin was read, not skipped
    assert "libwayland-client.so.0" in libraries  # and the Wayland one
    owners = debian_packages([where for _, where in libraries.values() if where != "not"])
    problems = []
    for name, (user, where) in sorted(libraries.items()):
        if where == "not":
            problems.append(f"{name} (needed by {user.name}) is not installed here")
            continue
        package = owners.get(where)
        if package is None:
            problems.append(f"{name} at {where} belongs to no Debian package")
        elif package not in listed and package not in BASE_PACKAGES:
            problems.append(f"{name} comes from {package}, which the README does not list")
    assert not problems, "README's Debian line is incomplete:\n" + "\n".join(problems)


def test_ci_installs_the_readmes_line() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_debian_packages" in ci or "apt-get install" in ci
    # .ci/run reads the line from the README instead of keeping its own copy.
    assert "README.md" in ci
    assert "libxcb" not in ci, ".ci/run keeps its own copy of the Qt library list"
