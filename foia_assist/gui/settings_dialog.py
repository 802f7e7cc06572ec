"""Settings: your details, where letters go, the outgoing mail account, the data folder,
and the shared tracker (a team's database, your name on it: `widgets/shared_tracker_box.py`).

The SMTP password goes to the system keyring only. Without a secure keyring the dialog says
so in plain words and the app asks for the password at each send; nothing is written to disk.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from foia_assist.domain.request import Requester, is_valid_email
from foia_assist.domain.text_rules import has_control_characters
from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.styles import caution_style, error_style
from foia_assist.gui.widgets.requester_form import RequesterFields
from foia_assist.gui.widgets.shared_tracker_box import ConnectionCheck, SharedTrackerBox
from foia_assist.gui.workers import JobRunner
from foia_assist.paths import AppPaths
from foia_assist.storage.database_url import PostgresTarget, parse_database_url
from foia_assist.storage.secrets import SecretStore, SecretStoreError
from foia_assist.storage.settings import (
    DEFAULT_PORTS,
    SMTP_SECURITY,
    Settings,
    SmtpSecurity,
    SmtpSettings,
)
from foia_assist.storage.settings_peek import database_url_to_store

SECURITY_LABELS = {
    "starttls": "STARTTLS (usually port 587)",
    "ssl": "SSL/TLS (usually port 465)",
    "none": "None — only for a server on this computer",
}


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        secrets: SecretStore,
        paths: AppPaths,
        parent: QWidget | None = None,
        *,
        check_database: ConnectionCheck | None = None,
        runner: JobRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.secrets = secrets
        self.paths = paths
        self.status = secrets.status()
        self.setWindowTitle("Settings — FOIA Assist")
        self.setAccessibleName("Settings")
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        layout.addLayout(columns)
        left = QVBoxLayout()
        left.addWidget(self._profile_box(settings.requester))
        self.shared = SharedTrackerBox(
            settings.database_url, settings.user_name, self.status, check_database, runner, self
        )
        left.addWidget(self.shared)
        left.addStretch(1)
        columns.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self._mail_box(settings.smtp))
        right.addWidget(self._folders_box(settings.output_dir))
        right.addStretch(1)
        columns.addLayout(right, 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(error_style())
        self.problem.setAccessibleName("Problems with the settings")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        self.setMinimumWidth(880)

    # -- boxes --------------------------------------------------------------------------------

    def _profile_box(self, r: Requester) -> QGroupBox:
        box = QGroupBox("You (printed in your letters)")
        form = QFormLayout(box)
        self.fields = RequesterFields(form)
        self.fields.fill(r)
        # The rest of the dialog (and its tests) read the fields by these names.
        self.name, self.email = self.fields.name, self.fields.email
        return box

    def _mail_box(self, s: SmtpSettings) -> QGroupBox:
        box = QGroupBox("Sending email (outgoing mail server)")
        form = QFormLayout(box)
        self.host = QLineEdit(s.host)
        self.host.setPlaceholderText("e.g. smtp.example.org")
        self.host.setAccessibleName("Mail server")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(s.port)
        self.port.setAccessibleName("Port")
        self.security = QComboBox()
        self.security.setAccessibleName("Security")
        for key in SMTP_SECURITY:
            self.security.addItem(SECURITY_LABELS[key], key)
        self.security.setCurrentIndex(SMTP_SECURITY.index(s.security))
        self.security.currentIndexChanged.connect(self._security_changed)
        self.user = QLineEdit(s.user)
        self.user.setAccessibleName("User name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setAccessibleName("Where the password is kept")
        self.save_password = QRadioButton("Keep the password in the system keyring")
        self.save_password.setAccessibleName("Keep the password in the system keyring")
        self.ask_password = QRadioButton("Ask for the password each time I send")
        self.ask_password.setAccessibleName("Ask for the password each time I send")
        form.addRow("&Server:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("Se&curity:", self.security)
        form.addRow("&User:", self.user)
        form.addRow("Pass&word:", self.password)
        form.addRow(self.save_password)
        form.addRow(self.ask_password)
        form.addRow(self.keyring_note)
        if self.status.secure:
            self.keyring_note.setText(self.status.message)
            (self.save_password if s.remember_password else self.ask_password).setChecked(True)
            if s.configured and self._has_saved_password(s):
                self.password.setPlaceholderText("saved in the keyring — leave empty to keep it")
        else:
            self.keyring_note.setText(self.status.message)
            self.keyring_note.setStyleSheet(caution_style())
            self.save_password.setEnabled(False)
            self.ask_password.setChecked(True)
            self.password.setEnabled(False)
            self.password.setPlaceholderText("you will be asked when you send")
        self.save_password.toggled.connect(self.password.setEnabled)
        return box

    def _folders_box(self, output_dir: str) -> QGroupBox:
        box = QGroupBox("Folders")
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.output_dir = QLineEdit(output_dir)
        self.output_dir.setPlaceholderText(str(Path.home() / "Documents"))
        self.output_dir.setAccessibleName("Default folder for letters")
        choose = QPushButton("Choos&e…")  # "P&hone" has H
        choose.setAccessibleName("Choose the default folder for letters")
        choose.clicked.connect(self._choose_output)
        row.addWidget(self.output_dir, 1)
        row.addWidget(choose)
        label = QLabel("Lette&rs go to:")  # "Emai&l" has L
        label.setBuddy(self.output_dir)
        form.addRow(label, row)
        data_row = QHBoxLayout()
        self.data_dir = QLabel(str(self.paths.data_dir))
        self.data_dir.setWordWrap(True)
        self.data_dir.setAccessibleName("Data folder")
        open_data = QPushButton("&Open")
        open_data.setAccessibleName("Open the data folder")
        open_data.clicked.connect(lambda: messages.open_path(self.paths.data_dir))
        data_row.addWidget(self.data_dir, 1)
        data_row.addWidget(open_data)
        form.addRow("Your data:", data_row)
        # One choice for every PDF (a single letter and bulk export alike).
        self.pdf_renderer = QComboBox()
        self.pdf_renderer.setAccessibleName("How letters are made into PDF")
        for text, value in (
            ("LibreOffice if installed, else built-in", "auto"),
            ("LibreOffice (closest to Word)", "libreoffice"),
            ("Built-in (faster for bulk)", "built-in"),
        ):
            self.pdf_renderer.addItem(text, value)
        index = self.pdf_renderer.findData(self.settings.pdf_renderer)
        self.pdf_renderer.setCurrentIndex(max(index, 0))
        form.addRow("PDF renderer:", self.pdf_renderer)
        return box

    # -- behaviour ----------------------------------------------------------------------------

    def _has_saved_password(self, s: SmtpSettings) -> bool:
        try:
            return self.secrets.get(s.secret_account) is not None
        except SecretStoreError:
            return False

    def _security_changed(self, _: int) -> None:
        key: SmtpSecurity = self.security.currentData()
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[key])

    def _choose_output(self) -> None:
        start = Path(self.output_dir.text() or Path.home())
        chosen = messages.ask_folder(self, "Default folder for letters", start)
        if chosen is not None:
            self.output_dir.setText(str(chosen))

    def result_settings(self) -> Settings:
        requester = self.fields.requester()
        smtp = SmtpSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=self.security.currentData(),
            user=self.user.text().strip(),
            remember_password=self.status.secure and self.save_password.isChecked(),
        )
        # Settings this dialog does not show are kept as they were.
        return replace(
            self.settings,
            requester=requester,
            output_dir=self.output_dir.text().strip(),
            smtp=smtp,
            pdf_renderer=self.pdf_renderer.currentData(),
            user_name=self.shared.user_name.text().strip(),
            database_url=self.shared.url.text().strip(),
        )

    def problems(self) -> list[str]:
        out = []
        email = self.email.text().strip()
        if email and not is_valid_email(email):
            out.append(f"“{email}” is not a valid email address.")
        if any(c.isspace() for c in self.host.text().strip()):
            out.append("The mail server name can't contain spaces.")
        name = self.shared.user_name.text()
        if has_control_characters(name):
            out.append("Your name on the shared tracker must be one line of plain text.")
        try:
            database_url_to_store(self.shared.url.text())
        except UserError as exc:
            out.append(f"The shared tracker's database: {exc}.")
        return out

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.problem.setText(" ".join(problems))
            return
        new = self.result_settings()
        try:
            self._store_password(new.smtp)
            new = self._store_database_password(new)
        except SecretStoreError as exc:
            self.problem.setText(str(exc))
            return
        self.settings = new
        super().accept()

    def _store_database_password(self, new: Settings) -> Settings:
        """The database password typed (or written into the URL) goes to the keyring only;
        the URL kept in the settings never holds one."""
        if not new.database_url:
            return new
        target = parse_database_url(new.database_url)
        if not isinstance(target, PostgresTarget):
            return new
        password = self.shared.typed_password() or target.password
        if password and self.status.secure:
            self.secrets.set(target.secret_account, password)
        return replace(new, database_url=database_url_to_store(new.database_url))

    def _store_password(self, smtp: SmtpSettings) -> None:
        old = self.settings.smtp
        password = self.password.text()
        if not smtp.remember_password:
            # Forget anything saved earlier for this or the previous account.
            for account in {old.secret_account, smtp.secret_account}:
                self.secrets.delete(account)
            return
        if password:
            self.secrets.set(smtp.secret_account, password)
            if old.secret_account != smtp.secret_account:
                self.secrets.delete(old.secret_account)
