"""Start the window: QApplication, names, crash handler, main window, event loop."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from foia_assist import __version__
from foia_assist.gui.window_settings import WINDOW_SETTINGS_FILE, window_settings
from foia_assist.paths import AppPaths
from foia_assist.services.desktop_entry import APP_ID, icon_path

__all__ = ["WINDOW_SETTINGS_FILE", "ensure_application", "run", "window_settings"]

if TYPE_CHECKING:
    from foia_assist.app import AppContext

ORGANISATION = "FOIA Assist"
APPLICATION = "FOIA Assist"


def ensure_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APPLICATION)
    # Every window and dialog carries the icon; Wayland matches the window to the menu entry
    # by the desktop file's name.
    app.setWindowIcon(QIcon(str(icon_path())))
    app.setDesktopFileName(APP_ID)
    return app


def _setup_logging(paths: AppPaths) -> None:
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(paths.log_dir / "foia-assist.log", "a")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("foia_assist")
    if not root.handlers:
        root.addHandler(handler)
        root.setLevel(logging.INFO)


def install_pdf_renderer(ctx: AppContext) -> None:
    """Letters made from the window can be PDFs even without LibreOffice (Qt renders them)."""

    def render(html: str, out: Path) -> None:
        from foia_assist.gui.pdf_backend import html_to_pdf

        html_to_pdf(html, out)

    ctx.html_pdf_renderer = render


def run(ctx: AppContext) -> int:
    from foia_assist.errors import UserError
    from foia_assist.gui.crash import CrashHandler
    from foia_assist.gui.main_window import MainWindow

    app = ensure_application()
    try:
        ctx.paths.ensure()
    except OSError as exc:
        print(f"foia-assist: can't create the data folder: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    _setup_logging(ctx.paths)
    crash = CrashHandler(ctx.paths.log_dir)
    crash.install()
    install_pdf_renderer(ctx)
    try:
        window = MainWindow(ctx, defer_load=True)
    except UserError as exc:
        crash.show_dialog("FOIA Assist can't start", str(exc))
        return exc.exit_code
    window.show()
    app.processEvents()  # on screen first; then read the data (after_show)
    window.after_show()
    try:
        return int(app.exec())
    finally:
        crash.uninstall()
