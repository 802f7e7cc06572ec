"""The few colours the window sets itself; everything else follows the system palette.

Error text is dark red on a light palette and a light red on a dark one, so it stays
readable in either (checked by tests with a dark palette).
"""

from __future__ import annotations

ERROR_STYLE = "QLabel { color: #a40000; }"
ERROR_STYLE_DARK = "QLabel { color: #ff9a9a; }"


def is_dark() -> bool:
    from PySide6.QtGui import QGuiApplication, QPalette

    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    window = app.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def error_style() -> str:
    return ERROR_STYLE_DARK if is_dark() else ERROR_STYLE
