"""Restoring a file whose backup format version is missing or not a number says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.errors import UserError
from foia_assist.services.backup import read_backup


def backup(tmp_path: Path, version_part: str) -> Path:
    path = tmp_path / "backup.json"
    path.write_text(
        '{"format": "foia-assist-backup"' + version_part + ', "requests": [], "agencies": []}',
        "utf-8",
    )
    return path


def test_a_missing_format_version_is_not_called_newer(
    tmp_path: Path, jurisdictions: JurisdictionSet
) -> None:
    path = backup(tmp_path, "")
    with pytest.raises(UserError) as info:
        read_backup(path, jurisdictions)
    message = str(info.value)
    assert message == f"{path} is not a complete FOIA Assist backup: its format_version is missing"
    assert "newer" not in message and "None" not in message


@pytest.mark.parametrize("value", ['"1"', "true", "0", "-3", "1.5", "null", '"\\u001b[31m"'])
def test_a_format_version_that_is_not_a_version_number(
    tmp_path: Path, jurisdictions: JurisdictionSet, value: str
) -> None:
    with pytest.raises(UserError) as info:
        read_backup(backup(tmp_path, f', "format_version": {value}'), jurisdictions)
    message = str(info.value)
    assert "newer" not in message and "\x1b" not in message
    if value == "null":
        assert message.endswith("its format_version is missing")
    else:
        assert "not a valid FOIA Assist backup: format_version" in message


def test_a_newer_format_and_the_current_one(tmp_path: Path, jurisdictions: JurisdictionSet) -> None:
    with pytest.raises(UserError, match=r"newer FOIA Assist \(backup format 2\)"):
        read_backup(backup(tmp_path, ', "format_version": 2'), jurisdictions)
    assert read_backup(backup(tmp_path, ', "format_version": 1'), jurisdictions) == ([], [])
