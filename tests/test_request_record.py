"""The request record: an exhibit with every deadline worked out, the timeline, and letters."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from foia_assist.cli import run_cli
from foia_assist.domain.lifecycle import Event, EventKind, Letter
from foia_assist.domain.request import RequestSpec
from foia_assist.services.letters.convert import docx_to_text
from foia_assist.services.request_record import record_docx
from foia_assist.services.tracker import TrackerService

SPEC = {
    "agency": {"name": "AT&T <Springfield> Police", "jurisdiction": "US"},
    "requester": {"name": "Ana Núñez"},
    "records": {"categories": ["contracts"]},
}


def test_the_record_explains_every_deadline_and_lists_what_happened(
    tracker: TrackerService,
) -> None:
    spec = RequestSpec.from_dict(SPEC)
    rid = tracker.add_request(spec, today=date(2026, 11, 2), sent=date(2026, 11, 2),
                              method="email", tracking_number="FOIA-2026-7")  # fmt: skip
    # Stored straight through the repository: the tracker now refuses a BEL in a note, but
    # data saved before that (or restored) can still hold one and the record must drop it.
    tracker.requests.add_event(
        rid, Event(EventKind.EXTENSION, date(2026, 11, 20), days=10, note="bell\x07 and tab\tok")
    )
    tracker.record_letter(rid, Letter("request", "/letters/fbi.docx", "ab" * 32, date(2026, 11, 2)))
    view = tracker.view(rid, date(2026, 11, 26))
    data = record_docx(view, datetime(2026, 11, 26, 9, 30))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "NUMPAGES" in z.read("word/footer1.xml").decode()
    text = " ".join(docx_to_text(data).split())
    assert "Agency: AT&T <Springfield> Police — United States (federal agencies)" in text
    assert "Freedom of Information Act (5 U.S.C. § 552)" in text
    assert "Agency reference: FOIA-2026-7" in text
    # The deadline, worked out: rule, skipped holidays (Thanksgiving, 26 Nov), the extension.
    assert "Determination: running, due" in text
    assert "Skipped Thu 2026-11-26: Thanksgiving" in text
    assert "Extension: 10 business days after the original due date" in text
    assert "2026-11-20 extension 10 more days — bell and tab" in text  # \\x07 dropped
    assert "/letters/fbi.docx" in text and "ab" * 32 in text
    assert "Made with FOIA Assist on November 26, 2026 at 09:30" in text
    assert "not legal advice" in text


def test_cli_record_in_each_format_and_a_bad_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPEC), encoding="utf-8")
    assert run_cli(["track", "add", "--spec", str(spec), "--sent", "2026-11-02"]) == 0
    capsys.readouterr()
    for name in ("record.docx", "record.txt"):
        assert run_cli(["track", "record", "1", "--out", str(tmp_path / name)]) == 0
        assert capsys.readouterr().out.strip() == str(tmp_path / name)
    text = (tmp_path / "record.txt").read_text(encoding="utf-8")
    assert text.startswith("Record of a public records request")
    assert run_cli(["track", "record", "1", "--out", str(tmp_path / "record.odt")]) == 2
    assert "must end in .docx, .pdf, .txt" in capsys.readouterr().err
    assert run_cli(["track", "record", "9", "--out", str(tmp_path / "r.docx")]) == 2
    assert "no tracked request with id 9" in capsys.readouterr().err
