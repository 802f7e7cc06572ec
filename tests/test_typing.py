"""Type hints are strict in the Qt-free core (mypy --strict over domain, storage and services)
and checked everywhere else, the window included (mypy with the project's settings)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRICT = ("foia_assist/domain", "foia_assist/storage", "foia_assist/services")


@pytest.mark.slow
def test_core_passes_mypy_strict(tmp_path: Path) -> None:
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert mypy, "mypy is not installed (it is in the test extra)"
    result = subprocess.run(
        [mypy, "--strict", "--cache-dir", str(tmp_path / "cache"), *STRICT],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


@pytest.mark.slow
def test_whole_package_passes_mypy(tmp_path: Path) -> None:
    """gui/ and cli/ are typed too (not strictly: PySide6's stubs make strict mode noise)."""
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert mypy, "mypy is not installed (it is in the test extra)"
    result = subprocess.run(
        [mypy, "--cache-dir", str(tmp_path / "cache"), "foia_assist"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
