"""Tab 3: who asks (saved details, typed here, or a spec file) and the options."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from foia_assist.domain.request import Options, Requester
from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.styles import error_style
from foia_assist.gui.widgets.options_form import OptionsForm
from foia_assist.gui.widgets.requester_form import RequesterFields

if TYPE_CHECKING:
    from foia_assist.domain.request import RequestSpec


class RequesterTab(QWidget):
    changed = Signal()
    spec_loaded = Signal(object)  # the RequestSpec read from a file

    def __init__(self, profile: Requester, start_dir: Path) -> None:
        super().__init__()
        self.profile = profile
        self.start_dir = start_dir
        self.loaded_spec: RequestSpec | None = None
        layout = QVBoxLayout(self)
        lower = QHBoxLayout()
        who = QGroupBox("Requester")
        wl = QVBoxLayout(who)
        self.from_profile = QRadioButton("Your &saved details (change them in Settings)")
        self.from_profile.setAccessibleName("Use your saved details")
        self.from_typed = QRadioButton("Type them &in here (a clinic or organisation)")
        self.from_typed.setAccessibleName("Type the requester's details here")
        self.from_spec = QRadioButton("A request spec file (&JSON)")
        self.from_spec.setAccessibleName("Use a request spec")
        group = QButtonGroup(self)
        for b in (self.from_profile, self.from_typed, self.from_spec):
            group.addButton(b)
        self.from_profile.setChecked(True)
        self.typed_box = QWidget()
        typed_form = QFormLayout(self.typed_box)
        typed_form.setContentsMargins(20, 0, 0, 0)
        self.typed = RequesterFields(typed_form)
        self.typed.fill(profile)
        t = self.typed
        for edit in (t.name, t.organisation, t.email, t.phone, t.residence):
            edit.textChanged.connect(lambda _: self._update())
        t.news_media.toggled.connect(lambda _: self._update())
        self.typed.address.textChanged.connect(self._update)
        spec_row = QHBoxLayout()
        self.spec_path = QLineEdit()
        self.spec_path.setAccessibleName("Request spec file")
        self.spec_path.setReadOnly(True)
        self.spec_path.setPlaceholderText("Requester, records and options as JSON")
        self.spec_browse = QPushButton("Choose spec &file…")
        self.spec_browse.setAccessibleName("Load a request spec file")
        self.spec_browse.clicked.connect(self.browse_spec)
        spec_row.addWidget(self.spec_path, 1)
        spec_row.addWidget(self.spec_browse)
        self.requester_text = QLabel()
        self.requester_text.setAccessibleName("Requester in the letters")
        self.requester_text.setWordWrap(True)
        self.requester_text.setTextFormat(Qt.TextFormat.PlainText)
        self.spec_error = QLabel()
        self.spec_error.setAccessibleName("Problem with the request spec")
        self.spec_error.setStyleSheet(error_style())
        self.spec_error.setWordWrap(True)
        self.spec_error.hide()
        wl.addWidget(self.from_profile)
        wl.addWidget(self.from_typed)
        wl.addWidget(self.typed_box)
        wl.addWidget(self.from_spec)
        wl.addLayout(spec_row)
        wl.addWidget(self.requester_text)
        wl.addWidget(self.spec_error)
        wl.addStretch(1)
        lower.addWidget(who, 1)

        self.options_form = OptionsForm(with_expedited=False, agencies="agencies")
        self.options_form.changed.connect(self.changed.emit)
        note = QLabel(
            "Expedited processing is not offered here: whether it exists and what it needs "
            "differs by state. Load a spec to ask for it."
        )
        note.setWordWrap(True)
        self.options_form.form.addRow(note)
        lower.addWidget(self.options_form, 1)
        layout.addLayout(lower)
        layout.addStretch(1)
        for b in (self.from_profile, self.from_typed, self.from_spec):
            b.toggled.connect(lambda _: self._update())
        self._update()

    def browse_spec(self) -> None:
        path = messages.ask_open_path(
            self, "Load a request spec", self.start_dir, "Request spec (*.json);;All files (*)"
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
        self.options_form.set_options(spec.options)
        self.spec_loaded.emit(spec)
        self.from_spec.setChecked(True)
        self._update()
        return True

    def requester(self) -> Requester:
        if self.from_spec.isChecked() and self.loaded_spec is not None:
            return self.loaded_spec.requester
        if self.from_typed.isChecked():
            return self.typed.requester()
        return self.profile

    def options(self) -> Options:
        base = self.loaded_spec.options if self.loaded_spec is not None else None
        return self.options_form.options(base)

    def problem(self) -> str:
        """Why the requester side cannot be used yet ('' when it can)."""
        if self.from_spec.isChecked() and self.loaded_spec is None:
            return "Load a request spec, or use your saved details (tab 3)."
        if not self.requester().name.strip():
            if self.from_typed.isChecked():
                return "Type the requester's name (tab 3)."
            return "Your name is missing: fill it in under Settings, or load a request spec."
        problems = self.options_form.problems()
        if problems:
            return f"{problems[0][:-1]} (tab 3)."
        return ""

    def _update(self) -> None:
        using_spec = self.from_spec.isChecked()
        self.spec_path.setEnabled(using_spec)
        self.typed_box.setVisible(self.from_typed.isChecked())
        if using_spec and self.loaded_spec is None:
            self.requester_text.setText("Load a spec file to use its requester.")
        elif self.from_typed.isChecked():
            self.requester_text.setText("")
        else:
            r = self.requester()
            lines = [r.name or "(no name yet)", r.organisation, r.email, r.address, r.phone]
            if r.news_media:
                lines.append("Asks as a member of the news media")
            self.requester_text.setText("\n".join(line for line in lines if line))
        self.changed.emit()
