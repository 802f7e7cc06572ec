"""One control-character rule for typed and imported text: C0 (except what a field allows),
DEL and C1 are refused wherever text comes in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foia_assist.domain.request import RequestSpec, SpecError
from foia_assist.domain.text_rules import first_control_character, has_control_characters
from foia_assist.errors import UserError
from foia_assist.services.mail import MailHeaderError, _clean_header
from foia_assist.services.tracker import check_text

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "request-spec.json"
REFUSED = ["\x00", "\x07", "\x1b", "\r", "\x7f", "\x80", "\x85", "\x9b", "\x9f"]


@pytest.mark.parametrize("ch", REFUSED)
def test_c0_del_and_c1_are_refused(ch: str) -> None:
    assert first_control_character(f"a{ch}b") == ch
    assert has_control_characters(f"a{ch}b", allow="\n\t")


def test_allowed_characters_and_plain_text_pass() -> None:
    assert first_control_character("line one\nline two\tend", allow="\n\t") is None
    assert first_control_character("café – “quoted” \u00a0 ü") is None  # U+00A0 is not C1
    assert first_control_character("a\nb") == "\n"


@pytest.mark.parametrize("ch", ["\x7f", "\x85", "\x9b"])
def test_every_entry_point_refuses_del_and_c1(ch: str) -> None:
    with pytest.raises(UserError, match="control characters"):
        check_text(f"note{ch}", "--note", multiline=True)
    with pytest.raises(MailHeaderError):
        _clean_header("subject", f"Request{ch}")
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["agency"]["name"] = f"Police{ch}Department"
    with pytest.raises(SpecError, match="control characters"):
        RequestSpec.from_dict(data)
