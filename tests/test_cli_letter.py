"""`foia-assist letter`: happy paths in every format, overrides, and one-line errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from foia_assist.cli import run_cli
from foia_assist.domain.request import RequestSpec

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "request-spec.json"


def _write_spec(tmp_path: Path, **top: Any) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["letter_date"] = "2026-11-26"
    # These tests were written for a federal FOIA letter: the example itself is now a state-law
    # request to a local police department (with its level), so the federal one is set here.
    data["agency"].update(jurisdiction="US", level=None)
    data.update(top)
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    last = err.splitlines()[-1]
    assert last.startswith("foia-assist: ") and "Traceback" not in err
    return last


def test_example_spec_prints_the_documented_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["letter", "--example-spec"]) == 0
    out = capsys.readouterr().out
    assert out == EXAMPLE.read_text(encoding="utf-8")
    RequestSpec.from_dict(json.loads(out))  # parses and validates


def test_docx_letter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "letters" / "request.docx"
    assert run_cli(["letter", "--spec", str(_write_spec(tmp_path)), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "Freedom of Information Act" in xml and "5 U.S.C. § 552" in xml
    assert not list(out.parent.glob("*.part"))  # written atomically, nothing left behind


def test_text_letter_with_overrides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ca.txt"
    args = ["letter", "--spec", str(_write_spec(tmp_path)), "--out", str(out)]
    args += ["--jurisdiction", "CA", "--agency", "AT&T <Doe> Police"]
    assert run_cli(args) == 0
    text = out.read_text(encoding="utf-8")
    assert "AT&T <Doe> Police" in text
    assert "California Public Records Act request: facial recognition records" in text
    assert "Freedom of Information Act" not in text


def test_follow_up_kind(tmp_path: Path) -> None:
    out = tmp_path / "follow.txt"
    spec = _write_spec(tmp_path)
    assert run_cli(["letter", "--spec", str(spec), "--out", str(out), "--kind", "follow-up"]) == 0
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "received on October 1, 2026" in text and "ended on October 30, 2026" in text


def test_warnings_go_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "wa.txt"
    spec = _write_spec(tmp_path)
    assert run_cli(["letter", "--spec", str(spec), "--out", str(out), "--jurisdiction", "WA"]) == 0
    assert "check: " in capsys.readouterr().err and "RCW 43.386" in out.read_text()


@pytest.mark.gui
def test_pdf_letter(tmp_path: Path, qapp: object) -> None:
    # `qapp` first: the built-in PDF renderer must not create a bare QGuiApplication that
    # later GUI tests would then get instead of a QApplication.
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "request.pdf"
    assert run_cli(["letter", "--spec", str(_write_spec(tmp_path)), "--out", str(out)]) == 0
    reader = pypdf.PdfReader(str(out))
    text = " ".join("".join(p.extract_text() for p in reader.pages).split())
    assert "Freedom of Information Act" in text


def test_json_syntax_error_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "agency": {,\n}', encoding="utf-8")
    assert run_cli(["letter", "--spec", str(bad), "--out", str(tmp_path / "x.docx")]) == 2
    assert "line 2, column 14" in _error(capsys)
    assert not (tmp_path / "x.docx").exists()


def test_field_error_names_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _write_spec(tmp_path, requester={"name": ""})
    assert run_cli(["letter", "--spec", str(spec), "--out", str(tmp_path / "x.txt")]) == 2
    assert "field 'requester.name'" in _error(capsys)


def test_unknown_jurisdiction_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _write_spec(tmp_path)
    args = ["letter", "--spec", str(spec), "--out", str(tmp_path / "x.txt")]
    assert run_cli([*args, "--jurisdiction", "Atlantis"]) == 2
    assert "'Atlantis'" in _error(capsys)


def test_follow_up_without_received_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _write_spec(tmp_path, history=None)
    args = ["letter", "--spec", str(spec), "--out", str(tmp_path / "x.txt"), "--kind", "follow-up"]
    assert run_cli(args) == 2
    assert "history.received" in _error(capsys)


def test_bad_template_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docx import Document

    template = tmp_path / "mine.docx"
    doc = Document()
    doc.add_paragraph("Hello {{ no_such_value }}")
    doc.save(str(template))
    args = ["letter", "--spec", str(_write_spec(tmp_path)), "--out", str(tmp_path / "x.docx")]
    assert run_cli([*args, "--template", str(template)]) == 2
    err = _error(capsys)
    assert "mine.docx" in err and "no_such_value" in err
    assert not (tmp_path / "x.docx").exists()


def test_user_template_renders(tmp_path: Path) -> None:
    from docx import Document

    template = tmp_path / "short.docx"
    doc = Document()
    doc.add_paragraph("{{ agency_name }}: {{ law_name }} ({{ citation }})")
    doc.save(str(template))
    out = tmp_path / "x.txt"
    args = ["letter", "--spec", str(_write_spec(tmp_path)), "--out", str(out)]
    assert run_cli([*args, "--template", str(template)]) == 0
    assert out.read_text().strip() == (
        "Springfield Police Department: Freedom of Information Act (5 U.S.C. § 552)"
    )


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--out", "x.odt"], "must end in .docx, .pdf, .txt"),
        (["--kind", "memo"], "invalid choice"),
        ([], "needs --spec"),
    ],
)
def test_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], needle: str
) -> None:
    spec = _write_spec(tmp_path)
    args = ["letter"] if not extra else ["letter", "--spec", str(spec)]
    if "--out" not in extra and extra:
        args += ["--out", str(tmp_path / "x.docx")]
    assert run_cli([*args, *extra]) == 2
    assert needle in _error(capsys)


def test_missing_spec_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["letter", "--spec", str(tmp_path / "nope.json"), "--out", "x.docx"]) == 2
    assert "spec file not found" in _error(capsys)


@pytest.mark.slow
def test_a_template_in_the_data_folder_replaces_the_bundled_one(tmp_path: Path) -> None:
    import subprocess
    import sys

    import docx

    data = tmp_path / "data"
    (data / "templates").mkdir(parents=True)
    own = docx.Document()
    own.add_paragraph("OUR CLINIC LETTERHEAD: {{ law_name }}")
    own.save(str(data / "templates" / "request.docx"))
    spec = tmp_path / "spec.json"
    spec.write_text(
        subprocess.run(
            [sys.executable, "-m", "foia_assist", "letter", "--example-spec"],
            capture_output=True, text=True, check=True,
        ).stdout,
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "letter.txt"

    def letter(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "foia_assist", "--data-dir", str(data), "letter",
             "--spec", str(spec), "--out", str(out), "--jurisdiction", "US", *extra],
            capture_output=True, text=True,
        )  # fmt: skip

    made = letter()
    assert made.returncode == 0, made.stderr
    assert out.read_text(encoding="utf-8").strip() == (
        "OUR CLINIC LETTERHEAD: Freedom of Information Act"
    )
    # A follow-up has no user template, so the bundled one is used.
    assert letter("--kind", "preservation").returncode == 0
    assert "OUR CLINIC" not in out.read_text(encoding="utf-8")

    broken = docx.Document()
    broken.add_paragraph("{{ law_name }} {{ secret_internals.__class__ }}")
    broken.save(str(data / "templates" / "request.docx"))
    refused = letter()
    assert refused.returncode == 2
    assert "request.docx" in refused.stderr and "Traceback" not in refused.stderr
