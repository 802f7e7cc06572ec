"""Bulk export: one request to every agency in a CSV, each letter under its own law.

Three tabs (the agency list with a preview of every row, the request, the output) and an
Export button that runs `BulkExport.job()` on the window's `JobRunner`, with a progress bar
and Cancel; the window never waits on it. At the end: the service's summary, "Open folder"
and Close. Qt-free work stays in `foia_assist.services.bulk`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from foia_assist.domain.request import Agency, Options, Requester, RequestSpec, SpecError
from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.bulk_rows_model import (
    COL_PROBLEM,
    COL_REFERENCE,
    BulkRowsModel,
    ProblemRole,
)
from foia_assist.gui.event_dialog import from_qdate, to_qdate
from foia_assist.gui.wizard.records_widget import RecordsWidget
from foia_assist.gui.workers import Job, JobRunner

if TYPE_CHECKING:
    from foia_assist.app import AppContext
    from foia_assist.domain.catalogue import Catalogue
    from foia_assist.domain.jurisdictions import JurisdictionSet
    from foia_assist.services.bulk.agencies_csv import AgencyList, ContactLookup
    from foia_assist.services.bulk.exporter import BulkExport, BulkProgress, BulkResult
    from foia_assist.services.letters.service import LetterService, PdfBackend
    from foia_assist.services.tracker import TrackerService

ERROR_STYLE = "QLabel { color: #a40000; }"
# The base spec needs an agency to validate; each CSV row replaces it (as the CLI does).
PLACEHOLDER_AGENCY = Agency(name="(each agency in the CSV)", jurisdiction="US")
STAGES = {
    "preparing": "Preparing the letters",
    "rendering": "Rendering",
    "writing": "Writing",
    "finishing": "Writing the manifest",
}


def _delimiter_words(delimiter: str) -> str:
    return {",": "comma-separated", ";": "semicolon-separated"}.get(delimiter, repr(delimiter))


def summary_line(agencies: AgencyList) -> str:
    """'212 agencies ready, 3 rows with problems; encoding UTF-8, comma-separated'."""
    good, bad = len(agencies.rows), len(agencies.rejected)
    ready = f"{good} {'agency' if good == 1 else 'agencies'} ready"
    problems = f"{bad} {'row' if bad == 1 else 'rows'} with problems" if bad else "no problems"
    text = (
        f"{ready}, {problems}; encoding {agencies.encoding}, {_delimiter_words(agencies.delimiter)}"
    )
    if agencies.ignored_columns:
        text += f"; ignored columns: {', '.join(agencies.ignored_columns)}"
    return text


def _named(widget: Any, name: str) -> Any:
    widget.setAccessibleName(name)
    return widget


class BulkExportDialog(QDialog):
    """Everything is passed in, so tests build it without the main window."""

    export_ended = Signal(str)  # "finished", "cancelled" or "failed"
    tracked = Signal(list)  # ids of the requests added to the tracker

    def __init__(
        self,
        *,
        jurisdictions: JurisdictionSet,
        catalogue: Catalogue,
        letters: LetterService,
        requester: Requester,
        runner: JobRunner,
        base_spec: RequestSpec | None = None,
        tracker: TrackerService | None = None,
        today: Callable[[], date] = date.today,
        output_dir: Path | None = None,
        pdf_backend: PdfBackend | None = None,
        jobs: int = 0,
        contacts: ContactLookup | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.jurisdictions = jurisdictions
        self.contacts = contacts  # rows with an agency_id and no contact: the contact book
        self.catalogue = catalogue
        self.letters = letters
        self.profile = requester
        self.runner = runner
        self.tracker = tracker
        self.today = today
        self.pdf_backend = pdf_backend if pdf_backend is not None else _qt_pdf_backend()
        self.jobs = jobs
        self.agencies: AgencyList | None = None
        self.loaded_spec: RequestSpec | None = base_spec
        self.export: BulkExport | None = None
        self.job: Job | None = None
        self.bulk_result: BulkResult | None = None
        self.state = "idle"  # idle, running, cancelling, finished, cancelled, failed
        self._cancel = threading.Event()
        self._close_when_done = False
        self._start_dir = output_dir or Path.home()

        self.setWindowTitle("Bulk export — FOIA Assist")
        self.setAccessibleName("Bulk export")
        self.resize(1100, 720)
        layout = QVBoxLayout(self)
        self.tabs = _named(QTabWidget(), "Bulk export steps")
        self.tabs.addTab(self._agencies_tab(), "&1 Agencies")
        self.tabs.addTab(self._records_tab(), "&2 Records")
        self.tabs.addTab(self._requester_tab(), "&3 Requester and options")
        self.tabs.addTab(self._output_tab(output_dir), "&4 Output")
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._export_area())
        self.records.set_jurisdiction("", today())
        # Bulk letters go to many states: the checkbox applies wherever the state has an FRT law.
        self.records.state_law.setText(
            "Also ask for the records a state's facial recognition law requires "
            "(only in letters to states that have one)"
        )
        self.records.state_law.setVisible(True)
        if base_spec is not None:
            self._apply_spec(base_spec)
            self.from_spec.setChecked(True)
        self._update_requester()
        self._refresh()

    # -- tab 1: the agency list ---------------------------------------------------------------

    def _agencies_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.csv_path = _named(QLineEdit(), "Agency list file (CSV)")
        self.csv_path.setPlaceholderText("A CSV with agency_name, jurisdiction and email/address")
        self.csv_path.returnPressed.connect(self.load_csv_from_field)
        label = QLabel("Agency &list:")
        label.setBuddy(self.csv_path)
        self.csv_browse = _named(QPushButton("&Browse…"), "Choose the agency list")
        self.csv_browse.clicked.connect(self.browse_csv)
        self.csv_load = _named(QPushButton("Read &again"), "Read the agency list again")
        self.csv_load.clicked.connect(self.load_csv_from_field)
        row.addWidget(label)
        row.addWidget(self.csv_path, 1)
        row.addWidget(self.csv_browse)
        row.addWidget(self.csv_load)
        layout.addLayout(row)

        self.csv_error = _named(QLabel(), "Problem with the agency list")
        self.csv_error.setStyleSheet(ERROR_STYLE)
        self.csv_error.setWordWrap(True)
        self.csv_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.csv_error.hide()
        layout.addWidget(self.csv_error)
        self.csv_summary = _named(QLabel("No agency list loaded yet."), "Agency list summary")
        self.csv_summary.setWordWrap(True)
        layout.addWidget(self.csv_summary)

        self.rows_model = BulkRowsModel(self)
        self.rows_proxy = QSortFilterProxyModel(self)
        self.rows_proxy.setSourceModel(self.rows_model)
        self.rows_proxy.setFilterRole(ProblemRole)
        self.rows_proxy.setFilterKeyColumn(COL_PROBLEM)
        self.table = _named(QTableView(), "Agency list preview")
        self.table.setModel(self.rows_proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(False)  # the tint marks rejected rows
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PROBLEM, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        self.only_problems = _named(
            QCheckBox("Show only rows with &problems"), "Show only rows with problems"
        )
        self.only_problems.toggled.connect(self._filter_rows)
        legend = QLabel(
            "Rows with a problem are tinted and explained in the Problem column; "
            "they are skipped and listed in rejected.csv."
        )
        legend.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.only_problems)
        bottom.addWidget(legend, 1)
        layout.addLayout(bottom)
        return page

    def browse_csv(self) -> None:
        current = self.csv_path.text().strip()
        start = Path(current).parent if current else self._start_dir
        path = messages.ask_open_path(
            self, "Choose the agency list", start, "CSV files (*.csv *.txt);;All files (*)"
        )
        if path is not None:
            self.load_csv(path)

    def load_csv_from_field(self) -> None:
        text = self.csv_path.text().strip()
        if text:
            self.load_csv(Path(text).expanduser())

    def load_csv(self, path: Path) -> None:
        """Read the CSV; a file-level problem is shown in the dialog, never as a traceback."""
        from foia_assist.services.bulk.agencies_csv import read_agency_csv

        self.csv_path.setText(str(path))
        try:
            agencies = read_agency_csv(path, self.jurisdictions, contacts=self.contacts)
        except UserError as exc:
            self._show_csv_problem(f"This agency list can't be used: {exc}")
            return
        except OSError as exc:  # e.g. an I/O error halfway through reading
            self._show_csv_problem(f"This agency list can't be read: {exc.strerror or exc}")
            return
        self.agencies = agencies
        self.rows_model.set_agencies(agencies)
        # Most lists have no reference column: leave its width to the Problem column.
        self.table.setColumnHidden(COL_REFERENCE, not any(r.reference for r in agencies.rows))
        self.csv_error.hide()
        self.csv_error.setText("")
        self.csv_summary.setText(summary_line(agencies))
        self.csv_summary.show()
        if not self.out_dir.text().strip():
            self.out_dir.setText(str(self._start_dir / f"{path.stem} letters"))
        self._refresh()

    def _show_csv_problem(self, text: str) -> None:
        self.agencies = None
        self.rows_model.set_agencies(None)
        self.csv_error.setText(text)
        self.csv_error.show()
        self.csv_summary.hide()
        self._refresh()

    def _filter_rows(self, only_problems: bool) -> None:
        self.rows_proxy.setFilterRegularExpression(".+" if only_problems else "")

    # -- tabs 2 and 3: the request -----------------------------------------------------------

    def _records_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel("The same records are asked of every agency, each under its own law.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.records = RecordsWidget(self.catalogue)
        self.records.changed.connect(self._refresh)
        layout.addWidget(self.records, 1)
        return page

    def _requester_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        lower = QHBoxLayout()
        who = QGroupBox("Requester")
        wl = QVBoxLayout(who)
        self.from_profile = _named(
            QRadioButton("Your saved &details (change them in Settings)"), "Use your saved details"
        )
        self.from_spec = _named(QRadioButton("A request spec file (&JSON)"), "Use a request spec")
        group = QButtonGroup(self)
        group.addButton(self.from_profile)
        group.addButton(self.from_spec)
        self.from_profile.setChecked(True)
        self.from_profile.toggled.connect(lambda _: self._update_requester())
        spec_row = QHBoxLayout()
        self.spec_path = _named(QLineEdit(), "Request spec file")
        self.spec_path.setReadOnly(True)
        self.spec_path.setPlaceholderText("Requester, records and options as JSON")
        self.spec_browse = _named(QPushButton("Lo&ad spec…"), "Load a request spec file")
        self.spec_browse.clicked.connect(self.browse_spec)
        spec_row.addWidget(self.spec_path, 1)
        spec_row.addWidget(self.spec_browse)
        self.requester_text = _named(QLabel(), "Requester in the letters")
        self.requester_text.setWordWrap(True)
        self.requester_text.setTextFormat(Qt.TextFormat.PlainText)
        self.spec_error = _named(QLabel(), "Problem with the request spec")
        self.spec_error.setStyleSheet(ERROR_STYLE)
        self.spec_error.setWordWrap(True)
        self.spec_error.hide()
        wl.addWidget(self.from_profile)
        wl.addWidget(self.from_spec)
        wl.addLayout(spec_row)
        wl.addWidget(self.requester_text)
        wl.addWidget(self.spec_error)
        wl.addStretch(1)
        lower.addWidget(who, 1)

        opts = QGroupBox("Options")
        of = QFormLayout(opts)
        self.fee_waiver = _named(QCheckBox("Ask for a fee &waiver"), "Ask for a fee waiver")
        self.fee_why = _named(QPlainTextEdit(), "Why fees should be waived")
        self.fee_why.setPlaceholderText("e.g. the records will be published for the public")
        self.fee_why.setMaximumHeight(54)
        self.fee_why.setTabChangesFocus(True)
        self.fee_cap = _named(QDoubleSpinBox(), "Fee limit in dollars")
        self.fee_cap.setRange(0, 100000)
        self.fee_cap.setDecimals(0)
        self.fee_cap.setPrefix("$")
        self.fee_cap.setSpecialValueText("No limit")
        self.fee_cap.setValue(50)
        self.electronic = QCheckBox("Records in electronic for&m")
        self.preservation = QCheckBox("Ask agencies to preser&ve the records")
        self.rolling = QCheckBox("Release records as they are ready (rollin&g)")
        for box in (self.electronic, self.preservation, self.rolling):
            box.setChecked(True)
            box.setAccessibleName(box.text().replace("&", ""))
        self.fee_waiver.toggled.connect(self._refresh)
        self.fee_why.textChanged.connect(self._refresh)
        of.addRow(self.fee_waiver)
        of.addRow("Wh&y:", self.fee_why)
        of.addRow("Ask before fees e&xceed:", self.fee_cap)
        of.addRow(self.electronic)
        of.addRow(self.preservation)
        of.addRow(self.rolling)
        note = QLabel(
            "Expedited processing is not offered here: whether it exists and what it needs "
            "differs by state. Load a spec to ask for it."
        )
        note.setWordWrap(True)
        of.addRow(note)
        lower.addWidget(opts, 1)
        layout.addLayout(lower)
        layout.addStretch(1)
        return page

    def browse_spec(self) -> None:
        path = messages.ask_open_path(
            self, "Load a request spec", self._start_dir, "Request spec (*.json);;All files (*)"
        )
        if path is not None:
            self.load_spec(path)

    def load_spec(self, path: Path) -> bool:
        from foia_assist.storage.spec_files import load_bulk_spec

        try:
            spec = load_bulk_spec(path)
        except UserError as exc:
            self.spec_error.setText(f"This spec can't be used: {exc}")
            self.spec_error.show()
            return False
        self.spec_path.setText(str(path))
        self.spec_error.hide()
        self.loaded_spec = spec
        self._apply_spec(spec)
        self.from_spec.setChecked(True)
        self._update_requester()
        return True

    def _apply_spec(self, spec: RequestSpec) -> None:
        """Fill the records checklist and options from a spec; they stay editable."""
        r, o = spec.records, spec.options
        self.records.restore(
            {
                "categories": list(r.categories),
                "vendors": list(r.vendors),
                "use_dates": r.date_from is not None or r.date_to is not None,
                "date_from": (r.date_from or date(2018, 1, 1)).isoformat(),
                "date_to": (r.date_to or self.today()).isoformat(),
                "custom": "\n".join(r.custom_items),
                "terms": ", ".join(r.search_terms),
                "state_law": r.include_state_frt_law,
            }
        )
        self.fee_waiver.setChecked(o.fee_waiver)
        self.fee_why.setPlainText(o.fee_waiver_justification)
        self.fee_cap.setValue(float(o.fee_cap or 0))
        self.electronic.setChecked(o.electronic_format)
        self.preservation.setChecked(o.preservation)
        self.rolling.setChecked(o.rolling_production)

    def requester(self) -> Requester:
        if self.from_spec.isChecked() and self.loaded_spec is not None:
            return self.loaded_spec.requester
        return self.profile

    def _update_requester(self) -> None:
        using_spec = self.from_spec.isChecked()
        self.spec_path.setEnabled(using_spec)
        if using_spec and self.loaded_spec is None:
            self.requester_text.setText("Load a spec file to use its requester.")
        else:
            r = self.requester()
            lines = [r.name or "(no name yet)", r.organisation, r.email, r.address, r.phone]
            if r.news_media:
                lines.append("Asks as a member of the news media")
            self.requester_text.setText("\n".join(line for line in lines if line))
        self._refresh()

    def options(self) -> Options:
        base = self.loaded_spec.options if self.loaded_spec is not None else Options()
        cap = self.fee_cap.value()
        return replace(
            base,
            fee_waiver=self.fee_waiver.isChecked(),
            fee_waiver_justification=self.fee_why.toPlainText().strip(),
            fee_cap=Decimal(str(int(cap))) if cap > 0 else None,
            electronic_format=self.electronic.isChecked(),
            rolling_production=self.rolling.isChecked(),
            preservation=self.preservation.isChecked(),
        )

    def base_spec(self) -> RequestSpec:
        """The request every letter shares; raises SpecError naming the field at fault."""
        loaded = self.loaded_spec
        records = self.records.records()
        if loaded is not None:  # the checklist has no custodians field; keep the spec's
            records = replace(records, custodians=loaded.records.custodians)
        base = loaded or RequestSpec(agency=PLACEHOLDER_AGENCY, requester=self.profile)
        spec = replace(base, requester=self.requester(), records=records, options=self.options())
        return RequestSpec.from_dict(spec.to_dict())

    # -- tab 4: output ------------------------------------------------------------------------

    def _output_tab(self, output_dir: Path | None) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        folder_row = QHBoxLayout()
        self.out_dir = _named(QLineEdit(), "Output folder")
        self.out_dir.setPlaceholderText("A folder for the letters, manifest.csv and rejected.csv")
        self.out_dir.textChanged.connect(self._refresh)
        self.out_browse = _named(QPushButton("B&rowse…"), "Choose the output folder")
        self.out_browse.clicked.connect(self.browse_out_dir)
        folder_row.addWidget(self.out_dir, 1)
        folder_row.addWidget(self.out_browse)
        folder_label = QLabel("Output &folder:")
        folder_label.setBuddy(self.out_dir)
        form.addRow(folder_label, folder_row)

        formats = QHBoxLayout()
        self.fmt_docx = _named(QCheckBox("&Word (DOCX)"), "Write DOCX files")
        self.fmt_pdf = _named(QCheckBox("&PDF"), "Write PDF files")
        self.fmt_txt = _named(QCheckBox("Plain &text"), "Write plain text files")
        self.fmt_docx.setChecked(True)
        for box in (self.fmt_docx, self.fmt_pdf, self.fmt_txt):
            box.toggled.connect(self._refresh)
            formats.addWidget(box)
        formats.addStretch(1)
        form.addRow("Formats:", formats)
        self.make_zip = _named(
            QCheckBox("Also make a &ZIP of the folder (beside it)"), "Also make a ZIP"
        )
        form.addRow(self.make_zip)

        sent_row = QHBoxLayout()
        self.use_sent = _named(QCheckBox("Letters are &sent on:"), "Letters have a sent date")
        self.sent_on = _named(QDateEdit(), "Sent on")
        self.sent_on.setCalendarPopup(True)
        self.sent_on.setDisplayFormat("yyyy-MM-dd")
        self.sent_on.setDate(to_qdate(self.today()))
        self.sent_on.setEnabled(False)
        self.use_sent.toggled.connect(self.sent_on.setEnabled)
        sent_row.addWidget(self.use_sent)
        sent_row.addWidget(self.sent_on)
        sent_row.addStretch(1)
        form.addRow(sent_row)
        sent_note = QLabel(
            "With a sent date, manifest.csv gives each agency's due date under its own law."
        )
        sent_note.setWordWrap(True)
        form.addRow(sent_note)

        self.track = _named(
            QCheckBox("Add every letter to the trac&ker"), "Add every letter to the tracker"
        )
        self.track.setToolTip("Each agency becomes a tracked request; with a sent date, as sent.")
        self.track.setVisible(self.tracker is not None)
        form.addRow(self.track)
        rerun = QLabel(
            "Each letter is named after its agency and jurisdiction. Exporting again to the "
            "same folder rewrites only the letters that changed."
        )
        rerun.setWordWrap(True)
        form.addRow(rerun)
        return page

    def browse_out_dir(self) -> None:
        current = self.out_dir.text().strip()
        path = messages.ask_folder(
            self, "Choose the output folder", Path(current) if current else self._start_dir
        )
        if path is not None:
            self.out_dir.setText(str(path))

    def formats(self) -> tuple[str, ...]:
        boxes = (("docx", self.fmt_docx), ("pdf", self.fmt_pdf), ("txt", self.fmt_txt))
        return tuple(fmt for fmt, box in boxes if box.isChecked())

    # -- export -------------------------------------------------------------------------------

    def _export_area(self) -> QWidget:
        area = QWidget()
        layout = QVBoxLayout(area)
        layout.setContentsMargins(0, 0, 0, 0)
        self.problem_label = _named(QLabel(), "Why export is not possible yet")
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)
        progress_row = QHBoxLayout()
        self.progress = _named(QProgressBar(), "Export progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("%v of %m")
        self.progress.hide()  # shown from the first export on
        self.progress_text = _named(QLabel(), "Export status")
        self.progress_text.setTextFormat(Qt.TextFormat.PlainText)
        progress_row.addWidget(self.progress, 2)
        progress_row.addWidget(self.progress_text, 3)
        layout.addLayout(progress_row)
        self.summary = _named(QPlainTextEdit(), "Export summary")
        self.summary.setReadOnly(True)
        self.summary.setTabChangesFocus(True)
        self.summary.setMaximumHeight(110)
        self.summary.hide()
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.export_button = _named(QPushButton("&Export letters"), "Export letters")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = _named(QPushButton("&Cancel export"), "Cancel export")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.open_button = _named(QPushButton("Ope&n folder"), "Open the output folder")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button = _named(QPushButton("Close"), "Close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons.addStretch(1)
        for b in (self.export_button, self.cancel_button, self.open_button, self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        return area

    def problem(self) -> str:
        """Why Export can't run yet, in plain words ('' when it can)."""
        if self.agencies is None:
            return "Choose the agency list (tab 1)."
        if not self.agencies.rows:
            return "None of the rows in the agency list can be used; fix the problems shown."
        records_problem = self.records.problem()
        if records_problem:
            return f"Records (tab 2): {records_problem}"
        if self.from_spec.isChecked() and self.loaded_spec is None:
            return "Load a request spec, or use your saved details (tab 3)."
        if not self.requester().name.strip():
            return "Your name is missing: fill it in under Settings, or load a request spec."
        if self.fee_waiver.isChecked() and not self.fee_why.toPlainText().strip():
            return "Say why fees should be waived, or untick the fee waiver (tab 3)."
        if not self.formats():
            return "Tick at least one format (tab 4)."
        if not self.out_dir.text().strip():
            return "Choose an output folder (tab 4)."
        try:
            self.base_spec()
        except SpecError as exc:
            return f"The request can't be made yet: {exc}"
        return ""

    def _refresh(self, *_: Any) -> None:
        if not hasattr(self, "export_button"):
            return  # still building the tabs
        self.fee_why.setEnabled(self.fee_waiver.isChecked())
        running = self.state in ("running", "cancelling")
        problem = "" if running else self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.export_button.setEnabled(not running and not problem)

    def start_export(self) -> Job | None:
        from foia_assist.services.bulk.exporter import BulkExport, BulkOptions

        problem = self.problem()
        if problem or self.state in ("running", "cancelling") or self.agencies is None:
            self._refresh()
            return None
        try:
            options = BulkOptions(
                out_dir=Path(self.out_dir.text().strip()).expanduser(),
                formats=self.formats(),
                sent=from_qdate(self.sent_on.date()) if self.use_sent.isChecked() else None,
                make_zip=self.make_zip.isChecked(),
                jobs=self.jobs,
            )
            spec = self.base_spec()
        except (UserError, SpecError) as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            return None
        self.export = export = BulkExport(
            self.letters, self.agencies, spec, options, self.today(), pdf_backend=self.pdf_backend
        )
        self.bulk_result = None
        self._cancel = cancel = threading.Event()
        self._set_state("running")
        total = len(self.agencies.rows)
        self.progress.show()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress_text.setText(f"Starting {total} letters…")
        self.summary.hide()
        # Cancel goes through the service's own event, not Job.cancel(): the service then
        # stops at its next letter and still writes the manifest of what is complete.
        self.job = self.runner.start(
            lambda: export.job(cancel),
            "Bulk export",
            progress=self._on_progress,
            finished=self._on_finished,
            failed=self._on_failed,
            cancelled=self._on_job_closed,
        )
        return self.job

    def cancel_export(self) -> None:
        if self.state != "running":
            return
        self._cancel.set()
        self._set_state("cancelling")
        self.progress_text.setText("Cancelling… finishing the current letter")

    def _on_progress(self, item: BulkProgress) -> None:
        if self.state not in ("running", "cancelling"):
            return
        self.progress.setMaximum(max(item.total, 1))
        self.progress.setValue(min(item.done, max(item.total, 1)))
        if self.state == "cancelling":
            return
        stage = STAGES.get(item.stage, item.stage)
        if item.stage == "writing":
            self.progress_text.setText(f"{stage} {item.done} of {item.total}: {item.message}")
        else:
            self.progress_text.setText(f"{stage}…")

    def _on_finished(self, result: BulkResult) -> None:
        from foia_assist.services.bulk.exporter import write_summary

        self.bulk_result = result
        text = write_summary(result)
        unexpected: Exception | None = None
        if self.track.isChecked() and self.tracker is not None:
            try:
                text += "\n" + self._add_to_tracker(result)
            except Exception as exc:  # a bug must not leave the dialog stuck in "running"
                text += "\nNot added to the tracker: an unexpected error (details in the log)."
                unexpected = exc
        self.summary.setPlainText(text)
        self.summary.show()
        done, total = len(result.exported), len(self.agencies.rows) if self.agencies else 0
        if result.cancelled:
            self.progress_text.setText(f"Cancelled after {done} of {total} letters.")
            self._set_state("cancelled")
        else:
            self.progress.setValue(self.progress.maximum())
            self.progress_text.setText(f"Done: {done} letters.")
            self._set_state("finished")
        if unexpected is not None:
            raise unexpected  # the crash handler logs it and offers a report

    def _add_to_tracker(self, result: BulkResult) -> str:
        from foia_assist.services.bulk.tracking import track_export

        assert self.tracker is not None
        if result.cancelled:
            return "Not added to the tracker, because the export was cancelled."
        if not result.exported:
            return "Nothing to add to the tracker."
        sent = from_qdate(self.sent_on.date()) if self.use_sent.isChecked() else None
        try:
            tracked = track_export(self.tracker, result, today=self.today(), sent=sent)
        except (UserError, OSError, sqlite3.Error) as exc:
            return f"Not added to the tracker: {exc}"
        self.tracked.emit(tracked.added)
        return tracked.summary()

    def _on_failed(self, exc: BaseException) -> None:
        self.progress_text.setText("The export stopped.")
        if isinstance(exc, UserError | OSError):
            reason = str(exc) if isinstance(exc, UserError) else f"{exc.strerror or exc}"
            self.summary.setPlainText(f"The export stopped: {reason}")
            self.summary.show()
            self._set_state("failed")
            return
        self.summary.setPlainText("The export stopped because of an unexpected error.")
        self.summary.show()
        self._set_state("failed")
        raise exc  # the crash handler logs it and offers a report

    def _on_job_closed(self) -> None:
        """The job was closed from outside (e.g. the window's cancel_all on quit)."""
        result = self.export.result if self.export is not None else None
        if result is not None:
            self._on_finished(result)
        else:
            self._set_state("cancelled")

    def _set_state(self, state: str) -> None:
        self.state = state
        running = state in ("running", "cancelling")
        self.cancel_button.setEnabled(state == "running")
        self.close_button.setEnabled(not running)
        for widget in (self.tabs,):
            widget.setEnabled(not running)
        self.open_button.setEnabled(
            state in ("finished", "cancelled", "failed") and self._out_exists()
        )
        self._refresh()
        if state == "running":
            self.cancel_button.setFocus()
        elif not running:
            (self.open_button if self.open_button.isEnabled() else self.close_button).setFocus()
            self.export_ended.emit(state)
            if self._close_when_done:
                super().reject()

    def _out_exists(self) -> bool:
        return self.export is not None and self.export.options.out_dir.is_dir()

    def open_folder(self) -> None:
        if self.export is not None:
            messages.open_path(self.export.options.out_dir)

    def reject(self) -> None:
        """Escape or the window's close button: a running export is cancelled first."""
        if self.state in ("running", "cancelling"):
            self._close_when_done = True
            self.cancel_export()
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self.state in ("running", "cancelling"):
            self._close_when_done = True
            self.cancel_export()
            event.ignore()
            return
        super().closeEvent(event)


def _qt_pdf_backend() -> PdfBackend:
    from foia_assist.gui.pdf_backend import html_to_pdf

    return html_to_pdf


@dataclass
class BulkServices:
    """What the dialog needs, for callers that don't have an `AppContext`."""

    jurisdictions: JurisdictionSet
    catalogue: Catalogue
    letters: LetterService
    requester: Requester
    runner: JobRunner
    tracker: TrackerService | None = None
    today: Callable[[], date] = date.today
    output_dir: Path | None = None


def open_bulk_dialog(
    parent: QWidget | None, ctx_or_services: AppContext | BulkServices
) -> BulkExportDialog:
    """Show the bulk export dialog (not blocking). From the main window:
    `open_bulk_dialog(self, self.ctx)`; it uses the window's runner, settings, today and
    output folder when the window has them, and reloads the window after tracking."""
    if isinstance(ctx_or_services, BulkServices):
        s = ctx_or_services
        dialog = BulkExportDialog(
            jurisdictions=s.jurisdictions,
            catalogue=s.catalogue,
            letters=s.letters,
            requester=s.requester,
            runner=s.runner,
            tracker=s.tracker,
            today=s.today,
            output_dir=s.output_dir,
            parent=parent,
        )
    else:
        ctx = ctx_or_services
        settings = getattr(parent, "settings", None) or ctx.settings_store.load().settings
        runner = getattr(parent, "runner", None)
        output_dir = getattr(parent, "output_dir", None)
        dialog = BulkExportDialog(
            jurisdictions=ctx.jurisdictions,
            catalogue=ctx.catalogue,
            letters=ctx.letters,
            requester=settings.requester,
            runner=runner if isinstance(runner, JobRunner) else JobRunner(parent=parent),
            tracker=ctx.tracker,
            today=getattr(parent, "today", date.today),
            output_dir=output_dir() if callable(output_dir) else None,
            contacts=lambda agency_id: ctx.contact_book.letter_agency(agency_id),
            parent=parent,
        )
    reload = getattr(parent, "reload", None)
    if callable(reload):
        dialog.tracked.connect(lambda _ids: reload())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
