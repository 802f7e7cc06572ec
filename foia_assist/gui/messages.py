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


def open_or_explain(parent: QWidget | None, path: Path) -> bool:
    """Open `path`; when no program on this computer opens it, say so and where it is
    (the button used to do nothing at all)."""
    if open_path(path):
        return True
    what = "folder" if path.is_dir() else "file"
    show_error(
        parent,
        f"Can't open the {what}",
        f"No program on this computer could open {path.name}. You will find it here: {path}",
    )
    return False


def run_dialog(dialog: QDialog) -> bool:
    """Show a modal dialog; True when accepted. Tests replace this to fill and accept it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_done(parent: QWidget | None, title: str, text: str, path: Path) -> None:
    """Say what was written, with a button that shows it in its folder (the next step)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    show = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if box.clickedButton() is show:
        open_or_explain(parent, path.parent)


def confirm_preview(
    parent: QWidget | None, title: str, html_text: str, warnings: list[str]
) -> bool:
    """Show a letter before it is saved; True when the user goes on to save it."""
    dialog = preview_dialog(parent, title, html_text, warnings)
    return dialog.exec() == QDialog.DialogCode.Accepted


def preview_dialog(
    parent: QWidget | None, title: str, html_text: str, warnings: list[str]
) -> QDialog:
    """The letter preview: warnings, the letter, Save as… and Cancel."""
    import html as html_module

    from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout

    from foia_assist.gui.screen_fit import fit_to_screen

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    layout = QVBoxLayout(dialog)
    if warnings:
        items = "".join(f"<li>{html_module.escape(w)}</li>" for w in warnings)
        note = QTextBrowser()
        note.setAccessibleName("Before you send")
        note.setHtml(f"<b>Before you send:</b><ul>{items}</ul>")
        note.setMaximumHeight(110)
        layout.addWidget(note)
    view = QTextBrowser()
    view.setAccessibleName("Letter preview")
    view.setHtml(html_text)
    layout.addWidget(view, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    save = buttons.addButton("&Save as…", QDialogButtonBox.ButtonRole.AcceptRole)
    save.setAccessibleName("Save the letter")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(760, 640)
    fit_to_screen(dialog)  # on a 640-pixel screen, Save as… was below the edge
    return dialog
