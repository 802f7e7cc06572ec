"""Bulk export dialog: CSV preview with explained problems, export, cancel, tracker, a11y."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from foia_assist.app import AppContext
from foia_assist.domain.request import Requester
from foia_assist.gui.bulk import BulkExportDialog, BulkServices, open_bulk_dialog
from foia_assist.gui.bulk.rows_model import COL_PROBLEM, REJECTED_BACKGROUND, ProblemRole
from foia_assist.gui.workers import JobRunner

TODAY = date(2026, 11, 26)
ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "docs" / "examples" / "request-spec.json"
SCREENSHOT_ENV = "FOIA_ASSIST_SCREENSHOT"  # set to a .png path to refresh the docs picture

GOOD_AND_BAD = [
    ("Springfield Police Department", "CA", "records@springfield.example.gov"),
    ("Nowhere Sheriff", "ZZ", "sheriff@nowhere.example.gov"),  # unknown jurisdiction
    ("Shelbyville Police", "NY", "not-an-email"),  # malformed email
    ("Capital City PD", "TX", "foia@capital.example.gov"),
    ("Springfield Police Department", "CA", "dup@springfield.example.gov"),  # duplicate of row 2
    ("State Patrol", "WA", "records@patrol.example.gov"),
]


def write_csv(path: Path, rows: list[tuple[str, str, str]], header: tuple[str, ...] = ()) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header or ("agency_name", "jurisdiction", "email"))
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def many_rows(n: int) -> list[tuple[str, str, str]]:
    codes = ("CA", "NY", "TX", "WA", "US", "IL", "FL", "OR")
    return [(f"Agency {i:03d}", codes[i % len(codes)], f"records{i}@example.gov") for i in range(n)]


@pytest.fixture
def make_dialog(qtbot: Any, gui_ctx: AppContext) -> Any:
    def make(**overrides: Any) -> BulkExportDialog:
        kwargs: dict[str, Any] = {
            "jurisdictions": gui_ctx.jurisdictions,
            "catalogue": gui_ctx.catalogue,
            "letters": gui_ctx.letters,
            "requester": Requester(name="Ana Díaz", email="ana@example.org", address="12 Elm St"),
            "runner": JobRunner(),
            "today": lambda: TODAY,
            "jobs": 1,
        }
        kwargs.update(overrides)
        dialog = BulkExportDialog(**kwargs)
        qtbot.addWidget(dialog)
        return dialog

    return make


def problem_texts(dialog: BulkExportDialog) -> dict[int, str]:
    model = dialog.rows_model
    return {
        model.entry(r).row: model.data(model.index(r, COL_PROBLEM)) for r in range(model.rowCount())
    }


def export_and_wait(qtbot: Any, dialog: BulkExportDialog, timeout: int = 60_000) -> str:
    assert dialog.export_button.isEnabled(), dialog.problem_label.text()
    with qtbot.waitSignal(dialog.export_ended, timeout=timeout) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return str(blocker.args[0])


def manifest_rows(folder: Path) -> list[dict[str, str]]:
    text = (folder / "manifest.csv").read_text("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# -- the preview ------------------------------------------------------------------------------


def test_preview_shows_every_row_and_explains_the_rejected_ones(
    make_dialog: Any, tmp_path: Path
) -> None:
    dialog = make_dialog()
    dialog.load_csv(write_csv(tmp_path / "agencies.csv", GOOD_AND_BAD))

    model = dialog.rows_model
    assert model.rowCount() == len(GOOD_AND_BAD)  # good and rejected rows, all shown
    problems = problem_texts(dialog)
    # Spreadsheet row numbers: the header is row 1.
    assert problems[2] == "" and problems[5] == "" and problems[7] == ""
    assert "unknown jurisdiction 'ZZ'" in problems[3]
    assert "malformed email 'not-an-email'" in problems[4]
    assert "duplicate of row 2" in problems[6]
    for r in range(model.rowCount()):
        index = model.index(r, 1)
        background = model.data(index, Qt.ItemDataRole.BackgroundRole)
        if model.data(index, ProblemRole):
            assert background is not None and background.color() == REJECTED_BACKGROUND
            assert "will be skipped" in model.data(index, Qt.ItemDataRole.ToolTipRole)
        else:
            assert background is None
    assert dialog.csv_summary.text() == (
        "3 agencies ready, 3 rows with problems; encoding UTF-8, comma-separated"
    )
    assert not dialog.csv_error.isVisible()
    # A rejected row still shows the jurisdiction the CSV gave (trial 3 T14: it was blank).
    jurisdictions = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert jurisdictions[1] == "ZZ" and jurisdictions[2] == "NY" and jurisdictions[4] == "CA"
    assert jurisdictions[0] == "CA — California"

    dialog.only_problems.setChecked(True)
    shown = [dialog.rows_proxy.index(r, 0).data() for r in range(dialog.rows_proxy.rowCount())]
    assert shown == ["3", "4", "6"]


def test_csv_missing_required_columns_shows_a_plain_message(
    make_dialog: Any, tmp_path: Path
) -> None:
    dialog = make_dialog()
    dialog.show()
    bad = write_csv(
        tmp_path / "contacts.csv", [("Springfield PD", "a@example.gov")], ("name", "email")
    )
    dialog.load_csv(bad)

    assert dialog.csv_error.isVisible()
    text = dialog.csv_error.text()
    assert "can't be used" in text and "missing required column(s) jurisdiction" in text
    assert "Traceback" not in text
    assert dialog.rows_model.rowCount() == 0
    assert not dialog.export_button.isEnabled()
    assert "agency list" in dialog.problem_label.text()


def test_unreadable_path_is_a_message_too(make_dialog: Any, tmp_path: Path) -> None:
    dialog = make_dialog()
    dialog.csv_path.setText(str(tmp_path / "missing.csv"))
    dialog.load_csv_from_field()
    assert "agency list not found" in dialog.csv_error.text()
    dialog.load_csv(tmp_path)  # a folder
    assert "is a folder" in dialog.csv_error.text()


# -- the request ------------------------------------------------------------------------------


def test_request_spec_fills_requester_records_and_options(make_dialog: Any, tmp_path: Path) -> None:
    dialog = make_dialog()
    assert dialog.load_spec(SPEC)
    assert dialog.from_spec.isChecked()
    assert "Alex Doe" in dialog.requester_text.text()
    spec = dialog.base_spec()
    assert spec.requester.name == "Alex Doe"
    assert "accuracy-testing" in spec.records.categories
    assert spec.options.fee_waiver and dialog.fee_why.toPlainText().startswith("I will use")

    dialog.from_profile.setChecked(True)
    assert dialog.base_spec().requester.name == "Ana Díaz"

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert not dialog.load_spec(broken)
    assert "not valid JSON at line 1" in dialog.spec_error.text()


def test_export_needs_a_name_and_a_format(make_dialog: Any, tmp_path: Path) -> None:
    dialog = make_dialog(requester=Requester(name=""))
    dialog.load_csv(write_csv(tmp_path / "a.csv", GOOD_AND_BAD))
    assert not dialog.export_button.isEnabled()
    assert "Your name is missing" in dialog.problem_label.text()
    dialog.load_spec(SPEC)
    assert dialog.export_button.isEnabled()
    dialog.fmt_docx.setChecked(False)
    assert "Tick at least one format" in dialog.problem_label.text()
    assert not dialog.export_button.isEnabled()


# -- exporting --------------------------------------------------------------------------------


def test_export_writes_letters_manifest_and_summary(
    qtbot: Any, make_dialog: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foia_assist.gui import messages

    opened: list[Path] = []
    monkeypatch.setattr(messages, "open_path", lambda p: opened.append(p) or True)
    dialog = make_dialog()
    dialog.load_csv(write_csv(tmp_path / "agencies.csv", GOOD_AND_BAD))
    out = tmp_path / "letters"
    dialog.out_dir.setText(str(out))
    dialog.fmt_txt.setChecked(True)
    dialog.use_sent.setChecked(True)

    assert export_and_wait(qtbot, dialog) == "finished"

    assert dialog.state == "finished"
    result = dialog.bulk_result
    assert result is not None and not result.cancelled and len(result.exported) == 3
    rows = manifest_rows(out)
    assert [r["agency"] for r in rows] == [
        "Springfield Police Department",
        "Capital City PD",
        "State Patrol",
    ]
    assert all(r["due_if_sent"] for r in rows)  # a sent date puts due dates in the manifest
    for letter in result.exported:
        assert [p.suffix for p in letter.files] == [".docx", ".txt"]
        assert all(p.is_file() and p.parent == out for p in letter.files)
    assert "Springfield Police Department" in result.exported[0].files[1].read_text("utf-8")
    assert (out / "rejected.csv").is_file()
    summary = dialog.summary.toPlainText()
    assert summary.startswith("Exported 3 letters") and "Rejected 3 rows" in summary
    assert "unknown jurisdiction 'ZZ'" in summary
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.open_button.isEnabled() and dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [out]


def test_cancel_mid_run_stops_and_still_writes_the_manifest(
    qtbot: Any, make_dialog: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    total = 150
    dialog = make_dialog(jobs=1)
    dialog.load_csv(write_csv(tmp_path / "many.csv", many_rows(total)))
    out = tmp_path / "out"
    dialog.out_dir.setText(str(out))
    writing: list[int] = []
    show_progress = dialog._on_progress

    def on_progress(item: Any) -> None:
        show_progress(item)
        if item.stage == "writing":
            writing.append(item.done)
            if len(writing) == 1:  # the first letter is written: cancel, as a user would
                qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    # Hooked in before the job starts, so no progress signal can be missed.
    monkeypatch.setattr(dialog, "_on_progress", on_progress)
    with qtbot.waitSignal(dialog.export_ended, timeout=60_000) as blocker:
        job = dialog.start_export()
        assert job is not None
        assert dialog.state == "running" and not dialog.close_button.isEnabled()

    assert blocker.args == ["cancelled"]
    assert dialog.state == "cancelled"
    result = dialog.bulk_result
    assert result is not None and result.cancelled
    assert 1 <= len(result.exported) < total
    assert (out / "manifest.csv").is_file()
    assert len(manifest_rows(out)) == len(result.exported)
    assert len(list(out.glob("*.docx"))) == len(result.exported)
    assert "Cancelled" in dialog.summary.toPlainText()
    assert dialog.progress_text.text().startswith("Cancelled after")
    assert dialog.close_button.isEnabled() and dialog.export_button.isEnabled()


def test_closing_while_running_cancels_then_closes(
    qtbot: Any, make_dialog: Any, tmp_path: Path
) -> None:
    dialog = make_dialog()
    dialog.show()
    dialog.load_csv(write_csv(tmp_path / "many.csv", many_rows(120)))
    dialog.out_dir.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.export_ended, timeout=60_000):
        dialog.start_export()
        dialog.reject()  # Escape: must not close under a running job
        assert dialog.isVisible() and dialog.state == "cancelling"
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert (tmp_path / "out" / "manifest.csv").is_file()


def test_export_adds_every_letter_to_the_tracker(
    qtbot: Any, make_dialog: Any, gui_ctx: AppContext, tmp_path: Path
) -> None:
    tracker = gui_ctx.tracker
    dialog = make_dialog(tracker=tracker)
    assert not dialog.track.isHidden()
    dialog.load_csv(write_csv(tmp_path / "agencies.csv", GOOD_AND_BAD))
    dialog.out_dir.setText(str(tmp_path / "out"))
    dialog.track.setChecked(True)
    ids: list[list[int]] = []
    dialog.tracked.connect(ids.append)

    assert export_and_wait(qtbot, dialog) == "finished"

    assert len(ids) == 1 and len(ids[0]) == 3
    listed = tracker.list_requests(TODAY)
    assert sorted(r.agency for r in listed) == [
        "Capital City PD",
        "Springfield Police Department",
        "State Patrol",
    ]
    assert "Added 3 requests to the tracker (ids 1–3)." in dialog.summary.toPlainText()
    # Run again (as after fixing a rejected row): the same letters are not tracked twice.
    assert export_and_wait(qtbot, dialog) == "finished"
    summary = dialog.summary.toPlainText()
    assert "No new requests added to the tracker." in summary
    assert "Already tracked: 3 (ids 1–3)." in summary
    assert len(tracker.list_requests(TODAY)) == 3 and ids[-1] == []


def test_a_tracker_problem_is_reported_and_the_dialog_still_ends(
    qtbot: Any, make_dialog: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    from foia_assist.errors import UserError

    def locked(*args: Any, **kwargs: Any) -> list[int]:
        raise UserError("the database is locked by another program")

    fake = types.ModuleType("foia_assist.services.bulk.tracking")
    fake.track_export = locked  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "foia_assist.services.bulk.tracking", fake)
    dialog = make_dialog(tracker=object())
    dialog.load_csv(write_csv(tmp_path / "agencies.csv", GOOD_AND_BAD))
    dialog.out_dir.setText(str(tmp_path / "out"))
    dialog.track.setChecked(True)

    assert export_and_wait(qtbot, dialog) == "finished"

    summary = dialog.summary.toPlainText()
    assert "Not added to the tracker: the database is locked by another program" in summary
    assert dialog.close_button.isEnabled()
    assert len(manifest_rows(tmp_path / "out")) == 3


def test_no_tracker_no_checkbox(make_dialog: Any) -> None:
    assert make_dialog().track.isHidden()


def test_open_bulk_dialog_from_services(qtbot: Any, gui_ctx: AppContext) -> None:
    services = BulkServices(
        jurisdictions=gui_ctx.jurisdictions,
        catalogue=gui_ctx.catalogue,
        letters=gui_ctx.letters,
        requester=Requester(name="Ana Díaz"),
        runner=JobRunner(),
        today=lambda: TODAY,
    )
    dialog = open_bulk_dialog(None, services)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.track.isHidden()
    dialog.close()


def test_open_bulk_dialog_from_the_app_context(qtbot: Any, gui_ctx: AppContext) -> None:
    dialog = open_bulk_dialog(None, gui_ctx)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and not dialog.track.isHidden()
    assert dialog.requester().name == ""  # the (empty) saved profile
    dialog.close()


# -- accessibility ----------------------------------------------------------------------------


def _controls(dialog: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)
    found: list[QWidget] = []
    for kind in (*kinds, QPlainTextEdit):
        for w in dialog.findChildren(kind):
            if isinstance(w.parent(), QAbstractSpinBox | QComboBox):
                continue  # the editor inside a spin box or combo box
            if type(w).__name__ in {"QToolButton", "QHeaderView"} or w.objectName().startswith(
                "qt_"
            ):
                continue  # Qt's own scroll/tab arrows and table headers
            found.append(w)
    return found


def test_every_control_is_named_and_reachable_by_keyboard(make_dialog: Any, tmp_path: Path) -> None:
    dialog = make_dialog(tracker=object())
    dialog.load_csv(write_csv(tmp_path / "agencies.csv", GOOD_AND_BAD))
    controls = _controls(dialog)
    assert len(controls) > 25
    unnamed = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in controls
        if not w.accessibleName().strip()
    ]
    assert unnamed == []
    no_tab = [w.accessibleName() for w in controls if not w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert no_tab == []


# -- the screenshot ---------------------------------------------------------------------------


def test_dialog_renders_with_a_loaded_csv(make_dialog: Any, tmp_path: Path) -> None:
    """Grabs the dialog offscreen; with FOIA_ASSIST_SCREENSHOT set, saves it for the docs."""
    rows = [
        ("Springfield Police Department", "IL", "records@springfield.example.gov"),
        ("Alameda County Sheriff's Office", "CA", "pra@acso.example.gov"),
        ("New York City Police Department", "NY", "foil@nypd.example.gov"),
        ("Metro Transit Police", "ZZ", "records@metro.example.gov"),
        ("Austin Police Department", "TX", "openrecords@austin.example.gov"),
        ("Seattle Police Department", "WA", "publicrecords@seattle.example.gov"),
        ("Portland Police Bureau", "OR", "not-an-email"),
        ("Miami-Dade Police Department", "FL", "records@mdpd.example.gov"),
        ("Federal Bureau of Investigation", "US", "foipa@fbi.example.gov"),
        ("Alameda County Sheriff's Office", "CA", "again@acso.example.gov"),
        ("Chicago Police Department", "IL", "foia@chicago.example.gov"),
        ("Houston Police Department", "TX", "records@houston.example.gov"),
    ]
    dialog = make_dialog(tracker=object(), output_dir=tmp_path)
    dialog.resize(1100, 640)
    dialog.load_csv(write_csv(tmp_path / "clinic-agencies.csv", rows))
    dialog.show()
    picture = dialog.grab()
    assert not picture.isNull() and picture.width() >= 1000
    extra = os.environ.get(SCREENSHOT_ENV + "_TABS")  # a folder: the other tabs, for review
    if extra:
        for i in (1, 2, 3):
            dialog.tabs.setCurrentIndex(i)
            assert dialog.grab().save(str(Path(extra) / f"bulk-tab{i + 1}.png"))
        dialog.tabs.setCurrentIndex(0)
    target = os.environ.get(SCREENSHOT_ENV)
    if target:
        assert picture.save(target)
    assert "9 agencies ready, 3 rows with problems" in dialog.csv_summary.text()
    assert dialog.rows_proxy.index(0, 0, QModelIndex()).isValid()


def test_main_window_menu_opens_the_bulk_dialog(qtbot: Any, make_window: Any) -> None:
    from foia_assist.gui.bulk import BulkExportDialog

    window = make_window()
    assert window.bulk_action.text() == "B&ulk export from a CSV…"
    window.bulk_action.trigger()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, BulkExportDialog) and w.isVisible()
            for w in window.findChildren(BulkExportDialog)
        )
    )
    dialog = next(w for w in window.findChildren(BulkExportDialog) if w.isVisible())
    dialog.close()


# -- issue 12: the clinic journey -------------------------------------------------------------


def test_residents_only_states_are_named_before_export(make_dialog: Any, tmp_path: Path) -> None:
    dialog = make_dialog()
    rows = [
        ("Richmond Police", "VA", "r@richmond.example.gov"),
        ("Norfolk Police", "VA", "n@norfolk.example.gov"),
        ("Memphis Police", "TN", "m@memphis.example.gov"),
        ("Oakland Police", "CA", "o@oakland.example.gov"),
    ]
    dialog.load_csv(write_csv(tmp_path / "agencies.csv", rows))
    assert dialog.notice.isVisibleTo(dialog)
    text = dialog.notice.text()
    assert "3 of 4 letters" in text and "Virginia (2)" in text and "Tennessee (1)" in text
    assert "requester." not in text  # plain words, no field names
    dialog.from_typed.setChecked(True)
    dialog.requester_tab.typed.residence.setText("Virginia")
    assert "1 of 4 letters" in dialog.notice.text()


def test_the_requester_can_be_typed_in_the_dialog(make_dialog: Any, tmp_path: Path) -> None:
    dialog = make_dialog(requester=Requester(name=""))
    dialog.load_csv(write_csv(tmp_path / "agencies.csv", GOOD_AND_BAD))
    dialog.out_dir.setText(str(tmp_path / "out"))
    assert not dialog.export_button.isEnabled()
    dialog.from_typed.setChecked(True)
    assert "Type the requester's name" in dialog.problem_label.text()
    typed = dialog.requester_tab.typed
    typed.name.setText("Maria Lopez")
    typed.organisation.setText("Civil Rights Clinic")
    typed.email.setText("clinic@example.edu")
    assert dialog.export_button.isEnabled(), dialog.problem_label.text()
    spec = dialog.base_spec()
    assert spec.requester.name == "Maria Lopez"
    assert spec.requester.organisation == "Civil Rights Clinic"


def test_rejected_rows_keep_every_column_and_load_again(
    qtbot: Any, make_dialog: Any, gui_ctx: AppContext, tmp_path: Path
) -> None:
    header = ("agency_name", "jurisdiction", "email", "notes")
    rows = [
        ("Good PD", "CA", "good@example.gov", "call first"),
        ("Typo PD", "ZZ", "typo@example.gov", "ask for Sam"),
    ]
    dialog = make_dialog()
    dialog.load_csv(write_csv(tmp_path / "agencies.csv", rows, header))  # type: ignore[arg-type]
    out = tmp_path / "out"
    dialog.out_dir.setText(str(out))
    assert export_and_wait(qtbot, dialog) == "finished"
    fixed_file = out / "rejected-rows.csv"
    assert "rejected-rows.csv" in dialog.summary.toPlainText()
    report = list(csv.reader(io.StringIO(fixed_file.read_text("utf-8-sig"))))
    assert report[0][:4] == list(header)
    assert report[1][:4] == ["Typo PD", "ZZ", "typo@example.gov", "ask for Sam"]
    assert "unknown jurisdiction" in report[1][4]
    # Fixed in place, the file loads again as an agency list.
    report[1][1] = "CA"
    buf = io.StringIO()
    csv.writer(buf).writerows(report)
    fixed_file.write_text(buf.getvalue(), encoding="utf-8")
    again = make_dialog()
    again.load_csv(fixed_file)
    assert again.agencies is not None
    assert [r.agency_name for r in again.agencies.rows] == ["Typo PD"]
