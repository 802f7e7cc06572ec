"""The wheel carries resources/ and letter_templates/, and paths.py finds them when installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_bundles_data_and_cli_runs_from_anywhere(tmp_path: Path) -> None:
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheel_dir.glob("foia_assist-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "foia_assist/_bundled/resources/jurisdictions/US.toml" in names
    bundled_rules = {
        n for n in names if n.startswith("foia_assist/_bundled/resources/jurisdictions/")
    }
    source_rules = list((ROOT / "resources" / "jurisdictions").glob("*.toml"))
    assert len(bundled_rules) == len(source_rules)
    templates = list((ROOT / "letter_templates").glob("*.docx"))
    for t in templates:
        assert f"foia_assist/_bundled/letter_templates/{t.name}" in names

    # Unpack the wheel somewhere else and run the CLI from an unrelated folder.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "import foia_assist.paths as p;"
            "assert '_bundled' in str(p.resources_dir()), p.resources_dir();"
            "from foia_assist.cli import run_cli; sys.exit(run_cli(['jurisdictions', '--json']))",
            str(site),
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert '"code": "US"' in run.stdout
