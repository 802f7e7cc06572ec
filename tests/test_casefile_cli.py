"""`foia-assist track attach|attachments|detach`, `search`, and attachments in `track show`
and `track record`, end to end through `run_cli` (the data folder is the test's own)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest
from postgres_server import on_both_backends

from foia_assist.cli import run_cli

# FOIA_ASSIST_DATABASE names the test's database: the default file, or a fresh PostgreSQL one.
pytestmark = [on_both_backends, pytest.mark.usefixtures("database_env")]

REPLY = (
    "From: records@springfield.example\nSubject: Your request\n"
    "Date: Wed, 06 Jan 2027 10:15:00 -0500\nContent-Type: text/plain\n\n"
    "We have received your request, reference number PRR-77. The estimated fee is $40.00.\n"
)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = run_cli(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def request_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> int:
    rc, out, _ = cli(capsys, "letter", "--example-spec")
    spec = tmp_path / "spec.json"
    spec.write_text(out, encoding="utf-8")
    rc, out, _ = cli(capsys, "track", "add", "--spec", str(spec), "--sent", "2027-01-02")
    assert rc == 0
    return int(out.strip())


def test_attach_json_gives_the_documented_fields(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, request_id: int
) -> None:
    reply = tmp_path / "reply.eml"
    reply.write_text(REPLY, encoding="utf-8")
    rc, out, err = cli(capsys, "track", "attach", str(request_id), str(reply), "--json")
    assert rc == 0, err
    [item] = json.loads(out)
    for key in ("attachment_id", "name", "sha256", "kind", "suggestions"):
        assert key in item
    assert item["kind"] == "email" and item["name"] == "reply.eml"
    by_kind = {s["kind"]: s for s in item["suggestions"]}
    assert by_kind["acknowledged"]["reference"] == "PRR-77"
    assert by_kind["fee_estimate"]["amount"] == "40.00"
    for s in item["suggestions"]:
        for key in ("kind", "date", "new_date", "amount", "exemptions", "evidence"):
            assert key in s


def test_search_show_record_and_detach(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, request_id: int
) -> None:
    letter = tmp_path / "denial.docx"
    d = docx.Document()
    d.add_paragraph("The Clearview audit logs are withheld under RCW 42.56.240(1).")
    d.save(str(letter))
    rc, out, _ = cli(
        capsys, "track", "attach", str(request_id), str(letter), "--date", "2027-02-01"
    )
    assert rc == 0 and "proposes denied" in out and "RCW 42.56.240(1)" in out
    rc, out, _ = cli(capsys, "search", "clearview", "audit", "--json")
    [hit] = json.loads(out)
    assert {k: hit[k] for k in ("request_id", "name")} == {
        "request_id": request_id,
        "name": "denial.docx",
    }
    assert "[[Clearview]]" in hit["snippet"] and "attachment_id" in hit
    rc, out, _ = cli(capsys, "track", "show", str(request_id))
    sha = json.loads(cli(capsys, "track", "attachments", str(request_id), "--json")[1])[0]["sha256"]
    assert f"denial.docx  sha256 {sha}" in out
    record = tmp_path / "record.txt"
    rc, out, _ = cli(capsys, "track", "record", str(request_id), "--out", str(record))
    assert rc == 0 and sha in record.read_text(encoding="utf-8")
    # Removing asks first: with no terminal to ask on, it is refused without --yes.
    attachment = str(hit["attachment_id"])
    rc, _, err = cli(capsys, "track", "detach", attachment)
    assert rc == 2 and "add --yes to confirm" in err
    rc, out, _ = cli(capsys, "track", "detach", attachment, "--yes")
    assert rc == 0 and "Removed" in out
    rc, out, _ = cli(capsys, "search", "clearview")
    assert "No attachment contains" in out


def test_a_batch_with_a_bad_file_attaches_the_rest_and_exits_3(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, request_id: int
) -> None:
    good = tmp_path / "note.txt"
    good.write_text("released", encoding="utf-8")
    rc, out, err = cli(
        capsys, "track", "attach", str(request_id), str(tmp_path / "missing.pdf"), str(good)
    )
    assert rc == 3
    assert "not attached:" in err and "missing.pdf" in err and "Traceback" not in err
    assert "note.txt" in out


def test_attach_to_an_unknown_request_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "x.txt"
    f.write_text("x", encoding="utf-8")
    rc, _, err = cli(capsys, "track", "attach", "42", str(f))
    assert rc == 2 and err.strip().startswith("foia-assist: ") and "42" in err
    kept = Path(os.environ["FOIA_ASSIST_DATA_DIR"]) / "attachments"
    assert not kept.exists()  # refused before anything was copied in


def test_check_mail_without_a_saved_password_says_how_to_save_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal to ask on
    rc, _, err = cli(
        capsys, "track", "check-mail", "--host", "127.0.0.1", "--user", "x", "--security", "none"
    )
    assert rc == 2
    assert err.strip() == (
        "foia-assist: no password for imap:x@127.0.0.1:143 in the keyring: run this once in a "
        "terminal with --save-password"
    )
