"""`bulk --track` run again on the same CSV: letters already tracked are not tracked twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foia_assist.cli import run_cli
from foia_assist.services.bulk.tracking import id_ranges

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "docs" / "examples" / "request-spec.json"
HEADER = "agency_name,jurisdiction,email\n"
ROWS = ["A PD,CA,a@example.gov\n", "B PD,US,b@example.gov\n", "C PD,NY,c@example.gov\n"]


def bulk(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> tuple[int, str]:
    agencies = tmp_path / "agencies.csv"
    agencies.write_text(text, encoding="utf-8")
    rc = run_cli(["bulk", "--agencies", str(agencies), "--spec", str(SPEC), "--out",
                  str(tmp_path / "out"), "--format", "txt", "--jobs", "1", "--track"])  # fmt: skip
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return rc, out


def tracked(capsys: pytest.CaptureFixture[str]) -> list[tuple[int, str]]:
    assert run_cli(["track", "list", "--json"]) == 0
    return [(r["id"], r["agency"]) for r in json.loads(capsys.readouterr().out)]


def test_a_rerun_after_fixing_a_rejected_row_tracks_only_the_new_letter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = HEADER + ROWS[0] + "B PD,US,not-an-email\n" + ROWS[2]
    rc, out = bulk(capsys, tmp_path, broken)
    assert rc == 3
    assert "Added 2 requests to the tracker (ids 1–2)." in out
    assert "Already tracked" not in out

    rc, out = bulk(capsys, tmp_path, HEADER + "".join(ROWS))  # the clinic fixed row 3
    assert rc == 0
    assert "Added 1 request to the tracker (ids 3)." in out
    assert "Already tracked: 2 (ids 1–2)." in out
    assert tracked(capsys) == [(1, "A PD"), (2, "C PD"), (3, "B PD")]

    rc, out = bulk(capsys, tmp_path, HEADER + "".join(ROWS))  # and once more, unchanged
    assert rc == 0
    assert "No new requests added to the tracker." in out
    assert "Already tracked: 3 (ids 1, 3, 2)." in out  # in CSV order
    assert len(tracked(capsys)) == 3


def test_a_changed_letter_is_tracked_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rc, out = bulk(capsys, tmp_path, HEADER + ROWS[0])
    assert "Added 1 request to the tracker (ids 1)." in out
    # A different email for the same agency makes a different letter (a different hash).
    rc, out = bulk(capsys, tmp_path, HEADER + "A PD,CA,records@example.gov\n")
    assert rc == 0 and "Added 1 request to the tracker (ids 2)." in out
    assert "Already tracked" not in out


def test_id_ranges() -> None:
    assert id_ranges([]) == ""
    assert id_ranges([7]) == "7"
    assert id_ranges([1, 2, 3, 5, 8, 9]) == "1–3, 5, 8–9"
    assert id_ranges([3, 1, 2]) == "3, 1–2"


def test_the_dialogs_track_exported_skips_letters_already_tracked(
    tmp_path: Path,
    app_paths,
    jurisdictions,  # type: ignore[no-untyped-def]
) -> None:
    from datetime import date

    from foia_assist.app import AppContext
    from foia_assist.domain.calendars import CalendarCache
    from foia_assist.services.bulk.agencies_csv import parse_agency_csv
    from foia_assist.services.bulk.exporter import BulkExport, BulkOptions
    from foia_assist.services.bulk.tracking import track_export, track_exported
    from foia_assist.services.tracker import TrackerService
    from foia_assist.storage.spec_files import load_bulk_spec

    today = date(2026, 11, 26)
    letters = AppContext(paths=app_paths).letters
    agencies = parse_agency_csv((HEADER + "".join(ROWS)).encode(), letters.jurisdictions)
    options = BulkOptions(out_dir=tmp_path / "out", formats=("txt",), jobs=1)
    tracker = TrackerService.open(app_paths, jurisdictions, CalendarCache())
    try:
        for _ in range(2):
            export = BulkExport(letters, agencies, load_bulk_spec(SPEC), options, today)
            for _progress in export.run():
                pass
            if tracker.requests.count() == 0:
                assert track_exported(tracker, export.result, today=today, sent=None) == [1, 2, 3]
            else:
                assert track_exported(tracker, export.result, today=today, sent=None) == []
                again = track_export(tracker, export.result, today=today, sent=None)
                assert again.summary() == (
                    "No new requests added to the tracker.\nAlready tracked: 3 (ids 1–3)."
                )
        assert tracker.requests.count() == 3
    finally:
        tracker.close()
