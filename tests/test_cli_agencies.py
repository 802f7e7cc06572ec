"""`foia-assist agencies`: search, show, add, edit, export, import, and the campaign path from
a selection to letters (export CSV -> bulk -> letters)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from foia_assist.cli import run_cli

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "docs" / "examples" / "request-spec.json"
WAYNE = "MI8218200"
INGHAM = "MI3313300"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run_cli(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "agencies", "search", "sheriff", "wayne", "county",
                       "--state", "MI", "--json")  # fmt: skip
    assert code == 0
    (first, *_) = json.loads(out)
    for key in ("id", "name", "type", "level", "state", "county", "jurisdiction", "email",
                "address", "portal_url"):  # fmt: skip
        assert key in first
    assert first["id"] == WAYNE
    assert (first["type"], first["level"], first["jurisdiction"]) == ("county", "local", "MI")
    assert first["email"] is None and first["address"] is None and first["portal_url"] is None
    code, out, _ = cli(capsys, "agencies", "search", "fbi", "--json")
    fbi = json.loads(out)[0]
    assert (fbi["id"], fbi["jurisdiction"], fbi["level"], fbi["state"]) == (
        "US-FBI", "US", "federal", "US",
    )  # fmt: skip
    code, out, _ = cli(capsys, "agencies", "search", "navajo", "--type", "tribal", "--limit", "1")
    assert "law: AZ" in out
    code, _, err = cli(capsys, "agencies", "search", "police", "--type", "sheriff")
    assert code == 2 and "unknown agency type 'sheriff'" in err


def test_add_edit_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "agencies", "edit", WAYNE, "--email", "foia@wayne.example",
                       "--source", "county website", "--checked", "2026-11-30")  # fmt: skip
    assert code == 0 and "contacts added" in out
    code, _, err = cli(capsys, "agencies", "edit", WAYNE, "--email", "x@wayne.example")
    assert code == 2 and "--replace" in err
    code, out, _ = cli(capsys, "agencies", "show", WAYNE)
    assert "foia@wayne.example" in out and "county website (2026-11-30)" in out
    assert "law that applies: MI" in out and "FBI Crime Data Explorer, 2018" in out
    code, out, _ = cli(capsys, "agencies", "add", "Lakeside Harbor Police", "--jurisdiction",
                       "MI", "--county", "Wayne", "--email", "h@example.org")  # fmt: skip
    assert code == 0 and out.startswith("added own-")
    own_id = out.split()[1].rstrip(":")
    code, out, _ = cli(capsys, "agencies", "show", own_id, "--json")
    shown = json.loads(out)
    assert (shown["jurisdiction"], shown["email"], shown["own"]) == ("MI", "h@example.org", True)
    assert shown["contact_checked"]  # the CLI dates it today when not given
    code, out, _ = cli(capsys, "agencies", "show", "US-ICE")
    assert "ice-foia@ice.dhs.gov" in out and "published by the agency" in out


def test_import_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(f"agency_id,email\r\n{WAYNE},foia@wayne.example\r\n".encode("utf-8-sig"))
    assert cli(capsys, "agencies", "import", str(good))[0] == 0
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        f"agency_id,agency_name,jurisdiction,email\n{WAYNE},,,other@wayne.example\n"
        ",Independent School District:,TX,isd@example.org\n".encode("cp1252")
    )
    code, out, _ = cli(capsys, "agencies", "import", str(mixed))
    assert code == 3
    assert "row 2: Wayne County Sheriff's Office: not replaced" in out
    assert "row 3: Independent School District:: ambiguous" in out
    code, out, _ = cli(capsys, "agencies", "import", str(mixed), "--replace")
    assert code == 3  # the ambiguous row is still not taken
    code, out, _ = cli(capsys, "agencies", "show", WAYNE, "--json")
    assert json.loads(out)["email"] == "other@wayne.example"
    code, _, err = cli(capsys, "agencies", "import", str(tmp_path / "missing.csv"))
    assert code == 2 and "file not found" in err


def test_campaign_from_a_selection_to_letters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Every county sheriff in Michigan: export, fill one row in the spreadsheet, bulk."""
    cli(capsys, "agencies", "edit", WAYNE, "--email", "foia@wayne.example")
    cli(capsys, "agencies", "edit", INGHAM, "--address", "630 N Cedar St\\nMason, MI 48854")
    out_csv = tmp_path / "sheriffs.csv"
    code, out, err = cli(capsys, "agencies", "export", "--state", "MI", "--type", "county",
                         "--out", str(out_csv))  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 83 and f"{len(rows)} agencies written" in out
    by_id = {r["agency_id"]: r for r in rows}
    assert by_id[WAYNE]["email"] == "foia@wayne.example"
    assert by_id[INGHAM]["address"] == "630 N Cedar St\nMason, MI 48854"
    # agencies with no contact are listed for the user, not dropped from the file
    assert "81 of them have no email, address or portal yet" in err
    assert "MI0110100  Alcona County Sheriff's Office (MI)" in err
    # the user fills one row in a spreadsheet; another row keeps only its agency_id
    kent = next(r for r in rows if r["agency_name"] == "Kent County Sheriff's Office")
    kent["email"] = "records@kent.example"
    by_id[WAYNE].update(agency_name="", jurisdiction="", email="")
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    spec = tmp_path / "spec.json"
    data = json.loads(SPEC.read_text("utf-8"))
    del data["agency"]
    spec.write_text(json.dumps(data), "utf-8")
    letters = tmp_path / "letters"
    code, out, err = cli(capsys, "bulk", "--agencies", str(edited), "--spec", str(spec),
                         "--out", str(letters), "--format", "txt", "--jobs", "1")  # fmt: skip
    assert code == 3, err  # the agencies still without a contact are rejected, by row
    written = sorted(p.name for p in letters.glob("*.txt"))
    assert len(written) == 3, written
    wayne_letter = next(p for p in letters.glob("*.txt") if "Wayne" in p.name)
    text = wayne_letter.read_text("utf-8")
    assert "Wayne County Sheriff" in text and "Michigan" in text
    rejected = (letters / "rejected.csv").read_text("utf-8-sig")
    assert "Alcona County Sheriff's Office" in rejected
    assert "no email, address or portal_url" in rejected
