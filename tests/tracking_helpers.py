"""Helpers for tests that need rule-file variants or a quick request spec (import them by name:
`from tracking_helpers import tracked_spec`; a module named `conftest` exists twice)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from foia_assist.domain.clock_readings import ClockReading, ClockState
from foia_assist.domain.request import RequestSpec


def earliest_running_due(readings: Iterable[ClockReading]) -> date | None:
    """The date the requests list should show for these readings: the earliest due date of
    the agency's clocks still running or paused (the appeal clock is the requester's)."""
    running = [
        c.due
        for c in readings
        if c.name != "Appeal"
        and c.state in (ClockState.RUNNING, ClockState.PAUSED)
        and c.due is not None
    ]
    return min(running) if running else None


def rule_files_with(tmp_path: Path, code: str, old: str, new: str) -> Path:
    """A copy of the bundled rule files with `old` replaced by `new` once in CODE.toml."""
    import shutil

    from foia_assist.paths import resources_dir

    folder = tmp_path / "rules"
    shutil.copytree(resources_dir() / "jurisdictions", folder)
    path = folder / f"{code}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {code}.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def tracked_spec(code: str, agency: str = "Springfield Police Department") -> RequestSpec:
    """A minimal valid request spec for an agency of jurisdiction CODE."""
    return RequestSpec.from_dict(
        {
            "agency": {"name": agency, "jurisdiction": code},
            "requester": {"name": "Ana Núñez"},
            "records": {"categories": ["contracts"]},
        }
    )
