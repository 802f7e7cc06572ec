"""`foia-assist deadline` names the law once: the short name only when it adds something."""

from __future__ import annotations

import pytest

from foia_assist.cli import run_cli
from foia_assist.cli.deadline import law_with_short_name


@pytest.mark.parametrize(
    ("code", "header"),
    [
        ("AL", "Alabama: Alabama Open Records Act (Public Records Law)"),
        ("US", "United States (federal agencies): Freedom of Information Act (FOIA)"),
        ("GA", "Georgia: Georgia Open Records Act"),
        ("AZ", "Arizona: Arizona Public Records Law"),
    ],
)
def test_the_header_does_not_repeat_the_law(
    capsys: pytest.CaptureFixture[str], code: str, header: str
) -> None:
    assert run_cli(["deadline", code, "2026-10-01"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == header


def test_law_with_short_name() -> None:
    assert law_with_short_name("Colorado Open Records Act", "CORA") == (
        "Colorado Open Records Act (CORA)"
    )
    assert law_with_short_name("Colorado Open Records Act", "ORA") == (
        "Colorado Open Records Act (ORA)"  # inside a word does not count
    )
    assert law_with_short_name("Ohio Public Records Act", "public records act") == (
        "Ohio Public Records Act"
    )
    assert law_with_short_name("Right-to-Know Law", "") == "Right-to-Know Law"
