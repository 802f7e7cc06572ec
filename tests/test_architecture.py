"""Layering rules: only foia_assist.gui may import Qt; the domain reads no clock and does no I/O."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "foia_assist"
QT_FREE = ("domain", "storage", "services", "cli")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _modules(sub: str) -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py"))


@pytest.mark.parametrize("sub", QT_FREE)
def test_no_qt_outside_gui(sub: str) -> None:
    files = _modules(sub)
    assert files, f"no modules found in {sub}"
    offenders = [
        f"{p.relative_to(PACKAGE)} imports {name}"
        for p in files
        for name in _imports(p)
        if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
    ]
    assert offenders == []


def test_guard_detects_a_qt_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6.QtCore" in _imports(bad)


def test_domain_reads_no_clock_and_no_files() -> None:
    forbidden = (
        "date.today",
        "datetime.now",
        "datetime.today",
        "open(",
        "time.time(",
        "Path(",
        "os.environ",
        "sqlite3",
    )
    offenders = []
    for p in _modules("domain"):
        text = p.read_text(encoding="utf-8")
        offenders += [f"{p.name}: {word}" for word in forbidden if word in text]
    assert offenders == []


def test_cli_does_not_load_qt() -> None:
    code = (
        "import sys\n"
        "from foia_assist.cli import run_cli\n"
        "rc = run_cli(['jurisdictions', '--json'])\n"
        "assert rc == 0, rc\n"
        "loaded = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
