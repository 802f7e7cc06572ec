"""Settings' "Shared tracker" section: the team's database, who you are, and a test.

The database URL never holds the password: the password goes to the system keyring only.
Without a secure keyring the box says so, the password field is disabled and nothing is
stored (PGPASSWORD or ~/.pgpass then supply it). "Test connection" runs on the thread pool
(a server that does not answer must not freeze the window) and shows one line.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from foia_assist.errors import UserError
from foia_assist.gui.styles import caution_style, error_style
from foia_assist.gui.widgets.wrapped_label import WrappedLabel
from foia_assist.gui.workers import JobRunner
from foia_assist.storage.secrets import SecretStatus
from foia_assist.storage.settings_peek import login_name

# check(url, password or None) -> one line saying what was found; raises UserError.
ConnectionCheck = Callable[[str, str | None], str]

NO_KEYRING_NOTE = (
    "No secure keyring on this computer: the database password cannot be saved here and "
    "nothing is stored. Give it with PGPASSWORD or ~/.pgpass instead (see the team tracker "
    "guide)."
)


class SharedTrackerBox(QGroupBox):
    def __init__(
        self,
        database_url: str,
        user_name: str,
        keyring: SecretStatus,
        check: ConnectionCheck | None,
        runner: JobRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Shared tracker (a team's PostgreSQL database)", parent)
        self.check = check
        self.runner = runner or JobRunner(parent=self)
        self.keyring = keyring
        form = QFormLayout(self)
        self.url = QLineEdit(database_url)
        self.url.setPlaceholderText("empty: this computer only · postgresql://you@server/foia")
        self.url.setAccessibleName("Database URL")
        self.url.setToolTip(
            "Leave empty to keep the tracker on this computer. A team's server: "
            "postgresql://USER@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=CA.pem. "
            "Takes effect when FOIA Assist is started again."
        )
        self.user_name = QLineEdit(user_name)
        self.user_name.setPlaceholderText(login_name() or "your name")
        self.user_name.setAccessibleName("Your name on the shared tracker")
        self.user_name.setToolTip("Recorded with every event you log and every change you make")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Database password")
        self.keyring_note = WrappedLabel()
        self.keyring_note.setAccessibleName("Where the database password is kept")
        if keyring.secure:
            self.keyring_note.setText("The password is kept in the system keyring only.")
        else:
            self.keyring_note.setText(NO_KEYRING_NOTE)
            self.keyring_note.setStyleSheet(caution_style())
            self.password.setEnabled(False)
            self.password.setPlaceholderText("not saved: no secure keyring")
        row = QHBoxLayout()
        self.test_button = QPushButton("&Test connection")
        self.test_button.setAccessibleName("Test the connection to the database")
        self.test_button.clicked.connect(self.test_connection)
        self.test_button.setEnabled(check is not None)
        # On its own wrapped row: beside the button a refusal ran past the box's edge, cut
        # mid-word ("asks for a p…"), and squeezed the keyring note above it.
        self.result = WrappedLabel()
        self.result.setAccessibleName("Result of the connection test")
        row.addWidget(self.test_button)
        row.addStretch(1)
        url_label = QLabel("Data&base:")
        url_label.setBuddy(self.url)
        name_label = QLabel("Your &name:")
        name_label.setBuddy(self.user_name)
        password_label = QLabel("Passwor&d:")
        password_label.setBuddy(self.password)
        form.addRow(url_label, self.url)
        form.addRow(name_label, self.user_name)
        form.addRow(password_label, self.password)
        form.addRow(self.keyring_note)
        form.addRow(row)
        form.addRow(self.result)
        self._job: Any = None

    def typed_password(self) -> str | None:
        """The password typed here, if any (None: keep whatever is saved)."""
        text = self.password.text()
        return text if text and self.keyring.secure else None

    def test_connection(self) -> None:
        if self.check is None or self.runner.is_running(self._job):
            return
        check, url, password = self.check, self.url.text().strip(), self.typed_password()
        self.result.setText("Connecting…")
        self.test_button.setEnabled(False)

        def job() -> Generator[None, None, str]:
            return check(url, password)
            yield  # a generator: JobRunner's jobs are

        def finished(text: Any) -> None:
            self._show(str(text), ok=True)

        def failed(exc: Any) -> None:
            reason = str(exc) if isinstance(exc, UserError) else f"{type(exc).__name__}: {exc}"
            self._show(reason, ok=False)

        self._job = self.runner.start(job, "Test connection", finished=finished, failed=failed)

    def _show(self, text: str, *, ok: bool) -> None:
        line = " ".join(text.split())
        self.result.setText(("✓ " if ok else "✗ ") + line)
        self.result.setStyleSheet("" if ok else error_style())
        self.result.setToolTip(line)
        self.test_button.setEnabled(True)
