"""Bulk export: every letter under its own law, safe names, manifest, reruns, cancel, CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
import zipfile
from datetime import date
from pathlib import Path

import pytest

from foia_assist.app import AppContext
from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.paths import AppPaths
from foia_assist.services.bulk.agencies_csv import parse_agency_csv
from foia_assist.services.bulk.exporter import BulkExport, BulkOptions, BulkResult
from foia_assist.services.letters.convert import docx_to_text
from foia_assist.services.letters.service import LetterService

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "docs" / "examples" / "request-spec.json"
TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def letters() -> LetterService:
    ctx = AppContext(paths=AppPaths.under(Path("/nonexistent-unused")))
    return ctx.letters


@pytest.fixture(scope="module")
def base_spec():  # type: ignore[no-untyped-def]
    from foia_assist.storage.spec_files import load_bulk_spec

    return load_bulk_spec(SPEC)


def _csv(rows: list[tuple[str, str, str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["agency_name", "jurisdiction", "email"])
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _export(
    letters: LetterService,
    base_spec,  # type: ignore[no-untyped-def]
    data: bytes,
    out: Path,
    cancel_after: int | None = None,
    **options: object,
) -> BulkResult:
    agencies = parse_agency_csv(data, letters.jurisdictions)
    job = BulkExport(letters, agencies, base_spec, BulkOptions(out_dir=out, **options), TODAY)  # type: ignore[arg-type]
    cancel = threading.Event()
    for progress in job.run(cancel):
        if (
            cancel_after is not None
            and progress.stage == "writing"
            and progress.done >= cancel_after
        ):
            cancel.set()
    return job.result


@pytest.mark.slow
def test_200_rows_across_all_jurisdictions_each_cite_their_own_law(
    letters: LetterService, base_spec, tmp_path: Path, jurisdictions: JurisdictionSet
) -> None:  # type: ignore[no-untyped-def]
    codes = jurisdictions.codes()
    rows = [(f"Agency {i}", codes[i % len(codes)], f"records{i}@example.gov") for i in range(200)]
    out = tmp_path / "out"
    result = _export(letters, base_spec, _csv(rows), out, jobs=2, sent=date(2026, 12, 1))
    assert result.exit_code == 0 and len(result.exported) == 200 and not result.rejected
    for exported in result.exported:
        j = exported.row.jurisdiction
        text = " ".join(docx_to_text(exported.files[0].read_bytes()).split())
        assert exported.row.agency_name in text
        assert j.law_name in text, (j.code, j.law_name)
        assert " ".join(j.citation.split()) in text, (j.code, j.citation)
        for other in jurisdictions:
            if other.code != j.code and other.law_name not in j.law_name:
                assert other.law_name not in text, (j.code, other.code)
                break
    manifest = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    assert len(manifest) == 200
    us_row = next(r for r in manifest if r["jurisdiction"] == "US")
    # Federal: 20 business days from Tue 2026-12-01 (day 0), skipping Christmas (Fri 12-25):
    # Dec 2-4 are days 1-3, 7-11 days 4-8, 14-18 days 9-13, 21-24 days 14-17, then
    # Mon 28 = 18, Tue 29 = 19, Wed 30 = 20.
    assert us_row["due_if_sent"] == "2026-12-30"


def test_hostile_names_stay_inside_the_folder_and_formulas_are_neutralised(
    letters: LetterService, base_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ("../../etc/passwd", "CA", "a@example.gov"),
        ("CON", "NY", "b@example.gov"),
        ('=HYPERLINK("http://evil")', "TX", "c@example.gov"),
        ("Police " * 60, "WA", "d@example.gov"),
        ("AT&T <Doe> Police", "US", "e@example.gov"),
        ("con", "CA", "f@example.gov"),
    ]
    out = tmp_path / "out"
    result = _export(letters, base_spec, _csv(rows), out, formats=("docx", "txt"))
    assert len(result.exported) == 6
    names = sorted(p.name for p in out.iterdir())
    assert all(Path(out, n).resolve().parent == out.resolve() for n in names)
    assert not list(tmp_path.glob("etc*"))
    stems = [p.stem for e in result.exported for p in e.files]
    assert all(len(s) <= 80 for s in stems)
    assert all(s.split(".")[0].upper() not in {"CON", "NUL", "PRN", "AUX"} for s in stems)
    assert len({s.casefold() for s in stems}) == len(stems) // 2  # docx and txt share a stem
    att = next(e for e in result.exported if e.row.agency_name.startswith("AT&T"))
    assert att.files[1].name == "AT&T_Doe_Police_US.txt"
    text = att.files[1].read_text("utf-8")
    assert "AT&T <Doe> Police" in text
    raw = (out / "manifest.csv").read_text("utf-8-sig")
    assert "'=HYPERLINK" in raw
    assert not any(line.startswith(("=", "+", "-", "@")) for line in raw.splitlines())


def test_rejected_rows_report_and_exit_code(
    letters: LetterService, base_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ("Good PD", "CA", "a@example.gov"),
        ("Bad PD", "ZZ", "b@example.gov"),
        ("Good PD", "CA", "c@example.gov"),
    ]
    out = tmp_path / "out"
    result = _export(letters, base_spec, _csv(rows), out)
    assert result.exit_code == 3
    report = list(csv.reader(io.StringIO((out / "rejected.csv").read_text("utf-8-sig"))))
    assert report[1:] == [
        ["3", "Bad PD", "unknown jurisdiction 'ZZ'"],
        ["4", "Good PD", "duplicate of row 2 (same agency and jurisdiction)"],
    ]


def test_rerun_writes_nothing_and_changed_files_are_repaired(
    letters: LetterService, base_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [(f"Agency {i}", "CA", f"r{i}@example.gov") for i in range(5)]
    out = tmp_path / "out"
    first = _export(letters, base_spec, _csv(rows), out, formats=("docx", "txt"))
    assert first.written == 10 and first.unchanged == 0
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.docx")}
    (out / "Agency_2_CA.docx").write_bytes(b"truncated")
    second = _export(letters, base_spec, _csv(rows), out, formats=("docx", "txt"))
    assert second.written == 1 and second.unchanged == 9
    for name, stamp in stamps.items():
        if name != "Agency_2_CA.docx":
            assert (out / name).stat().st_mtime_ns == stamp
    assert docx_to_text((out / "Agency_2_CA.docx").read_bytes())  # a real letter again


def test_cancel_mid_run_leaves_only_complete_letters(
    letters: LetterService, base_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [(f"Agency {i}", "NY", f"r{i}@example.gov") for i in range(30)]
    out = tmp_path / "out"
    result = _export(letters, base_spec, _csv(rows), out, cancel_after=5, jobs=1)
    assert result.cancelled and result.exit_code == 1
    assert 5 <= len(result.exported) < 30
    docx = sorted(out.glob("*.docx"))
    assert len(docx) == len(result.exported)
    assert not list(out.glob(".*.part"))
    for path in docx:
        assert zipfile.ZipFile(path).testzip() is None
    manifest = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    assert len(manifest) == len(result.exported)


def test_zip_holds_letters_and_manifest(letters: LetterService, base_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "campaign"
    result = _export(
        letters, base_spec, _csv([("A PD", "CA", "a@example.gov")]), out, make_zip=True
    )
    assert result.zip_path == tmp_path / "campaign.zip"
    names = zipfile.ZipFile(result.zip_path).namelist()
    assert sorted(names) == [
        "campaign/A_PD_CA.docx",
        "campaign/manifest.csv",
        "campaign/rejected.csv",
    ]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "foia_assist", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.slow
def test_cli_exit_codes_and_messages(tmp_path: Path) -> None:
    good = tmp_path / "agencies.csv"
    good.write_bytes(_csv([("A PD", "CA", "a@example.gov"), ("B PD", "NY", "b@example.gov")]))
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(_csv([("A PD", "CA", "a@example.gov"), ("B PD", "Narnia", "b@example.gov")]))
    spec = tmp_path / "spec.json"
    data = json.loads(SPEC.read_text("utf-8"))
    del data["agency"]
    spec.write_text(json.dumps(data), "utf-8")

    ok = _cli("bulk", "--agencies", str(good), "--spec", str(spec), "--out", "o1", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "Exported 2 letters" in ok.stdout
    some = _cli("bulk", "--agencies", str(mixed), "--spec", str(spec), "--out", "o2", cwd=tmp_path)
    assert some.returncode == 3
    assert "row 3: B PD: unknown jurisdiction 'Narnia'" in some.stdout

    bad_spec = tmp_path / "bad.json"
    bad_spec.write_text("{", "utf-8")
    for args in (
        ("--agencies", "missing.csv", "--spec", str(spec)),
        ("--agencies", str(good), "--spec", str(bad_spec)),
        ("--agencies", str(good), "--spec", str(spec), "--format", "rtf"),
    ):
        run = _cli("bulk", *args, "--out", "o3", cwd=tmp_path)
        assert run.returncode == 2, run
        assert "Traceback" not in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr


def test_closing_the_job_like_the_window_cancel_still_writes_the_manifest(
    letters: LetterService, base_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [(f"Agency {i}", "WA", f"r{i}@example.gov") for i in range(10)]
    agencies = parse_agency_csv(_csv(rows), letters.jurisdictions)
    out = tmp_path / "out"
    export = BulkExport(letters, agencies, base_spec, BulkOptions(out_dir=out, jobs=1), TODAY)
    job = export.job()
    seen = [next(job) for _ in range(4)]  # preparing + 3 letters written
    job.close()
    assert [p.stage for p in seen] == ["preparing", "writing", "writing", "writing"]
    assert export.result.cancelled
    manifest = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    assert [r["agency"] for r in manifest] == ["Agency 0", "Agency 1", "Agency 2"]


def test_closing_at_the_finishing_step_still_writes_the_manifest(
    letters: LetterService, base_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [(f"Agency {i}", "OR", f"r{i}@example.gov") for i in range(3)]
    agencies = parse_agency_csv(_csv(rows), letters.jurisdictions)
    out = tmp_path / "out"
    export = BulkExport(letters, agencies, base_spec, BulkOptions(out_dir=out, jobs=1), TODAY)
    job = export.job()
    stages = [next(job).stage for _ in range(5)]
    assert stages[-1] == "finishing"
    job.close()
    manifest = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    assert len(manifest) == 3


def test_cli_track_adds_every_exported_letter(tmp_path: Path) -> None:
    agencies = tmp_path / "agencies.csv"
    agencies.write_bytes(_csv([("A PD", "CA", "a@example.gov"), ("B PD", "US", "b@example.gov")]))
    env_dir = tmp_path / "data"
    args = ("--data-dir", str(env_dir))
    run = _cli(*args, "bulk", "--agencies", str(agencies), "--spec", str(SPEC), "--out", "o",
               "--sent", "2026-12-01", "--track", cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "Added 2 requests to the tracker" in run.stdout
    listed = _cli(*args, "track", "list", "--json", cwd=tmp_path)
    rows = json.loads(listed.stdout)
    assert sorted((r["agency"], r["jurisdiction"], r["sent"]) for r in rows) == [
        ("A PD", "CA", "2026-12-01"),
        ("B PD", "US", "2026-12-01"),
    ]
    # CA: 10 calendar days from Tue 2026-12-01 is Fri 2026-12-11, a business day.
    assert next(r for r in rows if r["jurisdiction"] == "CA")["due"] == "2026-12-11"


def test_add_requests_is_all_or_nothing(tmp_path: Path, jurisdictions: JurisdictionSet) -> None:
    from foia_assist.domain.calendars import CalendarCache
    from foia_assist.errors import UserError
    from foia_assist.services.tracker import NewRequest, TrackerService
    from foia_assist.storage.spec_files import load_bulk_spec

    tracker = TrackerService.open(AppPaths.under(tmp_path), jurisdictions, CalendarCache())
    spec = load_bulk_spec(SPEC)
    good = NewRequest(spec=spec.with_agency(name="Good PD", jurisdiction="CA"), sent=TODAY)
    bad = NewRequest(spec=spec.with_agency(name="Bad PD", jurisdiction="ZZ"), sent=TODAY)
    with pytest.raises(UserError, match="ZZ"):
        tracker.add_requests([good, bad], today=TODAY)
    assert tracker.list_requests(TODAY) == []
    ids = tracker.add_requests([good, good], today=TODAY)
    assert len(ids) == 2 and ids[0] < ids[1]
    assert [r.agency for r in tracker.list_requests(TODAY)] == ["Good PD", "Good PD"]


def test_manifest_names_the_files_that_exist_even_for_formula_like_agencies(
    letters: LetterService, base_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [('=HYPERLINK("http://evil")', "TX", "c@example.gov"), ("@Home PD", "CA", "h@x.gov")]
    out = tmp_path / "out"
    _export(letters, base_spec, _csv(rows), out, formats=("docx", "txt"))
    manifest = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    listed = {name for rec in manifest for name in rec["files"].split(";")}
    assert listed == {p.name for p in out.iterdir()} - {"manifest.csv", "rejected.csv"}


def test_ctrl_c_mid_run_leaves_a_true_manifest_and_still_interrupts(
    letters: LetterService, base_spec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    rows = [(f"Agency {i}", "NY", f"r{i}@example.gov") for i in range(10)]
    agencies = parse_agency_csv(_csv(rows), letters.jurisdictions)
    out = tmp_path / "out"
    out.mkdir()
    # A manifest from an earlier run must not survive as if it described this one.
    (out / "manifest.csv").write_text("row,agency,files\n99,Old PD,Old_PD_NY.docx\n", "utf-8")
    export = BulkExport(letters, agencies, base_spec, BulkOptions(out_dir=out, jobs=1), TODAY)
    real_write = export._write_formats
    calls = 0

    def write_then_interrupt(*args: object, **kwargs: object) -> tuple[Path, ...]:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise KeyboardInterrupt
        return real_write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "_write_formats", write_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        for _ in export.run():
            pass
    assert export.result.cancelled
    manifest = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    assert [r["agency"] for r in manifest] == ["Agency 0", "Agency 1", "Agency 2"]
    assert sorted(p.name for p in out.glob("*.docx")) == [f"Agency_{i}_NY.docx" for i in range(3)]


def test_worker_processes_leave_ctrl_c_to_the_parent() -> None:
    import signal

    from foia_assist.services.bulk import exporter

    before = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        ctx = AppContext(paths=AppPaths.under(Path("/nonexistent-unused")))
        t = ctx.letters.template("request")
        exporter._worker_init(t.name, t.source_bytes)
        # Otherwise every worker prints its own KeyboardInterrupt traceback on Ctrl-C.
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
        exporter._WORKER_TEMPLATE = None


def test_points_to_check_are_reported_not_dropped(
    letters: LetterService, base_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # The spec gives no residence: the VA and KY letters make no residency statement, and
    # the requester is told why, row by row, as `letter` says on stderr.
    rows = [("Richmond PD", "VA", "a@x.gov"), ("Louisville PD", "KY", "b@x.gov")]
    rows.append(("Oakland PD", "CA", "c@x.gov"))
    result = _export(letters, base_spec, _csv(rows), tmp_path / "out")
    checks = {(w.row, w.agency) for w in result.warnings if _who_may_ask(w.text)}
    assert checks == {(2, "Richmond PD"), (3, "Louisville PD")}
    from foia_assist.services.bulk.exporter import write_summary

    summary = write_summary(result)
    assert _who_may_ask_in(summary, "VA") and _who_may_ask_in(summary, "KY")


def _who_may_ask(text: str) -> bool:
    """A warning about who may request: residents (the table), or the bases the law names
    in its own words where the facts give them ("only these may request records: …")."""
    return "resident" in text or "only these may request records" in text


def _who_may_ask_in(text: str, code: str) -> bool:
    """The law's own terms where the facts name who may ask (Virginia: 'citizens of the
    Commonwealth', not residents, as the letters said before the facts), else residents."""
    from foia_assist.paths import resources_dir
    from foia_assist.storage.rule_files import load_jurisdiction_file

    j = load_jurisdiction_file(resources_dir() / "jurisdictions" / f"{code}.toml")
    bases = [f.bases for f in j.facts if f.topic == "requesters" and f.bases]
    if bases:
        return all(b in text for b in bases[0])
    return f"residents of {j.name}" in text


def test_cli_prints_the_points_to_check(tmp_path: Path) -> None:
    agencies = tmp_path / "agencies.csv"
    agencies.write_bytes(_csv([("Richmond PD", "VA", "a@example.gov")]))
    run = _cli("bulk", "--agencies", str(agencies), "--spec", str(SPEC), "--out", "o",
               cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert _who_may_ask_in(run.stdout + run.stderr, "VA")


def test_summary_names_one_file_for_the_rejected_rows_and_counts_in_words(
    letters: LetterService, base_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Trial K3: "Rejected 3 row(s); see rejected.csv" then "rejected-rows.csv has those rows
    …": two files named for one job, and "(s)" plurals."""
    from foia_assist.services.bulk.exporter import write_summary

    rows = [("Oakland PD", "CA", "c@x.gov"), ("Nowhere PD", "ZZ", "n@x.gov")]
    result = _export(letters, base_spec, _csv(rows), tmp_path / "out")
    summary = write_summary(result)
    assert summary.startswith("Exported 1 letter to ")
    assert "Rejected 1 row: rejected-rows.csv has it with all its columns" in summary
    assert "rejected.csv" not in summary and "(s)" not in summary
    assert (tmp_path / "out" / "rejected-rows.csv").is_file()


def test_manifest_gives_a_montana_state_agency_its_own_clock(
    letters: LetterService, base_spec, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Montana's `[response]` table (§ 2-6-1006(2), "in a timely manner") binds agencies that
    are not executive branch agencies; a state agency answers under § 2-6-1006(3), whose words
    were not read: the manifest names that section and computes no date, as the tracker does."""
    data = (
        b"agency_name,jurisdiction,email,level\n"
        b"Montana Department of Justice,MT,records@mt.example.gov,state\n"
        b"Billings Police Department,MT,records@billings.example.gov,local\n"
    )
    out = tmp_path / "out"
    result = _export(letters, base_spec, data, out, sent=date(2026, 12, 1))
    assert result.exit_code == 0 and len(result.exported) == 2
    manifest = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    state, local = manifest
    assert state["response_period"] == "the time Mont. Code Ann. § 2-6-1006(3) sets"
    assert state["due_if_sent"] == "no date computed (no number of days stored)"
    assert "timely" in local["response_period"]
    assert local["due_if_sent"] == "no fixed deadline"
