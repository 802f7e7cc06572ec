"""Every modal question or message the window asks, in one place.

Tests replace these functions (monkeypatch) so that no modal dialog blocks them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def ask_password(parent: QWidget | None, title: str, text: str) -> str | None:
    """The SMTP password for this send only; None when the user cancels."""
    value, ok = QInputDialog.getText(parent, title, text, QLineEdit.EchoMode.Password)
    return value if ok else None


def ask_save_path(parent: QWidget | None, title: str, suggested: Path, filters: str) -> Path | None:
    """A file to write; None when the user cancels."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(name) if name else None


def ask_open_path(parent: QWidget | None, title: str, start: Path, filters: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(parent, title, str(start), filters)
    return Path(name) if name else None


def ask_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(name) if name else None


def open_path(path: Path) -> bool:
    """Open a file or folder with the system's default application."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def run_dialog(dialog: QDialog) -> bool:
    """Show a modal dialog; True when accepted. Tests replace this to fill and accept it."""
    return dialog.exec() == QDialog.DialogCode.Accepted
